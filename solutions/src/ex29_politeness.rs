//! Exercise 29 — a per-host politeness limiter (lesson 4.5): reference solution.

use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};
use std::time::Duration;
use tokio::time::{Instant, sleep_until};

/// Keeps at least a fixed delay between two turns for the same host.
#[derive(Debug)]
pub struct HostLimiter {
    delay: Duration,
    /// For each host, the earliest moment its next turn may start.
    next_free: Mutex<HashMap<String, Instant>>,
}

impl HostLimiter {
    /// A limiter keeping `delay` between two requests to one host.
    pub fn new(delay: Duration) -> HostLimiter {
        HostLimiter {
            delay,
            next_free: Mutex::new(HashMap::new()),
        }
    }

    /// Waits until a request to `host` may start.
    pub async fn wait_turn(&self, host: &str) {
        // Reserve a turn under the lock: the host's next free moment, or now if that has
        // passed. The next caller for this host gets the moment `delay` later. The block
        // ends the guard's life before the `.await`, so the lock is never held while
        // sleeping and other hosts are never held up.
        let turn = {
            let mut next_free = self
                .next_free
                .lock()
                .unwrap_or_else(PoisonError::into_inner);
            let now = Instant::now();
            let turn = next_free.get(host).map_or(now, |&free| free.max(now));
            next_free.insert(host.to_string(), turn + self.delay);
            turn
        };
        sleep_until(turn).await;
        // The turn is now: the caller's request should go out at once. (So in a crawl,
        // call this after taking the concurrency permit, not before.)
    }
}
