//! Exercise 5 — a deadline with your own error type (lesson 4.2).
//!
//! `await asyncio.wait_for(fetch(), timeout=2)` cancels `fetch()` if it is not done in
//! two seconds and raises `TimeoutError`. In tokio, `tokio::time::timeout(limit, future)`
//! does the same: it returns `Err(Elapsed)` at the deadline and drops the future, which
//! is how a future is cancelled in Rust. Wrap an operation that can fail in a deadline,
//! and report both ways of failing through one error type of your own.
//!
//! Grade: `cargo xtask check ex05` · Stuck? `cargo xtask hint ex05`

use std::fmt;
use std::future::Future;
use std::time::Duration;

/// Why an operation run by [`with_deadline`] gave no value. (Given.)
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
///
/// - `op` finishes in time with `Ok(value)`: return `Ok(value)` as soon as it does.
/// - `op` finishes in time with `Err(message)`: return `Err(FetchError::Failed(message))`.
/// - `op` is still running at `limit`: cancel it and return
///   `Err(FetchError::TimedOut { limit })` right at the deadline.
pub async fn with_deadline<T>(
    limit: Duration,
    op: impl Future<Output = Result<T, String>>,
) -> Result<T, FetchError> {
    // TODO: put `op` under `tokio::time::timeout` and translate both kinds of error.
    todo!("with_deadline")
}
