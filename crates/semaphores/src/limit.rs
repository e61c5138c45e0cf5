//! Bounded concurrency: `tokio::sync::Semaphore`.
//!
//! `async with semaphore:` becomes `let _permit = semaphore.acquire().await`: the permit
//! is a guard, and dropping it (at the end of the scope, on error, on cancellation)
//! gives the slot back. For spawned tasks, `acquire_owned` on an `Arc<Semaphore>` gives a
//! permit that can move into the task — awaited *before* `spawn`, it bounds how many
//! tasks exist; awaited inside the task, it bounds only how many of them work.

use futures::future::join_all;
use futures::stream::{self, StreamExt};
use harness::{Comparison, Ctx, Timeline};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Semaphore;

/// How long each worker works.
pub const WORK: Duration = Duration::from_secs(1);

// ANCHOR: worker
/// Holds a permit for one second of work.
pub async fn worker(timeline: &Timeline, semaphore: &Semaphore, id: u32) -> String {
    let _permit = semaphore
        .acquire()
        .await
        .expect("the semaphore is never closed");
    // Only three workers at a time get past this line; the permit returns on drop.
    timeline
        .record(format!("worker {id}"), tokio::time::sleep(WORK))
        .await;
    format!("worker {id} done")
}

/// Ten workers started together, three allowed at once.
pub async fn ten_workers(timeline: &Timeline, permits: usize) -> Vec<String> {
    let semaphore = Semaphore::new(permits);
    join_all((1..=10).map(|id| worker(timeline, &semaphore, id))).await
}
// ANCHOR_END: worker

// ANCHOR: owned
/// Bounds the number of *tasks*: take a permit first, then spawn. The loop waits while
/// every permit is out, so no more than `permits` tasks exist at a time; each task
/// owns its permit and gives it back when it ends.
pub async fn permit_then_spawn(timeline: &Timeline, semaphore: Arc<Semaphore>) {
    let mut handles = Vec::new();
    for id in 1..=10 {
        let permit = semaphore
            .clone()
            .acquire_owned()
            .await
            .expect("the semaphore is never closed");
        let timeline = timeline.clone();
        handles.push(tokio::spawn(async move {
            timeline
                .record(format!("task {id}"), tokio::time::sleep(WORK))
                .await;
            drop(permit); // the place goes to the next task
        }));
    }
    for handle in handles {
        handle.await.expect("the task does not panic");
    }
}
// ANCHOR_END: owned

// ANCHOR: inside
/// Bounds only the *work*: all ten tasks are spawned at once, and each waits for a
/// permit inside. Three work; the other seven exist, holding their memory, and wait.
pub async fn spawn_then_permit(timeline: &Timeline, semaphore: Arc<Semaphore>) {
    let mut handles = Vec::new();
    for id in 1..=10 {
        let semaphore = semaphore.clone();
        let timeline = timeline.clone();
        handles.push(tokio::spawn(async move {
            let _permit = semaphore
                .acquire()
                .await
                .expect("the semaphore is never closed");
            timeline
                .record(format!("task {id}"), tokio::time::sleep(WORK))
                .await;
        }));
    }
    for handle in handles {
        handle.await.expect("the task does not panic");
    }
}
// ANCHOR_END: inside

// ANCHOR: buffer_unordered
/// Without a semaphore: a stream with at most three items in flight.
pub async fn ten_in_a_stream(timeline: &Timeline) {
    stream::iter(1..=10)
        .map(|id| timeline.record(format!("item {id}"), tokio::time::sleep(WORK)))
        .buffer_unordered(3)
        .collect::<Vec<()>>()
        .await;
}
// ANCHOR_END: buffer_unordered

/// Demo `4.4.semaphore`: the course's ten workers and three permits.
pub async fn ten_workers_three_permits(ctx: Ctx) {
    let spec = Comparison {
        id: "4.4.semaphore",
        title: "ten 1 s workers, 3 permits",
        ideal_sequential: WORK * 10,
        // Rounds of three: 3 + 3 + 3 + 1 workers.
        ideal_concurrent: WORK * 4,
    };
    ctx.compare(
        spec,
        |_ctx, timeline| async move {
            ten_workers(&timeline, 1).await;
        },
        |_ctx, timeline| async move {
            ten_workers(&timeline, 3).await;
        },
    )
    .await;
    let unbounded = ctx.new_timeline();
    ten_workers(&unbounded, 10).await;
    ctx.log(format!(
        "for comparison, with no limit (10 permits): {:.2} s",
        unbounded.elapsed().as_secs_f64()
    ));
}

/// Demo `4.4.permit_before_spawn`: how many tasks exist, and how many work, when the
/// permit is taken inside the task — and when it is taken before spawning.
pub async fn tasks_alive_and_working(ctx: Ctx) {
    for permit_first in [false, true] {
        ctx.say(if permit_first {
            "permit first, then spawn:"
        } else {
            "spawn all ten, permit inside:"
        });
        let semaphore = Arc::new(Semaphore::new(3));
        let timeline = ctx.new_timeline();
        let run = {
            let (timeline, semaphore) = (timeline.clone(), semaphore.clone());
            tokio::spawn(async move {
                if permit_first {
                    permit_then_spawn(&timeline, semaphore).await;
                } else {
                    spawn_then_permit(&timeline, semaphore).await;
                }
            })
        };
        tokio::time::sleep(WORK / 2).await;
        for _ in 0..4 {
            // Every task of this runtime, less the one running the loop above.
            let tasks = tokio::runtime::Handle::current()
                .metrics()
                .num_alive_tasks()
                - 1;
            let working = 3 - semaphore.available_permits();
            ctx.log(format!("tasks alive: {tasks:>2}, working: {working}"));
            tokio::time::sleep(WORK).await;
        }
        run.await.expect("the demo's tasks do not panic");
        ctx.show_timeline("the work is the same: three at a time, 4 s", &timeline);
        ctx.say("");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn all_four_forms_take_four_rounds() {
        for run in 0..4 {
            let timeline = Timeline::start();
            match run {
                0 => drop(ten_workers(&timeline, 3).await),
                1 => permit_then_spawn(&timeline, Arc::new(Semaphore::new(3))).await,
                2 => spawn_then_permit(&timeline, Arc::new(Semaphore::new(3))).await,
                _ => ten_in_a_stream(&timeline).await,
            }
            assert_eq!(timeline.elapsed(), WORK * 4, "form {run}");
            let most_at_once = (0..4)
                .map(|round| {
                    let at = WORK * round + WORK / 2;
                    timeline
                        .spans()
                        .iter()
                        .filter(|s| s.start <= at && at < s.end)
                        .count()
                })
                .max();
            assert_eq!(most_at_once, Some(3), "form {run}");
        }
    }

    /// How many tasks the runtime holds half a second into each form.
    async fn tasks_after_half_a_second(permit_first: bool) -> usize {
        let semaphore = Arc::new(Semaphore::new(3));
        let run = tokio::spawn(async move {
            let timeline = Timeline::start();
            if permit_first {
                permit_then_spawn(&timeline, semaphore).await;
            } else {
                spawn_then_permit(&timeline, semaphore).await;
            }
        });
        tokio::time::sleep(WORK / 2).await;
        let tasks = tokio::runtime::Handle::current()
            .metrics()
            .num_alive_tasks();
        run.await.unwrap();
        tasks - 1
    }

    #[tokio::test(start_paused = true)]
    async fn a_permit_taken_before_spawning_bounds_the_number_of_tasks() {
        assert_eq!(tasks_after_half_a_second(true).await, 3);
        assert_eq!(tasks_after_half_a_second(false).await, 10);
    }
}
