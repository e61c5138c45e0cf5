//! Grader for exercise 9 — all or nothing: a task group that aborts the rest. Used
//! unchanged by `solutions/`.
//!
//! Every job carries a probe that notes when the job was dropped (aborted) and whether it
//! ran to its end, so a job left running after the group returned is caught.

use crate::ex09_task_group::{JobError, all_or_nothing};
use futures::FutureExt;
use futures::future::BoxFuture;
use harness::grade::{Trace, about, on_paused_clock, require, require_seen, secs, timed};
use harness::picture::{Picture, span, timed_call};
use harness::{Span, format_secs};
use std::sync::{Arc, Mutex, PoisonError};
use tokio::time::{Instant, sleep};

type Job = BoxFuture<'static, Result<u32, JobError>>;

/// When a job first ran, noted by the job itself.
type Started = Arc<Mutex<Option<Instant>>>;

/// The jobs handed to one call, each watched by a probe that also notes when the job
/// first ran, so a failing check can draw them above the expected shape.
struct Jobs {
    origin: Instant,
    /// Per job: how long it takes, whether it fails, its probe, when it first ran.
    watched: Vec<(f64, bool, Trace, Started)>,
}

impl Jobs {
    fn new() -> Jobs {
        Jobs {
            origin: Instant::now(),
            watched: Vec::new(),
        }
    }

    /// A job that takes `seconds` and then answers `answer`.
    fn job(&mut self, seconds: f64, answer: Result<u32, &str>) -> Job {
        let (trace, started) = (Trace::default(), Started::default());
        self.watched
            .push((seconds, answer.is_err(), trace.clone(), started.clone()));
        let probe = trace.probe();
        let answer = answer.map_err(|message| JobError(message.to_string()));
        async move {
            *started.lock().unwrap_or_else(PoisonError::into_inner) = Some(Instant::now());
            sleep(secs(seconds)).await;
            probe.finish();
            answer
        }
        .boxed()
    }

    fn trace(&self, index: usize) -> &Trace {
        &self.watched[index].2
    }

    /// Each job from when it first ran until it finished or was dropped, above the jobs
    /// all at once, the rest aborted the moment the first one fails.
    fn picture(&self) -> Picture {
        let since = |at: Instant| at.saturating_duration_since(self.origin);
        let label = |seconds: f64, fails: bool| {
            format!("{seconds} s job{}", if fails { " (fails)" } else { "" })
        };
        let now = Instant::now();
        let seen = self
            .watched
            .iter()
            .map(|(seconds, fails, trace, started)| {
                let (finished_at, dropped_at) = trace.times();
                let start = *started.lock().unwrap_or_else(PoisonError::into_inner);
                let end = finished_at.or(dropped_at).unwrap_or(now);
                Span {
                    label: label(*seconds, *fails),
                    start: since(start.unwrap_or(end)),
                    end: since(end),
                    cancelled: finished_at.is_none(),
                }
            })
            .collect();
        let failure = self
            .watched
            .iter()
            .filter(|(_, fails, ..)| *fails)
            .map(|(seconds, ..)| *seconds)
            .fold(f64::INFINITY, f64::min);
        let expected = self
            .watched
            .iter()
            .map(|(seconds, fails, ..)| Span {
                cancelled: *seconds > failure,
                ..span(label(*seconds, *fails), 0.0, seconds.min(failure))
            })
            .collect();
        Picture::new()
            .spans("your run: the jobs as the grader's probes saw them", seen)
            .spans(
                "expected: all at once, the rest aborted at the first failure",
                expected,
            )
    }
}

#[test]
fn all_jobs_run_at_the_same_time() {
    on_paused_clock(|| async {
        let mut watched = Jobs::new();
        let jobs = vec![
            watched.job(1.0, Ok(10)),
            watched.job(2.0, Ok(20)),
            watched.job(3.0, Ok(30)),
        ];
        let (result, took) = timed(all_or_nothing(jobs)).await;
        require(result == Ok(vec![10, 20, 30]), || {
            format!(
                "all_or_nothing of three jobs answering Ok(10), Ok(20), Ok(30) returned \
                 {result:?}; expected Ok([10, 20, 30])."
            )
        });
        require_seen(
            !about(took, secs(6.0)),
            || watched.picture(),
            || {
                "all_or_nothing of jobs taking 1, 2 and 3 s took 6.00 s of virtual time: they \
             ran one after another. Spawn them all first; together they take 3.00 s."
                    .to_string()
            },
        );
        require_seen(
            about(took, secs(3.0)),
            || watched.picture(),
            || {
                format!(
                    "all_or_nothing of jobs taking 1, 2 and 3 s took {} of virtual time; all at \
                 once they take 3.00 s, as long as the slowest.",
                    format_secs(took)
                )
            },
        );
    });
}

#[test]
fn the_values_come_back_in_the_order_of_the_jobs() {
    on_paused_clock(|| async {
        let mut watched = Jobs::new();
        let jobs = vec![
            watched.job(3.0, Ok(1)),
            watched.job(1.0, Ok(2)),
            watched.job(2.0, Ok(3)),
        ];
        let result = all_or_nothing(jobs).await;
        require(result == Ok(vec![1, 2, 3]), || {
            format!(
                "jobs taking 3, 1 and 2 s and answering 1, 2 and 3 gave {result:?}; expected \
                 Ok([1, 2, 3]), in the order of the jobs.{}",
                if result == Ok(vec![2, 3, 1]) {
                    " You returned them in the order they finished, which is what join_next \
                     gives: let each task return its position along with its value."
                } else {
                    ""
                }
            )
        });
    });
}

#[test]
fn the_first_error_is_returned_the_moment_it_happens() {
    on_paused_clock(|| async {
        let mut watched = Jobs::new();
        let jobs = vec![
            watched.job(5.0, Ok(1)),
            watched.job(1.0, Ok(2)),
            watched.job(2.0, Err("disk full")),
        ];
        let (result, took) = timed(all_or_nothing(jobs)).await;
        require(result == Err(JobError("disk full".to_string())), || {
            format!(
                "jobs taking 5 s (ok), 1 s (ok) and 2 s (failing with \"disk full\") gave \
                 {result:?}; expected Err(JobError(\"disk full\"))."
            )
        });
        require_seen(
            about(took, secs(2.0)),
            || watched.picture(),
            || {
                format!(
                    "a job failed at 2.00 s, but all_or_nothing returned after {} of virtual \
                 time. Return the error as soon as it comes in{}.",
                    format_secs(took),
                    if took > secs(2.0) {
                        "; don't wait for the slower jobs (nor await them in their order)"
                    } else {
                        ""
                    }
                )
            },
        );

        let mut watched = Jobs::new();
        let jobs = vec![
            watched.job(3.0, Err("late")),
            watched.job(1.0, Err("early")),
        ];
        let (result, took) = timed(all_or_nothing(jobs)).await;
        require_seen(
            result == Err(JobError("early".to_string())) && about(took, secs(1.0)),
            || watched.picture(),
            || {
                format!(
                    "jobs failing with \"late\" after 3 s and \"early\" after 1 s gave \
                     {result:?} after {}; expected the first failure in time, \
                     Err(JobError(\"early\")), after 1.00 s.",
                    format_secs(took)
                )
            },
        );
    });
}

#[test]
fn the_jobs_still_running_are_aborted_when_one_fails() {
    on_paused_clock(|| async {
        let mut watched = Jobs::new();
        let jobs = vec![
            watched.job(5.0, Ok(1)),
            watched.job(1.0, Ok(2)),
            watched.job(2.0, Err("disk full")),
            watched.job(4.0, Ok(3)),
        ];
        let slow = [watched.trace(0), watched.trace(3)];
        let started = Instant::now();
        let _ = all_or_nothing(jobs).await;

        // Like TaskGroup, the group must not return while a task it cancelled still exists.
        for (seconds, trace) in [5.0, 4.0].into_iter().zip(slow) {
            let (_, dropped_at) = trace.times();
            require_seen(
                dropped_at.is_some(),
                || watched.picture(),
                || {
                    format!(
                        "all_or_nothing returned while the {seconds} s job it should have \
                     cancelled still existed. Aborting only asks: the task is dropped later, \
                     the next time the runtime gets to it (and dropping a JoinSet does not \
                     wait either). TaskGroup waits until the cancelled tasks are gone; do \
                     the same with `shutdown().await`, or keep calling `join_next` until \
                     the set is empty."
                    )
                },
            );
        }

        // Give any job left running every chance to finish.
        sleep(secs(10.0)).await;

        for (seconds, trace) in [5.0, 4.0].into_iter().zip(slow) {
            let (finished_at, dropped_at) = trace.times();
            require_seen(
                finished_at.is_none(),
                || watched.picture(),
                || {
                    format!(
                        "another job failed at 2.00 s, yet the {seconds} s job ran on to its end \
                     at {}. On the first failure the group must abort the jobs still \
                     running: a JoinSet does so when it is dropped (a plain tokio::spawn task \
                     keeps running when its JoinHandle is dropped).",
                        format_secs(finished_at.map_or(secs(seconds), |at| at - started))
                    )
                },
            );
            let dropped_after = dropped_at.map(|at| at - started);
            require_seen(
                dropped_after.is_some_and(|at| about(at, secs(2.0))),
                || watched.picture(),
                || match dropped_after {
                    None => format!(
                        "another job failed at 2.00 s, and the {seconds} s job was never \
                         dropped: it was not aborted."
                    ),
                    Some(at) => format!(
                        "the {seconds} s job was aborted at {}; another job failed at 2.00 s, \
                         and that is when the rest must be aborted.",
                        format_secs(at)
                    ),
                },
            );
        }
    });
}

#[test]
fn an_empty_group_succeeds_at_once() {
    on_paused_clock(|| async {
        let (result, took) = timed(all_or_nothing(Vec::new())).await;
        let seen = || timed_call("all_or_nothing of no jobs", took, secs(0.0));
        require_seen(result == Ok(Vec::new()) && took.is_zero(), seen, || {
            format!(
                "all_or_nothing of no jobs returned {result:?} after {}; expected Ok([]) \
                 at once.",
                format_secs(took)
            )
        });
    });
}
