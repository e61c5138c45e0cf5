//! Background tasks: a monitor that runs until main is done.
//!
//! The course starts a background coroutine that loops forever and cancels it at the
//! end. In Rust: spawn a loop over `tokio::time::interval`, and stop it — abruptly with
//! `abort`, or cleanly with a token it watches.

use harness::Ctx;
use std::time::Duration;
use tokio::time::{MissedTickBehavior, interval};
use tokio_util::sync::CancellationToken;

// ANCHOR: monitor
/// Reports once a second until `stop` is cancelled.
pub async fn monitor(ctx: Ctx, stop: CancellationToken) {
    let mut ticks = interval(Duration::from_secs(1));
    // If the runtime was busy and ticks were missed, don't fire them all at once.
    ticks.set_missed_tick_behavior(MissedTickBehavior::Delay);
    loop {
        tokio::select! {
            _ = stop.cancelled() => break,
            _ = ticks.tick() => ctx.log("monitor: all systems normal"),
        }
    }
    ctx.log("monitor: stopped cleanly");
}

/// Demo `4.4.background`: main works for 3.5 s while the monitor reports each second.
pub async fn monitor_while_main_works(ctx: Ctx) {
    let stop = CancellationToken::new();
    let background = tokio::spawn(monitor(ctx.clone(), stop.clone()));

    ctx.log("main: doing its work");
    tokio::time::sleep(Duration::from_millis(3500)).await;

    ctx.log("main: done; stopping the monitor");
    stop.cancel();
    background.await.expect("the monitor does not panic");
}
// ANCHOR_END: monitor
