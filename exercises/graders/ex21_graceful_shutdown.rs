//! Grader for exercise 21 — graceful shutdown with a CancellationToken. Used unchanged
//! by `solutions/`.
//!
//! The printer logs when each job started and whether its page came out or was torn
//! (dropped halfway). The grader's own producer notes which jobs the inbox accepted, so
//! it can check that every accepted job was printed or handed back — none lost, none
//! twice.

use crate::ex21_graceful_shutdown::{Job, Printer, Stopped, print_server};
use harness::format_secs;
use harness::grade::{about, on_paused_clock, require, require_seen, secs, timed};
use harness::picture::timed_call;
use std::time::Duration;
use tokio::sync::mpsc;
use tokio::task::JoinHandle;
use tokio::time::{Instant, sleep, timeout};
use tokio_util::sync::CancellationToken;

fn job(id: u32, seconds: f64) -> Job {
    Job {
        id,
        takes: secs(seconds),
    }
}

fn ids(jobs: &[Job]) -> Vec<u32> {
    jobs.iter().map(|job| job.id).collect()
}

/// Awaits the server, failing clearly if it does not stop within `patience` after
/// `shutdown_at` (or at all).
async fn stopped(server: JoinHandle<Stopped>, patience: Duration, what: &str) -> Stopped {
    match timeout(patience, server).await {
        Ok(Ok(stopped)) => stopped,
        Ok(Err(error)) => std::panic::resume_unwind(error.into_panic()),
        Err(_) => {
            require(false, || {
                format!(
                    "{what}, and {} later print_server was still running. Wait for the token \
                     and the next job at the same time — `tokio::select!` over \
                     `shutdown.cancelled()` and `inbox.recv()` — and stop when the token \
                     wins.",
                    format_secs(patience)
                )
            });
            unreachable!("require(false, …) always fails")
        }
    }
}

#[test]
fn the_server_prints_every_job_in_turn_until_the_inbox_closes() {
    on_paused_clock(|| async {
        let printer = Printer::new();
        let (sender, inbox) = mpsc::channel(10);
        let jobs = [job(1, 1.0), job(2, 0.5), job(3, 2.0), job(4, 1.5)];
        for job in jobs {
            sender.send(job).await.expect("the inbox is open");
        }
        drop(sender);
        let server = print_server(CancellationToken::new(), inbox, printer.clone());
        let (stopped, took) = timed(server).await;
        require(
            stopped.printed == [1, 2, 3, 4] && stopped.handed_back.is_empty(),
            || {
                format!(
                    "print_server given jobs 1 to 4 and a closed inbox, never shut down, \
                     printed {:?} and handed back {:?}; expected all four printed, in \
                     order, and nothing handed back.",
                    stopped.printed,
                    ids(&stopped.handed_back)
                )
            },
        );
        let log = printer.log();
        let overlapping = log.windows(2).any(|pair| {
            pair[0]
                .ended
                .is_none_or(|(ended, _)| pair[1].started < ended)
        });
        require(!overlapping, || {
            "print_server started a job before the one before it was done: a printer prints \
             one page at a time. Await each print before taking the next job."
                .to_string()
        });
        require_seen(
            about(took, secs(5.0)),
            || timed_call("print_server", took, secs(5.0)),
            || {
                format!(
                    "print_server took {} of virtual time to print jobs of 1, 0.5, 2 and 1.5 s; \
                 one after another that is 5.00 s, and it stops as soon as the closed inbox \
                 is empty.",
                    format_secs(took)
                )
            },
        );
    });
}

/// Fails if the printer tore a page (a job dropped halfway) or started a job after
/// `shutdown_at`.
fn require_graceful(what: &str, printer: &Printer, started: Instant, shutdown_at: f64) {
    let log = printer.log();
    if let Some(torn) = log
        .iter()
        .find(|printing| printing.ended.is_some_and(|(_, ok)| !ok))
    {
        let at = torn.ended.map_or(Duration::ZERO, |(at, _)| at - started);
        require(false, || {
            format!(
                "{what}: job {} was torn out of the printer at {}, halfway through. A \
                 graceful shutdown finishes the job in hand: look at the token only while \
                 waiting for the next job, never around the printing.",
                torn.id,
                format_secs(at)
            )
        });
    }
    if let Some(late) = log
        .iter()
        .find(|printing| printing.started - started > secs(shutdown_at))
    {
        let at = late.started - started;
        require(false, || {
            format!(
                "{what}, yet job {} was started at {}. After the token is cancelled, start \
                 nothing new{}.",
                late.id,
                format_secs(at),
                if about(at, secs(shutdown_at.ceil())) {
                    ": when both the token and the next job are ready, `tokio::select!` \
                     picks one at random unless you write `biased;` and put the token first"
                } else {
                    ""
                }
            )
        });
    }
}

#[test]
fn on_shutdown_the_job_in_hand_is_finished_and_no_new_one_started() {
    on_paused_clock(|| async {
        // Several rounds: at 3 s the token and the next job are both ready, and an
        // unbiased select! would pick between them at random.
        for round in 1..=10 {
            let printer = Printer::new();
            let (sender, inbox) = mpsc::channel(10);
            for id in 1..=10 {
                sender.send(job(id, 1.0)).await.expect("the inbox is open");
            }
            let shutdown = CancellationToken::new();
            let started = Instant::now();
            let server = tokio::spawn(print_server(shutdown.clone(), inbox, printer.clone()));
            sleep(secs(2.5)).await;
            shutdown.cancel();
            let what = format!(
                "ten 1 s jobs were queued and shutdown was requested at 2.50 s (round {round} \
                 of 10)"
            );
            let stopped = stopped(server, secs(30.0), &what).await;
            let took = started.elapsed();
            drop(sender);
            require_graceful(&what, &printer, started, 2.5);
            require(stopped.printed == [1, 2, 3], || {
                format!(
                    "{what}; print_server printed {:?}; expected [1, 2, 3]: jobs 1 and 2, and \
                     job 3, which was in hand at 2.50 s.",
                    stopped.printed
                )
            });
            let want: Vec<u32> = (4..=10).collect();
            require(ids(&stopped.handed_back) == want, || {
                format!(
                    "{what}; print_server handed back {:?}; expected {want:?}: every job \
                     still waiting in the inbox, in order.",
                    ids(&stopped.handed_back)
                )
            });
            require_seen(
                about(took, secs(3.0)),
                || timed_call("print_server", took, secs(3.0)),
                || {
                    format!(
                        "{what}; print_server stopped at {}; it should stop at 3.00 s, as soon \
                     as job 3 is done.",
                        format_secs(took)
                    )
                },
            );
        }
    });
}

#[test]
fn every_accepted_job_is_printed_or_handed_back() {
    on_paused_clock(|| async {
        let printer = Printer::new();
        let (sender, inbox) = mpsc::channel(3);
        let shutdown = CancellationToken::new();
        // The grader's producer offers ten 1 s jobs as fast as the inbox takes them, and
        // notes which ones it accepted.
        let producer = tokio::spawn(async move {
            let mut accepted = Vec::new();
            for id in 1..=10 {
                if sender.send(job(id, 1.0)).await.is_err() {
                    break;
                }
                accepted.push(id);
            }
            accepted
        });
        let started = Instant::now();
        let server = tokio::spawn(print_server(shutdown.clone(), inbox, printer.clone()));
        sleep(secs(2.5)).await;
        shutdown.cancel();
        let what = "with an inbox of 3 kept full and shutdown requested at 2.50 s";
        let stopped = stopped(server, secs(30.0), what).await;
        let accepted = match timeout(secs(30.0), producer).await {
            Ok(Ok(accepted)) => accepted,
            _ => {
                require(false, || {
                    format!(
                        "{what}, the grader's producer was still stuck sending 30 s after \
                         print_server returned: the inbox was neither closed nor dropped."
                    )
                });
                unreachable!("require(false, …) always fails")
            }
        };

        require_graceful(what, &printer, started, 2.5);
        let handed_back = ids(&stopped.handed_back);
        let mut accounted: Vec<u32> = stopped
            .printed
            .iter()
            .copied()
            .chain(handed_back.clone())
            .collect();
        accounted.sort_unstable();
        if let Some(twice) = accounted.windows(2).find(|pair| pair[0] == pair[1]) {
            require(false, || {
                format!(
                    "{what}, job {} was both printed and handed back (printed {:?}, handed \
                     back {handed_back:?}): it would be printed twice.",
                    twice[0], stopped.printed
                )
            });
        }
        let lost: Vec<u32> = accepted
            .iter()
            .copied()
            .filter(|id| !accounted.contains(id))
            .collect();
        require(lost.is_empty(), || {
            format!(
                "{what}, the inbox accepted jobs {accepted:?} (their `send` succeeded), but \
                 job(s) {lost:?} were neither printed nor handed back: lost. Close the inbox \
                 (`inbox.close()`) before emptying it, so no job can slip in while you do — \
                 and empty it completely."
            )
        });
        require(accounted.iter().all(|id| accepted.contains(id)), || {
            format!(
                "{what}, print_server reported jobs {accounted:?}, but the inbox only ever \
                 accepted {accepted:?}."
            )
        });
        let mut in_order = handed_back.clone();
        in_order.sort_unstable();
        require(
            handed_back == in_order && stopped.printed == [1, 2, 3],
            || {
                format!(
                    "{what}, print_server printed {:?} and handed back {handed_back:?}; expected \
                     [1, 2, 3] printed, and the jobs waiting in the inbox handed back in the order \
                     they came.",
                    stopped.printed
                )
            },
        );
    });
}

#[test]
fn a_shutdown_while_waiting_for_work_stops_at_once() {
    on_paused_clock(|| async {
        let printer = Printer::new();
        let (sender, inbox) = mpsc::channel::<Job>(10);
        let shutdown = CancellationToken::new();
        let started = Instant::now();
        let server = tokio::spawn(print_server(shutdown.clone(), inbox, printer.clone()));
        sleep(secs(1.0)).await;
        shutdown.cancel();
        let what = "print_server was idle, its inbox empty but open, when shutdown was \
                    requested at 1.00 s";
        let stopped = stopped(server, secs(30.0), what).await;
        let took = started.elapsed();
        require_seen(
            about(took, secs(1.0)),
            || timed_call("print_server", took, secs(1.0)),
            || {
                format!(
                    "{what}; it stopped at {}, but should stop at once: there is no job in hand.",
                    format_secs(took)
                )
            },
        );
        require(
            stopped.printed.is_empty() && stopped.handed_back.is_empty(),
            || format!("{what}; it returned {stopped:?}, but it had no jobs at all."),
        );
        drop(sender);
    });
}
