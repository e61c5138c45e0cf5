//! WRONG ANSWER (kept so `cargo xtask verify` proves the grader rejects it): exercise 22
//! whose fetch_all sends the requests in fixed batches of the limit's size, each batch
//! waiting for its slowest request. With requests of equal length it takes as long as a
//! real limit; the check "a freed place is taken at once" uses varied lengths and must
//! catch it.

use futures::future::join_all;
use std::future::Future;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;
use tokio::sync::Semaphore;
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
    places: Semaphore,
    max: usize,
}

impl Limit {
    /// A limit of `max` (at least 1) pieces of work at once.
    pub fn new(max: usize) -> Limit {
        Limit {
            places: Semaphore::new(max),
            max,
        }
    }

    /// Waits for a free place, runs `work` in it, and frees the place when it is done.
    pub async fn run<F: Future>(&self, work: F) -> F::Output {
        // The permit is `async with semaphore:`. It goes back to the semaphore when it
        // is dropped: after `work`, or if this future is itself dropped (cancelled).
        let _place = self
            .places
            .acquire()
            .await
            .expect("the semaphore is never closed");
        work.await
    }
}

/// Sends the requests in batches of `max`, each batch after the one before.
pub async fn fetch_all(server: &Server, requests: Vec<Request>, limit: &Limit) -> Vec<String> {
    let mut responses = Vec::new();
    for batch in requests.chunks(limit.max) {
        let batch = batch
            .iter()
            .map(|&request| limit.run(server.handle(request)));
        responses.extend(join_all(batch).await);
    }
    responses
}
