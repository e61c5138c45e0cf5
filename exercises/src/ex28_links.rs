//! Exercise 28 — link extraction and normalisation (lesson 4.5).
//!
//! A crawler meets one page under many spellings: `page.html`, `./page.html#top`,
//! `HTTP://Example.com:80/docs/page.html?`… and must fetch it once. In Python you would
//! reach for `urllib.parse.urljoin` and `urldefrag`; in Rust the `url` crate's
//! `Url::join` resolves a link against the page it is on, and already lower-cases the
//! scheme and host, drops default ports and resolves `.` and `..`.
//!
//! Our crawler's rules go a little further than `crawler::links::normalize` (so calling
//! it is not the answer):
//!
//! - resolve `href` (surrounding spaces trimmed) against the page's URL;
//! - follow only `http` and `https` links (not `mailto:`, `javascript:`, `ftp:`…);
//! - drop the `#fragment`: it is the same page;
//! - drop tracking parameters — every query parameter whose name starts with `utm_` —
//!   keeping the others in their order, and drop the `?` if nothing is left;
//! - drop a last path segment that is exactly `index.html`: `/docs/index.html` is `/docs/`.
//!
//! Then `same_host_links` turns a page's raw `href`s into the links worth following.
//!
//! Grade: `cargo xtask check ex28` · Stuck? `cargo xtask hint ex28`

use url::Url;

/// Resolves `href` against `page_url` and normalises it by the rules above, or `None`
/// if it is not a web page to follow (another scheme, or not a URL at all).
///
/// `normalize(page, "../b.html?utm_source=x&id=3#top")` on page
/// `http://example.com/docs/a.html` is `http://example.com/b.html?id=3`.
pub fn normalize(page_url: &Url, href: &str) -> Option<Url> {
    // TODO: join, check the scheme, then clean the fragment, query and path.
    todo!("normalize")
}

/// The links of the page at `page_url`, given the raw `href`s found on it: each one
/// normalised, keeping only links to the same host (host name and port) as `page_url`,
/// without duplicates, in the order they were first seen. The port is the one a browser
/// would use: `http://example.com/` is on port 80 and `https://example.com/` on port
/// 443, so they are two different hosts.
pub fn same_host_links(page_url: &Url, hrefs: &[&str]) -> Vec<Url> {
    // TODO: normalise each href, keep those on the same host, skip the ones seen before.
    todo!("same_host_links")
}
