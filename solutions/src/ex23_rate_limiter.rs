//! Exercise 23 — a rate limiter, checked by its timestamps (lesson 4.4): reference
//! solution.

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
            every: Duration::from_secs(1) / per_second,
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
