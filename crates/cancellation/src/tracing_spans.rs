//! Seeing inside async code: `tracing` spans and events.
//!
//! asyncio has `debug=True` and pdb. With many tasks interleaving, plain logs lose
//! track of which task said what; `tracing` attaches every event to the *span* it
//! happened in (a task, a request), and an async span follows its future across
//! `.await`s and threads. tokio-console builds on the same spans to show live tasks.

use harness::Ctx;
use std::io::Write;
use std::time::Duration;
use tracing::{Instrument, info, info_span, instrument};

// ANCHOR: instrumented
/// `#[instrument]` opens a span named after the function, with its arguments.
#[instrument(skip_all, fields(page = page))]
async fn fetch(page: u32, delay_ms: u64) -> usize {
    info!("request sent");
    tokio::time::sleep(Duration::from_millis(delay_ms)).await;
    info!(bytes = 512 * page, "response received");
    512 * page as usize
}

/// Three tasks, each in a span of its own, interleaving their work.
pub async fn three_traced_tasks() -> usize {
    let mut handles = Vec::new();
    for (worker, delay_ms) in [(1, 300), (2, 100), (3, 200)] {
        let work = async move { fetch(worker, delay_ms).await };
        handles.push(tokio::spawn(
            work.instrument(info_span!("worker", id = worker)),
        ));
    }
    let mut total = 0;
    for handle in handles {
        total += handle.await.expect("the worker does not panic");
    }
    info!(total, "all workers done");
    total
}
// ANCHOR_END: instrumented

/// Sends each line tracing writes to the demo's narration.
struct NarrationWriter {
    ctx: Ctx,
    line: Vec<u8>,
}

impl Write for NarrationWriter {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.line.extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Drop for NarrationWriter {
    fn drop(&mut self) {
        let text = String::from_utf8_lossy(&self.line);
        for line in text.lines() {
            self.ctx.log(line);
        }
    }
}

/// Demo `4.4.tracing`: the three tasks with a subscriber that prints spans and events.
pub async fn traced_tasks(ctx: Ctx) {
    // ANCHOR: subscriber
    let subscriber = tracing_subscriber::fmt()
        .without_time()
        .with_ansi(false)
        .with_target(false)
        .with_writer(move || NarrationWriter {
            ctx: ctx.clone(),
            line: Vec::new(),
        })
        .finish();
    // ANCHOR_END: subscriber
    // For this demo only (a real program calls `.init()` once in main).
    let _installed = tracing::subscriber::set_default(subscriber);
    three_traced_tasks().await;
}
