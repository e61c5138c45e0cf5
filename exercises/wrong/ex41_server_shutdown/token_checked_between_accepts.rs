//! WRONG on purpose — a fixture for `cargo xtask verify`: the accept loop looks at the
//! token only between connections (`while !shutdown.is_cancelled()`), so when the token
//! is cancelled it is still waiting in `accept()`, and the next client to arrive is
//! served after the shutdown began. The check
//! `stops_accepting_finishes_quick_requests_and_cuts_stuck_ones` must catch it.

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
    while !shutdown.is_cancelled() {
        if let Ok((stream, _)) = listener.accept().await {
            handlers.spawn(handler(stream, shutdown.clone()));
        }
    }
    drop(listener); // stop accepting: new clients are refused from now on
    let all_done = async { while handlers.join_next().await.is_some() {} };
    if tokio::time::timeout(deadline, all_done).await.is_err() {
        handlers.shutdown().await; // abort the rest, and wait until they are gone
    }
}
