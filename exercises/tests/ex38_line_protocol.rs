//! Exercise 38, graded on its own (lesson 4.6): this test target is your
//! `src/ex38_line_protocol.rs` plus its grader, so saving that file recompiles just the two, and
//! an error in another exercise cannot stop this one from being graded.
//! `cargo xtask check ex38` builds and runs it; `cargo test -p exercises` runs them all.

// A stub takes parameters and defines items that its grader does not use (yet).
#[allow(dead_code, unused_variables)]
#[path = "../src/ex38_line_protocol.rs"]
mod ex38_line_protocol;

#[path = "../graders/ex38_line_protocol.rs"]
mod ex38_line_protocol_grader;
