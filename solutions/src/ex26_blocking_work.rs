//! Exercise 26 — move blocking work off the runtime (lesson 4.4): reference solution.

use futures::future::join_all;
use std::time::Duration;

/// How long one lookup blocks its thread.
pub const LOOKUP_TIME: Duration = Duration::from_millis(500);

/// A lookup through a synchronous client: blocks the calling thread for `LOOKUP_TIME`
/// (twice that for a key that starts with "slow"), then gives `"value of {key}"`.
/// (Given.)
pub fn lookup_blocking(key: &str) -> String {
    let takes = if key.starts_with("slow") {
        LOOKUP_TIME * 2
    } else {
        LOOKUP_TIME
    };
    std::thread::sleep(takes);
    format!("value of {key}")
}

/// `lookup_blocking(key)`, run on tokio's blocking pool.
pub async fn lookup(key: &str) -> String {
    // The closure runs on another thread and may outlive this call, so it must own what
    // it uses: a String, not the borrowed &str.
    let key = key.to_string();
    let on_the_pool = tokio::task::spawn_blocking(move || lookup_blocking(&key));
    // Awaiting the handle lets the runtime run other tasks meanwhile. It is an `Err`
    // only if the closure panicked: pass that panic on.
    match on_the_pool.await {
        Ok(value) => value,
        Err(error) => std::panic::resume_unwind(error.into_panic()),
    }
}

/// Looks up every key at the same time, each on the blocking pool; values in order.
pub async fn lookup_all(keys: &[&str]) -> Vec<String> {
    join_all(keys.iter().map(|key| lookup(key))).await
}
