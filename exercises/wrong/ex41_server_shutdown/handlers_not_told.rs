//! WRONG on purpose — a fixture for `cargo xtask verify`: exercise 41 that hands each
//! handler a fresh `CancellationToken::new()` instead of the shutdown token (a clone or
//! a child), so no handler ever learns of the shutdown: idle clients are never told and
//! are cut at the deadline. `stops_accepting_finishes_quick_requests_and_cuts_stuck_ones`
//! ("the idle client was never told") and `returns_as_soon_as_the_last_handler_is_done`
//! must catch it.

use std::future::Future;
use std::time::Duration;
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinSet;
use tokio_util::sync::CancellationToken;

/// Serves every connection on `listener` with `handler`, each in a task of its own,
/// until `shutdown` is cancelled; then waits up to `deadline` for the handlers, cuts the
/// rest, and returns once none is left.
pub async fn serve<H, Fut>(
    listener: TcpListener,
    shutdown: CancellationToken,
    deadline: Duration,
    handler: H,
) where
    H: Fn(TcpStream, CancellationToken) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    let mut handlers = JoinSet::new();
    loop {
        tokio::select! {
            () = shutdown.cancelled() => break,
            accepted = listener.accept() => {
                if let Ok((stream, _)) = accepted {
                    handlers.spawn(handler(stream, CancellationToken::new()));
                }
            }
            // Collect handlers that have finished, so the set holds only live ones.
            Some(_) = handlers.join_next() => {}
        }
    }
    drop(listener); // stop accepting: new clients are refused from now on
    let all_done = async { while handlers.join_next().await.is_some() {} };
    if tokio::time::timeout(deadline, all_done).await.is_err() {
        handlers.shutdown().await; // abort the rest, and wait until they are gone
    }
}
