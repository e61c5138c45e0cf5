//! Grader for exercise 27 — the course's Exercise 4: an async file processor. Used
//! unchanged by `solutions/`.
//!
//! Each check works in a fresh temporary directory (removed afterwards, pass or fail).
//! The grader's own task adds files at set moments of virtual time — written elsewhere
//! and renamed in, so a file never appears half-written. The processor's gauge notes
//! when each file was started and how many ran at once; a task of the grader's notes
//! when each progress message arrived.

use crate::ex27_file_processor::{
    POLL_EVERY, Processor, Progress, Report, new_files, watch_and_process,
};
use harness::format_secs;
use harness::grade::{about, on_paused_clock, require, require_seen, secs};
use harness::picture::timed_call;
use std::collections::HashSet;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;
use tokio::sync::mpsc;
use tokio::task::JoinHandle;
use tokio::time::{Instant, sleep, sleep_until, timeout};
use tokio_util::sync::CancellationToken;

/// A temporary directory to watch, and a sibling to write files in before they appear.
struct Scratch {
    root: PathBuf,
    watched: PathBuf,
    incoming: PathBuf,
}

impl Scratch {
    fn new(label: &str) -> Scratch {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let root = std::env::temp_dir().join(format!(
            "async-workbook-ex27-{}-{label}-{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        ));
        let _ = std::fs::remove_dir_all(&root);
        let scratch = Scratch {
            watched: root.join("watched"),
            incoming: root.join("incoming"),
            root,
        };
        for dir in [&scratch.watched, &scratch.incoming] {
            std::fs::create_dir_all(dir).expect("the grader can make a temporary directory");
        }
        scratch
    }

    /// Makes `name` appear in the watched directory, whole, with `text`.
    fn add(&self, name: &str, text: &str) {
        let staged = self.incoming.join(name);
        std::fs::write(&staged, text).expect("the grader can write its files");
        std::fs::rename(&staged, self.watched.join(name)).expect("the grader can move its files");
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.root);
    }
}

/// The text of a grader's file: `lines` lines of `words` words each.
fn text(lines: usize, words: usize) -> String {
    (0..lines)
        .map(|line| {
            let words: Vec<String> = (0..words).map(|word| format!("w{line}x{word}")).collect();
            words.join(" ") + "\n"
        })
        .collect()
}

/// A file the grader adds: its name, when it appears (seconds), lines, words per line.
type Planned = (&'static str, f64, usize, usize);

fn expected_reports(plan: &[Planned]) -> Vec<Report> {
    let mut reports: Vec<Report> = plan
        .iter()
        .map(|&(name, _, lines, words)| Report {
            name: name.to_string(),
            lines,
            words: lines * words,
        })
        .collect();
    reports.sort_by(|a, b| a.name.cmp(&b.name));
    reports
}

/// A watcher run: the files it was given, and what came out.
struct Run {
    reports: Vec<Report>,
    /// When watch_and_process returned, from the start.
    took: Duration,
    /// Every progress message, with when it arrived.
    progress: Vec<(Progress, Duration)>,
    /// Whether the progress channel closed (every sender dropped) by the end.
    closed: bool,
    processor: Processor,
    since: Instant,
}

/// Runs the watcher on a fresh directory: `plan`'s files appear at their times (0 means
/// before the watcher starts), `stop` is cancelled at `stop_at`.
async fn run(label: &str, plan: &[Planned], limit: usize, stop_at: f64) -> Run {
    let scratch = Scratch::new(label);
    let since = Instant::now();
    for &(name, at, lines, words) in plan {
        if at == 0.0 {
            scratch.add(name, &text(lines, words));
        }
    }
    let processor = Processor::new();
    let (sender, mut receiver) = mpsc::unbounded_channel();
    let listener: JoinHandle<(Vec<(Progress, Duration)>, bool)> = tokio::spawn(async move {
        let mut heard = Vec::new();
        loop {
            match timeout(secs(60.0), receiver.recv()).await {
                Ok(Some(progress)) => heard.push((progress, Instant::now() - since)),
                Ok(None) => return (heard, true),
                Err(_) => return (heard, false),
            }
        }
    });
    let stop = CancellationToken::new();
    let watching = watch_and_process(
        scratch.watched.clone(),
        limit,
        processor.clone(),
        sender,
        stop.clone(),
    );
    let watcher = tokio::spawn(async move { (watching.await, Instant::now()) });
    let mut later: Vec<&Planned> = plan.iter().filter(|planned| planned.1 > 0.0).collect();
    later.sort_by(|a, b| a.1.total_cmp(&b.1));
    let mut stopped = false;
    for &&(name, at, lines, words) in &later {
        if !stopped && at > stop_at {
            sleep_until(since + secs(stop_at)).await;
            stop.cancel();
            stopped = true;
        }
        sleep_until(since + secs(at)).await;
        scratch.add(name, &text(lines, words));
    }
    if !stopped {
        sleep_until(since + secs(stop_at)).await;
        stop.cancel();
    }
    let outcome = timeout(secs(30.0), watcher).await;
    let mut took = Instant::now() - since;
    let reports = match outcome {
        Ok(Ok((Ok(reports), returned))) => {
            took = returned - since;
            reports
        }
        Ok(Ok((Err(error), _))) => {
            require(false, || {
                format!("watch_and_process failed with an I/O error: {error}")
            });
            Vec::new()
        }
        Ok(Err(error)) => std::panic::resume_unwind(error.into_panic()),
        Err(_) => {
            require(false, || {
                format!(
                    "stop was cancelled at {}, and 30 s later watch_and_process was still \
                     running. Watch the token in your loop (select! over \
                     `stop.cancelled()` and the next tick), and after it is cancelled wait \
                     only for the files already seen.",
                    format_secs(secs(stop_at))
                )
            });
            Vec::new()
        }
    };
    let (progress, closed) = listener.await.expect("the grader's listener does not fail");
    drop(scratch);
    Run {
        reports,
        took,
        progress,
        closed,
        processor,
        since,
    }
}

/// Fails unless every planned file was processed exactly once, with the right counts.
fn require_each_file_once(what: &str, run: &Run, plan: &[Planned]) {
    let started: Vec<String> = run
        .processor
        .reading()
        .started
        .into_iter()
        .map(|(name, _)| name)
        .collect();
    for &(name, ..) in plan {
        let times = started.iter().filter(|started| *started == name).count();
        require(times == 1, || {
            format!(
                "{what}: {name} was processed {times} times; every file is processed exactly \
                 once{}.",
                if times == 0 {
                    " — was it seen only after the stop, or dropped when the stop came?"
                } else {
                    ". Remember which files you have seen"
                }
            )
        });
    }
    let want = expected_reports(plan);
    require(run.reports == want, || {
        format!(
            "{what}: watch_and_process returned {:?}; expected {want:?} — a report for each \
             file, sorted by name.",
            run.reports
        )
    });
}

fn name_of(path: &Path) -> String {
    path.file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default()
}

#[test]
fn new_files_lists_each_new_file_once_in_name_order() {
    on_paused_clock(|| async {
        let scratch = Scratch::new("list");
        scratch.add("b.txt", "bee\n");
        scratch.add("a.txt", "ay\n");
        std::fs::create_dir(scratch.watched.join("archive")).expect("a subdirectory");
        let mut seen = HashSet::new();
        let listed = |found: &io::Result<Vec<PathBuf>>| -> Vec<String> {
            found
                .as_ref()
                .map(|paths| paths.iter().map(|path| name_of(path)).collect())
                .unwrap_or_default()
        };
        let first = new_files(&scratch.watched, &mut seen).await;
        require(first.is_ok(), || format!("new_files failed: {first:?}"));
        require(listed(&first) == ["a.txt", "b.txt"], || {
            format!(
                "new_files of a directory holding b.txt, a.txt and a subdirectory archive/ \
                 found {:?}; expected [\"a.txt\", \"b.txt\"]: the files, sorted by name, \
                 without the directory.",
                listed(&first)
            )
        });
        let paths = first.unwrap_or_default();
        require(
            paths
                .iter()
                .all(|path| path.parent() == Some(scratch.watched.as_path())),
            || {
                format!(
                    "new_files returned {paths:?}; expected full paths of files in {}.",
                    scratch.watched.display()
                )
            },
        );
        let again = new_files(&scratch.watched, &mut seen).await;
        require(listed(&again).is_empty(), || {
            format!(
                "asked again with nothing new, new_files found {:?}; a file already in `seen` \
                 is not new. Add each file you return to `seen`.",
                listed(&again)
            )
        });
        scratch.add("c.txt", "see\n");
        let third = new_files(&scratch.watched, &mut seen).await;
        require(listed(&third) == ["c.txt"], || {
            format!(
                "after c.txt appeared, new_files found {:?}; expected just [\"c.txt\"].",
                listed(&third)
            )
        });
    });
}

#[test]
fn every_file_that_appears_is_processed_once_soon_after() {
    on_paused_clock(|| async {
        // Files appear every 0.6 s; each takes 1 s, so a limit of 2 always has room.
        let plan: [Planned; 5] = [
            ("e.txt", 2.45, 2, 3),
            ("a.txt", 0.05, 3, 4),
            ("c.txt", 1.25, 1, 7),
            ("b.txt", 0.65, 5, 2),
            ("d.txt", 1.85, 4, 1),
        ];
        let run = run("appear", &plan, 2, 3.05).await;
        let what = "with files appearing from 0.05 s to 2.45 s, a limit of 2, and stop at 3.05 s";
        require_each_file_once(what, &run, &plan);
        for (name, started) in run.processor.reading().started {
            let appeared = plan
                .iter()
                .find(|planned| planned.0 == name)
                .map_or(0.0, |planned| planned.1);
            let after = started - run.since;
            require(after <= secs(appeared) + POLL_EVERY, || {
                format!(
                    "{what}: {name} appeared at {} but its processing began only at {}; look \
                     for new files every {} and start on them at once.",
                    format_secs(secs(appeared)),
                    format_secs(after),
                    format_secs(POLL_EVERY)
                )
            });
        }
        let seen = || timed_call("watch_and_process", run.took, secs(3.5));
        require_seen(about(run.took, secs(3.5)), seen, || {
            format!(
                "{what}, watch_and_process returned at {}; the last file, e.txt, is seen at \
                 2.50 s and done at 3.50 s, and after the stop it should return as soon as \
                 that is done.",
                format_secs(run.took)
            )
        });
    });
}

#[test]
fn never_more_than_the_limit_of_files_at_once() {
    on_paused_clock(|| async {
        let plan: Vec<Planned> = ["a", "b", "c", "d", "e", "f", "g"]
            .iter()
            .zip([1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0])
            .map(|(name, n)| {
                let name: &'static str = Box::leak(format!("{name}.log").into_boxed_str());
                (name, 0.0, n as usize, 2)
            })
            .collect();
        // All seven are there at once; three at a time they take three rounds of 1 s. The
        // stop at 0.5 s comes while four of them still wait for a place: they are seen,
        // so they are still processed.
        let run = run("limit", &plan, 3, 0.5).await;
        let what = "with 7 files in the directory from the start, a limit of 3, and stop at \
                    0.50 s";
        let peak = run.processor.reading().peak;
        require(peak <= 3, || {
            format!(
                "{what}: {peak} files were processed at once; the limit is 3. Take a place \
                 from a Semaphore(limit) before processing a file, and hold it until done."
            )
        });
        require(peak == 3, || {
            format!(
                "{what}: never more than {peak} file(s) were processed at once, though 3 were \
                 allowed and more were waiting{}.",
                if peak == 1 {
                    " — one at a time. Process each file in a task of its own (a JoinSet), so \
                     several run at once"
                } else {
                    ""
                }
            )
        });
        require_each_file_once(what, &run, &plan);
        let seen = || timed_call("watch_and_process", run.took, secs(3.0));
        require_seen(about(run.took, secs(3.0)), seen, || {
            format!(
                "{what}, watch_and_process returned at {}; three at a time, the seven files \
                 take 3.00 s.",
                format_secs(run.took)
            )
        });
    });
}

#[test]
fn progress_counts_up_to_the_total() {
    on_paused_clock(|| async {
        let plan: [Planned; 5] = [
            ("a.md", 0.0, 1, 1),
            ("b.md", 0.0, 2, 2),
            ("c.md", 0.0, 3, 3),
            ("d.md", 0.45, 4, 4),
            ("e.md", 1.25, 5, 5),
        ];
        let run = run("progress", &plan, 2, 2.55).await;
        let what = "with 3 files at the start, 2 more appearing, and a limit of 2";
        require_each_file_once(what, &run, &plan);
        let messages: Vec<Progress> = run.progress.iter().map(|&(progress, _)| progress).collect();
        require(!messages.is_empty(), || {
            format!("{what}: no progress messages arrived at all.")
        });
        for pair in messages.windows(2) {
            require(
                pair[1].done >= pair[0].done && pair[1].seen >= pair[0].seen,
                || {
                    format!(
                        "{what}: progress went backwards, from {:?} to {:?}; the counts only \
                         grow.",
                        pair[0], pair[1]
                    )
                },
            );
        }
        if let Some(odd) = messages
            .iter()
            .find(|progress| progress.done > progress.seen)
        {
            require(false, || {
                format!("{what}: progress said {odd:?}: more files done than seen.")
            });
        }
        for done in 1..=plan.len() {
            require(
                messages.iter().any(|progress| progress.done == done),
                || {
                    format!(
                        "{what}: no progress message said done: {done} (the messages were \
                         {messages:?}); send one each time a file is done."
                    )
                },
            );
        }
        // One message for all the files a look finds, or one per file: either way, by
        // the end of the first look (at 0 s) the messages have counted all 3 as seen.
        let first = run.progress.first().copied();
        let at_start = run
            .progress
            .iter()
            .take_while(|(_, at)| at.is_zero())
            .last()
            .copied();
        require(
            at_start.is_some_and(|(progress, _)| progress.seen >= 3),
            || {
                format!(
                    "{what}: the progress messages at the first look said {:?}; expected them \
                     to count the 3 files there from the start as seen, at 0.00 s (the first \
                     look is at once). Send one each time new files are seen{}.",
                    at_start
                        .or(first)
                        .map(|(progress, at)| (progress, format_secs(at))),
                    if first.is_some_and(|(_, at)| !at.is_zero()) {
                        " — and don't make the watcher wait for a free place before it \
                         reports: take the permit inside each file's task"
                    } else {
                        ""
                    }
                )
            },
        );
        // d.md appears at 0.45 s while both places are taken (a and b run 0–1 s): the
        // watcher still sees it at its next look, 0.50 s.
        let seen_d = run
            .progress
            .iter()
            .find(|(progress, _)| progress.seen >= 4)
            .map(|&(_, at)| at);
        require(seen_d.is_some_and(|at| about(at, secs(0.5))), || {
            format!(
                "{what}: d.md appeared at 0.45 s, but the progress message counting it as seen \
                 came at {}; expected 0.50 s, the next look. Both places were taken then — \
                 does the watcher wait for a free place before it looks again? Take the permit \
                 inside each file's task, so the watcher keeps watching.",
                seen_d.map_or("no time at all".to_string(), format_secs)
            )
        });
        let total = plan.len();
        require(
            messages.iter().any(|progress| progress.seen == total),
            || {
                format!(
                    "{what}: no progress message said seen: {total} (the messages were \
                     {messages:?}); send one each time new files are seen."
                )
            },
        );
        let last = messages.last().copied();
        require(last == Some(Progress { done: 5, seen: 5 }), || {
            format!(
                "{what}: the last progress message was {last:?}; expected Progress {{ done: \
                 5, seen: 5 }}."
            )
        });
        // a, b: 0–1 s; c, d: 1–2 s; e (seen at 1.3 s): 2–3 s.
        let finished_at = run.progress.last().map(|&(_, at)| at).unwrap_or_default();
        require(about(finished_at, secs(3.0)), || {
            format!(
                "{what}: the last file was done at 3.00 s, but the final progress message \
                 arrived at {}: report each file as soon as it is done.",
                format_secs(finished_at)
            )
        });
        require(run.closed, || {
            format!(
                "{what}: after watch_and_process returned, the progress channel was still \
                 open: something kept a Sender alive (a task still running?)."
            )
        });
    });
}

#[test]
fn it_stops_watching_when_told() {
    on_paused_clock(|| async {
        let plan: [Planned; 2] = [("early.txt", 0.0, 2, 2), ("late.txt", 2.05, 3, 3)];
        let run = run("stop", &plan, 2, 1.55).await;
        let what = "with early.txt there from the start, stop at 1.55 s and late.txt \
                    appearing at 2.05 s";
        let processed: Vec<String> = run
            .processor
            .reading()
            .started
            .into_iter()
            .map(|(name, _)| name)
            .collect();
        require(processed == ["early.txt"], || {
            format!(
                "{what}: the processor worked on {processed:?}; expected just [\"early.txt\"]: \
                 after the stop, look for no more files."
            )
        });
        let seen = || timed_call("watch_and_process", run.took, secs(1.55));
        require_seen(about(run.took, secs(1.55)), seen, || {
            format!(
                "{what}: watch_and_process returned at {}; with early.txt done at 1.00 s and \
                 nothing else seen, it should return at once when stopped, at 1.55 s.",
                format_secs(run.took)
            )
        });
        require(
            run.reports.len() == 1 && run.reports[0].name == "early.txt",
            || format!("{what}: watch_and_process returned {:?}.", run.reports),
        );
        require(run.closed, || {
            format!(
                "{what}: after watch_and_process returned, its progress channel was still \
                 open: a task of its own was still running."
            )
        });
        sleep(secs(5.0)).await;
        let started = run.processor.reading().started.len();
        require(started == 1, || {
            format!(
                "{what}: after watch_and_process returned, {} more file(s) were processed: \
                 something kept watching.",
                started - 1
            )
        });
    });
}
