//! Where things are in the repository.

use anyhow::{Context, Result, bail};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The repository root (the workspace that holds `xtask/`).
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask/ always sits inside the workspace root")
}

/// `lessons/`: one Markdown file per lesson.
pub fn lessons_dir() -> PathBuf {
    root().join("lessons")
}

/// `exercises/info.toml`: titles, lessons and hints of the exercises.
pub fn exercise_info() -> PathBuf {
    root().join("exercises").join("info.toml")
}

/// The cargo target directory every build of the runner shares.
pub fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("target"))
}

/// Whether the runner may stop and wait for the learner: only on a terminal, and not in CI.
pub fn interactive() -> bool {
    use std::io::IsTerminal;
    let in_ci = std::env::var("CI").is_ok_and(|value| value == "true" || value == "1");
    !in_ci && std::io::stdin().is_terminal() && std::io::stdout().is_terminal()
}

/// Runs git in the repository and returns its output. The untouched stubs come from git
/// (`HEAD`), never from the working tree, which may hold the learner's edits.
pub fn git(args: &[&str]) -> Result<Vec<u8>> {
    let output = Command::new("git")
        .args(args)
        .current_dir(root())
        .output()
        .context("running git (the untouched exercise stubs are taken from git)")?;
    if !output.status.success() {
        bail!(
            "git {} failed: {}",
            args.join(" "),
            String::from_utf8_lossy(&output.stderr).trim()
        );
    }
    Ok(output.stdout)
}

/// The untouched stub of the exercise file at `path` (relative to the root), from git `HEAD`.
pub fn committed(path: &str) -> Result<Vec<u8>> {
    git(&["show", &format!("HEAD:{path}")])
}

/// Where copies of the learner's files are kept before anything replaces them.
pub fn backups_dir() -> PathBuf {
    root().join(".workbook-backups")
}

/// A `cargo` command for building the workbook from inside the runner, without the
/// variables `cargo run` set for it (see [`xtask_launch::cargo`]).
pub fn cargo() -> Command {
    xtask_launch::cargo()
}
