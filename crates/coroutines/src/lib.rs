//! Lesson 4.1 — synchronous vs asynchronous — and lesson 4.3's futures in depth:
//! chaining, awaitables, the state machine behind `async fn`, a hand-written future and
//! a tiny executor.
//!
//! One concept per file. Each file holds the code the lesson text shows (between
//! `ANCHOR:` comments, included by the lesson) and the demo that runs it.

pub mod async_traits;
pub mod awaitables;
pub mod blocking;
pub mod chaining;
pub mod cpu_bound;
pub mod delay;
pub mod executor;
pub mod laziness;
pub mod local_tasks;
pub mod runtime;
pub mod state_machine;
pub mod sync_vs_async;
pub mod tasks;
pub mod testing;

use futures::FutureExt;
use harness::Demo;

/// Every demo of this crate, under the ids the lessons refer to.
pub fn demos() -> Vec<Demo> {
    vec![
        Demo::comparison(
            "4.1.three_reads",
            "Three 1 s file reads: one after another, then all at once",
            |ctx| sync_vs_async::three_reads(ctx).boxed_local(),
        ),
        Demo::walkthrough(
            "4.1.blocking_sleep",
            "A blocking wait freezes every future on the thread",
            |ctx| blocking::blocking_freezes_the_thread(ctx).boxed_local(),
        )
        .in_real_time_only(),
        Demo::walkthrough(
            "4.1.lazy_future",
            "A future does nothing until it is awaited",
            |ctx| laziness::futures_are_lazy(ctx).boxed_local(),
        ),
        Demo::walkthrough(
            "4.1.let_underscore",
            "let _ = drops a future unpolled, and a permit at once",
            |ctx| laziness::let_underscore_traps(ctx).boxed_local(),
        ),
        Demo::walkthrough(
            "4.1.runtime_polls",
            "What the runtime does: poll, wait for a wake-up, poll again",
            |ctx| runtime::watch_the_runtime(ctx).boxed_local(),
        ),
        Demo::walkthrough(
            "4.1.spawn_task",
            "A spawned task runs while main does other work",
            |ctx| tasks::spawn_and_carry_on(ctx).boxed_local(),
        ),
        Demo::comparison(
            "4.1.cpu_bound",
            "Computation gets no speedup from concurrency on one thread",
            |ctx| cpu_bound::computation_does_not_overlap(ctx).boxed_local(),
        )
        .in_real_time_only(),
        Demo::walkthrough(
            "4.3.chaining",
            "Chained steps, and an error that ends the chain early",
            |ctx| chaining::chain_and_fail(ctx).boxed_local(),
        ),
        Demo::walkthrough("4.3.awaitables", "Three kinds of awaitable", |ctx| {
            awaitables::three_kinds_of_awaitable(ctx).boxed_local()
        }),
        Demo::walkthrough(
            "4.3.local_set",
            "Tasks that are not Send: spawn_local in a LocalSet",
            |ctx| local_tasks::tasks_that_stay_on_one_thread(ctx).boxed_local(),
        ),
        Demo::walkthrough(
            "4.3.paused_clock",
            "Testing on a paused clock: a 10-minute retry schedule in no real time, then advance by hand",
            |ctx| testing::paused_clock(ctx).boxed_local(),
        ),
        Demo::walkthrough(
            "4.3.async_trait",
            "One async trait, two implementations: generic, dyn, and a recursive walk",
            |ctx| async_traits::one_trait_two_sites(ctx).boxed_local(),
        ),
        Demo::walkthrough(
            "4.3.tiny_executor",
            "A hand-written future run by a hand-written executor",
            |ctx| executor::tiny_executor(ctx).boxed_local(),
        )
        .in_real_time_only(),
    ]
}
