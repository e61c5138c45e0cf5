//! `cargo xtask verify`: the maintainers' proof that the workbook is sound.
//!
//! 1. Every lesson parses, its includes resolve, its demos exist, and every demo runs in
//!    virtual time; a comparison's measured times match the ideal times it claims.
//! 2. Every quiz file is well formed (enough questions and predict questions, one right
//!    answer per question, explanations, code and demos that exist).
//! 3. Every exercise's grader passes on the reference solution.
//! 4. Every exercise's grader fails on the untouched stub. The stubs are taken from git
//!    (`HEAD`), never from the working tree, so a learner's edits cannot make this lie;
//!    the graders are the working tree's, so a grader being written is checked as it is.

use crate::catalog::{self, Exercise};
use crate::grading::{self, Build, Targets};
use crate::{demos, markdown, quiz, workspace};
use anyhow::{Context, Result, bail};
use console::style;
use harness::{DemoKind, Output, TimeMode};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Runs every proof and prints one line per fact; exits 1 if any fails.
pub fn run() -> Result<ExitCode> {
    let mut verdicts = Verdicts::default();
    println!("{}", style("Lessons and demos").bold());
    verify_lessons(&mut verdicts)?;
    println!("\n{}", style("Quizzes").bold());
    verify_quizzes(&mut verdicts)?;

    let exercises = catalog::exercises()?;
    println!(
        "\n{}",
        style("Reference solutions pass their graders").bold()
    );
    verify_files(&exercises, &mut verdicts);
    let solutions = grading::build("solutions", Targets::Library, None, &mut |_| {})?;
    verify_graders(&solutions, &exercises, Expect::Pass, &mut verdicts)?;

    println!(
        "\n{}",
        style("Untouched stubs (from git HEAD) fail their graders").bold()
    );
    let manifest = pristine_exercises()?;
    let fixtures = add_fixtures(&manifest)?;
    let mut modules: Vec<String> = exercises.iter().map(Exercise::module).collect();
    modules.extend(fixtures.iter().map(Fixture::target));
    let stubs = grading::build(
        "exercises",
        Targets::Exercises(&modules),
        Some(&manifest),
        &mut |_| {},
    )?;
    verify_graders(&stubs, &exercises, Expect::Fail, &mut verdicts)?;

    println!(
        "\n{}",
        style(
            "Known wrong answers fail, known right answers pass (exercises/wrong, exercises/right)"
        )
        .bold()
    );
    verify_fixtures(&stubs, &fixtures, &mut verdicts)?;

    if verdicts.failed == 0 {
        println!(
            "\n{} all {} checks hold.",
            style("verify:").green().bold(),
            verdicts.passed
        );
        Ok(ExitCode::SUCCESS)
    } else {
        println!(
            "\n{} {} of {} checks failed.",
            style("verify:").red().bold(),
            verdicts.failed,
            verdicts.passed + verdicts.failed
        );
        Ok(ExitCode::FAILURE)
    }
}

#[derive(Default)]
struct Verdicts {
    passed: usize,
    failed: usize,
}

impl Verdicts {
    fn record(&mut self, ok: bool, what: impl AsRef<str>) {
        if ok {
            self.passed += 1;
            println!("  {} {}", style("✓").green(), what.as_ref());
        } else {
            self.failed += 1;
            println!("  {} {}", style("✗").red(), what.as_ref());
        }
    }
}

fn verify_lessons(verdicts: &mut Verdicts) -> Result<()> {
    let registered = demos::all();
    let mut shown = BTreeSet::new();
    for lesson in catalog::lessons()? {
        match markdown::parse(&lesson.path) {
            Ok(parsed) => {
                let ids = markdown::demo_ids(&parsed);
                let unknown: Vec<&str> = ids
                    .iter()
                    .copied()
                    .filter(|id| !registered.iter().any(|demo| demo.id == *id))
                    .collect();
                verdicts.record(
                    unknown.is_empty(),
                    format!(
                        "lesson {}: {} sections, includes resolve, demos {}",
                        lesson.id,
                        parsed.sections.len(),
                        if unknown.is_empty() {
                            "all registered".to_string()
                        } else {
                            format!("not registered: {}", unknown.join(", "))
                        }
                    ),
                );
                shown.extend(ids.into_iter().map(str::to_string));
            }
            Err(error) => verdicts.record(false, format!("lesson {}: {error}", lesson.id)),
        }
    }
    for demo in &registered {
        if !shown.contains(demo.id) {
            verdicts.record(
                false,
                format!("demo {} is registered but no lesson shows it", demo.id),
            );
            continue;
        }
        let outcome = harness::run_demo(demo, TimeMode::Virtual, Output::Silent);
        let verdict = match outcome {
            Err(error) => Err(error.to_string()),
            Ok(reports) => match demo.kind {
                DemoKind::Comparison if reports.is_empty() => {
                    Err("registered as a comparison but compared nothing".to_string())
                }
                DemoKind::Walkthrough if !reports.is_empty() => {
                    Err("registered as a walkthrough but ran a comparison".to_string())
                }
                _ => reports
                    .iter()
                    .find(|report| report.clock == "virtual" && !matches_ideal(report))
                    .map_or(Ok(()), |report| {
                        Err(format!(
                            "{} measured {:.2} s / {:.2} s but claims {:.2} s / {:.2} s",
                            report.id,
                            report.sequential_s,
                            report.concurrent_s,
                            report.ideal_sequential_s,
                            report.ideal_concurrent_s
                        ))
                    }),
            },
        };
        match verdict {
            Ok(()) => verdicts.record(true, format!("demo {} runs", demo.id)),
            Err(problem) => verdicts.record(false, format!("demo {}: {problem}", demo.id)),
        }
    }
    Ok(())
}

fn verify_quizzes(verdicts: &mut Verdicts) -> Result<()> {
    for lesson in quiz::available()? {
        let checked = quiz::load(&lesson).map(|quiz| {
            let mut problems = quiz::problems(&quiz);
            if quiz.lesson != lesson {
                problems.push(format!(
                    "the file is for lesson {lesson}, the quiz says {}",
                    quiz.lesson
                ));
            }
            (quiz.question.len(), problems)
        });
        match checked {
            Ok((questions, problems)) if problems.is_empty() => verdicts.record(
                true,
                format!("quiz {lesson}: {questions} questions, each with one right answer and an explanation; predict questions name demos that exist"),
            ),
            Ok((_, problems)) => {
                verdicts.record(false, format!("quiz {lesson}: {}", problems.join("; ")))
            }
            Err(error) => verdicts.record(false, format!("quiz {lesson}: {error:#}")),
        }
    }
    Ok(())
}

/// In virtual time a comparison must measure exactly what it claims (to the millisecond).
fn matches_ideal(report: &harness::ComparisonReport) -> bool {
    let close = |a: f64, b: f64| (a - b).abs() < 0.002;
    close(report.sequential_s, report.ideal_sequential_s)
        && close(report.concurrent_s, report.ideal_concurrent_s)
}

fn verify_files(exercises: &[Exercise], verdicts: &mut Verdicts) {
    for exercise in exercises {
        let missing: Vec<String> = [
            exercise.stub_path(),
            exercise.test_target_path(),
            exercise.grader_path(),
            exercise.solution_path(),
        ]
        .into_iter()
        .filter(|path| !workspace::root().join(path).is_file())
        .collect();
        if !missing.is_empty() {
            verdicts.record(
                false,
                format!("{}: missing {}", exercise.id, missing.join(", ")),
            );
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Expect {
    Pass,
    Fail,
}

fn verify_graders(
    build: &Build,
    exercises: &[Exercise],
    expect: Expect,
    verdicts: &mut Verdicts,
) -> Result<()> {
    for exercise in exercises {
        let Some(binary) = build.binary_for(&exercise.module()) else {
            let errors = build.errors_for(&exercise.module());
            let first = errors.first().map_or(String::new(), |error| {
                format!(": {}:{}: {}", error.file, error.line, error.message)
            });
            verdicts.record(false, format!("{}: does not compile{first}", exercise.id));
            continue;
        };
        let run = grading::run(binary, &exercise.module())?;
        let total = run.total();
        match expect {
            Expect::Pass => {
                let first = run.failed.first().map_or(String::new(), |failure| {
                    format!(" — {}: {}", failure.check, failure.message)
                });
                verdicts.record(
                    run.passed(),
                    format!(
                        "{}: solution passes {}/{total} checks{first}",
                        exercise.id,
                        run.passed.len()
                    ),
                );
            }
            Expect::Fail => verdicts.record(
                total > 0 && !run.passed(),
                format!(
                    "{}: untouched stub fails {}/{total} checks",
                    exercise.id,
                    run.failed.len()
                ),
            ),
        }
    }
    Ok(())
}

/// Builds `target/verify/pristine`: a one-crate workspace holding the `exercises` crate
/// exactly as committed at `HEAD`, graded by the working tree's graders. It shares this
/// repository's lock file, dependency table and target directory, so nothing but the
/// exercises themselves is compiled again. Returns its manifest.
fn pristine_exercises() -> Result<PathBuf> {
    let root = workspace::root();
    let dir = workspace::target_dir().join("verify").join("pristine");
    if dir.exists() {
        std::fs::remove_dir_all(&dir).with_context(|| format!("clearing {}", dir.display()))?;
    }
    std::fs::create_dir_all(&dir)?;

    let mut manifest: toml::Table = std::fs::read_to_string(root.join("Cargo.toml"))?.parse()?;
    let Some(workspace_table) = manifest
        .get_mut("workspace")
        .and_then(|value| value.as_table_mut())
    else {
        bail!("Cargo.toml has no [workspace] table");
    };
    workspace_table.insert(
        "members".into(),
        toml::Value::Array(vec!["exercises".into()]),
    );
    workspace_table.remove("default-members");
    if let Some(dependencies) = workspace_table
        .get_mut("dependencies")
        .and_then(|value| value.as_table_mut())
    {
        for (_name, dependency) in dependencies.iter_mut() {
            let Some(table) = dependency.as_table_mut() else {
                continue;
            };
            if let Some(path) = table.get("path").and_then(|path| path.as_str()) {
                let absolute = root.join(path).display().to_string();
                table.insert("path".into(), absolute.into());
            }
        }
    }
    std::fs::write(dir.join("Cargo.toml"), manifest.to_string())?;
    std::fs::copy(root.join("Cargo.lock"), dir.join("Cargo.lock"))?;

    let committed = workspace::git(&["ls-tree", "-r", "--name-only", "HEAD", "--", "exercises"])?;
    let committed = String::from_utf8_lossy(&committed).into_owned();
    if committed.trim().is_empty() {
        bail!("git HEAD has no exercises/ folder; commit the stubs first");
    }
    for file in committed.lines().filter(|file| {
        !["exercises/graders/", "exercises/wrong/", "exercises/right/"]
            .iter()
            .any(|folder| file.starts_with(folder))
    }) {
        let contents = workspace::committed(file)?;
        write_file(&dir.join(file), &contents)?;
    }
    let graders = root.join("exercises").join("graders");
    for entry in std::fs::read_dir(&graders)? {
        let path = entry?.path();
        if let Some(name) = path.file_name() {
            write_file(
                &dir.join("exercises").join("graders").join(name),
                &std::fs::read(&path)?,
            )?;
        }
    }
    Ok(dir.join("Cargo.toml"))
}

fn write_file(path: &Path, contents: &[u8]) -> Result<()> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    std::fs::write(path, contents).with_context(|| format!("writing {}", path.display()))
}

/// An answer kept to prove a grader right: `exercises/wrong/<module>/<case>.rs` must fail
/// at least one check (its doc comment says what is wrong and which check catches it);
/// `exercises/right/<module>/<case>.rs`, a correct answer unlike the reference, must pass.
struct Fixture {
    module: String,
    case: String,
    expect: Expect,
}

impl Fixture {
    fn folder(&self) -> &'static str {
        match self.expect {
            Expect::Pass => "right",
            Expect::Fail => "wrong",
        }
    }

    /// Its test target in the pristine workspace: `ex22_concurrency_limit__wrong_batches`.
    fn target(&self) -> String {
        format!("{}__{}_{}", self.module, self.folder(), self.case)
    }
}

/// Copies the working tree's fixtures into the pristine workspace of `manifest`, each as a
/// test target of its own (the fixture in place of the stub, plus the exercise's grader).
fn add_fixtures(manifest: &Path) -> Result<Vec<Fixture>> {
    let pristine = manifest.parent().context("the pristine workspace")?;
    let mut fixtures = Vec::new();
    for (folder, expect) in [("wrong", Expect::Fail), ("right", Expect::Pass)] {
        let Ok(modules) = std::fs::read_dir(workspace::root().join("exercises").join(folder))
        else {
            continue;
        };
        for module in modules {
            let module = module?.path();
            for case in std::fs::read_dir(&module)? {
                let case = case?.path();
                if case.extension().is_none_or(|extension| extension != "rs") {
                    continue;
                }
                let name = |path: &Path| {
                    path.file_stem()
                        .map(|stem| stem.to_string_lossy().into_owned())
                };
                let (Some(module), Some(case_name)) = (name(&module), name(&case)) else {
                    continue;
                };
                let file = format!("exercises/{folder}/{module}/{case_name}.rs");
                write_file(&pristine.join(&file), &std::fs::read(&case)?)?;
                fixtures.push(Fixture {
                    module,
                    case: case_name,
                    expect,
                });
            }
        }
    }
    fixtures.sort_by_key(Fixture::target);

    let crate_manifest = pristine.join("exercises").join("Cargo.toml");
    let mut toml = std::fs::read_to_string(&crate_manifest)?;
    for fixture in &fixtures {
        let target = fixture.target();
        let (module, folder, case) = (&fixture.module, fixture.folder(), &fixture.case);
        write_file(
            &pristine.join(format!("exercises/tests/{target}.rs")),
            format!(
                "#[allow(dead_code, unused_variables)]\n#[path = \"../{folder}/{module}/{case}.rs\"]\nmod {module};\n\n#[path = \"../graders/{module}.rs\"]\nmod {module}_grader;\n"
            )
            .as_bytes(),
        )?;
        toml.push_str(&format!("\n[[test]]\nname = \"{target}\"\ntest = false\n"));
    }
    std::fs::write(&crate_manifest, toml)?;
    Ok(fixtures)
}

fn verify_fixtures(build: &Build, fixtures: &[Fixture], verdicts: &mut Verdicts) -> Result<()> {
    for fixture in fixtures {
        let what = format!(
            "{} {} answer {}",
            fixture.module,
            fixture.folder(),
            fixture.case
        );
        let Some(binary) = build.binaries.get(&fixture.target()) else {
            let first = build
                .errors_for(&fixture.target())
                .first()
                .map_or(String::new(), |error| {
                    format!(": {}:{}: {}", error.file, error.line, error.message)
                });
            verdicts.record(false, format!("{what} does not compile{first}"));
            continue;
        };
        let run = grading::run(binary, &fixture.module)?;
        let total = run.total();
        match fixture.expect {
            Expect::Fail => verdicts.record(
                total > 0 && !run.passed(),
                format!("{what} is rejected by {}/{total} checks", run.failed.len()),
            ),
            Expect::Pass => {
                let first = run.failed.first().map_or(String::new(), |failure| {
                    format!(" — {}: {}", failure.check, failure.message)
                });
                verdicts.record(
                    run.passed(),
                    format!("{what} passes {}/{total} checks{first}", run.passed.len()),
                );
            }
        }
    }
    Ok(())
}
