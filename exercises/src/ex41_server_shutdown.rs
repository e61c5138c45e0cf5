//! Exercise 41 — graceful shutdown of a server (lesson 4.6, "Graceful shutdown of a
//! server").
//!
//! Write `serve`: accept connections on `listener` and run `handler(stream, token)` for
//! each one in a task of its own, until `shutdown` is cancelled. Then shut down
//! gracefully:
//!
//! - stop accepting at once: no connection that arrives after the cancellation is handed
//!   to `handler` (drop the listener, and new clients are refused);
//! - tell the handlers: each one was given `shutdown` (a clone, or a child token), sees it
//!   cancelled, finishes the request it is working on, tells its client
//!   `* server shutting down` and returns — the grader's handler does that part;
//! - wait for the handler tasks, but no longer than `deadline` after the cancellation;
//!   cut (abort) the ones still running then — a stuck request must not hold the server
//!   up — and return as soon as every handler task has ended, not before.
//!
//! The grader gives its own handler: a client's line `work S` takes S seconds and is
//! answered `done S`; between requests, the handler watches the token. It counts its
//! handlers: when each started and when it was dropped (finished, or aborted). On the
//! paused clock, over real connections on 127.0.0.1, it checks that after the
//! cancellation no new connection is served; a quick request in flight finishes and its
//! client is told; a stuck one is cut at the deadline; `serve` returns at the deadline
//! — or sooner, as soon as the last handler is done — and no handler is alive when it
//! returns. (Aborting a task does not end it on the spot: wait for it afterwards —
//! `JoinSet::shutdown().await`, or `TaskTracker::wait()` — before you return.)

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
    // TODO: loop: `tokio::select!` between `shutdown.cancelled()` (stop) and
    // `listener.accept()` (spawn `handler(stream, shutdown.clone())` into a `JoinSet`
    // or a `TaskTracker`).
    // TODO: then drop the listener, wait for the handlers with `tokio::time::timeout`,
    // and cut those still running when the deadline passes.
    todo!("serve until shutdown, then shut down gracefully")
}
