//! Bounded concurrency: `tokio::sync::Semaphore`.
//!
//! `async with semaphore:` becomes `let _permit = semaphore.acquire().await`: the permit
//! is a guard, and dropping it (at the end of the scope, on error, on cancellation)
//! gives the slot back. For spawned tasks, `acquire_owned` on an `Arc<Semaphore>` gives a
//! permit that can move into the task.

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
/// The same limit for spawned tasks: each task owns its permit.
pub async fn ten_tasks(timeline: &Timeline, permits: usize) {
    let semaphore = Arc::new(Semaphore::new(permits));
    let mut handles = Vec::new();
    for id in 1..=10 {
        let permit = semaphore.clone().acquire_owned();
        let timeline = timeline.clone();
        handles.push(tokio::spawn(async move {
            let _permit = permit.await.expect("the semaphore is never closed");
            timeline
                .record(format!("task {id}"), tokio::time::sleep(WORK))
                .await;
        }));
    }
    for handle in handles {
        handle.await.expect("the task does not panic");
    }
}
// ANCHOR_END: owned

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

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn all_three_forms_take_four_rounds() {
        for run in 0..3 {
            let timeline = Timeline::start();
            match run {
                0 => drop(ten_workers(&timeline, 3).await),
                1 => ten_tasks(&timeline, 3).await,
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
}
