//! Exercise 35, graded on its own (lesson 4.4): this test target is your
//! `src/ex35_broadcast_lag.rs` plus its grader, so saving that file recompiles just the two, and
//! an error in another exercise cannot stop this one from being graded.
//! `cargo xtask check ex35` builds and runs it; `cargo test -p exercises` runs them all.

// A stub takes parameters and defines items that its grader does not use (yet).
#[allow(dead_code, unused_variables)]
#[path = "../src/ex35_broadcast_lag.rs"]
mod ex35_broadcast_lag;

#[path = "../graders/ex35_broadcast_lag.rs"]
mod ex35_broadcast_lag_grader;
