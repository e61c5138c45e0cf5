//! Tasks: handing a future to the runtime so it runs on its own.
//!
//! `tokio::spawn` is `asyncio.create_task`: the future starts running as soon as the
//! runtime gets a chance, without anyone awaiting it, and the `JoinHandle` it returns
//! is how you collect its result later. Lesson 4.2 goes much further with tasks.

use harness::Ctx;
use std::time::Duration;

// ANCHOR: spawn
/// Some slow work to run in the background.
pub async fn slow_answer(ctx: Ctx) -> u32 {
    ctx.log("task: started, working for 1 s");
    tokio::time::sleep(Duration::from_secs(1)).await;
    ctx.log("task: done");
    42
}

/// Demo `4.1.spawn_task`: spawn a task, do other work meanwhile, then collect its result.
pub async fn spawn_and_carry_on(ctx: Ctx) {
    let timeline = ctx.new_timeline();

    let task_timeline = timeline.clone();
    let task_ctx = ctx.clone();
    let handle = tokio::spawn(async move {
        task_timeline
            .record("spawned task", slow_answer(task_ctx))
            .await
    });
    ctx.log("main: spawned the task, now doing other work");

    let other_work = tokio::time::sleep(Duration::from_millis(600));
    timeline.record("main: other work", other_work).await;
    ctx.log("main: other work done, now waiting for the task");

    // A JoinHandle is a future too; it fails only if the task panicked or was aborted.
    let answer = handle.await.expect("the spawned task panicked");
    ctx.log(format!("main: the task answered {answer}"));
    ctx.show_timeline("the task and main ran at the same time", &timeline);
}
// ANCHOR_END: spawn
