//! Exercise 42, graded on its own (lesson 4.6): this test target is your
//! `src/ex42_connection_limits.rs` plus its grader, so saving that file recompiles just the two, and
//! an error in another exercise cannot stop this one from being graded.
//! `cargo xtask check ex42` builds and runs it; `cargo test -p exercises` runs them all.

// A stub takes parameters and defines items that its grader does not use (yet).
#[allow(dead_code, unused_variables)]
#[path = "../src/ex42_connection_limits.rs"]
mod ex42_connection_limits;

#[path = "../graders/ex42_connection_limits.rs"]
mod ex42_connection_limits_grader;
