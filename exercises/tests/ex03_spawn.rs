//! Exercise 3, graded on its own (lesson 4.2): this test target is your
//! `src/ex03_spawn.rs` plus its grader, so saving that file recompiles just the two, and
//! an error in another exercise cannot stop this one from being graded.
//! `cargo xtask check ex03` builds and runs it; `cargo test -p exercises` runs them all.

// A stub takes parameters and defines items that its grader does not use (yet).
#[allow(dead_code, unused_variables)]
#[path = "../src/ex03_spawn.rs"]
mod ex03_spawn;

#[path = "../graders/ex03_spawn.rs"]
mod ex03_spawn_grader;
