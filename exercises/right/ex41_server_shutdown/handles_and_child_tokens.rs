//! RIGHT, unlike the reference — a fixture for `cargo xtask verify`: exercise 41 with a
//! `Vec<JoinHandle>` (finished ones dropped at each accept), a child token per handler,
//! the accept loop as one future raced against `cancelled()`, and at the deadline
//! `AbortHandle::abort` on each, then waiting on the same `join_all`. It must pass every
//! check.

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
    let mut handlers: Vec<tokio::task::JoinHandle<()>> = Vec::new();
    let accepting = async {
        while let Ok((stream, _)) = listener.accept().await {
            handlers.retain(|handle| !handle.is_finished());
            handlers.push(tokio::spawn(handler(stream, shutdown.child_token())));
        }
    };
    tokio::select! {
        () = shutdown.cancelled() => {}
        () = accepting => {}
    }
    drop(listener);
    let aborts: Vec<_> = handlers
        .iter()
        .map(|handle| handle.abort_handle())
        .collect();
    let all_done = futures::future::join_all(handlers.iter_mut());
    let mut all_done = std::pin::pin!(all_done);
    if tokio::time::timeout(deadline, &mut all_done).await.is_err() {
        aborts.iter().for_each(tokio::task::AbortHandle::abort);
        all_done.await;
    }
}
