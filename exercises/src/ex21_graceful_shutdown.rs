//! Exercise 21 — graceful shutdown with a CancellationToken: nothing lost (lesson 4.4).
//!
//! A print server takes jobs from its inbox, a bounded `mpsc` channel, and prints them
//! one at a time. Shutting it down with `abort` — asyncio's `task.cancel()` — would tear
//! the page in the printer and forget the jobs waiting in the inbox. Shut it down
//! gracefully instead: when the `CancellationToken` is cancelled, finish the job in
//! hand, take no new one, and hand back every job that was accepted but never started,
//! so a restarted server (or another one) can print them. Nothing may be lost.
//!
//! Grade: `cargo xtask check ex21` · Stuck? `cargo xtask hint ex21`

use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;
use tokio::sync::mpsc;
use tokio::time::{Instant, sleep};
use tokio_util::sync::CancellationToken;

/// A print job: its id and how long printing it takes. (Given.)
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Job {
    /// The job's id.
    pub id: u32,
    /// How long printing it takes.
    pub takes: Duration,
}

/// What happened to one job at the printer. (Given.)
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

/// The printer. (Given.) Clones share the printer and its log.
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

/// What the print server hands back when it stops. (Given.)
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stopped {
    /// The ids of the jobs it printed, in order.
    pub printed: Vec<u32>,
    /// The jobs it accepted (they were in its inbox) but never started, in order.
    pub handed_back: Vec<Job>,
}

/// The print server: prints jobs from `inbox`, one at a time, in the order they come.
///
/// - When the inbox is closed (every sender dropped) and empty, it stops.
/// - When `shutdown` is cancelled, it stops too: at once if it is waiting for a job; if
///   it is printing, it finishes that job first. It starts no job after the token was
///   cancelled, and it accepts nothing more into its inbox.
///
/// It returns what it printed and every job it accepted but never started.
pub async fn print_server(
    shutdown: CancellationToken,
    inbox: mpsc::Receiver<Job>,
    printer: Printer,
) -> Stopped {
    // TODO: wait for the token or the next job, whichever comes first; print the job;
    //       when stopping, close the inbox and hand back what is still in it.
    todo!("print_server")
}
