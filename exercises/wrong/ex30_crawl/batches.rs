//! WRONG on purpose — a fixture for `cargo xtask verify`: the crawl fetches each level in
//! batches of `concurrency` (`chunks` + `join_all`) and waits for the slowest page of a
//! batch before starting the next, so a place freed by a quick page stays empty while a
//! slow one loads. With pages that all take the same time it looks perfect; the check
//! `a_place_freed_by_a_quick_page_is_taken_while_a_slow_one_loads` must catch it.

use crawler::links::parse_page;
use crawler::{CrawlConfig, FetchError, Fetched, Fetcher};
use std::collections::HashSet;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Instant;
use url::Url;

/// One page of the crawl's result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// The page's URL, normalised (as `parse_page` gives links).
    pub url: String,
    /// How many links away from the start page it is (the start page is 0).
    pub depth: u32,
    /// The page's `<title>`, if it has one.
    pub title: Option<String>,
}

/// What the gauge has seen.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Load {
    /// Fetches in flight now.
    pub in_flight: usize,
    /// The most fetches that were ever in flight at once.
    pub peak: usize,
    /// Every URL fetched, in the order the fetches started.
    pub fetched: Vec<String>,
    /// Each fetch: its URL, when it started and, once it has, when it ended. The grader
    /// draws these when a check fails.
    pub visits: Vec<(String, Instant, Option<Instant>)>,
}

/// Counts the fetches in flight, so the grader can see your concurrency.
/// Clones share the count: clone it into tasks if you spawn any.
#[derive(Debug, Clone, Default)]
pub struct Gauge {
    load: Arc<Mutex<Load>>,
}

/// Counts one fetch in flight for as long as it lives (the fetch's place in `visits`).
struct InFlight(Gauge, usize);

impl Drop for InFlight {
    fn drop(&mut self) {
        let mut load = self.0.lock();
        load.in_flight -= 1;
        load.visits[self.1].2 = Some(Instant::now());
    }
}

impl Gauge {
    /// A gauge that has seen nothing yet.
    pub fn new() -> Gauge {
        Gauge::default()
    }

    fn lock(&self) -> MutexGuard<'_, Load> {
        self.load.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Fetches `url` with `fetcher`, counted. Make every fetch of the crawl through this.
    pub async fn fetch(&self, fetcher: &Fetcher, url: &Url) -> Result<Fetched, FetchError> {
        let _in_flight = {
            let mut load = self.lock();
            load.in_flight += 1;
            load.peak = load.peak.max(load.in_flight);
            load.fetched.push(url.to_string());
            load.visits.push((url.to_string(), Instant::now(), None));
            InFlight(self.clone(), load.visits.len() - 1)
        };
        fetcher.fetch_page(url).await
    }

    /// What the gauge has seen so far.
    pub fn load(&self) -> Load {
        self.lock().clone()
    }
}

/// Whether `link` is on the same host (name and port) as `start`.
fn same_host(link: &Url, start: &Url) -> bool {
    link.host_str() == start.host_str()
        && link.port_or_known_default() == start.port_or_known_default()
}

/// Crawls from `start`, breadth-first, to `max_depth` links away, on the same host only,
/// with at most `concurrency` fetches in flight at once.
pub async fn crawl(start: Url, max_depth: u32, concurrency: usize, gauge: &Gauge) -> Vec<Page> {
    // One Fetcher (one reqwest client, one connection pool) for the whole crawl.
    let Ok(fetcher) = Fetcher::new(&CrawlConfig::new(start.clone())) else {
        return Vec::new();
    };
    let fetcher = &fetcher;
    // A URL goes into `seen` when it is first queued, so it is fetched only once.
    let mut seen: HashSet<Url> = HashSet::from([start.clone()]);
    let mut level = vec![start.clone()];
    let mut pages = Vec::new();

    for depth in 0..=max_depth {
        if level.is_empty() {
            break;
        }
        // The whole level at once, `concurrency` at a time: `buffer_unordered` starts a
        // new fetch the moment one finishes, like a semaphore around `gather`. Parsing
        // happens inside the future but in a plain function, after the await, so the
        // (non-Send) HTML document never lives across an `.await`.
        let mut fetched = Vec::new();
        for batch in level.chunks(concurrency.max(1)) {
            let batch = batch.iter().cloned().map(|url| async move {
                let page = gauge.fetch(fetcher, &url).await.ok();
                let parsed = page.map(|page| parse_page(&page.body, &page.final_url));
                (url, parsed)
            });
            fetched.extend(futures::future::join_all(batch).await);
        }

        // Breadth-first: the next level is every new same-host link of this one, so each
        // page is reached first at its shortest distance.
        let mut next = Vec::new();
        for (url, parsed) in fetched {
            let Some(parsed) = parsed else { continue };
            if depth < max_depth {
                for link in parsed.links {
                    if same_host(&link, &start) && seen.insert(link.clone()) {
                        next.push(link);
                    }
                }
            }
            pages.push(Page {
                url: url.to_string(),
                depth,
                title: parsed.title,
            });
        }
        level = next;
    }
    pages
}
