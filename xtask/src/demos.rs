//! The demo registry: every lesson crate's demos, looked up by id.
//!
//! A new lesson crate adds one line here. (The crawler's demos are only in the runner
//! built with the crawler; see `with_crawler.rs`.)

use harness::Demo;

/// Every demo of every lesson crate.
pub fn all() -> Vec<Demo> {
    let mut demos = Vec::new();
    demos.extend(coroutines::demos());
    demos.extend(tasks::demos());
    demos.extend(gather_select::demos());
    demos.extend(timeouts::demos());
    demos.extend(streams::demos());
    demos.extend(cancellation::demos());
    demos.extend(semaphores::demos());
    demos.extend(queues::demos());
    demos.extend(async_io::demos());
    #[cfg(feature = "crawler")]
    demos.extend(crawler::demos());
    demos
}

/// The demo registered under `id`.
pub fn find(id: &str) -> Option<Demo> {
    all().into_iter().find(|demo| demo.id == id)
}
