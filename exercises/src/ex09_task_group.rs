//! Exercise 9 — all or nothing: a task group that aborts the rest (lesson 4.2).
//!
//! `async with asyncio.TaskGroup() as tg:` runs tasks together; if one of them raises,
//! the group cancels all the others, waits for them, and passes the exception on, so no
//! task outlives the group. Tokio's `tokio::task::JoinSet` is the building block for the
//! same thing, not the whole thing: it owns a set of spawned tasks and hands back their
//! results as they finish (`join_next`), but a failing task makes it cancel nothing —
//! that part is yours. It can abort every task still in it (`abort_all`, or by being
//! dropped), and `shutdown().await` aborts them and waits until they are gone.
//!
//! Grade: `cargo xtask check ex09` · Stuck? `cargo xtask hint ex09`

use futures::future::BoxFuture;
use std::fmt;

/// Why a job failed. (Given.)
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JobError(pub String);

impl fmt::Display for JobError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "job failed: {}", self.0)
    }
}

impl std::error::Error for JobError {}

/// Runs all `jobs` at the same time, as tasks.
///
/// - If every job succeeds, returns their values in the order of `jobs` (not the order
///   they finished in), once the last one is done.
/// - As soon as any job fails, returns that error at once, and aborts every job still
///   running: none of them may run on to its end, and none may still exist when this
///   function returns (TaskGroup waits for the tasks it cancelled).
pub async fn all_or_nothing(
    jobs: Vec<BoxFuture<'static, Result<u32, JobError>>>,
) -> Result<Vec<u32>, JobError> {
    // TODO: spawn the jobs into a JoinSet (remember each one's position), then collect.
    todo!("all_or_nothing")
}
