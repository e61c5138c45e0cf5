//! WRONG on purpose — a fixture for `cargo xtask verify`: exercise 39 whose actor answers
//! `Incr` before adding 1, so a caller gets the value it replaced (0 for a missing key)
//! rather than the new one; `incr_adds_one_and_returns_the_new_value` must catch it.

use std::collections::HashMap;
use tokio::sync::{mpsc, oneshot};

/// What a handle can ask the actor, with where to send the answer.
#[derive(Debug)]
pub enum Request {
    /// Set `key` to `value`; reply when done.
    Set {
        /// The key.
        key: String,
        /// Its new value.
        value: i64,
        /// Told when the value is stored.
        done: oneshot::Sender<()>,
    },
    /// The value of `key`, if any.
    Get {
        /// The key.
        key: String,
        /// Gets the value.
        reply: oneshot::Sender<Option<i64>>,
    },
    /// Add 1 to `key` (a missing key counts as 0); reply with the new value.
    Incr {
        /// The key.
        key: String,
        /// Gets the new value.
        reply: oneshot::Sender<i64>,
    },
}

/// A handle to the store: clone it freely; the store lives as long as any handle does.
#[derive(Debug, Clone)]
pub struct Store {
    requests: mpsc::Sender<Request>,
}

/// Spawns the store's actor and returns the first handle to it.
pub fn spawn_store() -> Store {
    let (requests, inbox) = mpsc::channel(32);
    tokio::spawn(run(inbox));
    Store { requests }
}

/// The actor: owns the map and handles one request at a time, so an `Incr` can never
/// interleave with another request. Ends when every handle is gone (`recv` gives `None`).
async fn run(mut inbox: mpsc::Receiver<Request>) {
    let mut map = HashMap::new();
    while let Some(request) = inbox.recv().await {
        // A send on a oneshot fails only if the asker stopped waiting: nothing to do then.
        match request {
            Request::Set { key, value, done } => {
                map.insert(key, value);
                let _ = done.send(());
            }
            Request::Get { key, reply } => {
                let _ = reply.send(map.get(&key).copied());
            }
            Request::Incr { key, reply } => {
                let value = map.entry(key).or_insert(0);
                let _ = reply.send(*value);
                *value += 1;
            }
        }
    }
}

impl Store {
    /// Sends a request made with a fresh reply channel, and awaits the reply.
    async fn ask<T>(&self, request: impl FnOnce(oneshot::Sender<T>) -> Request) -> T {
        let (reply, answer) = oneshot::channel();
        self.requests
            .send(request(reply))
            .await
            .expect("the actor runs as long as a handle exists");
        answer.await.expect("the actor answers every request")
    }

    /// Sets `key` to `value`.
    pub async fn set(&self, key: &str, value: i64) {
        let key = key.to_string();
        self.ask(|done| Request::Set { key, value, done }).await
    }

    /// The value of `key`, if it has one.
    pub async fn get(&self, key: &str) -> Option<i64> {
        let key = key.to_string();
        self.ask(|reply| Request::Get { key, reply }).await
    }

    /// Adds 1 to `key` (a missing key counts as 0) and returns the new value.
    pub async fn incr(&self, key: &str) -> i64 {
        let key = key.to_string();
        self.ask(|reply| Request::Incr { key, reply }).await
    }
}
