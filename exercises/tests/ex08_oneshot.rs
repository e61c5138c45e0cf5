//! Exercise 8, graded on its own (lesson 4.2): this test target is your
//! `src/ex08_oneshot.rs` plus its grader, so saving that file recompiles just the two, and
//! an error in another exercise cannot stop this one from being graded.
//! `cargo xtask check ex08` builds and runs it; `cargo test -p exercises` runs them all.

// A stub takes parameters and defines items that its grader does not use (yet).
#[allow(dead_code, unused_variables)]
#[path = "../src/ex08_oneshot.rs"]
mod ex08_oneshot;

#[path = "../graders/ex08_oneshot.rs"]
mod ex08_oneshot_grader;
