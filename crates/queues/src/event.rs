//! `asyncio.Event` in Rust: a `watch` channel (or `Notify`).
//!
//! An `asyncio.Event` is a flag: `wait()` returns once it is set, and stays set. The
//! closest tokio type is a `watch` channel holding a `bool`: `wait_for(|set| *set)`
//! returns at once if it is already true. `Notify` is lighter but is a doorbell, not a
//! flag: `notify_waiters()` wakes only those already waiting — a latecomer waits on.

use harness::{Ctx, Timeline};
use std::time::Duration;
use tokio::sync::watch;

// ANCHOR: event
/// Waits until the event is set.
pub async fn waiter(ctx: Ctx, timeline: Timeline, name: u32, mut event: watch::Receiver<bool>) {
    let wait = event.wait_for(|is_set| *is_set);
    timeline
        .record(format!("waiter {name}"), wait)
        .await
        .expect("the event's sender is still there");
    ctx.log(format!("waiter {name}: released"));
}

/// Demo `4.4.event`: three waiters, one signal at 2 s.
pub async fn three_waiters_one_signal(ctx: Ctx) {
    let timeline = ctx.new_timeline();
    let (event, listening) = watch::channel(false);
    let waiters: Vec<_> = (1..=3)
        .map(|name| {
            tokio::spawn(waiter(
                ctx.clone(),
                timeline.clone(),
                name,
                listening.clone(),
            ))
        })
        .collect();

    tokio::time::sleep(Duration::from_secs(2)).await;
    ctx.log("main: setting the event");
    event.send_replace(true);

    for waiter in waiters {
        waiter.await.expect("the waiter does not panic");
    }
    // A waiter arriving after the event was set does not wait at all: it is a flag.
    waiter(ctx.clone(), timeline.clone(), 4, listening).await;
    ctx.show_timeline(
        "all released together at 2 s; the latecomer passes at once",
        &timeline,
    );
}
// ANCHOR_END: event
