//! WRONG ANSWER (kept so `cargo xtask verify` proves the grader rejects it): exercise 1
//! with `download_concurrently` returning the messages in the order the downloads
//! *finished* (FuturesUnordered), not in the order of `files`. With files given smallest
//! first, both orders agree; the check "concurrent downloads keep the order of the files"
//! gives them largest first and must catch it.

use futures::StreamExt;
use futures::stream::FuturesUnordered;
use std::time::Duration;
use tokio::time::Instant;

/// How long one megabyte takes to download.
pub const TIME_PER_MB: Duration = Duration::from_secs(1);

/// Downloads (simulated) the file `name` of `size_mb` megabytes.
pub async fn download_file(name: &str, size_mb: u32) -> String {
    // tokio's sleep hands the thread back to the runtime while it waits;
    // std::thread::sleep would hold it and stop every other download.
    tokio::time::sleep(TIME_PER_MB * size_mb).await;
    format!("downloaded {name} ({size_mb} MB)")
}

/// Downloads `files` one after another.
pub async fn download_sequentially(files: &[(&str, u32)]) -> Vec<String> {
    let mut messages = Vec::with_capacity(files.len());
    for &(name, size_mb) in files {
        messages.push(download_file(name, size_mb).await);
    }
    messages
}

/// Downloads `files` all at once, so their waits overlap.
pub async fn download_concurrently(files: &[(&str, u32)]) -> Vec<String> {
    let downloads: FuturesUnordered<_> = files
        .iter()
        .map(|&(name, size_mb)| download_file(name, size_mb))
        .collect();
    downloads.collect().await
}

/// How long each way of downloading took.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timings {
    /// Time taken by `download_sequentially`.
    pub sequential: Duration,
    /// Time taken by `download_concurrently`.
    pub concurrent: Duration,
}

/// Downloads `files` sequentially, then concurrently, timing each run.
pub async fn compare_downloads(files: &[(&str, u32)]) -> Timings {
    let started = Instant::now();
    download_sequentially(files).await;
    let sequential = started.elapsed();

    let started = Instant::now();
    download_concurrently(files).await;
    let concurrent = started.elapsed();

    Timings {
        sequential,
        concurrent,
    }
}
