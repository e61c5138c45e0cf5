//! Wrong: treats every receive error as the end of the channel. The first
//! `RecvError::Lagged` stops the subscriber although the ticker is still sending, so
//! the last price is never handled and the lost prices are not counted — the check
//! `a_slow_subscriber_lags_and_still_sees_the_last_price` rejects it.

use std::future::Future;
use tokio::sync::broadcast;
use tokio::sync::broadcast::error::TryRecvError;

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
    while let Ok(mut newest) = prices.recv().await {
        loop {
            match prices.try_recv() {
                Ok(price) => {
                    followed.lost += 1;
                    newest = price;
                }
                Err(TryRecvError::Lagged(dropped)) => followed.lost += dropped,
                Err(TryRecvError::Empty | TryRecvError::Closed) => break,
            }
        }
        handle(newest).await;
        followed.handled.push(newest);
    }
    followed
}
