//! Exercise 6, graded on its own (lesson 4.2): this test target is your
//! `src/ex06_first_completed.rs` plus its grader, so saving that file recompiles just the two, and
//! an error in another exercise cannot stop this one from being graded.
//! `cargo xtask check ex06` builds and runs it; `cargo test -p exercises` runs them all.

// A stub takes parameters and defines items that its grader does not use (yet).
#[allow(dead_code, unused_variables)]
#[path = "../src/ex06_first_completed.rs"]
mod ex06_first_completed;

#[path = "../graders/ex06_first_completed.rs"]
mod ex06_first_completed_grader;
