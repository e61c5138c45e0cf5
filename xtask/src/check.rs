//! `cargo xtask check [EXERCISE]`: grade the learner's exercises and say what to do next.
//!
//! The grading and the reports are also what `watch` and the menu show.

use crate::catalog::{self, Exercise};
use crate::grading::{self, Build, Diagnostic, GraderRun};
use crate::progress::Progress;
use anyhow::Result;
use console::style;
use indicatif::{ProgressBar, ProgressStyle};
use std::process::ExitCode;
use std::time::Duration;

/// One grading of some exercises: the build, and a result per exercise if it compiled.
pub struct Grading {
    /// The build of the graders (its errors and warnings).
    pub build: Build,
    /// Each exercise graded, with its grader's outcome (empty if the build failed).
    pub results: Vec<(Exercise, GraderRun)>,
}

impl Grading {
    /// Whether every graded exercise passed (false if nothing compiled).
    pub fn all_passed(&self) -> bool {
        self.build.binary.is_some() && self.results.iter().all(|(_, run)| run.passed())
    }
}

/// Grades one exercise (or all), records the results, prints a summary.
pub fn run(query: Option<&str>) -> Result<ExitCode> {
    let chosen = match query {
        Some(_) => vec![catalog::exercise(query, "check")?],
        None => catalog::exercises()?,
    };
    let grading = grade(&chosen)?;
    if grading.build.binary.is_none() {
        let again = match query {
            Some(_) => format!("run `cargo xtask check {}` again", chosen[0].id),
            None => "run `cargo xtask check` again".to_string(),
        };
        print_compile_errors(&grading.build, &again);
    } else {
        print_summary(&grading);
    }
    Ok(if grading.all_passed() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// Builds the graders and runs them for `chosen`, with progress shown on a terminal,
/// and records every verdict in the learner's progress.
pub fn grade(chosen: &[Exercise]) -> Result<Grading> {
    let spinner = ProgressBar::new_spinner().with_message("compiling your exercises…");
    spinner.enable_steady_tick(Duration::from_millis(100));
    let build = grading::build("exercises", None)?;
    spinner.finish_and_clear();
    let Some(binary) = build.binary.clone() else {
        return Ok(Grading {
            build,
            results: Vec::new(),
        });
    };

    let bar = ProgressBar::new(chosen.len() as u64).with_style(
        ProgressStyle::with_template("{bar:30.cyan/blue} {pos}/{len} grading {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let mut progress = Progress::load();
    let mut results = Vec::new();
    for exercise in chosen {
        bar.set_message(format!("{} {}", exercise.id, exercise.name));
        let run = grading::run(&binary, &exercise.module())?;
        progress.graded(&exercise.id, run.passed());
        results.push((exercise.clone(), run));
        bar.inc(1);
    }
    bar.finish_and_clear();
    if let Err(error) = progress.save() {
        eprintln!("warning: could not save your progress: {error:#}");
    }
    Ok(Grading { build, results })
}

fn print_summary(grading: &Grading) {
    let results = &grading.results;
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

    match results.iter().find(|(_, run)| !run.passed()) {
        Some((exercise, run)) => {
            println!("\nNext to fix:");
            print_failure(exercise, run, &grading.build.warnings);
        }
        None => println!(
            "{}",
            style("Everything you graded passes. On to the next lesson!").green()
        ),
    }
}

/// What is wrong with one exercise: the first failing check with the grader's message,
/// where the learner's code panicked, the other failing checks, the compiler's warnings
/// about the file, and how to get a hint.
pub fn print_failure(exercise: &Exercise, run: &GraderRun, warnings: &[Diagnostic]) {
    println!(
        "{} — {}",
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
    for warning in warnings.iter().filter(|w| w.file == exercise.stub_path()) {
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

/// The first compile error, pinned to its exercise file and line, as rustc renders it,
/// and `then`: what to do after fixing it.
pub fn print_compile_errors(build: &Build, then: &str) {
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
    println!("\nFix it, then {then}.");
}
