//! Exercise 2, graded on its own (lesson 4.1): this test target is your
//! `src/ex02_lazy.rs` plus its grader, so saving that file recompiles just the two, and
//! an error in another exercise cannot stop this one from being graded.
//! `cargo xtask check ex02` builds and runs it; `cargo test -p exercises` runs them all.

// A stub takes parameters and defines items that its grader does not use (yet).
#[allow(dead_code, unused_variables)]
#[path = "../src/ex02_lazy.rs"]
mod ex02_lazy;

#[path = "../graders/ex02_lazy.rs"]
mod ex02_lazy_grader;
