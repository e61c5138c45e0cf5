//! Exercise 19, graded on its own (lesson 4.4): this test target is your
//! `src/ex19_panicking_task.rs` plus its grader, so saving that file recompiles just the two, and
//! an error in another exercise cannot stop this one from being graded.
//! `cargo xtask check ex19` builds and runs it; `cargo test -p exercises` runs them all.

// A stub takes parameters and defines items that its grader does not use (yet).
#[allow(dead_code, unused_variables)]
#[path = "../src/ex19_panicking_task.rs"]
mod ex19_panicking_task;

#[path = "../graders/ex19_panicking_task.rs"]
mod ex19_panicking_task_grader;
