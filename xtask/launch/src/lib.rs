//! Shared by the launcher (`src/main.rs`) and the runner (`xtask`): how to call cargo from
//! a program that `cargo run` started.

use std::process::Command;

/// A `cargo` command for building the workbook from inside a program run by `cargo run`.
///
/// `cargo run` sets variables such as `CARGO_MANIFEST_DIR` for the program it runs.
/// Passed on to an inner cargo they reach build scripts (ring's watches
/// `CARGO_MANIFEST_DIR`), which then see a change and rebuild — half the dependency tree,
/// each time the learner switches between `cargo xtask check` and `cargo test -p
/// exercises`. So the inner cargo gets the environment without them.
pub fn cargo() -> Command {
    let mut command = Command::new(std::env::var_os("CARGO").unwrap_or("cargo".into()));
    for (name, _) in std::env::vars_os() {
        let Some(name) = name.to_str() else { continue };
        let set_for_this_binary = name == "CARGO_MANIFEST_DIR"
            || name == "CARGO_MANIFEST_PATH"
            || name == "CARGO_PRIMARY_PACKAGE"
            || name.starts_with("CARGO_PKG_")
            || name.starts_with("CARGO_CRATE_")
            || name.starts_with("CARGO_BIN_");
        if set_for_this_binary {
            command.env_remove(name);
        }
    }
    command
}
