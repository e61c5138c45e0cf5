//! RIGHT ANSWER (kept so `cargo xtask verify` proves the grader accepts it): exercise 15
//! with `buffered` written as a semaphore over `join_all`. It starts the next item as soon
//! as any call finishes — even one whose result must wait for an earlier item's — so with
//! limit 2 it takes 4.5 s where `StreamExt::buffered` takes 5.0 s. Both keep at most
//! `limit` calls in flight and the order of the items; the specification allows both.

use futures::future::join_all;
use futures::stream::{self, StreamExt};
use std::future::Future;
use std::time::Duration;
use tokio::sync::Semaphore;

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

/// Up to `limit` calls at once; results in the order of `xs`.
pub async fn buffered<F, Fut>(xs: Vec<u32>, limit: usize, f: F) -> Vec<u32>
where
    F: FnMut(u32) -> Fut,
    Fut: Future<Output = u32>,
{
    let places = Semaphore::new(limit);
    let mut f = f;
    let calls = xs.into_iter().map(|x| {
        let call = f(x);
        let places = &places;
        async move {
            let _place = places.acquire().await.expect("never closed");
            call.await
        }
    });
    join_all(calls).await
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
