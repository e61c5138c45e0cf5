//! Exercise 13 — a hand-written Stream: a ticker that keeps its schedule (lesson 4.3).
//!
//! Python's `AsyncCounter` is an async iterator: `__anext__` returns the next number, or
//! raises `StopAsyncIteration` at the end. Rust's async iterator is the `Stream` trait,
//! and its one required method, `poll_next`, answers `Poll::Ready(Some(item))`,
//! `Poll::Ready(None)` at the end, or `Poll::Pending` — after making sure the task will
//! be woken when there is something new.
//!
//! Write a `Ticker` that counts `1, 2, …, count` like a metronome: item `k` is due
//! `k × interval` after the ticker was made. Unlike the lesson's `AsyncCounter`, which
//! waits a full pause each time it is asked, a ticker keeps to its schedule: a consumer
//! that falls behind gets the overdue items at once and catches up — the way
//! `tokio::time::interval` ticks.
//!
//! Grade: `cargo xtask check ex13` · Stuck? `cargo xtask hint ex13`

use futures::Stream;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;
use tokio::time::{Sleep, sleep};

/// Counts `1..=count`, item `k` due `k × interval` after the ticker was made, then ends.
///
/// After the end, every poll answers `Ready(None)` at once: the ticker stays ended.
#[derive(Debug)]
pub struct Ticker {
    /// The number to hand out next.
    next: u32,
    /// The last number to hand out.
    last: u32,
    /// The time between two items' due times.
    interval: Duration,
    /// Fires at the due time of the item `next`. (A `Sleep` is `!Unpin`; boxed, it can
    /// live in a plain field and be polled through `timer.as_mut()`.)
    timer: Pin<Box<Sleep>>,
}

impl Ticker {
    /// A ticker of `count` items, the first one due `interval` from now. (Given.)
    pub fn new(count: u32, interval: Duration) -> Ticker {
        Ticker {
            next: 1,
            last: count,
            interval,
            timer: Box::pin(sleep(interval)),
        }
    }
}

impl Stream for Ticker {
    type Item = u32;

    /// `Ready(Some(next))` once `next` is due; `Pending` before that (the timer will wake
    /// the task); `Ready(None)` once every item is out, at once and for good.
    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<u32>> {
        // A Ticker is `Unpin`, so through `Pin<&mut Self>` you may use its fields freely
        // (`self.next += 1`, `self.timer.as_mut()`) — or all at once, like this:
        let Ticker {
            next,
            last,
            interval,
            timer,
        } = &mut *self;
        // TODO: ended? Then None. Otherwise poll the timer: not fired → Pending; fired →
        //       hand out `next` and move the timer on to the following item's due time.
        todo!("Ticker::poll_next")
    }

    /// How many items are still to come, exactly: `(left, Some(left))`.
    fn size_hint(&self) -> (usize, Option<usize>) {
        // TODO: count the numbers not yet handed out.
        todo!("Ticker::size_hint")
    }
}
