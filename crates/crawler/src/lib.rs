//! Lesson 4.5 — the capstone: an asynchronous web crawler, and the demo site it crawls.
//!
//! From a start URL the crawler fetches pages concurrently with one shared `reqwest`
//! client, parses titles and links with `scraper`, resolves and normalises links with
//! `url`, and follows them to a maximum depth and page budget — within a global
//! concurrency limit (a semaphore), a per-host politeness delay, and robots.txt. Each
//! page becomes a [`PageRecord`]; the run ends with a [`Summary`].
//!
//! The [`site`] module serves a generated site on 127.0.0.1 with the faults a crawler
//! meets in the wild, so everything works — and is tested — offline.
//!
//! | file | concept |
//! |---|---|
//! | `config.rs` | what to crawl and how politely |
//! | `links.rs` | parsing a page, normalising its links (plain functions: not async) |
//! | `fetch.rs` | one page over HTTP: timeouts, retries, caps, content type |
//! | `politeness.rs` | a delay between requests to the same host |
//! | `limits.rs` | the permit and the host's turn, taken in that order |
//! | `robots.rs` | robots.txt, fetched once per host |
//! | `crawl.rs` | the engine: frontier, budget, semaphore, cancellation |
//! | `record.rs` | what is written per page, and the summary |
//! | `results.rs` | the JSON-lines file, written by a task of its own |
//! | `site.rs` | the offline demo site |
//! | `scripted.rs` | a site whose every answer a test writes (graders' faults) |
//! | `lesson.rs` | the demos lesson 4.5 runs on the demo site |
//! | `schedule.rs` | the demos of the limits, on the virtual clock |

mod config;
mod crawl;
mod fetch;
pub mod lesson;
mod limits;
pub mod links;
mod politeness;
mod record;
mod results;
mod robots;
mod schedule;
pub mod scripted;
pub mod site;

pub use config::CrawlConfig;
pub use crawl::{CrawlError, CrawlProgress, crawl};
pub use fetch::{FetchError, Fetched, Fetcher};
pub use politeness::Politeness;
pub use record::{ErrorKind, PageRecord, Summary};
pub use results::ResultsFile;
pub use robots::Robots;

/// Every demo of this crate, under the ids the lessons refer to.
pub fn demos() -> Vec<harness::Demo> {
    use futures::FutureExt;
    use harness::Demo;
    vec![
        Demo::walkthrough(
            "4.5.first_page",
            "Fetch one page, read its title and links",
            |ctx| lesson::fetch_one_page(ctx).boxed_local(),
        )
        .in_real_time_only(),
        Demo::walkthrough(
            "4.5.crawl",
            "Crawl the whole demo site, faults and all",
            |ctx| lesson::crawl_the_demo_site(ctx).boxed_local(),
        )
        .in_real_time_only(),
        Demo::comparison("4.5.compare", "Crawling at concurrency 1 and 4", |ctx| {
            lesson::one_at_a_time_vs_four(ctx).boxed_local()
        })
        .in_real_time_only(),
        Demo::walkthrough(
            "4.5.polite_schedule",
            "One permit, a slow page: the host's turn must come after the permit",
            |ctx| schedule::polite_schedule(ctx).boxed_local(),
        ),
        Demo::walkthrough(
            "4.5.idle_permits",
            "Two permits, two hosts: a permit waits out its host's turn",
            |ctx| schedule::idle_permits(ctx).boxed_local(),
        ),
        Demo::walkthrough(
            "4.5.slow_robots",
            "A slow robots.txt holds up only its own host",
            |ctx| schedule::slow_robots(ctx).boxed_local(),
        ),
    ]
}
