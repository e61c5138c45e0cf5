//! `asyncio.TaskGroup` in Rust: a `JoinSet`, plus the few lines that make it a group.
//!
//! A `JoinSet` owns the tasks spawned into it and hands back their outcomes as they
//! finish. By itself it is not a `TaskGroup`: when a task fails it cancels nothing, and
//! it collects no errors. The loop in [`run_group`] adds that: on the first failure it
//! aborts the others, waits until they are gone, and returns every error — the
//! `ExceptionGroup` as a `Vec`.
//!
//! Aborting is a request. Dropping a `JoinSet` aborts its tasks and returns at once,
//! before they are gone; `JoinSet::shutdown().await` aborts them and waits
//! ([`drop_or_shutdown`] shows both). tokio-util's `TaskTracker` only counts tasks so you
//! can wait for them; dropping it cancels nothing.

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
/// Runs every job in a `JoinSet` the way `TaskGroup` does: on the first failure, abort
/// the others and wait until they are gone; then return every error there was.
pub async fn run_group(
    ctx: &Ctx,
    timeline: &Timeline,
    jobs: &[Job],
) -> Result<Vec<String>, Vec<String>> {
    let mut group = JoinSet::new();
    for &(name, seconds, fails) in jobs {
        let work = ctx.log_if_cancelled(name, job(ctx.clone(), name, seconds, fails));
        group.spawn(timeline.clone().record_owned(name, work));
    }
    let mut results = Vec::new();
    let mut errors = Vec::new();
    // join_next gives each task's outcome as it ends, and None once the set is empty —
    // so this loop also waits for the tasks it aborted.
    while let Some(joined) = group.join_next().await {
        match joined {
            Ok(Ok(value)) => results.push(value),
            Ok(Err(error)) => {
                errors.push(error);
                group.abort_all(); // ask the rest to stop; their outcomes still arrive here
            }
            Err(ended) if ended.is_cancelled() => {} // one we aborted: now it is gone
            Err(ended) => {
                errors.push(format!("a job panicked: {ended}"));
                group.abort_all();
            }
        }
    }
    if errors.is_empty() {
        Ok(results)
    } else {
        Err(errors)
    }
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
    // No extra wait needed: run_group returned only after the aborted tasks were gone.
    ctx.log(format!("group finished: {outcome:?}"));
    ctx.show_timeline(
        "task-2 fails at 0.50 s: the others are aborted, and the group waits for them",
        &timeline,
    );
}

// ANCHOR: drop_or_shutdown
/// Two ten-second tasks in a fresh `JoinSet`; each says so if it is dropped unfinished.
fn two_long_tasks(ctx: &Ctx, names: [&'static str; 2]) -> JoinSet<()> {
    let mut set = JoinSet::new();
    for name in names {
        let work = tokio::time::sleep(Duration::from_secs(10));
        set.spawn(ctx.log_if_cancelled(name, work));
    }
    set
}

/// Demo `4.2.drop_or_shutdown`: dropping a set does not wait; `shutdown().await` does.
pub async fn drop_or_shutdown(ctx: Ctx) {
    let set = two_long_tasks(&ctx, ["a", "b"]);
    tokio::time::sleep(Duration::from_secs(1)).await;
    ctx.log("main: drop(set)");
    drop(set); // aborts a and b: a request
    ctx.log("main: drop returned, and a and b have not been dropped yet");
    tokio::task::yield_now().await; // main's next .await lets the runtime act on it
    ctx.log("main: after one .await of mine, they are gone");

    ctx.say("");
    let mut set = two_long_tasks(&ctx, ["c", "d"]);
    tokio::time::sleep(Duration::from_secs(1)).await;
    ctx.log("main: set.shutdown().await");
    set.shutdown().await; // aborts c and d, and waits until both are gone
    ctx.log("main: shutdown returned, after c and d were dropped");
}
// ANCHOR_END: drop_or_shutdown

#[cfg(test)]
mod tests {
    use super::*;
    use harness::{Output, TimeMode};
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[tokio::test(start_paused = true)]
    async fn the_first_failure_cancels_the_rest_and_the_group_waits_for_them() {
        let ctx = Ctx::new(TimeMode::Virtual, Output::Silent);
        let timeline = ctx.new_timeline();
        let jobs = [("a", 1.0, false), ("b", 0.5, true), ("c", 0.8, false)];
        let outcome = run_group(&ctx, &timeline, &jobs).await;
        // No yield here: the aborted tasks must already be gone when run_group returns.
        assert_eq!(outcome, Err(vec!["b failed".to_string()]));
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

    /// Counts how many of the futures carrying it have been dropped.
    struct Counted(Arc<AtomicUsize>);
    impl Drop for Counted {
        fn drop(&mut self) {
            self.0.fetch_add(1, Ordering::SeqCst);
        }
    }

    fn counted_set(dropped: &Arc<AtomicUsize>) -> JoinSet<()> {
        let mut set = JoinSet::new();
        for _ in 0..2 {
            let counted = Counted(dropped.clone());
            set.spawn(async move {
                let _counted = counted;
                tokio::time::sleep(Duration::from_secs(10)).await;
            });
        }
        set
    }

    #[tokio::test(start_paused = true)]
    async fn dropping_a_join_set_aborts_without_waiting_and_shutdown_waits() {
        let dropped = Arc::new(AtomicUsize::new(0));
        let set = counted_set(&dropped);
        tokio::task::yield_now().await; // let both tasks start
        drop(set);
        assert_eq!(dropped.load(Ordering::SeqCst), 0, "drop does not wait");
        tokio::task::yield_now().await;
        assert_eq!(dropped.load(Ordering::SeqCst), 2, "gone after one turn");

        let dropped = Arc::new(AtomicUsize::new(0));
        let mut set = counted_set(&dropped);
        tokio::task::yield_now().await;
        set.shutdown().await;
        assert_eq!(dropped.load(Ordering::SeqCst), 2, "shutdown waits");
    }

    #[tokio::test(start_paused = true)]
    async fn join_all_panics_when_a_task_panicked() {
        let mut set = JoinSet::new();
        set.spawn(async { panic!("boom") });
        set.spawn(async {});
        let joined = tokio::spawn(async move { set.join_all().await }).await;
        assert!(
            joined.unwrap_err().is_panic(),
            "JoinSet::join_all re-panics"
        );
    }
}
