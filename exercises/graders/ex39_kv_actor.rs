//! Grader for exercise 39 — a key-value store as an actor. Used unchanged by
//! `solutions/`.
//!
//! On the paused clock: every call to the store is given `PATIENCE` of virtual time to
//! answer (an actor answers at once, in no virtual time). Tasks still alive are counted
//! with `tokio::runtime::Handle::current().metrics().num_alive_tasks()`.

use crate::ex39_kv_actor::{Store, spawn_store};
use harness::format_secs;
use harness::grade::{on_paused_clock, require};
use std::collections::BTreeSet;
use std::future::Future;
use std::time::Duration;
use tokio::time::timeout;

/// How long a call to the store may take (virtual time).
const PATIENCE: Duration = Duration::from_secs(1);

/// Awaits `call` (described by `what`) with a time limit.
async fn answer<T>(what: &str, call: impl Future<Output = T>) -> T {
    let answer = timeout(PATIENCE, call).await;
    require(answer.is_ok(), || {
        format!(
            "{what} got no answer within {}: is the actor task spawned, and does it send \
             every reply on the request's oneshot? Does the handle await that oneshot's \
             receiver?",
            format_secs(PATIENCE)
        )
    });
    answer.expect("checked above")
}

async fn require_get(store: &Store, key: &str, expected: Option<i64>, after: &str) {
    let got = answer(&format!("store.get({key:?})"), store.get(key)).await;
    require(got == expected, || {
        format!("{after}, store.get({key:?}) returned {got:?}; expected {expected:?}.")
    });
}

/// How many tasks the runtime has alive now.
fn alive() -> usize {
    tokio::runtime::Handle::current()
        .metrics()
        .num_alive_tasks()
}

#[test]
fn get_returns_what_set_stored() {
    on_paused_clock(|| async {
        let store = spawn_store();
        require_get(&store, "a", None, "on a new store").await;
        answer("store.set(\"a\", 5)", store.set("a", 5)).await;
        require_get(&store, "a", Some(5), "after store.set(\"a\", 5)").await;
        answer("store.set(\"a\", -7)", store.set("a", -7)).await;
        require_get(&store, "a", Some(-7), "after store.set(\"a\", -7)").await;
        require_get(&store, "b", None, "after setting only \"a\"").await;
        let other = store.clone();
        answer("store.set(\"b\", 1)", other.set("b", 1)).await;
        require_get(
            &store,
            "b",
            Some(1),
            "after a clone of the handle set \"b\" to 1",
        )
        .await;
    });
}

#[test]
fn incr_adds_one_and_returns_the_new_value() {
    on_paused_clock(|| async {
        let store = spawn_store();
        let first = answer("store.incr(\"n\")", store.incr("n")).await;
        require(first == 1, || {
            format!(
                "store.incr(\"n\") on a missing key returned {first}; a missing key counts as 0, so 1."
            )
        });
        let second = answer("store.incr(\"n\")", store.incr("n")).await;
        require(second == 2, || {
            format!("a second store.incr(\"n\") returned {second}; expected the new value, 2.")
        });
        answer("store.set(\"n\", 41)", store.set("n", 41)).await;
        let third = answer("store.incr(\"n\")", store.incr("n")).await;
        require(third == 42, || {
            format!("after store.set(\"n\", 41), store.incr(\"n\") returned {third}; expected 42.")
        });
        require_get(&store, "n", Some(42), "after that incr").await;
    });
}

#[test]
fn a_hundred_concurrent_incrs_lose_none() {
    on_paused_clock(|| async {
        let store = spawn_store();
        let mut tasks = tokio::task::JoinSet::new();
        for _ in 0..10 {
            let handle = store.clone();
            tasks.spawn(async move {
                let incrs = (0..10).map(|_| handle.incr("hits"));
                futures::future::join_all(incrs).await
            });
        }
        let all = answer(
            "10 tasks doing 10 store.incr(\"hits\") each",
            tasks.join_all(),
        )
        .await;
        let returned: Vec<i64> = all.into_iter().flatten().collect();
        let total = answer("store.get(\"hits\")", store.get("hits")).await;
        require(total == Some(100), || {
            format!(
                "10 tasks, each with its own clone of the handle, called store.incr(\"hits\") \
                 10 times each, all at once; then store.get(\"hits\") returned {total:?} \
                 instead of Some(100): {} increments were lost. An `incr` made of a `get` \
                 and then a `set` lets two tasks read the same value and both write it plus \
                 one. Make `incr` one request that the actor handles whole.",
                100 - total.unwrap_or(0)
            )
        });
        let distinct: BTreeSet<i64> = returned.iter().copied().collect();
        let expected: BTreeSet<i64> = (1..=100).collect();
        require(distinct == expected, || {
            let mut sorted = returned.clone();
            sorted.sort_unstable();
            format!(
                "the 100 concurrent store.incr(\"hits\") calls returned {sorted:?}; each \
                 should return the new value it made, so together they are 1 to 100, each \
                 once."
            )
        });
    });
}

#[test]
fn the_actor_ends_when_every_handle_is_dropped() {
    on_paused_clock(|| async {
        let before = alive();
        let store = spawn_store();
        let with_store = alive();
        require(with_store > before, || {
            "spawn_store spawned no task: the store's map should live in a task of its own \
             (the actor), which handles see only through their channel."
                .to_string()
        });
        let clones: Vec<Store> = (0..3).map(|_| store.clone()).collect();
        answer("store.set(\"k\", 1)", store.set("k", 1)).await;
        answer("a clone's incr(\"k\")", clones[0].incr("k")).await;
        drop(store);
        drop(clones);
        // Give the actor a moment (it needs a turn to see its channel closed).
        tokio::time::sleep(Duration::from_millis(10)).await;
        let after = alive();
        require(after == before, || {
            format!(
                "after every handle was dropped, {} task(s) that spawn_store started were \
                 still alive: the actor should end when `recv().await` gives `None` — which \
                 happens once every `Sender` is gone. Does anything else (the actor itself?) \
                 still hold a `Sender`, or does the loop go on after `None`?",
                after.saturating_sub(before)
            )
        });
    });
}
