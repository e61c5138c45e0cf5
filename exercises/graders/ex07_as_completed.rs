//! Grader for exercise 7 — results in completion order. Used unchanged by `solutions/`.
//!
//! The callback the grader passes notes the virtual time of every call, so results that
//! are held back until all jobs are done show up as calls that all happen at the end.

use crate::ex07_as_completed::as_completed;
use futures::FutureExt;
use futures::future::BoxFuture;
use harness::format_secs;
use harness::grade::{about, on_paused_clock, require, require_seen, secs, timed};
use harness::picture::{Picture, span, timed_call};
use std::time::Duration;
use tokio::time::{Instant, sleep};

/// A job that finishes after `seconds` with `value`.
fn job<T: Send + 'static>(seconds: f64, value: T) -> BoxFuture<'static, T> {
    async move {
        sleep(secs(seconds)).await;
        value
    }
    .boxed()
}

/// Runs `as_completed` on `jobs`; returns each call's (seconds since the start, value)
/// and how long `as_completed` took.
async fn calls<T: Send + 'static>(
    jobs: Vec<BoxFuture<'static, T>>,
) -> (Vec<(Duration, T)>, Duration) {
    let started = Instant::now();
    let mut seen = Vec::new();
    let ((), took) = timed(as_completed(jobs, |value| {
        seen.push((started.elapsed(), value));
    }))
    .await;
    (seen, took)
}

/// The picture of a failing check: each result from the start until on_result got it,
/// above each job's result handed over when the job finishes (`expected`: job length in
/// seconds and value).
fn picture<T: std::fmt::Debug>(calls: &[(Duration, T)], expected: &[(f64, T)]) -> Picture {
    let rows = |rows: Vec<(f64, &T)>| {
        rows.into_iter()
            .map(|(at, value)| span(format!("{value:?}"), 0.0, at))
            .collect()
    };
    let seen = rows(calls.iter().map(|(at, v)| (at.as_secs_f64(), v)).collect());
    let expected = rows(expected.iter().map(|(at, v)| (*at, v)).collect());
    Picture::new()
        .spans("your run: each result until on_result got it", seen)
        .spans("expected: handed over as each job finishes", expected)
}

fn describe<T: std::fmt::Debug>(calls: &[(Duration, T)]) -> String {
    let described: Vec<String> = calls
        .iter()
        .map(|(at, value)| format!("{value:?} at {}", format_secs(*at)))
        .collect();
    format!("[{}]", described.join(", "))
}

#[test]
fn each_result_is_handed_over_the_moment_its_job_finishes() {
    on_paused_clock(|| async {
        let jobs = vec![job(3.0, "slow"), job(1.0, "fast"), job(1.5, "middle")];
        let (seen, took) = calls(jobs).await;
        let expected = [(1.0, "fast"), (1.5, "middle"), (3.0, "slow")];
        let drawn = || picture(&seen, &expected);
        require_seen(seen.len() == expected.len(), drawn, || {
            format!(
                "as_completed of three jobs called on_result {} times: {}; expected once per \
                 job.",
                seen.len(),
                describe(&seen)
            )
        });
        require_seen(
            !seen.iter().all(|(at, _)| about(*at, secs(3.0))),
            drawn,
            || {
                format!(
                    "on_result was called {}: every result was held back until everything \
                 finished (3.00 s), as asyncio.gather would. Each result should be handed \
                 over the moment its job finishes: \"fast\" at 1.00 s, \"middle\" at 1.50 s, \
                 \"slow\" at 3.00 s.",
                    describe(&seen)
                )
            },
        );
        let right = seen
            .iter()
            .zip(expected)
            .all(|((at, value), (when, wanted))| about(*at, secs(when)) && *value == wanted);
        require_seen(right, drawn, || {
            format!(
                "on_result was called {}; expected \"fast\" at 1.00 s, \"middle\" at 1.50 s, \
                 \"slow\" at 3.00 s.{}",
                describe(&seen),
                if seen.iter().any(|(at, _)| *at > secs(3.001)) {
                    " Some calls came after 3.00 s: the jobs ran one after another instead of \
                     all at the same time."
                } else {
                    ""
                }
            )
        });
        require_seen(about(took, secs(3.0)), drawn, || {
            format!(
                "as_completed took {} of virtual time; it should return when the last job \
                 is done and reported, at 3.00 s.",
                format_secs(took)
            )
        });
    });
}

#[test]
fn ten_jobs_all_run_at_the_same_time() {
    on_paused_clock(|| async {
        let jobs = (0..10).map(|n| job(1.0, n)).collect();
        let (seen, took) = calls(jobs).await;
        let mut values: Vec<i32> = seen.iter().map(|&(_, value)| value).collect();
        values.sort_unstable();
        require(values == (0..10).collect::<Vec<_>>(), || {
            format!(
                "as_completed of ten jobs answering 0 to 9 handed over {:?}; expected each \
                 value once.",
                values
            )
        });
        let expected: Vec<(f64, i32)> = (0..10).map(|n| (1.0, n)).collect();
        let drawn = || picture(&seen, &expected);
        require_seen(
            seen.iter().all(|(at, _)| about(*at, secs(1.0))),
            drawn,
            || {
                format!(
                    "ten jobs of 1 s each, all at the same time, all finish at 1.00 s; but \
                 on_result was called {}.",
                    describe(&seen)
                )
            },
        );
        require_seen(about(took, secs(1.0)), drawn, || {
            format!(
                "as_completed of ten 1 s jobs took {}; all at once they take 1.00 s.",
                format_secs(took)
            )
        });
    });
}

#[test]
fn no_jobs_means_no_results_and_no_waiting() {
    on_paused_clock(|| async {
        let (seen, took) = calls::<u8>(Vec::new()).await;
        require(seen.is_empty(), || {
            format!(
                "as_completed of no jobs called on_result {}.",
                describe(&seen)
            )
        });
        let drawn = || timed_call("as_completed of no jobs", took, secs(0.0));
        require_seen(took.is_zero(), drawn, || {
            format!(
                "as_completed of no jobs took {} of virtual time; with nothing to wait for it \
                 should return at once.",
                format_secs(took)
            )
        });
    });
}
