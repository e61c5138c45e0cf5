//! Exercise 26, graded on its own (lesson 4.4): this test target is your
//! `src/ex26_blocking_work.rs` plus its grader, so saving that file recompiles just the two, and
//! an error in another exercise cannot stop this one from being graded.
//! `cargo xtask check ex26` builds and runs it; `cargo test -p exercises` runs them all.

// A stub takes parameters and defines items that its grader does not use (yet).
#[allow(dead_code, unused_variables)]
#[path = "../src/ex26_blocking_work.rs"]
mod ex26_blocking_work;

#[path = "../graders/ex26_blocking_work.rs"]
mod ex26_blocking_work_grader;
