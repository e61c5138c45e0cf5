//! Exercise 6 — first to finish wins; the rest are cancelled (lesson 4.2).
//!
//! Python's `asyncio.wait(tasks, return_when=FIRST_COMPLETED)` hands back the finished
//! task and leaves you to `.cancel()` the pending ones (JavaScript's `Promise.race`
//! cannot cancel them at all). In Rust there is no `.cancel()`: a future that is dropped
//! simply never runs again. Race a list of futures, return the winner, and make sure the
//! losers stop the moment the winner is known.
//!
//! Grade: `cargo xtask check ex06` · Stuck? `cargo xtask hint ex06`

use futures::future::BoxFuture;

/// Runs every contender at the same time and returns, as soon as the first one finishes,
/// its position in `contenders` and its value: `Some((index, value))`.
///
/// The other contenders are cancelled at that moment: none of them may run on after
/// `first_completed` has returned. With no contenders there is no winner: `None`, at once.
pub async fn first_completed<T>(contenders: Vec<BoxFuture<'static, T>>) -> Option<(usize, T)> {
    // TODO: race the contenders; stop the losers; mind the empty list.
    todo!("first_completed")
}
