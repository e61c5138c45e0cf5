//! `cargo xtask bench grade`: how long a learner waits between saving and a verdict.
//!
//! It touches the exercise file (its modification time only, never its contents), then
//! times the same build-and-grade path `check` and `watch` take, several times on a warm
//! build, and prints the median against the target. A benchmark, not a test: it never
//! fails CI on a slow machine.

use crate::catalog;
use crate::grading;
use crate::workspace;
use anyhow::{Context, Result, bail};
use std::fs::File;
use std::process::ExitCode;
use std::time::{Duration, Instant, SystemTime};

/// What the learner's edit → verdict loop should stay under.
const TARGET: Duration = Duration::from_secs(2);

/// Times edit → verdict for one exercise, `runs` times, and prints the median.
pub fn grade(query: Option<&str>, runs: usize) -> Result<ExitCode> {
    let exercise = match query {
        Some(_) => catalog::exercise(query, "bench grade")?,
        None => catalog::exercises()?
            .into_iter()
            .next()
            .context("there are no exercises")?,
    };
    let runs = runs.max(1);
    let file = workspace::root().join(exercise.stub_path());
    println!("warming up: building the graders once…");
    grading::build("exercises", None)?;

    let mut times = Vec::with_capacity(runs);
    for run in 1..=runs {
        File::options()
            .append(true)
            .open(&file)
            .and_then(|handle| handle.set_modified(SystemTime::now()))
            .with_context(|| format!("touching {}", file.display()))?;
        let started = Instant::now();
        let build = grading::build("exercises", None)?;
        let Some(binary) = build.binary else {
            bail!("the exercises do not compile; fix them (cargo xtask check) before benchmarking");
        };
        grading::run(&binary, &exercise.module())?;
        let took = started.elapsed();
        println!("  run {run}: {:.2} s", took.as_secs_f64());
        times.push(took);
    }
    times.sort();
    let median = times[times.len() / 2];
    println!(
        "edit → verdict for {}: median {:.2} s over {runs} runs (min {:.2} s, max {:.2} s); target ≤ {:.1} s — {:.0}% of the budget",
        exercise.id,
        median.as_secs_f64(),
        times[0].as_secs_f64(),
        times[times.len() - 1].as_secs_f64(),
        TARGET.as_secs_f64(),
        100.0 * median.as_secs_f64() / TARGET.as_secs_f64()
    );
    Ok(ExitCode::SUCCESS)
}
