//! Grader for exercise 15 — async comprehensions. Used unchanged by `solutions/`.
//!
//! The `f` the grader passes is a probe: each call takes a time of the grader's choosing
//! (no two finish at the same moment, so the finishing order is unambiguous), gives
//! `x * 10`, and counts how many calls are in flight — from the first poll of its future
//! until it finishes or is dropped — and the most there ever were at once.

use crate::ex15_comprehension::{buffered, sequential, unordered};
use futures::FutureExt;
use futures::future::BoxFuture;
use harness::grade::{about, on_paused_clock, require, require_seen, secs, timed};
use harness::picture::{Picture, steps_of, timed_call};
use harness::{Span, format_secs};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;
use tokio::time::{Instant, sleep};

/// The items of these checks, and how long the probe takes for each.
const ITEMS: [u32; 5] = [4, 1, 5, 2, 3];
const TAKES: [f64; 5] = [3.0, 1.0, 1.5, 2.0, 0.5];
const DESCRIBED: &str = "the items 4, 1, 5, 2, 3, whose calls take 3, 1, 1.5, 2 and 0.5 s";

/// What the probe saw.
#[derive(Debug, Default)]
struct Counts {
    in_flight: usize,
    peak: usize,
    calls: Vec<u32>,
    /// Per call: its item, when it was first polled, when it finished or was dropped.
    spans: Vec<(u32, Instant, Option<Instant>)>,
}

#[derive(Debug, Clone)]
struct Probe {
    counts: Arc<Mutex<Counts>>,
    /// When the probe was made, just before the learner's function was called.
    origin: Instant,
}

/// Counts one call in flight for as long as it lives; the index of its span.
struct InFlight(Probe, usize);

impl Drop for InFlight {
    fn drop(&mut self) {
        let mut counts = self.0.counts();
        counts.in_flight -= 1;
        counts.spans[self.1].2 = Some(Instant::now());
    }
}

impl Probe {
    fn new() -> Probe {
        Probe {
            counts: Arc::default(),
            origin: Instant::now(),
        }
    }

    fn counts(&self) -> MutexGuard<'_, Counts> {
        self.counts.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The `f` to hand to the learner's function.
    fn f(&self) -> impl FnMut(u32) -> BoxFuture<'static, u32> + use<> {
        let probe = self.clone();
        move |x| {
            let probe = probe.clone();
            async move {
                let _counted = {
                    let mut counts = probe.counts();
                    counts.in_flight += 1;
                    counts.peak = counts.peak.max(counts.in_flight);
                    counts.calls.push(x);
                    counts.spans.push((x, Instant::now(), None));
                    InFlight(probe.clone(), counts.spans.len() - 1)
                };
                let takes = ITEMS
                    .iter()
                    .position(|&item| item == x)
                    .map_or(1.0, |index| TAKES[index]);
                sleep(secs(takes)).await;
                x * 10
            }
            .boxed()
        }
    }

    fn peak(&self) -> usize {
        self.counts().peak
    }

    fn calls(&self) -> Vec<u32> {
        let mut calls = self.counts().calls.clone();
        calls.sort_unstable();
        calls
    }

    /// The calls of f as the probe saw them, how many ran at once against `limit`, and
    /// the `expected` schedule.
    fn picture(&self, limit: usize, expected: Vec<Span>) -> Picture {
        let since = |at: Instant| at.saturating_duration_since(self.origin);
        let now = Instant::now();
        let calls: Vec<Span> = self
            .counts()
            .spans
            .iter()
            .map(|(x, start, end)| Span {
                label: format!("f({x})"),
                start: since(*start),
                end: since(end.unwrap_or(now)),
                cancelled: end.is_none(),
            })
            .collect();
        Picture::new()
            .spans(
                "your run: the calls of f as the probe saw them",
                calls.clone(),
            )
            .gauge(
                "calls in flight at once",
                steps_of(&calls),
                (limit < ITEMS.len()).then_some(limit),
            )
            .spans("expected", expected)
    }
}

/// The expected calls of f over the items, at most `limit` at once: each item in turn
/// takes the first free place; `in_order` (`buffered`): a place is free only once the
/// results before it have been handed on.
fn schedule(limit: usize, in_order: bool) -> Vec<Span> {
    let mut free_at = vec![Duration::ZERO; limit.max(1)];
    let mut handed_on: Vec<Duration> = Vec::new();
    ITEMS
        .iter()
        .zip(TAKES)
        .enumerate()
        .map(|(index, (x, takes))| {
            let place = (0..free_at.len()).min_by_key(|&p| free_at[p]).unwrap_or(0);
            let start = if in_order {
                let earlier = index.checked_sub(limit);
                earlier.map_or(Duration::ZERO, |earlier| handed_on[earlier])
            } else {
                free_at[place]
            };
            let end = start + secs(takes);
            free_at[place] = end;
            let before = handed_on.last().copied().unwrap_or_default();
            handed_on.push(end.max(before));
            Span {
                label: format!("f({x})"),
                start,
                end,
                cancelled: false,
            }
        })
        .collect()
}

/// Fails unless every item was passed to `f` exactly once.
fn require_each_item_once(what: &str, probe: &Probe) {
    let calls = probe.calls();
    let mut want = ITEMS.to_vec();
    want.sort_unstable();
    require(calls == want, || {
        format!("{what} called f with {calls:?} (sorted); expected each of {want:?} exactly once.")
    });
}

fn tens(items: &[u32]) -> Vec<u32> {
    items.iter().map(|x| x * 10).collect()
}

/// Fails unless at most `limit`, and at some moment exactly `limit`, calls were in
/// flight at once.
fn require_peak(what: &str, probe: &Probe, limit: usize, seen: &dyn Fn() -> Picture) {
    let peak = probe.peak();
    require_seen(peak <= limit, seen, || {
        format!(
            "{what} had {peak} calls of f in flight at once; its limit is {limit}. Starting \
             everything at once (join_all) ignores the limit: `buffered(limit)` / \
             `buffer_unordered(limit)` keep at most `limit` going."
        )
    });
    require_seen(peak == limit, seen, || {
        format!(
            "{what} never had more than {peak} call(s) of f in flight at once, though \
             {limit} were allowed{}.",
            if peak == 1 {
                ": it awaited each call before starting the next, as the plain \
                 comprehension does. `.map(f)` makes the futures; the buffering combinator \
                 runs several of them"
            } else {
                ""
            }
        )
    });
}

fn require_took(what: &str, took: Duration, expected: f64, why: &str, seen: &dyn Fn() -> Picture) {
    require_seen(about(took, secs(expected)), seen, || {
        format!(
            "{what} took {} of virtual time; it should take {}: {why}",
            format_secs(took),
            format_secs(secs(expected))
        )
    });
}

#[test]
fn sequential_calls_f_one_item_after_another() {
    on_paused_clock(|| async {
        let probe = Probe::new();
        let (results, took) = timed(sequential(ITEMS.to_vec(), probe.f())).await;
        let what = format!("sequential of {DESCRIBED}");
        require(results == tens(&ITEMS), || {
            format!(
                "{what} returned {results:?}; expected {:?}, f's results in the order of \
                 the items.",
                tens(&ITEMS)
            )
        });
        require_each_item_once(&what, &probe);
        let seen = || probe.picture(1, schedule(1, true));
        let peak = probe.peak();
        require_seen(peak == 1, seen, || {
            format!(
                "{what} had {peak} calls of f in flight at once: it ran them concurrently. \
                 This one is the plain comprehension, `[await f(x) for x in xs]`: one call \
                 at a time, each awaited before the next starts (`StreamExt::then`)."
            )
        });
        require_took(
            &what,
            took,
            8.0,
            "3 + 1 + 1.5 + 2 + 0.5 s, one after another.",
            &seen,
        );
    });
}

#[test]
fn buffered_runs_up_to_limit_at_once_and_keeps_the_order_of_the_items() {
    on_paused_clock(|| async {
        let probe = Probe::new();
        let (results, took) = timed(buffered(ITEMS.to_vec(), 2, probe.f())).await;
        let what = format!("buffered with limit 2 of {DESCRIBED}");
        let seen = || probe.picture(2, schedule(2, true));
        require_each_item_once(&what, &probe);
        require_peak(&what, &probe, 2, &seen);
        require(results == tens(&ITEMS), || {
            format!(
                "{what} returned {results:?}; expected {:?}: the results in the order of the \
                 items, whatever order the calls finish in.{}",
                tens(&ITEMS),
                if results == [10, 50, 40, 30, 20] {
                    " You returned them in the order they finished — that is `unordered`'s \
                     job; `buffered` keeps the input order."
                } else {
                    ""
                }
            )
        });
        // Items 4 and 1 start at 0 s. With `StreamExt::buffered`, item 1 is done at 1 s
        // but its result waits for item 4's (3 s) and keeps its place until then: at 3 s
        // items 5 and 2 start; item 5 is done at 4.5 s, item 3 takes its place and is
        // done at 5 s, with item 2. Starting the next item the moment any call finishes
        // (a semaphore over join_all) is right too: 5 at 1 s, 2 at 2.5 s, 3 at 3 s, done
        // at 4.5 s. Batches of two, each waiting for its slowest, take 5.5 s.
        require_seen(!about(took, secs(5.5)), seen, || {
            format!(
                "{what} took 5.50 s of virtual time: it ran the items in batches of two, each \
                 batch waiting for its slowest call. With `buffered(2)` a new call starts as \
                 soon as a place is free: 5.00 s (or 4.50 s if a call that finished early \
                 gives its place up before the results before it are in)."
            )
        });
        require_seen(
            about(took, secs(5.0)) || about(took, secs(4.5)),
            seen,
            || {
                format!(
                    "{what} took {} of virtual time; it should take 5.00 s with `buffered(2)` \
                 (items 5 and 2 start when item 4 is done at 3 s, item 3 when item 5 is done \
                 at 4.5 s), or 4.50 s if each call starts the moment any call finishes.",
                    format_secs(took)
                )
            },
        );

        let probe = Probe::new();
        let (results, took) = timed(buffered(ITEMS.to_vec(), 10, probe.f())).await;
        let what = format!("buffered with limit 10 of {DESCRIBED}");
        let seen = || probe.picture(10, schedule(10, true));
        require_peak(&what, &probe, 5, &seen);
        require(results == tens(&ITEMS), || {
            format!("{what} returned {results:?}; expected {:?}.", tens(&ITEMS))
        });
        require_took(
            &what,
            took,
            3.0,
            "all five at once, as long as the slowest.",
            &seen,
        );
    });
}

#[test]
fn unordered_runs_up_to_limit_at_once_and_returns_results_as_they_finish() {
    on_paused_clock(|| async {
        let probe = Probe::new();
        let (results, took) = timed(unordered(ITEMS.to_vec(), 2, probe.f())).await;
        let what = format!("unordered with limit 2 of {DESCRIBED}");
        let seen = || probe.picture(2, schedule(2, false));
        require_each_item_once(&what, &probe);
        require_peak(&what, &probe, 2, &seen);
        // Items 4 and 1 start at 0 s; 1 is done at 1 s and 5 takes its place (done at
        // 2.5 s), then 2 (done at 4.5 s); 4 is done at 3 s and 3 takes its place (done
        // at 3.5 s). Finishing order: 1, 5, 4, 3, 2.
        let expected = vec![10, 50, 40, 30, 20];
        require(results == expected, || {
            format!(
                "{what} returned {results:?}; expected {expected:?}: the results in the \
                 order the calls finished.{}",
                if results == tens(&ITEMS) {
                    " You returned them in the order of the items — that is `buffered`'s \
                     job; use `buffer_unordered`, which hands each result over as it comes."
                } else {
                    ""
                }
            )
        });
        require_took(
            &what,
            took,
            4.5,
            "each call starts as soon as a place is free, whatever the order of the items; \
             the last, item 2, starts at 2.5 s and takes 2 s.",
            &seen,
        );

        let probe = Probe::new();
        let (results, took) = timed(unordered(ITEMS.to_vec(), 10, probe.f())).await;
        let what = format!("unordered with limit 10 of {DESCRIBED}");
        let seen = || probe.picture(10, schedule(10, false));
        require_peak(&what, &probe, 5, &seen);
        let expected = vec![30, 10, 50, 20, 40];
        require(results == expected, || {
            format!("{what} returned {results:?}; expected {expected:?}, quickest first.")
        });
        require_took(
            &what,
            took,
            3.0,
            "all five at once, as long as the slowest.",
            &seen,
        );
    });
}

#[test]
fn no_items_means_no_calls_and_no_waiting() {
    on_paused_clock(|| async {
        let probe = Probe::new();
        let (one_by_one, took_one_by_one) = timed(sequential(Vec::new(), probe.f())).await;
        let (in_order, took_in_order) = timed(buffered(Vec::new(), 2, probe.f())).await;
        let (as_done, took_as_done) = timed(unordered(Vec::new(), 2, probe.f())).await;
        require(
            one_by_one.is_empty() && in_order.is_empty() && as_done.is_empty(),
            || {
                format!(
                    "with no items, sequential, buffered and unordered returned \
                     {one_by_one:?}, {in_order:?} and {as_done:?}; expected three empty \
                     lists."
                )
            },
        );
        let took = took_one_by_one + took_in_order + took_as_done;
        let seen = || timed_call("the three calls with no items", took, Duration::ZERO);
        require_seen(took.is_zero() && probe.calls().is_empty(), seen, || {
            format!(
                "with no items there is nothing to call or wait for, but the three functions \
                 took {} and made {} call(s) of f.",
                format_secs(took),
                probe.calls().len()
            )
        });
    });
}
