//! What the compiler makes of an `async fn`: a state machine that implements `Future`.
//!
//! Each `.await` becomes a state; polling runs from the current state to the next
//! `.await` that is not ready, stores where it stopped, and returns `Pending`. This file
//! writes such a machine by hand for a two-step `async fn`, so nothing is hidden.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;
use tokio::time::{Sleep, sleep};

// ANCHOR: async_version
/// Two waits, then a message — as you would write it.
pub async fn two_steps() -> &'static str {
    sleep(Duration::from_millis(500)).await;
    sleep(Duration::from_millis(500)).await;
    "done"
}
// ANCHOR_END: async_version

// ANCHOR: by_hand
/// The same, as the state machine the compiler generates (simplified).
pub enum TwoSteps {
    /// Not polled yet: nothing has happened.
    Start,
    /// Suspended at the first `.await`.
    First(Pin<Box<Sleep>>),
    /// Suspended at the second `.await`.
    Second(Pin<Box<Sleep>>),
    /// Returned its output; must not be polled again.
    Done,
}

impl Future for TwoSteps {
    type Output = &'static str;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<&'static str> {
        loop {
            match &mut *self {
                TwoSteps::Start => {
                    *self = TwoSteps::First(Box::pin(sleep(Duration::from_millis(500))));
                }
                TwoSteps::First(timer) => {
                    // Not ready? The timer has stored cx's waker; report Pending.
                    if timer.as_mut().poll(cx).is_pending() {
                        return Poll::Pending;
                    }
                    *self = TwoSteps::Second(Box::pin(sleep(Duration::from_millis(500))));
                }
                TwoSteps::Second(timer) => {
                    if timer.as_mut().poll(cx).is_pending() {
                        return Poll::Pending;
                    }
                    *self = TwoSteps::Done;
                    return Poll::Ready("done");
                }
                TwoSteps::Done => panic!("TwoSteps polled after it completed"),
            }
        }
    }
}
// ANCHOR_END: by_hand

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn the_hand_written_machine_behaves_like_the_async_fn() {
        let started = tokio::time::Instant::now();
        assert_eq!(two_steps().await, "done");
        assert_eq!(started.elapsed(), Duration::from_secs(1));

        let started = tokio::time::Instant::now();
        assert_eq!(TwoSteps::Start.await, "done");
        assert_eq!(started.elapsed(), Duration::from_secs(1));
    }

    #[tokio::test(start_paused = true)]
    async fn it_is_pending_until_both_timers_fire() {
        let mut machine = tokio_test::task::spawn(TwoSteps::Start);
        tokio_test::assert_pending!(machine.poll());
        tokio::time::sleep(Duration::from_millis(500)).await;
        assert!(machine.is_woken(), "the first timer woke it");
        tokio_test::assert_pending!(machine.poll());
        tokio::time::sleep(Duration::from_millis(500)).await;
        assert_eq!(tokio_test::assert_ready!(machine.poll()), "done");
    }
}
