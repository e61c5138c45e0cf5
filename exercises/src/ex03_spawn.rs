//! Exercise 3 — spawn tasks, do other work, then collect them (lesson 4.2).
//!
//! In asyncio, `asyncio.create_task(build_report(...))` schedules a coroutine to run in
//! the background: the event loop starts it at its next turn, whether or not anyone
//! awaits it (Python 3.12's `eager_task_factory` even runs it inside `create_task`, up
//! to its first `await`); you go on with other work and `await` the task when you need
//! its result. The tokio counterpart is `tokio::spawn`, which returns a
//! `JoinHandle` — a future of the task's result. Start two reports, tidy your desk while
//! they are being built, then collect both.
//!
//! Grade: `cargo xtask check ex03` · Stuck? `cargo xtask hint ex03`

use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::task::JoinHandle;

/// What happened, in the order it happened: shared by every task, hence `Arc<Mutex<…>>`.
pub type Log = Arc<Mutex<Vec<String>>>;

/// Appends `entry` to `log`. (Given.)
pub fn note(log: &Log, entry: String) {
    log.lock()
        .expect("the log lock is never poisoned")
        .push(entry);
}

/// Builds the report `name`, which takes `seconds` seconds. (Given.)
///
/// Logs `"start {name}"` and `"done {name}"`, and returns `"report {name}"`. It takes its
/// arguments by value so that a spawned task can own them.
pub async fn build_report(log: Log, name: String, seconds: u64) -> String {
    note(&log, format!("start {name}"));
    tokio::time::sleep(Duration::from_secs(seconds)).await;
    note(&log, format!("done {name}"));
    format!("report {name}")
}

/// Tidies the desk: one second, then logs `"desk tidied"`. (Given.)
pub async fn tidy_desk(log: &Log) {
    tokio::time::sleep(Duration::from_secs(1)).await;
    note(log, "desk tidied".to_string());
}

/// Starts building one report per `(name, seconds)` job, as background tasks, and
/// returns their handles in the order of `jobs`.
///
/// This is not an `async fn`: nobody awaits it, and nobody need await the handles for
/// the reports to make progress — the way `asyncio.create_task` schedules a coroutine.
pub fn start_reports(log: &Log, jobs: &[(&str, u64)]) -> Vec<JoinHandle<String>> {
    // TODO: spawn a task running `build_report` for every job; keep the handles.
    todo!("start_reports")
}

/// Builds the `"daily"` (2 s) and `"weekly"` (3 s) reports in the background, tidies the
/// desk while they are being built, and then returns both reports: `["report daily",
/// "report weekly"]`, after 3 s in all.
pub async fn reports_while_tidying(log: Log) -> Vec<String> {
    // TODO: start both reports, tidy the desk, then await the handles.
    todo!("reports_while_tidying")
}
