//! `cargo xtask compare`: every sequential-vs-concurrent comparison of every lesson.

use crate::demos;
use anyhow::{Context, Result};
use console::style;
use harness::{DemoKind, Output, TimeMode};
use std::process::ExitCode;

/// Runs the comparison demos; prints their tables and timelines, or one JSON array.
pub fn run(instant: bool, json: bool) -> Result<ExitCode> {
    let mode = if instant {
        TimeMode::Virtual
    } else {
        TimeMode::Real
    };
    let output = if json {
        Output::Silent
    } else {
        Output::Terminal
    };
    let mut reports = Vec::new();
    for demo in demos::all()
        .into_iter()
        .filter(|demo| demo.kind == DemoKind::Comparison)
    {
        if !json {
            println!(
                "\n{}",
                style(format!("━━ {} — {}", demo.id, demo.title)).bold()
            );
        }
        let produced = harness::run_demo(&demo, mode, output)
            .with_context(|| format!("comparison {}", demo.id))?;
        reports.extend(produced);
    }
    if json {
        println!("{}", serde_json::to_string_pretty(&reports)?);
    }
    Ok(ExitCode::SUCCESS)
}
