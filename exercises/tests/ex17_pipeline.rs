//! Exercise 17, graded on its own (lesson 4.3): this test target is your
//! `src/ex17_pipeline.rs` plus its grader, so saving that file recompiles just the two, and
//! an error in another exercise cannot stop this one from being graded.
//! `cargo xtask check ex17` builds and runs it; `cargo test -p exercises` runs them all.

// A stub takes parameters and defines items that its grader does not use (yet).
#[allow(dead_code, unused_variables)]
#[path = "../src/ex17_pipeline.rs"]
mod ex17_pipeline;

#[path = "../graders/ex17_pipeline.rs"]
mod ex17_pipeline_grader;
