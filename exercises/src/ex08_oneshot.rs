//! Exercise 8 — a future completed by another task (lesson 4.2).
//!
//! In asyncio you can create a bare `asyncio.Future`, hand it to someone else, and
//! `await` it until they call `fut.set_result(value)`. Tokio splits that object in two:
//! `tokio::sync::oneshot::channel()` gives a `Sender`, to be used once to send the value,
//! and a `Receiver`, a future of that value. If the sender is dropped without sending,
//! the receiver does not hang forever: it finishes with an error.
//!
//! Grade: `cargo xtask check ex08` · Stuck? `cargo xtask hint ex08`

use std::time::Duration;
use tokio::sync::oneshot;

/// How long the worker takes to compute its answer.
pub const WORK_TIME: Duration = Duration::from_secs(1);

/// The worker went away without ever replying. (Given.)
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WorkerGone;

/// Starts a worker task that computes `input * input`, which takes `WORK_TIME`, and
/// returns at once with a receiver on which the answer will arrive.
///
/// Not an `async fn`: the worker must get going on its own, whether or not anyone is
/// waiting on the receiver yet.
pub fn start_worker(input: u64) -> oneshot::Receiver<u64> {
    // TODO: make a oneshot channel; spawn a task that works, then sends on it.
    todo!("start_worker")
}

/// Waits for the value to arrive on `reply`. If whoever held the sender dropped it
/// without sending, return `Err(WorkerGone)` — without panicking.
pub async fn wait_for_reply(reply: oneshot::Receiver<u64>) -> Result<u64, WorkerGone> {
    // TODO: await the receiver and translate its error.
    todo!("wait_for_reply")
}
