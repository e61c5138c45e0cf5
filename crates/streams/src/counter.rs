//! `async for` in Rust: the `Stream` trait.
//!
//! Python's async iterator has `__anext__`, a coroutine that returns the next item or
//! raises `StopAsyncIteration`. A Rust `Stream` has `poll_next`: `Ready(Some(item))`,
//! `Ready(None)` at the end, or `Pending` (with the waker stored) while waiting. Rust has
//! no `async for` yet; `while let Some(item) = stream.next().await` is the idiom.

use futures::{Stream, StreamExt};
use harness::Ctx;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;
use tokio::time::{Sleep, sleep};

// ANCHOR: counter
/// Counts from 1 to `limit`, pausing before each number — the course's `AsyncCounter`.
pub struct AsyncCounter {
    limit: u32,
    counter: u32,
    pause: Duration,
    /// The pause in progress, if any: kept between polls so it is not restarted.
    sleeping: Option<Pin<Box<Sleep>>>,
}

impl AsyncCounter {
    /// A counter up to `limit`, one number every `pause`.
    pub fn new(limit: u32, pause: Duration) -> Self {
        AsyncCounter {
            limit,
            counter: 0,
            pause,
            sleeping: None,
        }
    }
}

impl Stream for AsyncCounter {
    type Item = u32;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<u32>> {
        if self.counter >= self.limit {
            return Poll::Ready(None); // StopAsyncIteration
        }
        let pause = self.pause;
        let timer = self.sleeping.get_or_insert_with(|| Box::pin(sleep(pause)));
        if timer.as_mut().poll(cx).is_pending() {
            return Poll::Pending; // the timer has stored cx's waker
        }
        self.sleeping = None;
        self.counter += 1;
        Poll::Ready(Some(self.counter))
    }
}
// ANCHOR_END: counter

// ANCHOR: async_for
/// Demo `4.3.async_counter`: `async for number in AsyncCounter(5)`, in Rust.
pub async fn count_to_five(ctx: Ctx) {
    let mut numbers = AsyncCounter::new(5, Duration::from_millis(100));
    while let Some(number) = numbers.next().await {
        ctx.log(format!("got number {number}"));
    }
    ctx.log("the stream ended (Ready(None))");
}
// ANCHOR_END: async_for

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn counts_with_a_pause_before_each_number_then_ends() {
        let started = tokio::time::Instant::now();
        let numbers: Vec<u32> = AsyncCounter::new(3, Duration::from_secs(1)).collect().await;
        assert_eq!(numbers, [1, 2, 3]);
        assert_eq!(started.elapsed(), Duration::from_secs(3));
    }
}
