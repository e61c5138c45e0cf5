//! Exercise 11, graded on its own (lesson 4.2): this test target is your
//! `src/ex11_page_titles.rs` plus its grader, so saving that file recompiles just the two, and
//! an error in another exercise cannot stop this one from being graded.
//! `cargo xtask check ex11` builds and runs it; `cargo test -p exercises` runs them all.

// A stub takes parameters and defines items that its grader does not use (yet).
#[allow(dead_code, unused_variables)]
#[path = "../src/ex11_page_titles.rs"]
mod ex11_page_titles;

#[path = "../graders/ex11_page_titles.rs"]
mod ex11_page_titles_grader;
