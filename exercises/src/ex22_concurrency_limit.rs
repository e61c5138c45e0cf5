//! Exercise 22 — a concurrency limit shared by every caller (lesson 4.4).
//!
//! A server falls over if more than a few requests reach it at once. asyncio guards it
//! with one `asyncio.Semaphore(3)` that every caller shares: `async with limit: ...`.
//! Write that guard as a type, `Limit`, whose `run` waits for a free place, runs the
//! work, and frees the place again — however the work ends, even when the caller gives
//! up and drops the future. Then send a batch of requests through it.
//!
//! The limit must hold across *every* caller of the same `Limit`, not per batch, and a
//! free place must be taken at once: the grader counts how many requests the server is
//! answering at each moment.
//!
//! Grade: `cargo xtask check ex22` · Stuck? `cargo xtask hint ex22`

use std::future::Future;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;
use tokio::time::{Instant, sleep};

/// A request to the server: its id and how long the server takes to answer it. (Given.)
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Request {
    /// The request's id.
    pub id: u32,
    /// How long answering it takes.
    pub takes: Duration,
}

/// What the server's gauge has seen. (Given.)
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

/// A server with a gauge of how many requests it is answering at once. (Given.)
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
    // TODO: what does a limit need to keep?
}

impl Limit {
    /// A limit of `max` (at least 1) pieces of work at once.
    pub fn new(max: usize) -> Limit {
        // TODO
        todo!("Limit::new")
    }

    /// Waits until fewer than `max` pieces of work are running through this limit, runs
    /// `work`, and returns its output. The place is freed when `work` is done — and also
    /// if the future returned by `run` is dropped before that.
    pub async fn run<F: Future>(&self, work: F) -> F::Output {
        // TODO: take a place, run the work, give the place back.
        todo!("Limit::run")
    }
}

/// Sends every request to `server` through `limit` — all at once, as far as the limit
/// allows — and returns the responses in the order of `requests`.
pub async fn fetch_all(server: &Server, requests: Vec<Request>, limit: &Limit) -> Vec<String> {
    // TODO: one limited future per request, all awaited together.
    todo!("fetch_all")
}
