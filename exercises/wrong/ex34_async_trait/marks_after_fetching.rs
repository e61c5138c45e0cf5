//! WRONG ANSWER (kept so `cargo xtask verify` proves the grader rejects it): exercise 34
//! whose walk marks a page as seen only once it has arrived. Over the fake (which answers
//! at once) that is enough; over a slow site, two pages that link to the same page while
//! it is still loading fetch it twice — the timed walk must catch it.

use futures::future::{BoxFuture, join_all};
use std::collections::{BTreeSet, HashMap, HashSet};
use std::future::Future;
use std::sync::Mutex;
use std::time::Duration;

/// Something that serves pages. (Given.)
pub trait PageSource {
    /// The links found on `path`, or `None` if there is no such page.
    fn links(&self, path: &str) -> impl Future<Output = Option<Vec<String>>> + Send;
}

/// The "real" site: every page takes `delay` to arrive. (Given.)
pub struct SlowSite {
    /// Each page's path and the links on it.
    pub pages: HashMap<String, Vec<String>>,
    /// How long every page takes, found or not.
    pub delay: Duration,
}

/// A fake for tests: answers at once and records every path asked for. (Given.)
pub struct FakeSite {
    /// Each page's path and the links on it.
    pub pages: HashMap<String, Vec<String>>,
    /// Every path asked for, in the order asked.
    pub asked: Mutex<Vec<String>>,
}

impl PageSource for SlowSite {
    async fn links(&self, path: &str) -> Option<Vec<String>> {
        tokio::time::sleep(self.delay).await;
        self.pages.get(path).cloned()
    }
}

impl PageSource for FakeSite {
    async fn links(&self, path: &str) -> Option<Vec<String>> {
        // A temporary guard: released at the `;`, never held across an await.
        self.asked.lock().unwrap().push(path.to_string());
        self.pages.get(path).cloned()
    }
}

/// The dyn-compatible twin of [`PageSource`]: the future comes boxed. (Given.)
pub trait DynPageSource {
    /// [`PageSource::links`], with the future boxed.
    fn links_boxed<'a>(&'a self, path: &'a str) -> BoxFuture<'a, Option<Vec<String>>>;
}

impl<S: PageSource + Sync> DynPageSource for S {
    fn links_boxed<'a>(&'a self, path: &'a str) -> BoxFuture<'a, Option<Vec<String>>> {
        Box::pin(self.links(path))
    }
}

/// Every page reachable from `start` within `max_depth` links, each fetched once, the
/// links of a page followed all at once.
pub async fn walk<S: PageSource>(source: &S, start: &str, max_depth: usize) -> BTreeSet<String> {
    let walk = Walk {
        source,
        max_depth,
        claimed: Mutex::default(),
        found: Mutex::default(),
    };
    walk.visit(start.to_string(), 0).await;
    walk.found.into_inner().unwrap()
}

/// What every step of one walk shares.
struct Walk<'a, S> {
    source: &'a S,
    max_depth: usize,
    /// Pages some step has started to fetch: claimed before the fetch, so a page linked
    /// from two places is fetched once.
    claimed: Mutex<HashSet<String>>,
    /// Pages that exist.
    found: Mutex<BTreeSet<String>>,
}

impl<S: PageSource> Walk<'_, S> {
    async fn visit(&self, path: String, depth: usize) {
        if self.claimed.lock().unwrap().contains(&path) {
            return;
        }
        let links = self.source.links(&path).await;
        self.claimed.lock().unwrap().insert(path.clone());
        let Some(links) = links else {
            return;
        };
        self.found.lock().unwrap().insert(path);
        if depth < self.max_depth {
            // Boxed, or this future would contain itself (E0733); joined, so the
            // links of one page are fetched at the same time.
            let children = links
                .into_iter()
                .map(|link| Box::pin(self.visit(link, depth + 1)));
            join_all(children).await;
        }
    }
}
