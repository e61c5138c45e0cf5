//! Exercise 15 — async comprehensions: one by one, buffered, unordered (lesson 4.3).
//!
//! The course warns that `[await f(x) for x in xs]` is not concurrent: each `await`
//! finishes before the next item starts. With streams you choose:
//!
//! - `sequential` — one at a time, like that comprehension;
//! - `buffered` — up to `limit` at once, results in the order of `xs` (`gather`, with a
//!   limit);
//! - `unordered` — up to `limit` at once, results in the order they finish
//!   (`as_completed`, with a limit).
//!
//! Each function gets the async function `f` to apply to every item. Try them with
//! `fetch` below; the grader passes an `f` of its own that keeps count of how many calls
//! are in flight at once, and times everything on tokio's paused clock.
//!
//! Grade: `cargo xtask check ex15` · Stuck? `cargo xtask hint ex15`

use std::future::Future;
use std::time::Duration;

/// Fetches (simulated) the record `x`: takes `x % 3 + 1` seconds and gives `x * 10`.
/// An `f` to try your functions with. (Given.)
pub async fn fetch(x: u32) -> u32 {
    tokio::time::sleep(Duration::from_secs(u64::from(x % 3 + 1))).await;
    x * 10
}

/// `[await f(x) for x in xs]`: applies `f` to each item, one after another, and returns
/// the results in the order of `xs`.
pub async fn sequential<F, Fut>(xs: Vec<u32>, f: F) -> Vec<u32>
where
    F: FnMut(u32) -> Fut,
    Fut: Future<Output = u32>,
{
    // TODO: a stream of the items, each awaited in turn, collected.
    todo!("sequential")
}

/// Applies `f` to the items with up to `limit` calls in flight at once (`limit` ≥ 1),
/// starting the next as soon as there is room, and returns the results in the order of
/// `xs`. "Room" may be counted either way: `StreamExt::buffered` keeps a place taken by
/// a call that finished early until the results before it are in; starting the next
/// item the moment any call finishes is right too.
pub async fn buffered<F, Fut>(xs: Vec<u32>, limit: usize, f: F) -> Vec<u32>
where
    F: FnMut(u32) -> Fut,
    Fut: Future<Output = u32>,
{
    // TODO: turn each item into a future, then let at most `limit` of them run.
    todo!("buffered")
}

/// Applies `f` to the items with up to `limit` calls in flight at once (`limit` ≥ 1),
/// starting the next as soon as there is room, and returns the results in the order the
/// calls finished.
pub async fn unordered<F, Fut>(xs: Vec<u32>, limit: usize, f: F) -> Vec<u32>
where
    F: FnMut(u32) -> Fut,
    Fut: Future<Output = u32>,
{
    // TODO: like `buffered`, but hand results over as they finish.
    todo!("unordered")
}
