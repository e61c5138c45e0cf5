//! Exercise 1, graded on its own (lesson 4.1): this test target is your
//! `src/ex01_downloads.rs` plus its grader, so saving that file recompiles just the two, and
//! an error in another exercise cannot stop this one from being graded.
//! `cargo xtask check ex01` builds and runs it; `cargo test -p exercises` runs them all.

// A stub takes parameters and defines items that its grader does not use (yet).
#[allow(dead_code, unused_variables)]
#[path = "../src/ex01_downloads.rs"]
mod ex01_downloads;

#[path = "../graders/ex01_downloads.rs"]
mod ex01_downloads_grader;
