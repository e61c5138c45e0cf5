//! Exercise 17 — an async data pipeline with a limit per stage (lesson 4.3): reference
//! solution.

use futures::stream::{self, StreamExt};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;
use tokio::time::{Instant, sleep};

/// How long downloading one item takes.
pub const DOWNLOAD_TIME: Duration = Duration::from_secs(2);
/// How long parsing one page takes.
pub const PARSE_TIME: Duration = Duration::from_secs(1);
/// How long storing one record takes.
pub const STORE_TIME: Duration = Duration::from_millis(500);

/// A downloaded page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// The item's id.
    pub id: u32,
    /// The page's HTML.
    pub html: String,
}

/// A page parsed into a record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// The item's id.
    pub id: u32,
    /// The title found on the page.
    pub title: String,
}

/// A record that has been stored: the pipeline's final result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stored {
    /// The item's id.
    pub id: u32,
    /// The stored title.
    pub title: String,
}

/// One of the three stages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// `Stages::download`.
    Download,
    /// `Stages::parse`.
    Parse,
    /// `Stages::store`.
    Store,
}

/// What a stage's gauge has seen.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Reading {
    /// Items in the stage now: started, and neither finished nor dropped.
    pub in_flight: usize,
    /// The most items that were ever in the stage at once.
    pub peak: usize,
    /// How many items the stage has started.
    pub started: usize,
}

/// The three stages, each a slow async step with a gauge. Clones share the gauges.
///
#[derive(Debug, Clone, Default)]
pub struct Stages {
    gauges: Arc<Mutex<[Reading; 3]>>,
    /// Each item's visit to a stage: the stage, the item, when it came and, once it has,
    /// when it left (on tokio's clock). The grader draws these when a check fails.
    visits: Arc<Mutex<Vec<Visit>>>,
}

/// One item's time in one stage: `(stage, id, came, left)`.
pub type Visit = (Stage, u32, Instant, Option<Instant>);

/// Counts one item in a stage for as long as it lives (the visit's place in `visits`).
struct InStage {
    stages: Stages,
    stage: Stage,
    visit: usize,
}

impl Drop for InStage {
    fn drop(&mut self) {
        lock(&self.stages.gauges)[self.stage as usize].in_flight -= 1;
        let mut visits = self
            .stages
            .visits
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        visits[self.visit].3 = Some(Instant::now());
    }
}

fn lock(gauges: &Mutex<[Reading; 3]>) -> MutexGuard<'_, [Reading; 3]> {
    gauges.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Stages {
    /// Three idle stages.
    pub fn new() -> Stages {
        Stages::default()
    }

    /// Notes item `id` in `stage`, until the returned guard is dropped.
    fn enter(&self, stage: Stage, id: u32) -> InStage {
        let mut gauges = lock(&self.gauges);
        let reading = &mut gauges[stage as usize];
        reading.in_flight += 1;
        reading.peak = reading.peak.max(reading.in_flight);
        reading.started += 1;
        let mut visits = self.visits.lock().unwrap_or_else(PoisonError::into_inner);
        visits.push((stage, id, Instant::now(), None));
        InStage {
            stages: self.clone(),
            stage,
            visit: visits.len() - 1,
        }
    }

    /// Downloads the item `id`. Takes `DOWNLOAD_TIME`.
    pub async fn download(&self, id: u32) -> Page {
        let _in_stage = self.enter(Stage::Download, id);
        sleep(DOWNLOAD_TIME).await;
        Page {
            id,
            html: format!("<html><h1>Item {id}</h1></html>"),
        }
    }

    /// Parses a downloaded page. Takes `PARSE_TIME`.
    pub async fn parse(&self, page: Page) -> Record {
        let _in_stage = self.enter(Stage::Parse, page.id);
        sleep(PARSE_TIME).await;
        let title = page
            .html
            .split_once("<h1>")
            .and_then(|(_, rest)| rest.split_once("</h1>"))
            .map_or("", |(title, _)| title);
        Record {
            id: page.id,
            title: title.to_string(),
        }
    }

    /// Stores a parsed record. Takes `STORE_TIME`.
    pub async fn store(&self, record: Record) -> Stored {
        let _in_stage = self.enter(Stage::Store, record.id);
        sleep(STORE_TIME).await;
        Stored {
            id: record.id,
            title: record.title,
        }
    }

    /// What the gauge of `stage` has seen so far.
    pub fn reading(&self, stage: Stage) -> Reading {
        lock(&self.gauges)[stage as usize]
    }

    /// Every visit of an item to a stage so far.
    pub fn visits(&self) -> Vec<Visit> {
        self.visits
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }
}

/// How many items each stage may work on at once. Every limit is at least 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// At most this many downloads at once.
    pub download: usize,
    /// At most this many parses at once.
    pub parse: usize,
    /// At most this many stores at once.
    pub store: usize,
}

/// Downloads, parses and stores every item of `ids`, each stage with its own limit;
/// returns the results in the order they were stored.
pub async fn run_pipeline(stages: &Stages, ids: Vec<u32>, limits: Limits) -> Vec<Stored> {
    // Each stage is a `map` that makes the stage's futures and a `buffer_unordered` that
    // runs at most `limit` of them, handing each result on the moment it is ready. The
    // stream is pulled from the end: a stage takes more input only when it has room,
    // and `collect` keeps pulling until every item has come out of the store.
    stream::iter(ids)
        .map(|id| stages.download(id))
        .buffer_unordered(limits.download)
        .map(|page| stages.parse(page))
        .buffer_unordered(limits.parse)
        .map(|record| stages.store(record))
        .buffer_unordered(limits.store)
        .collect()
        .await
}
