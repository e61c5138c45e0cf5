//! WRONG ANSWER (kept so `cargo xtask verify` proves the grader rejects it): exercise 22
//! with a Limit that polls a counter every millisecond instead of waiting to be woken.
//! With work of equal length it looks perfect (a freed place is taken within 1 ms); the
//! check "a waiting caller sleeps until a place is freed" counts how often the waiting
//! future is polled and must catch it.

use futures::future::join_all;
use std::future::Future;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;
use tokio::time::{Instant, sleep};

/// A request to the server: its id and how long the server takes to answer it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Request {
    /// The request's id.
    pub id: u32,
    /// How long answering it takes.
    pub takes: Duration,
}

/// What the server's gauge has seen.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Load {
    /// Requests being answered now.
    pub in_flight: usize,
    /// The most requests that were ever being answered at once.
    pub peak: usize,
    /// The ids of the requests it has started answering, in order.
    pub started: Vec<u32>,
    /// Each request answered or being answered: its id, when it started and, once it
    /// has, when it ended (on tokio's clock). The grader draws these when a check fails.
    pub visits: Vec<(u32, Instant, Option<Instant>)>,
}

/// A server with a gauge of how many requests it is answering at once.
/// Clones share the gauge.
#[derive(Debug, Clone, Default)]
pub struct Server {
    load: Arc<Mutex<Load>>,
}

/// Counts one request in flight for as long as it lives (the request's place in `visits`).
struct InFlight(Server, usize);

impl Drop for InFlight {
    fn drop(&mut self) {
        let mut load = self.0.lock();
        load.in_flight -= 1;
        load.visits[self.1].2 = Some(Instant::now());
    }
}

impl Server {
    /// An idle server.
    pub fn new() -> Server {
        Server::default()
    }

    fn lock(&self) -> MutexGuard<'_, Load> {
        self.load.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Answers `request` after `request.takes`: `"response {id}"`.
    pub async fn handle(&self, request: Request) -> String {
        let _in_flight = {
            let mut load = self.lock();
            load.in_flight += 1;
            load.peak = load.peak.max(load.in_flight);
            load.started.push(request.id);
            load.visits.push((request.id, Instant::now(), None));
            InFlight(self.clone(), load.visits.len() - 1)
        };
        sleep(request.takes).await;
        format!("response {}", request.id)
    }

    /// What the gauge has seen so far.
    pub fn load(&self) -> Load {
        self.lock().clone()
    }
}

/// A limit on how much work runs at once, shared by everyone who holds the same `Limit`.
#[derive(Debug)]
pub struct Limit {
    max: usize,
    running: Arc<AtomicUsize>,
}

/// Gives a place back when dropped.
struct Place(Arc<AtomicUsize>);

impl Drop for Place {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

impl Limit {
    /// A limit of `max` (at least 1) pieces of work at once.
    pub fn new(max: usize) -> Limit {
        Limit {
            max,
            running: Arc::new(AtomicUsize::new(0)),
        }
    }

    /// Checks for a free place every millisecond, runs `work` in it, frees it on drop.
    pub async fn run<F: Future>(&self, work: F) -> F::Output {
        loop {
            let now = self.running.load(Ordering::SeqCst);
            if now < self.max
                && self
                    .running
                    .compare_exchange(now, now + 1, Ordering::SeqCst, Ordering::SeqCst)
                    .is_ok()
            {
                break;
            }
            sleep(Duration::from_millis(1)).await;
        }
        let _place = Place(self.running.clone());
        work.await
    }
}

/// Sends every request through `limit`, all at once, responses in the order of `requests`.
pub async fn fetch_all(server: &Server, requests: Vec<Request>, limit: &Limit) -> Vec<String> {
    join_all(
        requests
            .into_iter()
            .map(|request| limit.run(server.handle(request))),
    )
    .await
}
