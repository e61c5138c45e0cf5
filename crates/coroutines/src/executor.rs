//! The event loop demystified: an executor in twenty lines of std.
//!
//! asyncio's event loop and tokio's runtime are, at heart, this loop: poll the future;
//! if it is `Pending`, sleep until a waker says it can make progress; poll again. Real
//! runtimes add a queue of many tasks, an I/O driver and a timer wheel — not magic.

use crate::delay::Delay;
use harness::Ctx;
use std::future::Future;
use std::sync::Arc;
use std::task::{Context, Poll, Wake, Waker};
use std::thread::{self, Thread};
use std::time::Duration;

// ANCHOR: executor
/// A waker that unparks the executor's thread.
struct ThreadWaker {
    thread: Thread,
    ctx: Ctx,
}

impl Wake for ThreadWaker {
    fn wake(self: Arc<Self>) {
        self.ctx.log("  waker: unparking the executor's thread");
        self.thread.unpark();
    }
}

/// Runs `future` to completion on the current thread — a one-task event loop.
pub fn block_on<F: Future>(ctx: &Ctx, future: F) -> F::Output {
    let mut future = std::pin::pin!(future);
    let waker = Waker::from(Arc::new(ThreadWaker {
        thread: thread::current(),
        ctx: ctx.clone(),
    }));
    let mut cx = Context::from_waker(&waker);
    for poll in 1.. {
        ctx.log(format!("executor: poll #{poll}"));
        match future.as_mut().poll(&mut cx) {
            Poll::Ready(output) => {
                ctx.log("executor: Ready, the future is finished");
                return output;
            }
            Poll::Pending => {
                ctx.log("executor: Pending, parking the thread until woken");
                // park() may return early for no reason; polling again is harmless.
                thread::park();
            }
        }
    }
    unreachable!("the loop only ends by returning")
}
// ANCHOR_END: executor

// ANCHOR: run_it
/// Demo `4.3.tiny_executor`: our executor runs an async block that awaits two `Delay`s.
pub async fn tiny_executor(ctx: Ctx) {
    let executor_ctx = ctx.clone();
    let answer = tokio::task::spawn_blocking(move || {
        let ctx = executor_ctx;
        block_on(&ctx, async {
            Delay::new(Duration::from_millis(300), &ctx).await;
            Delay::new(Duration::from_millis(200), &ctx).await;
            "both delays done, no tokio involved"
        })
    })
    .await
    .expect("the executor's thread did not panic");
    ctx.log(format!("block_on returned: {answer}"));
}
// ANCHOR_END: run_it

#[cfg(test)]
mod tests {
    use super::*;
    use harness::{Output, TimeMode};

    #[test]
    fn the_executor_runs_hand_written_futures_to_completion() {
        let ctx = Ctx::new(TimeMode::Real, Output::Silent);
        let started = std::time::Instant::now();
        let answer = block_on(&ctx, async {
            Delay::new(Duration::from_millis(20), &ctx).await;
            Delay::new(Duration::from_millis(20), &ctx).await;
            7
        });
        assert_eq!(answer, 7);
        assert!(
            started.elapsed() >= Duration::from_millis(40),
            "both delays waited"
        );
    }

    /// Why the executor needs its own `Delay`: tokio's leaf futures belong to a tokio
    /// runtime, and creating one anywhere else panics.
    #[test]
    fn tokio_sleep_panics_outside_a_tokio_runtime() {
        let payload = std::panic::catch_unwind(|| tokio::time::sleep(Duration::from_millis(1)))
            .expect_err("there is no tokio runtime on this test's thread");
        let message = harness::grade::panic_message(&*payload);
        assert!(
            message.contains("must be called from the context of a Tokio 1.x runtime"),
            "{message}"
        );
    }
}
