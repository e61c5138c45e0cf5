//! The demos of lesson 4.5: one page, a whole crawl, and concurrency 1 against N.
//!
//! They talk to the demo site over real loopback sockets, so they always run on the
//! real clock (a virtual clock cannot fast-forward a network).

use crate::links::parse_page;
use crate::site::{DemoSite, SiteConfig};
use crate::{CrawlConfig, Fetcher, crawl};
use harness::{Comparison, Ctx, Timeline};
use std::time::Duration;
use tokio_util::sync::CancellationToken;

// ANCHOR: first_page
/// Demo `4.5.first_page`: fetch one page, read its title and links.
pub async fn fetch_one_page(ctx: Ctx) {
    let site = DemoSite::start(SiteConfig::default())
        .await
        .expect("the demo site starts");
    let config = CrawlConfig::new(site.base.clone());
    let fetcher = Fetcher::new(&config).expect("an HTTP client");
    match fetcher.fetch_page(&site.base).await {
        Ok(page) => {
            let parsed = parse_page(&page.body, &page.final_url);
            ctx.log(format!(
                "{} → HTTP {}, title {:?}",
                site.base, page.status, parsed.title
            ));
            for link in parsed.links.iter().take(6) {
                ctx.log(format!("  link: {link}"));
            }
            ctx.log(format!(
                "  … {} followable links in all",
                parsed.links.len()
            ));
        }
        Err(error) => ctx.log(format!("fetching failed: {error}")),
    }
}
// ANCHOR_END: first_page

// ANCHOR: whole_crawl
/// Demo `4.5.crawl`: the whole demo site, faults and all, eight pages at a time.
pub async fn crawl_the_demo_site(ctx: Ctx) {
    let site = DemoSite::start(SiteConfig::default())
        .await
        .expect("the demo site starts");
    let config = CrawlConfig {
        max_depth: 2,
        max_pages: 40,
        request_timeout: Duration::from_secs(2),
        max_retries: 1,
        ..CrawlConfig::new(site.base.clone())
    };
    let outcome = crawl(config, CancellationToken::new(), |page, progress| {
        let path = page.url.trim_start_matches(site.base.as_str());
        let result = match (page.error, &page.title) {
            (Some(kind), _) => format!("{kind:?}"),
            (None, Some(title)) => format!("{title:?}"),
            (None, None) => "(no title)".to_string(),
        };
        ctx.log(format!(
            "[{:>2} done, {:>2} queued] depth {} /{path} → {result}",
            progress.done, progress.queued, page.depth
        ));
    })
    .await;
    match outcome {
        Ok(summary) => {
            for line in summary.render().lines() {
                ctx.say(line);
            }
        }
        Err(error) => ctx.log(format!("the crawl could not start: {error}")),
    }
}
// ANCHOR_END: whole_crawl

/// Latency of every page in the comparison.
const LATENCY: Duration = Duration::from_millis(200);

/// How many pages the comparison crawls.
const PAGES: usize = 12;

/// Crawls `PAGES` pages of the site at `concurrency`, drawing each page on `timeline`.
async fn timed_crawl(site: &DemoSite, concurrency: usize, timeline: &Timeline) {
    let config = CrawlConfig {
        max_pages: PAGES,
        max_depth: 10,
        concurrency,
        ..CrawlConfig::new(site.base.clone())
    };
    let crawled = crawl(config, CancellationToken::new(), |page, _| {
        let end = timeline.elapsed();
        let start = end.saturating_sub(Duration::from_millis(page.elapsed_ms));
        let path = page.url.trim_start_matches(site.base.as_str());
        timeline.add(format!("/{path}"), start, end);
    })
    .await;
    crawled.expect("the crawl starts");
}

/// Demo `4.5.compare`: the same twelve pages at concurrency 1 and 4.
pub async fn one_at_a_time_vs_four(ctx: Ctx) {
    one_at_a_time_vs(ctx, 4).await;
}

/// Twelve pages of 0.2 s crawled at concurrency 1, then at `concurrency`
/// (`cargo xtask crawl --compare --concurrency N`).
pub async fn one_at_a_time_vs(ctx: Ctx, concurrency: usize) {
    let site = DemoSite::start(SiteConfig {
        pages: PAGES,
        links_per_page: 3,
        latency: LATENCY,
        crawl_delay: None,
        faults: false,
        ..SiteConfig::default()
    })
    .await
    .expect("the demo site starts");
    let concurrency = concurrency.max(1);
    let spec = Comparison {
        id: "4.5.compare",
        title: "twelve 0.2 s pages: concurrency 1 vs N",
        ideal_sequential: LATENCY * PAGES as u32,
        ideal_concurrent: LATENCY * (PAGES as u32).div_ceil(concurrency as u32),
    };
    let site = &site;
    ctx.compare(
        spec,
        |_ctx, timeline| async move { timed_crawl(site, 1, &timeline).await },
        |_ctx, timeline| async move { timed_crawl(site, concurrency, &timeline).await },
    )
    .await;
    ctx.say("(The ideal assumes every page is known from the start; a crawl discovers");
    ctx.say(format!(
        "pages level by level, so its first levels cannot fill {concurrency} slots.)"
    ));
}
