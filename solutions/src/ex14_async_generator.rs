//! Exercise 14 — async generators (lesson 4.3): reference solution.

use async_stream::stream;
use futures::stream::{self, Stream, StreamExt};
use std::pin::pin;
use std::time::Duration;
use tokio::time::sleep;

/// Yields `start..stop`, waiting `pause` before each number.
pub fn async_range(start: u32, stop: u32, pause: Duration) -> impl Stream<Item = u32> {
    // The block runs only while the stream is polled: up to a `yield`, where it stays
    // until the consumer asks for the next item. Calling async_range runs none of it.
    stream! {
        for i in start..stop {
            sleep(pause).await;
            yield i;
        }
    }
}

/// Yields `from, from - 1, …, 1`, waiting `pause` before each number.
pub fn countdown(from: u32, pause: Duration) -> impl Stream<Item = u32> {
    // The state is the number still to yield; each step awaits, then hands back the
    // item and the next state — or None, which ends the stream.
    stream::unfold(from, move |n| async move {
        if n == 0 {
            return None;
        }
        sleep(pause).await;
        Some((n, n - 1))
    })
}

/// Yields the running total of `numbers`, each total as its number arrives.
pub fn running_total(numbers: impl Stream<Item = u32>) -> impl Stream<Item = u32> {
    stream! {
        // `next()` needs a pinned stream; pinning inside the generator keeps it lazy.
        let mut numbers = pin!(numbers);
        let mut total = 0;
        // Python's `async for n in numbers`: one number pulled per total asked for.
        while let Some(n) = numbers.next().await {
            total += n;
            yield total;
        }
    }
}
