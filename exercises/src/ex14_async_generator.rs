//! Exercise 14 — async generators (lesson 4.3).
//!
//! In Python an `async def` that `yield`s is an async generator: `async for` pulls one
//! value at a time out of it, its body runs only while someone is pulling, and leaving
//! the loop early simply abandons it. Stable Rust has no `yield` in async code yet, but
//! two tools give you the same thing as a `Stream`:
//!
//! - `async_stream::stream! { … }` — a block in which you may `.await` and `yield`;
//! - `futures::stream::unfold(state, step)` — an async `step` that turns the state into
//!   `Some((item, next_state))`, or `None` to end the stream.
//!
//! Write the course's `async_range` and `countdown`, then a generator that consumes
//! another stream: `running_total`, Python's
//! `async def running_total(numbers): total = 0; async for n in numbers: total += n; yield total`.
//! Like every future, all three must be lazy: no work, no task, until they are polled.
//!
//! Grade: `cargo xtask check ex14` · Stuck? `cargo xtask hint ex14`

use futures::Stream;
use futures::stream;
use std::time::Duration;

/// Yields `start, start + 1, …, stop - 1` (nothing if `start >= stop`), waiting `pause`
/// before each number — Python's `async_range(start, stop)`. Ends right after the last.
///
/// Write it with `async_stream::stream!`.
pub fn async_range(start: u32, stop: u32, pause: Duration) -> impl Stream<Item = u32> {
    // TODO: replace this line with a `stream! { … }` that loops, sleeps, and yields.
    stream::once(async { todo!("async_range") })
}

/// Yields `from, from - 1, …, 1`, waiting `pause` before each number, then ends (at
/// once with nothing if `from` is 0) — the course's `countdown`.
///
/// Write it with `futures::stream::unfold`; the state is the number still to yield.
pub fn countdown(from: u32, pause: Duration) -> impl Stream<Item = u32> {
    // TODO: replace this line with `stream::unfold(from, move |n| async move { … })`.
    stream::once(async { todo!("countdown") })
}

/// Yields the running total of `numbers`: for 3, 1, 4 it yields 3, 4, 8 — each total as
/// soon as its number arrives, pulling the next number only when asked for the next
/// total. Ends when `numbers` ends.
pub fn running_total(numbers: impl Stream<Item = u32>) -> impl Stream<Item = u32> {
    // TODO: a generator that pulls each number from `numbers`, adds it up, and yields.
    stream::once(async { todo!("running_total") })
}
