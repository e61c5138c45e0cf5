//! What `cargo xtask` runs first: build the workbook's runner, say so while that takes
//! time, and hand over to it.
//!
//! On a fresh clone the runner needs a few hundred crates compiled before the menu can
//! appear — minutes on a laptop. Run through `cargo run --quiet`, that would be minutes of
//! blank terminal; through plain `cargo run`, every later start would print cargo's status
//! lines above the menu. So the `cargo xtask` alias runs this tiny program instead (no
//! dependencies: cargo builds it in about a second, quietly). It runs
//! `cargo build --package xtask` itself and holds back cargo's output while there is
//! nothing to build; the moment cargo starts downloading or compiling, it says what is
//! going on and shows cargo's own progress. Then it runs the runner with the same
//! arguments and ends with its exit code. What it starts is `xtask-light`, the runner
//! without the crawler's HTTP stack; that one asks for the full `xtask` when a command
//! needs the crawler (`WORKBOOK_WITH_CRAWLER`, see xtask/src/with_crawler.rs).

use std::ffi::OsString;
use std::io::{self, IsTerminal, Read, Write};
use std::process::{Command, ExitCode, Stdio};
use std::thread;
use xtask_launch::cargo;

/// Words cargo prints only when it has work to do: seeing one means the learner should
/// see the build, with a line saying what it is.
const BUILDING: [&str; 5] = [
    "Compiling",
    "Downloading",
    "Downloaded",
    "Updating",
    "Locking",
];

/// Words worth showing as they are: cargo waiting for another build, or a problem.
const NOTEWORTHY: [&str; 3] = ["Blocking", "error", "warning"];

fn main() -> ExitCode {
    let runner = match build_runner() {
        Ok(runner) => runner,
        Err(code) => return code,
    };
    run(runner, std::env::args_os().skip(1).collect())
}

/// `cargo build --package xtask`, with its output shown only when there is something to
/// see; returns the runner's executable, or the exit code to end with.
fn build_runner() -> Result<OsString, ExitCode> {
    let on_terminal = io::stderr().is_terminal();
    // The light runner (no crawler: half the first build) unless the light runner itself
    // asks for the full one, for a command that needs the crawler (xtask/src/with_crawler.rs).
    let full = std::env::var_os("WORKBOOK_WITH_CRAWLER").is_some();
    let (runner, features) = if full {
        ("xtask", None)
    } else {
        ("xtask-light", Some("--no-default-features"))
    };
    let mut cargo = cargo();
    cargo.args(["build", "--package", "xtask", "--bin", runner]);
    cargo.args(features);
    cargo.arg("--message-format=json-render-diagnostics");
    if on_terminal {
        // Cargo draws its progress bar only on a terminal; its stderr is our pipe.
        let width = std::env::var("COLUMNS")
            .ok()
            .and_then(|columns| columns.parse::<usize>().ok())
            .unwrap_or(80)
            .saturating_sub(1)
            .max(40);
        cargo.args([
            "--color=always",
            "--config",
            "term.progress.when='always'",
            "--config",
            &format!("term.progress.width={width}"),
        ]);
    }
    let mut child = match cargo.stdout(Stdio::piped()).stderr(Stdio::piped()).spawn() {
        Ok(child) => child,
        Err(error) => {
            eprintln!("error: cannot run cargo to build the workbook's runner: {error}");
            return Err(ExitCode::from(2));
        }
    };
    let stderr = child
        .stderr
        .take()
        .map(|pipe| thread::spawn(move || relay(pipe, full)));
    let mut messages = String::new();
    if let Some(mut stdout) = child.stdout.take() {
        // A read error only loses messages; the missing executable is reported below.
        let _ = stdout.read_to_string(&mut messages);
    }
    let status = child.wait();
    let relayed = stderr.and_then(|relay| relay.join().ok()).unwrap_or(false);
    match status {
        Ok(status) if status.success() => {}
        Ok(status) => {
            if !relayed {
                eprintln!("error: cargo could not build the workbook's runner ({status})");
            }
            return Err(ExitCode::FAILURE);
        }
        Err(error) => {
            eprintln!("error: cargo did not finish building the workbook's runner: {error}");
            return Err(ExitCode::FAILURE);
        }
    }
    if relayed && on_terminal {
        eprintln!();
    }
    executable(&messages, runner).ok_or_else(|| {
        eprintln!("error: cargo built the workbook's runner but did not say where it is");
        ExitCode::FAILURE
    })
}

/// Copies cargo's stderr to ours once it shows cargo is busy (with a line saying what is
/// happening first); a build with nothing to do stays silent. Returns whether anything
/// was shown.
fn relay(mut pipe: impl Read, full: bool) -> bool {
    let mut held = Vec::new();
    let mut showing = false;
    let mut chunk = [0u8; 4096];
    let mut out = io::stderr();
    loop {
        let read = match pipe.read(&mut chunk) {
            Ok(0) | Err(_) => break,
            Ok(read) => &chunk[..read],
        };
        if showing {
            let _ = out.write_all(read);
            continue;
        }
        held.extend_from_slice(read);
        let text = String::from_utf8_lossy(&held);
        let building = BUILDING.iter().any(|word| text.contains(word));
        if building || NOTEWORTHY.iter().any(|word| text.contains(word)) {
            if building {
                let _ = if full {
                    writeln!(
                        out,
                        "Building the runner with the crawler's HTTP stack (a first build \
                         compiles about a hundred more crates: a minute or two)…"
                    )
                } else {
                    writeln!(
                        out,
                        "Building the workbook's runner (a first build compiles over a \
                         hundred crates: about two minutes on a 2-core laptop)…"
                    )
                };
            }
            let _ = out.write_all(&held);
            showing = true;
        }
    }
    let _ = out.flush();
    showing
}

/// The path of the `runner` binary, from cargo's JSON messages.
fn executable(messages: &str, runner: &str) -> Option<OsString> {
    let name = format!("\"name\":\"{runner}\"");
    messages
        .lines()
        .filter(|line| line.contains("\"compiler-artifact\"") && line.contains(&name))
        .find_map(|line| json_string_after(line, "\"executable\":\""))
        .map(OsString::from)
}

/// The JSON string that starts right after `key` in `line`, unescaped.
fn json_string_after(line: &str, key: &str) -> Option<String> {
    let start = line.find(key)? + key.len();
    let mut value = String::new();
    let mut chars = line[start..].chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => return Some(value),
            '\\' => match chars.next()? {
                'n' => value.push('\n'),
                't' => value.push('\t'),
                other => value.push(other),
            },
            c => value.push(c),
        }
    }
    None
}

/// Runs the runner with the learner's arguments; on Unix it replaces this process, so
/// Ctrl-C and the exit code belong to the runner alone.
fn run(runner: OsString, args: Vec<OsString>) -> ExitCode {
    let mut command = Command::new(&runner);
    command.args(args);
    #[cfg(unix)]
    {
        use std::os::unix::process::CommandExt;
        let error = command.exec();
        eprintln!("error: cannot start the workbook's runner: {error}");
        ExitCode::FAILURE
    }
    #[cfg(not(unix))]
    match command.status() {
        Ok(status) => ExitCode::from(status.code().unwrap_or(1).clamp(0, 255) as u8),
        Err(error) => {
            eprintln!("error: cannot start the workbook's runner: {error}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_runner_in_cargos_messages() {
        let messages = r#"{"reason":"compiler-artifact","target":{"kind":["lib"],"name":"harness"},"executable":null}
{"reason":"compiler-artifact","target":{"kind":["bin"],"name":"xtask"},"executable":"/w/target/debug/xtask","fresh":true}
{"reason":"build-finished","success":true}"#;
        assert_eq!(
            executable(messages, "xtask"),
            Some(OsString::from("/w/target/debug/xtask"))
        );
        assert_eq!(executable(messages, "xtask-light"), None);
        assert_eq!(executable("{\"reason\":\"build-finished\"}", "xtask"), None);
    }

    #[test]
    fn unescapes_json_strings() {
        assert_eq!(
            json_string_after(
                r#"{"executable":"C:\\w\\x \"y\".exe"}"#,
                "\"executable\":\""
            ),
            Some(r#"C:\w\x "y".exe"#.to_string())
        );
    }
}
