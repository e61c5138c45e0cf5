//! The two limits every request obeys: a global permit, and its host's turn.
//!
//! Page fetches and robots.txt fetches both go through [`Limits::clear_to_send`], so
//! they share one concurrency limit and one politeness schedule.

use crate::politeness::Politeness;
use std::time::Duration;
use tokio::sync::{Semaphore, SemaphorePermit};

/// The crawl's global concurrency limit and its per-host politeness, used together.
#[derive(Debug)]
pub struct Limits {
    permits: Semaphore,
    politeness: Politeness,
}

impl Limits {
    /// At most `concurrency` requests in flight (at least one); no host asked yet.
    pub fn new(concurrency: usize) -> Self {
        Limits {
            permits: Semaphore::new(concurrency.max(1)),
            politeness: Politeness::new(),
        }
    }

    // ANCHOR: clear_to_send
    /// Waits until a request to `host` may go out: first a permit, then the host's turn.
    /// Keep the permit for as long as the request runs.
    pub async fn clear_to_send(&self, host: &str, delay: Duration) -> SemaphorePermit<'_> {
        // The permit first. A turn booked before waiting for a permit could pass while
        // the task still waits; the request would then go out late, right behind the
        // next one booked for the same host, less than `delay` apart.
        let permit = self
            .permits
            .acquire()
            .await
            .expect("the semaphore is never closed");
        self.politeness.wait_turn(host, delay).await;
        permit
    }
    // ANCHOR_END: clear_to_send
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::{Arc, Mutex};
    use tokio::task::JoinSet;
    use tokio::time::{Instant, sleep};

    /// Requests to `hosts`, all started at once, each holding its permit for as long as
    /// its host's fetch takes; returns when each request really went out, per host.
    async fn start_times(
        limits: Limits,
        delay: Duration,
        requests: &[(&'static str, Duration)],
    ) -> Vec<(&'static str, u128)> {
        let limits = Arc::new(limits);
        let started = Instant::now();
        let sent = Arc::new(Mutex::new(Vec::new()));
        let mut tasks = JoinSet::new();
        for &(host, fetch_takes) in requests {
            let (limits, sent) = (limits.clone(), sent.clone());
            tasks.spawn(async move {
                let _permit = limits.clear_to_send(host, delay).await;
                sent.lock()
                    .unwrap()
                    .push((host, started.elapsed().as_millis()));
                sleep(fetch_takes).await; // the request itself
            });
            // Spawned in this order, and each gets to its first await in this order.
            tokio::task::yield_now().await;
        }
        tasks.join_all().await;
        let mut sent = sent.lock().unwrap().clone();
        sent.sort();
        sent
    }

    #[tokio::test(start_paused = true)]
    async fn one_host_is_never_asked_twice_within_the_delay_even_when_permits_are_scarce() {
        // Concurrency 1: a slow page on host "x" holds the only permit for 3 s while two
        // requests to host "a" wait. They must still go out a full second apart.
        let delay = Duration::from_secs(1);
        let quick = Duration::from_millis(100);
        let sent = start_times(
            Limits::new(1),
            delay,
            &[("x", Duration::from_secs(3)), ("a", quick), ("a", quick)],
        )
        .await;
        let a: Vec<u128> = sent
            .iter()
            .filter(|(host, _)| *host == "a")
            .map(|&(_, ms)| ms)
            .collect();
        assert!(
            a[1] - a[0] >= delay.as_millis(),
            "host a was asked at {a:?} ms: {} ms apart, less than the {} ms delay \
             (all start times: {sent:?})",
            a[1] - a[0],
            delay.as_millis()
        );
        // Exactly: "a" goes out when "x" gives the permit back, and again 1 s later.
        assert_eq!(sent, [("a", 3000), ("a", 4000), ("x", 0)]);
    }

    #[tokio::test(start_paused = true)]
    async fn the_permit_bounds_requests_in_flight_across_hosts() {
        let sent = start_times(
            Limits::new(2),
            Duration::ZERO,
            &[
                ("a", secs(1)),
                ("b", secs(1)),
                ("c", secs(1)),
                ("d", secs(1)),
            ],
        )
        .await;
        assert_eq!(sent, [("a", 0), ("b", 0), ("c", 1000), ("d", 1000)]);
    }

    fn secs(seconds: u64) -> Duration {
        Duration::from_secs(seconds)
    }
}
