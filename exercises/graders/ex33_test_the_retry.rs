//! Grader for exercise 33 — a test suite for a retry helper, graded by mutation. Used
//! unchanged by `solutions/`.
//!
//! The learner's `check_retry` is run on a paused clock against a correct retry of the
//! grader's own (the stub's `Backoff` may have been edited) — it must pass — and against
//! broken versions the learner never sees: each must make the suite fail (return `Err`,
//! panic, or not finish). A broken version that passes is reported in words.

use crate::ex33_test_the_retry::{Retry, check_retry};
use futures::FutureExt;
use harness::grade::{on_paused_clock, require};
use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::time::Duration;

/// Virtual time one run of the learner's suite may take before it counts as stuck.
const SUITE_LIMIT: Duration = Duration::from_secs(300);

/// A retry that follows the description, or breaks it in one way.
#[derive(Debug, Clone, Copy)]
struct Variant {
    /// What the learner is told when this version survives.
    broken: &'static str,
    /// The first sleep, from `first_delay`.
    first_sleep: fn(Duration) -> Duration,
    /// The next sleep, from the last one and `first_delay`.
    next_sleep: fn(Duration, Duration) -> Duration,
    /// Added to `attempts`.
    attempts_off_by: i64,
    /// Calls the operation once more after a success.
    calls_again_after_success: bool,
    /// Returns the first error instead of the last one.
    returns_first_error: bool,
    /// Sleeps once more after the last failure before returning it.
    sleeps_after_last_failure: bool,
}

const CORRECT: Variant = Variant {
    broken: "",
    first_sleep: |first| first,
    next_sleep: |last, _first| last * 2,
    attempts_off_by: 0,
    calls_again_after_success: false,
    returns_first_error: false,
    sleeps_after_last_failure: false,
};

const BROKEN: [Variant; 8] = [
    Variant {
        broken: "a version that waits twice the first delay before the second attempt \
                 (2 s instead of 1 s, then 4 s, 8 s, …)",
        first_sleep: |first| first * 2,
        ..CORRECT
    },
    Variant {
        broken: "a version that never backs off: it waits the first delay before every \
                 attempt (1 s, 1 s, 1 s, …)",
        next_sleep: |last, _first| last,
        ..CORRECT
    },
    Variant {
        broken: "a version that backs off linearly: 1 s, 2 s, 3 s, … instead of 1 s, 2 s, 4 s, …",
        next_sleep: |last, first| last + first,
        ..CORRECT
    },
    Variant {
        broken: "a version that retries one time too many (4 calls when 3 attempts are allowed)",
        attempts_off_by: 1,
        ..CORRECT
    },
    Variant {
        broken: "a version that gives up one attempt too early (2 calls when 3 attempts are \
                 allowed)",
        attempts_off_by: -1,
        ..CORRECT
    },
    Variant {
        broken: "a version that calls the operation once more after it has succeeded",
        calls_again_after_success: true,
        ..CORRECT
    },
    Variant {
        broken: "a version that returns the first error instead of the last one",
        returns_first_error: true,
        ..CORRECT
    },
    Variant {
        broken: "a version that sleeps once more after the last failed attempt before \
                 returning the error",
        sleeps_after_last_failure: true,
        ..CORRECT
    },
];

impl Retry for Variant {
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
        let limit = (i64::from(attempts) + self.attempts_off_by).max(1);
        let mut delay = (self.first_sleep)(first_delay);
        let mut first_error = None;
        let mut attempt = 1;
        loop {
            match op().await {
                Ok(value) => {
                    if self.calls_again_after_success {
                        let _ = op().await;
                    }
                    return Ok(value);
                }
                Err(error) => {
                    let error = first_error.take().unwrap_or(error);
                    if attempt >= limit {
                        if self.sleeps_after_last_failure {
                            tokio::time::sleep(delay).await;
                        }
                        return Err(error);
                    }
                    if self.returns_first_error {
                        first_error = Some(error);
                    }
                    tokio::time::sleep(delay).await;
                    delay = (self.next_sleep)(delay, first_delay);
                    attempt += 1;
                }
            }
        }
    }
}

/// How one run of the learner's suite ended.
enum Outcome {
    Passed,
    Failed(String),
    Panicked(String),
    Stuck,
}

async fn run_suite(variant: &Variant) -> Outcome {
    let suite = AssertUnwindSafe(check_retry(variant)).catch_unwind();
    match tokio::time::timeout(SUITE_LIMIT, suite).await {
        Err(_elapsed) => Outcome::Stuck,
        Ok(Err(payload)) => Outcome::Panicked(
            payload
                .downcast_ref::<&str>()
                .map(ToString::to_string)
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "a panic".to_string()),
        ),
        Ok(Ok(Ok(()))) => Outcome::Passed,
        Ok(Ok(Err(message))) => Outcome::Failed(message),
    }
}

/// Fails the check unless the suite passes on the correct retry.
async fn require_passes_on_the_correct_retry() {
    let verdict = match run_suite(&CORRECT).await {
        Outcome::Passed => None,
        Outcome::Failed(message) => Some(format!("returned Err({message:?})")),
        Outcome::Panicked(message) => Some(format!("panicked: {message}")),
        Outcome::Stuck => Some(format!(
            "was still running after {} s of virtual time (keep each scenario's delays short: \
             a few seconds each)",
            SUITE_LIMIT.as_secs()
        )),
    };
    require(verdict.is_none(), || {
        format!(
            "on a correct retry (waits 1 s, 2 s, 4 s, …; at most `attempts` calls; returns the \
             first Ok, or the last Err straight after the last attempt) your check_retry {}. \
             Tests must pass on correct code before they can catch broken code.",
            verdict.unwrap_or_default()
        )
    });
}

#[test]
fn your_checks_pass_on_a_correct_retry() {
    on_paused_clock(|| async {
        require_passes_on_the_correct_retry().await;
    });
}

#[test]
fn your_checks_catch_every_broken_retry() {
    on_paused_clock(|| async {
        require_passes_on_the_correct_retry().await;
        let mut survivors = Vec::new();
        for variant in &BROKEN {
            if let Outcome::Passed = run_suite(variant).await {
                survivors.push(variant.broken);
            }
        }
        require(survivors.is_empty(), || {
            let count = survivors.len();
            let list: String = survivors.iter().map(|s| format!("\n  - {s}")).collect();
            format!(
                "{count} of {} broken versions of retry passed all your checks:{list}\n\
                 Add a check that this version would fail: count the calls, note when each \
                 one happened (tokio::time::Instant), and look at what retry returned and when.",
                BROKEN.len()
            )
        });
    });
}
