//! Async "comprehensions": the same loop written sequentially and concurrently.
//!
//! The course's warning: `[await get_data(x) for x in data]` is *not* concurrent — each
//! `await` finishes before the next item starts. Streams make the choice explicit:
//! `then` awaits one item at a time; `buffered(n)` keeps up to `n` in flight and yields
//! results in input order; `buffer_unordered(n)` yields them as they finish.

use futures::stream::{self, StreamExt};
use harness::{Comparison, Ctx, Timeline};
use std::time::Duration;

/// How long each item takes.
pub const ITEM_TIME: Duration = Duration::from_secs(1);

// ANCHOR: get_data
/// Doubles `item` after `delay` of simulated work.
pub async fn get_data(item: u32, delay: Duration) -> u32 {
    tokio::time::sleep(delay).await;
    item * 2
}
// ANCHOR_END: get_data

// ANCHOR: sequential
/// `[await get_data(x) for x in data]`: `then` awaits each item before taking the next.
pub async fn sequential(timeline: &Timeline, data: Vec<u32>) -> Vec<u32> {
    stream::iter(data)
        .then(|x| timeline.record(format!("item {x}"), get_data(x, ITEM_TIME)))
        .collect()
        .await
}
// ANCHOR_END: sequential

// ANCHOR: buffered
/// Up to `limit` items in flight at once; results still in input order.
pub async fn buffered(timeline: &Timeline, data: Vec<u32>, limit: usize) -> Vec<u32> {
    stream::iter(data)
        .map(|x| timeline.record(format!("item {x}"), get_data(x, ITEM_TIME)))
        .buffered(limit)
        .collect()
        .await
}
// ANCHOR_END: buffered

/// Demo `4.3.comprehension`: five items of one second each, both ways.
pub async fn sequential_vs_buffered(ctx: Ctx) {
    let spec = Comparison {
        id: "4.3.comprehension",
        title: "five 1 s items: then vs buffered(5)",
        ideal_sequential: ITEM_TIME * 5,
        ideal_concurrent: ITEM_TIME,
    };
    ctx.compare(
        spec,
        |ctx, timeline| async move {
            let results = sequential(&timeline, vec![1, 2, 3, 4, 5]).await;
            ctx.log(format!("results: {results:?}"));
        },
        |ctx, timeline| async move {
            let results = buffered(&timeline, vec![1, 2, 3, 4, 5], 5).await;
            ctx.log(format!("results: {results:?}"));
        },
    )
    .await;
}

// ANCHOR: unordered
/// Demo `4.3.unordered`: items of 3 s, 1 s and 2 s through `buffered` and `buffer_unordered`.
pub async fn ordered_vs_unordered(ctx: Ctx) {
    let slow_first = [(1, 3), (2, 1), (3, 2)];
    let work = |(item, seconds): (u32, u64)| get_data(item, Duration::from_secs(seconds));

    ctx.new_timeline();
    let in_order: Vec<u32> = stream::iter(slow_first)
        .map(work)
        .buffered(3)
        .collect()
        .await;
    ctx.log(format!("buffered(3):         {in_order:?} (input order)"));

    ctx.new_timeline();
    let as_done: Vec<u32> = stream::iter(slow_first)
        .map(work)
        .buffer_unordered(3)
        .collect()
        .await;
    ctx.log(format!(
        "buffer_unordered(3): {as_done:?} (finishing order)"
    ));
}
// ANCHOR_END: unordered

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn buffered_overlaps_up_to_its_limit_and_keeps_order() {
        let timeline = Timeline::start();
        assert_eq!(
            buffered(&timeline, vec![1, 2, 3, 4, 5], 2).await,
            [2, 4, 6, 8, 10]
        );
        assert_eq!(timeline.elapsed(), ITEM_TIME * 3, "2 + 2 + 1 items");
    }
}
