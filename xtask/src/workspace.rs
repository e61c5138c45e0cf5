//! Where things are in the repository.

use crate::usage::UsageError;
use anyhow::{Context, Result, bail};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

/// The repository root (the workspace that holds `xtask/`), found at run time from the
/// current directory (see [`locate`]). `main` locates it before any command runs, so a
/// runner started outside a checkout has already said so and stopped.
pub fn root() -> &'static Path {
    match locate() {
        Ok(root) => root,
        Err(error) => {
            // Only reachable if something asks before `main` has checked.
            eprintln!("error: {error:#}");
            std::process::exit(2);
        }
    }
}

/// Finds the workbook's root, once: the nearest folder at or above the current
/// directory that is the workbook's workspace (see [`find_root`]).
///
/// Found at run time, not fixed when the runner was compiled, so a checkout that was
/// copied or moved grades and records progress where it is now.
pub fn locate() -> Result<&'static Path> {
    static ROOT: OnceLock<PathBuf> = OnceLock::new();
    if let Some(root) = ROOT.get() {
        return Ok(root);
    }
    let here = std::env::current_dir().context("reading the current directory")?;
    let found = find_root(&here).ok_or_else(|| {
        UsageError(format!(
            "{} is not inside the Async Rust Workbook (no folder above it has a Cargo.toml \
             with [workspace], xtask/ and exercises/info.toml); run `cargo xtask` in your \
             copy of the workbook",
            here.display()
        ))
    })?;
    Ok(ROOT.get_or_init(|| found))
}

/// The nearest of `start` and the folders above it that is the workbook's root: its
/// `Cargo.toml` declares a `[workspace]`, and it holds `xtask/` and
/// `exercises/info.toml`. (Cargo runs the `xtask` alias from any folder inside the
/// workspace; a crate's own `Cargo.toml` or a workspace of another project does not
/// count, so neither does the one-crate workspace `verify` builds under `target/`.)
pub fn find_root(start: &Path) -> Option<PathBuf> {
    start
        .ancestors()
        .find(|folder| is_workbook_root(folder))
        .map(Path::to_path_buf)
}

fn is_workbook_root(folder: &Path) -> bool {
    let declares_workspace = std::fs::read_to_string(folder.join("Cargo.toml"))
        .ok()
        .and_then(|text| text.parse::<toml::Table>().ok())
        .is_some_and(|manifest| manifest.contains_key("workspace"));
    declares_workspace
        && folder.join("xtask").is_dir()
        && folder.join("exercises").join("info.toml").is_file()
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A temporary folder tree, removed when dropped.
    struct Tree(PathBuf);

    impl Tree {
        fn new(name: &str) -> Tree {
            let path =
                std::env::temp_dir().join(format!("xtask-root-{}-{name}", std::process::id()));
            let _ = std::fs::remove_dir_all(&path);
            std::fs::create_dir_all(&path).expect("a temporary folder");
            Tree(path)
        }

        fn file(&self, relative: &str, text: &str) -> &Tree {
            let path = self.0.join(relative);
            std::fs::create_dir_all(path.parent().expect("inside the tree")).expect("folders");
            std::fs::write(path, text).expect("a file");
            self
        }

        fn folder(&self, relative: &str) -> PathBuf {
            let path = self.0.join(relative);
            std::fs::create_dir_all(&path).expect("folders");
            path
        }
    }

    impl Drop for Tree {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    /// A workbook checkout at `base` inside `tree`.
    fn workbook(tree: &Tree, base: &str) {
        tree.file(
            &format!("{base}/Cargo.toml"),
            "[workspace]\nmembers = [\"xtask\"]\n",
        )
        .file(
            &format!("{base}/xtask/Cargo.toml"),
            "[package]\nname = \"xtask\"\n",
        )
        .file(&format!("{base}/exercises/info.toml"), "");
    }

    #[test]
    fn the_root_is_found_from_itself_and_from_any_folder_below_it() {
        let tree = Tree::new("below");
        workbook(&tree, "copy");
        let root = tree.0.join("copy");
        assert_eq!(find_root(&root), Some(root.clone()));
        for inside in ["copy/lessons", "copy/xtask/src", "copy/exercises/src"] {
            assert_eq!(
                find_root(&tree.folder(inside)),
                Some(root.clone()),
                "{inside}"
            );
        }
    }

    #[test]
    fn member_crates_and_other_workspaces_are_not_taken_for_the_root() {
        let tree = Tree::new("others");
        workbook(&tree, "outer");
        // A one-crate workspace inside it, like the one `verify` builds under target/.
        tree.file(
            "outer/target/verify/pristine/Cargo.toml",
            "[workspace]\n[package]\nname = \"exercises\"\n",
        );
        let root = tree.0.join("outer");
        assert_eq!(
            find_root(&tree.0.join("outer/target/verify/pristine")),
            Some(root.clone())
        );
        // xtask/ has a Cargo.toml, but of a package: keep going up.
        assert_eq!(find_root(&tree.0.join("outer/xtask")), Some(root));
        // A workspace that is not the workbook, and no workspace at all.
        tree.file("elsewhere/Cargo.toml", "[workspace]\n")
            .folder("elsewhere/xtask");
        assert_eq!(find_root(&tree.0.join("elsewhere")), None);
        assert_eq!(find_root(&tree.folder("empty/deeper")), None);
    }

    #[test]
    fn the_workbook_root_is_found_at_run_time_from_this_crate() {
        // `cargo test` runs this in xtask/; the root is the folder above it.
        let root = locate().expect("tests run inside the workbook");
        assert!(root.join("xtask").is_dir());
        assert!(root.join("exercises").join("info.toml").is_file());
    }
}
