//! Exercise 29 — a per-host politeness limiter (lesson 4.5).
//!
//! A polite crawler leaves at least `delay` between two requests to the same host, but
//! never makes a request to one host wait for another host. In asyncio you might keep a
//! `dict` of host → next free time and `await asyncio.sleep(...)` until it; here it is
//! the same idea on tokio's clock: `tokio::time::Instant` and `sleep_until`.
//!
//! `HostLimiter` is shared by every task of the crawl, so `wait_turn` takes `&self`:
//! keep the shared state behind a `std::sync::Mutex`, and never hold its lock while
//! sleeping — other hosts (and other callers for this host) must still get in.
//!
//! Write it yourself: `crawler::Politeness` from the lesson is the answer to look at
//! afterwards, not something to call.
//!
//! A turn is a promise that the request goes out then. In a crawler with a concurrency
//! limit, ask for the turn once you hold the permit, right before the request: a turn
//! taken before waiting for a permit can pass while the task still waits (lesson 4.5,
//! Step 4). This exercise is the limiter alone; the grader calls it with no permits.
//!
//! Grade: `cargo xtask check ex29` · Stuck? `cargo xtask hint ex29`

use std::time::Duration;

/// Keeps at least a fixed delay between two turns for the same host.
#[derive(Debug)]
pub struct HostLimiter {
    // TODO: the delay, and when each host may next be asked.
}

impl HostLimiter {
    /// A limiter keeping `delay` between two requests to one host.
    pub fn new(delay: Duration) -> HostLimiter {
        // TODO
        todo!("HostLimiter::new")
    }

    /// Waits until a request to `host` may start: at once if `host` has not been asked
    /// for `delay`, otherwise until `delay` after the previous turn given for `host`.
    /// Callers that arrive together for one host get turns `delay` apart, in the order
    /// they called.
    pub async fn wait_turn(&self, host: &str) {
        // TODO: reserve this host's next free moment (under a short lock), then sleep
        // until it (after the lock is released).
        todo!("HostLimiter::wait_turn")
    }
}
