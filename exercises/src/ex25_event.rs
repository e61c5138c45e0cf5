//! Exercise 25 — an event that releases every waiter (lesson 4.4).
//!
//! `asyncio.Event` is a flag that tasks can wait for: `await event.wait()` returns once
//! someone calls `event.set()` — every waiter at the same moment — and a task that
//! arrives after the flag was set passes straight through. `event.clear()` lowers the
//! flag again. Write that `Event` for tokio.
//!
//! The lesson shows two building blocks. A `tokio::sync::watch` channel holding a `bool`
//! is a flag that remembers its value. `tokio::sync::Notify` is a doorbell: it wakes the
//! tasks waiting right now but remembers nothing, so by itself it loses a `set` that
//! comes before the `wait`. Whichever you pick, a waiter must sleep until it is woken —
//! not check the flag over and over.
//!
//! Grade: `cargo xtask check ex25` · Stuck? `cargo xtask hint ex25`

/// A flag tasks can wait for, like `asyncio.Event`. Share it between tasks in an `Arc`.
#[derive(Debug)]
pub struct Event {
    // TODO: what holds the flag, and lets waiters sleep until it changes?
}

impl Default for Event {
    fn default() -> Event {
        Event::new()
    }
}

impl Event {
    /// A new event, not set.
    pub fn new() -> Event {
        // TODO
        todo!("Event::new")
    }

    /// Sets the flag: every task waiting in `wait` is released now, and later calls of
    /// `wait` return at once, until `clear`.
    pub fn set(&self) {
        // TODO
        todo!("Event::set")
    }

    /// Clears the flag: from now on `wait` waits for the next `set`.
    pub fn clear(&self) {
        // TODO
        todo!("Event::clear")
    }

    /// Whether the flag is set.
    pub fn is_set(&self) -> bool {
        // TODO
        todo!("Event::is_set")
    }

    /// Waits until the flag is set. Returns at once if it already is.
    pub async fn wait(&self) {
        // TODO: return if the flag is set; otherwise sleep until `set` wakes you.
        todo!("Event::wait")
    }
}
