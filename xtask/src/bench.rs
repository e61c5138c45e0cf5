//! `cargo xtask bench grade`: how long a learner waits between saving and a verdict.
//!
//! It touches the exercise file (its modification time only, never its contents), then
//! times the same build-and-grade path `check` and `watch` take, several times on a warm
//! build, and prints the median against the target. A benchmark, not a test: it never
//! fails CI on a slow machine.

use crate::catalog;
use crate::grading;
use crate::workspace;
use anyhow::{Context, Result, bail};
use std::fs::File;
use std::process::ExitCode;
use std::time::{Duration, Instant, SystemTime};

/// What the learner's edit → verdict loop should stay under.
const TARGET: Duration = Duration::from_secs(2);

/// Times edit → verdict for one exercise, `runs` times, and prints the median.
pub fn grade(query: Option<&str>, runs: usize) -> Result<ExitCode> {
    let exercise = match query {
        Some(_) => catalog::exercise(query, "bench grade")?,
        None => catalog::exercises()?
            .into_iter()
            .next()
            .context("there are no exercises")?,
    };
    let runs = runs.max(1);
    let file = workspace::root().join(exercise.stub_path());
    println!("warming up: building the graders once…");
    grading::build("exercises", None)?;

    let mut times = Vec::with_capacity(runs);
    for run in 1..=runs {
        File::options()
            .append(true)
            .open(&file)
            .and_then(|handle| handle.set_modified(SystemTime::now()))
            .with_context(|| format!("touching {}", file.display()))?;
        let started = Instant::now();
        let build = grading::build("exercises", None)?;
        let Some(binary) = build.binary else {
            bail!("the exercises do not compile; fix them (cargo xtask check) before benchmarking");
        };
        grading::run(&binary, &exercise.module())?;
        let took = started.elapsed();
        println!("  run {run}: {:.2} s", took.as_secs_f64());
        times.push(took);
    }
    times.sort();
    let median = times[times.len() / 2];
    println!(
        "edit → verdict for {}: median {:.2} s over {runs} runs (min {:.2} s, max {:.2} s); target ≤ {:.1} s — {:.0}% of the budget",
        exercise.id,
        median.as_secs_f64(),
        times[0].as_secs_f64(),
        times[times.len() - 1].as_secs_f64(),
        TARGET.as_secs_f64(),
        100.0 * median.as_secs_f64() / TARGET.as_secs_f64()
    );
    Ok(ExitCode::SUCCESS)
}

/// The latency of every page in the crawl benchmark.
const PAGE_LATENCY: Duration = Duration::from_millis(50);

/// How many pages the crawl benchmark fetches (all linked from the start page): a
/// multiple of every concurrency measured, so no run ends with a half-empty round.
const BENCH_PAGES: usize = 256;

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
