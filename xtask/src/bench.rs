//! `cargo xtask bench grade`: how long a learner waits between saving and a verdict.
//!
//! For an exercise of lesson 4.1 and one of the crawler's (lesson 4.5) — or the one named
//! — it touches the exercise file (its modification time only, never its contents), then
//! times the same build-and-grade path `check` and `watch` take, several times on a warm
//! build, and prints the median against the target; beside it, the median of `cargo
//! check` alone on the same edit: the compiler's floor, to show how much of the wait is
//! ours. A benchmark, not a test: it never fails CI on a slow machine.

use crate::catalog::{self, Exercise};
use crate::grading::{self, Targets};
use crate::workspace;
use anyhow::{Context, Result, bail};
use std::fs::File;
use std::path::Path;
use std::process::{ExitCode, Stdio};
use std::time::{Duration, Instant, SystemTime};

/// What the learner's edit → verdict loop should stay under.
const TARGET: Duration = Duration::from_secs(1);

/// The exercises timed when none is named: the first of lesson 4.1, and the first of
/// lesson 4.5 that drives the crawler (the heaviest dependencies).
fn default_exercises() -> Result<Vec<Exercise>> {
    let all = catalog::exercises()?;
    let first_of = |lesson: &str, name: &str| {
        all.iter()
            .find(|exercise| exercise.lesson == lesson && exercise.name.contains(name))
            .or_else(|| all.iter().find(|exercise| exercise.lesson == lesson))
            .cloned()
    };
    Ok([first_of("4.1", ""), first_of("4.5", "crawl")]
        .into_iter()
        .flatten()
        .collect())
}

/// Times edit → verdict, and `cargo check` alone, `runs` times for each exercise.
pub fn grade(query: Option<&str>, runs: usize) -> Result<ExitCode> {
    let exercises = match query {
        Some(_) => vec![catalog::exercise(query, "bench grade")?],
        None => default_exercises()?,
    };
    if exercises.is_empty() {
        bail!("there are no exercises");
    }
    let runs = runs.max(1);
    let mut lines = Vec::new();
    for exercise in &exercises {
        let module = exercise.module();
        let file = workspace::root().join(exercise.stub_path());
        println!("{}: warming up (building its grader once)…", exercise.id);
        grade_once(&module)?;
        cargo_check(&module)?;

        let (mut verdicts, mut checks) = (Vec::new(), Vec::new());
        for run in 1..=runs {
            touch(&file)?;
            let verdict = grade_once(&module)?;
            touch(&file)?;
            let check = cargo_check(&module)?;
            println!(
                "  run {run}: verdict {:.2} s, cargo check {:.2} s",
                verdict.as_secs_f64(),
                check.as_secs_f64()
            );
            verdicts.push(verdict);
            checks.push(check);
        }
        let (median, min, max) = spread(&mut verdicts);
        let (floor, _, _) = spread(&mut checks);
        lines.push(format!(
            "  {} (lesson {}): median {:.2} s (min {:.2}, max {:.2}) — cargo check alone {:.2} s — {}",
            exercise.id,
            exercise.lesson,
            median.as_secs_f64(),
            min.as_secs_f64(),
            max.as_secs_f64(),
            floor.as_secs_f64(),
            if median <= TARGET {
                "within".to_string()
            } else {
                format!("{:.0}% of", 100.0 * median.as_secs_f64() / TARGET.as_secs_f64())
            }
        ));
    }
    println!(
        "edit → verdict over {runs} runs each (target ≤ {:.1} s):",
        TARGET.as_secs_f64()
    );
    for line in lines {
        println!("{line} the target");
    }
    Ok(ExitCode::SUCCESS)
}

/// Sorts `times` and returns (median, min, max).
fn spread(times: &mut [Duration]) -> (Duration, Duration, Duration) {
    times.sort();
    (times[times.len() / 2], times[0], times[times.len() - 1])
}

/// Marks `file` as saved now, without changing a byte of it.
fn touch(file: &Path) -> Result<()> {
    File::options()
        .append(true)
        .open(file)
        .and_then(|handle| handle.set_modified(SystemTime::now()))
        .with_context(|| format!("touching {}", file.display()))
}

/// One pass of `check`'s path for exercise `module`: build its grader, run it.
fn grade_once(module: &str) -> Result<Duration> {
    let started = Instant::now();
    let build = grading::build(
        "exercises",
        Targets::Exercises(&[module.to_string()]),
        None,
        &mut |_| {},
    )?;
    let Some(binary) = build.binary_for(module) else {
        bail!("{module} does not compile; fix it (cargo xtask check) before benchmarking");
    };
    grading::run(binary, module)?;
    Ok(started.elapsed())
}

/// `cargo check` of the same test target: what the compiler alone needs after the edit.
fn cargo_check(module: &str) -> Result<Duration> {
    let started = Instant::now();
    let status = workspace::cargo()
        .args([
            "check",
            "--quiet",
            "--package",
            "exercises",
            "--test",
            module,
        ])
        .current_dir(workspace::root())
        .env("CARGO_TARGET_DIR", workspace::target_dir())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .context("running cargo check")?;
    if !status.success() {
        bail!("cargo check failed for {module}");
    }
    Ok(started.elapsed())
}

#[cfg(feature = "crawler")]
/// The latency of every page in the crawl benchmark.
const PAGE_LATENCY: Duration = Duration::from_millis(50);

#[cfg(feature = "crawler")]
/// How many pages the crawl benchmark fetches (all linked from the start page): a
/// multiple of every concurrency measured, so no run ends with a half-empty round.
const BENCH_PAGES: usize = 256;

#[cfg(feature = "crawler")]
/// Crawls the same wide demo site at concurrency 1, 4, 16 and 64 and prints, for each,
/// pages/s against the ideal C / latency, the efficiency, and CPU time per page.
pub fn crawl() -> Result<ExitCode> {
    let runtime = tokio::runtime::Runtime::new().context("starting the tokio runtime")?;
    runtime.block_on(async {
        let site = crawler::site::DemoSite::start(crawler::site::SiteConfig {
            pages: BENCH_PAGES,
            links_per_page: 0,
            latency: PAGE_LATENCY,
            crawl_delay: None,
            faults: false,
            index_links: BENCH_PAGES,
        })
        .await
        .context("starting the demo site")?;
        println!(
            "{BENCH_PAGES} pages of {} ms each, all linked from the start page (politeness off)",
            PAGE_LATENCY.as_millis()
        );
        println!(
            "{:>11} {:>10} {:>10} {:>10} {:>13}",
            "concurrency", "pages/s", "ideal", "efficiency", "CPU ms/page"
        );
        for concurrency in [1, 4, 16, 64] {
            let config = crawler::CrawlConfig {
                max_depth: 1,
                max_pages: BENCH_PAGES + 1,
                concurrency,
                ..crawler::CrawlConfig::new(site.base.clone())
            };
            let cpu_before = process_cpu_time();
            let mut first_done = None;
            let mut last_done = None;
            let mut pages = 0usize;
            crawler::crawl(
                config,
                tokio_util::sync::CancellationToken::new(),
                |record, _| {
                    // The start page is fetched alone; time the pages it links to.
                    if record.depth == 0 {
                        first_done = Some(Instant::now());
                    } else {
                        pages += 1;
                        last_done = Some(Instant::now());
                    }
                },
            )
            .await?;
            let cpu = process_cpu_time()
                .zip(cpu_before)
                .map(|(after, before)| after - before);
            let span = match (first_done, last_done) {
                (Some(first), Some(last)) => last - first,
                _ => Duration::ZERO,
            };
            let observed = pages as f64 / span.as_secs_f64().max(f64::EPSILON);
            let ideal = concurrency as f64 / PAGE_LATENCY.as_secs_f64();
            let cpu_per_page = cpu.map_or("n/a".to_string(), |cpu| {
                format!("{:.2}", cpu.as_secs_f64() * 1000.0 / pages.max(1) as f64)
            });
            println!(
                "{concurrency:>11} {observed:>10.1} {ideal:>10.1} {:>9.0}% {cpu_per_page:>13}",
                100.0 * observed / ideal
            );
        }
        println!("(target: efficiency ≥ 90% up to concurrency 16; ideal = concurrency ÷ latency)");
        Ok(ExitCode::SUCCESS)
    })
}

#[cfg(feature = "crawler")]
/// User + system CPU time of this process so far (Linux: /proc/self/stat, in clock
/// ticks of 1/100 s, the kernel's USER_HZ), or `None` where that is not available.
fn process_cpu_time() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name (which is in parentheses and may contain spaces).
    let rest = stat.rsplit_once(')')?.1;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let user: u64 = fields.get(11)?.parse().ok()?;
    let system: u64 = fields.get(12)?.parse().ok()?;
    Some(Duration::from_millis((user + system) * 10))
}
