//! Exercise 35 — reference solution: a "latest price" subscriber that survives lagging.

use std::future::Future;
use tokio::sync::broadcast;
use tokio::sync::broadcast::error::{RecvError, TryRecvError};

/// What the subscriber did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Followed {
    /// The prices handled, in the order they were handled.
    pub handled: Vec<u64>,
    /// How many prices were skipped or dropped by the channel.
    pub lost: u64,
}

/// Follows `prices` until the channel closes, handling only the newest price each time.
pub async fn follow<F, Fut>(mut prices: broadcast::Receiver<u64>, mut handle: F) -> Followed
where
    F: FnMut(u64) -> Fut,
    Fut: Future<Output = ()>,
{
    let mut followed = Followed::default();
    loop {
        let mut newest = match prices.recv().await {
            Ok(price) => price,
            Err(RecvError::Lagged(dropped)) => {
                followed.lost += dropped; // a report, not the end: read on
                continue;
            }
            Err(RecvError::Closed) => return followed,
        };
        // Take what else is already waiting, without waiting; keep only the newest.
        loop {
            match prices.try_recv() {
                Ok(price) => {
                    followed.lost += 1; // the one we held is stale now
                    newest = price;
                }
                Err(TryRecvError::Lagged(dropped)) => followed.lost += dropped,
                Err(TryRecvError::Empty | TryRecvError::Closed) => break,
            }
        }
        handle(newest).await;
        followed.handled.push(newest);
    }
}
