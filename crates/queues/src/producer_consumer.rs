//! `asyncio.Queue` in Rust: a bounded `mpsc` channel.
//!
//! The course's producer puts ten items, half a second apart, and a `None` sentinel at
//! the end; three consumers take items and pass the sentinel on. A tokio channel needs
//! no sentinel: when every `Sender` is dropped, `recv()` returns `None` once the queue
//! is empty — the end of the work is part of the channel. `mpsc` has one receiver, so
//! several consumers share it behind a `tokio::sync::Mutex`.

use harness::{Ctx, Timeline};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{Mutex, mpsc};

/// The receiving end, shared by several consumers.
pub type SharedQueue = Arc<Mutex<mpsc::Receiver<u32>>>;

// ANCHOR: producer
/// Puts `count` items into the queue, one every half second. Returning drops the
/// sender — which is how the consumers learn there is no more.
pub async fn producer(ctx: Ctx, queue: mpsc::Sender<u32>, count: u32) {
    for item in 0..count {
        queue
            .send(item)
            .await
            .expect("the consumers are still there");
        ctx.log(format!("produced {item}"));
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
}
// ANCHOR_END: producer

// ANCHOR: consumer
/// Takes items until the queue is closed and empty; one second of work per item.
pub async fn consumer(ctx: Ctx, timeline: Timeline, queue: SharedQueue, name: u32) -> u32 {
    let mut handled = 0;
    loop {
        // Hold the lock only while taking an item, never while working on it.
        let next = queue.lock().await.recv().await;
        let Some(item) = next else { break };
        let work = tokio::time::sleep(Duration::from_secs(1));
        timeline
            .record(format!("consumer {name}: item {item}"), work)
            .await;
        handled += 1;
    }
    ctx.log(format!("consumer {name} done after {handled} items"));
    handled
}
// ANCHOR_END: consumer

// ANCHOR: main
/// Demo `4.4.queue`: ten items, three consumers, a queue of five.
pub async fn one_producer_three_consumers(ctx: Ctx) {
    let timeline = ctx.new_timeline();
    let (sender, receiver) = mpsc::channel(5);
    let queue: SharedQueue = Arc::new(Mutex::new(receiver));

    let consumers: Vec<_> = (1..=3)
        .map(|name| tokio::spawn(consumer(ctx.clone(), timeline.clone(), queue.clone(), name)))
        .collect();
    producer(ctx.clone(), sender, 10).await; // the sender is dropped when this returns

    let mut total = 0;
    for consumer in consumers {
        total += consumer.await.expect("the consumer does not panic");
    }
    ctx.log(format!(
        "all done: {total} items handled, each exactly once"
    ));
    ctx.show_timeline(
        "three consumers keep up with one item every 0.5 s",
        &timeline,
    );
}
// ANCHOR_END: main
