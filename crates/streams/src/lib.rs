//! Lesson 4.3 — streams: Rust's async iterators, async generators, async
//! "comprehensions" and pipelines of stages.
//!
//! One concept per file; each file holds the code the lesson shows (between `ANCHOR:`
//! comments) and the demo that runs it.

pub mod comprehension;
pub mod counter;
pub mod generators;
pub mod pipeline;

use futures::FutureExt;
use harness::Demo;

/// Every demo of this crate, under the ids the lessons refer to.
pub fn demos() -> Vec<Demo> {
    vec![
        Demo::walkthrough(
            "4.3.async_counter",
            "The course's AsyncCounter as a hand-written Stream",
            |ctx| counter::count_to_five(ctx).boxed_local(),
        ),
        Demo::walkthrough(
            "4.3.generators",
            "Async generators: stream!, unfold, and a channel",
            |ctx| generators::three_generators(ctx).boxed_local(),
        ),
        Demo::comparison(
            "4.3.comprehension",
            "An async comprehension, sequential and buffered",
            |ctx| comprehension::sequential_vs_buffered(ctx).boxed_local(),
        ),
        Demo::walkthrough(
            "4.3.unordered",
            "buffered keeps the input order; buffer_unordered does not",
            |ctx| comprehension::ordered_vs_unordered(ctx).boxed_local(),
        ),
        Demo::comparison(
            "4.3.pipeline",
            "Three stages, one item at a time vs a pipeline",
            |ctx| pipeline::one_by_one_vs_pipelined(ctx).boxed_local(),
        ),
    ]
}
