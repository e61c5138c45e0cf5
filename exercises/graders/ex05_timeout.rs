//! Grader for exercise 5 — a deadline with your own error type. Used unchanged by
//! `solutions/`.
//!
//! The operations handed to `with_deadline` carry a probe that notes when the operation
//! was dropped (cancelled) and whether it ran to the end.

use crate::ex05_timeout::{FetchError, with_deadline};
use harness::grade::{Trace, about, on_paused_clock, require, require_seen, secs, timed};
use harness::picture::{Picture, timed_call};
use harness::{Span, format_secs};
use std::future::Future;
use tokio::time::{Instant, sleep};

fn read(trace: &Trace) -> (bool, Option<Instant>) {
    let (finished_at, dropped_at) = trace.times();
    (finished_at.is_some(), dropped_at)
}

/// An operation that takes `seconds` and then answers `answer`, watched by `trace`.
fn operation(
    seconds: f64,
    answer: Result<u32, String>,
    trace: &Trace,
) -> impl Future<Output = Result<u32, String>> + use<> {
    let probe = trace.probe();
    async move {
        sleep(secs(seconds)).await;
        probe.finish();
        answer
    }
}

/// The picture of a failing cancellation check: the operation as its probe saw it (from
/// the call until it finished or was dropped), above the operation cut off at `limit`.
fn picture(trace: &Trace, started: Instant, seconds: f64, limit: f64) -> Picture {
    let (finished_at, dropped_at) = trace.times();
    let end = finished_at.or(dropped_at).unwrap_or_else(Instant::now);
    let label = format!("the {seconds} s operation");
    let run = |end, cancelled| Span {
        label: label.clone(),
        start: std::time::Duration::ZERO,
        end,
        cancelled,
    };
    Picture::new()
        .spans(
            "your run: the operation as the grader's probe saw it",
            vec![run(
                end.saturating_duration_since(started),
                finished_at.is_none(),
            )],
        )
        .spans(
            "expected: dropped at the deadline",
            vec![run(secs(limit), true)],
        )
}

#[test]
fn a_quick_operation_gives_its_value_as_soon_as_it_is_done() {
    on_paused_clock(|| async {
        let trace = Trace::default();
        let (result, took) = timed(with_deadline(secs(2.0), operation(1.0, Ok(7), &trace))).await;
        require(result == Ok(7), || {
            format!(
                "with_deadline(2 s, an operation answering Ok(7) after 1 s) returned \
                 {result:?}; expected Ok(7)."
            )
        });
        let seen = || timed_call("with_deadline(2 s, a 1 s operation)", took, secs(1.0));
        require_seen(about(took, secs(1.0)), seen, || {
            format!(
                "with_deadline(2 s, a 1 s operation) took {} of virtual time; it should \
                 return as soon as the operation is done, at 1.00 s.{}",
                format_secs(took),
                if about(took, secs(2.0)) {
                    " It waited out the whole limit instead."
                } else {
                    ""
                }
            )
        });
    });
}

#[test]
fn a_slow_operation_is_cut_off_at_the_deadline() {
    on_paused_clock(|| async {
        for (seconds, limit) in [(5.0, 2.0), (3.0, 0.25)] {
            let trace = Trace::default();
            let (result, took) = timed(with_deadline(
                secs(limit),
                operation(seconds, Ok(1), &trace),
            ))
            .await;
            let expected = Err(FetchError::TimedOut { limit: secs(limit) });
            require(result == expected, || {
                format!(
                    "with_deadline({limit} s, a {seconds} s operation) returned {result:?}; \
                     expected {expected:?}, naming the limit that passed."
                )
            });
            let call = format!("with_deadline({limit} s, a {seconds} s operation)");
            let seen = || timed_call(call, took, secs(limit));
            require_seen(about(took, secs(limit)), seen, || {
                format!(
                    "with_deadline({limit} s, a {seconds} s operation) took {} of virtual \
                     time; it must give up right at the deadline, {}.{}",
                    format_secs(took),
                    format_secs(secs(limit)),
                    if took > secs(limit) {
                        " It waited for the operation instead of stopping the wait at the limit."
                    } else {
                        ""
                    }
                )
            });
        }
    });
}

#[test]
fn the_operation_is_cancelled_at_the_deadline_and_never_finishes() {
    on_paused_clock(|| async {
        let trace = Trace::default();
        let started = Instant::now();
        let _ = with_deadline(secs(2.0), operation(5.0, Ok(1), &trace)).await;
        // Give a leftover operation every chance to run on.
        sleep(secs(10.0)).await;
        let (finished, dropped_at) = read(&trace);
        let seen = || picture(&trace, started, 5.0, 2.0);
        require_seen(!finished, seen, || {
            "a 5 s operation given a 2 s limit still ran to its end: it was not cancelled \
             at the deadline. `tokio::time::timeout` drops the future when time is up."
                .to_string()
        });
        let dropped_after = dropped_at.map(|at| at - started);
        require_seen(
            dropped_after.is_some_and(|at| about(at, secs(2.0))),
            seen,
            || match dropped_after {
                None => "the 5 s operation was never dropped, so it was never cancelled. \
                         with_deadline should leave nothing behind."
                    .to_string(),
                Some(at) => format!(
                    "the 5 s operation was dropped at {}; with a 2 s limit it must be \
                     cancelled (dropped) right at the deadline, 2.00 s.",
                    format_secs(at)
                ),
            },
        );
    });
}

#[test]
fn a_failing_operation_reports_its_own_message() {
    on_paused_clock(|| async {
        let trace = Trace::default();
        let failing = operation(0.5, Err("server said no".to_string()), &trace);
        let (result, took) = timed(with_deadline(secs(2.0), failing)).await;
        let expected = Err(FetchError::Failed("server said no".to_string()));
        require(result == expected, || {
            format!(
                "with_deadline(2 s, an operation failing with \"server said no\" after 0.5 s) \
                 returned {result:?}; expected {expected:?}."
            )
        });
        let seen = || {
            timed_call(
                "with_deadline(2 s, a 0.5 s failing operation)",
                took,
                secs(0.5),
            )
        };
        require_seen(about(took, secs(0.5)), seen, || {
            format!(
                "with_deadline(2 s, an operation failing after 0.5 s) took {} of virtual \
                 time; it should report the failure as soon as it happens, at 0.50 s.",
                format_secs(took)
            )
        });
    });
}
