//! Exercise 36 — reference solution: download many results and save each one with
//! `tokio::fs` as soon as it arrives, all at once; then read them back.

use futures::future::try_join_all;
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
    // One future per URL: download, then save at once. `try_join_all` runs them together
    // and stops at the first error.
    let jobs = urls.iter().map(|url| {
        let path = file_for(dir, url);
        let body = download(url);
        async move {
            tokio::fs::write(&path, body.await).await?;
            Ok::<_, io::Error>(path)
        }
    });
    try_join_all(jobs).await
}

/// Reads every file in `paths`, all at once; the contents come back in the order of
/// `paths`.
pub async fn read_back(paths: &[PathBuf]) -> io::Result<Vec<Vec<u8>>> {
    try_join_all(paths.iter().map(tokio::fs::read)).await
}
