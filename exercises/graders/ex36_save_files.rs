//! Grader for exercise 36 — save many downloads to files at once with `tokio::fs`. Used
//! unchanged by `solutions/`.
//!
//! Each check works in a fresh temporary directory (removed afterwards, pass or fail), on
//! the paused clock. The grader's `download` sleeps a set time and returns a body of
//! bytes that differ from file to file; it notes when each download ran. A task of the
//! grader's looks at the directory every 0.1 s and notes when each file is first there
//! whole. (`tokio::fs` runs on tokio's blocking pool, and the paused clock does not move
//! while a blocking call is in flight, so a save finishes before the next look.) On Unix
//! one check makes the file a pipe (a FIFO) read by a task on the same runtime: a save
//! done on the runtime's own thread then waits for a reader that cannot run.

use crate::ex36_save_files::{file_for, read_back, save_all};
use harness::Span;
use harness::format_secs;
use harness::grade::{about, on_paused_clock, require, require_seen, secs};
use harness::picture::{Picture, span};
use std::collections::HashMap;
use std::future::Future;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;
use tokio::time::{Instant, sleep, timeout};

const BASE: &str = "https://example.com/results";
const MIB: usize = 1024 * 1024;
/// How long `save_all` may take before the grader gives up on it.
const PATIENCE: Duration = Duration::from_secs(60);

/// A fresh temporary directory, removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new(label: &str) -> Scratch {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!(
            "async-workbook-ex36-{}-{label}-{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("the grader can make a temporary directory");
        Scratch(dir)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A file the grader's server hands out: its name, how long its download takes
/// (seconds), and its size in bytes.
type Planned = (&'static str, f64, usize);

/// The body of `name`: `size` bytes that depend on the name, so swapped files show.
fn body(name: &str, size: usize) -> Vec<u8> {
    let seed = name
        .bytes()
        .fold(7u32, |acc, byte| acc.wrapping_mul(31) ^ u32::from(byte));
    (0..size)
        .map(|i| (seed.wrapping_add(i as u32).wrapping_mul(2_654_435_761) >> 24) as u8)
        .collect()
}

fn url(name: &str) -> String {
    format!("{BASE}/{name}")
}

/// One download as the grader saw it: name, start, end (on tokio's clock).
type Seen = (String, Instant, Option<Instant>);

/// What the grader saw of the downloads.
#[derive(Clone, Default)]
struct Downloads(Arc<Mutex<Vec<Seen>>>);

impl Downloads {
    fn seen(&self) -> Vec<Seen> {
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }
}

/// The grader's `download`: sleeps the planned time, returns the planned body.
fn downloader(
    plan: &[Planned],
    downloads: &Downloads,
) -> impl Fn(&str) -> std::pin::Pin<Box<dyn Future<Output = Vec<u8>> + Send>> + Send + Sync + 'static
{
    let plan: HashMap<String, (f64, usize)> = plan
        .iter()
        .map(|(name, seconds, size)| (url(name), (*seconds, *size)))
        .collect();
    let downloads = downloads.clone();
    move |asked: &str| {
        let asked = asked.to_string();
        let planned = plan.get(&asked).copied();
        let downloads = downloads.clone();
        Box::pin(async move {
            let Some((seconds, size)) = planned else {
                return Vec::new();
            };
            let name = asked.rsplit('/').next().unwrap_or_default().to_string();
            let row = {
                let mut seen = downloads.0.lock().unwrap_or_else(PoisonError::into_inner);
                seen.push((name.clone(), Instant::now(), None));
                seen.len() - 1
            };
            sleep(secs(seconds)).await;
            downloads.0.lock().unwrap_or_else(PoisonError::into_inner)[row].2 =
                Some(Instant::now());
            body(&name, size)
        })
    }
}

/// Looks at `dir` every 0.1 s and notes when each planned file is first there whole.
fn watch_files(
    dir: PathBuf,
    plan: &[Planned],
) -> (
    Arc<Mutex<HashMap<String, Instant>>>,
    tokio::task::JoinHandle<()>,
) {
    let whole = Arc::new(Mutex::new(HashMap::new()));
    let wanted: Vec<(String, Vec<u8>)> = plan
        .iter()
        .map(|(name, _, size)| (name.to_string(), body(name, *size)))
        .collect();
    let noted = Arc::clone(&whole);
    let watcher = tokio::spawn(async move {
        loop {
            for (name, expected) in &wanted {
                let path = dir.join(name);
                let done = noted
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .contains_key(name);
                let complete = !done
                    && std::fs::metadata(&path)
                        .is_ok_and(|meta| meta.len() == expected.len() as u64)
                    && std::fs::read(&path).is_ok_and(|bytes| bytes == *expected);
                if complete {
                    noted
                        .lock()
                        .unwrap_or_else(PoisonError::into_inner)
                        .insert(name.clone(), Instant::now());
                }
            }
            sleep(Duration::from_millis(100)).await;
        }
    });
    (whole, watcher)
}

/// Runs `save_all` on `plan` in `dir`, with a time limit. Returns its result, how long it
/// took, and what the grader saw of the downloads.
async fn run_save_all(
    dir: &Path,
    plan: &[Planned],
) -> (io::Result<Vec<PathBuf>>, Duration, Downloads, Instant) {
    let downloads = Downloads::default();
    let download = downloader(plan, &downloads);
    let urls: Vec<String> = plan.iter().map(|(name, _, _)| url(name)).collect();
    let urls: Vec<&str> = urls.iter().map(String::as_str).collect();
    let started = Instant::now();
    let result = timeout(PATIENCE, save_all(dir, &urls, download)).await;
    let took = started.elapsed();
    let slowest = plan
        .iter()
        .map(|(_, seconds, _)| *seconds)
        .fold(0.0, f64::max);
    require(result.is_ok(), || {
        format!(
            "save_all was still running after {} of virtual time, though the slowest download \
             takes {}: does it wait for something that never happens?",
            format_secs(PATIENCE),
            format_secs(secs(slowest))
        )
    });
    (result.expect("checked above"), took, downloads, started)
}

/// The downloads as the grader saw them, plus each file from the moment it was whole on
/// disk; above the same for downloads that all start at once and files saved at once.
fn picture(
    plan: &[Planned],
    downloads: &Downloads,
    whole: &HashMap<String, Instant>,
    origin: Instant,
) -> Picture {
    let since = |at: Instant| at.saturating_duration_since(origin);
    let end = Instant::now();
    let mut yours: Vec<Span> = downloads
        .seen()
        .into_iter()
        .map(|(name, start, finished)| Span {
            label: format!("download {name}"),
            start: since(start),
            end: since(finished.unwrap_or(end)),
            cancelled: finished.is_none(),
        })
        .collect();
    for (name, _, _) in plan {
        if let Some(at) = whole.get(*name) {
            yours.push(Span {
                label: format!("{name} on disk"),
                start: since(*at),
                end: since(end).max(since(*at)),
                cancelled: false,
            });
        }
    }
    let slowest = plan
        .iter()
        .map(|(_, seconds, _)| *seconds)
        .fold(0.0, f64::max);
    let mut expected: Vec<Span> = plan
        .iter()
        .map(|(name, seconds, _)| span(format!("download {name}"), 0.0, *seconds))
        .collect();
    expected.extend(
        plan.iter()
            .map(|(name, seconds, _)| span(format!("{name} on disk"), *seconds, slowest)),
    );
    Picture::new()
        .spans(
            "your run: downloads, and each file from when it was whole on disk",
            yours,
        )
        .spans(
            "expected: every download at once, each file saved when its download ends",
            expected,
        )
}

/// Fails unless every planned file is in `dir`, whole, and `paths` names them in order.
fn require_saved(dir: &Path, plan: &[Planned], paths: &[PathBuf]) {
    let expected_paths: Vec<PathBuf> = plan
        .iter()
        .map(|(name, _, _)| file_for(dir, &url(name)))
        .collect();
    // First a quick look at each file's length, the last download's first: a write left
    // in flight (a `tokio::fs::File` dropped without `flush`) is still going on now.
    let mut last_first: Vec<&Planned> = plan.iter().collect();
    last_first.sort_by(|a, b| b.1.total_cmp(&a.1));
    for (name, _, size) in last_first {
        let length = std::fs::metadata(file_for(dir, &url(name))).map(|meta| meta.len());
        require(
            length
                .as_ref()
                .map_or(true, |&length| length >= *size as u64),
            || {
                format!(
                    "when save_all returned, {name} held {} bytes of the {size} downloaded: its \
                 write had not finished. With `tokio::fs::File`, `write_all` only hands the \
                 bytes to a background write; call `file.flush().await?` (or use \
                 `tokio::fs::write`) before the file is dropped.",
                    length.as_ref().copied().unwrap_or_default()
                )
            },
        );
    }
    for (name, _, size) in plan {
        let path = file_for(dir, &url(name));
        let on_disk = std::fs::read(&path);
        let expected = body(name, *size);
        require(on_disk.is_ok(), || {
            format!(
                "after save_all returned, {name} was not in the directory ({}). Every body \
                 downloaded must be written to `file_for(dir, url)`.",
                on_disk
                    .as_ref()
                    .err()
                    .map(ToString::to_string)
                    .unwrap_or_default()
            )
        });
        let on_disk = on_disk.expect("checked above");
        require(on_disk == expected, || {
            if on_disk.len() < expected.len() {
                format!(
                    "after save_all returned, {name} held {} bytes of the {} downloaded: the \
                     file is incomplete. Write the whole body, and let the write finish \
                     (await it) before save_all returns.",
                    on_disk.len(),
                    expected.len()
                )
            } else {
                format!(
                    "after save_all returned, {name} held {} bytes, but not the {} bytes \
                     downloaded from {}: was another download's body written there?",
                    on_disk.len(),
                    expected.len(),
                    url(name)
                )
            }
        });
    }
    require(paths == expected_paths, || {
        format!(
            "save_all returned the paths {paths:?}; expected {expected_paths:?}: the path \
             of each URL's file, in the order of the URLs (not the order the downloads \
             finished)."
        )
    });
}

#[test]
fn every_download_is_saved_whole() {
    on_paused_clock(|| async {
        let scratch = Scratch::new("whole");
        let plan: [Planned; 4] = [
            ("big.bin", 2.0, MIB),
            ("tiny.txt", 1.0, 10),
            ("middle.csv", 1.5, 256 * 1024),
            ("empty.dat", 0.5, 0),
        ];
        let (result, _, _, _) = run_save_all(&scratch.0, &plan).await;
        require(result.is_ok(), || {
            format!("save_all returned {result:?}; every write should succeed in this directory.")
        });
        require_saved(&scratch.0, &plan, &result.expect("checked above"));
    });
}

#[test]
fn the_downloads_run_at_once() {
    on_paused_clock(|| async {
        let scratch = Scratch::new("at-once");
        let plan: [Planned; 3] = [
            ("one.bin", 1.0, 1000),
            ("three.bin", 3.0, MIB),
            ("two.bin", 2.0, 1000),
        ];
        let (watched, watcher) = watch_files(scratch.0.clone(), &plan);
        let (result, took, downloads, started) = run_save_all(&scratch.0, &plan).await;
        watcher.abort();
        require(result.is_ok(), || {
            format!("save_all returned {result:?}; every write should succeed in this directory.")
        });
        let whole = watched
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone();
        let seen = || picture(&plan, &downloads, &whole, started);
        require_seen(about(took, secs(3.0)), seen, || {
            format!(
                "save_all took {} of virtual time for downloads of 1 s, 3 s and 2 s; all at \
                 once they take 3.00 s, as long as the slowest. {}",
                format_secs(took),
                if took > secs(3.0) {
                    "Your downloads ran (at least partly) one after another: start them all \
                     before you wait for any of them — one future per URL, joined."
                } else {
                    "Did it wait for every download?"
                }
            )
        });
        require_saved(&scratch.0, &plan, &result.expect("checked above"));
    });
}

#[test]
fn each_file_is_saved_while_slower_downloads_still_run() {
    on_paused_clock(|| async {
        let scratch = Scratch::new("as-soon");
        let plan: [Planned; 2] = [("quick.bin", 1.0, MIB), ("slow.bin", 3.0, 100)];
        let (watched, watcher) = watch_files(scratch.0.clone(), &plan);
        let (result, _, downloads, started) = run_save_all(&scratch.0, &plan).await;
        watcher.abort();
        require(result.is_ok(), || {
            format!("save_all returned {result:?}; every write should succeed in this directory.")
        });
        let whole = watched
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone();
        let quick_saved = whole
            .get("quick.bin")
            .map(|at| at.saturating_duration_since(started));
        let seen = || picture(&plan, &downloads, &whole, started);
        require_seen(quick_saved.is_some_and(|at| at < secs(2.95)), seen, || {
            format!(
                "quick.bin's download ended after 1 s, but the file was not whole on disk \
                 until {}, when the 3 s download had ended too: your code saved the files \
                 after all the downloads. Save each body as soon as its own download ends — \
                 in the same future: download, then write.",
                quick_saved.map_or("the end of save_all".to_string(), format_secs)
            )
        });
        require_saved(&scratch.0, &plan, &result.expect("checked above"));
    });
}

/// A save that blocks the runtime's thread shows when the file is a pipe (a FIFO) that
/// a task of the grader's reads: a write bigger than the pipe waits for that reader,
/// which runs only if the runtime is free. `tokio::fs` writes on tokio's blocking pool,
/// so the reader gets its turn; `std::fs::write` inside the async fn stops everything.
#[cfg(unix)]
#[test]
fn saving_never_blocks_the_runtime() {
    on_paused_clock(|| async {
        use tokio::io::AsyncReadExt;
        let scratch = Scratch::new("pipe");
        let plan: [Planned; 1] = [("pipe.bin", 0.5, MIB)];
        let path = file_for(&scratch.0, &url("pipe.bin"));
        let made = std::process::Command::new("mkfifo").arg(&path).status();
        if !made.is_ok_and(|status| status.success()) {
            return; // no `mkfifo` on this system: nothing to check here
        }
        let receiver = tokio::net::unix::pipe::OpenOptions::new().open_receiver(&path);
        require(receiver.is_ok(), || {
            format!("the grader could not open its pipe {path:?}: {receiver:?}")
        });
        let mut receiver = receiver.expect("checked above");
        let expected = body("pipe.bin", MIB);
        let wanted = expected.len();
        let reader = tokio::spawn(async move {
            let mut got = Vec::new();
            let mut chunk = vec![0; 64 * 1024];
            while got.len() < wanted {
                match receiver.read(&mut chunk).await {
                    // No writer yet (or between writers): look again soon.
                    Ok(0) => sleep(Duration::from_millis(10)).await,
                    Ok(n) => got.extend_from_slice(&chunk[..n]),
                    Err(_) => break,
                }
            }
            got
        });
        // If the runtime's thread is stuck in the write, the grader's reader task never
        // runs; after a few seconds of real time a thread of the grader's empties the
        // pipe instead, so that the check can end and say what happened.
        let finished = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let rescued = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let rescuer = {
            let (finished, rescued, path) =
                (Arc::clone(&finished), Arc::clone(&rescued), path.clone());
            std::thread::spawn(move || {
                for _ in 0..100 {
                    std::thread::sleep(Duration::from_millis(50));
                    if finished.load(Ordering::SeqCst) {
                        return;
                    }
                }
                rescued.store(true, Ordering::SeqCst);
                if let Ok(mut pipe) = std::fs::File::open(&path) {
                    let _ = std::io::copy(&mut pipe, &mut std::io::sink());
                }
            })
        };
        let (result, _, _, _) = run_save_all(&scratch.0, &plan).await;
        finished.store(true, Ordering::SeqCst);
        require(!rescued.load(Ordering::SeqCst), || {
            "saving pipe.bin (a pipe the grader reads from a task on the same runtime) \
             stopped the whole runtime: the write ran on the runtime's own thread, so the \
             grader's reading task never got a turn. `std::fs::write` (or any `std::fs` \
             call) inside an async fn blocks the runtime; use `tokio::fs::write`, which \
             runs the write on tokio's blocking pool."
                .to_string()
        });
        let _ = rescuer.join();
        require(result.is_ok(), || {
            format!("save_all returned {result:?}; the write to the grader's pipe should succeed.")
        });
        let got = timeout(Duration::from_secs(5), reader).await;
        let got = got.ok().and_then(Result::ok).unwrap_or_default();
        require(got == expected, || {
            format!(
                "the grader's pipe received {} of the {} bytes of pipe.bin: was the whole \
                 body written?",
                got.len(),
                expected.len()
            )
        });
    });
}

#[test]
fn a_failed_write_is_returned_as_an_error() {
    on_paused_clock(|| async {
        let scratch = Scratch::new("missing");
        let missing = scratch.0.join("no-such-directory");
        let plan: [Planned; 2] = [("a.bin", 1.0, 10), ("b.bin", 0.5, 10)];
        let (result, _, _, _) = run_save_all(&missing, &plan).await;
        require(result.is_err(), || {
            format!(
                "save_all into a directory that does not exist returned {result:?}; writing \
                 there fails, and save_all should return that error (`?` on the write)."
            )
        });
    });
}

#[test]
fn read_back_returns_every_file() {
    on_paused_clock(|| async {
        let scratch = Scratch::new("read-back");
        let plan: [(&str, usize); 3] =
            [("first.bin", MIB), ("second.txt", 5), ("third.csv", 70_000)];
        let paths: Vec<PathBuf> = plan
            .iter()
            .map(|(name, size)| {
                let path = scratch.0.join(name);
                std::fs::write(&path, body(name, *size)).expect("the grader can write its files");
                path
            })
            .collect();
        let result = timeout(PATIENCE, read_back(&paths)).await;
        require(result.is_ok(), || {
            "read_back was still running after 60 s of virtual time: does it wait for \
             something that never happens?"
                .to_string()
        });
        let result = result.expect("checked above");
        require(result.is_ok(), || {
            format!("read_back of three files that exist returned {result:?}.")
        });
        let contents = result.expect("checked above");
        let expected: Vec<Vec<u8>> = plan.iter().map(|(name, size)| body(name, *size)).collect();
        let sizes: Vec<usize> = contents.iter().map(Vec::len).collect();
        require(contents == expected, || {
            format!(
                "read_back returned {} contents of {sizes:?} bytes; expected the 3 files' \
                 bytes ({} bytes, 5, 70000), whole, in the order of the paths.",
                contents.len(),
                MIB
            )
        });
        let missing = [scratch.0.join("not-there.bin")];
        let result = timeout(PATIENCE, read_back(&missing)).await;
        require(matches!(result, Ok(Err(_))), || {
            format!(
                "read_back of a file that does not exist returned {result:?}; expected the error."
            )
        });
    });
}
