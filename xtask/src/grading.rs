//! Building the graders and running them, shared by `check` (the learner's exercises)
//! and `verify` (the reference solutions and the untouched stubs).
//!
//! The graders are ordinary unit tests of the `exercises` (or `solutions`) library, one
//! module per exercise (`ex01_downloads_grader`). We build the test binary once, with
//! cargo's JSON messages so compile errors can be pinned to a file and line, then run
//! it once per exercise with that module as the filter, and read libtest's report.

use crate::workspace;
use anyhow::{Context, Result, bail};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// How long one exercise's grader may run before it is killed. Each check already
/// gives up after 10 s (see `harness::grade`); this only guards against the unforeseen.
const GRADER_LIMIT: Duration = Duration::from_secs(120);

/// A compiler message about the code being graded.
#[derive(Debug, Clone)]
pub struct Diagnostic {
    /// The file, relative to the workspace being built, e.g. `exercises/src/ex01_downloads.rs`.
    pub file: String,
    /// 1-based line of the primary span.
    pub line: u64,
    /// 1-based column of the primary span.
    pub column: u64,
    /// The one-line message, e.g. `mismatched types`.
    pub message: String,
    /// The full message as rustc renders it (with colour when the terminal has it).
    pub rendered: String,
}

/// What building the graders produced.
#[derive(Debug)]
pub struct Build {
    /// The test binary, if the build succeeded.
    pub binary: Option<PathBuf>,
    /// Compile errors (empty when `binary` is set).
    pub errors: Vec<Diagnostic>,
    /// Warnings about the package's own files.
    pub warnings: Vec<Diagnostic>,
}

/// Builds the library tests of `package`, in the workspace of `manifest` (default: this
/// repository), into the shared target directory.
pub fn build(package: &str, manifest: Option<&Path>) -> Result<Build> {
    let format = if console::colors_enabled_stderr() {
        "--message-format=json-diagnostic-rendered-ansi"
    } else {
        "--message-format=json"
    };
    let mut command = workspace::cargo();
    command
        .args(["test", "--lib", "--no-run", format, "--package", package])
        .current_dir(workspace::root())
        .env("CARGO_TARGET_DIR", workspace::target_dir());
    if let Some(manifest) = manifest {
        command.arg("--manifest-path").arg(manifest);
    }
    let output = command
        .output()
        .context("running cargo to build the graders")?;

    let mut build = Build {
        binary: None,
        errors: Vec::new(),
        warnings: Vec::new(),
    };
    for line in String::from_utf8_lossy(&output.stdout).lines() {
        let Ok(message) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        match message["reason"].as_str() {
            Some("compiler-artifact") if message["profile"]["test"] == true => {
                if let Some(path) = message["executable"].as_str() {
                    build.binary = Some(PathBuf::from(path));
                }
            }
            Some("compiler-message") => {
                if let Some(diagnostic) = diagnostic(&message["message"]) {
                    match message["message"]["level"].as_str() {
                        Some("error") => build.errors.push(diagnostic),
                        Some("warning") => build.warnings.push(diagnostic),
                        _ => {}
                    }
                }
            }
            _ => {}
        }
    }
    if !output.status.success() {
        build.binary = None;
        if build.errors.is_empty() {
            let stderr = String::from_utf8_lossy(&output.stderr);
            let last = stderr.lines().rfind(|line| !line.trim().is_empty());
            bail!(
                "cargo could not build the {package} tests: {}",
                last.unwrap_or("(no message)")
            );
        }
    }
    Ok(build)
}

/// A compiler message with a primary span in a file, if it has one.
fn diagnostic(message: &serde_json::Value) -> Option<Diagnostic> {
    let spans = message["spans"].as_array()?;
    let primary = spans.iter().find(|span| span["is_primary"] == true)?;
    Some(Diagnostic {
        file: primary["file_name"].as_str()?.to_string(),
        line: primary["line_start"].as_u64()?,
        column: primary["column_start"].as_u64()?,
        message: message["message"].as_str()?.to_string(),
        rendered: message["rendered"].as_str().unwrap_or_default().to_string(),
    })
}

/// The outcome of one exercise's grader.
#[derive(Debug, Default)]
pub struct GraderRun {
    /// Names of the checks that passed.
    pub passed: Vec<String>,
    /// The checks that failed, with their messages.
    pub failed: Vec<Failure>,
    /// Set when the grader had to be killed after [`GRADER_LIMIT`].
    pub killed: bool,
}

impl GraderRun {
    /// Whether the exercise passes: at least one check ran and none failed.
    pub fn passed(&self) -> bool {
        !self.killed && self.failed.is_empty() && !self.passed.is_empty()
    }

    /// How many checks ran.
    pub fn total(&self) -> usize {
        self.passed.len() + self.failed.len()
    }
}

/// One failed check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    /// The check, in words: `concurrent downloads take as long as the largest file`.
    pub check: String,
    /// The grader's message.
    pub message: String,
    /// Where the learner's code panicked, if it did (`exercises/src/…:line:col`).
    pub learner_location: Option<String>,
}

/// Runs the checks of exercise module `module` (e.g. `ex01_downloads`) in `binary`.
pub fn run(binary: &Path, module: &str) -> Result<GraderRun> {
    let filter = format!("{module}_grader::");
    let mut child = Command::new(binary)
        .arg(&filter)
        .env("RUST_BACKTRACE", "0")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .with_context(|| format!("running the grader {}", binary.display()))?;

    // Drain both pipes on their own threads so a chatty grader can never block on a full pipe.
    let stdout = child.stdout.take().map(drain);
    let stderr = child.stderr.take().map(drain);
    let started = Instant::now();
    let mut killed = false;
    while child.try_wait()?.is_none() {
        if started.elapsed() > GRADER_LIMIT {
            child.kill()?;
            killed = true;
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait()?;
    let mut report = stdout.map(collect).unwrap_or_default();
    report.push_str(&stderr.map(collect).unwrap_or_default());

    let mut run = parse_report(&report, &filter);
    run.killed = killed;
    // libtest reports checks as they finish; show them in the order the grader lists them,
    // which is the order a learner should tackle them in.
    let grader = workspace::root().join(format!("exercises/graders/{module}.rs"));
    if let Ok(source) = std::fs::read_to_string(grader) {
        let position = |check: &str| source.find(&format!("fn {}(", check.replace(' ', "_")));
        run.failed.sort_by_key(|failure| position(&failure.check));
        run.passed.sort_by_key(|check| position(check));
    }
    Ok(run)
}

fn drain(mut pipe: impl Read + Send + 'static) -> std::thread::JoinHandle<String> {
    std::thread::spawn(move || {
        let mut bytes = Vec::new();
        // A read error only truncates the report; the verdict then says what is missing.
        let _ = pipe.read_to_end(&mut bytes);
        String::from_utf8_lossy(&bytes).into_owned()
    })
}

fn collect(reader: std::thread::JoinHandle<String>) -> String {
    reader.join().unwrap_or_default()
}

/// Reads libtest's plain-text report: the `test … ok/FAILED` lines and the captured
/// output of each failure, where the panics are.
fn parse_report(report: &str, prefix: &str) -> GraderRun {
    let mut run = GraderRun::default();
    let words = |test: &str| test.trim_start_matches(prefix).replace('_', " ");
    for line in report.lines() {
        let Some(rest) = line.strip_prefix("test ") else {
            continue;
        };
        if let Some(test) = rest.strip_suffix(" ... ok") {
            run.passed.push(words(test));
        } else if let Some(test) = rest.strip_suffix(" ... FAILED") {
            let section = failure_section(report, test);
            let panics = panics(&section);
            let message = panics
                .iter()
                .rev()
                .find(|panic| panic.thread == test)
                .map(|panic| panic.message.clone())
                .unwrap_or_else(|| section.trim().to_string());
            let learner_location = panics
                .iter()
                .find(|panic| is_learner_file(&panic.location))
                .map(|panic| panic.location.clone());
            run.failed.push(Failure {
                check: words(test),
                message,
                learner_location,
            });
        }
    }
    run
}

/// Whether a panic location is in the learner's code (`exercises/src/…`), as opposed to a
/// grader, which the crate includes as `exercises/src/../graders/…`.
fn is_learner_file(location: &str) -> bool {
    location.starts_with("exercises/src/") && !location.contains("..")
}

/// The captured output libtest prints under `---- <test> stdout ----`.
fn failure_section(report: &str, test: &str) -> String {
    let header = format!("---- {test} stdout ----");
    let Some(start) = report.find(&header) else {
        return String::new();
    };
    let body = &report[start + header.len()..];
    let end = [body.find("\n---- "), body.find("\nfailures:\n")]
        .into_iter()
        .flatten()
        .min()
        .unwrap_or(body.len());
    body[..end].to_string()
}

struct Panic {
    thread: String,
    location: String,
    message: String,
}

/// The panics in a failure's output: `thread 'name' (id) panicked at file:line:col:` + message.
fn panics(section: &str) -> Vec<Panic> {
    let lines: Vec<&str> = section.lines().collect();
    let mut found = Vec::new();
    for (index, line) in lines.iter().enumerate() {
        let Some(rest) = line.strip_prefix("thread '") else {
            continue;
        };
        let Some((thread, rest)) = rest.split_once('\'') else {
            continue;
        };
        let Some((_, location)) = rest.split_once("panicked at ") else {
            continue;
        };
        let message: Vec<&str> = lines[index + 1..]
            .iter()
            .take_while(|line| !line.is_empty() && !line.starts_with("note: "))
            .copied()
            .collect();
        found.push(Panic {
            thread: thread.to_string(),
            location: location.trim_end_matches(':').to_string(),
            message: message.join("\n"),
        });
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    const REPORT: &str = "
running 3 tests
test ex01_downloads_grader::download_file_waits ... FAILED
test ex01_downloads_grader::no_files ... ok
test ex01_downloads_grader::concurrent_overlap ... FAILED

failures:

---- ex01_downloads_grader::download_file_waits stdout ----

thread 'grader' (12) panicked at exercises/src/ex01_downloads.rs:19:5:
not yet implemented: download_file
note: run with `RUST_BACKTRACE=1` environment variable to display a backtrace

thread 'ex01_downloads_grader::download_file_waits' (11) panicked at crates/harness/src/grade.rs:80:40:
your code reached a todo!() (not yet implemented: download_file)

---- ex01_downloads_grader::concurrent_overlap stdout ----

thread 'grader' (14) panicked at exercises/graders/ex01_downloads.rs:70:9:
took 6.00 s
thread 'ex01_downloads_grader::concurrent_overlap' (13) panicked at crates/harness/src/grade.rs:78:40:
download_concurrently took 6.00 s of virtual time;
it should take 3.00 s.


failures:
    ex01_downloads_grader::download_file_waits
    ex01_downloads_grader::concurrent_overlap

test result: FAILED. 1 passed; 2 failed; 0 ignored; 0 measured; 2 filtered out
";

    #[test]
    fn reads_verdicts_messages_and_the_learners_panic_location() {
        let run = parse_report(REPORT, "ex01_downloads_grader::");
        assert_eq!(run.passed, ["no files"]);
        assert!(!run.passed());
        assert_eq!(run.total(), 3);
        assert_eq!(
            run.failed[0],
            Failure {
                check: "download file waits".into(),
                message: "your code reached a todo!() (not yet implemented: download_file)".into(),
                learner_location: Some("exercises/src/ex01_downloads.rs:19:5".into()),
            }
        );
        assert_eq!(
            run.failed[1].message,
            "download_concurrently took 6.00 s of virtual time;\nit should take 3.00 s."
        );
        assert_eq!(run.failed[1].learner_location, None);
    }

    #[test]
    fn a_grader_with_no_checks_does_not_pass() {
        assert!(!parse_report("running 0 tests\n", "x::").passed());
    }
}
