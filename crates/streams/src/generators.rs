//! Async generators: three ways to write `async def … yield` in Rust.
//!
//! Stable Rust has no `yield` in async functions yet. The usual substitutes:
//! `async_stream::stream!` (a macro that lets you write `yield`), `futures::stream::unfold`
//! (a state and a step function), and a spawned producer feeding a channel.

use async_stream::stream;
use futures::stream::{self, Stream, StreamExt};
use harness::Ctx;
use std::time::Duration;
use tokio::sync::mpsc;
use tokio_stream::wrappers::ReceiverStream;

// ANCHOR: async_range
/// `async def async_range(start, stop)`: yields `start..stop`, pausing before each.
pub fn async_range(start: u32, stop: u32, pause: Duration) -> impl Stream<Item = u32> {
    stream! {
        for i in start..stop {
            tokio::time::sleep(pause).await;
            yield i;
        }
    }
}
// ANCHOR_END: async_range

// ANCHOR: countdown
/// `async def countdown(n)`: yields n, n-1, … 1, a pause before each — as an `unfold`:
/// the state is the next number; each step returns the item and the next state.
pub fn countdown(from: u32, pause: Duration) -> impl Stream<Item = u32> {
    stream::unfold(from, move |n| async move {
        if n == 0 {
            return None; // the end of the stream
        }
        tokio::time::sleep(pause).await;
        Some((n, n - 1))
    })
}
// ANCHOR_END: countdown

// ANCHOR: channel
/// A producer task feeding a bounded channel; the receiving end is the stream. Unlike
/// the two above it is not lazy: the producer is a task, it starts when this function
/// is called and runs on its own, up to 2 items (the channel's capacity) ahead.
pub fn produced_by_a_task(count: u32, pause: Duration) -> impl Stream<Item = u32> {
    let (sender, receiver) = mpsc::channel(2);
    tokio::spawn(async move {
        for i in 1..=count {
            tokio::time::sleep(pause).await;
            if sender.send(i * 10).await.is_err() {
                return; // the stream was dropped: nobody is listening any more
            }
        }
    });
    ReceiverStream::new(receiver)
}
// ANCHOR_END: channel

/// How long the demo waits between building a stream and asking it for items: time in
/// which a lazy generator does nothing and the channel's producer runs ahead.
const HEAD_START: Duration = Duration::from_secs(2);

/// Demo `4.3.generators`: each generator built, left alone for two seconds, then
/// consumed as it yields.
pub async fn three_generators(ctx: Ctx) {
    let pause = Duration::from_millis(500);
    ctx.new_timeline();
    // ANCHOR: consume
    let mut numbers = std::pin::pin!(async_range(0, 3, pause));
    ctx.log("built async_range; asking for items in 2 s");
    tokio::time::sleep(HEAD_START).await;
    while let Some(i) = numbers.next().await {
        ctx.log(format!("async_range yielded {i}"));
    }
    // ANCHOR_END: consume
    ctx.new_timeline();
    let mut numbers = std::pin::pin!(countdown(3, pause));
    ctx.log("built countdown; asking for items in 2 s");
    tokio::time::sleep(HEAD_START).await;
    while let Some(n) = numbers.next().await {
        ctx.log(format!("countdown yielded {n}"));
    }
    ctx.new_timeline();
    let mut numbers = produced_by_a_task(3, pause);
    ctx.log("built the channel stream; asking for items in 2 s");
    tokio::time::sleep(HEAD_START).await;
    while let Some(n) = numbers.next().await {
        ctx.log(format!("the channel delivered {n}"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn each_generator_yields_its_values_one_pause_apart() {
        let pause = Duration::from_secs(1);
        let started = tokio::time::Instant::now();
        assert_eq!(
            async_range(2, 5, pause).collect::<Vec<_>>().await,
            [2, 3, 4]
        );
        assert_eq!(countdown(3, pause).collect::<Vec<_>>().await, [3, 2, 1]);
        assert_eq!(
            produced_by_a_task(2, pause).collect::<Vec<_>>().await,
            [10, 20]
        );
        assert_eq!(started.elapsed(), Duration::from_secs(8));
    }

    #[tokio::test(start_paused = true)]
    async fn only_the_channel_fed_generator_runs_ahead_of_its_consumer() {
        let pause = Duration::from_secs(1);
        let mut lazy = std::pin::pin!(async_range(0, 5, pause));
        let mut eager = produced_by_a_task(5, pause);
        tokio::time::sleep(Duration::from_secs(10)).await;

        let asked = tokio::time::Instant::now();
        lazy.next().await;
        assert_eq!(asked.elapsed(), pause, "stream! starts when first asked");

        let asked = tokio::time::Instant::now();
        for _ in 0..3 {
            eager.next().await;
        }
        assert_eq!(
            asked.elapsed(),
            Duration::ZERO,
            "the producer filled the channel (2) and had a third item waiting for room"
        );
        eager.next().await;
        assert_eq!(
            asked.elapsed(),
            pause,
            "then it is one pause per item again"
        );
    }
}
