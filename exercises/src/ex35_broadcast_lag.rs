//! Exercise 35 — a "latest price" subscriber that survives lagging (lesson 4.4,
//! "Channels that lag, events that race").
//!
//! A ticker broadcasts prices 1, 2, 3, … on a `tokio::sync::broadcast` channel. Your
//! subscriber is slow — `handle(price).await` takes a while — and only the newest price
//! is worth handling. Write `follow`:
//!
//! - each time you receive, take whatever else the channel still holds right now and
//!   handle only the newest price; count the older ones you skipped as lost;
//! - when the channel tells you that you lagged (`RecvError::Lagged(n)`), count the `n`
//!   prices it dropped as lost — and carry on: a lag is not the end of the channel;
//! - return once every sender is gone (`RecvError::Closed`).
//!
//! Every price sent is then either handled or counted as lost, and the last price sent
//! is always handled.

use std::future::Future;
use tokio::sync::broadcast;

/// What the subscriber did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Followed {
    /// The prices handled, in the order they were handled.
    pub handled: Vec<u64>,
    /// How many prices were skipped or dropped by the channel.
    pub lost: u64,
}

/// Follows `prices` until the channel closes, handling only the newest price each time.
pub async fn follow<F, Fut>(prices: broadcast::Receiver<u64>, handle: F) -> Followed
where
    F: FnMut(u64) -> Fut,
    Fut: Future<Output = ()>,
{
    // TODO: loop on `prices.recv().await`: on `Ok`, drain `try_recv()` to the newest
    // price; count `Lagged(n)` as lost and go on; stop at `Closed`.
    todo!()
}
