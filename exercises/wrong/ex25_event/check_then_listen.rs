//! WRONG ANSWER (kept so `cargo xtask verify` proves the grader rejects it): exercise 25
//! with a flag and a `Notify`, where `wait` looks at the flag and only then starts
//! listening (`notified()`). A `set` on another thread that lands between the two rings
//! the bell before anyone listens, and the waiter sleeps forever. On one thread it never
//! happens; the check "no set is lost when it comes from another thread" must catch it.
//! (Creating the `Notified` first, then checking the flag, is right.)

use std::sync::atomic::{AtomicBool, Ordering};
use tokio::sync::Notify;

/// A flag tasks can wait for, like `asyncio.Event`.
#[derive(Debug, Default)]
pub struct Event {
    flag: AtomicBool,
    bell: Notify,
}

impl Event {
    /// A new event, not set.
    pub fn new() -> Event {
        Event::default()
    }

    /// Sets the flag and wakes every waiter.
    pub fn set(&self) {
        self.flag.store(true, Ordering::SeqCst);
        self.bell.notify_waiters();
    }

    /// Clears the flag.
    pub fn clear(&self) {
        self.flag.store(false, Ordering::SeqCst);
    }

    /// Whether the flag is set.
    pub fn is_set(&self) -> bool {
        self.flag.load(Ordering::SeqCst)
    }

    /// Waits until the flag is set.
    pub async fn wait(&self) {
        while !self.is_set() {
            self.bell.notified().await;
        }
    }
}
