//! Exercise 21 — graceful shutdown with a CancellationToken (lesson 4.4): reference
//! solution.

use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;
use tokio::sync::mpsc;
use tokio::time::{Instant, sleep};
use tokio_util::sync::CancellationToken;

/// A print job: its id and how long printing it takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Job {
    /// The job's id.
    pub id: u32,
    /// How long printing it takes.
    pub takes: Duration,
}

/// What happened to one job at the printer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Printing {
    /// The job's id.
    pub id: u32,
    /// When printing began.
    pub started: Instant,
    /// When it ended: `Some((when, true))` if the page came out, `Some((when, false))`
    /// if the printing was dropped halfway (a torn page), `None` while it is printing.
    pub ended: Option<(Instant, bool)>,
}

/// The printer. Clones share the printer and its log.
#[derive(Debug, Clone, Default)]
pub struct Printer {
    log: Arc<Mutex<Vec<Printing>>>,
}

/// Notes a printing that is dropped before it ends.
struct Torn {
    printer: Printer,
    index: usize,
}

impl Drop for Torn {
    fn drop(&mut self) {
        let mut log = self.printer.lock();
        if log[self.index].ended.is_none() {
            log[self.index].ended = Some((Instant::now(), false));
        }
    }
}

impl Printer {
    /// A printer that has printed nothing yet.
    pub fn new() -> Printer {
        Printer::default()
    }

    fn lock(&self) -> MutexGuard<'_, Vec<Printing>> {
        self.log.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Prints `job`: takes `job.takes`. Dropping this future halfway tears the page.
    pub async fn print(&self, job: Job) {
        let index = {
            let mut log = self.lock();
            log.push(Printing {
                id: job.id,
                started: Instant::now(),
                ended: None,
            });
            log.len() - 1
        };
        let _torn = Torn {
            printer: self.clone(),
            index,
        };
        sleep(job.takes).await;
        self.lock()[index].ended = Some((Instant::now(), true));
    }

    /// Everything the printer has done so far, in the order the jobs started.
    pub fn log(&self) -> Vec<Printing> {
        self.lock().clone()
    }
}

/// What the print server hands back when it stops.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stopped {
    /// The ids of the jobs it printed, in order.
    pub printed: Vec<u32>,
    /// The jobs it accepted (they were in its inbox) but never started, in order.
    pub handed_back: Vec<Job>,
}

/// Prints jobs from `inbox`, one at a time, until `shutdown` is cancelled or the inbox
/// is closed and empty; finishes the job in hand and hands back the rest.
pub async fn print_server(
    shutdown: CancellationToken,
    mut inbox: mpsc::Receiver<Job>,
    printer: Printer,
) -> Stopped {
    let mut printed = Vec::new();
    loop {
        let job = tokio::select! {
            // `biased`: look at the token first. Unbiased, select! picks at random among
            // ready branches and could start another job after shutdown was requested.
            biased;
            _ = shutdown.cancelled() => break,
            job = inbox.recv() => match job {
                Some(job) => job,
                None => break, // every sender is gone and the inbox is empty
            },
        };
        // No cancellation point while printing: a job once started is finished.
        printer.print(job).await;
        printed.push(job.id);
    }
    // Close first, so no sender can slip a job in while the inbox is emptied; then
    // everything still in it was accepted but never started.
    inbox.close();
    let mut handed_back = Vec::new();
    while let Some(job) = inbox.recv().await {
        handed_back.push(job);
    }
    Stopped {
        printed,
        handed_back,
    }
}
