//! `cargo xtask check [EXERCISE]`: grade the learner's exercises and say what to do next.
//!
//! The grading and the reports are also what `watch` and the menu show.

use crate::catalog::{self, Exercise};
use crate::grading::{self, Build, Diagnostic, GraderRun, Targets};
use crate::progress::Progress;
use anyhow::Result;
use console::style;
use indicatif::{ProgressBar, ProgressStyle};
use std::process::ExitCode;
use std::time::Duration;

/// One grading of some exercises: the build, and each exercise's grader run — `None`
/// for an exercise that does not compile (the others are graded all the same).
pub struct Grading {
    /// The build of the graders (its errors and warnings).
    pub build: Build,
    /// Each exercise, with its grader's outcome if it compiled.
    pub results: Vec<(Exercise, Option<GraderRun>)>,
}

impl Grading {
    /// Whether every graded exercise compiled and passed.
    pub fn all_passed(&self) -> bool {
        self.results
            .iter()
            .all(|(_, run)| run.as_ref().is_some_and(GraderRun::passed))
    }
}

/// Grades one exercise (or all), records the results, prints a summary.
pub fn run(query: Option<&str>) -> Result<ExitCode> {
    let chosen = match query {
        Some(_) => vec![catalog::exercise(query, "check")?],
        None => catalog::exercises()?,
    };
    let grading = grade(&chosen)?;
    match grading.results.as_slice() {
        [(exercise, None)] => print_compile_errors(
            exercise,
            &grading.build,
            &format!("run `cargo xtask check {}` again", exercise.id),
        ),
        _ => print_summary(&grading),
    }
    Ok(if grading.all_passed() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// Builds the graders of `chosen` — each exercise on its own, so only what changed is
/// recompiled — and runs them, with progress shown on a terminal, and records every
/// verdict in the learner's progress.
pub fn grade(chosen: &[Exercise]) -> Result<Grading> {
    let spinner = ProgressBar::new_spinner().with_message(match chosen {
        [one] => format!("compiling {}…", one.stub_path()),
        _ => "compiling your exercises…".to_string(),
    });
    spinner.enable_steady_tick(Duration::from_millis(100));
    let modules: Vec<String> = chosen.iter().map(Exercise::module).collect();
    let mut crates = 0;
    let build = grading::build(
        "exercises",
        Targets::Exercises(&modules),
        None,
        &mut |name| {
            crates += 1;
            spinner.set_message(format!("compiling: {crates} built, the latest {name}…"));
        },
    )?;
    spinner.finish_and_clear();

    let bar = ProgressBar::new(chosen.len() as u64).with_style(
        ProgressStyle::with_template("{bar:30.cyan/blue} {pos}/{len} grading {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let mut progress = Progress::load();
    let mut results = Vec::new();
    for exercise in chosen {
        bar.set_message(format!("{} {}", exercise.id, exercise.name));
        let run = match build.binary_for(&exercise.module()) {
            Some(binary) => {
                let run = grading::run(binary, &exercise.module())?;
                progress.graded(&exercise.id, run.passed());
                Some(run)
            }
            None => None,
        };
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
        let (mark, detail) = match run {
            Some(run) if run.passed() => (style("✓").green(), String::new()),
            Some(run) => {
                let failing = run.failed.len().max(usize::from(run.total() == 0));
                (
                    style("✗").red(),
                    format!("  ({failing} of {} checks failing)", run.total().max(1)),
                )
            }
            None => (style("✗").red(), "  (does not compile)".to_string()),
        };
        println!(
            "  {mark} {}  {}{}",
            exercise.id,
            exercise.title,
            style(detail).dim()
        );
    }
    let passed = results
        .iter()
        .filter(|(_, run)| run.as_ref().is_some_and(GraderRun::passed))
        .count();
    println!("\n{passed}/{} exercises pass.", results.len());

    match results
        .iter()
        .find(|(_, run)| !run.as_ref().is_some_and(GraderRun::passed))
    {
        Some((exercise, Some(run))) => {
            println!("\nNext to fix:");
            print_failure(exercise, run, &grading.build.warnings);
        }
        Some((exercise, None)) => {
            println!("\nNext to fix:");
            print_compile_errors(exercise, &grading.build, "run `cargo xtask check` again");
        }
        None => println!(
            "{}",
            style("Everything you graded passes. On to the next lesson!").green()
        ),
    }
}

/// What is wrong with one exercise: the first failing check with the grader's message,
/// where the learner's code panicked, the other failing checks, the compiler's warnings
/// about the file, how to get a hint, and the lesson section to re-read.
pub fn print_failure(exercise: &Exercise, run: &GraderRun, warnings: &[Diagnostic]) {
    println!(
        "{} — {}",
        style(&exercise.id).bold(),
        style(exercise.stub_path()).underlined()
    );
    if run.killed {
        println!("  the grader did not finish and was stopped; does your code loop forever?");
    } else if run.total() == 0 {
        println!(
            "  no checks ran for it; does exercises/tests/{}.rs include its grader?",
            exercise.module()
        );
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
    println!("{}", crate::lesson::reread_line(exercise));
}

/// The first compile error that stops `exercise`, pinned to its file and line, as rustc
/// renders it, and `then`: what to do after fixing it.
pub fn print_compile_errors(exercise: &Exercise, build: &Build, then: &str) {
    let errors = build.errors_for(&exercise.module());
    println!(
        "{} {} does not compile yet, so it cannot be graded.",
        style("✗").red(),
        exercise.id
    );
    if let Some(first) = errors.first() {
        println!(
            "\n  {}:{}:{}: {}\n",
            first.file, first.line, first.column, first.message
        );
        print!("{}", first.rendered);
    }
    if errors.len() > 1 {
        println!("…and {} more errors after this one.", errors.len() - 1);
    }
    let others: usize = build.binaries.len();
    if others > 0 {
        println!(
            "{}",
            style(format!(
                "(The other {others} exercises compiled and were graded: see the list above.)"
            ))
            .dim()
        );
    }
    println!("\nFix it, then {then}.");
}
