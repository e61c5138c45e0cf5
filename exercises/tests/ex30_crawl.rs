//! Exercise 30, graded on its own (lesson 4.5): this test target is your
//! `src/ex30_crawl.rs` plus its grader, so saving that file recompiles just the two, and
//! an error in another exercise cannot stop this one from being graded.
//! `cargo xtask check ex30` builds and runs it; `cargo test -p exercises` runs them all.

// A stub takes parameters and defines items that its grader does not use (yet).
#[allow(dead_code, unused_variables)]
#[path = "../src/ex30_crawl.rs"]
mod ex30_crawl;

#[path = "../graders/ex30_crawl.rs"]
mod ex30_crawl_grader;
