//! Exercise 13 — a hand-written Stream: a ticker that keeps its schedule (lesson 4.3):
//! reference solution.

use futures::Stream;
use std::pin::Pin;
use std::task::{Context, Poll, ready};
use std::time::Duration;
use tokio::time::{Sleep, sleep};

/// Counts `1..=count`, item `k` due `k × interval` after the ticker was made, then ends.
#[derive(Debug)]
pub struct Ticker {
    /// The number to hand out next.
    next: u32,
    /// The last number to hand out.
    last: u32,
    /// The time between two items' due times.
    interval: Duration,
    /// Fires at the due time of the item `next`.
    timer: Pin<Box<Sleep>>,
}

impl Ticker {
    /// A ticker of `count` items, the first one due `interval` from now.
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

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<u32>> {
        // Check the end first: an ended ticker answers None at once, however often it
        // is asked, and never waits for a timer.
        if self.next > self.last {
            return Poll::Ready(None);
        }
        // Not due yet: the Sleep has stored cx's waker and will wake us at the due time.
        // `ready!` returns that Pending for us.
        ready!(self.timer.as_mut().poll(cx));
        let item = self.next;
        self.next += 1;
        // The next item is due one interval after this one was *due* — not after now —
        // so a late consumer does not push the whole schedule back.
        let due = self.timer.deadline() + self.interval;
        self.timer.as_mut().reset(due);
        Poll::Ready(Some(item))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        // `next` runs from 1 to `last + 1`, so this never goes below zero.
        let left = (self.last - (self.next - 1)) as usize;
        (left, Some(left))
    }
}
