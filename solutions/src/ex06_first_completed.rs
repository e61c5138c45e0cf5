//! Exercise 6 — first to finish wins; the rest are cancelled (lesson 4.2): reference solution.

use futures::future::{BoxFuture, select_all};

/// Runs every contender at the same time and returns, as soon as the first one finishes,
/// its position in `contenders` and its value.
pub async fn first_completed<T>(contenders: Vec<BoxFuture<'static, T>>) -> Option<(usize, T)> {
    // select_all panics on an empty list, so answer that case first.
    if contenders.is_empty() {
        return None;
    }
    // select_all polls them all and finishes with the first one ready; it hands back
    // the others, still pending.
    let (value, index, losers) = select_all(contenders).await;
    // Dropping a future is how Rust cancels it: the losers never run again.
    drop(losers);
    Some((index, value))
}
