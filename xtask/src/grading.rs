//! Building the graders and running them, shared by `check` (the learner's exercises)
//! and `verify` (the reference solutions and the untouched stubs).
//!
//! In the learner's crate every exercise is a test target of its own
//! (`exercises/tests/exNN_name.rs`: the stub plus its grader), so a save recompiles one
//! exercise and relinks one small binary, and a compile error in one exercise leaves the
//! others gradable (`cargo build --keep-going`). In the `solutions` crate the graders are
//! modules of one library, built once. Either way we build with cargo's JSON messages,
//! so compile errors can be pinned to a file and line, then run each exercise's grader
//! with its module (`ex01_downloads_grader::`) as the filter, and read libtest's report.

use crate::workspace;
use anyhow::{Context, Result, bail};
use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Component, Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// How long one exercise's grader may run before it is killed. Each check already
/// gives up after 10 s (see `harness::grade`); this only guards against the unforeseen.
const GRADER_LIMIT: Duration = Duration::from_secs(120);

/// A compiler message about the code being graded.
#[derive(Debug, Clone)]
pub struct Diagnostic {
    /// The test target it stopped (an exercise's module, or the library's name).
    pub target: String,
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

/// Which graders to build.
#[derive(Debug, Clone, Copy)]
pub enum Targets<'a> {
    /// The library's own tests, where every grader is a module (the `solutions` crate).
    Library,
    /// One test target per exercise, by module name (the learner's `exercises` crate).
    Exercises(&'a [String]),
}

/// What building the graders produced.
#[derive(Debug, Default)]
pub struct Build {
    /// The test binaries that compiled, by target name.
    pub binaries: BTreeMap<String, PathBuf>,
    /// The library's test binary, which grades every exercise (with [`Targets::Library`]).
    pub library: Option<PathBuf>,
    /// Compile errors, each naming the target it stopped.
    pub errors: Vec<Diagnostic>,
    /// Warnings about the package's own files.
    pub warnings: Vec<Diagnostic>,
    /// The exercises built as targets of their own (with [`Targets::Exercises`]).
    pub separate: Vec<String>,
}

impl Build {
    /// The binary holding the grader of exercise `module`, if it compiled.
    pub fn binary_for(&self, module: &str) -> Option<&Path> {
        self.binaries
            .get(module)
            .or(self.library.as_ref())
            .map(PathBuf::as_path)
    }

    /// The compile errors that stop exercise `module` from being graded: its own, and
    /// any in code every exercise shares (a library's).
    pub fn errors_for(&self, module: &str) -> Vec<&Diagnostic> {
        self.errors
            .iter()
            .filter(|error| error.target == module || !self.separate.contains(&error.target))
            .collect()
    }
}

/// Builds the graders of `package` (`targets` says which), in the workspace of
/// `manifest` (default: this repository), into the shared target directory, calling
/// `built` with the name of each crate or exercise as cargo finishes it (a first build
/// compiles hundreds: progress to show).
pub fn build(
    package: &str,
    targets: Targets,
    manifest: Option<&Path>,
    built: &mut dyn FnMut(&str),
) -> Result<Build> {
    let format = if console::colors_enabled_stderr() {
        "--message-format=json-diagnostic-rendered-ansi"
    } else {
        "--message-format=json"
    };
    let mut command = workspace::cargo();
    match targets {
        Targets::Library => {
            command.args(["test", "--lib", "--no-run"]);
        }
        Targets::Exercises(modules) => {
            // `build --test NAME` builds the same test binary as `test --no-run`, and unlike
            // it can keep going past an exercise that does not compile.
            command.args(["build", "--keep-going"]);
            for module in modules {
                command.args(["--test", module]);
            }
        }
    }
    command
        .args([format, "--package", package])
        .current_dir(workspace::root())
        .env("CARGO_TARGET_DIR", workspace::target_dir());
    if let Some(manifest) = manifest {
        command.arg("--manifest-path").arg(manifest);
    }
    let mut child = command
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .context("running cargo to build the graders")?;
    let stderr = child.stderr.take().map(drain);

    let mut build = Build::default();
    if let Targets::Exercises(modules) = targets {
        build.separate = modules.to_vec();
    }
    let stdout = std::io::BufReader::new(child.stdout.take().context("cargo's output")?);
    for line in std::io::BufRead::lines(stdout) {
        let line = line.context("reading cargo's messages")?;
        let Ok(message) = serde_json::from_str::<serde_json::Value>(&line) else {
            continue;
        };
        let target = message["target"]["name"].as_str().unwrap_or_default();
        if message["reason"] == "compiler-artifact" && message["fresh"] == false {
            built(target);
        }
        match message["reason"].as_str() {
            Some("compiler-artifact") if message["profile"]["test"] == true => {
                if let Some(path) = message["executable"].as_str() {
                    let path = PathBuf::from(path);
                    match targets {
                        Targets::Library => build.library = Some(path),
                        Targets::Exercises(_) => {
                            build.binaries.insert(target.to_string(), path);
                        }
                    }
                }
            }
            Some("compiler-message") => {
                if let Some(diagnostic) = diagnostic(target, &message["message"]) {
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
    let status = child.wait().context("waiting for cargo")?;
    let stderr = stderr.map(collect).unwrap_or_default();
    if !status.success() && build.errors.is_empty() {
        let last = stderr.lines().rfind(|line| !line.trim().is_empty());
        bail!(
            "cargo could not build the {package} tests: {}",
            last.unwrap_or("(no message)")
        );
    }
    if !status.success() && matches!(targets, Targets::Library) {
        build.library = None;
    }
    Ok(build)
}

/// `exercises/tests/../src/ex01.rs` → `exercises/src/ex01.rs`: the path a learner knows.
/// (An exercise's test target includes its stub and grader by `#[path = "../…"]`.)
pub fn tidy_path(path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for component in Path::new(path).components() {
        match component {
            Component::ParentDir if parts.last().is_some_and(|last| *last != "..") => {
                parts.pop();
            }
            Component::CurDir => {}
            other => parts.push(other.as_os_str().to_str().unwrap_or_default()),
        }
    }
    parts.join("/")
}

/// A compiler message with a primary span in a file, if it has one.
fn diagnostic(target: &str, message: &serde_json::Value) -> Option<Diagnostic> {
    let spans = message["spans"].as_array()?;
    let primary = spans.iter().find(|span| span["is_primary"] == true)?;
    Some(Diagnostic {
        target: target.to_string(),
        file: tidy_path(primary["file_name"].as_str()?),
        line: primary["line_start"].as_u64()?,
        column: primary["column_start"].as_u64()?,
        message: message["message"].as_str()?.to_string(),
        // rustc names the file as the test target reached it; show the learner's path.
        rendered: message["rendered"]
            .as_str()
            .unwrap_or_default()
            .replace("/tests/../", "/"),
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
    let mut command = Command::new(binary);
    if console::colors_enabled() {
        // Pictures in failing verdicts are drawn in colour for a terminal.
        command.env(harness::picture::COLOR_VARIABLE, "1");
    }
    let mut child = command
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

/// Whether a (tidied) panic location is in the learner's code (`exercises/src/…`), as
/// opposed to a grader (`exercises/graders/…`) or the harness.
fn is_learner_file(location: &str) -> bool {
    location.starts_with("exercises/src/")
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
            location: tidy_path(location.trim_end_matches(':')),
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
    fn paths_through_an_exercise_test_target_are_tidied_to_the_learners_file() {
        assert_eq!(
            tidy_path("exercises/tests/../src/ex01_downloads.rs"),
            "exercises/src/ex01_downloads.rs"
        );
        assert_eq!(
            tidy_path("exercises/tests/../graders/ex01_downloads.rs:70:9"),
            "exercises/graders/ex01_downloads.rs:70:9"
        );
        assert_eq!(tidy_path("../x/./y.rs"), "../x/y.rs");
        let run = parse_report(
            "test ex01_downloads_grader::a ... FAILED\n---- ex01_downloads_grader::a stdout ----\n\nthread 'grader' (3) panicked at exercises/tests/../src/ex01_downloads.rs:19:5:\nnot yet implemented\n",
            "ex01_downloads_grader::",
        );
        assert_eq!(
            run.failed[0].learner_location.as_deref(),
            Some("exercises/src/ex01_downloads.rs:19:5")
        );
    }

    #[test]
    fn a_grader_with_no_checks_does_not_pass() {
        assert!(!parse_report("running 0 tests\n", "x::").passed());
    }
}
