//! Exercise 29, graded on its own (lesson 4.5): this test target is your
//! `src/ex29_politeness.rs` plus its grader, so saving that file recompiles just the two, and
//! an error in another exercise cannot stop this one from being graded.
//! `cargo xtask check ex29` builds and runs it; `cargo test -p exercises` runs them all.

// A stub takes parameters and defines items that its grader does not use (yet).
#[allow(dead_code, unused_variables)]
#[path = "../src/ex29_politeness.rs"]
mod ex29_politeness;

#[path = "../graders/ex29_politeness.rs"]
mod ex29_politeness_grader;
