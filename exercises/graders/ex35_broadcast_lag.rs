//! Grader for exercise 35 — a "latest price" subscriber that survives lagging. Used
//! unchanged by `solutions/`.
//!
//! A ticker sends prices 1 to 20, one every 0.1 s, on a broadcast channel of four,
//! on the paused clock. The grader's `handle` notes each price with the newest price
//! sent at that moment, so it can tell a stale price from the newest one.

use crate::ex35_broadcast_lag::follow;
use harness::grade::{on_paused_clock, require};
use std::cell::Cell;
use std::rc::Rc;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;
use tokio::sync::broadcast;

const PRICES: u64 = 20;

/// Runs the ticker and `follow` side by side; `per_price` is how long handling takes.
/// Returns what `follow` returned, and each handled price with the newest sent then.
async fn run(per_price: Duration) -> (crate::ex35_broadcast_lag::Followed, Vec<(u64, u64)>) {
    let (sender, receiver) = broadcast::channel(4);
    let newest_sent = Arc::new(AtomicU64::new(0));
    let ticker = {
        let newest_sent = Arc::clone(&newest_sent);
        tokio::spawn(async move {
            for price in 1..=PRICES {
                tokio::time::sleep(Duration::from_millis(100)).await;
                newest_sent.store(price, Ordering::SeqCst);
                let _ = sender.send(price);
            }
        })
    };
    let seen = Rc::new(Cell::new(Vec::new()));
    let handle = {
        let seen = Rc::clone(&seen);
        move |price: u64| {
            let mut noted = seen.take();
            noted.push((price, newest_sent.load(Ordering::SeqCst)));
            seen.set(noted);
            tokio::time::sleep(per_price)
        }
    };
    let followed = follow(receiver, handle).await;
    ticker.await.expect("the grader's ticker does not panic");
    (followed, seen.take())
}

#[test]
fn a_fast_subscriber_handles_every_price_and_loses_none() {
    on_paused_clock(|| async {
        let (followed, _) = run(Duration::ZERO).await;
        let all: Vec<u64> = (1..=PRICES).collect();
        require(followed.handled == all, || {
            format!(
                "prices 1 to 20 came 0.1 s apart and handling took no time, yet your \
                 subscriber handled {:?}; it should handle every one, in order.",
                followed.handled
            )
        });
        require(followed.lost == 0, || {
            format!(
                "nothing was dropped or skipped, yet your subscriber counted {} lost.",
                followed.lost
            )
        });
    });
}

#[test]
fn a_slow_subscriber_lags_and_still_sees_the_last_price() {
    on_paused_clock(|| async {
        let (followed, _) = run(Duration::from_millis(650)).await;
        require(followed.handled.last() == Some(&PRICES), || {
            format!(
                "handling took 0.65 s a price, so the channel of four dropped prices; \
                 your subscriber handled {:?} and returned — it never handled the last \
                 price, 20. A `RecvError::Lagged(n)` is not the end of the channel: \
                 count the n prices as lost and receive again; only `Closed` ends it.",
                followed.handled
            )
        });
        let accounted = followed.handled.len() as u64 + followed.lost;
        require(accounted == PRICES, || {
            format!(
                "your subscriber handled {} prices and counted {} lost: {accounted} in \
                 all, but 20 were sent. Every price is either handled or lost — add each \
                 `Lagged(n)`'s n, and one for every older price you skip.",
                followed.handled.len(),
                followed.lost
            )
        });
        require(followed.handled.is_sorted(), || {
            format!("prices were handled out of order: {:?}", followed.handled)
        });
    });
}

#[test]
fn a_slow_subscriber_handles_only_the_newest_price() {
    on_paused_clock(|| async {
        let (_, seen) = run(Duration::from_millis(650)).await;
        let stale = seen.iter().find(|(price, newest)| price != newest);
        require(stale.is_none(), || {
            let (price, newest) = stale.expect("there is a stale one");
            format!(
                "your subscriber handled price {price} when price {newest} had already \
                 been sent: a stale price. After each receive, take what else the channel \
                 holds with `try_recv()` until it is `Empty`, and handle only the newest \
                 (count the skipped ones as lost)."
            )
        });
    });
}
