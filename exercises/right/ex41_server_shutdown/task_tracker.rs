//! RIGHT ANSWER (kept so `cargo xtask verify` proves the grader accepts it): exercise 41
//! with `tokio_util::task::TaskTracker` instead of a `JoinSet`. A tracker cannot abort
//! its tasks, so each handler runs inside a `select!` against a second token, `cut`,
//! cancelled at the deadline; `tracker.wait()` then returns once every task has ended.

use std::future::Future;
use std::time::Duration;
use tokio::net::{TcpListener, TcpStream};
use tokio_util::sync::CancellationToken;
use tokio_util::task::TaskTracker;

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
    let tracker = TaskTracker::new();
    let cut = CancellationToken::new();
    loop {
        let (stream, _) = tokio::select! {
            () = shutdown.cancelled() => break,
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(_) => continue,
            },
        };
        let work = handler(stream, shutdown.child_token());
        let cut = cut.clone();
        tracker.spawn(async move {
            tokio::select! {
                () = work => {}
                () = cut.cancelled() => {} // drops the handler
            }
        });
    }
    drop(listener);
    tracker.close();
    if tokio::time::timeout(deadline, tracker.wait())
        .await
        .is_err()
    {
        cut.cancel();
        tracker.wait().await;
    }
}
