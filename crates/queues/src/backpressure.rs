//! Backpressure: a bounded queue makes a fast producer wait for a slow consumer.
//!
//! An unbounded queue (`asyncio.Queue()` with no `maxsize`) lets a fast producer run
//! ahead and pile up work in memory. With a bound, `send(..).await` waits while the
//! queue is full: the producer is slowed to the consumer's pace.

use harness::{Ctx, Timeline};
use std::time::Duration;
use tokio::sync::mpsc;

// ANCHOR: backpressure
/// Makes an item every 0.1 s; each `send` waits if the queue (of 2) is full.
pub async fn fast_producer(timeline: Timeline, queue: mpsc::Sender<u32>) {
    for item in 1..=6 {
        tokio::time::sleep(Duration::from_millis(100)).await;
        let send = queue.send(item);
        timeline
            .record(format!("send {item}"), send)
            .await
            .expect("the consumer is still there");
    }
}

/// Takes one item a second.
pub async fn slow_consumer(timeline: Timeline, mut queue: mpsc::Receiver<u32>) {
    while let Some(item) = queue.recv().await {
        let work = tokio::time::sleep(Duration::from_secs(1));
        timeline.record(format!("work {item}"), work).await;
    }
}

/// Demo `4.4.backpressure`: watch the `send` bars grow once the queue is full.
pub async fn producer_waits_for_room(ctx: Ctx) {
    let timeline = ctx.new_timeline();
    let (sender, receiver) = mpsc::channel(2);
    let consumer = tokio::spawn(slow_consumer(timeline.clone(), receiver));
    fast_producer(timeline.clone(), sender).await;
    consumer.await.expect("the consumer does not panic");
    ctx.show_timeline("from item 4 on, each send waits for a free slot", &timeline);
}
// ANCHOR_END: backpressure
