//! Grader for exercise 6 — first to finish wins; the rest are cancelled. Used unchanged by
//! `solutions/`.
//!
//! Every contender carries a probe that notes when the contender was dropped and whether
//! it ran to its end, so the grader can tell a cancelled loser from one left running.

use crate::ex06_first_completed::first_completed;
use futures::FutureExt;
use futures::future::BoxFuture;
use harness::Span;
use harness::format_secs;
use harness::grade::{Trace, about, on_paused_clock, require, require_seen, secs, timed};
use harness::picture::{Picture, span, timed_call};
use tokio::time::{Instant, sleep};

/// A contender that finishes after `seconds` with `value`, watched by `trace`.
fn contender(seconds: f64, value: &'static str, trace: &Trace) -> BoxFuture<'static, &'static str> {
    let probe = trace.probe();
    async move {
        sleep(secs(seconds)).await;
        probe.finish();
        value
    }
    .boxed()
}

/// The picture of a failing race: each contender as its probe saw it (until it finished,
/// or was dropped), above the race as it should go: the fastest finishes, the others are
/// dropped at that moment.
fn picture(delays: &[f64], traces: &[Trace], started: Instant) -> Picture {
    let now = Instant::now();
    let label = |seconds: f64| format!("{seconds} s contender");
    let seen = delays
        .iter()
        .zip(traces)
        .map(|(&seconds, trace)| {
            let (finished_at, dropped_at) = trace.times();
            let end = finished_at.or(dropped_at).unwrap_or(now);
            Span {
                label: label(seconds),
                start: std::time::Duration::ZERO,
                end: end.saturating_duration_since(started),
                cancelled: finished_at.is_none(),
            }
        })
        .collect();
    let fastest = delays.iter().copied().fold(f64::INFINITY, f64::min);
    let expected = delays
        .iter()
        .map(|&seconds| Span {
            cancelled: seconds > fastest,
            ..span(label(seconds), 0.0, fastest)
        })
        .collect();
    Picture::new()
        .spans(
            "your run: the contenders as the grader's probes saw them",
            seen,
        )
        .spans(
            "expected: the fastest wins, the rest are dropped then",
            expected,
        )
}

#[test]
fn the_fastest_contender_wins_as_soon_as_it_finishes() {
    on_paused_clock(|| async {
        let races: [(&[f64], usize); 2] = [(&[3.0, 1.0, 2.0], 1), (&[2.0, 2.5, 0.5, 4.0], 2)];
        for (delays, fastest) in races {
            let names = ["a", "b", "c", "d"];
            let traces: Vec<Trace> = delays.iter().map(|_| Trace::default()).collect();
            let contenders = delays
                .iter()
                .zip(names)
                .zip(&traces)
                .map(|((&seconds, name), trace)| contender(seconds, name, trace))
                .collect();
            let started = Instant::now();
            let (winner, took) = timed(first_completed(contenders)).await;
            let seen = || picture(delays, &traces, started);
            let described = format!("first_completed of contenders taking {delays:?} s");
            let expected = Some((fastest, names[fastest]));
            require(winner == expected, || {
                format!(
                    "{described} returned {winner:?}; expected {expected:?}: the position of \
                     the fastest contender and its value."
                )
            });
            let slowest = delays.iter().copied().fold(0.0, f64::max);
            require_seen(!about(took, secs(slowest)), seen, || {
                format!(
                    "{described} returned after {} of virtual time, when the slowest \
                     finished; the fastest finished at {} — did you wait for all of them?",
                    format_secs(took),
                    format_secs(secs(delays[fastest]))
                )
            });
            require_seen(about(took, secs(delays[fastest])), seen, || {
                format!(
                    "{described} returned after {} of virtual time; the fastest contender \
                     finished at {}, and that is when the race is decided.",
                    format_secs(took),
                    format_secs(secs(delays[fastest]))
                )
            });
        }
    });
}

#[test]
fn the_losers_are_cancelled_the_moment_the_winner_finishes() {
    on_paused_clock(|| async {
        let delays = [3.0, 1.0, 2.0];
        let winner = 1;
        let traces: Vec<Trace> = delays.iter().map(|_| Trace::default()).collect();
        let contenders = delays
            .iter()
            .zip(&traces)
            .map(|(&seconds, trace)| contender(seconds, "value", trace))
            .collect();
        let started = Instant::now();
        let _ = first_completed(contenders).await;
        // Give any loser left running every chance to finish.
        sleep(secs(10.0)).await;

        for (index, (&seconds, trace)) in delays.iter().zip(&traces).enumerate() {
            if index == winner {
                continue;
            }
            let (finished_at, dropped_at) = trace.times();
            let seen = || picture(&delays, &traces, started);
            require_seen(finished_at.is_none(), seen, || {
                format!(
                    "the {seconds} s contender lost the race at 1.00 s but still ran to its end \
                     at {}: work was left running that nobody wanted any more. Cancel the \
                     losers as soon as the winner is known — in Rust a future is cancelled by \
                     dropping it (and a spawned task is not stopped by dropping its \
                     JoinHandle).",
                    format_secs(finished_at.map_or(secs(seconds), |at| at - started))
                )
            });
            let dropped_after = dropped_at.map(|at| at - started);
            require_seen(
                dropped_after.is_some_and(|at| about(at, secs(1.0))),
                seen,
                || match dropped_after {
                    None => format!(
                        "the {seconds} s contender lost the race at 1.00 s but was never \
                         dropped: it is still there, paused, instead of cancelled."
                    ),
                    Some(at) => format!(
                        "the {seconds} s contender was dropped at {}; the race was decided \
                         at 1.00 s, and the losers must be cancelled then.",
                        format_secs(at)
                    ),
                },
            );
        }
    });
}

#[test]
fn no_contenders_means_no_winner() {
    on_paused_clock(|| async {
        let (winner, took) = timed(first_completed::<u32>(Vec::new())).await;
        require(winner.is_none(), || {
            format!("first_completed of no contenders returned {winner:?}; expected None.")
        });
        let seen = || timed_call("first_completed of no contenders", took, secs(0.0));
        require_seen(took.is_zero(), seen, || {
            format!(
                "first_completed of no contenders took {} of virtual time; with nothing to \
                 wait for it should return None at once.",
                format_secs(took)
            )
        });
    });
}
