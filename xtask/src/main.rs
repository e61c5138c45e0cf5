//! `cargo xtask`: the Async Rust Workbook's runner.
//!
//! Every command is a small module; this file only parses the command line, dispatches,
//! and turns errors into one line and an exit code (2 for bad input, 1 for failures).

mod catalog;
mod check;
mod compare;
mod demos;
mod grading;
mod hint;
mod lesson;
mod list;
mod markdown;
mod progress;
mod render;
mod start;
mod usage;
mod verify;
mod workspace;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// The Async Rust Workbook: learn async Rust (tokio) coming from Python's asyncio.
#[derive(Parser)]
#[command(name = "cargo xtask", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// List the lessons and exercises, with your progress.
    List,
    /// Read a lesson section by section and run its demos in place.
    Lesson {
        /// Which lesson, e.g. 4.1 (see `cargo xtask list`).
        id: Option<String>,
        /// Run demos on a virtual clock: no waiting, exact durations.
        #[arg(long)]
        instant: bool,
        /// Print the whole lesson without pausing between sections.
        #[arg(long)]
        no_pause: bool,
    },
    /// Run every sequential-vs-concurrent comparison of every lesson.
    Compare {
        /// Run on a virtual clock: no waiting, exact durations.
        #[arg(long)]
        instant: bool,
        /// Print the figures as a JSON array instead of tables.
        #[arg(long)]
        json: bool,
    },
    /// Grade your exercises (all, or the one named).
    Check {
        /// Which exercise, e.g. ex01 (default: all of them).
        exercise: Option<String>,
    },
    /// Show the hint for an exercise.
    Hint {
        /// Which exercise, e.g. ex01.
        exercise: Option<String>,
    },
    /// For maintainers: prove that solutions pass, untouched stubs fail and lessons run.
    Verify,
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => return usage::report_clap_error(error),
    };
    let outcome = match cli.command {
        None => start::run(),
        Some(Command::List) => list::run(),
        Some(Command::Lesson {
            id,
            instant,
            no_pause,
        }) => lesson::run(id.as_deref(), instant, no_pause),
        Some(Command::Compare { instant, json }) => compare::run(instant, json),
        Some(Command::Check { exercise }) => check::run(exercise.as_deref()),
        Some(Command::Hint { exercise }) => hint::run(exercise.as_deref()),
        Some(Command::Verify) => verify::run(),
    };
    match outcome {
        Ok(code) => code,
        Err(error) => usage::report_error(&error),
    }
}
