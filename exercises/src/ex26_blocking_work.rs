//! Exercise 26 — move blocking work off the runtime (lesson 4.4).
//!
//! `lookup_blocking` stands for code that was never meant to be async — a synchronous
//! database client, `std::fs`, a heavy computation: it holds its thread for half a
//! second. Called straight from async code it freezes every other task on that thread,
//! however many `.await`s surround it. asyncio's answer is
//! `await asyncio.to_thread(lookup_blocking, key)` (the older spelling:
//! `await loop.run_in_executor(None, lookup_blocking, key)`); tokio's is
//! `tokio::task::spawn_blocking`, which runs a closure on a pool of threads kept for
//! blocking work and gives you a future of its result.
//!
//! The grader listens to a heartbeat that should beat every 20 ms of *real* time while
//! your lookups run. (These checks take real time, about half a second each.)
//!
//! Grade: `cargo xtask check ex26` · Stuck? `cargo xtask hint ex26`

use std::time::Duration;

/// How long one lookup blocks its thread.
pub const LOOKUP_TIME: Duration = Duration::from_millis(500);

/// A lookup through a synchronous client: blocks the calling thread for `LOOKUP_TIME`
/// (twice that for a key that starts with "slow"), then gives `"value of {key}"`.
/// (Given. Don't change it; don't call it on the runtime.)
pub fn lookup_blocking(key: &str) -> String {
    let takes = if key.starts_with("slow") {
        LOOKUP_TIME * 2
    } else {
        LOOKUP_TIME
    };
    std::thread::sleep(takes);
    format!("value of {key}")
}

/// Gives `lookup_blocking(key)`'s answer without blocking the runtime's thread: the
/// blocking call runs elsewhere while this future waits for it.
pub async fn lookup(key: &str) -> String {
    // TODO: hand the blocking call to tokio's blocking pool and await the result.
    todo!("lookup")
}

/// Looks up every key at the same time — each blocking call on a thread of its own —
/// and returns the values in the order of `keys`.
pub async fn lookup_all(keys: &[&str]) -> Vec<String> {
    // TODO
    todo!("lookup_all")
}
