//! `cargo xtask` with no command: where the learner stands and what to do next.

use crate::catalog;
use crate::progress::Progress;
use anyhow::Result;
use console::style;
use std::process::ExitCode;

/// Prints a welcome, the next step, and the commands.
pub fn run() -> Result<ExitCode> {
    let progress = Progress::load();
    println!("{}", style("The Async Rust Workbook").bold().magenta());
    println!("Async Rust with tokio, for people who know Python's asyncio.\n");

    let lessons = catalog::lessons()?;
    let next_lesson = lessons.iter().find(|lesson| {
        !progress
            .lessons
            .get(&lesson.id)
            .is_some_and(|l| l.finished())
    });
    let next_exercise = catalog::exercises()?
        .into_iter()
        .find(|exercise| !progress.passed(&exercise.id));
    match (next_lesson, next_exercise) {
        (Some(lesson), _) => println!(
            "Next: lesson {} — {}\n  {}",
            lesson.id,
            lesson.title,
            style(format!("cargo xtask lesson {}", lesson.id)).cyan()
        ),
        (None, Some(exercise)) => println!(
            "Next: exercise {} — {}\n  edit {} and run {}",
            exercise.id,
            exercise.title,
            exercise.stub_path(),
            style(format!("cargo xtask check {}", exercise.id)).cyan()
        ),
        (None, None) => println!("You have read every lesson and passed every exercise."),
    }
    println!(
        "\nCommands:\n  {:<34} lessons and exercises, with your progress\n  {:<34} read a lesson; --instant skips the waiting\n  {:<34} grade your exercises\n  {:<34} a nudge when stuck\n  {:<34} every timing comparison in one place\n  {:<34} everything else",
        "cargo xtask list",
        "cargo xtask lesson 4.1",
        "cargo xtask check [ex01]",
        "cargo xtask hint ex01",
        "cargo xtask compare [--instant]",
        "cargo xtask --help"
    );
    Ok(ExitCode::SUCCESS)
}
