//! Starvation: a task that never yields.
//!
//! tokio schedules cooperatively: a task runs until its `poll` returns `Pending`, and
//! only then can the runtime run another task on that thread. An `.await` on a future
//! that is already ready does not return `Pending` — it carries straight on. So a loop
//! over a stream whose items are always ready (`stream::iter`, a `FuturesUnordered` of
//! finished futures, a cache) never gives the thread back, however many `.await`s it
//! contains, and every other task on a current-thread runtime waits for it to finish.
//!
//! tokio's own resources (channels, `Semaphore`, `Mutex`, timers, I/O, `JoinHandle`)
//! take part in a *cooperative budget*: each task gets 128 units per poll, each
//! operation on such a resource spends one, and once the budget is spent they answer
//! `Pending` even when they could go on, so the task yields. Plain futures and the
//! `futures` crate's streams know nothing of that budget; for them, yield by hand with
//! `tokio::task::yield_now()` (or `tokio::task::coop::consume_budget()`, which yields
//! only once the budget is spent).

use crate::blocking::{BEAT, heartbeat};
use coroutines::cpu_bound::crunch;
use futures::StreamExt;
use harness::{Ctx, TimeMode, Timeline};
use std::time::Duration;
use tokio::sync::mpsc;

/// How many items the loop handles.
pub const ITEMS: u32 = 60;

/// How long each item's work takes: 60 items of 10 ms are 0.6 s of work.
pub const STEP: Duration = Duration::from_millis(10);

/// Ten milliseconds of computation on one item, without yielding.
///
/// On the real clock it computes. On the virtual clock (`--instant`) computation takes
/// no time at all, so it charges the 10 ms to tokio's paused clock instead — still
/// without yielding: the clock moves on, but no other task runs and no timer fires
/// until this task gives the thread back. That is what a computation looks like to the
/// other tasks, so the demo draws the same picture on either clock.
pub fn work_on(mode: TimeMode, item: u32) -> u64 {
    match mode {
        TimeMode::Real => {
            std::hint::black_box(crunch(STEP));
            u64::from(item)
        }
        TimeMode::Virtual => {
            // `advance` moves the paused clock at its first poll, then yields: polling
            // it once and dropping it moves the clock without yielding.
            let moved = futures::FutureExt::now_or_never(tokio::time::advance(STEP));
            debug_assert!(moved.is_none(), "advance yields after moving the clock");
            u64::from(item)
        }
    }
}

// ANCHOR: greedy
/// Works through a stream whose items are always ready. Each `.await` finds its item
/// ready and carries on, so this loop holds the thread until the last item is done.
pub async fn greedy(mode: TimeMode) -> u64 {
    let mut items = futures::stream::iter(0..ITEMS);
    let mut total = 0;
    while let Some(item) = items.next().await {
        total += work_on(mode, item);
    }
    total
}
// ANCHOR_END: greedy

// ANCHOR: polite
/// The same loop, giving the thread back after every item.
pub async fn polite(mode: TimeMode) -> u64 {
    let mut items = futures::stream::iter(0..ITEMS);
    let mut total = 0;
    while let Some(item) = items.next().await {
        total += work_on(mode, item);
        tokio::task::yield_now().await; // let the other tasks run, then carry on
    }
    total
}
// ANCHOR_END: polite

/// Runs the heartbeat beside one of the loops; returns the longest wait between beats.
pub async fn heartbeat_beside(timeline: &Timeline, yielding: bool, mode: TimeMode) -> Duration {
    let beats = tokio::spawn(heartbeat(timeline.clone(), 6));
    tokio::time::sleep(Duration::from_millis(100)).await; // let it start beating
    if yielding {
        timeline.record("60 items, yield_now", polite(mode)).await;
    } else {
        timeline.record("60 items, no yield", greedy(mode)).await;
    }
    beats.await.expect("the heartbeat does not panic")
}

// ANCHOR: budget
/// Drains `count` messages that are all ready at once, from a tokio channel or from a
/// plain stream, while a neighbour task counts how often it got to run.
pub async fn neighbour_runs_while_draining(count: u32, from_channel: bool) -> u32 {
    let (stop, mut stopped) = tokio::sync::oneshot::channel::<()>();
    let neighbour = tokio::spawn(async move {
        let mut runs = 0;
        while stopped.try_recv().is_err() {
            runs += 1;
            tokio::task::yield_now().await;
        }
        runs - 1 // the last run only saw the stop signal
    });
    tokio::task::yield_now().await; // the neighbour has started
    if from_channel {
        let (sender, mut receiver) = mpsc::unbounded_channel();
        for n in 0..count {
            sender.send(n).expect("the receiver is right here");
        }
        drop(sender);
        while receiver.recv().await.is_some() {} // spends the budget: yields now and then
    } else {
        let mut messages = futures::stream::iter(0..count);
        while messages.next().await.is_some() {} // knows no budget: never yields
    }
    let _ = stop.send(());
    neighbour.await.expect("the neighbour does not panic")
}
// ANCHOR_END: budget

/// Demo `4.4.starvation`: a heartbeat beside a loop that never yields, then beside the
/// same loop with `yield_now`; then tokio's budget at work on a channel.
pub async fn heartbeat_beside_a_greedy_loop(ctx: Ctx) {
    for yielding in [false, true] {
        let timeline = ctx.new_timeline();
        let longest = heartbeat_beside(&timeline, yielding, ctx.mode()).await;
        ctx.log(format!(
            "longest gap between heartbeats: {:.2} s (should be {:.2} s)",
            longest.as_secs_f64(),
            BEAT.as_secs_f64()
        ));
        let heading = if yielding {
            "yield_now after each item: the heartbeat keeps time"
        } else {
            "always-ready items, no yield: the heartbeat starves until the loop ends"
        };
        ctx.show_timeline(heading, &timeline);
        ctx.say("");
    }
    for from_channel in [false, true] {
        let runs = neighbour_runs_while_draining(1_000, from_channel).await;
        let source = if from_channel {
            "an mpsc channel"
        } else {
            "stream::iter"
        };
        ctx.log(format!(
            "draining 1000 ready messages from {source}: the neighbour ran {runs} times"
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn a_greedy_loop_starves_the_heartbeat_and_yield_now_cures_it() {
        let timeline = Timeline::start();
        let starved = heartbeat_beside(&timeline, false, TimeMode::Virtual).await;
        assert!(
            starved >= Duration::from_millis(700),
            "the heartbeat waited only {starved:?} beside the greedy loop"
        );
        let timeline = Timeline::start();
        let kept = heartbeat_beside(&timeline, true, TimeMode::Virtual).await;
        assert!(
            kept <= BEAT + STEP,
            "the heartbeat waited {kept:?} beside the yielding loop"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn tokio_channels_spend_the_budget_and_plain_streams_do_not() {
        assert_eq!(neighbour_runs_while_draining(1_000, false).await, 0);
        let runs = neighbour_runs_while_draining(1_000, true).await;
        // 128 units per poll: 1000 messages cannot be taken in fewer than 8 polls.
        assert!(runs >= 7, "the neighbour ran only {runs} times");
    }
}
