//! Grader for exercise 18 — fail fast, or collect every outcome. Used unchanged by
//! `solutions/`.
//!
//! Every fetch carries a probe that notes when it finished and when it was dropped, so
//! the grader sees which fetches were cancelled, and when, and which ran to their end.

use crate::ex18_fail_fast::{Fetch, FetchError, fetch_all_or_nothing, fetch_every_outcome};
use futures::FutureExt;
use harness::Span;
use harness::format_secs;
use harness::grade::{Trace, about, on_paused_clock, require, require_seen, secs, timed};
use harness::picture::{Picture, span, timed_call};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;
use tokio::time::{Instant, sleep};

/// When a fetch first ran, noted by the fetch itself.
type Started = Arc<Mutex<Option<Instant>>>;

/// A fetch that takes `seconds` and then gives `answer`, watched by `trace`; it notes
/// in `started` when it first ran.
fn fetch(seconds: f64, answer: Result<&str, &str>, trace: &Trace, started: &Started) -> Fetch {
    let probe = trace.probe();
    let started = started.clone();
    let answer = answer
        .map(str::to_string)
        .map_err(|message| FetchError(message.to_string()));
    async move {
        *started.lock().unwrap_or_else(PoisonError::into_inner) = Some(Instant::now());
        sleep(secs(seconds)).await;
        probe.finish();
        answer
    }
    .boxed()
}

/// The fetches of one call as their probes saw them, for checks and pictures.
struct Watched {
    origin: Instant,
    plan: Vec<(f64, bool)>,
    traces: Vec<Trace>,
    started: Vec<Started>,
}

impl Watched {
    /// Each fetch from when it first ran until it finished or was dropped, above the
    /// fetches all at once — cut off at the first failure if `fail_fast`.
    fn picture(&self, fail_fast: bool) -> Picture {
        let since = |at: Instant| at.saturating_duration_since(self.origin);
        let label = |(seconds, fails): (f64, bool)| {
            format!("{seconds} s fetch{}", if fails { " (fails)" } else { "" })
        };
        let now = Instant::now();
        let seen = self
            .plan
            .iter()
            .zip(self.traces.iter().zip(&self.started))
            .map(|(&planned, (trace, started))| {
                let (finished_at, dropped_at) = trace.times();
                let end = finished_at.or(dropped_at).unwrap_or(now);
                let start = started
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .unwrap_or(end);
                Span {
                    label: label(planned),
                    start: since(start),
                    end: since(end),
                    cancelled: finished_at.is_none(),
                }
            })
            .collect();
        let failure = self
            .plan
            .iter()
            .filter(|(_, fails)| fail_fast && *fails)
            .map(|(seconds, _)| *seconds)
            .fold(f64::INFINITY, f64::min);
        let expected = self
            .plan
            .iter()
            .map(|&(seconds, fails)| Span {
                cancelled: seconds > failure,
                ..span(label((seconds, fails)), 0.0, seconds.min(failure))
            })
            .collect();
        Picture::new()
            .spans(
                "your run: the fetches as the grader's probes saw them",
                seen,
            )
            .spans(
                if fail_fast {
                    "expected: all at once, the rest cancelled at the first failure"
                } else {
                    "expected: all at once, each to its end"
                },
                expected,
            )
    }
}

/// Fetches that take `plan`'s seconds and give its answers, each watched.
fn fetches(plan: &[(f64, Result<&str, &str>)]) -> (Vec<Fetch>, Watched) {
    let watched = Watched {
        origin: Instant::now(),
        plan: plan
            .iter()
            .map(|(seconds, answer)| (*seconds, answer.is_err()))
            .collect(),
        traces: plan.iter().map(|_| Trace::default()).collect(),
        started: plan.iter().map(|_| Started::default()).collect(),
    };
    let fetches = plan
        .iter()
        .zip(watched.traces.iter().zip(&watched.started))
        .map(|(&(seconds, answer), (trace, started))| fetch(seconds, answer, trace, started))
        .collect();
    (fetches, watched)
}

fn error(message: &str) -> FetchError {
    FetchError(message.to_string())
}

#[test]
fn all_or_nothing_gives_every_page_in_order_once_the_slowest_is_done() {
    on_paused_clock(|| async {
        let (jobs, watched) = fetches(&[(3.0, Ok("alpha")), (1.0, Ok("beta")), (2.0, Ok("gamma"))]);
        let (result, took) = timed(fetch_all_or_nothing(jobs)).await;
        let expected = Ok(vec![
            "alpha".to_string(),
            "beta".to_string(),
            "gamma".to_string(),
        ]);
        require(result == expected, || {
            format!(
                "fetch_all_or_nothing of fetches taking 3, 1 and 2 s and giving \"alpha\", \
                 \"beta\" and \"gamma\" returned {result:?}; expected {expected:?}, in the \
                 order of the fetches."
            )
        });
        require_seen(
            !about(took, secs(6.0)),
            || watched.picture(true),
            || {
                "fetch_all_or_nothing of fetches taking 3, 1 and 2 s took 6.00 s of virtual time: \
             it awaited them one after another. Run them together: 3.00 s, as long as the \
             slowest."
                    .to_string()
            },
        );
        require_seen(
            about(took, secs(3.0)),
            || watched.picture(true),
            || {
                format!(
                    "fetch_all_or_nothing of fetches taking 3, 1 and 2 s took {} of virtual time; \
                 all at once they take 3.00 s.",
                    format_secs(took)
                )
            },
        );
    });
}

#[test]
fn all_or_nothing_returns_the_first_failure_the_moment_it_happens() {
    on_paused_clock(|| async {
        let (jobs, watched) = fetches(&[(5.0, Ok("slow")), (1.0, Ok("quick")), (2.0, Err("404"))]);
        let (result, took) = timed(fetch_all_or_nothing(jobs)).await;
        require(result == Err(error("404")), || {
            format!(
                "fetches taking 5 s (ok), 1 s (ok) and 2 s (failing with \"404\") gave \
                 {result:?}; expected Err(FetchError(\"404\"))."
            )
        });
        let diagnosis = if about(took, secs(8.0)) {
            " That is 5 + 1 + 2 s: the fetches ran one after another."
        } else if about(took, secs(5.0)) {
            " That is when the slowest fetch was done: every fetch was awaited before the \
             results were looked at. Stop at the first error instead."
        } else {
            ""
        };
        require_seen(
            about(took, secs(2.0)),
            || watched.picture(true),
            || {
                format!(
                    "a fetch failed at 2.00 s, but fetch_all_or_nothing returned after {} of \
                 virtual time; the error must come back as soon as it happens.{diagnosis}",
                    format_secs(took)
                )
            },
        );

        let (jobs, watched) = fetches(&[(3.0, Err("late")), (1.0, Err("early"))]);
        let (result, took) = timed(fetch_all_or_nothing(jobs)).await;
        require_seen(
            result == Err(error("early")) && about(took, secs(1.0)),
            || watched.picture(true),
            || {
                format!(
                    "fetches failing with \"late\" after 3 s and \"early\" after 1 s gave \
                     {result:?} after {}; expected the first failure in time, \
                     Err(FetchError(\"early\")), after 1.00 s{}.",
                    format_secs(took),
                    if result == Err(error("late")) {
                        " — you returned the first failure in the list, which means you \
                         waited for the fetches in their order"
                    } else {
                        ""
                    }
                )
            },
        );
    });
}

#[test]
fn all_or_nothing_cancels_the_other_fetches_when_one_fails() {
    on_paused_clock(|| async {
        let (jobs, watched) = fetches(&[
            (5.0, Ok("slow")),
            (1.0, Ok("quick")),
            (2.0, Err("timeout")),
            (4.0, Ok("slower")),
        ]);
        let started = Instant::now();
        let _ = fetch_all_or_nothing(jobs).await;
        // Give any fetch left running every chance to finish.
        sleep(secs(10.0)).await;

        for index in [0, 3] {
            let seconds = [5.0, 1.0, 2.0, 4.0][index];
            let (finished_at, dropped_at) = watched.traces[index].times();
            require_seen(
                finished_at.is_none(),
                || watched.picture(true),
                || {
                    format!(
                        "a fetch failed at 2.00 s, yet the {seconds} s fetch ran on to its end at \
                     {}. That is what asyncio.gather does; here a failure must cancel the \
                     rest. Dropping a future cancels it (a task started with tokio::spawn runs \
                     on when its JoinHandle is dropped).",
                        format_secs(finished_at.map_or(secs(seconds), |at| at - started))
                    )
                },
            );
            let dropped_after = dropped_at.map(|at| at - started);
            require_seen(
                dropped_after.is_some_and(|at| about(at, secs(2.0))),
                || watched.picture(true),
                || match dropped_after {
                    None => format!(
                        "a fetch failed at 2.00 s, and the {seconds} s fetch was never \
                         dropped: it was not cancelled."
                    ),
                    Some(at) => format!(
                        "the {seconds} s fetch was cancelled at {}; a fetch failed at 2.00 s, \
                         and that is when the rest must stop.",
                        format_secs(at)
                    ),
                },
            );
        }
    });
}

#[test]
fn every_outcome_is_kept_in_the_order_of_the_fetches() {
    on_paused_clock(|| async {
        let (jobs, _) = fetches(&[
            (3.0, Ok("home")),
            (1.0, Err("403")),
            (2.0, Ok("about")),
            (0.5, Err("500")),
        ]);
        let outcomes = fetch_every_outcome(jobs).await;
        let expected = vec![
            Ok("home".to_string()),
            Err(error("403")),
            Ok("about".to_string()),
            Err(error("500")),
        ];
        require(outcomes == expected, || {
            format!(
                "fetch_every_outcome of fetches giving Ok(\"home\") after 3 s, Err(\"403\") \
                 after 1 s, Ok(\"about\") after 2 s and Err(\"500\") after 0.5 s returned \
                 {outcomes:?}; expected {expected:?}: every outcome, errors included, in the \
                 order of the fetches{}.",
                if outcomes.len() < expected.len() {
                    " — some outcomes are missing"
                } else {
                    ""
                }
            )
        });
    });
}

#[test]
fn a_failure_stops_nothing_when_every_outcome_is_wanted() {
    on_paused_clock(|| async {
        let (jobs, watched) = fetches(&[(1.0, Err("gone")), (3.0, Ok("late")), (2.0, Ok("ok"))]);
        let started = Instant::now();
        let (outcomes, took) = timed(fetch_every_outcome(jobs)).await;
        require(outcomes.len() == 3, || {
            format!(
                "fetch_every_outcome of three fetches returned {outcomes:?}; expected three \
                 outcomes."
            )
        });
        require_seen(
            !about(took, secs(6.0)),
            || watched.picture(false),
            || {
                "fetch_every_outcome of fetches taking 1, 3 and 2 s took 6.00 s of virtual time: \
             they ran one after another. Together they take 3.00 s."
                    .to_string()
            },
        );
        require_seen(
            about(took, secs(3.0)),
            || watched.picture(false),
            || {
                format!(
                    "fetch_every_outcome of fetches taking 1, 3 and 2 s took {} of virtual time; \
                 it returns when the slowest is done, at 3.00 s.",
                    format_secs(took)
                )
            },
        );
        for (index, seconds) in [1.0, 3.0, 2.0].into_iter().enumerate() {
            let (finished_at, _) = watched.traces[index].times();
            let finished_after = finished_at.map(|at| at - started);
            require_seen(
                finished_after.is_some_and(|at| about(at, secs(seconds))),
                || watched.picture(false),
                || match finished_after {
                    None => format!(
                        "the {seconds} s fetch never finished: it was cancelled, but \
                         fetch_every_outcome must let every fetch run to its end, whatever \
                         the others do (the first one failed at 1.00 s)."
                    ),
                    Some(at) => format!(
                        "the {seconds} s fetch finished at {}; started together with the \
                         others it finishes at {}.",
                        format_secs(at),
                        format_secs(secs(seconds))
                    ),
                },
            );
        }
    });
}

#[test]
fn no_fetches_means_nothing_to_wait_for() {
    on_paused_clock(|| async {
        let (all_or_nothing, took_first) = timed(fetch_all_or_nothing(Vec::new())).await;
        let (every, took_second) = timed(fetch_every_outcome(Vec::new())).await;
        let took: Duration = took_first + took_second;
        require_seen(
            all_or_nothing == Ok(Vec::new()) && every.is_empty() && took.is_zero(),
            || timed_call("both calls with no fetches", took, Duration::ZERO),
            || {
                format!(
                    "with no fetches, fetch_all_or_nothing returned {all_or_nothing:?} and \
                     fetch_every_outcome {every:?}, after {} in all; expected Ok([]) and [] \
                     at once.",
                    format_secs(took)
                )
            },
        );
    });
}
