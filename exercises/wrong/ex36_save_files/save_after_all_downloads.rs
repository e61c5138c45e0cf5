//! WRONG on purpose — a fixture for `cargo xtask verify`: exercise 36 that downloads
//! everything at once (`join_all`) and only then saves the bodies. The total time is
//! right (the slowest download), but a file that could have been on disk after 1 s waits
//! for the 3 s download; the check
//! `each_file_is_saved_while_slower_downloads_still_run` must catch it.

use futures::future::{join_all, try_join_all};
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
    let bodies = join_all(urls.iter().map(|url| download(url))).await;
    let saves = urls.iter().zip(bodies).map(|(url, body)| {
        let path = file_for(dir, url);
        async move {
            tokio::fs::write(&path, body).await?;
            Ok::<_, io::Error>(path)
        }
    });
    try_join_all(saves).await
}

/// Reads every file in `paths`, all at once; the contents come back in the order of
/// `paths`.
pub async fn read_back(paths: &[PathBuf]) -> io::Result<Vec<Vec<u8>>> {
    try_join_all(paths.iter().map(tokio::fs::read)).await
}
