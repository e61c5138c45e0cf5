//! Recording what ran when, on tokio's clock.

use std::future::Future;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;
use tokio::time::Instant;

/// One bar of a timeline: a piece of work in a lane, from `start` to `end`.
///
/// Times are measured from the moment the timeline was created.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    /// What the work was, e.g. `"read file2.txt"`. One row of the chart per span.
    pub label: String,
    /// When the work started, relative to the timeline's origin.
    pub start: Duration,
    /// When the work finished — or was cancelled — relative to the timeline's origin.
    pub end: Duration,
    /// Whether the work was dropped before it finished (a `select!` loser, a timeout).
    pub cancelled: bool,
}

impl Span {
    /// How long the work took.
    pub fn duration(&self) -> Duration {
        self.end.saturating_sub(self.start)
    }
}

/// A shared recorder of [`Span`]s.
///
/// Cloning is cheap and every clone records into the same timeline, so a timeline can
/// be handed to each of several concurrent futures or spawned tasks.
#[derive(Debug, Clone)]
pub struct Timeline {
    origin: Instant,
    spans: Arc<Mutex<Vec<Span>>>,
}

impl Timeline {
    /// Starts an empty timeline whose origin is "now" on tokio's clock.
    ///
    /// Create it inside the runtime, so that a paused (virtual) clock is the one read.
    pub fn start() -> Self {
        Timeline {
            origin: Instant::now(),
            spans: Arc::default(),
        }
    }

    /// Runs `work` and records it as a span called `label`.
    ///
    /// The span starts when `record` is first polled, not when it is created: a future
    /// does nothing until it is awaited, and the timeline shows exactly that. If the
    /// work is dropped before it finishes, the span ends there and is marked cancelled.
    pub async fn record<F: Future>(&self, label: impl Into<String>, work: F) -> F::Output {
        let mut open = OpenSpan {
            timeline: self.clone(),
            label: Some(label.into()),
            start: self.elapsed(),
        };
        let output = work.await;
        open.close(false);
        output
    }

    /// Like [`Timeline::record`], but the returned future owns this handle (clone the
    /// timeline first), so it is `'static` and can be given to `tokio::spawn`.
    pub async fn record_owned<F: Future>(self, label: impl Into<String>, work: F) -> F::Output {
        self.record(label, work).await
    }

    /// Adds a span measured elsewhere (say, from a callback that reports how long a
    /// piece of work took), given as times since the timeline's origin.
    pub fn add(&self, label: impl Into<String>, start: Duration, end: Duration) {
        self.lock().push(Span {
            label: label.into(),
            start,
            end,
            cancelled: false,
        });
    }

    /// Time since the timeline's origin, on tokio's clock.
    pub fn elapsed(&self) -> Duration {
        self.origin.elapsed()
    }

    /// A copy of the spans recorded so far, in the order they started (spans that
    /// started together in the order of their labels, so every run draws alike).
    pub fn spans(&self) -> Vec<Span> {
        let mut spans = self.lock().clone();
        spans.sort_by(|a, b| (a.start, &a.label).cmp(&(b.start, &b.label)));
        spans
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<Span>> {
        // A panic elsewhere must not hide the spans that were recorded before it.
        self.spans.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// A span being recorded; it closes itself as cancelled if dropped while still open.
struct OpenSpan {
    timeline: Timeline,
    /// `None` once the span has been closed.
    label: Option<String>,
    start: Duration,
}

impl OpenSpan {
    fn close(&mut self, cancelled: bool) {
        if let Some(label) = self.label.take() {
            let span = Span {
                label,
                start: self.start,
                end: self.timeline.elapsed(),
                cancelled,
            };
            self.timeline.lock().push(span);
        }
    }
}

impl Drop for OpenSpan {
    fn drop(&mut self) {
        self.close(true);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn records_spans_on_the_paused_clock() {
        let timeline = Timeline::start();
        let sleep = |secs| tokio::time::sleep(Duration::from_secs(secs));
        tokio::join!(
            timeline.record("long", sleep(2)),
            timeline.record("short", sleep(1)),
        );
        timeline.record("after", sleep(1)).await;

        let spans = timeline.spans();
        let summary: Vec<(&str, u64, u64)> = spans
            .iter()
            .map(|s| (s.label.as_str(), s.start.as_secs(), s.end.as_secs()))
            .collect();
        assert_eq!(
            summary,
            [("long", 0, 2), ("short", 0, 1), ("after", 2, 3)],
            // (rows that start together are sorted by label)
            "spans must carry the virtual start and end of each piece of work"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn a_span_starts_when_polled_not_when_created() {
        let timeline = Timeline::start();
        let later = timeline.record("lazy", tokio::time::sleep(Duration::from_secs(1)));
        tokio::time::sleep(Duration::from_secs(5)).await;
        later.await;
        assert_eq!(timeline.spans()[0].start, Duration::from_secs(5));
    }

    #[tokio::test(start_paused = true)]
    async fn work_dropped_midway_is_recorded_as_cancelled_where_it_stopped() {
        let timeline = Timeline::start();
        let slow = timeline.record("slow", tokio::time::sleep(Duration::from_secs(5)));
        let outcome = tokio::time::timeout(Duration::from_secs(2), slow).await;
        assert!(outcome.is_err());
        let span = &timeline.spans()[0];
        assert_eq!((span.end, span.cancelled), (Duration::from_secs(2), true));
    }
}
