//! Exercise 1 — simulated downloads (lesson 4.1).
//!
//! Downloading a file takes one second per megabyte. Write the download, then fetch a
//! list of files twice — one after another, and all at once — and measure both runs,
//! like the lesson's comparison of three file reads.
//!
//! Grade: `cargo xtask check ex01` · Stuck? `cargo xtask hint ex01`

use std::time::Duration;

/// How long one megabyte takes to download.
pub const TIME_PER_MB: Duration = Duration::from_secs(1);

/// Downloads (simulated) the file `name` of `size_mb` megabytes.
///
/// Wait `TIME_PER_MB` for every megabyte *without blocking the thread*, then return
/// `"downloaded {name} ({size_mb} MB)"`, e.g. `"downloaded report.pdf (2 MB)"`.
pub async fn download_file(name: &str, size_mb: u32) -> String {
    // TODO: wait, then build the message.
    todo!("download_file")
}

/// Downloads `files` — `(name, size in MB)` pairs — one after another.
///
/// Returns the messages of `download_file`, in the order of `files`.
pub async fn download_sequentially(files: &[(&str, u32)]) -> Vec<String> {
    // TODO: each download finishes before the next one starts.
    todo!("download_sequentially")
}

/// Downloads `files` all at once, so their waits overlap.
///
/// Returns the messages of `download_file`, in the order of `files` (not in the order
/// the downloads finished).
pub async fn download_concurrently(files: &[(&str, u32)]) -> Vec<String> {
    // TODO: start every download, then wait for all of them together.
    todo!("download_concurrently")
}

/// How long each way of downloading took.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timings {
    /// Time taken by `download_sequentially`.
    pub sequential: Duration,
    /// Time taken by `download_concurrently`.
    pub concurrent: Duration,
}

/// Downloads `files` sequentially, then concurrently, timing each run with
/// `tokio::time::Instant` (the clock the grader fast-forwards).
pub async fn compare_downloads(files: &[(&str, u32)]) -> Timings {
    // TODO: measure both runs.
    todo!("compare_downloads")
}
