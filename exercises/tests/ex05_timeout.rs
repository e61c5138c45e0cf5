//! Exercise 5, graded on its own (lesson 4.2): this test target is your
//! `src/ex05_timeout.rs` plus its grader, so saving that file recompiles just the two, and
//! an error in another exercise cannot stop this one from being graded.
//! `cargo xtask check ex05` builds and runs it; `cargo test -p exercises` runs them all.

// A stub takes parameters and defines items that its grader does not use (yet).
#[allow(dead_code, unused_variables)]
#[path = "../src/ex05_timeout.rs"]
mod ex05_timeout;

#[path = "../graders/ex05_timeout.rs"]
mod ex05_timeout_grader;
