//! Exercise 25 — an event that releases every waiter (lesson 4.4): reference solution.

use tokio::sync::watch;

/// A flag tasks can wait for, like `asyncio.Event`.
#[derive(Debug)]
pub struct Event {
    /// The flag. The sender keeps the current value even when nobody is listening.
    flag: watch::Sender<bool>,
}

impl Default for Event {
    fn default() -> Event {
        Event::new()
    }
}

impl Event {
    /// A new event, not set.
    pub fn new() -> Event {
        Event {
            flag: watch::Sender::new(false),
        }
    }

    /// Sets the flag and releases every waiter; later waiters pass at once.
    pub fn set(&self) {
        // `send_replace` stores the value even with no receiver alive (`send` would
        // fail then and store nothing), and wakes every receiver that waits.
        self.flag.send_replace(true);
    }

    /// Clears the flag: waiters from now on wait for the next `set`.
    pub fn clear(&self) {
        self.flag.send_replace(false);
    }

    /// Whether the flag is set.
    pub fn is_set(&self) -> bool {
        *self.flag.borrow()
    }

    /// Waits until the flag is set; returns at once if it already is.
    pub async fn wait(&self) {
        // A fresh receiver per waiter; `wait_for` looks at the current value first, then
        // sleeps until the value changes — no polling loop.
        let mut flag = self.flag.subscribe();
        // It fails only if the sender is gone, and `self` owns the sender.
        let _ = flag.wait_for(|set| *set).await;
    }
}
