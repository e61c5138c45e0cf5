//! Exercise 12 — write a future by hand (lesson 4.3).
//!
//! `async fn` writes futures for you; this time you write one yourself. A future is a
//! value with one method, `poll`: the executor calls it, and it answers `Poll::Ready(value)`
//! when it is done or `Poll::Pending` when it is not — and then it is not polled again
//! until someone calls the `Waker` the executor handed over in `cx`. Forget to keep that
//! waker, and the task sleeps forever; wake it yourself on every poll, and the executor
//! spins in a busy loop.
//!
//! In asyncio, `await fut` on a bare `asyncio.Future` suspends until someone calls
//! `fut.set_result(...)`, and the future's done-callbacks tell the event loop to resume
//! the waiting task. Here the pair is split in two: a `Gate` that someone opens (its
//! `open` is given, and calls the stored waker), and a `Ticket`, the future that waits
//! for it. Write `Ticket`'s `poll`.
//!
//! Grade: `cargo xtask check ex12` · Stuck? `cargo xtask hint ex12`

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::task::{Context, Poll, Waker};

/// What a gate and its ticket share. (Given.)
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

/// Makes a closed gate and the one ticket that waits for it to open. (Given.)
pub fn gate() -> (Gate, Ticket) {
    let shared = Arc::new(Mutex::new(Shared::default()));
    (
        Gate {
            shared: Arc::clone(&shared),
        },
        Ticket { shared },
    )
}

/// The side that opens the gate. Clones open the same gate. (Given.)
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
        // One lock for the whole poll, to look at the state and change it in one go.
        let shared = lock(&self.shared);
        // TODO: answer Ready if the gate is open; otherwise store `cx.waker().clone()`
        //       in `shared.waker` (`let mut shared` to change it) and answer Pending.
        todo!("Ticket::poll")
    }
}
