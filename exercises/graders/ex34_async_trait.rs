//! Grader for exercise 34 — one async trait, two implementations, `dyn`, and a recursive
//! walk. Used unchanged by `solutions/`.
//!
//! The two sites are timed on the paused clock and used through `Box<dyn DynPageSource>`.
//! The walk runs over the fake (which pages it asked for, and how often) and over a site
//! of the grader's own whose pages take different times: it records when each page was
//! fetched, so a walk that follows links one after another, or fetches a page twice,
//! shows up on the picture.

use crate::ex34_async_trait::{DynPageSource, FakeSite, PageSource, SlowSite, walk};
use harness::grade::{on_paused_clock, require, require_seen, secs, timed};
use harness::picture::{Picture, span, timed_call};
use harness::{Span, format_secs};
use std::collections::{BTreeSet, HashMap};
use std::future::Future;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::time::Instant;

/// A site as (path, links) pairs.
fn site(pages: &[(&str, &[&str])]) -> HashMap<String, Vec<String>> {
    pages
        .iter()
        .map(|(path, links)| {
            let links = links.iter().map(|link| link.to_string()).collect();
            (path.to_string(), links)
        })
        .collect()
}

fn set(paths: &[&str]) -> BTreeSet<String> {
    paths.iter().map(|path| path.to_string()).collect()
}

fn fake(pages: HashMap<String, Vec<String>>) -> FakeSite {
    FakeSite {
        pages,
        asked: Mutex::default(),
    }
}

fn asked_of(fake: &FakeSite) -> Vec<String> {
    fake.asked
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .clone()
}

/// A site whose pages link back to pages already seen, and go three levels deep.
fn tree_with_back_links() -> HashMap<String, Vec<String>> {
    site(&[
        ("/", &["/a", "/b", "/missing"]),
        ("/a", &["/a/1", "/a/2", "/"]),
        ("/b", &["/b/1", "/a"]),
        ("/a/1", &["/a/1/x"]),
        ("/a/2", &[]),
        ("/b/1", &["/b/1/x", "/"]),
        ("/a/1/x", &[]),
        ("/b/1/x", &[]),
    ])
}

#[test]
fn the_slow_site_waits_its_delay_then_answers() {
    on_paused_clock(|| async {
        let slow = SlowSite {
            pages: site(&[("/", &["/a", "/b"])]),
            delay: Duration::from_millis(250),
        };
        let (links, took) = timed(slow.links("/")).await;
        require(
            links == Some(vec!["/a".to_string(), "/b".to_string()]),
            || format!("SlowSite::links(\"/\") returned {links:?}; the page links to /a and /b"),
        );
        require_seen(
            took == Duration::from_millis(250),
            || timed_call("links(\"/\")", took, Duration::from_millis(250)),
            || {
                format!(
                    "SlowSite::links took {}; every page takes `delay` (0.25 s) to arrive",
                    format_secs(took)
                )
            },
        );
        let (links, took) = timed(slow.links("/nowhere")).await;
        require(links.is_none(), || {
            format!("SlowSite::links(\"/nowhere\") returned {links:?}; there is no such page: None")
        });
        require(took == Duration::from_millis(250), || {
            format!(
                "a missing page took {}; it takes `delay` (0.25 s) too",
                format_secs(took)
            )
        });
    });
}

#[test]
fn the_fake_answers_at_once_and_writes_down_what_was_asked() {
    on_paused_clock(|| async {
        let fake = fake(site(&[("/", &["/a"]), ("/a", &[])]));
        let started = Instant::now();
        let first = fake.links("/a").await;
        let second = fake.links("/zzz").await;
        let third = fake.links("/").await;
        let took = started.elapsed();
        require(
            first == Some(vec![]) && second.is_none() && third == Some(vec!["/a".to_string()]),
            || {
                format!(
                    "FakeSite::links gave {first:?} for /a, {second:?} for /zzz and {third:?} \
                     for /; expected Some([]), None and Some([\"/a\"])"
                )
            },
        );
        require(took == Duration::ZERO, || {
            format!(
                "three calls of FakeSite::links took {}; a fake answers at once",
                format_secs(took)
            )
        });
        let asked = asked_of(&fake);
        require(asked == ["/a", "/zzz", "/"], || {
            format!(
                "FakeSite recorded {asked:?}; it should write down every path asked for, in \
                 order: [\"/a\", \"/zzz\", \"/\"]"
            )
        });
    });
}

#[test]
fn both_sites_work_behind_dyn() {
    on_paused_clock(|| async {
        let pages = site(&[("/", &["/a"])]);
        let sources: Vec<Box<dyn DynPageSource + Send + Sync>> = vec![
            Box::new(SlowSite {
                pages: pages.clone(),
                delay: Duration::from_millis(100),
            }),
            Box::new(fake(pages)),
        ];
        let mut took_each = Vec::new();
        for source in &sources {
            let (links, took) = timed(source.links_boxed("/")).await;
            require(links == Some(vec!["/a".to_string()]), || {
                format!("links_boxed(\"/\") through a Box<dyn DynPageSource> returned {links:?}")
            });
            took_each.push(took);
        }
        require(
            took_each == [Duration::from_millis(100), Duration::ZERO],
            || {
                format!(
                    "through dyn, the slow site took {} and the fake {}; expected 0.10 s and \
                 no time: links_boxed should run the site's own `links`",
                    format_secs(took_each[0]),
                    format_secs(took_each[1])
                )
            },
        );
    });
}

#[test]
fn the_walk_keeps_to_the_depth_limit_and_asks_for_each_page_once() {
    on_paused_clock(|| async {
        let site = fake(tree_with_back_links());
        let found = walk(&site, "/", 2).await;
        let expected = set(&["/", "/a", "/a/1", "/a/2", "/b", "/b/1"]);
        let asked = asked_of(&site);
        for deeper in ["/a/1/x", "/b/1/x"] {
            require(!asked.iter().any(|path| path == deeper), || {
                format!(
                    "with max_depth 2 your walk asked for {deeper}, which is 3 links from /: \
                     follow a page's links only while its depth is below max_depth"
                )
            });
        }
        for path in &asked {
            let times = asked.iter().filter(|other| *other == path).count();
            require(times == 1, || {
                format!(
                    "your walk asked for {path} {times} times (it asked for {asked:?}); pages \
                     link back to pages already seen — fetch each page once"
                )
            });
        }
        require(asked.iter().any(|path| path == "/missing"), || {
            format!(
                "your walk never asked for /missing, a link on / (it asked for {asked:?}): a \
                 page's links must all be fetched to learn which exist"
            )
        });
        require(found == expected, || {
            format!(
                "walk(\"/\", max_depth 2) returned {found:?}; expected {expected:?} — every \
                 page fetched that exists (/missing does not)"
            )
        });

        let site = fake(tree_with_back_links());
        let found = walk(&site, "/", 0).await;
        let asked_at_zero = asked_of(&site);
        require(found == set(&["/"]) && asked_at_zero == ["/"], || {
            format!(
                "with max_depth 0 your walk returned {found:?} and asked for \
                 {asked_at_zero:?}; only the start page, depth 0, is fetched"
            )
        });

        let site = fake(tree_with_back_links());
        let found = walk(&site, "/nowhere", 3).await;
        require(found.is_empty(), || {
            format!("a walk from a page that does not exist returned {found:?}; expected nothing")
        });
    });
}

/// A site whose pages take different times, recording when each fetch started and ended.
struct TimedSite {
    pages: HashMap<String, (Duration, Vec<String>)>,
    origin: Instant,
    fetches: Arc<Mutex<Vec<Span>>>,
}

impl PageSource for TimedSite {
    fn links(&self, path: &str) -> impl Future<Output = Option<Vec<String>>> + Send {
        let page = self.pages.get(path).cloned();
        let origin = self.origin;
        let fetches = Arc::clone(&self.fetches);
        let path = path.to_string();
        async move {
            let start = origin.elapsed();
            let takes = page.as_ref().map_or(secs(0.1), |(takes, _)| *takes);
            tokio::time::sleep(takes).await;
            fetches.lock().unwrap().push(Span {
                label: path,
                start,
                end: origin.elapsed(),
                cancelled: false,
            });
            page.map(|(_, links)| links)
        }
    }
}

#[test]
fn the_walk_fetches_the_links_of_a_page_all_at_once() {
    on_paused_clock(|| async {
        let page = |path: &str, seconds: f64, links: &[&str]| {
            let links = links.iter().map(|link| link.to_string()).collect();
            (path.to_string(), (secs(seconds), links))
        };
        let site = TimedSite {
            pages: HashMap::from([
                page("/", 0.1, &["/a", "/b", "/c"]),
                page("/a", 0.3, &["/a/1"]),
                page("/b", 0.1, &["/b/1", "/shared"]),
                page("/c", 0.15, &["/shared"]),
                page("/a/1", 0.1, &[]),
                page("/b/1", 0.2, &[]),
                page("/shared", 0.1, &["/deep"]),
                page("/deep", 0.1, &[]),
            ]),
            origin: Instant::now(),
            fetches: Arc::default(),
        };
        let (found, took) = timed(walk(&site, "/", 2)).await;
        let fetches = site.fetches.lock().unwrap().clone();
        let expected = vec![
            span("/", 0.0, 0.1),
            span("/a", 0.1, 0.4),
            span("/b", 0.1, 0.2),
            span("/c", 0.1, 0.25),
            span("/b/1", 0.2, 0.4),
            span("/shared", 0.2, 0.3),
            span("/a/1", 0.4, 0.5),
        ];
        let picture = || {
            let mut yours = fetches.clone();
            yours.sort_by(|a, b| (a.start, &a.label).cmp(&(b.start, &b.label)));
            Picture::new()
                .spans("your walk: each page's fetch", yours)
                .spans(
                    "expected: a page's links fetched together, as soon as it arrives",
                    expected.clone(),
                )
        };
        let shared = fetches.iter().filter(|f| f.label == "/shared").count();
        require_seen(shared == 1, picture, || {
            format!(
                "your walk fetched /shared {shared} times: /b and /c both link to it, and /c \
                 arrived while /shared was still loading for /b. Mark a page as taken \
                 before you fetch it, not after"
            )
        });
        require(
            found == set(&["/", "/a", "/b", "/c", "/a/1", "/b/1", "/shared"]),
            || format!("walk(\"/\", max_depth 2) over the timed site returned {found:?}"),
        );
        require_seen(took == secs(0.5), picture, || {
            format!(
                "the walk took {}; with a page's links fetched all at once it takes 0.50 s \
                 (/, then /a, then /a/1 — the slowest chain). One link after another takes \
                 1.05 s: join the recursive calls (join_all) instead of awaiting them in turn",
                format_secs(took)
            )
        });
    });
}
