//! Shared state behind a lock.
//!
//! Tasks that share data need one of two things: a lock around the data, or one task
//! that owns it and takes requests (the actor, in `actor.rs`). For a lock, the default
//! is the plain `std::sync::Mutex`, in an `Arc` so every task holds the same one — as
//! long as the guard is never held across an `.await`. Taking it, changing the map and
//! dropping it takes nanoseconds; nobody waits long enough to matter, and an `async`
//! lock would only add cost. Hold a std guard across an `.await` and two things go
//! wrong: the lock stays taken while the task sleeps, and, the guard not being `Send`,
//! `tokio::spawn` refuses the future (clippy's `await_holding_lock` warns about it too).
//! So the guard lives in a block, or in a plain (not `async`) method, that ends before
//! the next `.await`.
//!
//! `tokio::sync::Mutex` is for the one case where the guard *must* live across an
//! `.await`: a connection that several tasks write whole messages to, each message
//! several writes long. Its `lock()` waits without blocking the thread — and while one
//! task holds it across a slow step, the others queue: the demo's timeline shows them
//! taking turns. `std::sync::RwLock` suits data that is read far more than written:
//! readers share it, a writer has it alone.
//!
//! Python's asyncio needs no lock around a plain dict update (no `await`, no switch);
//! `asyncio.Lock` is its `tokio::sync::Mutex`, for a section that awaits.

use harness::{Ctx, Timeline};
use std::collections::HashMap;
use std::io;
use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, AsyncWrite, AsyncWriteExt, BufReader};
use tokio::task::JoinSet;
use tokio::time::sleep;

// ANCHOR: std_mutex
/// A key-value store that many tasks share: a `HashMap` behind a std `Mutex`, in an
/// `Arc`, so every clone is a handle on the same store.
#[derive(Debug, Clone, Default)]
pub struct Store {
    map: Arc<Mutex<HashMap<String, i64>>>,
}

impl Store {
    /// The value under `key`, if any.
    pub fn get(&self, key: &str) -> Option<i64> {
        self.map.lock().unwrap().get(key).copied() // unwrap: fails only if poisoned
    }

    /// Sets `key` to `value`.
    pub fn set(&self, key: &str, value: i64) {
        self.map.lock().unwrap().insert(key.to_string(), value);
    }
}

/// One visit to `page`: counted under the lock, then the slow part without it.
pub async fn visit(store: &Store, page: &str, work: Duration) -> i64 {
    let count = {
        let mut map = store.map.lock().unwrap();
        let count = map.entry(page.to_string()).or_insert(0);
        *count += 1; // read and write under one lock: no other task slips in between
        *count
    }; // the guard is dropped here, before the .await
    sleep(work).await; // render the page, say
    count
}
// ANCHOR_END: std_mutex

/// The wrong way to count: read, await something, then write. Every task that reads
/// before the first one writes back writes the same number: their updates are lost.
pub async fn visit_with_a_gap(store: &Store, page: &str, work: Duration) {
    let count = store.get(page).unwrap_or(0);
    sleep(work).await; // other tasks read the same old count meanwhile
    store.set(page, count + 1);
}

// ANCHOR: tokio_mutex
/// Writes one whole message to a connection that several tasks share. A message takes
/// several writes, each an `.await`; the guard lives across all of them, or two
/// messages could interleave. This is what `tokio::sync::Mutex` is for.
pub async fn send_message<W: AsyncWrite + Unpin>(
    connection: &tokio::sync::Mutex<W>,
    from: &str,
    text: &str,
) -> io::Result<()> {
    let mut connection = connection.lock().await; // waits its turn, thread not blocked
    connection.write_all(from.as_bytes()).await?;
    connection.write_all(b": ").await?;
    connection.write_all(text.as_bytes()).await?;
    connection.write_all(b"\n").await?;
    connection.flush().await
} // the guard is dropped here: the next task gets the connection
// ANCHOR_END: tokio_mutex

// ANCHOR: rwlock
/// Settings that many tasks read and few change: a std `RwLock` lets readers in
/// together, and gives a writer the settings alone.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    values: Arc<RwLock<HashMap<String, String>>>,
}

impl Settings {
    /// The setting under `key`, if any (a shared read lock).
    pub fn get(&self, key: &str) -> Option<String> {
        self.values.read().unwrap().get(key).cloned()
    }

    /// Changes a setting (an exclusive write lock).
    pub fn set(&self, key: &str, value: &str) {
        let mut values = self.values.write().unwrap();
        values.insert(key.to_string(), value.to_string());
    }
}
// ANCHOR_END: rwlock

/// Holds a tokio `Mutex` across a slow `step`, as `send_message` does on a slow
/// connection: while one task is in its step, the others wait their turn.
pub async fn hold_across_the_step(counter: &tokio::sync::Mutex<u64>, step: impl Future) {
    let mut count = counter.lock().await;
    step.await; // the lock is held all the while
    *count += 1;
}

/// Takes a std `Mutex` only to change the count, then does the slow `step` without it.
pub async fn release_before_the_step(counter: &Mutex<u64>, step: impl Future) {
    *counter.lock().unwrap() += 1; // the guard is a temporary: dropped at the `;`
    step.await;
}

/// How many tasks visit the page at once in the demo.
pub const VISITORS: i64 = 100;

/// Runs [`VISITORS`] spawned tasks, each one [`visit`], and returns the final count.
pub async fn many_visits(store: &Store, work: Duration) -> i64 {
    let mut visits = JoinSet::new();
    for _ in 0..VISITORS {
        let store = store.clone();
        visits.spawn(async move { visit(&store, "home", work).await });
    }
    visits.join_all().await;
    store.get("home").unwrap_or(0)
}

/// Runs [`VISITORS`] spawned tasks, each one [`visit_with_a_gap`]; returns the count.
pub async fn many_visits_with_a_gap(store: &Store, work: Duration) -> i64 {
    let mut visits = JoinSet::new();
    for _ in 0..VISITORS {
        let store = store.clone();
        visits.spawn(async move { visit_with_a_gap(&store, "home", work).await });
    }
    visits.join_all().await;
    store.get("home").unwrap_or(0)
}

/// Four tasks, each doing a 0.5 s step: with the tokio `Mutex` held across the step
/// (`hold == true`) or the std `Mutex` released before it. One row per task's step.
pub async fn four_tasks(timeline: &Timeline, hold: bool) {
    let work = Duration::from_millis(500);
    let tokio_counter = Arc::new(tokio::sync::Mutex::new(0));
    let std_counter = Arc::new(Mutex::new(0));
    let mut tasks = JoinSet::new();
    for n in 1..=4 {
        let (timeline, tokio_counter, std_counter) = (
            timeline.clone(),
            Arc::clone(&tokio_counter),
            Arc::clone(&std_counter),
        );
        tasks.spawn(async move {
            // An async block does nothing until polled — once the task has the lock —
            // so the sleep (whose deadline is set when it is created) starts then too.
            let step = async { timeline.record(format!("task {n}"), sleep(work)).await };
            if hold {
                hold_across_the_step(&tokio_counter, step).await;
            } else {
                release_before_the_step(&std_counter, step).await;
            }
        });
    }
    tasks.join_all().await;
}

/// Demo `4.6.shared_state`: many tasks counting in a `Store` behind a std `Mutex`; the
/// same with a gap between read and write; a tokio `Mutex` held across a wait against a
/// std `Mutex` released before it; whole messages on a shared connection.
pub async fn store_behind_a_lock(ctx: Ctx) {
    if let Err(error) = walk_through(&ctx).await {
        ctx.say(format!("an I/O error: {error}"));
    }
}

async fn walk_through(ctx: &Ctx) -> io::Result<()> {
    let work = Duration::from_millis(100);
    ctx.say(format!("▶ {VISITORS} tasks visit the same page at once"));
    ctx.new_timeline();
    let count = many_visits(&Store::default(), work).await;
    ctx.log(format!(
        "visit (read and write under one lock, guard dropped before the await): {count}"
    ));
    let count = many_visits_with_a_gap(&Store::default(), work).await;
    ctx.log(format!(
        "visit_with_a_gap (get, await, set): {count} — {} updates lost",
        VISITORS - count
    ));
    ctx.say("");

    ctx.say("▶ Four tasks, each with a 0.5 s step to do");
    let held = ctx.new_timeline();
    four_tasks(&held, true).await;
    let took = held.elapsed().as_secs_f64();
    ctx.show_timeline(
        &format!("a tokio Mutex held across the step: they take turns, {took:.2} s in all"),
        &held,
    );
    let released = ctx.new_timeline();
    four_tasks(&released, false).await;
    let took = released.elapsed().as_secs_f64();
    ctx.show_timeline(
        &format!("a std Mutex released before the step: all at once, {took:.2} s in all"),
        &released,
    );
    ctx.say("");

    ctx.say("▶ Three tasks share one connection behind a tokio Mutex, two messages each");
    ctx.new_timeline();
    let (reader, writer) = tokio::io::duplex(16); // small: a message needs several writes
    let connection = Arc::new(tokio::sync::Mutex::new(writer));
    let mut senders = JoinSet::new();
    for name in ["ann", "bob", "cy"] {
        let connection = Arc::clone(&connection);
        senders.spawn(async move {
            send_message(&connection, name, "a message in four writes").await?;
            send_message(&connection, name, "and another").await
        });
    }
    let reading = tokio::spawn(async move {
        let mut lines = BufReader::new(reader).lines();
        let mut got = Vec::new();
        while let Some(line) = lines.next_line().await? {
            got.push(line);
        }
        Ok::<_, io::Error>(got)
    });
    for sent in senders.join_all().await {
        sent?;
    }
    drop(connection); // the last handle on the writer: the reader sees the end
    for line in reading.await.expect("the reader does not panic")? {
        ctx.log(format!("the other end read {line:?}"));
    }
    ctx.say("");

    let settings = Settings::default();
    settings.set("greeting", "hello");
    let readers: Vec<_> = (0..3).map(|_| settings.get("greeting")).collect();
    ctx.log(format!("RwLock settings, read three times: {readers:?}"));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::time::Instant;

    #[tokio::test(start_paused = true)]
    async fn no_update_is_lost_with_the_std_mutex() {
        let store = Store::default();
        assert_eq!(
            many_visits(&store, Duration::from_millis(100)).await,
            VISITORS
        );
    }

    /// The same on a multi-threaded runtime, where the tasks really run in parallel.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn no_update_is_lost_with_the_std_mutex_on_many_threads() {
        let store = Store::default();
        let mut tasks = JoinSet::new();
        for _ in 0..8000 {
            let store = store.clone();
            tasks.spawn(async move { visit(&store, "home", Duration::ZERO).await });
        }
        tasks.join_all().await;
        assert_eq!(store.get("home"), Some(8000));
    }

    #[tokio::test(start_paused = true)]
    async fn a_gap_between_read_and_write_loses_updates() {
        let store = Store::default();
        let count = many_visits_with_a_gap(&store, Duration::from_millis(100)).await;
        assert_eq!(count, 1, "every task read 0, so every task wrote 1");
    }

    #[tokio::test(start_paused = true)]
    async fn a_tokio_mutex_held_across_a_wait_makes_the_tasks_take_turns() {
        let timeline = Timeline::start();
        let start = Instant::now();
        four_tasks(&timeline, true).await;
        assert_eq!(
            start.elapsed(),
            Duration::from_secs(2),
            "4 × 0.5 s, in turn"
        );
        let steps: Vec<(u64, u64)> = timeline
            .spans()
            .iter()
            .map(|s| (s.start.as_millis() as u64, s.end.as_millis() as u64))
            .collect();
        assert_eq!(steps, [(0, 500), (500, 1000), (1000, 1500), (1500, 2000)]);
    }

    #[tokio::test(start_paused = true)]
    async fn a_std_mutex_released_before_the_wait_lets_them_run_at_once() {
        let timeline = Timeline::start();
        let start = Instant::now();
        four_tasks(&timeline, false).await;
        assert_eq!(start.elapsed(), Duration::from_millis(500));
        assert!(
            timeline
                .spans()
                .iter()
                .all(|s| s.end == Duration::from_millis(500))
        );
    }

    #[tokio::test(start_paused = true)]
    async fn messages_on_a_shared_connection_never_interleave() {
        let (reader, writer) = tokio::io::duplex(8); // every message needs several writes
        let connection = Arc::new(tokio::sync::Mutex::new(writer));
        let mut senders = JoinSet::new();
        for n in 0..5 {
            let connection = Arc::clone(&connection);
            senders.spawn(async move {
                for m in 0..4 {
                    let text = format!("message {m} of sender {n}");
                    send_message(&connection, &format!("s{n}"), &text)
                        .await
                        .unwrap();
                }
            });
        }
        let reading = tokio::spawn(async move {
            let mut lines = BufReader::new(reader).lines();
            let mut got = Vec::new();
            while let Some(line) = lines.next_line().await.unwrap() {
                got.push(line);
            }
            got
        });
        senders.join_all().await;
        drop(connection);
        let lines = reading.await.unwrap();
        assert_eq!(lines.len(), 20);
        for line in lines {
            let (from, text) = line.split_once(": ").expect("a whole message");
            let n = from.strip_prefix('s').unwrap();
            assert!(text.ends_with(&format!("of sender {n}")), "{line:?}");
        }
    }

    #[test]
    fn settings_read_what_was_written() {
        let settings = Settings::default();
        assert_eq!(settings.get("mode"), None);
        settings.set("mode", "fast");
        let copy = settings.clone();
        assert_eq!(copy.get("mode").as_deref(), Some("fast"));
    }
}
