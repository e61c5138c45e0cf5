//! Exercise 41 — reference solution: graceful shutdown of a server.
//!
//! The handlers live in a `JoinSet`, so the server always knows which are still running.
//! Shutting down is three steps: stop accepting (the listener is dropped), give the
//! handlers until the deadline to finish — they watch the same token — and abort the
//! rest with `JoinSet::shutdown`, which also waits until the aborted tasks are gone.

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
    let all_done = async { while handlers.join_next().await.is_some() {} };
    if tokio::time::timeout(deadline, all_done).await.is_err() {
        handlers.shutdown().await; // abort the rest, and wait until they are gone
    }
}
