//! The engine: a frontier of pages, a page budget, a semaphore, and a way to stop.
//!
//! The coordinating loop owns all the crawl's state (what was seen, what is budgeted),
//! so it needs no locks: it spawns one task per page into a `JoinSet` and handles each
//! result as it arrives (`join_next`, lesson 4.2). Each task takes a permit from the
//! global semaphore (lesson 4.4), checks robots.txt, waits its turn for the host, and
//! fetches. Cancelling the token stops the crawl: no new page starts, pages in flight
//! are dropped, and every page already finished has been handed to `on_page`.

use crate::config::CrawlConfig;
use crate::fetch::Fetcher;
use crate::links::parse_page;
use crate::politeness::Politeness;
use crate::record::{ErrorKind, PageRecord, Summary};
use crate::robots::Robots;
use std::collections::HashSet;
use std::sync::Arc;
use tokio::sync::Semaphore;
use tokio::task::JoinSet;
use tokio::time::Instant;
use tokio_util::sync::CancellationToken;
use url::Url;

/// Why a crawl could not start.
#[derive(Debug, thiserror::Error)]
pub enum CrawlError {
    /// The HTTP client could not be built.
    #[error("could not set up the HTTP client: {0}")]
    Client(String),
}

/// What every page task shares.
struct Shared {
    config: CrawlConfig,
    fetcher: Fetcher,
    robots: Robots,
    politeness: Politeness,
    permits: Semaphore,
}

/// How far a crawl has got, handed to `on_page` with every finished page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CrawlProgress {
    /// Pages finished so far (this one included).
    pub done: usize,
    /// Pages started or waiting to start.
    pub queued: usize,
    /// Pages finished with an error so far.
    pub errors: usize,
}

// ANCHOR: engine
/// Crawls from `config.start`, calling `on_page` with each page as it is finished, until
/// the frontier is empty, the page budget is spent, or `stop` is cancelled.
pub async fn crawl(
    config: CrawlConfig,
    stop: CancellationToken,
    mut on_page: impl FnMut(&PageRecord, CrawlProgress),
) -> Result<Summary, CrawlError> {
    let started = Instant::now();
    let shared = Arc::new(Shared {
        fetcher: Fetcher::new(&config).map_err(|error| CrawlError::Client(error.to_string()))?,
        robots: Robots::new(),
        politeness: Politeness::new(),
        permits: Semaphore::new(config.concurrency.max(1)),
        config,
    });

    let start = shared.config.start.clone();
    let mut seen: HashSet<Url> = HashSet::from([start.clone()]);
    let mut pages = JoinSet::new();
    pages.spawn(visit(shared.clone(), start, 0));
    let mut summary = Summary::default();
    let mut stopped_early = false;

    loop {
        let finished = tokio::select! {
            biased;
            _ = stop.cancelled() => {
                stopped_early = true;
                break;
            }
            finished = pages.join_next() => finished,
        };
        let Some(finished) = finished else {
            break; // nothing left in flight and nothing queued: done
        };
        let Ok((record, links)) = finished else {
            continue; // a page task panicked: a bug, but the crawl goes on
        };
        summary.add(&record);
        if record.depth < shared.config.max_depth {
            for link in links {
                if seen.len() >= shared.config.max_pages {
                    break; // the page budget is spent
                }
                let same_host = link.host_str() == shared.config.start.host_str()
                    && link.port_or_known_default() == shared.config.start.port_or_known_default();
                if (same_host || shared.config.follow_other_hosts) && seen.insert(link.clone()) {
                    pages.spawn(visit(shared.clone(), link, record.depth + 1));
                }
            }
        }
        let progress = CrawlProgress {
            done: summary.pages,
            queued: pages.len(),
            errors: summary.errors.values().sum(),
        };
        on_page(&record, progress);
    }
    pages.abort_all(); // on a stop: drop the pages still in flight
    summary.finish(started.elapsed(), stopped_early);
    Ok(summary)
}
// ANCHOR_END: engine

// ANCHOR: visit
/// One page: permit, robots.txt, politeness, fetch, parse.
async fn visit(shared: Arc<Shared>, url: Url, depth: u32) -> (PageRecord, Vec<Url>) {
    let mut record = PageRecord {
        url: url.to_string(),
        depth,
        status: None,
        title: None,
        links_found: 0,
        error: None,
        elapsed_ms: 0,
    };
    let (allowed, crawl_delay) = shared.robots.check(&shared.fetcher, &url).await;
    if !allowed {
        record.error = Some(ErrorKind::DisallowedByRobots);
        return (record, Vec::new());
    }
    let delay = crawl_delay
        .unwrap_or_default()
        .max(shared.config.per_host_delay);
    let host = url.host_str().unwrap_or_default().to_string();
    shared.politeness.wait_turn(&host, delay).await;

    let _permit = shared
        .permits
        .acquire()
        .await
        .expect("the semaphore is never closed");
    let fetching = Instant::now();
    let outcome = shared.fetcher.fetch_page(&url).await;
    record.elapsed_ms = fetching.elapsed().as_millis() as u64;
    match outcome {
        Ok(page) => {
            // Parsed in a plain function: the non-Send document never meets an .await.
            let parsed = parse_page(&page.body, &page.final_url);
            record.status = Some(page.status);
            record.title = parsed.title;
            record.links_found = parsed.links.len();
            (record, parsed.links)
        }
        Err(error) => {
            if let crate::FetchError::Status(status) = error {
                record.status = Some(status);
            }
            record.error = Some(error.kind());
            (record, Vec::new())
        }
    }
}
// ANCHOR_END: visit
