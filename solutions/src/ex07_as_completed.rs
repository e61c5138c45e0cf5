//! Exercise 7 — results in completion order (lesson 4.2): reference solution.

use futures::future::BoxFuture;
use futures::stream::{FuturesUnordered, StreamExt};

/// Runs every job at the same time and calls `on_result` with each job's output as soon
/// as that job finishes.
pub async fn as_completed<T>(jobs: Vec<BoxFuture<'static, T>>, mut on_result: impl FnMut(T)) {
    // A FuturesUnordered polls all of its futures together and, as a stream, yields each
    // output the moment its future is done — asyncio.as_completed, without the tasks.
    let mut running: FuturesUnordered<_> = jobs.into_iter().collect();
    while let Some(output) = running.next().await {
        on_result(output);
    }
}
