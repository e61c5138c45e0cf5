//! `cargo xtask list`: the lessons and exercises, with the learner's progress.

use crate::catalog::{self, Exercise};
use crate::progress::Progress;
use anyhow::Result;
use console::style;
use std::process::ExitCode;

/// Prints every lesson (sections read) and every exercise (passed or not).
pub fn run() -> Result<ExitCode> {
    let progress = Progress::load();
    println!("{}", style("Lessons").bold());
    print_lessons(&progress)?;
    println!("\n{}", style("Exercises").bold());
    print_exercises(&progress)?;
    println!(
        "\nRead a lesson: {}   Grade exercises: {}",
        style("cargo xtask lesson 4.1").cyan(),
        style("cargo xtask check").cyan()
    );
    Ok(ExitCode::SUCCESS)
}

/// One line per lesson: id, title, how much of it was read (also the menu's list).
pub fn print_lessons(progress: &Progress) -> Result<()> {
    for lesson in catalog::lessons()? {
        let status = match progress.lessons.get(&lesson.id) {
            Some(read) if read.finished() => style("read".to_string()).green(),
            Some(read) => style(format!(
                "{}/{} sections",
                read.sections_read.len(),
                read.sections_total
            ))
            .yellow(),
            None => style("not started".to_string()).dim(),
        };
        println!("  {:<5} {:<50} {status}", lesson.id, lesson.title);
    }
    Ok(())
}

/// One line per exercise: id, lesson, title, passed or not, hint steps used (also the
/// menu's list).
pub fn print_exercises(progress: &Progress) -> Result<()> {
    for exercise in catalog::exercises()? {
        let status = if progress.passed(&exercise.id) {
            style("passed").green()
        } else if progress.exercises.contains_key(&exercise.id) {
            style("failing").red()
        } else {
            style("not graded").dim()
        };
        let hints =
            hints_used(progress, &exercise).map_or(String::new(), |used| format!("  {used}"));
        println!(
            "  {:<5} {:<5} {:<58} {status}{}",
            exercise.id,
            exercise.lesson,
            exercise.title,
            style(hints).dim()
        );
    }
    Ok(())
}

/// "hints 2/3" once the learner has asked for a hint of `exercise`: `list` and the menu
/// show it.
pub fn hints_used(progress: &Progress, exercise: &Exercise) -> Option<String> {
    match progress.hints_used(&exercise.id) {
        0 => None,
        used => Some(format!(
            "hints {}/{}",
            used.min(exercise.hints.len()),
            exercise.hints.len()
        )),
    }
}
