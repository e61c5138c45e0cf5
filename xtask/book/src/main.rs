//! `cargo xtask book`: the workbook as an mdBook, in `target/book/`.
//!
//! The lessons are already written in mdBook's Markdown (`{{#include file:anchor}}`), so
//! mdBook renders them as they are; what it cannot know is the workbook itself. Our
//! preprocessor ([`preprocessor::Workbook`]) adds that before mdBook renders: every
//! `<!-- demo: ID -->` becomes what that demo printed, with its timelines drawn as SVG
//! (recorded now, from the same registry the terminal runs, so the book cannot drift
//! from the code), the exercises chapter lists `exercises/info.toml`, and each lesson
//! ends with its quiz.
//!
//! mdBook is used as libraries (`mdbook-driver`, `mdbook-preprocessor`), in this package
//! of its own that nothing depends on: the learner's edit–grade loop never compiles it,
//! and the runner (`cargo xtask book`) builds and runs it only when asked.

mod demos;
mod exercises;
mod indent;
mod preprocessor;
mod quiz;

use anyhow::{Context, Result, bail};
use mdbook_driver::MDBook;
use mdbook_driver::builtin_preprocessors::{IndexPreprocessor, LinkPreprocessor};
use mdbook_driver::config::Config;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

/// What the command line asked for.
struct Options {
    /// Open the book in a browser once it is built.
    open: bool,
    /// Where to write the book, instead of book.toml's `build-dir` (the tests use this).
    dest: Option<PathBuf>,
}

const USAGE: &str = "\
usage: workbook-book [--open] [--dest DIR]   (`cargo xtask book [--open]` runs it)

Builds the workbook as a web book (mdBook) in target/book/.
  --open      open it in your browser when it is built
  --dest DIR  write it to DIR instead";

fn main() -> ExitCode {
    let options = match parse(std::env::args().skip(1)) {
        Ok(Some(options)) => options,
        Ok(None) => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(error) => {
            eprintln!("error: {error}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    show_mdbooks_warnings();
    match run(&options) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            // One line: what failed and why, outermost first.
            eprintln!("error: {error:#}");
            ExitCode::FAILURE
        }
    }
}

/// The options, or `None` for `--help`.
fn parse(mut args: impl Iterator<Item = String>) -> Result<Option<Options>> {
    let mut options = Options {
        open: false,
        dest: None,
    };
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--open" => options.open = true,
            "--dest" => {
                let dir = args.next().context("--dest needs a folder")?;
                options.dest = Some(PathBuf::from(dir));
            }
            "-h" | "--help" => return Ok(None),
            other => bail!("unexpected argument {other:?}"),
        }
    }
    Ok(Some(options))
}

/// mdBook reports problems it can live with (an unclosed HTML tag, a broken link) through
/// `tracing`; without a subscriber they would vanish. Show warnings and errors, no more.
fn show_mdbooks_warnings() {
    tracing_subscriber::fmt()
        .with_max_level(tracing_subscriber::filter::LevelFilter::WARN)
        .with_writer(std::io::stderr)
        .with_target(false)
        .without_time()
        .init();
}

/// Builds the book and says where it is; opens it if asked.
fn run(options: &Options) -> Result<()> {
    let root = xtask::workspace::locate()?;
    let started = Instant::now();
    let index = build(root, options.dest.as_deref())?;
    println!(
        "The book is ready ({:.1} s): {}",
        started.elapsed().as_secs_f64(),
        index.display()
    );
    if options.open {
        open(&index);
    }
    Ok(())
}

/// Builds the book of the checkout at `root` into `dest` (default: book.toml's
/// `build-dir`); returns the path of its first page.
pub fn build(root: &Path, dest: Option<&Path>) -> Result<PathBuf> {
    let book_toml = root.join("book.toml");
    let mut config = Config::from_disk(&book_toml)
        .with_context(|| format!("reading {}", book_toml.display()))?;
    // Like `mdbook build`: MDBOOK_* variables override book.toml.
    config.update_from_env()?;
    if let Some(dest) = dest {
        config.build.build_dir = std::path::absolute(dest)?;
    }
    let build_dir = root.join(&config.build.build_dir);
    // mdBook's own preprocessors (`links`, `index`) would run first, then ours. One step of
    // ours must run before `links` (indent.rs), so the book registers all of them itself,
    // in this order.
    config.build.use_default_preprocessors = false;
    let mut book = MDBook::load_with_config(root, config).context("loading the book")?;
    book.with_preprocessor(indent::Mark)
        .with_preprocessor(LinkPreprocessor::new())
        .with_preprocessor(IndexPreprocessor::new())
        .with_preprocessor(preprocessor::Workbook);
    book.build().context("building the book")?;
    Ok(build_dir.join("index.html"))
}

/// Opens `page` in the desktop's browser; if that fails, says so (the path is printed).
fn open(page: &Path) {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    let opened = std::process::Command::new(opener)
        .arg(page)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status();
    match opened {
        // explorer.exe exits with 1 even when it opened the page.
        Ok(status) if status.success() || cfg!(windows) => {}
        Ok(status) => eprintln!(
            "Could not open a browser ({opener} ended with {status}); open {} yourself.",
            page.display()
        ),
        Err(error) => eprintln!(
            "Could not open a browser ({opener}: {error}); open {} yourself.",
            page.display()
        ),
    }
}
