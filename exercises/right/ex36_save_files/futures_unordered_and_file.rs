//! RIGHT, unlike the reference — a fixture for `cargo xtask verify`: exercise 36 with a
//! `FuturesUnordered` of (index, path) jobs that write through `tokio::fs::File` +
//! `write_all` + `flush`, and `read_back` on a `JoinSet` of spawned reads put back in
//! order by index. It must pass every check.

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
    use futures::stream::{FuturesUnordered, StreamExt};
    use tokio::io::AsyncWriteExt;
    let mut jobs: FuturesUnordered<_> = urls
        .iter()
        .enumerate()
        .map(|(i, url)| {
            let path = file_for(dir, url);
            let body = download(url);
            async move {
                let body = body.await;
                let mut file = tokio::fs::File::create(&path).await?;
                file.write_all(&body).await?;
                file.flush().await?;
                Ok::<_, io::Error>((i, path))
            }
        })
        .collect();
    let mut out = vec![PathBuf::new(); urls.len()];
    while let Some(done) = jobs.next().await {
        let (i, path) = done?;
        out[i] = path;
    }
    Ok(out)
}

/// Reads every file in `paths`, all at once; the contents come back in the order of
/// `paths`.
pub async fn read_back(paths: &[PathBuf]) -> io::Result<Vec<Vec<u8>>> {
    let mut set = tokio::task::JoinSet::new();
    for (i, p) in paths.iter().cloned().enumerate() {
        set.spawn(async move { (i, tokio::fs::read(p).await) });
    }
    let mut out = vec![Vec::new(); paths.len()];
    while let Some(res) = set.join_next().await {
        let (i, bytes) = res.expect("read task panicked");
        out[i] = bytes?;
    }
    Ok(out)
}
