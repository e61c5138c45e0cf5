//! RIGHT, unlike the reference — a fixture for `cargo xtask verify`: exercise 36 that
//! moves `std::fs::write` onto tokio's blocking pool itself with
//! `tokio::task::spawn_blocking`, as `tokio::fs::write` does. It must pass every check.

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
            let body = body.await;
            let target = path.clone();
            tokio::task::spawn_blocking(move || std::fs::write(target, body))
                .await
                .map_err(io::Error::other)??;
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
