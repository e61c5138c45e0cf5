//! Chaining coroutines: each step awaits the one before, and `?` carries errors.
//!
//! The course chains `step1 → step2 → step3`, each a one-second wait, and catches an
//! exception raised inside a coroutine. In Rust the steps return `Result`, and `?` ends
//! the chain at the first error — the remaining steps never run.

use harness::Ctx;
use std::time::Duration;

/// Why a step of the chain failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepFailed(pub String);

// ANCHOR: chain
/// Step 1: one second, then its result.
pub async fn step1(ctx: &Ctx) -> Result<String, StepFailed> {
    tokio::time::sleep(Duration::from_secs(1)).await;
    ctx.log("step 1 done");
    Ok("step 1".to_string())
}

/// Step 2 builds on step 1's result — or fails, if told to.
pub async fn step2(ctx: &Ctx, data: String, fail: bool) -> Result<String, StepFailed> {
    tokio::time::sleep(Duration::from_secs(1)).await;
    if fail {
        ctx.log("step 2 failed");
        return Err(StepFailed("step 2 could not reach the server".to_string()));
    }
    ctx.log("step 2 done");
    Ok(format!("{data} -> step 2"))
}

/// Step 3 builds on step 2's result.
pub async fn step3(ctx: &Ctx, data: String) -> Result<String, StepFailed> {
    tokio::time::sleep(Duration::from_secs(1)).await;
    ctx.log("step 3 done");
    Ok(format!("{data} -> step 3"))
}

/// The chain: each `.await` waits for one step, each `?` stops at the first error.
pub async fn run_chain(ctx: &Ctx, fail_at_step2: bool) -> Result<String, StepFailed> {
    let first = step1(ctx).await?;
    let second = step2(ctx, first, fail_at_step2).await?;
    step3(ctx, second).await
}
// ANCHOR_END: chain

/// Demo `4.3.chaining`: the chain succeeding (3 s), then failing at step 2 (2 s).
pub async fn chain_and_fail(ctx: Ctx) {
    for fail in [false, true] {
        ctx.new_timeline();
        // ANCHOR: handle
        match run_chain(&ctx, fail).await {
            Ok(result) => ctx.log(format!("result: {result}")),
            Err(StepFailed(why)) => ctx.log(format!("caught: {why}")),
        }
        // ANCHOR_END: handle
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use harness::{Output, TimeMode};

    #[tokio::test(start_paused = true)]
    async fn the_chain_takes_three_steps_or_stops_at_the_failure() {
        let ctx = Ctx::new(TimeMode::Virtual, Output::Silent);
        let started = tokio::time::Instant::now();
        let result = run_chain(&ctx, false).await;
        assert_eq!(result.as_deref(), Ok("step 1 -> step 2 -> step 3"));
        assert_eq!(started.elapsed(), Duration::from_secs(3));

        let started = tokio::time::Instant::now();
        assert!(run_chain(&ctx, true).await.is_err());
        assert_eq!(
            started.elapsed(),
            Duration::from_secs(2),
            "step 3 never ran"
        );
    }
}
