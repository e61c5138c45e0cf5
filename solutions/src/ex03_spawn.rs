//! Exercise 3 — spawn tasks, do other work, then collect them (lesson 4.2): reference solution.

use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::task::JoinHandle;

/// What happened, in the order it happened: shared by every task, hence `Arc<Mutex<…>>`.
pub type Log = Arc<Mutex<Vec<String>>>;

/// Appends `entry` to `log`.
pub fn note(log: &Log, entry: String) {
    log.lock()
        .expect("the log lock is never poisoned")
        .push(entry);
}

/// Builds the report `name`, which takes `seconds` seconds.
pub async fn build_report(log: Log, name: String, seconds: u64) -> String {
    note(&log, format!("start {name}"));
    tokio::time::sleep(Duration::from_secs(seconds)).await;
    note(&log, format!("done {name}"));
    format!("report {name}")
}

/// Tidies the desk: one second, then logs `"desk tidied"`.
pub async fn tidy_desk(log: &Log) {
    tokio::time::sleep(Duration::from_secs(1)).await;
    note(log, "desk tidied".to_string());
}

/// Starts building one report per `(name, seconds)` job, as background tasks.
pub fn start_reports(log: &Log, jobs: &[(&str, u64)]) -> Vec<JoinHandle<String>> {
    jobs.iter()
        .map(|&(name, seconds)| {
            // A spawned task may outlive this function, so it must own what it uses
            // ('static): a clone of the Arc and an owned String, not borrows.
            tokio::spawn(build_report(log.clone(), name.to_string(), seconds))
        })
        .collect()
}

/// Builds the daily and weekly reports in the background while tidying the desk.
pub async fn reports_while_tidying(log: Log) -> Vec<String> {
    // The tasks start running as soon as this task reaches its next `.await`...
    let handles = start_reports(&log, &[("daily", 2), ("weekly", 3)]);
    // ...which is here: while the desk is tidied, both reports are being built.
    tidy_desk(&log).await;
    let mut reports = Vec::with_capacity(handles.len());
    for handle in handles {
        // Awaiting a JoinHandle gives Err only if the task panicked or was aborted.
        reports.push(handle.await.expect("a report task panicked"));
    }
    reports
}
