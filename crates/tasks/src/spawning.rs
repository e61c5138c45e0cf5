//! Spawning tasks: when they start, and in what order they finish.

use harness::Ctx;
use std::time::Duration;

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

/// Demo `4.2.out_of_order`: tasks start in the order spawned, finish in their own time.
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
        runtime.block_on(async move {
            let task = tokio::spawn(my_coroutine(program_ctx.clone()));
            // Main keeps its worker busy for a moment (no .await, so no switch here).
            coroutines::cpu_bound::crunch(Duration::from_millis(50));
            program_ctx.log("main: doing other stuff (the task already ran on another worker)");
            task.await.expect("the task panicked");
        });
    })
    .await
    .expect("the runtime's thread did not panic");
}
// ANCHOR_END: starts_at_once
