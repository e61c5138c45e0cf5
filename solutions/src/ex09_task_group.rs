//! Exercise 9 — all or nothing: a task group that aborts the rest (lesson 4.2):
//! reference solution.

use futures::future::BoxFuture;
use std::fmt;
use tokio::task::JoinSet;

/// Why a job failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JobError(pub String);

impl fmt::Display for JobError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "job failed: {}", self.0)
    }
}

impl std::error::Error for JobError {}

/// Runs all `jobs` at the same time; all their values in order, or the first error.
pub async fn all_or_nothing(
    jobs: Vec<BoxFuture<'static, Result<u32, JobError>>>,
) -> Result<Vec<u32>, JobError> {
    let mut group = JoinSet::new();
    let count = jobs.len();
    for (index, job) in jobs.into_iter().enumerate() {
        // join_next yields in completion order, so each task reports its position too.
        group.spawn(async move { (index, job.await) });
    }

    let mut values = vec![0; count];
    while let Some(joined) = group.join_next().await {
        let (index, result) = match joined {
            Ok(finished) => finished,
            // A job panicked: pass the panic on, as TaskGroup re-raises an exception.
            Err(error) => std::panic::resume_unwind(error.into_panic()),
        };
        match result {
            Ok(value) => values[index] = value,
            Err(error) => {
                // Abort the tasks still running and wait until they are gone, as TaskGroup
                // does. (Dropping `group` would abort them too, but without waiting.)
                group.shutdown().await;
                return Err(error);
            }
        }
    }
    Ok(values)
}
