//! `cargo xtask crawl [URL]`: the capstone crawler from the command line.
//!
//! With no URL it starts the demo site on 127.0.0.1 and crawls that, so it works with no
//! internet. Progress shows on a terminal; every page is written as a JSON line by a
//! writer task; Ctrl-C stops the crawl cleanly: every page fetched is kept, and every
//! page cut off gets a line saying `cancelled`.

use crate::usage::UsageError;
use crate::workspace;
use anyhow::{Context, Result, bail};
use console::style;
use crawler::site::{DemoSite, SiteConfig};
use crawler::{CrawlConfig, CrawlProgress, ErrorKind, ResultsFile, Summary, crawl};
use harness::{Ctx, Output, TimeMode};
use indicatif::{ProgressBar, ProgressStyle};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};
use tokio_util::sync::CancellationToken;
use url::Url;

/// The command-line options of `crawl`.
pub struct Options {
    /// Where to start; `None`: the demo site.
    pub url: Option<String>,
    /// Maximum link depth.
    pub depth: u32,
    /// Page budget.
    pub max_pages: usize,
    /// Requests in flight at once.
    pub concurrency: usize,
    /// Milliseconds between two requests to one host.
    pub delay_ms: u64,
    /// Seconds one request may take.
    pub timeout_s: u64,
    /// Where to write the JSON lines.
    pub out: Option<PathBuf>,
    /// Compare concurrency 1 with `concurrency` on the demo site instead.
    pub compare: bool,
}

/// Runs the crawl (or the comparison) on a multi-thread runtime.
pub fn run(options: Options) -> Result<ExitCode> {
    let start = match &options.url {
        Some(text) => Some(start_url(text)?),
        None => None,
    };
    if options.concurrency == 0 {
        return Err(UsageError("--concurrency must be at least 1".into()).into());
    }
    if options.compare {
        return compare(&options);
    }
    let runtime = tokio::runtime::Runtime::new().context("starting the tokio runtime")?;
    runtime.block_on(crawl_and_save(start, &options))
}

/// The start URL the learner typed: an `http` or `https` address, or a usage error.
fn start_url(text: &str) -> Result<Url, UsageError> {
    let url = Url::parse(text).map_err(|error| {
        UsageError(format!(
            "{text:?} is not a URL ({error}); try e.g. https://example.com/"
        ))
    })?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(UsageError(format!(
            "{text:?} is not a web address (its scheme is {}:); the crawler fetches pages \
             over http or https, e.g. https://example.com/",
            url.scheme()
        )));
    }
    Ok(url)
}

fn config(start: Url, options: &Options) -> CrawlConfig {
    CrawlConfig {
        max_depth: options.depth,
        max_pages: options.max_pages,
        concurrency: options.concurrency,
        per_host_delay: Duration::from_millis(options.delay_ms),
        request_timeout: Duration::from_secs(options.timeout_s.max(1)),
        ..CrawlConfig::new(start)
    }
}

async fn crawl_and_save(start: Option<Url>, options: &Options) -> Result<ExitCode> {
    // Keep the site alive for the whole crawl; it stops when dropped.
    let mut _site = None;
    let start = match start {
        Some(url) => url,
        None => {
            let site = DemoSite::start(SiteConfig::default())
                .await
                .context("starting the demo site on 127.0.0.1")?;
            println!("The demo site is serving on {}", style(&site.base).cyan());
            let base = site.base.clone();
            _site = Some(site);
            base
        }
    };
    let out = options
        .out
        .clone()
        .unwrap_or_else(|| workspace::target_dir().join("crawl.jsonl"));
    if let Some(parent) = out.parent() {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("creating {}", parent.display()))?;
    }
    let results = ResultsFile::create(&out)
        .await
        .with_context(|| format!("creating {}", out.display()))?;

    let start_page = start.to_string(); // for an error message at the end
    // ANCHOR: clean_stop
    let stop = CancellationToken::new();
    let on_ctrl_c = stop.clone();
    tokio::spawn(async move {
        if tokio::signal::ctrl_c().await.is_ok() {
            on_ctrl_c.cancel();
        }
    });

    let bar = ProgressBar::new_spinner().with_style(
        ProgressStyle::with_template("{spinner} {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_spinner()),
    );
    bar.enable_steady_tick(Duration::from_millis(100));
    let started = Instant::now();
    println!(
        "Crawling {start} (depth {}, at most {} pages, {} at once)…",
        options.depth, options.max_pages, options.concurrency
    );
    let summary = crawl(config(start, options), stop, |record, progress| {
        results.write(record); // to the writer task: the callback never waits
        bar.set_message(progress_line(progress, started.elapsed()));
    })
    .await?;
    let lines = results
        .finish()
        .await
        .with_context(|| format!("writing {}", out.display()))?;
    // ANCHOR_END: clean_stop
    bar.finish_and_clear();
    print!("{}", summary.render());
    println!(
        "Results: {} ({lines} JSON lines)",
        style(out.display()).underlined(),
    );
    match failed_start(&summary, &out, options) {
        Some(reason) => bail!("could not fetch the start page {start_page}: {reason}"),
        None => Ok(ExitCode::SUCCESS),
    }
}

/// Why the start page could not be fetched at all, when it was the only page of the
/// crawl and failed — or `None` if the crawl got something (a page with no links, or not
/// HTML, counts) or was stopped (Ctrl-C). Like other crawlers, a crawl that could fetch
/// nothing is a failure, with the reason. The status comes from the results file's line.
fn failed_start(summary: &Summary, out: &Path, options: &Options) -> Option<String> {
    if summary.pages != 1 {
        return None;
    }
    let kind = *summary.errors.keys().next()?;
    Some(match kind {
        ErrorKind::Cancelled | ErrorKind::NotHtml => return None,
        ErrorKind::Connect => "could not connect to the host".into(),
        ErrorKind::Timeout => format!(
            "no complete answer within --timeout {} s",
            options.timeout_s.max(1)
        ),
        ErrorKind::HttpStatus => match status_written(out) {
            Some(status) => format!("the server answered HTTP {status}"),
            None => "the server answered with an error status".into(),
        },
        ErrorKind::TooLarge => "the page is larger than the crawler's size cap".into(),
        ErrorKind::TooManyRedirects => "too many redirects (a redirect loop?)".into(),
        ErrorKind::DisallowedByRobots => "the site's robots.txt disallows it".into(),
        ErrorKind::Other => "the request failed".into(),
    })
}

/// The HTTP status in the first line of the results file, if there is one.
fn status_written(out: &Path) -> Option<u64> {
    let text = std::fs::read_to_string(out).ok()?;
    let line: serde_json::Value = serde_json::from_str(text.lines().next()?).ok()?;
    line["status"].as_u64()
}

fn progress_line(progress: CrawlProgress, elapsed: Duration) -> String {
    format!(
        "{} done · {} queued · {} errors · {:.1} pages/s",
        progress.done,
        progress.queued,
        progress.errors,
        progress.done as f64 / elapsed.as_secs_f64().max(0.001)
    )
}

/// Concurrency 1 against `--concurrency` on the demo site: lesson 4.5's comparison.
fn compare(options: &Options) -> Result<ExitCode> {
    let runtime = TimeMode::Real
        .runtime()
        .context("starting the tokio runtime")?;
    runtime.block_on(async {
        let ctx = Ctx::new(TimeMode::Real, Output::Terminal);
        crawler::lesson::one_at_a_time_vs(ctx, options.concurrency).await;
    });
    Ok(ExitCode::SUCCESS)
}
