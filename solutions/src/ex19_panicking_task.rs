//! Exercise 19 — survive a panicking task (lesson 4.4): reference solution.

use futures::future::{BoxFuture, join_all};
use std::any::Any;

/// What became of one job.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The job ran to its end and gave this.
    Finished(String),
    /// The job panicked with this message.
    Panicked(String),
}

/// The message a panic was raised with, or `"(no message)"`.
pub fn panic_text(payload: Box<dyn Any + Send>) -> String {
    // `panic!("literal")` carries a `&'static str`; `panic!("{x}")` a `String`.
    match payload.downcast::<String>() {
        Ok(text) => *text,
        Err(payload) => match payload.downcast::<&'static str>() {
            Ok(text) => text.to_string(),
            Err(_) => "(no message)".to_string(),
        },
    }
}

/// Runs every job as a task; each one's outcome, in order, panics included.
pub async fn run_surviving_panics(jobs: Vec<BoxFuture<'static, String>>) -> Vec<Outcome> {
    // Spawn them all first, so they run at the same time. A panic inside a task stops
    // only that task: it is caught at the task's edge and handed to its JoinHandle.
    let handles: Vec<_> = jobs.into_iter().map(tokio::spawn).collect();
    join_all(handles)
        .await
        .into_iter()
        .map(|joined| match joined {
            Ok(value) => Outcome::Finished(value),
            Err(error) if error.is_panic() => Outcome::Panicked(panic_text(error.into_panic())),
            // Only an aborted task ends otherwise, and nobody aborts these.
            Err(error) => Outcome::Panicked(error.to_string()),
        })
        .collect()
}
