//! Grader for exercise 28 — link extraction and normalisation. Used unchanged by
//! `solutions/`.
//!
//! Plain functions, so no clock is needed; the checks still run through
//! `on_paused_clock` so an unfinished `todo!()` is explained in the same words as
//! everywhere else.

use crate::ex28_links::{normalize, same_host_links};
use harness::grade::{on_paused_clock, require};
use url::Url;

const PAGE: &str = "http://example.com/docs/guide.html";

fn page() -> Url {
    Url::parse(PAGE).expect("a valid URL")
}

/// Checks that each `href` on `PAGE` normalises to the expected URL (or to nothing).
fn require_table(table: &[(&str, Option<&str>)], rule: &str) {
    for &(href, expected) in table {
        let got = normalize(&page(), href).map(String::from);
        require(got.as_deref() == expected, || {
            format!("normalize(\"{PAGE}\", {href:?}) gave {got:?}; expected {expected:?}. {rule}")
        });
    }
}

#[test]
fn spellings_of_one_page_become_one_url() {
    on_paused_clock(|| async {
        let same = Some("http://example.com/docs/page.html");
        require_table(
            &[
                ("page.html", same),
                ("./page.html", same),
                ("/docs/page.html", same),
                ("../docs/page.html", same),
                ("  page.html  ", same),
                ("page.html#section-2", same),
                ("page.html?", same),
                ("HTTP://EXAMPLE.com:80/docs/page.html", same),
                (
                    "https://example.com/docs/page.html",
                    Some("https://example.com/docs/page.html"),
                ),
                ("http://other.org/x?id=1", Some("http://other.org/x?id=1")),
            ],
            "Resolve the link against the page with Url::join (after trimming spaces), \
             then drop the #fragment and an empty `?`.",
        );
    });
}

#[test]
fn tracking_parameters_and_index_html_are_dropped() {
    on_paused_clock(|| async {
        require_table(
            &[
                (
                    "page.html?utm_source=news",
                    Some("http://example.com/docs/page.html"),
                ),
                (
                    "page.html?utm_source=a&utm_medium=b&utm_campaign=c",
                    Some("http://example.com/docs/page.html"),
                ),
                (
                    "page.html?id=3&utm_source=x",
                    Some("http://example.com/docs/page.html?id=3"),
                ),
                (
                    "page.html?page=2&utm_term=q&sort=asc",
                    Some("http://example.com/docs/page.html?page=2&sort=asc"),
                ),
                (
                    "page.html?utmost=1",
                    Some("http://example.com/docs/page.html?utmost=1"),
                ),
                (
                    "page.html?ref=utm_news&utm_source=x",
                    Some("http://example.com/docs/page.html?ref=utm_news"),
                ),
                (
                    "page.html?q=a+utm_b",
                    Some("http://example.com/docs/page.html?q=a+utm_b"),
                ),
            ],
            "Drop every query parameter whose *name* starts with `utm_` (`ref=utm_news` is \
             a `ref` parameter: keep it), keep the others in their order, and drop the `?` \
             when none is left.",
        );
        require_table(
            &[
                ("index.html", Some("http://example.com/docs/")),
                ("/index.html", Some("http://example.com/")),
                (
                    "/docs/index.html?utm_campaign=z#top",
                    Some("http://example.com/docs/"),
                ),
                (
                    "/docs/index.html?lang=en",
                    Some("http://example.com/docs/?lang=en"),
                ),
                ("myindex.html", Some("http://example.com/docs/myindex.html")),
                (
                    "index.html.bak",
                    Some("http://example.com/docs/index.html.bak"),
                ),
            ],
            "A last path segment that is exactly `index.html` is the directory itself: drop \
             it (only that segment, and only when it is the whole segment).",
        );
    });
}

#[test]
fn links_that_are_not_web_pages_are_rejected() {
    on_paused_clock(|| async {
        require_table(
            &[
                ("mailto:webmaster@example.com", None),
                ("javascript:void(0)", None),
                ("ftp://example.com/file.txt", None),
                ("data:text/plain,hello", None),
                ("tel:+441234567", None),
                ("http://[not a host/", None),
            ],
            "Only http and https links are pages to crawl; a link that is not a URL at all \
             is None too (never a panic).",
        );
    });
}

#[test]
fn same_host_links_keep_first_seen_order_without_duplicates() {
    on_paused_clock(|| async {
        let hrefs = [
            "b.html",
            "a.html#x",
            "./b.html",
            "mailto:x@y.z",
            "/docs/a.html?utm_source=feed",
            "c.html",
            "/docs/b.html#bottom",
            "index.html",
        ];
        let got: Vec<String> = same_host_links(&page(), &hrefs)
            .into_iter()
            .map(String::from)
            .collect();
        let expected = [
            "http://example.com/docs/b.html",
            "http://example.com/docs/a.html",
            "http://example.com/docs/c.html",
            "http://example.com/docs/",
        ];
        require(got == expected, || {
            format!(
                "same_host_links on {PAGE} of {hrefs:?} gave {got:?}; expected {expected:?}: \
                 every link normalised, each page once, in the order first seen (a HashSet \
                 of the links seen so far, but collect into a Vec to keep the order)."
            )
        });
    });
}

#[test]
fn an_https_link_is_another_site_than_an_http_page() {
    on_paused_clock(|| async {
        let hrefs = [
            "https://example.com/docs/a.html",
            "b.html",
            "http://example.com:80/docs/c.html",
        ];
        let got: Vec<String> = same_host_links(&page(), &hrefs)
            .into_iter()
            .map(String::from)
            .collect();
        let expected = [
            "http://example.com/docs/b.html",
            "http://example.com/docs/c.html",
        ];
        require(got == expected, || {
            format!(
                "same_host_links on {PAGE} of {hrefs:?} gave {got:?}; expected {expected:?}. \
                 The page is on port 80 (http's default); `https://example.com/` is on port \
                 443 (https's default), another site even with the same host name. Compare \
                 the ports a browser would use (`port_or_known_default`), not just the ports \
                 written in the URLs."
            )
        });
    });
}

#[test]
fn links_to_other_hosts_are_dropped() {
    on_paused_clock(|| async {
        let hrefs = [
            "http://other.org/docs/a.html",
            "a.html",
            "http://example.com:8080/docs/a.html",
            "http://sub.example.com/",
            "//example.com/docs/z.html",
            "HTTP://Example.COM/docs/y.html",
        ];
        let got: Vec<String> = same_host_links(&page(), &hrefs)
            .into_iter()
            .map(String::from)
            .collect();
        let expected = [
            "http://example.com/docs/a.html",
            "http://example.com/docs/z.html",
            "http://example.com/docs/y.html",
        ];
        require(got == expected, || {
            format!(
                "same_host_links on {PAGE} of {hrefs:?} gave {got:?}; expected {expected:?}: \
                 keep only links whose host and port are the page's (another host, another \
                 port or a subdomain is another site)."
            )
        });
    });
}
