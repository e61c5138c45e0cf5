//! Exercise 8 — a future completed by another task (lesson 4.2): reference solution.

use std::time::Duration;
use tokio::sync::oneshot;

/// How long the worker takes to compute its answer.
pub const WORK_TIME: Duration = Duration::from_secs(1);

/// The worker went away without ever replying.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WorkerGone;

/// Starts a worker task that computes `input * input` and returns a receiver for it.
pub fn start_worker(input: u64) -> oneshot::Receiver<u64> {
    let (reply_to, reply) = oneshot::channel();
    tokio::spawn(async move {
        tokio::time::sleep(WORK_TIME).await;
        // `send` fails only if the receiver is gone — nobody wants the answer any more,
        // so there is nothing left to do about it.
        let _ = reply_to.send(input * input);
    });
    reply
}

/// Waits for the value to arrive on `reply`, or learns that it never will.
pub async fn wait_for_reply(reply: oneshot::Receiver<u64>) -> Result<u64, WorkerGone> {
    // The receiver is itself a future. It gives Err(RecvError) once the sender has been
    // dropped without sending, so a vanished worker cannot leave us waiting forever.
    reply.await.map_err(|_sender_dropped| WorkerGone)
}
