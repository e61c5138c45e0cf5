//! Exercise 5 — a deadline with your own error type (lesson 4.2): reference solution.

use std::fmt;
use std::future::Future;
use std::time::Duration;
use tokio::time::timeout;

/// Why an operation run by [`with_deadline`] gave no value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FetchError {
    /// The operation was still running when the limit passed, and was cancelled.
    TimedOut {
        /// The limit that passed.
        limit: Duration,
    },
    /// The operation finished in time, but failed with this message.
    Failed(String),
}

impl fmt::Display for FetchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FetchError::TimedOut { limit } => {
                write!(f, "gave up after {:.2} s", limit.as_secs_f64())
            }
            FetchError::Failed(message) => write!(f, "failed: {message}"),
        }
    }
}

impl std::error::Error for FetchError {}

/// Runs `op`, but for no longer than `limit`.
pub async fn with_deadline<T>(
    limit: Duration,
    op: impl Future<Output = Result<T, String>>,
) -> Result<T, FetchError> {
    // Two layers of Result: the outer says whether `op` finished in time, the inner is
    // `op`'s own answer. At the deadline `timeout` drops `op`, which cancels it.
    let finished = timeout(limit, op)
        .await
        .map_err(|_elapsed| FetchError::TimedOut { limit })?;
    finished.map_err(FetchError::Failed)
}
