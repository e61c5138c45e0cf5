//! Exercise 40, graded on its own (lesson 4.6): this test target is your
//! `src/ex40_chat_room.rs` plus its grader, so saving that file recompiles just the two, and
//! an error in another exercise cannot stop this one from being graded.
//! `cargo xtask check ex40` builds and runs it; `cargo test -p exercises` runs them all.

// A stub takes parameters and defines items that its grader does not use (yet).
#[allow(dead_code, unused_variables)]
#[path = "../src/ex40_chat_room.rs"]
mod ex40_chat_room;

#[path = "../graders/ex40_chat_room.rs"]
mod ex40_chat_room_grader;
