//! Channels that lag, and events that race.
//!
//! A `broadcast` channel keeps a fixed number of messages for all its receivers; when
//! a slow receiver falls further behind than that, the oldest messages are overwritten
//! and its next `recv` returns `Err(RecvError::Lagged(n))`: `n` messages it will never
//! see. That is not the end of the channel — the receiver carries on from the oldest
//! message still kept. A `watch` channel keeps only the latest value: a slow receiver
//! simply sees fewer values, with no error and no count. And a `Notify` rung before
//! anyone waits is lost with `notify_waiters`, but kept (one permit) with `notify_one`.

use harness::{Ctx, Timeline};
use std::time::Duration;
use tokio::sync::broadcast::error::RecvError;
use tokio::sync::{Notify, broadcast, watch};

/// How many prices the producer sends.
pub const PRICES: u64 = 20;

/// One price every 0.1 s.
pub const EVERY: Duration = Duration::from_millis(100);

/// The slow subscriber needs 0.35 s per price.
pub const SLOW: Duration = Duration::from_millis(350);

/// What a subscriber got: the prices it handled, and how many it was told it lost.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Followed {
    /// The prices handled, in order.
    pub handled: Vec<u64>,
    /// How many prices the channel dropped before this subscriber read them.
    pub lost: u64,
}

// ANCHOR: lagging
/// Sends prices 1, 2, … `PRICES`, one every 0.1 s, then closes the channel.
pub async fn ticker(prices: broadcast::Sender<u64>) {
    for price in 1..=PRICES {
        tokio::time::sleep(EVERY).await;
        let _ = prices.send(price); // Err only when nobody subscribes
    }
}

/// Handles every price it can, taking `per_price` for each; a lag is counted, not fatal.
pub async fn subscriber(
    timeline: Timeline,
    name: &str,
    mut prices: broadcast::Receiver<u64>,
    per_price: Duration,
) -> Followed {
    let mut followed = Followed::default();
    loop {
        match prices.recv().await {
            Ok(price) => {
                let work = tokio::time::sleep(per_price);
                timeline.record(format!("{name}: {price}"), work).await;
                followed.handled.push(price);
            }
            // The channel overwrote `missed` prices this receiver had not read yet; the
            // next `recv` gives the oldest price it still holds.
            Err(RecvError::Lagged(missed)) => followed.lost += missed,
            Err(RecvError::Closed) => return followed, // every sender gone, all read
        }
    }
}
// ANCHOR_END: lagging

// ANCHOR: latest
/// The same prices through a `watch` channel: it holds only the latest, so a slow
/// subscriber just sees fewer of them — no error, no count of what it missed.
pub async fn latest_only(per_price: Duration) -> Vec<u64> {
    let (sender, mut latest) = watch::channel(0);
    let ticker = tokio::spawn(async move {
        for price in 1..=PRICES {
            tokio::time::sleep(EVERY).await;
            sender.send_replace(price);
        }
    });
    let mut seen = Vec::new();
    while latest.changed().await.is_ok() {
        let price = *latest.borrow_and_update(); // copy it out: never hold the borrow
        seen.push(price);
        tokio::time::sleep(per_price).await;
    }
    ticker.await.expect("the ticker does not panic");
    seen
}
// ANCHOR_END: latest

// ANCHOR: doorbell
/// Rings the doorbell *before* anyone waits, then waits for it (giving up after 1 s).
/// Returns whether the ring was kept for the latecomer.
pub async fn ring_then_wait(store_a_permit: bool) -> bool {
    let doorbell = Notify::new();
    if store_a_permit {
        doorbell.notify_one(); // nobody waits: a permit is stored for the next one
    } else {
        doorbell.notify_waiters(); // wakes only those already waiting: nobody, here
    }
    let late = tokio::time::timeout(Duration::from_secs(1), doorbell.notified());
    late.await.is_ok()
}
// ANCHOR_END: doorbell

/// Demo `4.4.lagging`: a fast and a slow subscriber on a broadcast channel of four;
/// the same prices through `watch`; a `Notify` rung before anyone waits.
pub async fn slow_subscriber_lags(ctx: Ctx) {
    let timeline = ctx.new_timeline();
    let (prices, fast) = broadcast::channel(4);
    let slow = prices.subscribe();
    let untimed = Timeline::start(); // the fast one's bars would all be empty
    let fast = tokio::spawn(subscriber(untimed, "fast", fast, Duration::ZERO));
    let slow = tokio::spawn(subscriber(timeline.clone(), "slow", slow, SLOW));
    ticker(prices).await; // dropping the sender closes the channel
    let fast = fast.await.expect("the fast subscriber does not panic");
    let slow = slow.await.expect("the slow subscriber does not panic");
    for (name, followed) in [("fast", &fast), ("slow", &slow)] {
        ctx.log(format!(
            "{name}: handled {} prices {:?}, lost {}",
            followed.handled.len(),
            followed.handled,
            followed.lost
        ));
    }
    ctx.show_timeline(
        "the slow subscriber (0.35 s a price, a price every 0.1 s, room for 4)",
        &timeline,
    );
    ctx.say("");

    let seen = latest_only(SLOW).await;
    ctx.log(format!(
        "watch, same pace: the slow subscriber saw {seen:?} — only ever the latest"
    ));

    for store_a_permit in [false, true] {
        let kept = ring_then_wait(store_a_permit).await;
        let how = if store_a_permit {
            "notify_one"
        } else {
            "notify_waiters"
        };
        let outcome = if kept {
            "the latecomer passed at once"
        } else {
            "the ring was lost: the latecomer gave up after 1 s"
        };
        ctx.log(format!("{how} before anyone waits: {outcome}"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn the_slow_subscriber_lags_and_carries_on_to_the_end() {
        let timeline = Timeline::start();
        let (prices, fast) = broadcast::channel(4);
        let slow = prices.subscribe();
        let fast = tokio::spawn(subscriber(timeline.clone(), "fast", fast, Duration::ZERO));
        let slow = tokio::spawn(subscriber(timeline.clone(), "slow", slow, SLOW));
        ticker(prices).await;
        let fast = fast.await.unwrap();
        let slow = slow.await.unwrap();
        assert_eq!(fast.handled, (1..=PRICES).collect::<Vec<_>>());
        assert_eq!(fast.lost, 0);
        assert!(slow.lost > 0, "the slow subscriber never lagged: {slow:?}");
        assert_eq!(slow.handled.len() as u64 + slow.lost, PRICES, "{slow:?}");
        assert_eq!(slow.handled.last(), Some(&PRICES), "{slow:?}");
        assert!(slow.handled.is_sorted(), "{slow:?}");
    }

    #[tokio::test(start_paused = true)]
    async fn watch_keeps_only_the_latest() {
        let seen = latest_only(SLOW).await;
        assert!(seen.len() < PRICES as usize, "{seen:?}");
        assert_eq!(seen.last(), Some(&PRICES), "{seen:?}");
    }

    #[tokio::test(start_paused = true)]
    async fn notify_one_keeps_the_ring_and_notify_waiters_does_not() {
        assert!(!ring_then_wait(false).await);
        assert!(ring_then_wait(true).await);
    }
}
