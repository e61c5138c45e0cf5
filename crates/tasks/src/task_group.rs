//! `asyncio.TaskGroup` in Rust: a `JoinSet`.
//!
//! A `JoinSet` owns the tasks spawned into it. Nothing outlives it: dropping the set
//! aborts whatever is still running, and `abort_all` does so on demand — structured
//! concurrency. (tokio-util's `TaskTracker` is the lighter cousin for "wait for all of
//! these to finish" without collecting results.)

use harness::{Ctx, Timeline};
use std::time::Duration;
use tokio::task::JoinSet;

/// One job for the group: its name, how long it works, and whether it fails.
pub type Job = (&'static str, f64, bool);

// ANCHOR: job
/// Works for `seconds`, then succeeds or fails.
async fn job(ctx: Ctx, name: &'static str, seconds: f64, fails: bool) -> Result<String, String> {
    tokio::time::sleep(Duration::from_secs_f64(seconds)).await;
    if fails {
        ctx.log(format!("{name} failed"));
        Err(format!("{name} failed"))
    } else {
        ctx.log(format!("{name} done"));
        Ok(format!("{name} result"))
    }
}
// ANCHOR_END: job

// ANCHOR: group
/// Runs every job in a `JoinSet`; on the first failure, aborts the rest and returns it.
pub async fn run_group(
    ctx: &Ctx,
    timeline: &Timeline,
    jobs: &[Job],
) -> Result<Vec<String>, String> {
    let mut group = JoinSet::new();
    for &(name, seconds, fails) in jobs {
        let work = ctx.log_if_cancelled(name, job(ctx.clone(), name, seconds, fails));
        group.spawn(timeline.clone().record_owned(name, work));
    }
    let mut results = Vec::new();
    // join_next yields each task's result as it finishes (completion order).
    while let Some(joined) = group.join_next().await {
        match joined.expect("a job panicked") {
            Ok(value) => results.push(value),
            Err(error) => {
                group.abort_all(); // dropping `group` would abort them too
                return Err(error);
            }
        }
    }
    Ok(results)
}
// ANCHOR_END: group

/// Demo `4.2.task_group`: the course's three tasks succeed; then one fails at 0.5 s.
pub async fn all_or_nothing(ctx: Ctx) {
    let succeed: [Job; 3] = [
        ("task-1", 1.0, false),
        ("task-2", 0.5, false),
        ("task-3", 0.8, false),
    ];
    let timeline = ctx.new_timeline();
    let outcome = run_group(&ctx, &timeline, &succeed).await;
    ctx.log(format!("group finished: {outcome:?}"));
    ctx.show_timeline(
        "all three succeed: the group ends with the slowest",
        &timeline,
    );

    ctx.say("");
    let one_fails: [Job; 3] = [
        ("task-1", 1.0, false),
        ("task-2", 0.5, true),
        ("task-3", 0.8, false),
    ];
    let timeline = ctx.new_timeline();
    let outcome = run_group(&ctx, &timeline, &one_fails).await;
    // Aborted tasks stop at their next poll; give the runtime one turn to drop them.
    tokio::task::yield_now().await;
    ctx.log(format!("group finished: {outcome:?}"));
    ctx.show_timeline("task-2 fails at 0.50 s: the others are aborted", &timeline);
}

#[cfg(test)]
mod tests {
    use super::*;
    use harness::{Output, TimeMode};

    #[tokio::test(start_paused = true)]
    async fn the_first_failure_ends_the_group_and_cancels_the_rest() {
        let ctx = Ctx::new(TimeMode::Virtual, Output::Silent);
        let timeline = ctx.new_timeline();
        let jobs = [("a", 1.0, false), ("b", 0.5, true), ("c", 0.8, false)];
        let outcome = run_group(&ctx, &timeline, &jobs).await;
        tokio::task::yield_now().await;
        assert_eq!(outcome, Err("b failed".to_string()));
        assert_eq!(timeline.elapsed(), Duration::from_millis(500));
        let cancelled: Vec<_> = timeline
            .spans()
            .into_iter()
            .filter(|s| s.cancelled)
            .map(|s| s.label)
            .collect();
        assert_eq!(cancelled, ["a", "c"]);
    }

    #[tokio::test(start_paused = true)]
    async fn a_group_that_succeeds_ends_with_its_slowest_job() {
        let ctx = Ctx::new(TimeMode::Virtual, Output::Silent);
        let timeline = ctx.new_timeline();
        let jobs = [("a", 1.0, false), ("b", 0.5, false)];
        let results = run_group(&ctx, &timeline, &jobs).await.unwrap();
        assert_eq!(results, ["b result", "a result"], "completion order");
        assert_eq!(timeline.elapsed(), Duration::from_secs(1));
    }
}
