//! Async functions in traits, trait objects with boxed futures, and async recursion.
//!
//! `async fn` in a trait is stable since Rust 1.75, but the future each implementation
//! returns is a type nobody can name, so a generic caller cannot ask it to be `Send`.
//! This does not compile — `tokio::spawn` needs a `Send` future, and the trait made no
//! promise:
//!
//! ```compile_fail
//! #[allow(async_fn_in_trait)]
//! pub trait Site {
//!     async fn links(&self, path: &str) -> Option<Vec<String>>;
//! }
//! pub fn crawl_in_a_task<S: Site + Send + Sync + 'static>(site: std::sync::Arc<S>) {
//!     tokio::spawn(async move { site.links("/").await });
//! }
//! ```
//!
//! A trait with an `async fn` is not dyn compatible either (error E0038):
//!
//! ```compile_fail,E0038
//! #[allow(async_fn_in_trait)]
//! pub trait Site {
//!     async fn links(&self, path: &str) -> Option<Vec<String>>;
//! }
//! pub fn any_site() -> Box<dyn Site> {
//!     unimplemented!()
//! }
//! ```
//!
//! And an `async fn` that awaits itself directly would be a future that contains itself
//! (error E0733, "recursion in an async fn requires boxing"):
//!
//! ```compile_fail,E0733
//! async fn depth(n: u32) -> u32 {
//!     if n == 0 { 0 } else { depth(n - 1).await + 1 }
//! }
//! ```

use futures::future::{BoxFuture, join_all};
use harness::{Ctx, Timeline};
use std::collections::HashMap;
use std::future::Future;
use std::sync::Mutex;
use std::time::Duration;

// ANCHOR: trait
/// Something that serves pages: the links found on `path`, or `None` for no such page.
pub trait Site {
    /// Declared as "a function returning a `Send` future" rather than `async fn`, so
    /// every implementation must return a `Send` future and a generic caller may spawn
    /// it. Implementations still write `async fn links`.
    fn links(&self, path: &str) -> impl Future<Output = Option<Vec<String>>> + Send;
}
// ANCHOR_END: trait

/// The little site both implementations serve: a tree three levels deep.
pub fn demo_pages() -> HashMap<String, Vec<String>> {
    let page = |path: &str, links: &[&str]| {
        let links = links.iter().map(|link| link.to_string()).collect();
        (path.to_string(), links)
    };
    HashMap::from([
        page("/", &["/a", "/b"]),
        page("/a", &["/a/1", "/a/2"]),
        page("/b", &["/b/1"]),
        page("/a/1", &[]),
        page("/a/2", &["/a/2/x"]),
        page("/b/1", &[]),
        page("/a/2/x", &[]),
    ])
}

// ANCHOR: impls
/// The "real" site: every page takes `delay` to arrive.
pub struct SlowSite {
    /// Each page's path and the links on it.
    pub pages: HashMap<String, Vec<String>>,
    /// How long every page takes.
    pub delay: Duration,
}

impl Site for SlowSite {
    async fn links(&self, path: &str) -> Option<Vec<String>> {
        tokio::time::sleep(self.delay).await;
        self.pages.get(path).cloned()
    }
}

/// A fake for tests: answers at once and writes down every path it was asked for.
pub struct FakeSite {
    /// Each page's path and the links on it.
    pub pages: HashMap<String, Vec<String>>,
    /// Every path asked for, in order.
    pub asked: Mutex<Vec<String>>,
}

impl Site for FakeSite {
    async fn links(&self, path: &str) -> Option<Vec<String>> {
        // The guard is a temporary: it is dropped at the `;`, never held across an await.
        self.asked.lock().unwrap().push(path.to_string());
        self.pages.get(path).cloned()
    }
}
// ANCHOR_END: impls

// ANCHOR: dyn_site
/// The dyn-compatible twin of [`Site`]: the future is boxed, so its type is the same
/// for every implementation — `BoxFuture<'a, T>` is `Pin<Box<dyn Future<Output = T> +
/// Send + 'a>>` — and a vtable can hold the method.
pub trait DynSite {
    /// [`Site::links`], with the future boxed.
    fn links_boxed<'a>(&'a self, path: &'a str) -> BoxFuture<'a, Option<Vec<String>>>;
}

/// Every `Site` that may be shared between threads is a `DynSite`: box its future.
impl<S: Site + Sync> DynSite for S {
    fn links_boxed<'a>(&'a self, path: &'a str) -> BoxFuture<'a, Option<Vec<String>>> {
        Box::pin(self.links(path))
    }
}
// ANCHOR_END: dyn_site

// ANCHOR: walk
/// Visits `path` and, while `depth < max_depth`, every page it links to — the children
/// of one page all at once. Returns the paths visited.
pub async fn walk<S: Site>(
    site: &S,
    timeline: &Timeline,
    path: String,
    depth: usize,
    max_depth: usize,
) -> Vec<String> {
    let label = format!("depth {depth}: {path}");
    let links = timeline.record(label, site.links(&path)).await;
    let mut visited = vec![path];
    if depth < max_depth {
        // `Box::pin` puts each recursive call's future on the heap: without it this
        // future would have to contain itself (error E0733).
        let children = links
            .unwrap_or_default()
            .into_iter()
            .map(|link| Box::pin(walk(site, timeline, link, depth + 1, max_depth)));
        for found in join_all(children).await {
            visited.extend(found);
        }
    }
    visited
}
// ANCHOR_END: walk

// ANCHOR: demo
/// Demo `4.3.async_trait`: one trait, two implementations, used behind `dyn` and
/// through a generic recursive walk.
pub async fn one_trait_two_sites(ctx: Ctx) {
    let slow = SlowSite {
        pages: demo_pages(),
        delay: Duration::from_millis(100),
    };
    let fake = FakeSite {
        pages: demo_pages(),
        asked: Mutex::default(),
    };

    // Behind `dyn`: one list, two types, each call returns a boxed future.
    let sites: Vec<(&str, &dyn DynSite)> = vec![("slow", &slow), ("fake", &fake)];
    for (name, site) in sites {
        ctx.new_timeline();
        let links = site.links_boxed("/").await.unwrap_or_default();
        ctx.log(format!(
            "{name} site (dyn): / links to {}",
            links.join(", ")
        ));
    }

    // Through a generic: the same recursive walk over each implementation.
    let timeline = ctx.new_timeline();
    let visited = walk(&slow, &timeline, "/".to_string(), 0, 2).await;
    ctx.log(format!("slow site, depth ≤ 2: {}", visited.join(" ")));
    ctx.show_timeline("one level at a time, siblings together", &timeline);

    ctx.new_timeline();
    fake.asked.lock().unwrap().clear(); // forget the dyn call above
    let visited = walk(&fake, &Timeline::start(), "/".to_string(), 0, 1).await;
    ctx.log(format!("fake site, depth ≤ 1: {}", visited.join(" ")));
    let asked = fake.asked.lock().unwrap().join(" ");
    ctx.log(format!("the fake was asked for: {asked}"));
}
// ANCHOR_END: demo

#[cfg(test)]
mod tests {
    use super::*;
    use harness::{Output, TimeMode};

    fn slow() -> SlowSite {
        SlowSite {
            pages: demo_pages(),
            delay: Duration::from_millis(100),
        }
    }

    #[tokio::test(start_paused = true)]
    async fn the_walk_respects_the_depth_and_runs_siblings_together() {
        let timeline = Timeline::start();
        let visited = walk(&slow(), &timeline, "/".to_string(), 0, 2).await;
        assert_eq!(visited, ["/", "/a", "/a/1", "/a/2", "/b", "/b/1"]);
        assert_eq!(
            timeline.elapsed(),
            Duration::from_millis(300),
            "three levels, 100 ms each: the pages of one level load together"
        );
        let everything = walk(&slow(), &timeline, "/".to_string(), 0, 10).await;
        assert_eq!(everything.len(), 7, "depth 3 holds /a/2/x");
    }

    #[tokio::test(start_paused = true)]
    async fn the_fake_answers_at_once_and_records_what_was_asked() {
        let fake = FakeSite {
            pages: demo_pages(),
            asked: Mutex::default(),
        };
        let started = tokio::time::Instant::now();
        let visited = walk(&fake, &Timeline::start(), "/".to_string(), 0, 1).await;
        assert_eq!(visited, ["/", "/a", "/b"]);
        assert_eq!(started.elapsed(), Duration::ZERO);
        assert_eq!(*fake.asked.lock().unwrap(), ["/", "/a", "/b"]);
    }

    #[tokio::test(start_paused = true)]
    async fn both_sites_work_behind_dyn_and_the_send_future_can_be_spawned() {
        let sites: Vec<Box<dyn DynSite + Send + Sync>> = vec![
            Box::new(slow()),
            Box::new(FakeSite {
                pages: demo_pages(),
                asked: Mutex::default(),
            }),
        ];
        for site in &sites {
            assert_eq!(site.links_boxed("/b").await, Some(vec!["/b/1".to_string()]));
        }
        let site = std::sync::Arc::new(slow());
        let task = tokio::spawn(async move { site.links("/nowhere").await });
        assert_eq!(task.await.unwrap(), None);
    }

    #[tokio::test(start_paused = true)]
    async fn the_demo_takes_the_walk_time() {
        let ctx = Ctx::new(TimeMode::Virtual, Output::Silent);
        let started = tokio::time::Instant::now();
        one_trait_two_sites(ctx).await;
        assert_eq!(
            started.elapsed(),
            Duration::from_millis(400),
            "100 ms + 300 ms"
        );
    }
}
