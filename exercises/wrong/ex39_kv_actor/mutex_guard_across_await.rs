//! WRONG on purpose — a fixture for `cargo xtask verify`: exercise 39 done as asyncio
//! code with an `asyncio.Lock` would be: no actor, the handles share an
//! `Arc<tokio::sync::Mutex<HashMap>>`, and `incr` holds the guard across an `.await`.
//! No update is lost (the guard serialises them), but it is not the exercise; the check
//! `the_actor_ends_when_every_handle_is_dropped` ("spawn_store spawned no task") must
//! catch it. Where a guard held across an `.await` does real harm — a chat that writes to
//! every client under one lock, so one slow reader stalls the room — see ex40's
//! `broadcast_under_one_lock`.

use std::collections::HashMap;
use tokio::sync::oneshot;

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

/// A handle to the store: clone it freely.
#[derive(Debug, Clone)]
pub struct Store {
    map: std::sync::Arc<tokio::sync::Mutex<HashMap<String, i64>>>,
}

/// No actor: a lock around the map, as `asyncio.Lock` would be.
pub fn spawn_store() -> Store {
    Store {
        map: Default::default(),
    }
}

impl Store {
    /// Sets `key` to `value`.
    pub async fn set(&self, key: &str, value: i64) {
        self.map.lock().await.insert(key.to_string(), value);
    }

    /// The value of `key`, if it has one.
    pub async fn get(&self, key: &str) -> Option<i64> {
        self.map.lock().await.get(key).copied()
    }

    /// Adds 1 to `key` and returns the new value, the guard held throughout.
    pub async fn incr(&self, key: &str) -> i64 {
        let mut map = self.map.lock().await;
        let value = map.get(key).copied().unwrap_or(0) + 1;
        tokio::task::yield_now().await; // the guard is held across this await
        map.insert(key.to_string(), value);
        value
    }
}
