//! First to finish: `select!`, `select_all`, and `JoinSet::join_next`.
//!
//! `asyncio.wait(return_when=FIRST_COMPLETED)` hands back the finished tasks *and* the
//! pending ones, still running. Rust offers both behaviours, and the difference matters:
//! `select!` drops (cancels) the futures that lost; tasks in a `JoinSet` keep running.

use futures::future::select_all;
use harness::{Ctx, Timeline};
use std::time::Duration;
use tokio::task::JoinSet;

// ANCHOR: task
/// A task that takes `seconds` and says so when done.
pub async fn task(ctx: Ctx, name: &'static str, seconds: u64) -> String {
    tokio::time::sleep(Duration::from_secs(seconds)).await;
    ctx.log(format!("{name} done"));
    format!("{name} result")
}
// ANCHOR_END: task

// ANCHOR: select
/// `select!`: the first branch to finish wins; the other futures are dropped on the spot.
pub async fn first_with_select(ctx: &Ctx, timeline: &Timeline) -> String {
    let watched = |name, seconds| {
        let work = ctx.log_if_cancelled(name, task(ctx.clone(), name, seconds));
        timeline.clone().record_owned(name, work)
    };
    tokio::select! {
        result = watched("task1", 1) => result,
        result = watched("task2", 2) => result,
        result = watched("task3", 3) => result,
    }
}
// ANCHOR_END: select

// ANCHOR: select_all
/// `select_all`: the winner, its index, and the losers — still pending, yours to keep
/// polling or to drop (which cancels them).
pub async fn first_with_select_all(ctx: &Ctx, timeline: &Timeline) -> String {
    let contenders = [("task1", 1), ("task2", 2), ("task3", 3)].map(|(name, seconds)| {
        let work = ctx.log_if_cancelled(name, task(ctx.clone(), name, seconds));
        Box::pin(timeline.clone().record_owned(name, work))
    });
    let (winner, index, losers) = select_all(contenders).await;
    ctx.log(format!(
        "winner is #{index}; {} still pending, dropping them",
        losers.len()
    ));
    drop(losers);
    winner
}
// ANCHOR_END: select_all

// ANCHOR: join_next
/// `JoinSet::join_next`: like `asyncio.wait`, the others are tasks and keep running.
pub async fn first_with_join_set(ctx: &Ctx, timeline: &Timeline) {
    let mut set = JoinSet::new();
    for (name, seconds) in [("task1", 1), ("task2", 2), ("task3", 3)] {
        set.spawn(
            timeline
                .clone()
                .record_owned(name, task(ctx.clone(), name, seconds)),
        );
    }
    if let Some(first) = set.join_next().await {
        let first = first.expect("the task panicked");
        ctx.log(format!("first: {first}; {} still running", set.len()));
    }
    while let Some(next) = set.join_next().await {
        ctx.log(format!("then: {}", next.expect("the task panicked")));
    }
}
// ANCHOR_END: join_next

/// Demo `4.2.first_completed`: the course's 1/2/3 s tasks, three ways.
pub async fn first_completed(ctx: Ctx) {
    ctx.say("tokio::select! — the losers are dropped:");
    let timeline = ctx.new_timeline();
    let winner = first_with_select(&ctx, &timeline).await;
    ctx.log(format!("select! returned {winner:?}"));
    ctx.show_timeline(
        "first result at 1 s; task2 and task3 cancelled then",
        &timeline,
    );

    ctx.say("");
    ctx.say("futures::future::select_all — the losers are handed back:");
    let timeline = ctx.new_timeline();
    let winner = first_with_select_all(&ctx, &timeline).await;
    ctx.log(format!("select_all returned {winner:?}"));
    ctx.show_timeline("we chose to drop the losers at 1 s", &timeline);

    ctx.say("");
    ctx.say("JoinSet::join_next — the others keep running, like asyncio.wait:");
    let timeline = ctx.new_timeline();
    first_with_join_set(&ctx, &timeline).await;
    ctx.show_timeline(
        "first result at 1 s; the others finish at 2 s and 3 s",
        &timeline,
    );
}
