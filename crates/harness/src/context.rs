//! What a running demo holds: its clock, its output, and the comparisons it produced.

use crate::record::Piece;
use crate::{Comparison, ComparisonReport, TimeMode, Timeline, format_secs, render_timeline};
use std::fmt::Display;
use std::future::Future;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use tokio::time::Instant;

/// Where a demo's report goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Output {
    /// Print narration, logs, tables and timelines to standard output.
    Terminal,
    /// Print nothing; only collect the comparison figures (for `compare --json`, `verify`).
    Silent,
    /// Print nothing; keep every line, timeline and comparison as a [`Piece`], in order,
    /// for [`record_demo`](crate::record_demo) (the book draws them as HTML and SVG).
    Record,
}

/// The handle a demo receives: the only way a demo reports anything.
///
/// Demos never call `println!` themselves. Going through `Ctx` lets the runner print
/// the same demo to a terminal, run it silently for figures, run it in virtual time, or
/// record it for the book ([`record_demo`](crate::record_demo)).
/// Cloning is cheap; clones share everything, so spawned tasks can log too.
#[derive(Debug, Clone)]
pub struct Ctx {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    mode: TimeMode,
    output: Output,
    /// The moment `log` timestamps count from; reset at the start of each variant.
    origin: Mutex<Instant>,
    reports: Mutex<Vec<ComparisonReport>>,
    /// What the demo reported, in order, when the output is [`Output::Record`].
    recorded: Mutex<Vec<Piece>>,
}

impl Ctx {
    /// Creates the context for one run of a demo. Call it inside the demo's runtime.
    pub fn new(mode: TimeMode, output: Output) -> Self {
        Ctx {
            inner: Arc::new(Inner {
                mode,
                output,
                origin: Mutex::new(Instant::now()),
                reports: Mutex::default(),
                recorded: Mutex::default(),
            }),
        }
    }

    /// The clock this demo is running on.
    pub fn mode(&self) -> TimeMode {
        self.inner.mode
    }

    /// Prints a line of narration.
    pub fn say(&self, text: impl Display) {
        match self.inner.output {
            Output::Terminal => println!("    {text}"),
            Output::Record => self.keep(Piece::Say(text.to_string())),
            Output::Silent => {}
        }
    }

    /// Prints a line stamped with the time since the demo (or the current variant of a
    /// comparison) started — the Rust twin of the course's `print(f"... {elapsed:.2f}")`.
    pub fn log(&self, text: impl Display) {
        let at = lock(&self.inner.origin).elapsed();
        match self.inner.output {
            Output::Terminal => println!("    [{:>7}] {text}", format_secs(at)),
            Output::Record => self.keep(Piece::Log {
                at,
                text: text.to_string(),
            }),
            Output::Silent => {}
        }
    }

    /// Wraps `work` so that, if it is dropped before it finishes — cancelled by a
    /// `select!`, a timeout, an abort — the demo logs it. Rust cancels by dropping a
    /// future, silently; this makes the moment visible.
    pub fn log_if_cancelled<F: Future>(
        &self,
        label: &str,
        work: F,
    ) -> impl Future<Output = F::Output> + use<F> {
        let mut notice = CancelNotice {
            ctx: self.clone(),
            label: label.to_string(),
            finished: false,
        };
        async move {
            let output = work.await;
            notice.finish();
            output
        }
    }

    /// Until the returned guard is dropped, a panic anywhere prints as one narrated line
    /// ("panic in a task: …") instead of the default message and backtrace. For demos
    /// that panic on purpose; the previous hook comes back when the guard drops.
    pub fn narrate_panics(&self) -> PanicNarration {
        let ctx = self.clone();
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let message = info
                .payload()
                .downcast_ref::<&str>()
                .map(|text| text.to_string())
                .or_else(|| info.payload().downcast_ref::<String>().cloned())
                .unwrap_or_default();
            ctx.log(format!("panic in a task: {message}"));
        }));
        PanicNarration {
            previous: Some(previous),
        }
    }

    /// Prints a timeline as a Gantt chart under a heading.
    pub fn show_timeline(&self, heading: &str, timeline: &Timeline) {
        let spans = timeline.spans();
        match self.inner.output {
            Output::Terminal => {
                let scale = spans.iter().map(|s| s.end).max().unwrap_or_default();
                println!("\n    {heading}");
                print!(
                    "{}",
                    render_timeline(&spans, scale, terminal_width(), fancy())
                );
            }
            Output::Record => self.keep(Piece::Timeline {
                heading: heading.to_string(),
                spans,
            }),
            Output::Silent => {}
        }
    }

    /// Runs the sequential and then the concurrent variant of the same work, each with a
    /// fresh [`Timeline`], and prints the comparison table and both timelines.
    ///
    /// The report is also kept for the runner (`cargo xtask compare --json`).
    pub async fn compare<S, SeqFut, C, ConcFut>(
        &self,
        spec: Comparison,
        sequential: S,
        concurrent: C,
    ) -> ComparisonReport
    where
        S: FnOnce(Ctx, Timeline) -> SeqFut,
        SeqFut: Future<Output = ()>,
        C: FnOnce(Ctx, Timeline) -> ConcFut,
        ConcFut: Future<Output = ()>,
    {
        self.say(format!("▶ sequential: {}", spec.title));
        let sequential_timeline = self.new_timeline();
        sequential(self.clone(), sequential_timeline.clone()).await;
        let sequential_elapsed = sequential_timeline.elapsed();

        self.say(format!("▶ concurrent: {}", spec.title));
        let concurrent_timeline = self.new_timeline();
        concurrent(self.clone(), concurrent_timeline.clone()).await;
        let concurrent_elapsed = concurrent_timeline.elapsed();

        let report = ComparisonReport::new(
            &spec,
            self.inner.mode,
            (sequential_elapsed, sequential_timeline.spans()),
            (concurrent_elapsed, concurrent_timeline.spans()),
        );
        match self.inner.output {
            Output::Terminal => print!("\n{}", report.render(terminal_width(), fancy())),
            Output::Record => self.keep(Piece::Comparison(report.clone())),
            Output::Silent => {}
        }
        lock(&self.inner.reports).push(report.clone());
        report
    }

    /// Takes the comparison reports produced so far (used by the runner).
    pub fn take_reports(&self) -> Vec<ComparisonReport> {
        std::mem::take(&mut *lock(&self.inner.reports))
    }

    /// Takes what the demo reported so far, in order (only with [`Output::Record`]).
    pub(crate) fn take_recorded(&self) -> Vec<Piece> {
        std::mem::take(&mut *lock(&self.inner.recorded))
    }

    fn keep(&self, piece: Piece) {
        lock(&self.inner.recorded).push(piece);
    }

    /// Starts a fresh [`Timeline`] and restarts the clock that [`Ctx::log`] stamps lines
    /// with, so the log and the chart drawn afterwards count from the same zero.
    pub fn new_timeline(&self) -> Timeline {
        *lock(&self.inner.origin) = Instant::now();
        Timeline::start()
    }
}

/// A panic hook, as `std::panic::take_hook` returns it.
type PanicHook = Box<dyn Fn(&std::panic::PanicHookInfo<'_>) + Sync + Send + 'static>;

/// Restores the previous panic hook when dropped; see [`Ctx::narrate_panics`].
pub struct PanicNarration {
    previous: Option<PanicHook>,
}

impl Drop for PanicNarration {
    fn drop(&mut self) {
        if let Some(previous) = self.previous.take() {
            std::panic::set_hook(previous);
        }
    }
}

/// Logs a cancellation when dropped before `finished` is set; see [`Ctx::log_if_cancelled`].
struct CancelNotice {
    ctx: Ctx,
    label: String,
    finished: bool,
}

impl CancelNotice {
    fn finish(&mut self) {
        self.finished = true;
    }
}

impl Drop for CancelNotice {
    fn drop(&mut self) {
        if !self.finished {
            self.ctx.log(format!(
                "{} was cancelled: dropped before it finished",
                self.label
            ));
        }
    }
}

/// The width charts are drawn at: the terminal's, or 100 columns when not a terminal.
fn terminal_width() -> usize {
    console::Term::stdout()
        .size_checked()
        .map(|(_rows, columns)| usize::from(columns))
        .unwrap_or(100)
        .min(140)
}

/// Whether to draw with colour and block characters (only on a terminal that wants colour).
fn fancy() -> bool {
    console::colors_enabled()
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}
