//! `cargo xtask solution <EXERCISE>`: the reference answer, once it can no longer spoil
//! the exercise — after it passes, or after the learner explicitly asks anyway.

use crate::catalog::{self, Exercise};
use crate::input::Input;
use crate::progress::Progress;
use crate::{render, workspace};
use anyhow::{Context, Result};
use console::style;
use std::process::ExitCode;

/// The command-line entry.
pub fn run(query: Option<&str>, yes: bool) -> Result<ExitCode> {
    let exercise = catalog::exercise(query, "solution")?;
    show(&exercise, yes, &mut Input::plain()?)
}

/// Prints the reference solution if the exercise passed or the learner confirms.
pub fn show(exercise: &Exercise, yes: bool, input: &mut Input) -> Result<ExitCode> {
    let passed = Progress::load().passed(&exercise.id);
    if !passed && !yes {
        let question = format!(
            "You have not passed {} yet, and the answer spoils the puzzle. Show it anyway?",
            exercise.id
        );
        if !input.confirm(&question)? {
            println!(
                "Not shown. Try {} first, or pass --yes.",
                style(format!("cargo xtask hint {}", exercise.id)).cyan()
            );
            return Ok(ExitCode::FAILURE);
        }
    }
    let path = workspace::root().join(exercise.solution_path());
    let source =
        std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
    println!("{}", style(exercise.solution_path()).underlined());
    let fenced = format!("```rust\n{source}```\n");
    print!("{}", render::markdown(&fenced, console::colors_enabled()));
    Ok(ExitCode::SUCCESS)
}
