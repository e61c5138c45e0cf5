//! `cargo xtask check [EXERCISE]`: grade the learner's exercises and say what to do next.

use crate::catalog::{self, Exercise};
use crate::grading::{self, Build, Diagnostic, GraderRun};
use crate::progress::Progress;
use anyhow::Result;
use console::style;
use indicatif::{ProgressBar, ProgressStyle};
use std::process::ExitCode;
use std::time::Duration;

/// Grades one exercise (or all), records the results, prints a summary.
pub fn run(query: Option<&str>) -> Result<ExitCode> {
    let chosen = match query {
        Some(_) => vec![catalog::exercise(query, "check")?],
        None => catalog::exercises()?,
    };

    let spinner = ProgressBar::new_spinner().with_message("compiling your exercises…");
    spinner.enable_steady_tick(Duration::from_millis(100));
    let build = grading::build("exercises", None)?;
    spinner.finish_and_clear();
    let Some(binary) = &build.binary else {
        report_compile_errors(&build, &chosen);
        return Ok(ExitCode::FAILURE);
    };

    let bar = ProgressBar::new(chosen.len() as u64).with_style(
        ProgressStyle::with_template("{bar:30.cyan/blue} {pos}/{len} grading {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let mut progress = Progress::load();
    let mut results = Vec::new();
    for exercise in &chosen {
        bar.set_message(format!("{} {}", exercise.id, exercise.name));
        let run = grading::run(binary, &exercise.module())?;
        progress.graded(&exercise.id, run.passed());
        results.push((exercise, run));
        bar.inc(1);
    }
    bar.finish_and_clear();
    if let Err(error) = progress.save() {
        eprintln!("warning: could not save your progress: {error:#}");
    }

    print_summary(&results, &build.warnings);
    let all_passed = results.iter().all(|(_, run)| run.passed());
    Ok(if all_passed {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

fn print_summary(results: &[(&Exercise, GraderRun)], warnings: &[Diagnostic]) {
    for (exercise, run) in results {
        let (mark, detail) = if run.passed() {
            (style("✓").green(), String::new())
        } else {
            let failing = run.failed.len().max(usize::from(run.total() == 0));
            (
                style("✗").red(),
                format!("  ({failing} of {} checks failing)", run.total().max(1)),
            )
        };
        println!(
            "  {mark} {}  {}{}",
            exercise.id,
            exercise.title,
            style(detail).dim()
        );
    }
    let passed = results.iter().filter(|(_, run)| run.passed()).count();
    println!("\n{passed}/{} exercises pass.", results.len());

    let Some((exercise, run)) = results.iter().find(|(_, run)| !run.passed()) else {
        println!(
            "{}",
            style("Everything you graded passes. On to the next lesson!").green()
        );
        return;
    };
    println!(
        "\nNext to fix: {} — {}",
        style(&exercise.id).bold(),
        style(exercise.stub_path()).underlined()
    );
    if run.killed {
        println!("  the grader did not finish and was stopped; does your code loop forever?");
    } else if run.total() == 0 {
        println!("  no checks ran for it; is its grader listed in exercises/src/lib.rs?");
    }
    if let Some(first) = run.failed.first() {
        println!("  {} {}", style("✗").red(), first.check);
        for line in first.message.lines() {
            println!("    {line}");
        }
        if let Some(location) = &first.learner_location {
            println!(
                "    {}",
                style(format!("(your code panicked at {location})")).dim()
            );
        }
        for other in &run.failed[1..] {
            println!("  {} {}", style("✗").red(), other.check);
        }
    }
    let own_warnings: Vec<&Diagnostic> = warnings
        .iter()
        .filter(|warning| warning.file == exercise.stub_path())
        .collect();
    for warning in own_warnings {
        println!(
            "  {} {}:{}: {}",
            style("compiler warning:").yellow(),
            warning.file,
            warning.line,
            warning.message
        );
    }
    println!(
        "\nStuck? {}   Re-grade just this one: {}",
        style(format!("cargo xtask hint {}", exercise.id)).cyan(),
        style(format!("cargo xtask check {}", exercise.id)).cyan()
    );
}

fn report_compile_errors(build: &Build, chosen: &[Exercise]) {
    let owner = |file: &str| {
        catalog::exercises()
            .unwrap_or_default()
            .into_iter()
            .find(|exercise| exercise.stub_path() == file)
            .map(|exercise| exercise.id)
    };
    println!(
        "{} Your exercises do not compile yet, so none of them can be graded.",
        style("✗").red()
    );
    if let Some(first) = build.errors.first() {
        let which = owner(&first.file)
            .map(|id| format!(" ({id})"))
            .unwrap_or_default();
        println!(
            "\n  {}:{}:{}{which}: {}\n",
            first.file, first.line, first.column, first.message
        );
        print!("{}", first.rendered);
    }
    if build.errors.len() > 1 {
        println!(
            "…and {} more errors after this one.",
            build.errors.len() - 1
        );
    }
    let ids: Vec<&str> = chosen.iter().map(|exercise| exercise.id.as_str()).collect();
    println!(
        "\nFix it, then run `cargo xtask check{}` again.",
        if ids.len() == 1 {
            format!(" {}", ids[0])
        } else {
            String::new()
        }
    );
}
