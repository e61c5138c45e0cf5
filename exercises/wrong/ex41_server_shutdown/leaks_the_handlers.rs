//! WRONG on purpose — a fixture for `cargo xtask verify`: the handlers are spawned with
//! plain `tokio::spawn` and forgotten, so when the token is cancelled `serve` returns at
//! once while every handler task is still running (and a stuck one is never cut). The
//! check `stops_accepting_finishes_quick_requests_and_cuts_stuck_ones` counts the
//! handlers alive when `serve` returns and must catch it.

use std::future::Future;
use std::time::Duration;
use tokio::net::{TcpListener, TcpStream};
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
    loop {
        tokio::select! {
            () = shutdown.cancelled() => break,
            accepted = listener.accept() => {
                if let Ok((stream, _)) = accepted {
                    tokio::spawn(handler(stream, shutdown.clone()));
                }
            }
        }
    }
    let _ = deadline; // the handlers see the token; surely they will finish
}
