//! Exercise 18 — fail fast, or collect every outcome (lesson 4.4): reference solution.

use futures::future::{BoxFuture, join_all, try_join_all};
use std::fmt;

/// Why a fetch failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FetchError(pub String);

impl fmt::Display for FetchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "fetch failed: {}", self.0)
    }
}

impl std::error::Error for FetchError {}

/// One fetch: a future that gives a page's body, or why it failed.
pub type Fetch = BoxFuture<'static, Result<String, FetchError>>;

/// All the pages in order, or the first error in time — the others are dropped then.
pub async fn fetch_all_or_nothing(fetches: Vec<Fetch>) -> Result<Vec<String>, FetchError> {
    // try_join_all polls every fetch at once. The first `Err` to come in ends it, and
    // the fetches still running are dropped with it: cancelled, unlike asyncio.gather,
    // which lets them run on.
    try_join_all(fetches).await
}

/// Every outcome, in the order of the fetches, once the slowest is done.
pub async fn fetch_every_outcome(fetches: Vec<Fetch>) -> Vec<Result<String, FetchError>> {
    // join_all does not look inside the results: an `Err` is a value like any other,
    // as with gather(..., return_exceptions=True).
    join_all(fetches).await
}
