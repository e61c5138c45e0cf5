//! RIGHT, unlike the reference — a fixture for `cargo xtask verify`: exercise 39 on an
//! unbounded channel, the actor a struct owning its inbox and map, with a `loop` +
//! `match` on `recv`. It must pass every check.

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
    requests: mpsc::UnboundedSender<Request>,
}

/// Spawns the store's actor and returns the first handle to it.
pub fn spawn_store() -> Store {
    let (requests, inbox) = mpsc::unbounded_channel();
    let actor = Actor {
        inbox,
        map: HashMap::new(),
    };
    tokio::spawn(actor.run());
    Store { requests }
}

/// The actor: the map and the inbox, together.
struct Actor {
    inbox: mpsc::UnboundedReceiver<Request>,
    map: HashMap<String, i64>,
}

impl Actor {
    /// Answers requests until every handle is gone.
    async fn run(mut self) {
        loop {
            match self.inbox.recv().await {
                None => break,
                Some(Request::Set { key, value, done }) => {
                    self.map.insert(key, value);
                    done.send(()).ok();
                }
                Some(Request::Get { key, reply }) => {
                    reply.send(self.map.get(&key).copied()).ok();
                }
                Some(Request::Incr { key, reply }) => {
                    let new = self.map.get(&key).map_or(1, |old| old + 1);
                    self.map.insert(key, new);
                    reply.send(new).ok();
                }
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
