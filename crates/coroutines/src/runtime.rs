//! What the runtime — Rust's event loop — does between `.await`s.
//!
//! asyncio's event loop and tokio's runtime do the same job: keep a queue of tasks that
//! are ready to make progress, run ("poll") one until it has to wait, and put it back
//! in the queue when whatever it waits for (a timer, a socket) wakes it up.

use harness::Ctx;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

// ANCHOR: main_by_hand
/// What `#[tokio::main]` writes for you: build a multi-thread runtime (one worker
/// thread per CPU core), then block this thread on one future until it finishes —
/// `asyncio.run(main())` in Python. (`#[tokio::main(flavor = "current_thread")]` writes
/// the same with `Builder::new_current_thread()`: one thread, asyncio's model.)
pub fn main_by_hand() -> String {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("building a runtime only fails if the OS refuses resources");
    runtime.block_on(async { String::from("the runtime ran this future to completion") })
}
// ANCHOR_END: main_by_hand

// ANCHOR: poll_trace
/// Wraps a future and logs every time the runtime polls it, and what the poll returned.
///
/// `Poll::Pending` means "I have to wait; wake me up later". `Poll::Ready` means "done".
pub struct PollTrace<F> {
    name: &'static str,
    ctx: Ctx,
    polls: u32,
    inner: Pin<Box<F>>,
}

impl<F: Future> PollTrace<F> {
    /// Wraps `inner`, logging its polls under `name`.
    pub fn new(name: &'static str, ctx: &Ctx, inner: F) -> Self {
        PollTrace {
            name,
            ctx: ctx.clone(),
            polls: 0,
            inner: Box::pin(inner),
        }
    }
}

impl<F: Future> Future for PollTrace<F> {
    type Output = F::Output;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        self.polls += 1;
        let result = self.inner.as_mut().poll(cx);
        let verdict = match result {
            Poll::Pending => "Pending: waiting, the runtime may run someone else",
            Poll::Ready(_) => "Ready: finished",
        };
        self.ctx
            .log(format!("poll #{} of {} → {verdict}", self.polls, self.name));
        result
    }
}
// ANCHOR_END: poll_trace

// ANCHOR: breakfast
/// One cook's job: two steps, each a wait (for water to boil, for bread to toast).
async fn cook(ctx: &Ctx, dish: &str, first: Duration, second: Duration) {
    ctx.log(format!("{dish}: step 1 starts"));
    tokio::time::sleep(first).await;
    ctx.log(format!("{dish}: step 2 starts"));
    tokio::time::sleep(second).await;
}

/// Demo `4.1.runtime_polls`: two jobs on one thread, each polled only when it can move.
pub async fn watch_the_runtime(ctx: Ctx) {
    let timeline = ctx.new_timeline();
    let coffee = cook(
        &ctx,
        "coffee",
        Duration::from_secs(1),
        Duration::from_millis(500),
    );
    let toast = cook(
        &ctx,
        "toast",
        Duration::from_millis(750),
        Duration::from_millis(250),
    );
    tokio::join!(
        timeline.record("coffee", PollTrace::new("coffee", &ctx, coffee)),
        timeline.record("toast", PollTrace::new("toast", &ctx, toast)),
    );
    ctx.show_timeline(
        "one thread, two jobs, interleaved at every .await",
        &timeline,
    );
}
// ANCHOR_END: breakfast

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn main_by_hand_runs_the_future() {
        assert!(main_by_hand().contains("completion"));
    }

    #[tokio::test(start_paused = true)]
    async fn a_job_with_two_waits_is_polled_three_times() {
        let ctx = Ctx::new(harness::TimeMode::Virtual, harness::Output::Silent);
        let mut traced = PollTrace::new("job", &ctx, async {
            tokio::time::sleep(Duration::from_secs(1)).await;
            tokio::time::sleep(Duration::from_secs(1)).await;
        });
        (&mut traced).await;
        assert_eq!(
            traced.polls, 3,
            "first poll, then one poll after each wake-up"
        );
    }
}
