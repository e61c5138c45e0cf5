//! Exercise 7 — results in completion order (lesson 4.2).
//!
//! `for next in asyncio.as_completed(jobs): result = await next` gives you each result
//! as soon as its job finishes, the quickest first, while `asyncio.gather` holds every
//! result back until the last job is done. Write the Rust version: run all jobs at the
//! same time and hand each result to a callback the moment it is ready.
//!
//! Grade: `cargo xtask check ex07` · Stuck? `cargo xtask hint ex07`

use futures::future::BoxFuture;

/// Runs every job at the same time and calls `on_result` with each job's output as soon
/// as that job finishes — so in the order they finish, not the order they were given.
/// Returns when the last result has been handed over.
pub async fn as_completed<T>(jobs: Vec<BoxFuture<'static, T>>, on_result: impl FnMut(T)) {
    // TODO: poll all jobs together; call `on_result` for each one as it finishes.
    todo!("as_completed")
}
