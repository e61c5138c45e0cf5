//! A timer future written by hand with nothing but the standard library.
//!
//! The whole contract of `Future::poll` in one small type: if the work is not done,
//! store the waker from the `Context` and return `Pending`; whoever finishes the work
//! (here, a thread that sleeps) calls `wake()`; the executor then polls again and gets
//! `Ready`. tokio's `sleep` does the same, with one timer wheel instead of a thread each.

use harness::Ctx;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex, PoisonError};
use std::task::{Context, Poll, Waker};
use std::time::Duration;

// ANCHOR: delay
/// Completes once `duration` has passed.
pub struct Delay {
    duration: Duration,
    shared: Arc<Mutex<Shared>>,
    ctx: Ctx,
}

/// What the future and its timer thread share.
#[derive(Default)]
struct Shared {
    /// Set by the timer thread when the time is up.
    done: bool,
    /// The waker to call then: the one from the most recent poll.
    waker: Option<Waker>,
    /// Whether the timer thread has been started (on the first poll: futures are lazy).
    started: bool,
}

impl Delay {
    /// A delay of `duration`, narrating its polls through `ctx`.
    pub fn new(duration: Duration, ctx: &Ctx) -> Delay {
        Delay {
            duration,
            shared: Arc::default(),
            ctx: ctx.clone(),
        }
    }
}

impl Future for Delay {
    type Output = ();

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let mut shared = self.shared.lock().unwrap_or_else(PoisonError::into_inner);
        if shared.done {
            self.ctx.log("  Delay::poll: time is up → Ready");
            return Poll::Ready(());
        }
        // Keep the newest waker: the task may have moved since the last poll.
        shared.waker = Some(cx.waker().clone());
        if !shared.started {
            shared.started = true;
            let (duration, state, ctx) = (self.duration, self.shared.clone(), self.ctx.clone());
            std::thread::spawn(move || {
                std::thread::sleep(duration);
                let mut shared = state.lock().unwrap_or_else(PoisonError::into_inner);
                shared.done = true;
                if let Some(waker) = shared.waker.take() {
                    ctx.log("  timer thread: time is up, calling wake()");
                    waker.wake();
                }
            });
        }
        self.ctx
            .log("  Delay::poll: not yet → Pending (waker stored)");
        Poll::Pending
    }
}
// ANCHOR_END: delay
