//! Exercise 33 — a WRONG answer kept as a fixture: a suite that asserts nothing.
//!
//! `check_retry` calls the retry once and returns `Ok(())` whatever happened, so it
//! passes on the correct retry and on every broken one too. Caught by
//! `your_checks_catch_every_broken_retry`: all 8 broken versions survive.
//!
//! This time the code is given and the tests are yours. `Backoff::retry` below calls an
//! operation until it succeeds, at most `attempts` times, waiting `first_delay` after the
//! first failure and twice as long after each further one (1 s, 2 s, 4 s, …). It returns
//! the first success, or — once every attempt has failed — the last error, straight away.
//!
//! Write `check_retry`: a test suite that exercises any `Retry` with fake operations you
//! write, and returns `Err(what went wrong)` (or panics, e.g. with `assert!`) when the
//! behaviour is not the one described above. The grader runs your suite on a paused
//! clock (as `#[tokio::test(start_paused = true)]` would) against a correct retry — it
//! must pass — and against several broken versions you never see: each of them must be
//! caught by at least one of your checks. `tokio::time::Instant` tells you exactly when
//! each call happened.

#![allow(async_fn_in_trait)] // used on one thread only: no `Send` bound is needed

use std::future::Future;
use std::time::Duration;

/// Something that retries an operation; your suite receives one of these.
pub trait Retry {
    /// Calls `op` until it succeeds, at most `attempts` times (at least once), sleeping
    /// `first_delay` after the first failure and doubling the sleep after each further
    /// failure. Returns the first `Ok`, or the last `Err` as soon as the last attempt fails.
    async fn retry<T, E, F, Fut>(
        &self,
        op: F,
        attempts: u32,
        first_delay: Duration,
    ) -> Result<T, E>
    where
        F: FnMut() -> Fut,
        Fut: Future<Output = Result<T, E>>;
}

/// The helper under test: lesson 4.3's retry with exponential backoff.
#[derive(Debug, Clone, Copy, Default)]
pub struct Backoff;

impl Retry for Backoff {
    async fn retry<T, E, F, Fut>(
        &self,
        mut op: F,
        attempts: u32,
        first_delay: Duration,
    ) -> Result<T, E>
    where
        F: FnMut() -> Fut,
        Fut: Future<Output = Result<T, E>>,
    {
        let mut delay = first_delay;
        let mut attempt = 1;
        loop {
            match op().await {
                Ok(value) => return Ok(value),
                Err(error) if attempt >= attempts => return Err(error),
                Err(_) => {
                    tokio::time::sleep(delay).await;
                    delay *= 2;
                    attempt += 1;
                }
            }
        }
    }
}

/// A suite that runs the code but checks nothing.
pub async fn check_retry<R: Retry>(retry: &R) -> Result<(), String> {
    let _ = retry
        .retry(|| async { Err::<(), _>("down") }, 3, Duration::from_secs(1))
        .await;
    Ok(())
}
