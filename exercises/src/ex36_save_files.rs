//! Exercise 36 — save many downloads to files at once with `tokio::fs` (lesson 4.6,
//! "Files with tokio::fs").
//!
//! The course's example, done properly: download some results, and save each one to a
//! file — as `aiofiles` would in Python. Write two functions:
//!
//! - `save_all(dir, urls, download)`: call `download(url)` for every URL (the grader's
//!   downloads take a few seconds of virtual time each) and write each body to
//!   `file_for(dir, url)` with `tokio::fs` **as soon as that download ends** — not after
//!   all of them. Every download and every save runs at the same time, so the whole call
//!   takes as long as the slowest download, not the sum. Return the paths written, in the
//!   order of `urls`; if a write fails, return that error.
//! - `read_back(paths)`: read every file with `tokio::fs`, all at once, and return the
//!   contents in the order of `paths`.
//!
//! The grader checks, each time in a fresh temporary directory: every file is there and
//! holds exactly the bytes downloaded (1 MiB bodies too, so a half-written file shows);
//! the call takes as long as the slowest download; a file is already complete on disk
//! while a slower download is still running; `read_back` returns every file's bytes; and
//! (on Unix) a save never blocks the runtime: one file is a pipe that a task of the
//! grader's, on the same runtime, reads.
//!
//! Grade: `cargo xtask check ex36` · Stuck? `cargo xtask hint ex36`

use std::future::Future;
use std::io;
use std::path::{Path, PathBuf};

/// Where the body downloaded from `url` is saved: `dir` joined with the URL's last path
/// segment (`https://example.com/data/a.csv` → `dir/a.csv`). (Given.)
pub fn file_for(dir: &Path, url: &str) -> PathBuf {
    dir.join(url.rsplit('/').next().unwrap_or(url))
}

/// Downloads every URL with `download` and saves each body to [`file_for`] as soon as its
/// download ends, all the downloads and saves running at once. Returns the paths written,
/// in the order of `urls`.
pub async fn save_all<F, Fut>(dir: &Path, urls: &[&str], download: F) -> io::Result<Vec<PathBuf>>
where
    F: Fn(&str) -> Fut,
    Fut: Future<Output = Vec<u8>>,
{
    // TODO: one future per URL that awaits `download(url)` and then writes the body with
    // `tokio::fs::write(file_for(dir, url), body)`; run them all together and collect
    // the paths (or the first error).
    todo!()
}

/// Reads every file in `paths`, all at once; the contents come back in the order of
/// `paths`.
pub async fn read_back(paths: &[PathBuf]) -> io::Result<Vec<Vec<u8>>> {
    // TODO: `tokio::fs::read` each path, all together.
    todo!()
}
