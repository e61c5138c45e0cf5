//! WRONG ANSWER (kept so `cargo xtask verify` proves the grader rejects it): exercise 11
//! whose `extract_title` looks for `</title>` from the start of the page, not after the
//! opening tag, and gives up when it comes first. A stray `</title>` before the real
//! title then hides it; the check "extract_title finds the text between the title tags"
//! must catch it.

use futures::future::join_all;
use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;
use tokio::time::timeout;

/// How long the simulated web takes to answer that a page does not exist.
pub const NOT_FOUND_DELAY: Duration = Duration::from_millis(100);

/// What can go wrong with a request to the simulated web.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WebError {
    /// There is no page at that URL.
    NotFound,
}

/// Why a page's title could not be had.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TitleError {
    /// The page did not arrive within the time limit for one request.
    TimedOut,
    /// There is no page at that URL.
    NotFound,
    /// The page arrived, but has no title.
    NoTitle,
}

/// A pretend web: each URL has a page that takes a while to arrive.
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

/// The title of the page `html`, if it has a non-blank one.
pub fn extract_title(html: &str) -> Option<String> {
    const OPEN: &str = "<title>";
    const CLOSE: &str = "</title>";
    let start = html.find(OPEN)? + OPEN.len();
    let end = html.find(CLOSE)?;
    if end < start {
        return None;
    }
    let title = html[start..end].trim();
    (!title.is_empty()).then(|| title.to_string())
}

/// Fetches `url` from `web` within `per_request` and returns the page's title.
pub async fn fetch_title(
    web: &SimulatedWeb,
    url: &str,
    per_request: Duration,
) -> Result<String, TitleError> {
    // Each request gets its own deadline; at the deadline `timeout` drops the request.
    match timeout(per_request, web.get(url)).await {
        Err(_elapsed) => Err(TitleError::TimedOut),
        Ok(Err(WebError::NotFound)) => Err(TitleError::NotFound),
        Ok(Ok(html)) => extract_title(&html).ok_or(TitleError::NoTitle),
    }
}

/// Fetches the titles of all `urls` at the same time, in the order of `urls`.
pub async fn fetch_titles(
    web: &SimulatedWeb,
    urls: &[&str],
    per_request: Duration,
) -> Vec<(String, Result<String, TitleError>)> {
    // One future per URL, each carrying its URL along; join_all runs them together and
    // keeps the order. A failure is just a value here, so it cannot spoil the others —
    // like gather(..., return_exceptions=True).
    let fetches = urls
        .iter()
        .map(|&url| async move { (url.to_string(), fetch_title(web, url, per_request).await) });
    join_all(fetches).await
}
