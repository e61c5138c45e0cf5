//! Grader for exercise 3 — spawn tasks, do other work, then collect them. Used unchanged
//! by `solutions/`.
//!
//! Every check runs on tokio's paused clock. The grader looks at the shared log at chosen
//! moments, so it sees *when* each report started and finished, not only what came back.
//! A failing check draws the reports as the log showed them, above the expected shape.

use crate::ex03_spawn::{Log, reports_while_tidying, start_reports};
use harness::grade::{about, on_paused_clock, require, require_seen, secs, timed};
use harness::picture::{Picture, span};
use harness::{Span, format_secs};
use std::future::Future;
use std::time::Duration;
use tokio::time::{Instant, sleep};

fn entries(log: &Log) -> Vec<String> {
    log.lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .clone()
}

/// Runs `work` while noting, every millisecond of virtual time, when entries appear in the log;
/// returns what `work` gave and the picture of the run: each report from its "start" to
/// its "done" entry (the desk tidied in the second before its entry), above `expected`:
/// `(name, start, end)` in seconds.
async fn watched<F: Future>(
    log: &Log,
    expected: &[(&str, f64, f64)],
    work: F,
) -> (F::Output, Picture) {
    let origin = Instant::now();
    let mut seen: Vec<(String, Duration)> = Vec::new();
    let look = |seen: &mut Vec<(String, Duration)>| {
        let new: Vec<String> = entries(log).into_iter().skip(seen.len()).collect();
        seen.extend(new.into_iter().map(|entry| (entry, origin.elapsed())));
    };
    tokio::pin!(work);
    let output = loop {
        tokio::select! {
            biased;
            output = &mut work => break output,
            () = sleep(Duration::from_millis(1)) => look(&mut seen),
        }
    };
    look(&mut seen);
    let done = |name: &str| {
        seen.iter()
            .find(|(entry, _)| *entry == format!("done {name}"))
    };
    let mut spans: Vec<Span> = seen
        .iter()
        .filter_map(|(entry, at)| {
            let name = entry.strip_prefix("start ")?;
            let end = done(name).map(|(_, end)| *end);
            Some(Span {
                label: name.to_string(),
                start: *at,
                end: end.unwrap_or(origin.elapsed()),
                cancelled: end.is_none(),
            })
        })
        .collect();
    if let Some((_, at)) = seen.iter().find(|(entry, _)| entry == "desk tidied") {
        spans.push(Span {
            label: "tidy desk".to_string(),
            start: at.saturating_sub(secs(1.0)),
            end: *at,
            cancelled: false,
        });
    }
    let expected = expected
        .iter()
        .map(|&(name, start, end)| span(name, start, end))
        .collect();
    let picture = Picture::new()
        .spans("your run: the reports as the log showed them", spans)
        .spans("expected", expected);
    (output, picture)
}

#[test]
fn start_reports_starts_the_reports_without_anyone_awaiting_them() {
    on_paused_clock(|| async {
        let log = Log::default();
        let handles = start_reports(&log, &[("a", 1), ("b", 2)]);
        require(handles.len() == 2, || {
            format!(
                "start_reports got two jobs and returned {} handles; it should return one \
                 JoinHandle per job.",
                handles.len()
            )
        });

        // Nobody touches the handles for 1.5 s: spawned tasks run on their own meanwhile.
        let expected = [("a", 0.0, 1.0), ("b", 0.0, 2.0)];
        let ((), picture) = watched(&log, &expected, sleep(secs(1.5))).await;
        let seen = entries(&log);
        require_seen(
            !seen.is_empty(),
            || picture.clone(),
            || {
                "1.50 s after start_reports returned, while nobody awaited the handles, the log \
             is still empty: the reports had not even started. Spawn them with \
             `tokio::spawn`, which starts a task at once like asyncio.create_task."
                    .to_string()
            },
        );
        let position = |wanted: &str| seen.iter().position(|entry| entry == wanted);
        let b_started_with_a = match (position("start b"), position("done a")) {
            (Some(b_started), Some(a_done)) => b_started < a_done,
            (started, _) => started.is_some(),
        };
        require_seen(
            b_started_with_a,
            || picture.clone(),
            || {
                format!(
                    "1.50 s after start_reports(\"a\" 1 s, \"b\" 2 s) the log holds {seen:?}: \
                 report \"b\" did not start until \"a\" was done. The reports ran one after \
                 another; each job needs a task of its own, all spawned at once."
                )
            },
        );
        let expected = ["start a", "start b", "done a"];
        require_seen(
            seen == expected,
            || picture.clone(),
            || {
                format!(
                    "1.50 s after start_reports(\"a\" 1 s, \"b\" 2 s) the log holds {seen:?}; \
                 expected {expected:?}: both reports started at once and \"a\" is already done, \
                 with nobody awaiting the handles."
                )
            },
        );
    });
}

#[test]
fn the_handles_give_the_reports_in_the_order_of_the_jobs() {
    on_paused_clock(|| async {
        let log = Log::default();
        let collect_all = async {
            let handles = start_reports(&log, &[("slow", 3), ("quick", 1), ("middle", 2)]);
            let mut reports = Vec::new();
            for handle in handles {
                match handle.await {
                    Ok(report) => reports.push(report),
                    Err(error) => require(false, || {
                        format!("a task spawned by start_reports did not finish: {error}")
                    }),
                }
            }
            reports
        };
        let expected = [
            ("slow", 0.0, 3.0),
            ("quick", 0.0, 1.0),
            ("middle", 0.0, 2.0),
        ];
        let ((reports, took), picture) = watched(&log, &expected, timed(collect_all)).await;
        let expected = ["report slow", "report quick", "report middle"];
        require(reports == expected, || {
            format!(
                "awaiting the handles of start_reports(slow 3 s, quick 1 s, middle 2 s) gave \
                 {reports:?}; expected {expected:?}, in the order of the jobs."
            )
        });
        require_seen(
            !about(took, secs(6.0)),
            || picture.clone(),
            || {
                "the three reports took 6.00 s of virtual time, 3 + 1 + 2: they were built one \
             after another. Spawned tasks run at the same time; it should take 3.00 s."
                    .to_string()
            },
        );
        require_seen(
            about(took, secs(3.0)),
            || picture.clone(),
            || {
                format!(
                    "the three reports took {} of virtual time; running at the same time they \
                 take 3.00 s, as long as the slowest.",
                    format_secs(took)
                )
            },
        );
    });
}

#[test]
fn reports_while_tidying_tidies_the_desk_while_the_reports_are_built() {
    on_paused_clock(|| async {
        let log = Log::default();
        // Look at the log 0.5 s in (both reports started, desk not yet tidy) and 1.5 s in
        // (desk tidy, no report done yet).
        let peek = async {
            sleep(secs(0.5)).await;
            let early = entries(&log);
            sleep(secs(1.0)).await;
            (early, entries(&log))
        };
        let expected = [
            ("daily", 0.0, 2.0),
            ("weekly", 0.0, 3.0),
            ("tidy desk", 0.0, 1.0),
        ];
        let both = async { tokio::join!(timed(reports_while_tidying(log.clone())), peek) };
        let (((reports, took), (at_half, at_one_and_a_half)), picture) =
            watched(&log, &expected, both).await;

        require_seen(
            at_half == ["start daily", "start weekly"],
            || picture.clone(),
            || {
                format!(
                    "0.50 s in, the log holds {at_half:?}; expected [\"start daily\", \
                 \"start weekly\"]. Start both reports first, so they are being built while \
                 you tidy the desk."
                )
            },
        );
        require_seen(
            at_one_and_a_half.iter().any(|entry| entry == "desk tidied"),
            || picture.clone(),
            || {
                format!(
                    "1.50 s in, the log holds {at_one_and_a_half:?}: the desk was not tidied \
                     yet, though tidying takes 1 s. Did you await a report before tidying? \
                     Tidy the desk before you await any handle."
                )
            },
        );
        let expected_log = [
            "start daily",
            "start weekly",
            "desk tidied",
            "done daily",
            "done weekly",
        ];
        let log_now = entries(&log);
        require_seen(
            log_now == expected_log,
            || picture.clone(),
            || format!("the log at the end is {log_now:?}; expected {expected_log:?}."),
        );
        require(reports == ["report daily", "report weekly"], || {
            format!(
                "reports_while_tidying returned {reports:?}; expected \
                 [\"report daily\", \"report weekly\"]."
            )
        });
        require_seen(
            about(took, secs(3.0)),
            || picture.clone(),
            || {
                format!(
                    "reports_while_tidying took {} of virtual time; with the desk tidied while the \
                 reports (2 s and 3 s) are built, it takes 3.00 s.",
                    format_secs(took)
                )
            },
        );
    });
}
