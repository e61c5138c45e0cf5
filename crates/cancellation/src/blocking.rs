//! Blocking work inside async code, measured with a heartbeat.
//!
//! asyncio's answer to a blocking call is `await asyncio.to_thread(f)` (the older
//! spelling: `loop.run_in_executor(None, f)`). tokio's is `spawn_blocking(f)`: run `f`
//! on a separate pool of threads made for blocking, and await its result. Called
//! directly in a task, the same work holds the runtime's thread and every other task
//! stalls — here, a heartbeat that should beat every 0.2 s.
//!
//! The blocking pool is sized for blocking *I/O*: it grows to 512 threads by default.
//! Computation gains nothing from more threads than cores, so computation sent there
//! is capped with a semaphore ([`compute_capped`]) — or goes to rayon's pool instead.

use coroutines::cpu_bound::crunch;
use harness::{Ctx, Timeline};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Semaphore;
use tokio::time::{MissedTickBehavior, interval};

/// How often the heartbeat should beat.
pub const BEAT: Duration = Duration::from_millis(200);

/// How long the blocking work takes.
pub const WORK: Duration = Duration::from_millis(600);

// ANCHOR: heartbeat
/// Beats `beats` times, one bar per wait between beats; returns the longest wait.
pub async fn heartbeat(timeline: Timeline, beats: u32) -> Duration {
    let mut ticks = interval(BEAT);
    ticks.set_missed_tick_behavior(MissedTickBehavior::Delay);
    ticks.tick().await; // the first tick is immediate
    let mut longest = Duration::ZERO;
    for beat in 1..=beats {
        let waiting_since = timeline.elapsed();
        timeline.record(format!("beat {beat}"), ticks.tick()).await;
        longest = longest.max(timeline.elapsed() - waiting_since);
    }
    longest
}
// ANCHOR_END: heartbeat

// ANCHOR: inline
/// The work done right here, in the task: it holds the runtime's thread for 0.6 s.
pub async fn work_in_the_task(timeline: &Timeline) -> u64 {
    timeline
        .record("work (in the task)", async { crunch(WORK) })
        .await
}
// ANCHOR_END: inline

// ANCHOR: spawn_blocking
/// The same work moved to tokio's blocking pool; this task just awaits the result.
pub async fn work_on_the_blocking_pool(timeline: &Timeline) -> u64 {
    let work = tokio::task::spawn_blocking(|| crunch(WORK));
    let result = timeline.record("work (spawn_blocking)", work).await;
    result.expect("the blocking work does not panic")
}
// ANCHOR_END: spawn_blocking

// ANCHOR: capped
/// Runs a computation on the blocking pool, but at most as many at once as `cores`
/// has permits (one per CPU core, say); the others wait for a permit, asynchronously.
///
/// The permit moves into the closure and is dropped when the computation ends — not
/// when this future ends: if the caller gives up waiting (a timeout, a `select!`), the
/// computation still runs to the end, since blocking work cannot be cancelled, and
/// keeps its core until then.
pub async fn compute_capped<T, F>(cores: &Arc<Semaphore>, job: F) -> T
where
    F: FnOnce() -> T + Send + 'static,
    T: Send + 'static,
{
    let permit = Arc::clone(cores)
        .acquire_owned()
        .await
        .expect("the semaphore is never closed");
    let work = tokio::task::spawn_blocking(move || {
        let answer = job();
        drop(permit); // the next computation may start now
        answer
    });
    work.await.expect("the computation does not panic")
}
// ANCHOR_END: capped

/// Demo `4.4.blocking`: the heartbeat beside each way of doing the work.
pub async fn heartbeat_beside_blocking_work(ctx: Ctx) {
    for off_the_runtime in [false, true] {
        let timeline = ctx.new_timeline();
        let beats = tokio::spawn(heartbeat(timeline.clone(), 6));
        tokio::time::sleep(Duration::from_millis(100)).await; // let it start beating
        if off_the_runtime {
            work_on_the_blocking_pool(&timeline).await;
        } else {
            work_in_the_task(&timeline).await;
        }
        let longest = beats.await.expect("the heartbeat does not panic");
        ctx.log(format!(
            "longest gap between heartbeats: {:.2} s (should be {:.2} s)",
            longest.as_secs_f64(),
            BEAT.as_secs_f64()
        ));
        let heading = if off_the_runtime {
            "spawn_blocking: the heartbeat keeps time"
        } else {
            "work in the task: the heartbeat stalls until the work is done"
        };
        ctx.show_timeline(heading, &timeline);
        ctx.say("");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[tokio::test]
    async fn compute_capped_runs_no_more_jobs_at_once_than_permits() {
        let cores = Arc::new(Semaphore::new(2));
        let running = Arc::new(AtomicUsize::new(0));
        let most = Arc::new(AtomicUsize::new(0));
        let jobs = (0..6).map(|_| {
            let (running, most) = (Arc::clone(&running), Arc::clone(&most));
            compute_capped(&cores, move || {
                let now = running.fetch_add(1, Ordering::SeqCst) + 1;
                most.fetch_max(now, Ordering::SeqCst);
                std::thread::sleep(Duration::from_millis(10));
                running.fetch_sub(1, Ordering::SeqCst);
            })
        });
        futures::future::join_all(jobs).await;
        let most = most.load(Ordering::SeqCst);
        assert!(most <= 2, "two permits, yet {most} jobs ran at once");
    }
}
