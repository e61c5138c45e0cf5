//! Exercise 33 — test a retry helper on a paused clock (lesson 4.3): reference solution.
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

/// Your test suite: `Ok(())` if `retry` behaves as described, `Err(what went wrong)`
/// (or a panic) otherwise. It runs on a paused clock.
///
/// Two scenarios cover the whole description: an operation that fails twice and then
/// succeeds (the first two delays, and no call after the success), and one that always
/// fails (the number of calls, the third delay, which error comes back, and when).
pub async fn check_retry<R: Retry>(retry: &R) -> Result<(), String> {
    let second = Duration::from_secs(1);

    // Fails twice, then succeeds: calls at 0, 1 and 3 s, then no more.
    let (calls, result, returned) = run(retry, 2, 4, second).await;
    expect("calls when the third attempt succeeds", &calls, &[0, 1, 3])?;
    expect_eq("the result", &result, &Ok(3))?;
    expect_eq("the moment retry returned (s)", &returned, &3)?;

    // Always fails, 4 attempts: calls at 0, 1, 3 and 7 s, then the 4th error at once.
    let (calls, result, returned) = run(retry, u32::MAX, 4, second).await;
    expect("calls when every attempt fails", &calls, &[0, 1, 3, 7])?;
    expect_eq("the result", &result, &Err(4))?;
    expect_eq("the moment retry gave up (s)", &returned, &7)?;

    // A single attempt: one call, no sleep.
    let (calls, result, returned) = run(retry, u32::MAX, 1, second).await;
    expect("calls with attempts = 1", &calls, &[0])?;
    expect_eq("the result", &result, &Err(1))?;
    expect_eq("the moment retry gave up (s)", &returned, &0)
}

/// Retries an operation whose calls `1..=failures` fail with their number and whose next
/// call succeeds with its number. Returns the instant (whole seconds from the start) of
/// every call, the result, and the instant `retry` returned.
async fn run<R: Retry>(
    retry: &R,
    failures: u32,
    attempts: u32,
    first_delay: Duration,
) -> (Vec<u64>, Result<u32, u32>, u64) {
    let start = tokio::time::Instant::now();
    let calls = std::cell::RefCell::new(Vec::new());
    let op = || {
        calls.borrow_mut().push(start.elapsed().as_secs());
        let call = u32::try_from(calls.borrow().len()).unwrap_or(u32::MAX);
        std::future::ready(if call <= failures {
            Err(call)
        } else {
            Ok(call)
        })
    };
    let result = retry.retry(op, attempts, first_delay).await;
    let returned = start.elapsed().as_secs();
    (calls.into_inner(), result, returned)
}

fn expect(what: &str, got: &[u64], expected: &[u64]) -> Result<(), String> {
    expect_eq(what, &got, &expected)
}

fn expect_eq<T: PartialEq + std::fmt::Debug>(
    what: &str,
    got: &T,
    expected: &T,
) -> Result<(), String> {
    if got == expected {
        Ok(())
    } else {
        Err(format!("{what}: got {got:?}, expected {expected:?}"))
    }
}
