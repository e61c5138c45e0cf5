//! Handing a command to the runner built with the crawler.
//!
//! `cargo xtask` starts `xtask-light`: this runner without the crawler's HTTP client,
//! server and HTML parser, which make up 40% of a first build and which nothing but the
//! crawler needs. When the learner asks for something that does — `crawl`, `site`,
//! `bench crawl`, `compare` and `verify` (they run every lesson's demos), lesson 4.5 and
//! its quiz (their demos drive the crawler) — the light runner runs the same command again
//! through `cargo xtask`, asking the launcher for the full runner
//! (`WORKBOOK_WITH_CRAWLER=1`). The launcher builds it the first time, showing cargo's
//! progress, and the light runner waits for it to finish, then carries on: back in the
//! menu, or exiting with its exit code. In the full runner nothing here hands anything over.

use crate::{Command, demos, workspace};
use anyhow::{Context, Result};
use console::style;
use std::process::{ExitCode, ExitStatus};

/// The variable that asks the launcher for the full runner.
pub const VARIABLE: &str = "WORKBOOK_WITH_CRAWLER";

/// Whether this runner was built without the crawler.
const LIGHT: bool = !cfg!(feature = "crawler");

/// Whether `command` needs the crawler, which this runner lacks.
pub fn needed_by(command: &Command) -> bool {
    LIGHT
        && matches!(
            command,
            Command::Crawl { .. }
                | Command::Site { .. }
                | Command::Bench {
                    what: crate::BenchTarget::Crawl
                }
                | Command::Compare { .. }
                | Command::Verify
        )
}

/// Whether this runner lacks any of the demos `ids` (they belong to the crawler).
pub fn lacks_any<'a>(mut ids: impl Iterator<Item = &'a str>) -> bool {
    LIGHT && ids.any(|id| demos::find(id).is_none())
}

/// The words after the program's name on this process's command line.
pub fn command_line() -> Vec<String> {
    std::env::args().skip(1).collect()
}

/// Runs `cargo xtask WORDS` with the full runner, and waits for it.
pub fn hand_over(words: &[String]) -> Result<ExitCode> {
    println!(
        "{}",
        style("This needs the crawler: handing over to the full runner (built on first use)…")
            .dim()
    );
    let child = workspace::cargo()
        .args(["run", "--quiet", "--package", "xtask-launch", "--"])
        .args(words)
        .env(VARIABLE, "1")
        // From the same folder, so relative paths (`crawl --out x.jsonl`) mean the same
        // to both runners; the full runner finds the same root from there.
        .spawn()
        .context("running `cargo xtask` with the crawler")?;
    let status = wait_through_ctrl_c(child)?;
    Ok(match status.code() {
        Some(code) => ExitCode::from(u8::try_from(code).unwrap_or(1)),
        None => ExitCode::FAILURE,
    })
}

/// Waits for `child`. Ctrl-C reaches it as well as us: it is the child's to act on (stop
/// a demo, stop a crawl cleanly), so this process lives on to carry on after it.
pub fn wait_through_ctrl_c(mut child: std::process::Child) -> Result<ExitStatus> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("starting a runtime to wait on")?;
    runtime.block_on(async move {
        let mut waiting = tokio::task::spawn_blocking(move || child.wait());
        loop {
            tokio::select! {
                finished = &mut waiting => {
                    return finished
                        .context("waiting for the full runner")?
                        .context("waiting for the full runner");
                }
                _ = tokio::signal::ctrl_c() => {}
            }
        }
    })
}
