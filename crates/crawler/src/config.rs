//! What to crawl, and how politely.

use std::time::Duration;
use url::Url;

/// Everything that shapes a crawl. [`CrawlConfig::new`] gives sensible defaults.
#[derive(Debug, Clone)]
pub struct CrawlConfig {
    /// Where to start.
    pub start: Url,
    /// How many links away from the start page to go (the start page is depth 0).
    pub max_depth: u32,
    /// The most pages to fetch in all.
    pub max_pages: usize,
    /// The most requests in flight at once, across all hosts.
    pub concurrency: usize,
    /// The least time between two requests to the same host (robots.txt may ask more).
    pub per_host_delay: Duration,
    /// The most one request may take, from connecting to the last byte of the body.
    pub request_timeout: Duration,
    /// How many times a failed request is retried (timeouts, 5xx, 429).
    pub max_retries: u32,
    /// The largest body accepted; larger pages are abandoned.
    pub max_body_bytes: usize,
    /// The most redirects followed for one request.
    pub max_redirects: usize,
    /// Follow links to other hosts too.
    pub follow_other_hosts: bool,
    /// How the crawler introduces itself (and which robots.txt rules apply).
    pub user_agent: String,
}

impl CrawlConfig {
    /// A polite default crawl of `start`: depth 3, 100 pages, 8 at once.
    pub fn new(start: Url) -> Self {
        CrawlConfig {
            start,
            max_depth: 3,
            max_pages: 100,
            concurrency: 8,
            per_host_delay: Duration::ZERO,
            request_timeout: Duration::from_secs(10),
            max_retries: 2,
            max_body_bytes: 1024 * 1024,
            max_redirects: 5,
            follow_other_hosts: false,
            user_agent: "async-rust-workbook-crawler/0.1".to_string(),
        }
    }
}
