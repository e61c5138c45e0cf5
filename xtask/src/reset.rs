//! `cargo xtask reset <EXERCISE>`: back to the untouched stub, without losing a line.
//!
//! The stub comes from git (`HEAD`). The learner's version is copied to
//! `.workbook-backups/` first, and nothing happens without a yes.

use crate::catalog::{self, Exercise};
use crate::input::Input;
use crate::progress::Progress;
use crate::workspace;
use anyhow::{Context, Result};
use console::style;
use std::process::ExitCode;
use std::time::{SystemTime, UNIX_EPOCH};

/// The command-line entry.
pub fn run(query: Option<&str>, yes: bool) -> Result<ExitCode> {
    let exercise = catalog::exercise(query, "reset")?;
    reset(&exercise, yes, &mut Input::plain()?)
}

/// Restores `exercise`'s stub after asking (unless `yes`), keeping a backup.
pub fn reset(exercise: &Exercise, yes: bool, input: &mut Input) -> Result<ExitCode> {
    let target = workspace::root().join(exercise.stub_path());
    let pristine = workspace::committed(&exercise.stub_path())?;
    let current = std::fs::read(&target).ok();
    if current.as_deref() == Some(pristine.as_slice()) {
        println!(
            "{} is already the untouched stub; nothing to reset.",
            exercise.stub_path()
        );
        return Ok(ExitCode::SUCCESS);
    }
    let question = format!(
        "Replace {} with the untouched stub? (Your version is kept as a backup.)",
        exercise.stub_path()
    );
    if !yes && !input.confirm(&question)? {
        println!("Not reset. (Answer y, or pass --yes.)");
        return Ok(ExitCode::FAILURE);
    }
    if let Some(current) = current {
        let backups = workspace::backups_dir();
        std::fs::create_dir_all(&backups)
            .with_context(|| format!("creating {}", backups.display()))?;
        let stamp = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |since| since.as_secs());
        let backup = backups.join(format!("{}-{stamp}.rs", exercise.module()));
        std::fs::write(&backup, current)
            .with_context(|| format!("keeping your version at {}", backup.display()))?;
        println!(
            "Your version is kept at {}",
            style(backup.display()).underlined()
        );
    }
    let temporary = target.with_extension("rs.reset-tmp");
    std::fs::write(&temporary, &pristine)?;
    std::fs::rename(&temporary, &target)
        .with_context(|| format!("restoring {}", target.display()))?;

    let mut progress = Progress::load();
    progress.graded(&exercise.id, false);
    if let Err(error) = progress.save() {
        eprintln!("warning: could not save your progress: {error:#}");
    }
    println!("{} is back to the untouched stub.", exercise.stub_path());
    Ok(ExitCode::SUCCESS)
}
