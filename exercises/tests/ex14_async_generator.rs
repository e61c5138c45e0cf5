//! Exercise 14, graded on its own (lesson 4.3): this test target is your
//! `src/ex14_async_generator.rs` plus its grader, so saving that file recompiles just the two, and
//! an error in another exercise cannot stop this one from being graded.
//! `cargo xtask check ex14` builds and runs it; `cargo test -p exercises` runs them all.

// A stub takes parameters and defines items that its grader does not use (yet).
#[allow(dead_code, unused_variables)]
#[path = "../src/ex14_async_generator.rs"]
mod ex14_async_generator;

#[path = "../graders/ex14_async_generator.rs"]
mod ex14_async_generator_grader;
