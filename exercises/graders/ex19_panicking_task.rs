//! Grader for exercise 19 — survive a panicking task. Used unchanged by `solutions/`.
//!
//! Some of the grader's jobs panic on purpose (their messages may show up in the test
//! output; that is expected). Every job notes when it reached its end, so the grader
//! sees whether a panic cut the others short.

use crate::ex19_panicking_task::{Outcome, panic_text, run_surviving_panics};
use futures::FutureExt;
use futures::future::BoxFuture;
use harness::grade::{about, on_paused_clock, panic_message, require, require_seen, secs, timed};
use harness::picture::{Picture, span, timed_call};
use harness::{Span, format_secs};
use std::panic::AssertUnwindSafe;
use std::sync::{Arc, Mutex, PoisonError};
use tokio::time::{Instant, sleep};

/// What a job does after its wait.
#[derive(Debug, Clone, Copy)]
enum Plan {
    /// Gives this value.
    Give(&'static str),
    /// `panic!("literal")`: a `&'static str` payload.
    PanicLiteral(&'static str),
    /// `panic!("job {n} …")`: a `String` payload.
    PanicFormatted(u32),
}

/// Per job: when it first ran, when it reached its end (gave its value, or panicked),
/// and when it was dropped.
type Times = Arc<Mutex<Vec<(Option<Instant>, Option<Instant>, Option<Instant>)>>>;

/// Travels inside a job and notes when the job is dropped.
struct NoteDrop(Times, usize);

impl Drop for NoteDrop {
    fn drop(&mut self) {
        self.0.lock().unwrap_or_else(PoisonError::into_inner)[self.1].2 = Some(Instant::now());
    }
}

/// The jobs handed to one call, as they noted when they ran.
struct Watched {
    origin: Instant,
    plan: Vec<(f64, Plan)>,
    times: Times,
}

impl Watched {
    /// When each job reached its end.
    fn ends(&self) -> Vec<Option<Instant>> {
        let times = self.times.lock().unwrap_or_else(PoisonError::into_inner);
        times.iter().map(|(_, end, _)| *end).collect()
    }

    /// Each job from when it first ran until it reached its end (cut off where it was
    /// dropped if it never did), above the jobs all at once.
    fn picture(&self) -> Picture {
        let since = |at: Instant| at.saturating_duration_since(self.origin);
        let label = |seconds: f64, plan: Plan| match plan {
            Plan::Give(_) => format!("{seconds} s job"),
            Plan::PanicLiteral(_) | Plan::PanicFormatted(_) => format!("{seconds} s job (panics)"),
        };
        let now = Instant::now();
        let times = self.times.lock().unwrap_or_else(PoisonError::into_inner);
        let seen = self
            .plan
            .iter()
            .zip(times.iter())
            .map(|(&(seconds, plan), &(start, end, dropped))| Span {
                label: label(seconds, plan),
                start: since(start.or(end).or(dropped).unwrap_or(now)),
                end: since(end.or(dropped).unwrap_or(now)),
                cancelled: end.is_none(),
            })
            .collect();
        let expected = self
            .plan
            .iter()
            .map(|&(seconds, plan)| span(label(seconds, plan), 0.0, seconds))
            .collect();
        Picture::new()
            .spans("your run: the jobs as they noted when they ran", seen)
            .spans("expected: all at once, each to its end", expected)
    }
}

fn jobs(plan: &[(f64, Plan)]) -> (Vec<BoxFuture<'static, String>>, Watched) {
    let times: Times = Arc::new(Mutex::new(vec![(None, None, None); plan.len()]));
    let jobs = plan
        .iter()
        .enumerate()
        .map(|(index, &(seconds, plan))| {
            let times = times.clone();
            async move {
                let _noted = NoteDrop(times.clone(), index);
                times.lock().unwrap_or_else(PoisonError::into_inner)[index].0 =
                    Some(Instant::now());
                sleep(secs(seconds)).await;
                times.lock().unwrap_or_else(PoisonError::into_inner)[index].1 =
                    Some(Instant::now());
                match plan {
                    Plan::Give(value) => value.to_string(),
                    Plan::PanicLiteral(message) => std::panic::panic_any(message),
                    Plan::PanicFormatted(n) => panic!("job {n} ran out of disk"),
                }
            }
            .boxed()
        })
        .collect();
    let watched = Watched {
        origin: Instant::now(),
        plan: plan.to_vec(),
        times,
    };
    (jobs, watched)
}

/// Runs the learner's function, turning a panic that escapes it into a verdict.
async fn run(jobs: Vec<BoxFuture<'static, String>>, described: &str) -> Vec<Outcome> {
    match AssertUnwindSafe(run_surviving_panics(jobs))
        .catch_unwind()
        .await
    {
        Ok(outcomes) => outcomes,
        Err(payload) => {
            let message = panic_message(payload.as_ref());
            if message.starts_with("not yet implemented") {
                std::panic::resume_unwind(payload);
            }
            require(false, || {
                format!(
                    "run_surviving_panics of {described} panicked itself, with {message:?}: a \
                     job's panic escaped. Run each job as a task (tokio::spawn) — its panic \
                     then stays inside the task and the JoinHandle gives Err(JoinError) — and \
                     don't unwrap that result: turn it into Outcome::Panicked."
                )
            });
            unreachable!("require(false, …) always fails")
        }
    }
}

fn finished(value: &str) -> Outcome {
    Outcome::Finished(value.to_string())
}

fn panicked(message: &str) -> Outcome {
    Outcome::Panicked(message.to_string())
}

#[test]
fn panic_text_reads_the_message_of_a_panic() {
    on_paused_clock(|| async {
        let cases: [(Box<dyn std::any::Any + Send>, &str, &str); 3] = [
            (Box::new("out of memory"), "a &'static str", "out of memory"),
            (
                Box::new(String::from("job 7 failed")),
                "a String",
                "job 7 failed",
            ),
            (Box::new(42_u32), "a u32", "(no message)"),
        ];
        for (payload, holding, expected) in cases {
            let text = panic_text(payload);
            require(text == expected, || {
                format!(
                    "panic_text of a payload holding {holding} returned {text:?}; expected \
                     {expected:?}. `payload.downcast::<String>()` gives the String back, or \
                     the box again to try the next type."
                )
            });
        }
    });
}

#[test]
fn every_job_runs_at_the_same_time_and_keeps_its_place() {
    on_paused_clock(|| async {
        let (work, watched) = jobs(&[
            (3.0, Plan::Give("a")),
            (1.0, Plan::Give("b")),
            (2.0, Plan::Give("c")),
        ]);
        let described = "jobs giving \"a\", \"b\" and \"c\" after 3, 1 and 2 s";
        let (outcomes, took) = timed(run(work, described)).await;
        let expected = vec![finished("a"), finished("b"), finished("c")];
        require(outcomes == expected, || {
            format!(
                "run_surviving_panics of {described} returned {outcomes:?}; expected \
                 {expected:?}, in the order of the jobs{}.",
                if outcomes == [finished("b"), finished("c"), finished("a")] {
                    " — you listed them in the order they finished"
                } else {
                    ""
                }
            )
        });
        require_seen(
            !about(took, secs(6.0)),
            || watched.picture(),
            || {
                format!(
                    "run_surviving_panics of {described} took 6.00 s of virtual time: the jobs ran \
                 one after another (awaiting each JoinHandle before spawning the next?). Spawn \
                 them all first: 3.00 s."
                )
            },
        );
        require_seen(
            about(took, secs(3.0)),
            || watched.picture(),
            || {
                format!(
                    "run_surviving_panics of {described} took {} of virtual time; all at once they \
                 take 3.00 s, as long as the slowest.",
                    format_secs(took)
                )
            },
        );
    });
}

#[test]
fn a_panicking_job_becomes_a_panicked_outcome() {
    on_paused_clock(|| async {
        let (work, _) = jobs(&[
            (2.0, Plan::Give("report")),
            (1.0, Plan::PanicLiteral("disk on fire")),
            (3.0, Plan::Give("backup")),
            (0.5, Plan::PanicFormatted(4)),
        ]);
        let described = "four jobs, the second panicking with \"disk on fire\" at 1 s and the \
                         fourth with \"job 4 ran out of disk\" at 0.5 s";
        let outcomes = run(work, described).await;
        let expected = vec![
            finished("report"),
            panicked("disk on fire"),
            finished("backup"),
            panicked("job 4 ran out of disk"),
        ];
        require(outcomes == expected, || {
            format!(
                "run_surviving_panics of {described} returned {outcomes:?}; expected \
                 {expected:?}: each job's outcome in its place, a panic as \
                 Outcome::Panicked with the panic's message (JoinError::into_panic, then \
                 panic_text)."
            )
        });
    });
}

#[test]
fn a_panic_cuts_no_other_job_short() {
    on_paused_clock(|| async {
        let plan = [
            (1.0, Plan::PanicLiteral("boom")),
            (4.0, Plan::Give("slow")),
            (2.5, Plan::Give("medium")),
        ];
        let (work, watched) = jobs(&plan);
        let described = "a job panicking at 1 s beside jobs taking 4 and 2.5 s";
        let started = Instant::now();
        let (outcomes, took) = timed(run(work, described)).await;
        // Anything left running gets every chance to show itself.
        sleep(secs(10.0)).await;
        let ends = watched.ends();
        for (index, &(seconds, _)) in plan.iter().enumerate().skip(1) {
            let ended = ends[index].map(|at| at - started);
            require_seen(
                ended.is_some_and(|at| about(at, secs(seconds))),
                || watched.picture(),
                || match ended {
                    None => format!(
                        "with {described}, the {seconds} s job never reached its end: the \
                         panic at 1 s took it down. A panic must stay inside its own task."
                    ),
                    Some(at) => format!(
                        "with {described}, the {seconds} s job ended at {}; started with the \
                         others at 0 s it ends at {}.",
                        format_secs(at),
                        format_secs(secs(seconds))
                    ),
                },
            );
        }
        let expected = vec![panicked("boom"), finished("slow"), finished("medium")];
        require(outcomes == expected, || {
            format!(
                "run_surviving_panics of {described} returned {outcomes:?}; expected {expected:?}."
            )
        });
        require_seen(
            about(took, secs(4.0)),
            || watched.picture(),
            || {
                format!(
                    "run_surviving_panics of {described} returned after {} of virtual time; it \
                 returns when the last job is done, at 4.00 s.",
                    format_secs(took)
                )
            },
        );
    });
}

#[test]
fn no_jobs_means_no_outcomes() {
    on_paused_clock(|| async {
        let (outcomes, took) = timed(run(Vec::new(), "no jobs")).await;
        let seen = || timed_call("run_surviving_panics of no jobs", took, secs(0.0));
        require_seen(outcomes.is_empty() && took.is_zero(), seen, || {
            format!(
                "run_surviving_panics of no jobs returned {outcomes:?} after {}; expected [] at \
                 once.",
                format_secs(took)
            )
        });
    });
}
