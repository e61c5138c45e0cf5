//! WRONG ANSWER (kept so `cargo xtask verify` proves the grader rejects it): exercise 23
//! spacing the starts `1000 / per_second` whole milliseconds apart. At 2 or 5 per second
//! that is exact; at 3 per second each gap is 1/3 ms short, and 30 starts end 10 ms early.
//! The check "rates that do not divide a second stay on schedule" must catch it.

use std::sync::{Mutex, PoisonError};
use std::time::Duration;
use tokio::time::{Instant, sleep_until};

/// Lets requests start at most `per_second` times a second, evenly spaced.
#[derive(Debug)]
pub struct RateLimiter {
    /// The time between two starts.
    every: Duration,
    /// The earliest moment the next request may start.
    next_free: Mutex<Instant>,
}

impl RateLimiter {
    /// A limiter for `per_second` (at least 1) requests a second.
    pub fn new(per_second: u32) -> RateLimiter {
        RateLimiter {
            every: Duration::from_millis(1000 / u64::from(per_second)),
            next_free: Mutex::new(Instant::now()),
        }
    }

    /// Waits until the caller may start its request.
    pub async fn acquire(&self) {
        // Book a start time under the lock, then wait outside it. A std Mutex is fine:
        // the guard is dropped at the end of this block, before the `.await`.
        let start = {
            let mut next_free = self
                .next_free
                .lock()
                .unwrap_or_else(PoisonError::into_inner);
            // After a quiet spell the booked time lies in the past: start now, and don't
            // let the unused turns pile up into a burst.
            let start = (*next_free).max(Instant::now());
            *next_free = start + self.every;
            start
        };
        sleep_until(start).await;
    }
}
