//! Files with `tokio::fs`: many files at once, and what that really costs.
//!
//! Most operating systems have no asynchronous API for ordinary files, so `tokio::fs`
//! does what Python's aiofiles does: it hands each call to a pool of threads — tokio's
//! blocking pool, through `spawn_blocking` — and awaits the answer. The runtime's own
//! thread never blocks, and many files can be written at once, but every call is a trip
//! to another thread and back. When there are many small operations, one
//! `spawn_blocking` running a plain loop of `std::fs` calls makes one trip instead of
//! many (tokio's own `fs` docs recommend batching like this).
//!
//! A `tokio::fs::File` is different from a `std::fs::File` in one way that bites:
//! `write_all` returns as soon as the bytes have been handed to a background write, not
//! once they are written. `flush` waits for that write to finish and returns its error,
//! if any. Without it the write still happens, only later — code that opens the file
//! straight afterwards may not see it yet — and an error in it goes unnoticed.
//!
//! While a blocking-pool task runs, tokio's paused clock does not jump ahead (tokio's
//! `time::pause` docs say so), so these file operations also work under `--instant`.
//! Every demo and test here works in a fresh folder under the system's temporary
//! directory and removes it at the end.

use harness::{Ctx, Timeline};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;
use tokio::io::AsyncWriteExt;
use tokio::task::JoinSet;

/// The pages the demo "downloads": a name and how long its download takes.
pub const PAGES: [(&str, Duration); 4] = [
    ("page1", Duration::from_millis(1200)),
    ("page2", Duration::from_millis(400)),
    ("page3", Duration::from_millis(800)),
    ("page4", Duration::from_millis(200)),
];

// ANCHOR: save_all
/// Writes every `(file name, contents)` pair into `dir`, all at once.
pub async fn save_all(dir: &Path, pages: &[(String, String)]) -> io::Result<()> {
    let writes = pages
        .iter()
        .map(|(name, contents)| tokio::fs::write(dir.join(name), contents));
    futures::future::try_join_all(writes).await?; // the first error, if any, ends it
    Ok(())
}
// ANCHOR_END: save_all

// ANCHOR: read_all
/// Reads the named files from `dir`, all at once, in the order given.
pub async fn read_all(dir: &Path, names: &[String]) -> io::Result<Vec<String>> {
    let reads = names
        .iter()
        .map(|name| tokio::fs::read_to_string(dir.join(name)));
    futures::future::try_join_all(reads).await
}
// ANCHOR_END: read_all

// ANCHOR: one_blocking_batch
/// The same writes as [`save_all`], as one trip to the blocking pool: a plain loop of
/// `std::fs` calls on one of its threads, instead of one `tokio::fs` trip per file.
pub async fn save_all_in_one_batch(dir: PathBuf, pages: Vec<(String, String)>) -> io::Result<()> {
    tokio::task::spawn_blocking(move || {
        for (name, contents) in pages {
            std::fs::write(dir.join(name), contents)?; // blocking, and that is fine here
        }
        Ok(())
    })
    .await
    .expect("the batch of writes does not panic")
}
// ANCHOR_END: one_blocking_batch

// ANCHOR: append_with_file
/// Appends `lines` to the file at `path`, creating it if needed.
pub async fn append_lines(path: &Path, lines: &[&str]) -> io::Result<()> {
    let mut file = tokio::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .await?;
    for line in lines {
        file.write_all(line.as_bytes()).await?;
        file.write_all(b"\n").await?;
    }
    // write_all returned once the bytes were handed to a background write; flush waits
    // for that write to finish, and is where its error, if any, comes out.
    file.flush().await?;
    Ok(())
}
// ANCHOR_END: append_with_file

// ANCHOR: download_and_save
/// Stands in for an HTTP request: waits `delay`, then returns the page's "body".
pub async fn download(name: &str, delay: Duration) -> String {
    tokio::time::sleep(delay).await;
    format!("<html><body>the contents of {name}</body></html>\n")
}

/// Downloads every page and saves each one as soon as it arrives, all concurrently.
/// Returns the paths written, in the order the pages were saved.
pub async fn save_as_they_arrive(
    timeline: &Timeline,
    dir: &Path,
    pages: &[(&str, Duration)],
) -> io::Result<Vec<PathBuf>> {
    let mut tasks = JoinSet::new();
    for &(name, delay) in pages {
        let (timeline, path) = (timeline.clone(), dir.join(format!("{name}.html")));
        let name = name.to_string(); // the task may outlive `pages`: it gets its own copy
        tasks.spawn(async move {
            let body = timeline
                .record(format!("{name} download"), download(&name, delay))
                .await;
            let save = tokio::fs::write(&path, body);
            timeline.record(format!("{name} save"), save).await?;
            Ok::<_, io::Error>(path)
        });
    }
    let mut saved = Vec::new();
    while let Some(done) = tasks.join_next().await {
        saved.push(done.expect("a download task does not panic")?);
    }
    Ok(saved)
}
// ANCHOR_END: download_and_save

/// A fresh, empty folder under the system's temporary directory.
pub async fn fresh_temp_dir(purpose: &str) -> io::Result<PathBuf> {
    static NEXT: AtomicU32 = AtomicU32::new(0);
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!(
        "async-workbook-{purpose}-{}-{n}",
        std::process::id()
    ));
    if tokio::fs::try_exists(&dir).await? {
        tokio::fs::remove_dir_all(&dir).await?;
    }
    tokio::fs::create_dir_all(&dir).await?;
    Ok(dir)
}

/// The demo's steps, in `dir`.
async fn walk_through(ctx: &Ctx, dir: &Path) -> io::Result<()> {
    let timeline = ctx.new_timeline();
    let saved = save_as_they_arrive(&timeline, dir, &PAGES).await?;
    let order: Vec<_> = saved
        .iter()
        .filter_map(|path| path.file_stem())
        .map(|name| name.to_string_lossy())
        .collect();
    let sum: Duration = PAGES.iter().map(|(_, delay)| *delay).sum();
    ctx.log(format!(
        "saved {} in {:.2} s (the longest download), not {:.2} s (the sum)",
        order.join(", "),
        timeline.elapsed().as_secs_f64(),
        sum.as_secs_f64()
    ));
    ctx.show_timeline(
        "each page saved as soon as its download ends (the saves take a few ms at most)",
        &timeline,
    );
    ctx.say("");

    let names: Vec<String> = PAGES
        .iter()
        .map(|(name, _)| format!("{name}.html"))
        .collect();
    let contents = read_all(dir, &names).await?;
    let complete = contents.iter().filter(|text| text.ends_with("</html>\n"));
    ctx.log(format!(
        "read back {} files at once with read_all: {} complete",
        contents.len(),
        complete.count()
    ));

    let copies: Vec<(String, String)> = names
        .iter()
        .zip(&contents)
        .map(|(name, text)| (format!("copy-of-{name}"), text.clone()))
        .collect();
    save_all(dir, &copies).await?;
    ctx.log(format!(
        "save_all: {} more files, one trip to the blocking pool each",
        copies.len()
    ));
    let batch = copies
        .into_iter()
        .map(|(name, text)| (format!("batch-{name}"), text))
        .collect();
    save_all_in_one_batch(dir.to_path_buf(), batch).await?;
    ctx.log("save_all_in_one_batch: the same 4 writes, one trip in all");

    let log = dir.join("downloads.log");
    append_lines(&log, &["page1 ok", "page2 ok"]).await?;
    append_lines(&log, &["page3 ok", "page4 ok"]).await?;
    let written = tokio::fs::read_to_string(&log).await?;
    ctx.log(format!(
        "downloads.log after two appends (each flushed): {} lines",
        written.lines().count()
    ));
    Ok(())
}

/// Demo `4.6.files`: four downloads of different lengths, each page saved with
/// `tokio::fs` the moment it arrives; then read back, written again as one batch, and a
/// log file appended to through a `tokio::fs::File` — in a fresh temporary folder,
/// removed at the end.
pub async fn download_and_save(ctx: Ctx) {
    let dir = match fresh_temp_dir("files").await {
        Ok(dir) => dir,
        Err(error) => {
            ctx.say(format!("could not create a temporary folder: {error}"));
            return;
        }
    };
    ctx.say("Working in a fresh folder in the system's temporary directory.");
    if let Err(error) = walk_through(&ctx, &dir).await {
        ctx.say(format!("a file operation failed: {error}"));
    }
    if let Err(error) = tokio::fs::remove_dir_all(&dir).await {
        ctx.say(format!("could not remove {}: {error}", dir.display()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::time::Instant;

    fn pages(n: usize) -> Vec<(String, String)> {
        (0..n)
            .map(|i| (format!("f{i}.txt"), format!("file {i}\n").repeat(i + 1)))
            .collect()
    }

    #[tokio::test(start_paused = true)]
    async fn save_all_then_read_all_gets_every_file_back_whole() {
        let dir = fresh_temp_dir("test-save").await.unwrap();
        let pages = pages(20);
        save_all(&dir, &pages).await.unwrap();
        let names: Vec<String> = pages.iter().map(|(name, _)| name.clone()).collect();
        let back = read_all(&dir, &names).await.unwrap();
        let expected: Vec<String> = pages.into_iter().map(|(_, text)| text).collect();
        assert_eq!(back, expected);
        tokio::fs::remove_dir_all(&dir).await.unwrap();
    }

    #[tokio::test(start_paused = true)]
    async fn one_batch_writes_the_same_files() {
        let dir = fresh_temp_dir("test-batch").await.unwrap();
        let pages = pages(5);
        save_all_in_one_batch(dir.clone(), pages.clone())
            .await
            .unwrap();
        for (name, text) in pages {
            assert_eq!(std::fs::read_to_string(dir.join(name)).unwrap(), text);
        }
        tokio::fs::remove_dir_all(&dir).await.unwrap();
    }

    #[tokio::test(start_paused = true)]
    async fn append_with_file_keeps_every_line_in_order() {
        let dir = fresh_temp_dir("test-append").await.unwrap();
        let log = dir.join("log.txt");
        append_lines(&log, &["a", "b"]).await.unwrap();
        append_lines(&log, &["c"]).await.unwrap();
        // Read with std::fs, straight after: flush made sure the writes had finished.
        assert_eq!(std::fs::read_to_string(&log).unwrap(), "a\nb\nc\n");
        tokio::fs::remove_dir_all(&dir).await.unwrap();
    }

    /// tokio::fs on the paused clock: the clock does not jump while a file operation
    /// runs on the blocking pool, so the downloads take exactly their virtual time and
    /// each page is saved the moment its download ends.
    #[tokio::test(start_paused = true)]
    async fn each_page_is_saved_as_soon_as_it_arrives_all_concurrently() {
        let dir = fresh_temp_dir("test-download").await.unwrap();
        let timeline = Timeline::start();
        let start = Instant::now();
        let saved = save_as_they_arrive(&timeline, &dir, &PAGES).await.unwrap();
        assert_eq!(start.elapsed(), Duration::from_millis(1200), "the longest");
        let order: Vec<String> = saved
            .iter()
            .map(|path| path.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(
            order,
            ["page4.html", "page2.html", "page3.html", "page1.html"]
        );
        for (name, delay) in PAGES {
            let save = timeline
                .spans()
                .into_iter()
                .find(|span| span.label == format!("{name} save"))
                .unwrap();
            assert_eq!(save.start, delay, "{name} saved when its download ended");
            let text = std::fs::read_to_string(dir.join(format!("{name}.html"))).unwrap();
            assert!(text.contains(name), "{text}");
        }
        tokio::fs::remove_dir_all(&dir).await.unwrap();
    }
}
