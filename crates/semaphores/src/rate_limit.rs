//! Rate limiting: at most N requests per second, on tokio's clock.
//!
//! A semaphore limits how many run *at once*; a rate limiter limits how many *start per
//! second* — what an API's "2 requests per second" means. This is a token bucket: it
//! holds up to `burst` tokens, gains one every `1/rate` seconds, and each request takes
//! one (waiting if none is left). With `burst = 1` it is a steady drip.

use futures::future::join_all;
use harness::{Ctx, Timeline};
use std::time::Duration;
use tokio::sync::Mutex;
use tokio::time::{Instant, sleep_until};

// ANCHOR: bucket
/// A token bucket; share it between tasks by reference (or in an `Arc`).
pub struct RateLimiter {
    state: Mutex<Bucket>,
    every: Duration,
    burst: u32,
}

struct Bucket {
    tokens: u32,
    next_token: Instant,
}

impl RateLimiter {
    /// `rate` requests per second, up to `burst` at once after a quiet spell.
    pub fn new(rate: u32, burst: u32) -> Self {
        let every = Duration::from_secs(1) / rate;
        RateLimiter {
            state: Mutex::new(Bucket {
                tokens: burst,
                next_token: Instant::now() + every,
            }),
            every,
            burst,
        }
    }

    /// Waits until a request may start. Callers are served in the order they asked:
    /// tokio's `Mutex` is fair, and the waiter holds it while it sleeps.
    pub async fn acquire(&self) {
        let mut bucket = self.state.lock().await;
        // Credit the tokens earned since the last look, up to the bucket's size.
        while bucket.next_token <= Instant::now() && bucket.tokens < self.burst {
            bucket.tokens += 1;
            bucket.next_token += self.every;
        }
        if bucket.tokens == 0 {
            sleep_until(bucket.next_token).await;
            bucket.next_token += self.every;
        } else {
            if bucket.tokens == self.burst {
                // A full bucket earns nothing: the next token is `every` from now.
                bucket.next_token = Instant::now() + self.every;
            }
            bucket.tokens -= 1;
        }
    }
}
// ANCHOR_END: bucket

// ANCHOR: requests
/// Ten requests, all wanting to start at once, each passing the limiter first.
pub async fn ten_requests(timeline: &Timeline, limiter: &RateLimiter) {
    join_all((1..=10).map(|id| async move {
        limiter.acquire().await;
        let request = tokio::time::sleep(Duration::from_millis(100));
        timeline.record(format!("request {id:>2}"), request).await;
    }))
    .await;
}
// ANCHOR_END: requests

/// Demo `4.4.rate_limit`: 2 per second, 5 per second, and 2 per second with a burst of 5.
pub async fn requests_under_a_rate_limit(ctx: Ctx) {
    for (rate, burst, heading) in [
        (2, 1, "2 per second, steady: one every 0.5 s"),
        (5, 1, "5 per second, steady: one every 0.2 s"),
        (
            2,
            5,
            "2 per second with a burst of 5: five at once, then one every 0.5 s",
        ),
    ] {
        let timeline = ctx.new_timeline();
        ten_requests(&timeline, &RateLimiter::new(rate, burst)).await;
        ctx.show_timeline(heading, &timeline);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn start_times(rate: u32, burst: u32) -> Vec<f64> {
        let timeline = Timeline::start();
        ten_requests(&timeline, &RateLimiter::new(rate, burst)).await;
        let mut starts: Vec<f64> = timeline
            .spans()
            .iter()
            .map(|s| s.start.as_secs_f64())
            .collect();
        starts.sort_by(f64::total_cmp);
        starts
    }

    #[tokio::test(start_paused = true)]
    async fn steady_and_bursty_limits_start_requests_on_schedule() {
        let steady: Vec<f64> = (0..10).map(|i| f64::from(i) * 0.5).collect();
        assert_eq!(start_times(2, 1).await, steady);
        let burst = [0.0, 0.0, 0.0, 0.0, 0.0, 0.5, 1.0, 1.5, 2.0, 2.5];
        assert_eq!(start_times(2, 5).await, burst);
    }
}
