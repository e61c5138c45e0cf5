//! Exercise 33, graded on its own (lesson 4.3): this test target is your
//! `src/ex33_test_the_retry.rs` plus its grader, so saving that file recompiles just the two, and
//! an error in another exercise cannot stop this one from being graded.
//! `cargo xtask check ex33` builds and runs it; `cargo test -p exercises` runs them all.

// A stub takes parameters and defines items that its grader does not use (yet).
#[allow(dead_code, unused_variables)]
#[path = "../src/ex33_test_the_retry.rs"]
mod ex33_test_the_retry;

#[path = "../graders/ex33_test_the_retry.rs"]
mod ex33_test_the_retry_grader;
