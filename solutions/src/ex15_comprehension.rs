//! Exercise 15 — async comprehensions: one by one, buffered, unordered (lesson 4.3):
//! reference solution.

use futures::stream::{self, StreamExt};
use std::future::Future;
use std::time::Duration;

/// Fetches (simulated) the record `x`: takes `x % 3 + 1` seconds and gives `x * 10`.
pub async fn fetch(x: u32) -> u32 {
    tokio::time::sleep(Duration::from_secs(u64::from(x % 3 + 1))).await;
    x * 10
}

/// `[await f(x) for x in xs]`: one after another, in the order of `xs`.
pub async fn sequential<F, Fut>(xs: Vec<u32>, f: F) -> Vec<u32>
where
    F: FnMut(u32) -> Fut,
    Fut: Future<Output = u32>,
{
    // `then` awaits each future before it pulls the next item: never two at once.
    stream::iter(xs).then(f).collect().await
}

/// Up to `limit` calls at once; results in the order of `xs`. (`buffered` keeps a place
/// taken by a call that finished early until the results before it are in; a semaphore
/// over `join_all`, which frees it at once, is right too.)
pub async fn buffered<F, Fut>(xs: Vec<u32>, limit: usize, f: F) -> Vec<u32>
where
    F: FnMut(u32) -> Fut,
    Fut: Future<Output = u32>,
{
    // `map` only makes the futures (lazily, one per item pulled); `buffered` runs up to
    // `limit` of them and hands the outputs on in input order.
    stream::iter(xs).map(f).buffered(limit).collect().await
}

/// Up to `limit` calls at once; results in the order they finish.
pub async fn unordered<F, Fut>(xs: Vec<u32>, limit: usize, f: F) -> Vec<u32>
where
    F: FnMut(u32) -> Fut,
    Fut: Future<Output = u32>,
{
    stream::iter(xs)
        .map(f)
        .buffer_unordered(limit)
        .collect()
        .await
}
