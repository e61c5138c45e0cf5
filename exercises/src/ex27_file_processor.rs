//! Exercise 27 — the course's Exercise 4: an async file processor (lesson 4.4).
//!
//! Build a small service, as you might with asyncio: it watches a directory for new
//! files, processes each file as it appears, never works on more than `limit` files at
//! once, and reports its progress — until it is told to stop. Everything from this
//! lesson meets here:
//!
//! - looking for new files: poll the directory every `POLL_EVERY` with `tokio::fs`
//!   (Python's `os.scandir` in an executor, or `aiofiles`), remembering what you have
//!   seen;
//! - processing each file: `Processor::process` (given), each file in a task of its own,
//!   so the watcher keeps watching meanwhile;
//! - the limit: a `Semaphore` (`asyncio.Semaphore(limit)`);
//! - progress: `Progress { done, seen }` messages on a channel, each time new files are
//!   seen and each time a file is done;
//! - stopping: a `CancellationToken`. When it is cancelled, look for no more files,
//!   finish every file already seen, then return the reports.
//!
//! The grader runs it on a temporary directory, adding files while it watches.
//!
//! Grade: `cargo xtask check ex27` · Stuck? `cargo xtask hint ex27`

use std::collections::HashSet;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;
use tokio::sync::mpsc;
use tokio::time::{Instant, sleep};
use tokio_util::sync::CancellationToken;

/// How often the watcher looks for new files.
pub const POLL_EVERY: Duration = Duration::from_millis(100);

/// How long processing one file takes, once it is read.
pub const PROCESS_TIME: Duration = Duration::from_secs(1);

/// What processing one file found. (Given.)
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// The file's name, e.g. `"notes.txt"`.
    pub name: String,
    /// How many lines it has.
    pub lines: usize,
    /// How many words it has.
    pub words: usize,
}

/// How far the watcher has got: sent when new files are seen and when a file is done. (Given.)
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    /// Files processed so far.
    pub done: usize,
    /// Files seen so far (processed, being processed, or waiting for a place).
    pub seen: usize,
}

/// What the processor's gauge has seen. (Given.)
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Reading {
    /// Files being processed now.
    pub in_flight: usize,
    /// The most files that were ever processed at once.
    pub peak: usize,
    /// Every file processing was started on, with when, in order.
    pub started: Vec<(String, Instant)>,
}

/// Processes files, with a gauge of how many it works on at once. (Given.) Clones share
/// the gauge.
#[derive(Debug, Clone, Default)]
pub struct Processor {
    reading: Arc<Mutex<Reading>>,
}

/// Counts one file in flight for as long as it lives.
struct InFlight(Processor);

impl Drop for InFlight {
    fn drop(&mut self) {
        self.0.lock().in_flight -= 1;
    }
}

impl Processor {
    /// A processor that has processed nothing yet.
    pub fn new() -> Processor {
        Processor::default()
    }

    fn lock(&self) -> MutexGuard<'_, Reading> {
        self.reading.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Reads the file at `path` (with `tokio::fs`), works on it for `PROCESS_TIME`, and
    /// reports its name and how many lines and words it has.
    pub async fn process(&self, path: &Path) -> io::Result<Report> {
        let name = path
            .file_name()
            .map(|name| name.to_string_lossy().into_owned())
            .unwrap_or_default();
        let _in_flight = {
            let mut reading = self.lock();
            reading.in_flight += 1;
            reading.peak = reading.peak.max(reading.in_flight);
            reading.started.push((name.clone(), Instant::now()));
            InFlight(self.clone())
        };
        let text = tokio::fs::read_to_string(path).await?;
        sleep(PROCESS_TIME).await;
        Ok(Report {
            name,
            lines: text.lines().count(),
            words: text.split_whitespace().count(),
        })
    }

    /// What the gauge has seen so far.
    pub fn reading(&self) -> Reading {
        self.lock().clone()
    }
}

/// Reads the directory `dir` once (with `tokio::fs::read_dir`) and returns the paths of
/// the regular files in it that are not in `seen` yet — sorted by name, subdirectories
/// left out — adding each of them to `seen`.
pub async fn new_files(dir: &Path, seen: &mut HashSet<PathBuf>) -> io::Result<Vec<PathBuf>> {
    // TODO
    todo!("new_files")
}

/// The file processor.
///
/// - Every `POLL_EVERY`, starting at once, looks for new files in `dir` (`new_files`).
/// - Processes each new file exactly once with `processor.process(&path)`, in a task of
///   its own, with at most `limit` files being processed at any moment; a file that
///   finds no free place waits for one, while the watcher goes on watching.
/// - Sends `Progress { done, seen }` on `progress` each time it finds new files (one
///   message for all the files a look finds, or one per file — either is fine) and each
///   time a file is done.
/// - When `stop` is cancelled, looks for no more files, finishes every file already
///   seen, and returns all the reports, sorted by name. Nothing keeps running after it
///   has returned.
pub async fn watch_and_process(
    dir: PathBuf,
    limit: usize,
    processor: Processor,
    progress: mpsc::UnboundedSender<Progress>,
    stop: CancellationToken,
) -> io::Result<Vec<Report>> {
    // TODO: a Semaphore, the set of files seen, a JoinSet of processing tasks, and an
    //       interval; then a select! loop over the token, finished tasks, and ticks.
    todo!("watch_and_process")
}
