//! Lesson 4.4 — practical patterns: errors in groups, cancellation and cleanup,
//! graceful shutdown, background tasks, blocking work, and tracing.
//!
//! One concept per file; each file holds the code the lesson shows (between `ANCHOR:`
//! comments) and the demo that runs it.

pub mod abort;
pub mod background;
pub mod blocking;
pub mod cancel_safety;
pub mod errors;
pub mod starvation;
pub mod token;
pub mod tracing_spans;

use futures::FutureExt;
use harness::Demo;

/// Every demo of this crate, under the ids the lessons refer to.
pub fn demos() -> Vec<Demo> {
    vec![
        Demo::walkthrough(
            "4.4.errors",
            "Errors in a group: fail fast, collect all, and a panicking task",
            |ctx| errors::errors_in_groups(ctx).boxed_local(),
        ),
        Demo::walkthrough(
            "4.4.abort",
            "A task cancelled after 2.5 s, with cleanup that runs",
            |ctx| abort::cancel_after_two_and_a_half_seconds(ctx).boxed_local(),
        ),
        Demo::walkthrough(
            "4.4.token",
            "Graceful shutdown with a CancellationToken: nothing lost",
            |ctx| token::graceful_shutdown(ctx).boxed_local(),
        ),
        Demo::walkthrough(
            "4.4.cancel_safety",
            "read_exact in a select! loop loses bytes when the tick wins; read_buf loses none",
            |ctx| cancel_safety::lost_bytes_then_none(ctx).boxed_local(),
        ),
        Demo::walkthrough(
            "4.4.background",
            "A background monitor that runs until main is done",
            |ctx| background::monitor_while_main_works(ctx).boxed_local(),
        ),
        Demo::walkthrough(
            "4.4.blocking",
            "A heartbeat stalls behind blocking work, and keeps time beside spawn_blocking",
            |ctx| blocking::heartbeat_beside_blocking_work(ctx).boxed_local(),
        )
        .in_real_time_only(),
        Demo::walkthrough(
            "4.4.starvation",
            "A heartbeat starves beside a loop that never yields, and keeps time once it does",
            |ctx| starvation::heartbeat_beside_a_greedy_loop(ctx).boxed_local(),
        ),
        Demo::walkthrough("4.4.tracing", "Tracing spans follow each task", |ctx| {
            tracing_spans::traced_tasks(ctx).boxed_local()
        }),
    ]
}
