//! Grader for exercise 9 — all or nothing: a task group that aborts the rest. Used
//! unchanged by `solutions/`.
//!
//! Every job carries a probe that notes when the job was dropped (aborted) and whether it
//! ran to its end, so a job left running after the group returned is caught.

use crate::ex09_task_group::{JobError, all_or_nothing};
use futures::FutureExt;
use futures::future::BoxFuture;
use harness::format_secs;
use harness::grade::{Trace, about, on_paused_clock, require, secs, timed};
use tokio::time::{Instant, sleep};

type Job = BoxFuture<'static, Result<u32, JobError>>;

/// A job that takes `seconds` and then answers `answer`, watched by `trace`.
fn job(seconds: f64, answer: Result<u32, &str>, trace: &Trace) -> Job {
    let probe = trace.probe();
    let answer = answer.map_err(|message| JobError(message.to_string()));
    async move {
        sleep(secs(seconds)).await;
        probe.finish();
        answer
    }
    .boxed()
}

/// A job nobody watches.
fn plain(seconds: f64, answer: Result<u32, &str>) -> Job {
    job(seconds, answer, &Trace::default())
}

#[test]
fn all_jobs_run_at_the_same_time() {
    on_paused_clock(|| async {
        let jobs = vec![plain(1.0, Ok(10)), plain(2.0, Ok(20)), plain(3.0, Ok(30))];
        let (result, took) = timed(all_or_nothing(jobs)).await;
        require(result == Ok(vec![10, 20, 30]), || {
            format!(
                "all_or_nothing of three jobs answering Ok(10), Ok(20), Ok(30) returned \
                 {result:?}; expected Ok([10, 20, 30])."
            )
        });
        require(!about(took, secs(6.0)), || {
            "all_or_nothing of jobs taking 1, 2 and 3 s took 6.00 s of virtual time: they \
             ran one after another. Spawn them all first; together they take 3.00 s."
                .to_string()
        });
        require(about(took, secs(3.0)), || {
            format!(
                "all_or_nothing of jobs taking 1, 2 and 3 s took {} of virtual time; all at \
                 once they take 3.00 s, as long as the slowest.",
                format_secs(took)
            )
        });
    });
}

#[test]
fn the_values_come_back_in_the_order_of_the_jobs() {
    on_paused_clock(|| async {
        let jobs = vec![plain(3.0, Ok(1)), plain(1.0, Ok(2)), plain(2.0, Ok(3))];
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
        let jobs = vec![
            plain(5.0, Ok(1)),
            plain(1.0, Ok(2)),
            plain(2.0, Err("disk full")),
        ];
        let (result, took) = timed(all_or_nothing(jobs)).await;
        require(result == Err(JobError("disk full".to_string())), || {
            format!(
                "jobs taking 5 s (ok), 1 s (ok) and 2 s (failing with \"disk full\") gave \
                 {result:?}; expected Err(JobError(\"disk full\"))."
            )
        });
        require(about(took, secs(2.0)), || {
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
        });

        let jobs = vec![plain(3.0, Err("late")), plain(1.0, Err("early"))];
        let (result, took) = timed(all_or_nothing(jobs)).await;
        require(
            result == Err(JobError("early".to_string())) && about(took, secs(1.0)),
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
        let slow = [Trace::default(), Trace::default()];
        let jobs = vec![
            job(5.0, Ok(1), &slow[0]),
            plain(1.0, Ok(2)),
            plain(2.0, Err("disk full")),
            job(4.0, Ok(3), &slow[1]),
        ];
        let started = Instant::now();
        let _ = all_or_nothing(jobs).await;

        // Like TaskGroup, the group must not return while a task it cancelled still exists.
        for (seconds, trace) in [5.0, 4.0].into_iter().zip(&slow) {
            let (_, dropped_at) = trace.times();
            require(dropped_at.is_some(), || {
                format!(
                    "all_or_nothing returned while the {seconds} s job it should have \
                     cancelled still existed. Aborting only asks: the task is dropped later, \
                     the next time the runtime gets to it (and dropping a JoinSet does not \
                     wait either). TaskGroup waits until the cancelled tasks are gone; do \
                     the same with `shutdown().await`, or keep calling `join_next` until \
                     the set is empty."
                )
            });
        }

        // Give any job left running every chance to finish.
        sleep(secs(10.0)).await;

        for (seconds, trace) in [5.0, 4.0].into_iter().zip(&slow) {
            let (finished_at, dropped_at) = trace.times();
            require(finished_at.is_none(), || {
                format!(
                    "another job failed at 2.00 s, yet the {seconds} s job ran on to its end \
                     at {}. On the first failure the group must abort the jobs still \
                     running: a JoinSet does so when it is dropped (a plain tokio::spawn task \
                     keeps running when its JoinHandle is dropped).",
                    format_secs(finished_at.map_or(secs(seconds), |at| at - started))
                )
            });
            let dropped_after = dropped_at.map(|at| at - started);
            require(
                dropped_after.is_some_and(|at| about(at, secs(2.0))),
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
        require(result == Ok(Vec::new()) && took.is_zero(), || {
            format!(
                "all_or_nothing of no jobs returned {result:?} after {}; expected Ok([]) \
                 at once.",
                format_secs(took)
            )
        });
    });
}
