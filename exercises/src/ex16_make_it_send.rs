//! Exercise 16 — make a future `Send` so it can be spawned (lesson 4.3).
//!
//! `tokio::spawn` only takes futures that are `Send` — on every runtime, the
//! current-thread one included — because on tokio's multi-thread runtime a spawned task
//! may be paused at an `.await` on one worker thread and resumed on another. A future
//! holds everything that lives across its `.await`s — and a `std::sync::MutexGuard`
//! must be unlocked on the thread that locked it, so a future that holds one across an
//! `.await` is not `Send`. (asyncio has one thread and never asks; the closest Python
//! trap is holding a `threading.Lock` across an `await`: the next coroutine that calls
//! `acquire()` blocks the event loop's thread, the holder can never resume to release
//! it, and the whole loop deadlocks.)
//!
//! Here is a word counter that works — until you spawn it:
//!
//! ```text
//! pub async fn tally_words(words: Vec<String>, tally: Tally) -> usize {
//!     let mut counts = tally.lock().unwrap();
//!     for word in &words {
//!         let key = look_up(word).await;
//!         *counts.entry(key).or_insert(0) += 1;
//!     }
//!     words.len()
//! }
//!
//! tokio::spawn(tally_words(words, tally.clone()));
//! ```
//!
//! rustc answers (abridged):
//!
//! ```text
//! error: future cannot be sent between threads safely
//!    |
//! 22 |     tokio::spawn(tally_words(words, tally));
//!    |                  ^^^^^^^^^^^^^^^^^^^^^^^^^ future returned by `tally_words` is not `Send`
//!    |
//!    = help: within `impl Future<Output = usize>`, the trait `Send` is not implemented for `std::sync::MutexGuard<'_, HashMap<String, usize>>`
//! note: future is not `Send` as this value is used across an await
//!    |
//! 13 |     let mut counts = tally.lock().unwrap();
//!    |         ---------- has type `std::sync::MutexGuard<'_, HashMap<String, usize>>` which is not `Send`
//! 14 |     for word in &words {
//! 15 |         let key = look_up(word).await;
//!    |                                 ^^^^^ await occurs here, with `mut counts` maybe used later
//! ```
//!
//! Write `tally_task`, the same counter as a future that *is* `Send`: its return type
//! promises it, so the compiler checks your body against that promise.
//!
//! Grade: `cargo xtask check ex16` · Stuck? `cargo xtask hint ex16`

use std::collections::HashMap;
use std::future::Future;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// How long looking up one word takes.
pub const LOOKUP_TIME: Duration = Duration::from_millis(2);

/// Word counts, shared by every tally task: normal form of a word → how often it was seen.
pub type Tally = Arc<Mutex<HashMap<String, usize>>>;

/// Looks `word` up in a (simulated) dictionary and returns its normal form: lowercase,
/// without surrounding punctuation — `"Tokio,"` → `"tokio"`. Takes `LOOKUP_TIME`. (Given.)
pub async fn look_up(word: &str) -> String {
    tokio::time::sleep(LOOKUP_TIME).await;
    word.trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase()
}

/// Counts `words` into `tally` like `tally_words` above: one word at a time, in order,
/// each looked up with `look_up` and counted under its normal form as soon as it has
/// been looked up. Finishes with the number of words counted.
///
/// The future must be `Send` (and own what it uses, `'static`), so that `tokio::spawn`
/// can run several tally tasks on a multi-thread runtime at once, all sharing `tally`.
// An `async fn` cannot promise `Send` in its signature; this one must.
#[allow(clippy::manual_async_fn)]
pub fn tally_task(
    words: Vec<String>,
    tally: Tally,
) -> impl Future<Output = usize> + Send + 'static {
    async move {
        // TODO: the loop of `tally_words` — but lock `tally` only for the update,
        //       so that no guard is alive at an `.await`.
        todo!("tally_task")
    }
}
