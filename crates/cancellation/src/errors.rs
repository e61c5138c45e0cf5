//! Errors in a group: fail fast, or collect every outcome.
//!
//! `asyncio.gather` raises the first exception (and lets the others run on);
//! `return_exceptions=True` returns exceptions as values. Rust picks by combinator:
//! `try_join_all` returns the first error *and drops the other futures*; `join_all` over
//! futures that return `Result` gives every outcome. A task that panics is different
//! again: the panic stays inside the task and its `JoinHandle` returns `Err(JoinError)`.

use futures::future::{join_all, try_join_all};
use harness::Ctx;
use std::time::Duration;

// ANCHOR: might_fail
/// One second of work that succeeds or fails.
pub async fn might_fail(ctx: Ctx, name: &'static str, succeed: bool) -> Result<String, String> {
    tokio::time::sleep(Duration::from_secs(1)).await;
    if succeed {
        ctx.log(format!("{name} succeeded"));
        Ok(format!("{name} ok"))
    } else {
        ctx.log(format!("{name} failed"));
        Err(format!("{name} failed"))
    }
}
// ANCHOR_END: might_fail

// ANCHOR: fail_fast
/// `try_join_all`: the first `Err` ends it, and the futures still running are dropped.
pub async fn fail_fast(ctx: &Ctx) -> Result<Vec<String>, String> {
    let quick_failure = async {
        tokio::time::sleep(Duration::from_millis(500)).await;
        Err::<String, _>("early failed".to_string())
    };
    let jobs: Vec<futures::future::BoxFuture<'static, Result<String, String>>> = vec![
        Box::pin(ctx.log_if_cancelled("a", might_fail(ctx.clone(), "a", true))),
        Box::pin(quick_failure),
        Box::pin(ctx.log_if_cancelled("b", might_fail(ctx.clone(), "b", true))),
    ];
    try_join_all(jobs).await
}
// ANCHOR_END: fail_fast

// ANCHOR: collect_all
/// `join_all` over `Result`s: every outcome, in input order — `return_exceptions=True`.
pub async fn collect_all(ctx: &Ctx) -> Vec<Result<String, String>> {
    join_all([
        might_fail(ctx.clone(), "a", true),
        might_fail(ctx.clone(), "b", false),
        might_fail(ctx.clone(), "c", true),
    ])
    .await
}
// ANCHOR_END: collect_all

// ANCHOR: panic
/// A task that panics: the panic is caught at the task's edge and reported through
/// its `JoinHandle`; the program and the other tasks carry on.
pub async fn survive_a_panic(ctx: &Ctx) {
    let doomed = tokio::spawn(async {
        tokio::time::sleep(Duration::from_millis(500)).await;
        panic!("something impossible happened");
    });
    let healthy = tokio::spawn(might_fail(ctx.clone(), "healthy", true));
    match doomed.await {
        Ok(()) => ctx.log("the doomed task finished?"),
        Err(error) if error.is_panic() => ctx.log("the doomed task panicked; we carry on"),
        Err(error) => ctx.log(format!("the doomed task failed: {error}")),
    }
    let healthy = healthy.await.expect("the healthy task does not panic");
    ctx.log(format!("the healthy task: {healthy:?}"));
}
// ANCHOR_END: panic

/// Demo `4.4.errors`: fail fast, collect all, and a panicking task.
pub async fn errors_in_groups(ctx: Ctx) {
    ctx.say("try_join_all — fail fast:");
    ctx.new_timeline();
    let outcome = fail_fast(&ctx).await;
    ctx.log(format!("try_join_all returned {outcome:?}"));

    ctx.say("");
    ctx.say("join_all over Results — every outcome:");
    ctx.new_timeline();
    for (i, outcome) in collect_all(&ctx).await.into_iter().enumerate() {
        ctx.log(format!("job {i}: {outcome:?}"));
    }

    ctx.say("");
    ctx.say("a panicking task:");
    ctx.new_timeline();
    let _quiet = ctx.narrate_panics(); // one line instead of a backtrace
    survive_a_panic(&ctx).await;
}
