//! Exercise 19 — survive a panicking task (lesson 4.4).
//!
//! An exception in an asyncio task is stored in the task and raised again when you await
//! it; the other tasks carry on. A Rust *panic* works the same way inside a spawned task:
//! the runtime catches it at the task's edge, the task ends, and its `JoinHandle` gives
//! `Err(JoinError)` — whose `is_panic()` says what happened and whose `into_panic()`
//! hands over the panic's payload.
//!
//! Run a batch of jobs, some of which panic, and report every job's outcome — a panic
//! turned into a value — while the healthy jobs finish undisturbed.
//!
//! Grade: `cargo xtask check ex19` · Stuck? `cargo xtask hint ex19`

use futures::future::BoxFuture;
use std::any::Any;

/// What became of one job. (Given.)
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The job ran to its end and gave this.
    Finished(String),
    /// The job panicked with this message.
    Panicked(String),
}

/// The message a panic was raised with.
///
/// A panic's payload is a `Box<dyn Any + Send>`: `panic!("literal")` puts a
/// `&'static str` in it, and `panic!("{x} failed")` a `String`. Return the text in
/// either case, and `"(no message)"` for anything else.
pub fn panic_text(payload: Box<dyn Any + Send>) -> String {
    // TODO: look inside the box for a String, then for a &'static str.
    todo!("panic_text")
}

/// Runs every job at the same time, each as a task of its own, and returns each job's
/// outcome in the order of `jobs` once the last one is done. A job that panics becomes
/// `Outcome::Panicked(message)`; it must neither stop nor delay the others, and
/// `run_surviving_panics` itself must not panic.
pub async fn run_surviving_panics(jobs: Vec<BoxFuture<'static, String>>) -> Vec<Outcome> {
    // TODO: spawn every job, then turn each JoinHandle's result into an Outcome.
    todo!("run_surviving_panics")
}
