//! Grader for exercise 30 — a concurrent, depth-limited crawl. Used unchanged by
//! `solutions/`.
//!
//! Each check starts the demo site on loopback (faults off, 100 ms per page) and runs
//! on two worker threads with the real clock. The expected pages come from the grader's
//! own plain breadth-first crawl of a second, instant copy of the site (compared by
//! path, as the two sites have different ports); the given `Gauge` shows how many
//! fetches were in flight at once. Timings are only checked with generous bounds.

use crate::ex30_crawl::{Gauge, Page, crawl};
use crawler::links::parse_page;
use crawler::scripted::{Reply, ScriptedSite};
use crawler::site::{DemoSite, SiteConfig};
use crawler::{CrawlConfig, Fetcher};
use harness::grade::{on_worker_threads, require, require_seen};
use harness::picture::{Picture, span, steps_of};
use harness::{Span, format_secs};
use std::collections::{BTreeMap, HashSet};
use std::time::{Duration, Instant};
use url::Url;

const LATENCY: Duration = Duration::from_millis(100);

fn site_config(latency: Duration) -> SiteConfig {
    SiteConfig {
        pages: 24,
        links_per_page: 3,
        latency,
        crawl_delay: None,
        faults: false,
        index_links: 4,
    }
}

async fn start_site(latency: Duration) -> DemoSite {
    let site = DemoSite::start(site_config(latency)).await;
    require(site.is_ok(), || {
        format!(
            "the grader could not start the demo site on 127.0.0.1: {site:?}",
            site = site.as_ref().err()
        )
    });
    site.expect("checked above")
}

/// A URL's path (and query), which is the same on two copies of the site.
fn path_of(url: &str) -> String {
    match Url::parse(url) {
        Ok(url) => match url.query() {
            Some(query) => format!("{}?{query}", url.path()),
            None => url.path().to_string(),
        },
        Err(_) => format!("(not a URL: {url})"),
    }
}

/// The grader's own crawl: one page at a time, breadth-first, on an instant copy of
/// the site. Path → (depth, title).
async fn expected_pages(max_depth: u32) -> BTreeMap<String, (u32, Option<String>)> {
    let site = start_site(Duration::ZERO).await;
    let start = site.base.clone();
    let fetcher = Fetcher::new(&CrawlConfig::new(start.clone())).expect("a fetcher");
    let mut seen = HashSet::from([start.clone()]);
    let mut level = vec![start.clone()];
    let mut pages = BTreeMap::new();
    for depth in 0..=max_depth {
        let mut next = Vec::new();
        for url in level {
            let Ok(page) = fetcher.fetch_page(&url).await else {
                continue;
            };
            let parsed = parse_page(&page.body, &page.final_url);
            for link in parsed.links {
                let same_host = link.host_str() == start.host_str()
                    && link.port_or_known_default() == start.port_or_known_default();
                if depth < max_depth && same_host && seen.insert(link.clone()) {
                    next.push(link);
                }
            }
            pages.insert(path_of(url.as_str()), (depth, parsed.title));
        }
        level = next;
    }
    site.stop();
    pages
}

/// Runs the learner's crawl of a fresh site; returns the pages, the gauge, and how long
/// it took.
async fn run_crawl(max_depth: u32, concurrency: usize) -> (Vec<Page>, Gauge, Duration) {
    let site = start_site(LATENCY).await;
    let gauge = Gauge::new();
    let started = Instant::now();
    let pages = crawl(site.base.clone(), max_depth, concurrency, &gauge).await;
    let took = started.elapsed();
    site.stop();
    (pages, gauge, took)
}

/// What a failing check about concurrency shows: how many fetches were in flight against
/// the limit, above the same for a crawl that keeps `limit` fetches going, level by level
/// (`levels`: how many pages each depth has).
fn picture(gauge: &Gauge, limit: usize, levels: &[usize]) -> Picture {
    let mut expected = Vec::new();
    let mut level_start = Duration::ZERO;
    for (depth, &pages) in levels.iter().enumerate() {
        let rounds = pages.div_ceil(limit.max(1));
        for page in 0..pages {
            let start = level_start + LATENCY * (page / limit.max(1)) as u32;
            expected.push(Span {
                label: format!("depth {depth}, page {}", page + 1),
                start,
                end: start + LATENCY,
                cancelled: false,
            });
        }
        level_start += LATENCY * rounds as u32;
    }
    Picture::new()
        .gauge(
            "your run: fetches in flight",
            steps_of(&fetches(gauge)),
            Some(limit),
        )
        .gauge(
            format!("expected: up to {limit} in flight, level by level"),
            steps_of(&expected),
            Some(limit),
        )
}

/// The gauge's fetches as spans, from the first fetch's start.
fn fetches(gauge: &Gauge) -> Vec<Span> {
    let visits = gauge.load().visits;
    let origin = visits.iter().map(|(_, start, _)| *start).min();
    let since = |at: Instant| origin.map_or(Duration::ZERO, |origin| at - origin);
    visits
        .iter()
        .map(|(url, start, end)| Span {
            label: path_of(url),
            start: since(*start),
            end: since(end.unwrap_or_else(Instant::now)),
            cancelled: end.is_none(),
        })
        .collect()
}

/// How many pages each depth of the site has, up to `max_depth`.
async fn levels(max_depth: u32) -> Vec<usize> {
    let mut counts = vec![0; max_depth as usize + 1];
    for (depth, _) in expected_pages(max_depth).await.values() {
        counts[*depth as usize] += 1;
    }
    counts
}

/// Checks the pages against the grader's own crawl, each fetched once.
fn require_pages(
    what: &str,
    pages: &[Page],
    gauge: &Gauge,
    expected: &BTreeMap<String, (u32, Option<String>)>,
) {
    let mut got = BTreeMap::new();
    for page in pages {
        let path = path_of(&page.url);
        let again = got.insert(path.clone(), (page.depth, page.title.clone()));
        require(again.is_none(), || {
            format!("{what}: the result lists {path} twice; each page once, please.")
        });
    }
    let fetched = gauge.load().fetched;
    require(!fetched.is_empty(), || {
        format!(
            "{what}: nothing was fetched through the gauge. Fetch every page with \
             `gauge.fetch(&fetcher, &url)`, so the grader can see your concurrency."
        )
    });
    let mut fetched_paths: Vec<String> = fetched.iter().map(|url| path_of(url)).collect();
    fetched_paths.sort();
    let twice: Vec<&String> = fetched_paths
        .windows(2)
        .filter(|w| w[0] == w[1])
        .map(|w| &w[0])
        .collect();
    require(twice.is_empty(), || {
        format!(
            "{what}: {twice:?} were fetched more than once. Note each URL in a `seen` set \
             when you first queue it (not when it is fetched), and skip it afterwards."
        )
    });
    let missing: Vec<&String> = expected
        .keys()
        .filter(|path| !got.contains_key(*path))
        .collect();
    let extra: Vec<&String> = got
        .keys()
        .filter(|path| !expected.contains_key(*path))
        .collect();
    require(missing.is_empty() && extra.is_empty(), || {
        format!(
            "{what}: {} page(s) crawled; expected {}. Missing: {missing:?}. Not expected: \
             {extra:?}. Follow only links to the start's host (and port), up to the depth \
             limit, each page once.",
            got.len(),
            expected.len()
        )
    });
    for (path, (depth, title)) in expected {
        let (got_depth, got_title) = &got[path];
        require(got_depth == depth, || {
            format!(
                "{what}: {path} is listed at depth {got_depth}; its shortest distance from \
                 the start is {depth} link(s). Crawl breadth-first: a whole level before \
                 the next."
            )
        });
        require(got_title == title, || {
            format!("{what}: {path} has title {got_title:?}; the page says {title:?}.")
        });
    }
}

#[test]
fn crawls_every_same_host_page_within_the_depth_once() {
    on_worker_threads(|| async {
        let expected = expected_pages(2).await;
        let (pages, gauge, _) = run_crawl(2, 4).await;
        require_pages(
            "crawl(site, max_depth 2, concurrency 4)",
            &pages,
            &gauge,
            &expected,
        );
    });
}

#[test]
fn up_to_the_limit_of_fetches_are_in_flight_and_never_more() {
    on_worker_threads(|| async {
        let levels = levels(2).await;
        let (pages, gauge, took) = run_crawl(2, 4).await;
        let what = format!(
            "crawl(site, max_depth 2, concurrency 4) of {} pages at 0.1 s each",
            pages.len()
        );
        let peak = gauge.load().peak;
        let seen = || picture(&gauge, 4, &levels);
        require_seen(peak <= 4, seen, || {
            format!(
                "{what}: {peak} fetches were in flight at once; the limit is 4. Let at most \
                 `concurrency` run together (buffer_unordered, or a Semaphore)."
            )
        });
        require_seen(peak > 1, seen, || {
            format!(
                "{what}: only one fetch was ever in flight — the crawl fetched one page after \
                 another ({}). Fetch a level's pages concurrently, up to 4 at once.",
                format_secs(took)
            )
        });
        require_seen(took < Duration::from_millis(1200), seen, || {
            format!(
                "{what} took {}; fetching up to 4 at once it takes about 0.6 s (one page at a \
                 time: 1.6 s). The peak was {peak} in flight.",
                format_secs(took)
            )
        });
    });
}

#[test]
fn a_limit_of_one_fetches_one_page_at_a_time() {
    on_worker_threads(|| async {
        let expected = expected_pages(1).await;
        let (pages, gauge, _) = run_crawl(1, 1).await;
        let what = "crawl(site, max_depth 1, concurrency 1)";
        require_pages(what, &pages, &gauge, &expected);
        let peak = gauge.load().peak;
        let levels = levels(1).await;
        require_seen(
            peak == 1,
            || picture(&gauge, 1, &levels),
            || format!("{what}: {peak} fetches were in flight at once; the limit is 1."),
        );
    });
}

#[test]
fn depth_zero_is_the_start_page_alone() {
    on_worker_threads(|| async {
        let (pages, gauge, _) = run_crawl(0, 4).await;
        let got: Vec<(String, u32, Option<String>)> = pages
            .iter()
            .map(|page| (path_of(&page.url), page.depth, page.title.clone()))
            .collect();
        let expected = vec![("/".to_string(), 0, Some("Demo site".to_string()))];
        require(got == expected, || {
            format!(
                "crawl(site, max_depth 0, …) gave {got:?} (by path); expected {expected:?}: \
                 depth 0 is the start page alone, its links not followed."
            )
        });
        let fetched = gauge.load().fetched.len();
        require(fetched == 1, || {
            format!(
                "crawl(site, max_depth 0, …) fetched {fetched} pages; expected only the start page."
            )
        });
    });
}

/// A page of the grader's small sites: a title and links.
fn small_page(title: &str, links: &[&str]) -> String {
    let links: String = links
        .iter()
        .map(|link| format!("<a href=\"{link}\">{link}</a> "))
        .collect();
    format!("<html><head><title>{title}</title></head><body>{links}</body></html>")
}

/// A small site with pages that fail: `/` links to `/a`, `/missing` (404), `/fail` (500,
/// every time) and `/b`; `/a` links to `/c` and `/missing`; `/b` links back to `/`.
async fn faulty_site() -> Option<ScriptedSite> {
    ScriptedSite::start(|path| match path {
        "/" => Reply::html(small_page("Home", &["/a", "/missing", "/fail", "/b"])),
        "/a" => Reply::html(small_page("A", &["/c", "/missing"])),
        "/b" => Reply::html(small_page("B", &["/"])),
        "/c" => Reply::html(small_page("C", &[])),
        "/fail" => Reply::html("down").with_status(500),
        _ => Reply::html("no such page").with_status(404),
    })
    .await
    .ok()
}

/// A small site of uneven pages: `/` links to `/slow` (1 s) and `/p1` … `/p7` (0.1 s each).
async fn uneven_site() -> Option<ScriptedSite> {
    let home = small_page(
        "Home",
        &["/slow", "/p1", "/p2", "/p3", "/p4", "/p5", "/p6", "/p7"],
    );
    ScriptedSite::start(move |path| match path {
        "/" => Reply::html(home.clone()),
        "/slow" => Reply::html(small_page("Slow", &[])).after(Duration::from_secs(1)),
        _ => Reply::html(small_page("Quick", &[])).after(Duration::from_millis(100)),
    })
    .await
    .ok()
}

#[test]
fn a_place_freed_by_a_quick_page_is_taken_while_a_slow_one_loads() {
    on_worker_threads(|| async {
        let Some(site) = uneven_site().await else {
            require(false, || {
                "the grader could not start its site on 127.0.0.1".to_string()
            });
            return;
        };
        let gauge = Gauge::new();
        let pages = crawl(site.base.clone(), 1, 2, &gauge).await;
        site.stop();
        let what = "crawl(max_depth 1, concurrency 2) of a page linking to /slow (1 s) and \
                    seven quick pages (0.1 s)";
        require(pages.len() == 9, || {
            format!("{what} gave {} pages; expected all 9.", pages.len())
        });
        let visits = gauge.load().visits;
        let slow = visits.iter().find(|(url, _, _)| path_of(url) == "/slow");
        // Fetches that started while /slow was loading, not together with it.
        let overlapping = slow.map_or(0, |(_, slow_start, slow_end)| {
            let slow_end = slow_end.unwrap_or_else(Instant::now);
            visits
                .iter()
                .filter(|(url, start, _)| {
                    path_of(url).starts_with("/p")
                        && *start > *slow_start + Duration::from_millis(50)
                        && *start < slow_end
                })
                .count()
        });
        let seen = || {
            let mut expected = vec![span("/slow", 0.0, 1.0)];
            expected.extend(
                (1..=7).map(|n| span(format!("/p{n}"), 0.1 * f64::from(n - 1), 0.1 * f64::from(n))),
            );
            let mut fetched = fetches(&gauge);
            fetched.retain(|fetch| fetch.label != "/");
            Picture::new()
                .spans("your run: the fetches after the start page", fetched)
                .spans(
                    "expected: the quick pages pass through the other place",
                    expected,
                )
        };
        require_seen(overlapping >= 2, seen, || {
            format!(
                "{what}: while /slow loaded for 1 s, {overlapping} other fetch(es) started. \
                 With two places, the quick pages should pass one after another through the \
                 other place meanwhile; your crawl seems to fetch in batches of two and wait \
                 for the slowest of each batch. Let a freed place go to the next page at once \
                 (`buffer_unordered`, or a Semaphore per fetch), not batch by batch."
            )
        });
    });
}

#[test]
fn failed_pages_are_left_out_and_the_crawl_goes_on() {
    on_worker_threads(|| async {
        let Some(site) = faulty_site().await else {
            require(false, || {
                "the grader could not start its site on 127.0.0.1".to_string()
            });
            return;
        };
        let gauge = Gauge::new();
        let pages = crawl(site.base.clone(), 2, 4, &gauge).await;
        site.stop();
        let expected: BTreeMap<String, (u32, Option<String>)> = [
            ("/", 0, "Home"),
            ("/a", 1, "A"),
            ("/b", 1, "B"),
            ("/c", 2, "C"),
        ]
        .into_iter()
        .map(|(path, depth, title)| (path.to_string(), (depth, Some(title.to_string()))))
        .collect();
        let what = "crawl(max_depth 2, concurrency 4) of a site where /missing answers 404 \
                    and /fail 500";
        let listed: Vec<String> = pages.iter().map(|page| path_of(&page.url)).collect();
        let failed: Vec<&String> = listed
            .iter()
            .filter(|path| *path == "/missing" || *path == "/fail")
            .collect();
        require(failed.is_empty(), || {
            format!(
                "{what}: the result lists {failed:?}, whose fetches failed. A page that could \
                 not be fetched is left out of the result: it has no title and no links."
            )
        });
        let reached: Vec<&str> = ["/a", "/b", "/c"]
            .into_iter()
            .filter(|path| !listed.iter().any(|listed| listed == path))
            .collect();
        require(reached.is_empty(), || {
            format!(
                "{what}: {reached:?} are missing from the result (it lists {listed:?}). A \
                 failed fetch loses only its own page: skip it and go on with the others — \
                 don't end the crawl, or the level, at the first error."
            )
        });
        require_pages(what, &pages, &gauge, &expected);
    });
}
