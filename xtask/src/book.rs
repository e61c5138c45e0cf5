//! `cargo xtask book [--open]`: the course as a web book, built by `workbook-book`.
//!
//! The book is built with mdBook's libraries, a few dozen crates that nothing else in the
//! workbook needs. So they are not in this runner: `workbook-book` (xtask/book) is a
//! package of its own, and this command hands over to it with `cargo run`, which builds
//! it the first time (cargo's progress shows) and runs it. The learner's edit → verdict
//! loop never compiles any of it.

use crate::{with_crawler, workspace};
use anyhow::{Context, Result};
use console::style;
use std::process::ExitCode;

/// Builds the book (and, with `open`, opens it) by running `workbook-book`.
pub fn run(open: bool) -> Result<ExitCode> {
    let builder = workspace::target_dir()
        .join("debug")
        .join(format!("workbook-book{}", std::env::consts::EXE_SUFFIX));
    if !builder.exists() {
        println!(
            "{}",
            style(
                "Building the book builder, workbook-book, for the first time: mdBook \
                 (about a minute on 2 cores) and, if no crawler command has run yet, the \
                 crawler's HTTP stack (a minute or two more)…"
            )
            .dim()
        );
    }
    let mut cargo = workspace::cargo();
    cargo
        .args(["run", "--package", "workbook-book", "--"])
        .current_dir(workspace::root());
    if open {
        cargo.arg("--open");
    }
    let child = cargo
        .spawn()
        .context("running `cargo run --package workbook-book`")?;
    let status = with_crawler::wait_through_ctrl_c(child)?;
    Ok(match status.code() {
        Some(0) => ExitCode::SUCCESS,
        Some(code) => ExitCode::from(u8::try_from(code).unwrap_or(1)),
        None => ExitCode::FAILURE,
    })
}
