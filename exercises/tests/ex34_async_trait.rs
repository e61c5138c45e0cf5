//! Exercise 34, graded on its own (lesson 4.3): this test target is your
//! `src/ex34_async_trait.rs` plus its grader, so saving that file recompiles just the two, and
//! an error in another exercise cannot stop this one from being graded.
//! `cargo xtask check ex34` builds and runs it; `cargo test -p exercises` runs them all.

// A stub takes parameters and defines items that its grader does not use (yet).
#[allow(dead_code, unused_variables)]
#[path = "../src/ex34_async_trait.rs"]
mod ex34_async_trait;

#[path = "../graders/ex34_async_trait.rs"]
mod ex34_async_trait_grader;
