//! Exercise 18, graded on its own (lesson 4.4): this test target is your
//! `src/ex18_fail_fast.rs` plus its grader, so saving that file recompiles just the two, and
//! an error in another exercise cannot stop this one from being graded.
//! `cargo xtask check ex18` builds and runs it; `cargo test -p exercises` runs them all.

// A stub takes parameters and defines items that its grader does not use (yet).
#[allow(dead_code, unused_variables)]
#[path = "../src/ex18_fail_fast.rs"]
mod ex18_fail_fast;

#[path = "../graders/ex18_fail_fast.rs"]
mod ex18_fail_fast_grader;
