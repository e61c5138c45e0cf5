//! Exercise 23 — a rate limiter, checked by its timestamps (lesson 4.4).
//!
//! A semaphore limits how many requests run *at once*; an API that allows "2 requests per
//! second" limits how many *start* each second. In asyncio you might keep the time of
//! the next free turn and `await asyncio.sleep(...)` until it comes. Write such a limiter
//! for tokio: `acquire().await` returns when the caller may start, and the starts are
//! spaced evenly, `1 / per_second` apart.
//!
//! Many tasks share one limiter (in an `Arc`), so its state needs a lock; and it must use
//! tokio's clock (`tokio::time::Instant`, `sleep_until`), which the grader runs paused
//! and reads to the millisecond.
//!
//! Grade: `cargo xtask check ex23` · Stuck? `cargo xtask hint ex23`

/// Lets requests start at most `per_second` times a second, evenly spaced.
#[derive(Debug)]
pub struct RateLimiter {
    // TODO: what must the limiter remember between two calls?
}

impl RateLimiter {
    /// A limiter for `per_second` (at least 1) requests a second.
    pub fn new(per_second: u32) -> RateLimiter {
        // TODO
        todo!("RateLimiter::new")
    }

    /// Waits until the caller may start its request, then returns.
    ///
    /// - The first request, or one after a quiet spell, starts at once.
    /// - Requests asking at the same time start one after another, `1 / per_second`
    ///   apart: at 2 per second, at 0, 0.5, 1.0, 1.5 s, …
    /// - A quiet spell earns no burst: after one, starts are spaced as always.
    pub async fn acquire(&self) {
        // TODO: book the caller's start time, then wait for it (without holding a lock).
        todo!("RateLimiter::acquire")
    }
}
