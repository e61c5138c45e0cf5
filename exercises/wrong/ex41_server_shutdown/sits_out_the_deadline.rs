//! WRONG on purpose — a fixture for `cargo xtask verify`: after the cancellation `serve`
//! sleeps for the whole deadline and only then aborts what is left, so it returns at the
//! deadline even when every handler was done long before. The check
//! `returns_as_soon_as_the_last_handler_is_done` must catch it.

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
                    handlers.spawn(handler(stream, shutdown.clone()));
                }
            }
            // Collect handlers that have finished, so the set holds only live ones.
            Some(_) = handlers.join_next() => {}
        }
    }
    drop(listener); // stop accepting: new clients are refused from now on
    tokio::time::sleep(deadline).await; // give the handlers their time
    handlers.shutdown().await; // abort the rest, and wait until they are gone
}
