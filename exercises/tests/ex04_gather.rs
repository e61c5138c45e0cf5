//! Exercise 4, graded on its own (lesson 4.2): this test target is your
//! `src/ex04_gather.rs` plus its grader, so saving that file recompiles just the two, and
//! an error in another exercise cannot stop this one from being graded.
//! `cargo xtask check ex04` builds and runs it; `cargo test -p exercises` runs them all.

// A stub takes parameters and defines items that its grader does not use (yet).
#[allow(dead_code, unused_variables)]
#[path = "../src/ex04_gather.rs"]
mod ex04_gather;

#[path = "../graders/ex04_gather.rs"]
mod ex04_gather_grader;
