//! Shared state in an actor: one task owns it, the others send it requests.
//!
//! Instead of a lock around the map, give the map to one task — the actor — and let it
//! be the only code that ever touches it. Other tasks hold a cheap, cloneable handle;
//! each method sends a request down an `mpsc` channel with a `oneshot` sender inside
//! for the answer, then awaits that answer. The actor handles requests one at a time,
//! in order, so an "increment" can never be split by another task: no lost update, and
//! no lock anywhere. The actor may `.await` as much as it likes between requests (write
//! to a file, call another service) without holding anything up but its own queue.
//!
//! When every handle has been dropped, every `mpsc::Sender` is gone, `recv()` returns
//! `None`, and the actor's loop ends by itself: nobody could ask it anything any more.
//!
//! In asyncio the same shape is an `asyncio.Queue` of requests feeding one consumer
//! task, each request carrying a `Future` for the reply. tokio's tutorial uses this
//! pattern too, for a task that owns a connection.

use harness::{Ctx, Timeline};
use std::collections::HashMap;
use std::time::Duration;
use tokio::sync::{mpsc, oneshot};
use tokio::task::JoinHandle;

// ANCHOR: request
/// What a client can ask the store; each request carries where to send the answer.
#[derive(Debug)]
pub enum Request {
    /// The value under `key`, if any.
    Get {
        /// Which key.
        key: String,
        /// Where the value goes.
        reply: oneshot::Sender<Option<i64>>,
    },
    /// Set `key` to `value`.
    Set {
        /// Which key.
        key: String,
        /// The new value.
        value: i64,
        /// Told once the value is set.
        reply: oneshot::Sender<()>,
    },
    /// Add one to the value under `key` (from 0).
    Incr {
        /// Which key.
        key: String,
        /// Where the new value goes.
        reply: oneshot::Sender<i64>,
    },
}
// ANCHOR_END: request

// ANCHOR: actor
/// The actor: the only owner of the map. It handles one request at a time, in the order
/// they came, and returns the map when every handle is gone.
pub async fn run_store(mut requests: mpsc::Receiver<Request>) -> HashMap<String, i64> {
    let mut map = HashMap::new();
    while let Some(request) = requests.recv().await {
        // A client that stopped waiting has dropped its receiver: `send` fails, and
        // there is nobody to tell, so the error is ignored.
        match request {
            Request::Get { key, reply } => {
                let _ = reply.send(map.get(&key).copied());
            }
            Request::Set { key, value, reply } => {
                map.insert(key, value);
                let _ = reply.send(());
            }
            Request::Incr { key, reply } => {
                let value = map.entry(key).or_insert(0);
                *value += 1;
                let _ = reply.send(*value);
            }
        }
    }
    map // `recv` gave None: every sender, so every handle, has been dropped
}
// ANCHOR_END: actor

// ANCHOR: handle
/// A handle on the store: cheap to clone, one per task that needs the store.
#[derive(Debug, Clone)]
pub struct StoreHandle {
    requests: mpsc::Sender<Request>,
}

impl StoreHandle {
    /// Starts the actor; returns the first handle, and the actor's task, which ends
    /// (with the final map) once every handle has been dropped.
    pub fn start() -> (StoreHandle, JoinHandle<HashMap<String, i64>>) {
        let (requests, inbox) = mpsc::channel(32); // 32 requests waiting at most
        (StoreHandle { requests }, tokio::spawn(run_store(inbox)))
    }

    /// The value under `key`, if any.
    pub async fn get(&self, key: &str) -> Option<i64> {
        let (reply, answer) = oneshot::channel();
        self.ask(Request::Get {
            key: key.into(),
            reply,
        })
        .await;
        answer.await.expect(ACTOR_RUNS)
    }

    /// Sets `key` to `value`.
    pub async fn set(&self, key: &str, value: i64) {
        let (reply, answer) = oneshot::channel();
        let key = key.into();
        self.ask(Request::Set { key, value, reply }).await;
        answer.await.expect(ACTOR_RUNS)
    }

    /// Adds one to the value under `key` (from 0) and returns the new value.
    pub async fn incr(&self, key: &str) -> i64 {
        let (reply, answer) = oneshot::channel();
        self.ask(Request::Incr {
            key: key.into(),
            reply,
        })
        .await;
        answer.await.expect(ACTOR_RUNS)
    }

    async fn ask(&self, request: Request) {
        self.requests.send(request).await.expect(ACTOR_RUNS);
    }
}

/// Why the `expect`s hold: the actor stops only when every handle is gone, and this
/// handle is still here; only a panic in the actor could break it.
const ACTOR_RUNS: &str = "the store's actor runs as long as a handle exists";
// ANCHOR_END: handle

/// How many clients the demo runs at once, and how many increments each sends.
pub const CLIENTS: usize = 10;

/// How many increments each client sends.
pub const INCREMENTS: usize = 10;

/// Runs [`CLIENTS`] tasks at once, each sending [`INCREMENTS`] increments of `"hits"`;
/// client `n` pauses `pause + n × 10 ms` after each. Each client is one row of `timeline`.
pub async fn clients_at_once(timeline: &Timeline, store: &StoreHandle, pause: Duration) {
    let mut clients = tokio::task::JoinSet::new();
    for n in 1..=CLIENTS {
        let (store, timeline) = (store.clone(), timeline.clone());
        clients.spawn(async move {
            let work = async {
                for _ in 0..INCREMENTS {
                    store.incr("hits").await;
                    tokio::time::sleep(pause + Duration::from_millis(10 * n as u64)).await;
                }
            };
            timeline.record(format!("client {n:>2}"), work).await;
        });
    }
    clients.join_all().await;
}

/// Demo `4.6.actor`: the key-value store as an actor; ten clients increment one key at
/// once; the actor stops when the last handle is dropped.
pub async fn store_as_an_actor(ctx: Ctx) {
    let (store, actor) = StoreHandle::start();
    store.set("hits", 0).await;
    ctx.say(format!(
        "{CLIENTS} clients, each with its own clone of the handle, send {INCREMENTS} increments"
    ));
    ctx.say("each, 0.06 s to 0.15 s apart; the actor alone touches the map.");
    let timeline = ctx.new_timeline();
    clients_at_once(&timeline, &store, Duration::from_millis(50)).await;
    let hits = store.get("hits").await;
    ctx.log(format!(
        "get(\"hits\") = {hits:?}: {} increments sent, none lost",
        CLIENTS * INCREMENTS
    ));
    ctx.show_timeline("the clients, all at once", &timeline);
    ctx.say("");
    drop(store); // the last handle: the channel closes, recv() gives None
    let map = actor.await.expect("the actor does not panic");
    ctx.log(format!(
        "the last handle was dropped; the actor's loop ended and returned {map:?}"
    ));
    ctx.say("asyncio: an asyncio.Queue of (request, future) pairs, and one task that");
    ctx.say("consumes it, owning the dict.");
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::time::Instant;

    #[tokio::test(start_paused = true)]
    async fn get_set_and_incr() {
        let (store, _actor) = StoreHandle::start();
        assert_eq!(store.get("a").await, None);
        store.set("a", 41).await;
        assert_eq!(store.incr("a").await, 42);
        assert_eq!(store.incr("new").await, 1);
        assert_eq!(store.get("a").await, Some(42));
    }

    #[tokio::test(start_paused = true)]
    async fn concurrent_clients_lose_no_update() {
        let (store, actor) = StoreHandle::start();
        let start = Instant::now();
        clients_at_once(&Timeline::start(), &store, Duration::from_millis(50)).await;
        let slowest = Duration::from_millis((50 + 10 * CLIENTS as u64) * INCREMENTS as u64);
        assert_eq!(start.elapsed(), slowest, "the clients ran at once");
        assert_eq!(store.get("hits").await, Some((CLIENTS * INCREMENTS) as i64));
        drop(store);
        let map = actor.await.unwrap();
        assert_eq!(map["hits"], (CLIENTS * INCREMENTS) as i64);
    }

    /// The same on a multi-threaded runtime, where the clients really run in parallel.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn no_update_is_lost_on_many_threads() {
        let (store, actor) = StoreHandle::start();
        let mut clients = tokio::task::JoinSet::new();
        for _ in 0..8 {
            let store = store.clone();
            clients.spawn(async move {
                for _ in 0..500 {
                    store.incr("n").await;
                }
            });
        }
        clients.join_all().await;
        drop(store);
        assert_eq!(actor.await.unwrap()["n"], 4000);
    }

    #[tokio::test(start_paused = true)]
    async fn the_actor_stops_when_every_handle_is_dropped() {
        let (store, actor) = StoreHandle::start();
        let other = store.clone();
        store.set("k", 7).await;
        drop(store);
        tokio::time::sleep(Duration::from_secs(1)).await;
        assert!(!actor.is_finished(), "a handle is still alive");
        drop(other);
        let map = tokio::time::timeout(Duration::from_secs(1), actor)
            .await
            .expect("the actor stopped once the last handle was dropped")
            .unwrap();
        assert_eq!(map, HashMap::from([("k".to_string(), 7)]));
    }
}
