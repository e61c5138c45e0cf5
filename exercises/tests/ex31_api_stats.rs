//! Exercise 31, graded on its own (lesson 4.5): this test target is your
//! `src/ex31_api_stats.rs` plus its grader, so saving that file recompiles just the two, and
//! an error in another exercise cannot stop this one from being graded.
//! `cargo xtask check ex31` builds and runs it; `cargo test -p exercises` runs them all.

// A stub takes parameters and defines items that its grader does not use (yet).
#[allow(dead_code, unused_variables)]
#[path = "../src/ex31_api_stats.rs"]
mod ex31_api_stats;

#[path = "../graders/ex31_api_stats.rs"]
mod ex31_api_stats_grader;
