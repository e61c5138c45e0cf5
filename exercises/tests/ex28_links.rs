//! Exercise 28, graded on its own (lesson 4.5): this test target is your
//! `src/ex28_links.rs` plus its grader, so saving that file recompiles just the two, and
//! an error in another exercise cannot stop this one from being graded.
//! `cargo xtask check ex28` builds and runs it; `cargo test -p exercises` runs them all.

// A stub takes parameters and defines items that its grader does not use (yet).
#[allow(dead_code, unused_variables)]
#[path = "../src/ex28_links.rs"]
mod ex28_links;

#[path = "../graders/ex28_links.rs"]
mod ex28_links_grader;
