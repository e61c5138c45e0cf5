//! The results file: one JSON line per page, written by a task of its own.
//!
//! The crawl hands each finished page to a callback, which is a plain function: it must
//! not wait, and it must not block the runtime with file I/O. So the callback only sends
//! the record down a channel; a writer task receives it, writes its line with
//! `tokio::fs` and flushes, one line at a time.

use crate::record::PageRecord;
use std::io;
use std::path::Path;
use tokio::io::AsyncWriteExt;
use tokio::sync::mpsc;
use tokio::task::JoinHandle;

/// A JSON-lines file being written by its own task.
pub struct ResultsFile {
    records: mpsc::UnboundedSender<PageRecord>,
    writer: JoinHandle<io::Result<usize>>,
}

// ANCHOR: results_file
impl ResultsFile {
    /// Creates (or empties) the file at `path` and starts the task that writes it.
    pub async fn create(path: &Path) -> io::Result<ResultsFile> {
        let file = tokio::fs::File::create(path).await?;
        // Unbounded, because `write` is called from a callback that cannot wait; the
        // page budget bounds it, and a line is written far faster than a page is fetched.
        let (records, received) = mpsc::unbounded_channel();
        let writer = tokio::spawn(write_lines(file, received));
        Ok(ResultsFile { records, writer })
    }

    /// Queues `record` for writing; returns at once. A write error is reported by
    /// [`ResultsFile::finish`].
    pub fn write(&self, record: &PageRecord) {
        // Fails only if the writer task has stopped on an error, which `finish` returns.
        let _ = self.records.send(record.clone());
    }

    /// Waits until every queued line is written; returns how many lines were.
    pub async fn finish(self) -> io::Result<usize> {
        drop(self.records); // closes the channel: the writer ends after the last line
        self.writer.await.map_err(io::Error::other)?
    }
}

/// The writer task: each line is written and flushed before the next is taken.
async fn write_lines(
    mut file: tokio::fs::File,
    mut records: mpsc::UnboundedReceiver<PageRecord>,
) -> io::Result<usize> {
    let mut written = 0;
    while let Some(record) = records.recv().await {
        let mut line = serde_json::to_vec(&record)?;
        line.push(b'\n');
        file.write_all(&line).await?;
        // tokio::fs runs the write on a blocking thread; `flush` waits until it is done,
        // so the line is in the operating system's hands (not necessarily on the disk
        // itself: that would take `sync_data`).
        file.flush().await?;
        written += 1;
    }
    Ok(written)
}
// ANCHOR_END: results_file

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;
    use url::Url;

    fn record(n: u32) -> PageRecord {
        let url = Url::parse(&format!("http://site.test/page/{n}")).unwrap();
        PageRecord::new(&url, n)
    }

    /// The lines of `path` once it has `lines` of them, polling for up to 5 s.
    async fn wait_for_lines(path: &Path, lines: usize) -> Vec<String> {
        let deadline = tokio::time::Instant::now() + Duration::from_secs(5);
        loop {
            let text = tokio::fs::read_to_string(path).await.unwrap_or_default();
            let got: Vec<String> = text.lines().map(str::to_string).collect();
            if got.len() >= lines || tokio::time::Instant::now() > deadline {
                return got;
            }
            tokio::time::sleep(Duration::from_millis(1)).await;
        }
    }

    #[tokio::test]
    async fn each_line_is_in_the_file_while_the_crawl_is_still_running() {
        let path =
            std::env::temp_dir().join(format!("crawler-results-test-{}.jsonl", std::process::id()));
        let results = ResultsFile::create(&path).await.unwrap();
        results.write(&record(1));
        // Not finished, the channel still open: the first line must already be written.
        let first = wait_for_lines(&path, 1).await;
        assert_eq!(first.len(), 1, "the first line was not written: {first:?}");
        let parsed: serde_json::Value = serde_json::from_str(&first[0]).unwrap();
        assert_eq!(parsed["url"], "http://site.test/page/1");

        results.write(&record(2));
        assert_eq!(results.finish().await.unwrap(), 2);
        let text = std::fs::read_to_string(&path).unwrap();
        assert_eq!(text.lines().count(), 2);
        std::fs::remove_file(&path).unwrap();
    }
}
