//! WRONG ANSWER (kept so `cargo xtask verify` proves the grader rejects it): exercise 12
//! whose `Ticket::poll` looks at the gate under one lock, lets go of it, and stores the
//! waker under a second lock. A `Gate::open` on another thread that lands between the two
//! finds no waker to call, and the task sleeps forever. On one thread it never happens;
//! the check "no wake-up is lost when the gate opens on another thread" must catch it.

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::task::{Context, Poll, Waker};

/// What a gate and its ticket share.
#[derive(Debug, Default)]
struct Shared {
    /// Whether the gate has been opened.
    open: bool,
    /// The waker of the task waiting for the gate, if it is waiting.
    waker: Option<Waker>,
}

/// Locks the shared state (a panic elsewhere while it was locked does not matter here).
fn lock(shared: &Mutex<Shared>) -> MutexGuard<'_, Shared> {
    shared.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Makes a closed gate and the one ticket that waits for it to open.
pub fn gate() -> (Gate, Ticket) {
    let shared = Arc::new(Mutex::new(Shared::default()));
    (
        Gate {
            shared: Arc::clone(&shared),
        },
        Ticket { shared },
    )
}

/// The side that opens the gate. Clones open the same gate.
#[derive(Debug, Clone)]
pub struct Gate {
    shared: Arc<Mutex<Shared>>,
}

impl Gate {
    /// Opens the gate and wakes the task waiting for it, if there is one. Opening an
    /// open gate changes nothing.
    pub fn open(&self) {
        let waker = {
            let mut shared = lock(&self.shared);
            shared.open = true;
            shared.waker.take()
        };
        // Wake after unlocking: the woken task may be polled at once, on another
        // thread, and its `poll` will want the lock.
        if let Some(waker) = waker {
            waker.wake();
        }
    }

    /// Whether the gate has been opened.
    pub fn is_open(&self) -> bool {
        lock(&self.shared).open
    }
}

/// A future that finishes, with `()`, once its gate is open.
#[derive(Debug)]
pub struct Ticket {
    shared: Arc<Mutex<Shared>>,
}

impl Future for Ticket {
    type Output = ();

    /// Ready if the gate is open. Otherwise, leave the waker of the task polling now
    /// where `Gate::open` will find it — replacing any waker stored by an earlier poll,
    /// because the ticket may have moved to another task since — and answer Pending.
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if lock(&self.shared).open {
            return Poll::Ready(());
        }
        lock(&self.shared).waker = Some(cx.waker().clone());
        Poll::Pending
    }
}
