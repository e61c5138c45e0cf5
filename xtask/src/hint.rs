//! `cargo xtask hint <EXERCISE>`: a nudge for a stuck learner, one step at a time.
//!
//! Each exercise's hints (in `exercises/info.toml`) come in steps that give away a little
//! more each time: the idea and the lesson section that teaches it, then the API to use,
//! then the shape of the code. Asking again shows the next step; the progress file
//! remembers how many were shown, so `list` can say so and a later session carries on.
//! Once every step was shown, asking again shows them all together.

use crate::catalog::{self, Exercise};
use crate::progress::Progress;
use anyhow::Result;
use console::style;
use std::process::ExitCode;

/// Prints the exercise's title and file, then its next hint step (or all of them).
pub fn run(query: Option<&str>) -> Result<ExitCode> {
    let exercise = catalog::exercise(query, "hint")?;
    println!(
        "{} {} — {} (lesson {})",
        style("Hint for").bold(),
        style(&exercise.id).bold(),
        exercise.title,
        exercise.lesson
    );
    println!("{}", style(exercise.stub_path()).underlined());
    show_next(&exercise);
    println!(
        "\nGrade it with {}.",
        style(format!("cargo xtask check {}", exercise.id)).cyan()
    );
    Ok(ExitCode::SUCCESS)
}

/// Shows the next hint step of `exercise` and records it; once every step was shown,
/// says so and shows them all. `run`, `watch`'s `h` key and the menu all come here.
pub fn show_next(exercise: &Exercise) {
    let mut progress = Progress::load();
    let total = exercise.hints.len();
    let used = progress.hints_used(&exercise.id);
    if used >= total {
        println!(
            "\n{}",
            style(format!(
                "No more hints for {}: all {total} steps were shown. Here they are together.",
                exercise.id
            ))
            .yellow()
        );
        for step in 0..total {
            print_step(exercise, step);
        }
        return;
    }
    print_step(exercise, used);
    progress.used_hints(&exercise.id, used + 1);
    if let Err(error) = progress.save() {
        eprintln!("warning: could not save your progress: {error:#}");
    }
    if used + 1 < total {
        println!(
            "\n{}",
            style(format!(
                "Still stuck? Ask again for hint {} of {total}.",
                used + 2
            ))
            .dim()
        );
    }
}

/// Prints step `step` (0-based): a heading, its text, and for the first step the lesson
/// section that teaches the idea, with the command that opens the lesson there.
fn print_step(exercise: &Exercise, step: usize) {
    let total = exercise.hints.len();
    let label = match (step, total) {
        (0, 3) => " — the idea",
        (1, 3) => " — the API",
        (2, 3) => " — the shape of the code",
        _ => "",
    };
    println!(
        "\n{}",
        style(format!("Hint {} of {total}{label}", step + 1)).bold()
    );
    print!(
        "{}",
        crate::render::markdown(exercise.hints[step].trim(), console::colors_enabled())
    );
    if step == 0 {
        println!("{}", crate::lesson::reread_line(exercise));
    }
}
