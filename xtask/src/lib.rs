//! `cargo xtask`: the Async Rust Workbook's runner.
//!
//! Every command is a small module; this file only parses the command line, dispatches,
//! and turns errors into one line and an exit code (2 for bad input, 1 for failures).
//! With no command it opens the menu, where the same commands can be typed.
//!
//! It is built as two programs from this one library. `xtask` has everything.
//! `xtask-light` is built without the `crawler` feature — without the crawler's HTTP
//! stack, 40% of a first build — and is what `cargo xtask` starts, so the menu and
//! lessons 4.1–4.4 are there in half the time; a command that needs the crawler is handed
//! to `xtask`, built on first use (`with_crawler.rs`).

mod bench;
mod bench_chat;
mod book;
pub mod catalog;
mod chat;
mod check;
mod compare;
#[cfg(feature = "crawler")]
mod crawl;
pub mod demos;
mod grading;
mod hint;
mod input;
mod lesson;
mod list;
mod markdown;
mod menu;
mod progress;
pub mod quiz;
mod render;
mod reset;
mod rosetta;
#[cfg(feature = "crawler")]
mod site;
mod solution;
mod usage;
mod verify;
mod watch;
mod with_crawler;
pub mod workspace;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// The Async Rust Workbook: learn async Rust (tokio) coming from Python's asyncio.
/// With no command, opens the menu.
#[derive(Parser)]
#[command(name = "cargo xtask", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// List the lessons and exercises, with your progress.
    List,
    /// Read a lesson section by section and run its demos in place.
    Lesson {
        /// Which lesson, e.g. 4.1 (see `cargo xtask list`).
        id: Option<String>,
        /// Run demos on a virtual clock: no waiting, exact durations.
        #[arg(long)]
        instant: bool,
        /// Print the whole lesson without pausing between sections.
        #[arg(long)]
        no_pause: bool,
        /// Start at the first section whose heading contains these words, e.g. gather.
        #[arg(long, value_name = "WORDS")]
        section: Option<String>,
    },
    /// Run every sequential-vs-concurrent comparison of every lesson.
    Compare {
        /// Run on a virtual clock: no waiting, exact durations.
        #[arg(long)]
        instant: bool,
        /// Print the figures as a JSON array instead of tables.
        #[arg(long)]
        json: bool,
    },
    /// Grade your exercises (all, or the one named).
    Check {
        /// Which exercise, e.g. ex01 (default: all of them).
        exercise: Option<String>,
    },
    /// Regrade an exercise every time you save it.
    Watch {
        /// Which exercise, e.g. ex01 (default: the first one not yet passed).
        exercise: Option<String>,
    },
    /// Show the next hint for an exercise: the idea, then the API, then the code's shape.
    Hint {
        /// Which exercise, e.g. ex01.
        exercise: Option<String>,
    },
    /// Put an exercise back to its untouched stub (your version is kept as a backup).
    Reset {
        /// Which exercise, e.g. ex01.
        exercise: Option<String>,
        /// Do not ask for confirmation.
        #[arg(long)]
        yes: bool,
    },
    /// Show the reference solution of an exercise you have passed.
    Solution {
        /// Which exercise, e.g. ex01.
        exercise: Option<String>,
        /// Show it even if the exercise has not passed yet, without asking.
        #[arg(long)]
        yes: bool,
    },
    /// Take a lesson's quiz, one question at a time.
    Quiz {
        /// Which lesson's quiz, e.g. 4.1.
        lesson: Option<String>,
    },
    /// Print the asyncio → Rust table.
    Rosetta,
    /// Build the whole course as a web book (mdBook), demos and quizzes included.
    Book {
        /// Open it in your browser when it is built.
        #[arg(long)]
        open: bool,
    },
    /// Crawl a website (with no URL: start the offline demo site and crawl it).
    Crawl {
        /// Where to start, e.g. https://example.com/ (default: the demo site).
        url: Option<String>,
        /// How many links deep to go.
        #[arg(long, default_value_t = 3)]
        depth: u32,
        /// The most pages to fetch.
        #[arg(long, default_value_t = 100)]
        max_pages: usize,
        /// How many requests at once.
        #[arg(long, default_value_t = 8)]
        concurrency: usize,
        /// Milliseconds between two requests to the same host.
        #[arg(long, default_value_t = 0)]
        delay: u64,
        /// Seconds one request may take.
        #[arg(long, default_value_t = 3)]
        timeout: u64,
        /// Where to write the results as JSON lines (default: target/crawl.jsonl).
        #[arg(long)]
        out: Option<std::path::PathBuf>,
        /// Compare concurrency 1 with --concurrency on the demo site.
        #[arg(long)]
        compare: bool,
    },
    /// Serve the offline demo site until Ctrl-C: curl it, or race your own crawler on it.
    Site {
        /// The port on 127.0.0.1 (0: any free port).
        #[arg(long, default_value_t = 0)]
        port: u16,
        /// How many generated pages.
        #[arg(long, default_value_t = 40)]
        pages: usize,
        /// Milliseconds every page waits before answering.
        #[arg(long, default_value_t = 50)]
        latency: u64,
    },
    /// Serve the lesson 4.6 chat server on 127.0.0.1 until Ctrl-C (or join it with --join).
    Chat {
        /// The port on 127.0.0.1 (0: any free port); with --join, the server's port.
        #[arg(long, default_value_t = 7878)]
        port: u16,
        /// Join a running server as NAME instead of starting one.
        #[arg(long, value_name = "NAME")]
        join: Option<String>,
        /// How many clients the server accepts at once; the next is refused politely.
        #[arg(long, default_value_t = 1000)]
        max_clients: usize,
    },
    /// Measure the workbook's own speed.
    Bench {
        #[command(subcommand)]
        what: BenchTarget,
    },
    /// For maintainers: prove that solutions pass, untouched stubs fail and lessons run.
    Verify,
}

#[derive(Subcommand)]
enum BenchTarget {
    /// Time from saving an exercise to its verdict (median of several runs).
    Grade {
        /// Which exercise (default: the first of lesson 4.1 and the first crawler one of 4.5).
        exercise: Option<String>,
        /// How many runs.
        #[arg(long, default_value_t = 5)]
        runs: usize,
    },
    /// The crawler on the demo site at concurrency 1, 4, 16, 64: pages/s vs the ideal.
    Crawl,
    /// The chat server with many clients on loopback: fan-out, latency, CPU, memory.
    Chat {
        /// How many clients, one run each (comma-separated).
        #[arg(long, value_delimiter = ',', default_value = "100,1000")]
        clients: Vec<usize>,
        /// Messages per client per minute (4: one every 15 s, staggered).
        #[arg(long, default_value_t = 4.0)]
        rate: f64,
        /// Seconds of sending measured per run.
        #[arg(long, default_value_t = 8)]
        seconds: u64,
    },
}

/// Parses the command line and runs the command (or the menu); both programs' `main`.
pub fn main() -> ExitCode {
    end_quietly_when_the_reader_goes();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => return usage::report_clap_error(error),
    };
    // Every command works on the checkout around the current directory.
    if let Err(error) = workspace::locate() {
        return usage::report_error(&error);
    }
    let outcome = match cli.command {
        None => menu::run(),
        Some(command) => dispatch(command, &with_crawler::command_line()),
    };
    match outcome {
        Ok(code) => code,
        Err(error) => usage::report_error(&error),
    }
}

/// `cargo xtask lesson 4.1 | head` closes the pipe after ten lines, and the next print
/// fails. That is the reader's choice, not an error: end quietly, as `cat` would, instead
/// of with a panic and a backtrace.
fn end_quietly_when_the_reader_goes() {
    let report_panic = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let payload = info.payload();
        let message = payload
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| payload.downcast_ref::<&str>().copied())
            .unwrap_or_default();
        if message.starts_with("failed printing to stdout") && message.contains("Broken pipe") {
            std::process::exit(0);
        }
        report_panic(info);
    }));
}

/// Runs one subcommand as the command line does; `words` is how it was typed (after
/// `cargo xtask`), for handing it over to the runner with the crawler.
fn dispatch(command: Command, words: &[String]) -> anyhow::Result<ExitCode> {
    if with_crawler::needed_by(&command) {
        return with_crawler::hand_over(words);
    }
    match command {
        Command::List => list::run(),
        Command::Lesson {
            id,
            instant,
            no_pause,
            section,
        } => lesson::run(id.as_deref(), instant, no_pause, section.as_deref()),
        Command::Compare { instant, json } => compare::run(instant, json),
        Command::Check { exercise } => check::run(exercise.as_deref()),
        Command::Watch { exercise } => watch::run(exercise.as_deref()),
        Command::Hint { exercise } => hint::run(exercise.as_deref()),
        Command::Reset { exercise, yes } => reset::run(exercise.as_deref(), yes),
        Command::Solution { exercise, yes } => solution::run(exercise.as_deref(), yes),
        Command::Quiz { lesson } => quiz::run(lesson.as_deref()),
        Command::Rosetta => rosetta::run(),
        Command::Book { open } => book::run(open),
        #[cfg(feature = "crawler")]
        Command::Crawl {
            url,
            depth,
            max_pages,
            concurrency,
            delay,
            timeout,
            out,
            compare,
        } => crawl::run(crawl::Options {
            url,
            depth,
            max_pages,
            concurrency,
            delay_ms: delay,
            timeout_s: timeout,
            out,
            compare,
        }),
        #[cfg(feature = "crawler")]
        Command::Site {
            port,
            pages,
            latency,
        } => site::run(site::Options {
            port,
            pages,
            latency_ms: latency,
        }),
        Command::Chat {
            port,
            join,
            max_clients,
        } => chat::run(chat::Options {
            port,
            join,
            max_clients,
        }),
        Command::Bench {
            what: BenchTarget::Grade { exercise, runs },
        } => bench::grade(exercise.as_deref(), runs),
        Command::Bench {
            what:
                BenchTarget::Chat {
                    clients,
                    rate,
                    seconds,
                },
        } => bench_chat::run(bench_chat::Options {
            clients,
            rate,
            seconds,
        }),
        #[cfg(feature = "crawler")]
        Command::Bench {
            what: BenchTarget::Crawl,
        } => bench::crawl(),
        Command::Verify => verify::run(),
        // Only in `xtask-light`, which has no crawler to run them with.
        #[cfg(not(feature = "crawler"))]
        Command::Crawl { .. }
        | Command::Site { .. }
        | Command::Bench {
            what: BenchTarget::Crawl,
        } => with_crawler::hand_over(words),
    }
}
