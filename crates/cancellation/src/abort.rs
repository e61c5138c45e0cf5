//! Cancelling a task: `JoinHandle::abort`, and cleanup that always runs.
//!
//! Python's `task.cancel()` raises `CancelledError` inside the task at its current
//! `await`, so `except`/`finally` blocks can react. A Rust task is cancelled by never
//! being polled again: no exception unwinds through it, its future is simply dropped.
//! Cleanup therefore lives in `Drop`, which runs when the future (and every value it
//! holds) is dropped — the equivalent of `finally`.
//!
//! `abort` is a request: it returns at once, and the runtime drops the task the next
//! time it gets to it (a task busy in a poll finishes that poll first). Awaiting the
//! `JoinHandle` is how you wait for the drop to have happened.

use harness::Ctx;
use std::time::Duration;

// ANCHOR: cleanup
/// Held by the task while it works; its `Drop` is the task's `finally` block.
pub struct Cleanup {
    ctx: Ctx,
}

impl Drop for Cleanup {
    fn drop(&mut self) {
        self.ctx.log("task cleanup (Drop ran)");
    }
}

/// Ten steps of half a second — if it is allowed to finish.
pub async fn long_running_task(ctx: Ctx) {
    let _cleanup = Cleanup { ctx: ctx.clone() };
    ctx.log("task started");
    for step in 1..=10 {
        tokio::time::sleep(Duration::from_millis(500)).await;
        ctx.log(format!("step {step}"));
    }
    ctx.log("task finished all steps");
}
// ANCHOR_END: cleanup

// ANCHOR: abort
/// Demo `4.4.abort`: start the task, let it run 2.5 s, then abort it.
pub async fn cancel_after_two_and_a_half_seconds(ctx: Ctx) {
    let task = tokio::spawn(long_running_task(ctx.clone()));
    tokio::time::sleep(Duration::from_millis(2500)).await;
    ctx.log("main: cancelling the task");
    task.abort(); // a request: the task has not been dropped yet
    ctx.log("main: abort() returned; now await the handle");
    match task.await {
        Err(error) if error.is_cancelled() => ctx.log("main: the task was cancelled"),
        other => ctx.log(format!("main: the task ended otherwise: {other:?}")),
    }
}
// ANCHOR_END: abort

#[cfg(test)]
mod tests {
    use super::*;
    use harness::{Output, TimeMode};
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};

    #[tokio::test(start_paused = true)]
    async fn an_aborted_task_stops_between_steps_and_its_drop_runs() {
        let ctx = Ctx::new(TimeMode::Virtual, Output::Silent);
        let dropped = Arc::new(AtomicBool::new(false));
        struct Flag(Arc<AtomicBool>);
        impl Drop for Flag {
            fn drop(&mut self) {
                self.0.store(true, Ordering::SeqCst);
            }
        }
        let flag = Flag(dropped.clone());
        let task = tokio::spawn(async move {
            let _flag = flag;
            long_running_task(ctx).await;
        });
        tokio::time::sleep(Duration::from_millis(2500)).await;
        task.abort();
        assert!(!dropped.load(Ordering::SeqCst), "abort only asks");
        assert!(task.await.unwrap_err().is_cancelled());
        assert!(dropped.load(Ordering::SeqCst));
    }

    #[tokio::test(start_paused = true)]
    async fn aborting_a_finished_task_does_nothing() {
        let task = tokio::spawn(async { 42 });
        while !task.is_finished() {
            tokio::task::yield_now().await;
        }
        task.abort();
        assert_eq!(task.await.unwrap(), 42, "the result is still there");
    }

    #[tokio::test]
    async fn blocking_work_cannot_be_aborted_and_a_timeout_only_stops_the_wait() {
        let (started_tx, started_rx) = std::sync::mpsc::channel();
        let (go_tx, go_rx) = std::sync::mpsc::channel::<()>();
        let (done_tx, done_rx) = std::sync::mpsc::channel();
        let blocking = tokio::task::spawn_blocking(move || {
            started_tx.send(()).unwrap();
            go_rx.recv().unwrap(); // stands for a long blocking call
            done_tx.send(()).unwrap();
            "finished anyway"
        });
        started_rx.recv().unwrap(); // the closure is running on its thread
        blocking.abort(); // no effect: the closure is already running
        go_tx.send(()).unwrap();
        done_rx.recv().unwrap(); // the work ran to its end despite the abort
        assert_eq!(blocking.await.unwrap(), "finished anyway");

        let (go_tx, go_rx) = std::sync::mpsc::channel::<()>();
        let (done_tx, done_rx) = std::sync::mpsc::channel();
        let work = tokio::task::spawn_blocking(move || {
            go_rx.recv().unwrap();
            done_tx.send(()).unwrap();
        });
        let gave_up = tokio::time::timeout(Duration::from_millis(10), work).await;
        assert!(gave_up.is_err(), "the timeout stopped the waiting");
        go_tx.send(()).unwrap();
        done_rx.recv().unwrap(); // ...but the thread carried on and finished the work
    }
}
