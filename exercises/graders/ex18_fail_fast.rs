//! Grader for exercise 18 — fail fast, or collect every outcome. Used unchanged by
//! `solutions/`.
//!
//! Every fetch carries a probe that notes when it finished and when it was dropped, so
//! the grader sees which fetches were cancelled, and when, and which ran to their end.

use crate::ex18_fail_fast::{Fetch, FetchError, fetch_all_or_nothing, fetch_every_outcome};
use futures::FutureExt;
use harness::format_secs;
use harness::grade::{Trace, about, on_paused_clock, require, secs, timed};
use std::time::Duration;
use tokio::time::{Instant, sleep};

/// A fetch that takes `seconds` and then gives `answer`, watched by `trace`.
fn fetch(seconds: f64, answer: Result<&str, &str>, trace: &Trace) -> Fetch {
    let probe = trace.probe();
    let answer = answer
        .map(str::to_string)
        .map_err(|message| FetchError(message.to_string()));
    async move {
        sleep(secs(seconds)).await;
        probe.finish();
        answer
    }
    .boxed()
}

/// Fetches that take `plan`'s seconds and give its answers, each with a trace.
fn fetches(plan: &[(f64, Result<&str, &str>)]) -> (Vec<Fetch>, Vec<Trace>) {
    let traces: Vec<Trace> = plan.iter().map(|_| Trace::default()).collect();
    let fetches = plan
        .iter()
        .zip(&traces)
        .map(|(&(seconds, answer), trace)| fetch(seconds, answer, trace))
        .collect();
    (fetches, traces)
}

fn error(message: &str) -> FetchError {
    FetchError(message.to_string())
}

#[test]
fn all_or_nothing_gives_every_page_in_order_once_the_slowest_is_done() {
    on_paused_clock(|| async {
        let (jobs, _) = fetches(&[(3.0, Ok("alpha")), (1.0, Ok("beta")), (2.0, Ok("gamma"))]);
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
        require(!about(took, secs(6.0)), || {
            "fetch_all_or_nothing of fetches taking 3, 1 and 2 s took 6.00 s of virtual time: \
             it awaited them one after another. Run them together: 3.00 s, as long as the \
             slowest."
                .to_string()
        });
        require(about(took, secs(3.0)), || {
            format!(
                "fetch_all_or_nothing of fetches taking 3, 1 and 2 s took {} of virtual time; \
                 all at once they take 3.00 s.",
                format_secs(took)
            )
        });
    });
}

#[test]
fn all_or_nothing_returns_the_first_failure_the_moment_it_happens() {
    on_paused_clock(|| async {
        let (jobs, _) = fetches(&[(5.0, Ok("slow")), (1.0, Ok("quick")), (2.0, Err("404"))]);
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
        require(about(took, secs(2.0)), || {
            format!(
                "a fetch failed at 2.00 s, but fetch_all_or_nothing returned after {} of \
                 virtual time; the error must come back as soon as it happens.{diagnosis}",
                format_secs(took)
            )
        });

        let (jobs, _) = fetches(&[(3.0, Err("late")), (1.0, Err("early"))]);
        let (result, took) = timed(fetch_all_or_nothing(jobs)).await;
        require(
            result == Err(error("early")) && about(took, secs(1.0)),
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
        let (jobs, traces) = fetches(&[
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
            let (finished_at, dropped_at) = traces[index].times();
            require(finished_at.is_none(), || {
                format!(
                    "a fetch failed at 2.00 s, yet the {seconds} s fetch ran on to its end at \
                     {}. That is what asyncio.gather does; here a failure must cancel the \
                     rest. Dropping a future cancels it (a task started with tokio::spawn runs \
                     on when its JoinHandle is dropped).",
                    format_secs(finished_at.map_or(secs(seconds), |at| at - started))
                )
            });
            let dropped_after = dropped_at.map(|at| at - started);
            require(
                dropped_after.is_some_and(|at| about(at, secs(2.0))),
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
        let (jobs, traces) = fetches(&[(1.0, Err("gone")), (3.0, Ok("late")), (2.0, Ok("ok"))]);
        let started = Instant::now();
        let (outcomes, took) = timed(fetch_every_outcome(jobs)).await;
        require(outcomes.len() == 3, || {
            format!(
                "fetch_every_outcome of three fetches returned {outcomes:?}; expected three \
                 outcomes."
            )
        });
        require(!about(took, secs(6.0)), || {
            "fetch_every_outcome of fetches taking 1, 3 and 2 s took 6.00 s of virtual time: \
             they ran one after another. Together they take 3.00 s."
                .to_string()
        });
        require(about(took, secs(3.0)), || {
            format!(
                "fetch_every_outcome of fetches taking 1, 3 and 2 s took {} of virtual time; \
                 it returns when the slowest is done, at 3.00 s.",
                format_secs(took)
            )
        });
        for (index, seconds) in [1.0, 3.0, 2.0].into_iter().enumerate() {
            let (finished_at, _) = traces[index].times();
            let finished_after = finished_at.map(|at| at - started);
            require(
                finished_after.is_some_and(|at| about(at, secs(seconds))),
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
        require(
            all_or_nothing == Ok(Vec::new()) && every.is_empty() && took.is_zero(),
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
