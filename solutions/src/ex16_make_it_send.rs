//! Exercise 16 — make a future `Send` so it can be spawned (lesson 4.3): reference
//! solution.

use std::collections::HashMap;
use std::future::Future;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// How long looking up one word takes.
pub const LOOKUP_TIME: Duration = Duration::from_millis(2);

/// Word counts, shared by every tally task: normal form of a word → how often it was seen.
pub type Tally = Arc<Mutex<HashMap<String, usize>>>;

/// Looks `word` up in a (simulated) dictionary and returns its normal form.
pub async fn look_up(word: &str) -> String {
    tokio::time::sleep(LOOKUP_TIME).await;
    word.trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase()
}

/// Counts `words` into `tally`, one at a time; finishes with the number counted.
// An `async fn` cannot promise `Send` in its signature; this one must.
#[allow(clippy::manual_async_fn)]
pub fn tally_task(
    words: Vec<String>,
    tally: Tally,
) -> impl Future<Output = usize> + Send + 'static {
    // `async move` takes ownership of `words` and `tally`: the future is 'static.
    async move {
        for word in &words {
            let key = look_up(word).await;
            // The guard is a temporary of this one statement: it is dropped at the `;`,
            // long before the next `.await`, so the future holds no guard while it waits
            // — which makes it Send, and lets the other tasks count meanwhile.
            *tally.lock().unwrap().entry(key).or_insert(0) += 1;
        }
        words.len()
    }
}
