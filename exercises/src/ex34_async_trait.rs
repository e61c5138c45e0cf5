//! Exercise 34 — one async trait, two implementations, `dyn`, and a recursive walk
//! (lesson 4.3).
//!
//! In Python you would write an ABC with `async def links(self, path)`, a slow class
//! that talks to the site and a fake one for tests, and a recursive `async def walk`.
//! Here the trait, `PageSource`, is given (its method returns a `Send` future). Write:
//!
//! 1. `PageSource` for `SlowSite`: wait `delay`, then answer from `pages`.
//! 2. `PageSource` for `FakeSite`: answer at once, and write the path down in `asked`.
//! 3. `DynPageSource` — the dyn-compatible twin — for every `PageSource + Sync`, by
//!    boxing the future, so both sites fit in one `Vec<Box<dyn DynPageSource>>`.
//! 4. `walk`: starting at `start` (depth 0), fetch each page, and while a page's depth is
//!    below `max_depth` follow its links — **the links of one page all at once**, not one
//!    after another. Never fetch a page twice (pages link back to pages already seen). The
//!    answer: every page fetched that exists (its `links` gave `Some`).
//!
//! An `async fn` cannot await itself directly (error E0733): box the recursive call.
//!
//! Grade: `cargo xtask check ex34` · Stuck? `cargo xtask hint ex34`

use futures::future::BoxFuture;
use std::collections::{BTreeSet, HashMap};
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

// TODO 1: sleep `self.delay`, then the page's links (cloned), or `None`.
impl PageSource for SlowSite {
    async fn links(&self, path: &str) -> Option<Vec<String>> {
        todo!("wait, then look the page up")
    }
}

// TODO 2: record `path` in `self.asked`, then answer at once.
impl PageSource for FakeSite {
    async fn links(&self, path: &str) -> Option<Vec<String>> {
        todo!("write the path down, then look the page up")
    }
}

/// The dyn-compatible twin of [`PageSource`]: the future comes boxed. (Given.)
pub trait DynPageSource {
    /// [`PageSource::links`], with the future boxed.
    fn links_boxed<'a>(&'a self, path: &'a str) -> BoxFuture<'a, Option<Vec<String>>>;
}

// TODO 3: box the future of `PageSource::links`.
impl<S: PageSource + Sync> DynPageSource for S {
    fn links_boxed<'a>(&'a self, path: &'a str) -> BoxFuture<'a, Option<Vec<String>>> {
        todo!("Box::pin the future")
    }
}

/// TODO 4: every page reachable from `start` within `max_depth` links, each fetched once,
/// the links of a page followed all at once.
pub async fn walk<S: PageSource>(source: &S, start: &str, max_depth: usize) -> BTreeSet<String> {
    todo!("a recursive helper, its recursive calls boxed, run together")
}
