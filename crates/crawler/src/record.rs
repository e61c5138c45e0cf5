//! What the crawler writes for each page, and the summary of a whole crawl.

use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt::Write;
use std::time::Duration;

/// Why a page produced no content. Written as `snake_case` in the JSON lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    /// The request took longer than the timeout (a slow page, a dripping body).
    Timeout,
    /// The host could not be reached.
    Connect,
    /// The server answered with an error status (404, 500, 429 after retries…).
    HttpStatus,
    /// The body was larger than the cap.
    TooLarge,
    /// More redirects than allowed (a redirect loop).
    TooManyRedirects,
    /// Not HTML (JSON, images…): not parsed.
    NotHtml,
    /// robots.txt asks crawlers to stay away.
    DisallowedByRobots,
    /// The crawl was stopped (Ctrl-C) before this page was finished: it may or may not
    /// have reached the server, and nothing of it was kept. Not the site's fault.
    Cancelled,
    /// Anything else.
    Other,
}

/// One line of the crawl's JSON-lines output.
#[derive(Debug, Clone, Serialize)]
pub struct PageRecord {
    /// The page's (normalised) address.
    pub url: String,
    /// How many links from the start page.
    pub depth: u32,
    /// The HTTP status, if a response arrived.
    pub status: Option<u16>,
    /// The page's `<title>`, if it had one.
    pub title: Option<String>,
    /// How many followable links the page had.
    pub links_found: usize,
    /// Why the page failed, if it did.
    pub error: Option<ErrorKind>,
    /// How long the fetch took, in milliseconds (waiting for politeness excluded).
    pub elapsed_ms: u64,
}

impl PageRecord {
    /// A page not yet visited: no status, no title, no error yet.
    pub fn new(url: &url::Url, depth: u32) -> PageRecord {
        PageRecord {
            url: url.to_string(),
            depth,
            status: None,
            title: None,
            links_found: 0,
            error: None,
            elapsed_ms: 0,
        }
    }

    /// A page that ended with `error` before anything of it was known.
    pub fn failed(url: &url::Url, depth: u32, error: ErrorKind) -> PageRecord {
        PageRecord {
            error: Some(error),
            ..PageRecord::new(url, depth)
        }
    }
}

/// The totals of a crawl.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Summary {
    /// Pages attempted.
    pub pages: usize,
    /// Failed pages, by kind.
    pub errors: BTreeMap<ErrorKind, usize>,
    /// Pages per depth.
    pub depth_histogram: BTreeMap<u32, usize>,
    /// Wall time of the whole crawl, in seconds.
    pub seconds: f64,
    /// Whether the crawl was stopped early (Ctrl-C or a cancelled token).
    pub stopped_early: bool,
}

impl Summary {
    /// Counts one page in.
    pub fn add(&mut self, record: &PageRecord) {
        self.pages += 1;
        *self.depth_histogram.entry(record.depth).or_default() += 1;
        if let Some(kind) = record.error {
            *self.errors.entry(kind).or_default() += 1;
        }
    }

    /// The progress to report with the page just added, `queued` pages still to come.
    pub fn progress(&self, queued: usize) -> crate::CrawlProgress {
        crate::CrawlProgress {
            done: self.pages,
            queued,
            errors: self.errors.values().sum(),
        }
    }

    /// Pages per second over the whole crawl.
    pub fn pages_per_second(&self) -> f64 {
        if self.seconds > 0.0 {
            self.pages as f64 / self.seconds
        } else {
            0.0
        }
    }

    /// Records the crawl's duration.
    pub fn finish(&mut self, elapsed: Duration, stopped_early: bool) {
        self.seconds = elapsed.as_secs_f64();
        self.stopped_early = stopped_early;
    }

    /// A few lines for the terminal: totals, errors by kind, a depth histogram.
    pub fn render(&self) -> String {
        let mut out = String::new();
        let errors: usize = self.errors.values().sum();
        let _ = writeln!(
            out,
            "{} pages in {:.2} s ({:.1} pages/s), {} errors{}",
            self.pages,
            self.seconds,
            self.pages_per_second(),
            errors,
            if self.stopped_early {
                " — stopped early"
            } else {
                ""
            }
        );
        for (kind, count) in &self.errors {
            let _ = writeln!(out, "  {kind:?}: {count}");
        }
        let widest = self.depth_histogram.values().copied().max().unwrap_or(1);
        for (depth, count) in &self.depth_histogram {
            let bar = "█".repeat((count * 40).div_ceil(widest));
            let _ = writeln!(out, "  depth {depth}: {bar} {count}");
        }
        out
    }
}
