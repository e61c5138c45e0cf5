//! Exercise 39 — a key-value store as an actor (lesson 4.6, "Shared state: a lock, or an
//! actor").
//!
//! Many tasks share one store of counters. Instead of a lock around a `HashMap`, one
//! task — the actor — owns the map, and every other task talks to it through a `Store`
//! handle: each request travels over an `mpsc` channel with a `oneshot` sender for its
//! reply (in asyncio: a worker reading an `asyncio.Queue`, each request carrying a
//! `Future` to resolve). Write:
//!
//! - `Request`: the messages a handle sends the actor — one per operation, each with its
//!   key (and value) and a `oneshot::Sender` for the reply;
//! - `spawn_store()`: make the channel, spawn the actor task, return the first handle;
//! - the actor: a loop that owns the `HashMap<String, i64>` and answers each request in
//!   turn; it ends when every handle is gone;
//! - `set(key, value)`, `get(key)` (`None` for a key never set) and `incr(key)` (adds 1 —
//!   a missing key counts as 0 — and returns the new value).
//!
//! `incr` must be **one** request: if a handle did `get` then `set`, two tasks could both
//! read 41 and both write 42, and an increment would be lost.
//!
//! The grader checks: `get` after `set`; `incr`; 100 concurrent `incr`s from 10 cloned
//! handles in 10 tasks give 100, each caller seeing a different new value; that
//! `spawn_store` spawns a task, and that this task ends once every handle is dropped (no
//! task left behind).
//!
//! Grade: `cargo xtask check ex39` · Stuck? `cargo xtask hint ex39`

use tokio::sync::mpsc;

/// What a handle can ask the actor, with where to send the answer.
#[derive(Debug)]
pub enum Request {
    // TODO: one variant per operation: `Set { key: String, value: i64, done:
    // oneshot::Sender<()> }`, `Get { key, reply: oneshot::Sender<Option<i64>> }`,
    // `Incr { key, reply: oneshot::Sender<i64> }` (`tokio::sync::oneshot`).
}

/// A handle to the store: clone it freely; the store lives as long as any handle does.
#[derive(Debug, Clone)]
pub struct Store {
    #[allow(dead_code)] // until your methods send on it
    requests: mpsc::Sender<Request>,
}

/// Spawns the store's actor and returns the first handle to it.
pub fn spawn_store() -> Store {
    // TODO: `mpsc::channel(32)`; `tokio::spawn` the actor with the receiver; it loops on
    // `recv().await` (`None`: every handle is gone, so return) and answers each request
    // on its oneshot.
    todo!()
}

impl Store {
    /// Sets `key` to `value`.
    pub async fn set(&self, key: &str, value: i64) {
        // TODO: make a `oneshot::channel()`, send `Request::Set` with its sender over
        // `self.requests`, then await the receiver. Same shape for `get` and `incr`.
        todo!()
    }

    /// The value of `key`, if it has one.
    pub async fn get(&self, key: &str) -> Option<i64> {
        todo!()
    }

    /// Adds 1 to `key` (a missing key counts as 0) and returns the new value.
    pub async fn incr(&self, key: &str) -> i64 {
        // TODO: one request, answered by the actor — not a `get` and then a `set`.
        todo!()
    }
}
