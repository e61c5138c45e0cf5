//! `asyncio.wait_for` in Rust: `tokio::time::timeout`.
//!
//! `timeout(limit, future)` races the future against a timer. If the timer wins you get
//! `Err(Elapsed)` — and the future is dropped, which in Rust *is* cancellation: it is
//! never polled again, so it stops at the `.await` it had reached and its destructors run.

use harness::Ctx;
use std::time::Duration;
use tokio::time::timeout;

// ANCHOR: wait_for
/// Takes five seconds, then succeeds.
pub async fn long_operation(ctx: &Ctx) -> &'static str {
    ctx.log("starting long operation…");
    tokio::time::sleep(Duration::from_secs(5)).await;
    ctx.log("long operation completed"); // never printed with a 2 s limit
    "Success"
}

/// Demo `4.2.timeout`: give the five-second operation two seconds.
pub async fn five_seconds_with_a_two_second_limit(ctx: Ctx) {
    let timeline = ctx.new_timeline();
    let operation = ctx.log_if_cancelled("long operation", long_operation(&ctx));
    let limited = timeout(
        Duration::from_secs(2),
        timeline.record("long operation", operation),
    );
    match limited.await {
        Ok(result) => ctx.log(format!("result: {result}")),
        Err(elapsed) => ctx.log(format!("timed out: {elapsed}")),
    }
    ctx.show_timeline("gave up at 2 s; the operation was dropped there", &timeline);
}
// ANCHOR_END: wait_for

#[cfg(test)]
mod tests {
    use super::*;
    use harness::{Output, TimeMode};

    #[tokio::test(start_paused = true)]
    async fn the_operation_is_given_up_and_dropped_at_the_limit() {
        let ctx = Ctx::new(TimeMode::Virtual, Output::Silent);
        let timeline = ctx.new_timeline();
        let limited = timeout(
            Duration::from_secs(2),
            timeline.record("op", long_operation(&ctx)),
        );
        assert!(limited.await.is_err());
        let span = &timeline.spans()[0];
        assert_eq!((span.end, span.cancelled), (Duration::from_secs(2), true));
    }
}
