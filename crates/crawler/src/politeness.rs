//! Politeness: a minimum delay between two requests to the same host.
//!
//! Each request reserves the host's next free slot and sleeps until it. Reserving under
//! a short lock (never held across the sleep) lets many tasks queue for one host without
//! blocking requests to other hosts. It runs on tokio's clock, so tests use virtual time.
//!
//! A reserved slot is a promise that the request goes out then, so reserve it only when
//! nothing else stands in the way: the crawl takes its concurrency permit first
//! (`limits.rs`), or a slot could pass while the task still waits for a permit.

use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};
use std::time::Duration;
use tokio::time::{Instant, sleep_until};

/// Per-host slots: when each host may next be asked.
#[derive(Debug, Default)]
pub struct Politeness {
    next_slot: Mutex<HashMap<String, Instant>>,
}

impl Politeness {
    /// No host has been asked yet.
    pub fn new() -> Self {
        Politeness::default()
    }

    // ANCHOR: wait_turn
    /// Waits until `host` may be asked again, keeping `delay` between requests.
    pub async fn wait_turn(&self, host: &str, delay: Duration) {
        let slot = {
            let mut next_slot = self
                .next_slot
                .lock()
                .unwrap_or_else(PoisonError::into_inner);
            let now = Instant::now();
            let slot = next_slot.get(host).copied().unwrap_or(now).max(now);
            next_slot.insert(host.to_string(), slot + delay);
            slot
        };
        sleep_until(slot).await;
        // ANCHOR_END: wait_turn
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use futures::future::join_all;
    use std::sync::Arc;

    #[tokio::test(start_paused = true)]
    async fn requests_to_one_host_are_spaced_and_other_hosts_are_not_held_up() {
        let politeness = Arc::new(Politeness::new());
        let started = Instant::now();
        let delay = Duration::from_millis(500);
        let turns = ["a", "a", "b", "a", "b"].map(|host| {
            let politeness = politeness.clone();
            async move {
                politeness.wait_turn(host, delay).await;
                (host, started.elapsed().as_millis())
            }
        });
        let mut times = join_all(turns).await;
        times.sort();
        assert_eq!(
            times,
            [("a", 0), ("a", 500), ("a", 1000), ("b", 0), ("b", 500)]
        );
    }
}
