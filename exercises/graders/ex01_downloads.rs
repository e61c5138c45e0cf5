//! Grader for exercise 1 — simulated downloads. Used unchanged by `solutions/`.
//!
//! Every check runs on tokio's paused clock: waits take no real time and durations are
//! exact, so "took 6.00 s instead of 3.00 s" means the downloads ran one after another.

use crate::ex01_downloads::{
    compare_downloads, download_concurrently, download_file, download_sequentially,
};
use harness::format_secs;
use harness::grade::{about, on_paused_clock, require, require_seen, secs, timed};
use harness::picture::{Picture, span};
use std::time::Duration;

/// 1 + 2 + 3 MB: 6 s one after another, 3 s (the largest) all at once.
const FILES: [(&str, u32); 3] = [("a.zip", 1), ("b.zip", 2), ("c.zip", 3)];

/// The picture of a failing timing check: the learner's call as the grader timed it (it
/// sees the call, not the downloads inside), above the downloads as they should run.
fn picture(call: &str, took: Duration, concurrent: bool) -> Picture {
    let mut start = 0.0;
    let expected = FILES
        .iter()
        .map(|(name, size_mb)| {
            let seconds = f64::from(*size_mb);
            let row = if concurrent {
                span(format!("{name} ({size_mb} MB)"), 0.0, seconds)
            } else {
                span(format!("{name} ({size_mb} MB)"), start, start + seconds)
            };
            start += seconds;
            row
        })
        .collect();
    Picture::new()
        .spans(
            "your run, as the grader timed it",
            vec![span(call, 0.0, took.as_secs_f64())],
        )
        .spans(
            if concurrent {
                "expected: all three at once, done when the largest is"
            } else {
                "expected: one after another"
            },
            expected,
        )
}

fn messages_for(files: &[(&str, u32)]) -> Vec<String> {
    files
        .iter()
        .map(|(name, size_mb)| format!("downloaded {name} ({size_mb} MB)"))
        .collect()
}

/// Fails unless `took` is `expected`, explaining the usual cause of a zero duration.
fn require_duration(what: &str, took: Duration, expected: Duration) {
    require(expected.is_zero() || !took.is_zero(), || {
        format!(
            "{what} finished without any time passing on tokio's clock; it should take {}. \
             Wait with `tokio::time::sleep(..).await` (std::thread::sleep blocks the thread \
             and the runtime cannot see it), and don't forget the `.await`.",
            format_secs(expected)
        )
    });
    require(about(took, expected), || {
        format!(
            "{what} took {} of virtual time; it should take {}.",
            format_secs(took),
            format_secs(expected)
        )
    });
}

#[test]
fn download_file_waits_one_second_per_megabyte() {
    on_paused_clock(|| async {
        let (message, took) = timed(download_file("report.pdf", 2)).await;
        require(message == "downloaded report.pdf (2 MB)", || {
            format!(
                "download_file(\"report.pdf\", 2) returned {message:?}; \
                 expected \"downloaded report.pdf (2 MB)\"."
            )
        });
        require_duration("download_file(\"report.pdf\", 2)", took, secs(2.0));
    });
}

#[test]
fn sequential_downloads_take_the_sum_of_their_times() {
    on_paused_clock(|| async {
        let (messages, took) = timed(download_sequentially(&FILES)).await;
        let seen = || picture("download_sequentially", took, false);
        require_seen(!about(took, secs(3.0)), seen, || {
            "download_sequentially took 3.00 s, as long as the largest file alone: it ran the \
             downloads concurrently. This one must download them one after another (6.00 s)."
                .to_string()
        });
        require_duration("download_sequentially of 1, 2 and 3 MB", took, secs(6.0));
        require(messages == messages_for(&FILES), || {
            format!(
                "download_sequentially returned {messages:?}; expected {:?}.",
                messages_for(&FILES)
            )
        });
    });
}

#[test]
fn concurrent_downloads_take_as_long_as_the_largest_file() {
    on_paused_clock(|| async {
        let (messages, took) = timed(download_concurrently(&FILES)).await;
        let seen = || picture("download_concurrently", took, true);
        require_seen(!about(took, secs(6.0)), seen, || {
            format!(
                "download_concurrently took {} of virtual time; concurrent downloads of 1, 2 and \
                 3 MB should take 3.00 s. Your downloads ran one after another: start them all \
                 before you wait for any of them.",
                format_secs(took)
            )
        });
        require_duration("download_concurrently of 1, 2 and 3 MB", took, secs(3.0));
        require(messages == messages_for(&FILES), || {
            format!(
                "download_concurrently returned {messages:?}; expected {:?}, in the order the \
                 files were given, not the order they finished.",
                messages_for(&FILES)
            )
        });
    });
}

#[test]
fn concurrent_downloads_keep_the_order_of_the_files() {
    on_paused_clock(|| async {
        // Largest first: they finish c, then a, then b — not in the order given.
        let files = [("c.zip", 3), ("a.zip", 1), ("b.zip", 2)];
        let messages = download_concurrently(&files).await;
        require(messages == messages_for(&files), || {
            format!(
                "download_concurrently of 3, 1 and 2 MB files returned {messages:?}; expected \
                 {:?}, in the order the files were given{}.",
                messages_for(&files),
                if messages == messages_for(&[files[1], files[2], files[0]]) {
                    " — you returned them in the order they finished. join_all keeps the \
                     order of its futures, like asyncio.gather"
                } else {
                    ""
                }
            )
        });
    });
}

#[test]
fn ten_concurrent_downloads_all_overlap() {
    on_paused_clock(|| async {
        let names: Vec<String> = (1..=10).map(|n| format!("part{n}.bin")).collect();
        let files: Vec<(&str, u32)> = names.iter().map(|name| (name.as_str(), 1)).collect();
        let (messages, took) = timed(download_concurrently(&files)).await;
        require(took < secs(2.0), || {
            format!(
                "ten 1 MB downloads took {} of virtual time; all at once they take 1.00 s. \
                 Some of them waited for others to finish.",
                format_secs(took)
            )
        });
        require_duration("download_concurrently of ten 1 MB files", took, secs(1.0));
        require(messages == messages_for(&files), || {
            format!("download_concurrently of ten files returned {messages:?}")
        });
    });
}

#[test]
fn no_files_means_no_waiting() {
    on_paused_clock(|| async {
        let (sequential, took_sequential) = timed(download_sequentially(&[])).await;
        let (concurrent, took_concurrent) = timed(download_concurrently(&[])).await;
        require(sequential.is_empty() && concurrent.is_empty(), || {
            "downloading an empty list must return an empty list".to_string()
        });
        require_duration(
            "downloading no files one by one",
            took_sequential,
            secs(0.0),
        );
        require_duration("downloading no files at once", took_concurrent, secs(0.0));
    });
}

#[test]
fn compare_downloads_really_runs_and_measures_both() {
    on_paused_clock(|| async {
        let files = [("x.iso", 2), ("y.iso", 2)];
        let (timings, took) = timed(compare_downloads(&files)).await;
        require(about(timings.sequential, secs(4.0)), || {
            format!(
                "compare_downloads measured {} for the sequential run of two 2 MB files; \
                 it takes 4.00 s.",
                format_secs(timings.sequential)
            )
        });
        require(about(timings.concurrent, secs(2.0)), || {
            format!(
                "compare_downloads measured {} for the concurrent run of two 2 MB files; \
                 it takes 2.00 s.",
                format_secs(timings.concurrent)
            )
        });
        require(about(took, secs(6.0)), || {
            format!(
                "compare_downloads itself took {} of virtual time, but really running both \
                 takes 4 s + 2 s = 6.00 s. Measure the runs; don't compute the answer.",
                format_secs(took)
            )
        });
    });
}
