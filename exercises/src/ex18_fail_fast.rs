//! Exercise 18 — fail fast, or collect every outcome (lesson 4.4).
//!
//! `await asyncio.gather(*fetches)` raises the first exception, and
//! `gather(*fetches, return_exceptions=True)` returns every outcome, exceptions as
//! values. Write both for a list of fetches that may fail:
//!
//! - `fetch_all_or_nothing` — every page, or the first failure *the moment it happens*.
//!   Unlike `gather`, the fetches still running must not run on: a failure cancels them.
//! - `fetch_every_outcome` — every fetch runs to its end, and you get each one's
//!   `Ok(page)` or `Err(error)` in the order the fetches were given.
//!
//! Grade: `cargo xtask check ex18` · Stuck? `cargo xtask hint ex18`

use futures::future::BoxFuture;
use std::fmt;

/// Why a fetch failed. (Given.)
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FetchError(pub String);

impl fmt::Display for FetchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "fetch failed: {}", self.0)
    }
}

impl std::error::Error for FetchError {}

/// One fetch: a future that gives a page's body, or why it failed. (Given.)
pub type Fetch = BoxFuture<'static, Result<String, FetchError>>;

/// Runs all `fetches` at the same time.
///
/// - If every fetch succeeds: their pages, in the order of `fetches`, once the slowest
///   is done.
/// - As soon as one fails: that error, at that moment — the first failure in *time*, not
///   in the list — and every fetch still running is cancelled.
pub async fn fetch_all_or_nothing(fetches: Vec<Fetch>) -> Result<Vec<String>, FetchError> {
    // TODO: run them together and stop at the first error.
    todo!("fetch_all_or_nothing")
}

/// Runs all `fetches` at the same time, each to its end, and returns every outcome in the
/// order of `fetches`: a failure is reported in its place and stops nothing.
pub async fn fetch_every_outcome(fetches: Vec<Fetch>) -> Vec<Result<String, FetchError>> {
    // TODO: run them together and keep every result, errors included.
    todo!("fetch_every_outcome")
}
