//! `cargo xtask hint <EXERCISE>`: a nudge for a stuck learner.

use crate::catalog;
use anyhow::Result;
use console::style;
use std::process::ExitCode;

/// Prints the exercise's title, file and hint.
pub fn run(query: Option<&str>) -> Result<ExitCode> {
    let exercise = catalog::exercise(query, "hint")?;
    println!(
        "{} {} — {} (lesson {})",
        style("Hint for").bold(),
        style(&exercise.id).bold(),
        exercise.title,
        exercise.lesson
    );
    println!("{}\n", style(exercise.stub_path()).underlined());
    print!(
        "{}",
        crate::render::markdown(exercise.hint.trim(), console::colors_enabled())
    );
    println!(
        "\nGrade it with {}.",
        style(format!("cargo xtask check {}", exercise.id)).cyan()
    );
    Ok(ExitCode::SUCCESS)
}
