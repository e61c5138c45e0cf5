//! Spawning tasks: when they start, in what order, and in what order they finish.
//!
//! tokio promises no order among spawned tasks. Today's current-thread scheduler
//! happens to start them first in, first out; the multi-thread scheduler runs the task
//! spawned last first (its "LIFO slot"), and idle workers steal tasks from busy ones.

use harness::Ctx;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::runtime::{Builder, Runtime};

// ANCHOR: other_stuff_first
/// A coroutine to run as a task: it announces itself, waits a second, answers.
async fn my_coroutine(ctx: Ctx) -> &'static str {
    ctx.log("task: running");
    tokio::time::sleep(Duration::from_secs(1)).await;
    "task finished"
}

/// Demo `4.2.other_stuff_first`: spawn, carry on, then await the handle.
pub async fn doing_other_stuff_first(ctx: Ctx) {
    let task = tokio::spawn(my_coroutine(ctx.clone()));
    ctx.log("main: doing other stuff");
    let result = task.await.expect("the task panicked");
    ctx.log(format!("main: {result}"));
}
// ANCHOR_END: other_stuff_first

// ANCHOR: out_of_order
async fn first_task(ctx: Ctx) {
    ctx.log("first task: start");
    tokio::time::sleep(Duration::from_secs(2)).await;
    ctx.log("first task: end");
}

async fn second_task(ctx: Ctx) {
    ctx.log("second task: start");
    tokio::time::sleep(Duration::from_secs(1)).await;
    ctx.log("second task: end");
}

/// Demo `4.2.out_of_order`: two tasks finish in their own time, not in spawn order.
pub async fn finishing_out_of_order(ctx: Ctx) {
    let timeline = ctx.new_timeline();
    let first = timeline
        .clone()
        .record_owned("first task", first_task(ctx.clone()));
    let second = timeline
        .clone()
        .record_owned("second task", second_task(ctx.clone()));
    // Dropping a JoinHandle detaches the task: it keeps running without us.
    drop(tokio::spawn(first));
    drop(tokio::spawn(second));
    // Like the course's `await asyncio.sleep(3)`: give both time to finish.
    tokio::time::sleep(Duration::from_secs(3)).await;
    ctx.show_timeline("spawned first, finished last", &timeline);
}
// ANCHOR_END: out_of_order

// ANCHOR: starts_at_once
/// Demo `4.2.starts_at_once`: on a multi-thread runtime an idle worker picks a new
/// task up immediately — it may run *before* the line after `spawn`.
pub async fn spawned_task_starts_at_once(ctx: Ctx) {
    let runtime = crate::flavours::multi_thread_runtime().expect("a runtime");
    let program_ctx = ctx.clone();
    tokio::task::spawn_blocking(move || {
        // The future given to `block_on` runs on the thread that calls it, not on a
        // worker: both workers are idle, waiting for tasks.
        runtime.block_on(async move {
            let task = tokio::spawn(my_coroutine(program_ctx.clone()));
            // Main keeps its thread busy for a moment (no .await, so no switch here).
            coroutines::cpu_bound::crunch(Duration::from_millis(50));
            program_ctx.log("main: doing other stuff (a worker already ran the task)");
            task.await.expect("the task panicked");
        });
    })
    .await
    .expect("the runtime's thread did not panic");
}
// ANCHOR_END: starts_at_once

// ANCHOR: start_order
/// From inside a task, spawns tasks A, B and C, and returns the order they started in.
pub async fn spawn_three() -> Vec<&'static str> {
    let started = Arc::new(Mutex::new(Vec::new()));
    let mut handles = Vec::new();
    for name in ["A", "B", "C"] {
        let started = Arc::clone(&started);
        handles.push(tokio::spawn(async move {
            started.lock().expect("no task panics").push(name);
        }));
    }
    for handle in handles {
        handle.await.expect("the task panicked");
    }
    started.lock().expect("no task panics").clone()
}

/// Runs [`spawn_three`] as a task on `runtime` and returns the start order it saw.
pub fn start_order_on(runtime: &Runtime) -> Vec<&'static str> {
    // `tokio::spawn` must be called inside the runtime, hence the `async` block.
    runtime
        .block_on(async { tokio::spawn(spawn_three()).await })
        .expect("the task panicked")
}

/// Demo `4.2.start_order`: the same three spawns on each flavour of runtime.
pub async fn start_order(ctx: Ctx) {
    let orders = tokio::task::spawn_blocking(|| {
        let current = Builder::new_current_thread().build().expect("a runtime");
        let multi = Builder::new_multi_thread()
            .worker_threads(1)
            .build()
            .expect("a runtime");
        (start_order_on(&current), start_order_on(&multi))
    })
    .await
    .expect("the runtimes did not panic");
    ctx.log(format!("current-thread runtime: started {:?}", orders.0));
    ctx.log(format!(
        "multi-thread runtime, 1 worker: started {:?}",
        orders.1
    ));
}
// ANCHOR_END: start_order

#[cfg(test)]
mod tests {
    use super::*;

    /// Not a promise tokio makes — a fact about today's schedulers, which the lesson
    /// shows. If a tokio upgrade changes it, the lesson's narration must change too.
    #[test]
    fn todays_schedulers_start_tasks_fifo_on_one_thread_and_newest_first_on_a_worker() {
        let current = Builder::new_current_thread().build().expect("a runtime");
        assert_eq!(start_order_on(&current), ["A", "B", "C"]);
        let multi = Builder::new_multi_thread()
            .worker_threads(1)
            .build()
            .expect("a runtime");
        assert_eq!(start_order_on(&multi), ["C", "A", "B"]);
    }
}
