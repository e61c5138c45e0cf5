//! The engine: a frontier of pages, a page budget, the limits, and a way to stop.
//!
//! The coordinating loop owns all the crawl's state (what was seen, what is budgeted),
//! so it needs no locks: it spawns one task per page into a `JoinSet` and handles each
//! result as it arrives (`join_next`, lesson 4.2). Each task checks robots.txt, then
//! takes a permit from the global semaphore (lesson 4.4) and waits its turn for the
//! host, and fetches. Cancelling the token stops the crawl: no new page starts, the
//! pages in flight are aborted and each is reported as `Cancelled`, so every page the
//! crawl took on reaches `on_page` exactly once.

use crate::config::CrawlConfig;
use crate::fetch::Fetcher;
use crate::limits::Limits;
use crate::links::parse_page;
use crate::record::{ErrorKind, PageRecord, Summary};
use crate::robots::Robots;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use tokio::task::{self, JoinSet};
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
    limits: Limits,
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
        robots: Robots::new(&config.user_agent),
        limits: Limits::new(config.concurrency),
        config,
    });

    let start = shared.config.start.clone();
    let mut seen: HashSet<Url> = HashSet::from([start.clone()]);
    let mut pages = PagesInFlight::default();
    pages.spawn(&shared, start, 0);
    let mut summary = Summary::default();
    let mut stopped_early = false;

    loop {
        let finished = tokio::select! {
            biased;
            _ = stop.cancelled() => {
                stopped_early = true;
                break;
            }
            finished = pages.next() => finished,
        };
        let Some((record, links)) = finished else {
            break; // nothing left in flight and nothing queued: done
        };
        if record.depth < shared.config.max_depth {
            for link in links {
                if seen.len() >= shared.config.max_pages {
                    break; // the page budget is spent
                }
                let same_host = link.host_str() == shared.config.start.host_str()
                    && link.port_or_known_default() == shared.config.start.port_or_known_default();
                if (same_host || shared.config.follow_other_hosts) && seen.insert(link.clone()) {
                    pages.spawn(&shared, link, record.depth + 1);
                }
            }
        }
        summary.add(&record);
        on_page(&record, summary.progress(pages.len()));
    }
    // On a stop, every page still in flight is cancelled and reported as such, so each
    // page the crawl took on ends as exactly one record.
    let mut cut_off = pages.cancel_all().await;
    while let Some(record) = cut_off.pop() {
        summary.add(&record);
        on_page(&record, summary.progress(cut_off.len()));
    }
    summary.finish(started.elapsed(), stopped_early);
    Ok(summary)
}
// ANCHOR_END: engine

// ANCHOR: in_flight
/// The page tasks running now, and which page each one is visiting.
#[derive(Default)]
struct PagesInFlight {
    tasks: JoinSet<(PageRecord, Vec<Url>)>,
    pages: HashMap<task::Id, (Url, u32)>,
}

impl PagesInFlight {
    /// Starts visiting `url`.
    fn spawn(&mut self, shared: &Arc<Shared>, url: Url, depth: u32) {
        let task = self.tasks.spawn(visit(shared.clone(), url.clone(), depth));
        self.pages.insert(task.id(), (url, depth));
    }

    /// How many pages are in flight.
    fn len(&self) -> usize {
        self.tasks.len()
    }

    /// The next page to finish, with its links; `None` when none is left. A task that
    /// was aborted (or panicked: a bug) still gives its page's record, marked
    /// `Cancelled` (or `Other`). Cancel-safe, so it can be a `select!` branch.
    async fn next(&mut self) -> Option<(PageRecord, Vec<Url>)> {
        match self.tasks.join_next_with_id().await? {
            Ok((id, page)) => {
                self.pages.remove(&id);
                Some(page)
            }
            Err(error) => {
                let (url, depth) = self.pages.remove(&error.id())?;
                let kind = if error.is_cancelled() {
                    ErrorKind::Cancelled
                } else {
                    ErrorKind::Other
                };
                Some((PageRecord::failed(&url, depth, kind), Vec::new()))
            }
        }
    }

    /// Aborts every page still in flight and waits for the tasks to end; returns each
    /// page's record: `Cancelled`, or its real record if it finished in the meantime.
    async fn cancel_all(mut self) -> Vec<PageRecord> {
        self.tasks.abort_all();
        let mut records = Vec::new();
        while let Some((record, _links)) = self.next().await {
            records.push(record);
        }
        records
    }
}
// ANCHOR_END: in_flight

// ANCHOR: visit
/// One page: robots.txt, then a permit and the host's turn, then fetch and parse.
async fn visit(shared: Arc<Shared>, url: Url, depth: u32) -> (PageRecord, Vec<Url>) {
    let mut record = PageRecord::new(&url, depth);
    let (allowed, crawl_delay) = shared
        .robots
        .check(&url, |robots_url| fetch_robots(&shared, robots_url))
        .await;
    if !allowed {
        record.error = Some(ErrorKind::DisallowedByRobots);
        return (record, Vec::new());
    }
    let delay = crawl_delay
        .unwrap_or_default()
        .max(shared.config.per_host_delay);
    let host = url.host_str().unwrap_or_default().to_string();
    let _permit = shared.limits.clear_to_send(&host, delay).await;
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

// ANCHOR: fetch_robots
/// robots.txt is a request like any other: it waits for a permit and its host's turn.
async fn fetch_robots(shared: &Shared, robots_url: Url) -> Option<String> {
    let host = robots_url.host_str().unwrap_or_default().to_string();
    let _permit = shared
        .limits
        .clear_to_send(&host, shared.config.per_host_delay)
        .await;
    shared.fetcher.fetch_text(&robots_url).await
}
// ANCHOR_END: fetch_robots
