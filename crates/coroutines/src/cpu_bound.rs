//! Where async does not help: computation.
//!
//! Concurrency overlaps *waiting*. A job that computes never waits, never reaches an
//! `.await`, so nothing can switch away from it: `join!` polls its futures one at a
//! time inside one task, and three jobs take as long together as one after another —
//! on any runtime. A multi-thread runtime is no cure: a computing task occupies a
//! worker that other tasks need. (Python's answer is multiprocessing; Rust's is threads
//! off the runtime's workers: rayon with a `oneshot` back to async, or `spawn_blocking`
//! capped by a semaphore — lesson 4.4.)

use harness::{Comparison, Ctx, Timeline};
use std::time::Duration;

/// How long each job computes.
pub const JOB_TIME: Duration = Duration::from_millis(200);

// ANCHOR: crunch
/// Keeps the CPU busy for `budget`: a stand-in for real computation (hashing,
/// parsing, resizing images). It never awaits, so it never lets anything else run.
pub fn crunch(budget: Duration) -> u64 {
    let started = std::time::Instant::now();
    let mut state: u64 = 1;
    while started.elapsed() < budget {
        for _ in 0..1_000 {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1);
        }
    }
    std::hint::black_box(state)
}

/// An `async fn` around the computation: being `async` does not make it wait-free.
pub async fn compute(job: &str, ctx: &Ctx) -> u64 {
    ctx.log(format!("{job}: computing"));
    crunch(JOB_TIME)
}
// ANCHOR_END: crunch

/// Demo `4.1.cpu_bound`: three jobs sequentially, then "concurrently" with `join!`.
pub async fn computation_does_not_overlap(ctx: Ctx) {
    let spec = Comparison {
        id: "4.1.cpu_bound",
        title: "three 0.2 s computations on one thread",
        ideal_sequential: JOB_TIME * 3,
        // join! never runs its futures in parallel: the ideal is no speedup at all.
        ideal_concurrent: JOB_TIME * 3,
    };
    ctx.compare(
        spec,
        |ctx, timeline: Timeline| async move {
            for job in ["job 1", "job 2", "job 3"] {
                timeline.record(job, compute(job, &ctx)).await;
            }
        },
        |ctx, timeline: Timeline| async move {
            tokio::join!(
                timeline.record("job 1", compute("job 1", &ctx)),
                timeline.record("job 2", compute("job 2", &ctx)),
                timeline.record("job 3", compute("job 3", &ctx)),
            );
        },
    )
    .await;
}
