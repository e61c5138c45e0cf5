//! WRONG on purpose — a fixture for `cargo xtask verify`: exercise 36 that downloads and
//! saves one URL after another in a `for` loop, as synchronous code would. Every file is
//! saved whole, but downloads of 1, 3 and 2 s take 6 s instead of 3; the check
//! `the_downloads_run_at_once` must catch it.

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
    let mut paths = Vec::new();
    for url in urls {
        let body = download(url).await;
        let path = file_for(dir, url);
        tokio::fs::write(&path, body).await?;
        paths.push(path);
    }
    Ok(paths)
}

/// Reads every file in `paths`, all at once; the contents come back in the order of
/// `paths`.
pub async fn read_back(paths: &[PathBuf]) -> io::Result<Vec<Vec<u8>>> {
    try_join_all(paths.iter().map(tokio::fs::read)).await
}
