//! The crawler against the demo site, on loopback: every fault ends as a recorded
//! error kind or a handled case, limits hold, duplicates are fetched once, and a
//! stopped crawl keeps what it finished. Real clock, short latencies: these tests
//! check outcomes, never how fast the machine is.

use crawler::site::{DemoSite, SiteConfig};
use crawler::{CrawlConfig, ErrorKind, PageRecord, crawl};
use std::time::Duration;
use tokio_util::sync::CancellationToken;

async fn quick_site() -> DemoSite {
    DemoSite::start(SiteConfig {
        latency: Duration::from_millis(5),
        crawl_delay: None,
        ..SiteConfig::default()
    })
    .await
    .expect("the demo site starts on loopback")
}

fn config_for(site: &DemoSite) -> CrawlConfig {
    CrawlConfig {
        max_depth: 2,
        max_pages: 200,
        concurrency: 8,
        // Long enough for /slow (1 s), far too short for /drip (20 s).
        request_timeout: Duration::from_secs(2),
        max_retries: 1,
        ..CrawlConfig::new(site.base.clone())
    }
}

async fn run(config: CrawlConfig) -> Vec<PageRecord> {
    let mut records = Vec::new();
    crawl(config, CancellationToken::new(), |record, _| {
        records.push(record.clone())
    })
    .await
    .expect("the crawl starts");
    records
}

fn find<'a>(records: &'a [PageRecord], path: &str) -> &'a PageRecord {
    records
        .iter()
        .find(|record| record.url.ends_with(path))
        .unwrap_or_else(|| panic!("{path} was not crawled: {records:#?}"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_fault_becomes_an_error_kind_or_is_handled() {
    let site = quick_site().await;
    let records = run(config_for(&site)).await;

    let expect = [
        ("/drip", Some(ErrorKind::Timeout)),
        ("/huge", Some(ErrorKind::TooLarge)),
        ("/loop/a", Some(ErrorKind::TooManyRedirects)),
        ("/missing", Some(ErrorKind::HttpStatus)),
        ("/fail", Some(ErrorKind::HttpStatus)),
        ("/data.json", Some(ErrorKind::NotHtml)),
        ("/private/secret", Some(ErrorKind::DisallowedByRobots)),
        ("/busy", None),      // 429 + Retry-After, then success on the retry
        ("/slow", None),      // slow, but within the timeout
        ("/malformed", None), // broken HTML still parses
        ("/bad-utf8", None),  // invalid bytes are replaced, not fatal
    ];
    for (path, error) in expect {
        assert_eq!(find(&records, path).error, error, "{path}");
    }
    assert_eq!(find(&records, "/missing").status, Some(404));
    assert_eq!(find(&records, "/busy").status, Some(200));
    assert_eq!(find(&records, "/bad-utf8").links_found, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_page_is_fetched_once_and_only_on_the_start_host() {
    let site = quick_site().await;
    let records = run(config_for(&site)).await;
    let mut urls: Vec<&str> = records.iter().map(|r| r.url.as_str()).collect();
    let total = urls.len();
    urls.sort();
    urls.dedup();
    assert_eq!(urls.len(), total, "no page twice");
    let page_one = format!("{}page/1", site.base);
    assert_eq!(urls.iter().filter(|url| **url == page_one).count(), 1);
    assert!(
        records
            .iter()
            .all(|r| r.url.starts_with(site.base.as_str())),
        "no other host, no mailto:, no javascript:"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn depth_and_page_limits_hold_even_in_the_calendar_trap() {
    let site = quick_site().await;
    let records = run(config_for(&site)).await;
    assert!(records.iter().all(|r| r.depth <= 2));
    let calendar = records
        .iter()
        .filter(|r| r.url.contains("/calendar/"))
        .count();
    assert_eq!(calendar, 2, "the trap is followed to the depth limit only");

    let budget = run(CrawlConfig {
        max_pages: 5,
        ..config_for(&site)
    })
    .await;
    assert_eq!(budget.len(), 5);

    let start_only = run(CrawlConfig {
        max_depth: 0,
        ..config_for(&site)
    })
    .await;
    assert_eq!(start_only.len(), 1);
    assert_eq!(start_only[0].title.as_deref(), Some("Demo site"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stopped_crawl_reports_every_page_it_took_on_the_unfinished_ones_as_cancelled() {
    let site = quick_site().await;
    let stop = CancellationToken::new();
    let mut records = Vec::new();
    let mut in_flight_at_stop = None;
    let summary = crawl(config_for(&site), stop.clone(), |record, progress| {
        records.push(record.clone());
        if records.len() == 6 {
            in_flight_at_stop = Some(progress.queued);
            stop.cancel();
        }
    })
    .await
    .expect("the crawl starts");
    assert!(summary.stopped_early);
    assert_eq!(summary.pages, records.len(), "every record was handed over");
    let in_flight = in_flight_at_stop.expect("the crawl got to six pages");
    assert_eq!(
        records.len(),
        6 + in_flight,
        "the {in_flight} pages in flight at the stop each got a record: {records:#?}"
    );
    let cancelled = records[6..]
        .iter()
        .filter(|r| r.error == Some(ErrorKind::Cancelled))
        .count();
    assert!(
        cancelled > 0,
        "/slow and /drip cannot have finished: {records:#?}"
    );
    assert!(
        records[..6]
            .iter()
            .all(|r| r.error != Some(ErrorKind::Cancelled)),
        "pages finished before the stop are not cancelled"
    );
    let mut urls: Vec<&str> = records.iter().map(|r| r.url.as_str()).collect();
    urls.sort();
    urls.dedup();
    assert_eq!(urls.len(), records.len(), "one record per page");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_crawl_of_two_hosts_at_concurrency_one_finishes() {
    // robots.txt fetches take the only permit too; nothing may wait on itself.
    let site = DemoSite::start(SiteConfig {
        latency: Duration::from_millis(5),
        faults: false,
        ..SiteConfig::default()
    })
    .await
    .expect("the demo site starts on loopback");
    let records = run(CrawlConfig {
        max_depth: 1,
        concurrency: 1,
        follow_other_hosts: true,
        ..config_for(&site)
    })
    .await;
    assert!(records.iter().all(|r| r.error.is_none()), "{records:#?}");
    if let Some(other) = &site.other_host {
        assert!(
            records.iter().any(|r| r.url == other.as_str()),
            "the other host was crawled: {records:#?}"
        );
    }
}
