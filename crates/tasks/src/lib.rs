//! Lesson 4.2 — the runtime and its tools: runtimes, tasks, task groups, one-shot
//! results and resources that are always closed.
//!
//! One concept per file; each file holds the code the lesson shows (between `ANCHOR:`
//! comments) and the demo that runs it.

pub mod flavours;
pub mod oneshot;
pub mod resource;
pub mod spawning;
pub mod task_group;

use futures::FutureExt;
use harness::Demo;

/// Every demo of this crate, under the ids the lessons refer to.
pub fn demos() -> Vec<Demo> {
    vec![
        Demo::walkthrough(
            "4.2.flavours",
            "The same program on a current-thread and a multi-thread runtime",
            |ctx| flavours::same_program_both_flavours(ctx).boxed_local(),
        )
        .in_real_time_only(),
        Demo::walkthrough(
            "4.2.other_stuff_first",
            "A spawned task waits for main to reach an .await",
            |ctx| spawning::doing_other_stuff_first(ctx).boxed_local(),
        ),
        Demo::walkthrough(
            "4.2.out_of_order",
            "Two tasks that finish in the other order",
            |ctx| spawning::finishing_out_of_order(ctx).boxed_local(),
        ),
        Demo::walkthrough(
            "4.2.starts_at_once",
            "On a multi-thread runtime a spawned task may start at once",
            |ctx| spawning::spawned_task_starts_at_once(ctx).boxed_local(),
        )
        .in_real_time_only(),
        Demo::walkthrough(
            "4.2.start_order",
            "Three tasks spawned A, B, C: the order they start in depends on the scheduler",
            |ctx| spawning::start_order(ctx).boxed_local(),
        ),
        Demo::walkthrough(
            "4.2.oneshot",
            "A value handed from one task to another",
            |ctx| oneshot::hand_over_a_value(ctx).boxed_local(),
        ),
        Demo::walkthrough(
            "4.2.task_group",
            "A task group: all succeed together, or the first failure aborts the rest and waits",
            |ctx| task_group::all_or_nothing(ctx).boxed_local(),
        ),
        Demo::walkthrough(
            "4.2.drop_or_shutdown",
            "Dropping a JoinSet aborts without waiting; shutdown().await waits",
            |ctx| task_group::drop_or_shutdown(ctx).boxed_local(),
        ),
        Demo::walkthrough(
            "4.2.resource",
            "A resource closed when the work fails, and what runs when a timeout drops it",
            |ctx| resource::always_closed(ctx).boxed_local(),
        ),
    ]
}
