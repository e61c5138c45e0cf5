//! A pipeline of async stages, each with its own concurrency limit — the course's
//! Exercise 3 (an async data processor), as stream stages.
//!
//! Each stage is `map(stage).buffer_unordered(limit)`: at most `limit` items in that
//! stage at once, and an item moves on once it is done and the next stage asks for it.
//! Streams are *pulled*: a stage is polled — takes new items, and drives the ones it
//! holds — only when the stage after it asks for output. So a slow stage holds back the
//! ones before it instead of piling up unbounded work (backpressure); and the futures
//! it holds back are not polled meanwhile: real I/O in them stalls.

use futures::stream::{self, StreamExt};
use harness::{Comparison, Ctx, Timeline};
use std::time::Duration;

/// One stage of the pipeline.
#[derive(Debug, Clone, Copy)]
pub struct Stage {
    /// What the stage does.
    pub name: &'static str,
    /// How long it takes per item.
    pub time: Duration,
    /// How many items it may work on at once.
    pub limit: usize,
}

/// Fetch the raw data; the server allows two requests at a time.
pub const DOWNLOAD: Stage = Stage {
    name: "download",
    time: Duration::from_secs(1),
    limit: 2,
};

/// Parse it: quick, two at a time.
pub const PARSE: Stage = Stage {
    name: "parse",
    time: Duration::from_millis(500),
    limit: 2,
};

/// Store the result: the database takes one write at a time — the bottleneck.
pub const STORE: Stage = Stage {
    name: "store",
    time: Duration::from_secs(1),
    limit: 1,
};

// ANCHOR: stage
/// Runs one item through one stage, recording it on the timeline.
pub async fn run_stage(timeline: &Timeline, stage: Stage, item: u32) -> u32 {
    let work = tokio::time::sleep(stage.time);
    timeline
        .record(format!("{} {item}", stage.name), work)
        .await;
    item
}
// ANCHOR_END: stage

// ANCHOR: pipelined
/// Every item through download → parse → store, each stage within its limit.
pub async fn pipelined(timeline: &Timeline, items: Vec<u32>) -> Vec<u32> {
    stream::iter(items)
        .map(|item| run_stage(timeline, DOWNLOAD, item))
        .buffer_unordered(DOWNLOAD.limit)
        .map(|item| run_stage(timeline, PARSE, item))
        .buffer_unordered(PARSE.limit)
        .map(|item| run_stage(timeline, STORE, item))
        .buffer_unordered(STORE.limit)
        .collect()
        .await
}
// ANCHOR_END: pipelined

// ANCHOR: one_by_one
/// The same work, one item at a time through all three stages.
pub async fn one_by_one(timeline: &Timeline, items: Vec<u32>) -> Vec<u32> {
    let mut done = Vec::new();
    for item in items {
        let item = run_stage(timeline, DOWNLOAD, item).await;
        let item = run_stage(timeline, PARSE, item).await;
        done.push(run_stage(timeline, STORE, item).await);
    }
    done
}
// ANCHOR_END: one_by_one

/// Demo `4.3.pipeline`: four items, one by one and then pipelined.
pub async fn one_by_one_vs_pipelined(ctx: Ctx) {
    let spec = Comparison {
        id: "4.3.pipeline",
        title: "4 items: download 1 s (2 at once), parse 0.5 s (2), store 1 s (1)",
        // 4 × (1 + 0.5 + 1) s one by one.
        ideal_sequential: Duration::from_secs(10),
        // The store is the bottleneck, but streams are pulled: downloads 3 and 4 only
        // start when the store takes its second item (2.5 s), so store 3 waits for
        // them until 4 s: 4 s + two more writes of 1 s = 6 s. (An always-busy store
        // would finish at 5.5 s; stages decoupled by channels get there.)
        ideal_concurrent: Duration::from_secs(6),
    };
    ctx.compare(
        spec,
        |ctx, timeline| async move {
            let done = one_by_one(&timeline, vec![1, 2, 3, 4]).await;
            ctx.log(format!("stored items {done:?}"));
        },
        |ctx, timeline| async move {
            let done = pipelined(&timeline, vec![1, 2, 3, 4]).await;
            ctx.log(format!("stored items {done:?}"));
        },
    )
    .await;
}
