//! Exercise 11 — an async web crawler on a simulated web (lesson 4.2).
//!
//! The lesson's second exercise: fetch the title of many pages at once, each request
//! with its own time limit, and report every page's outcome — in Python,
//! `asyncio.gather(*(asyncio.wait_for(fetch(url), 3) for url in urls),
//! return_exceptions=True)`. One slow or missing page must not hold up or spoil the rest.
//! The web here is simulated, so the grader can time it exactly.
//!
//! Work in three steps: `extract_title`, then `fetch_title` for one page, then
//! `fetch_titles` for all of them.
//!
//! Grade: `cargo xtask check ex11` · Stuck? `cargo xtask hint ex11`

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

/// How long the simulated web takes to answer that a page does not exist.
pub const NOT_FOUND_DELAY: Duration = Duration::from_millis(100);

/// What can go wrong with a request to the simulated web. (Given.)
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WebError {
    /// There is no page at that URL.
    NotFound,
}

/// Why a page's title could not be had. (Given.)
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TitleError {
    /// The page did not arrive within the time limit for one request.
    TimedOut,
    /// There is no page at that URL.
    NotFound,
    /// The page arrived, but has no title.
    NoTitle,
}

/// A pretend web: each URL has a page that takes a while to arrive. (Given.)
///
/// Clones share the count of requests in flight.
#[derive(Debug, Clone, Default)]
pub struct SimulatedWeb {
    pages: HashMap<String, (Duration, String)>,
    in_flight: Arc<AtomicUsize>,
}

/// Counts one request in flight for as long as it lives.
struct InFlight(Arc<AtomicUsize>);

impl InFlight {
    fn start(count: &Arc<AtomicUsize>) -> InFlight {
        count.fetch_add(1, Ordering::SeqCst);
        InFlight(Arc::clone(count))
    }
}

impl Drop for InFlight {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

impl SimulatedWeb {
    /// An empty web.
    pub fn new() -> SimulatedWeb {
        SimulatedWeb::default()
    }

    /// This web with one more page: `html` at `url`, taking `delay` to arrive.
    pub fn with_page(mut self, url: &str, delay: Duration, html: &str) -> SimulatedWeb {
        self.pages
            .insert(url.to_string(), (delay, html.to_string()));
        self
    }

    /// Requests `url`: its HTML after the page's delay, or `WebError::NotFound` after
    /// `NOT_FOUND_DELAY`.
    pub async fn get(&self, url: &str) -> Result<String, WebError> {
        let _request = InFlight::start(&self.in_flight);
        match self.pages.get(url) {
            Some((delay, html)) => {
                tokio::time::sleep(*delay).await;
                Ok(html.clone())
            }
            None => {
                tokio::time::sleep(NOT_FOUND_DELAY).await;
                Err(WebError::NotFound)
            }
        }
    }

    /// How many requests have started and are neither answered nor cancelled yet.
    pub fn requests_in_flight(&self) -> usize {
        self.in_flight.load(Ordering::SeqCst)
    }
}

/// The title of the page `html`: the text between the first `<title>` and the
/// `</title>` after it, trimmed of surrounding whitespace. `None` if either tag is
/// missing or the title is blank. Plain string search is enough — no HTML parser.
pub fn extract_title(html: &str) -> Option<String> {
    // TODO: find the opening tag, then the closing tag after it; take what is between.
    todo!("extract_title")
}

/// Fetches `url` from `web`, allowing the request at most `per_request`, and returns the
/// page's title — or the `TitleError` saying why there is none.
pub async fn fetch_title(
    web: &SimulatedWeb,
    url: &str,
    per_request: Duration,
) -> Result<String, TitleError> {
    // TODO: put the request under a timeout; map every outcome to a title or TitleError.
    todo!("fetch_title")
}

/// Fetches the titles of all `urls` at the same time, each request with its own limit of
/// `per_request`. Returns one `(url, outcome)` pair per URL, in the order of `urls`, once
/// every request has its outcome; no request may still be in flight after that.
pub async fn fetch_titles(
    web: &SimulatedWeb,
    urls: &[&str],
    per_request: Duration,
) -> Vec<(String, Result<String, TitleError>)> {
    // TODO: one `fetch_title` per URL, all awaited together.
    todo!("fetch_titles")
}
