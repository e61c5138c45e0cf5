//! Grader for exercise 13 — a hand-written Stream: a ticker that keeps its schedule.
//! Used unchanged by `solutions/`.
//!
//! The grader asks for items the way `while let Some(x) = ticker.next().await` does, and
//! notes when each one arrives on the paused clock. Each request is guarded: one that
//! waits 10 s with no item coming, or that is polled a thousand times without the clock
//! moving, becomes a verdict instead of a hang.

use crate::ex13_counter_stream::Ticker;
use futures::Stream;
use futures::future::poll_fn;
use harness::format_secs;
use harness::grade::{about, on_paused_clock, require, secs};
use std::pin::{Pin, pin};
use std::task::Poll;
use std::time::Duration;
use tokio::time::{Instant, sleep, timeout};
use tokio_test::task;

/// More polls than one item can need: a ticker polled this often without the clock
/// moving keeps waking itself.
const TOO_MANY_POLLS: usize = 1000;

/// Asks `ticker` for its next item, like `ticker.next().await`, and fails the check in the
/// learner's terms if the item never comes or the ticker spins.
async fn next_item(ticker: &mut Pin<&mut Ticker>, what: &str) -> Option<u32> {
    let mut polls = 0;
    let request = poll_fn(|cx| {
        polls += 1;
        if polls > TOO_MANY_POLLS {
            return Poll::Ready(Err(()));
        }
        ticker.as_mut().poll_next(cx).map(Ok)
    });
    let answer = timeout(secs(10.0), request).await;
    require(answer.is_ok(), || {
        format!(
            "waiting for {what}, nothing came for 10 s: poll_next answered Pending, but \
             nobody woke the task again. Poll the timer (`self.timer.as_mut().poll(cx)`): \
             when it is not due yet it stores the waker and wakes the task at the due time. \
             (Making a new Sleep on every poll starts the wait over each time.)"
        )
    });
    let Ok(answer) = answer else { return None };
    require(answer.is_ok(), || {
        format!(
            "waiting for {what}, poll_next was called {TOO_MANY_POLLS} times without the \
             clock moving: it wakes its own task over and over, a busy loop. Don't call \
             the waker yourself; the timer calls it when the item is due."
        )
    });
    answer.ok().flatten()
}

/// Everything `ticker` hands out, with its arrival time since `started`, up to and
/// including the end (`None`); at most `limit` items, so a ticker that never ends still
/// gets a verdict.
async fn drain(
    ticker: &mut Pin<&mut Ticker>,
    started: Instant,
    limit: usize,
) -> Vec<(Duration, Option<u32>)> {
    let mut seen = Vec::new();
    while seen.len() <= limit {
        let item = next_item(ticker, &format!("item number {}", seen.len() + 1)).await;
        seen.push((started.elapsed(), item));
        if item.is_none() {
            break;
        }
    }
    seen
}

fn describe(seen: &[(Duration, Option<u32>)]) -> String {
    let described: Vec<String> = seen
        .iter()
        .map(|(at, item)| match item {
            Some(item) => format!("{item} at {}", format_secs(*at)),
            None => format!("the end at {}", format_secs(*at)),
        })
        .collect();
    format!("[{}]", described.join(", "))
}

#[test]
fn the_ticker_counts_from_one_to_count_one_interval_apart_then_ends() {
    on_paused_clock(|| async {
        let started = Instant::now();
        let mut ticker = pin!(Ticker::new(3, secs(1.0)));
        let seen = drain(&mut ticker, started, 6).await;
        let items: Vec<Option<u32>> = seen.iter().map(|&(_, item)| item).collect();
        require(items == [Some(1), Some(2), Some(3), None], || {
            format!(
                "Ticker::new(3, 1 s) handed out {}; expected 1, 2 and 3, then the end \
                 (Ready(None)).",
                describe(&seen)
            )
        });
        let at = |index: usize| seen[index].0;
        require(!about(at(0), Duration::ZERO), || {
            format!(
                "the first item came at once, {}: it is due one interval after the ticker \
                 was made. Poll the timer and answer Pending until it fires.",
                describe(&seen)
            )
        });
        require(!(about(at(1), at(0)) && about(at(2), at(0))), || {
            format!(
                "items 2 and 3 came right after item 1, {}: after handing out an item, \
                     move the timer on to the next item's due time with `Sleep::reset` (a \
                     Sleep that has fired stays fired).",
                describe(&seen)
            )
        });
        let on_time = [1.0, 2.0, 3.0]
            .iter()
            .enumerate()
            .all(|(index, &due)| about(at(index), secs(due)));
        require(on_time, || {
            format!(
                "Ticker::new(3, 1 s) handed out {}; item k is due k × 1 s after the ticker \
                 was made: 1 at 1.00 s, 2 at 2.00 s, 3 at 3.00 s.",
                describe(&seen)
            )
        });
        require(about(at(3), secs(3.0)), || {
            format!(
                "the end came at {}, {} after the last item: once the last number is out, \
                 poll_next should answer Ready(None) at once, without waiting.",
                format_secs(at(3)),
                format_secs(at(3).saturating_sub(at(2)))
            )
        });
    });
}

#[test]
fn a_late_consumer_gets_the_overdue_items_at_once_and_the_schedule_holds() {
    on_paused_clock(|| async {
        // Made now, first asked 2.5 s later: items 1 and 2 (due at 1 s and 2 s) are
        // overdue and come at once; 3 comes at its due time, 3 s.
        let started = Instant::now();
        let mut ticker = pin!(Ticker::new(3, secs(1.0)));
        sleep(secs(2.5)).await;
        let seen = drain(&mut ticker, started, 6).await;
        let expected = [(2.5, Some(1)), (2.5, Some(2)), (3.0, Some(3)), (3.0, None)];
        let right = seen.len() == expected.len()
            && seen
                .iter()
                .zip(expected)
                .all(|((at, item), (when, want))| about(*at, secs(when)) && *item == want);
        require(right, || {
            format!(
                "a Ticker::new(3, 1 s) first asked for an item 2.50 s after it was made \
                 handed out {}; expected 1 and 2 at once (they were due at 1.00 s and 2.00 s), \
                 3 at 3.00 s, then the end.{}",
                describe(&seen),
                if seen.first().is_some_and(|(at, _)| about(*at, secs(3.5))) {
                    " Your first item waited a whole interval after it was asked for: the \
                     first due time is set when the ticker is made (Ticker::new starts the \
                     timer); don't start the wait over."
                } else if seen.len() > 1 && about(seen[1].0, seen[0].0 + secs(1.0)) {
                    " Your ticker's schedule drifted: item 2 came a whole interval after item \
                     1 was handed out, though it was due at 2.00 s. Count each due time from \
                     the previous item's due time, `self.timer.deadline()`, not from now."
                } else {
                    ""
                }
            )
        });

        // A consumer that dawdles between items: the schedule must not drift.
        let started = Instant::now();
        let mut ticker = pin!(Ticker::new(4, secs(1.0)));
        let mut seen = Vec::new();
        for pause in [0.0, 2.5, 0.0, 0.0] {
            sleep(secs(pause)).await;
            let item = next_item(&mut ticker, "the next item").await;
            seen.push((started.elapsed(), item));
        }
        let expected = [(1.0, 1), (3.5, 2), (3.5, 3), (4.0, 4)];
        let right = seen
            .iter()
            .zip(expected)
            .all(|((at, item), (when, want))| about(*at, secs(when)) && *item == Some(want));
        require(right, || {
            format!(
                "a Ticker::new(4, 1 s) whose consumer took 2.50 s over item 1 handed out {}; \
                 expected 1 at 1.00 s, then 2 and 3 at once at 3.50 s (due at 2.00 s and \
                 3.00 s, so overdue), and 4 at its due time, 4.00 s.{}",
                describe(&seen),
                if seen.get(1).is_some_and(|(at, _)| about(*at, secs(4.5))) {
                    " Your ticker's schedule drifted: it counted each interval from the moment \
                     the previous item was handed out. Count from the previous item's due \
                     time instead: `self.timer.deadline() + self.interval`."
                } else {
                    ""
                }
            )
        });
    });
}

#[test]
fn after_the_end_the_ticker_stays_ended() {
    on_paused_clock(|| async {
        let started = Instant::now();
        let mut ticker = pin!(Ticker::new(1, secs(1.0)));
        let first = next_item(&mut ticker, "the first item").await;
        require(first == Some(1), || {
            format!("Ticker::new(1, 1 s) handed out {first:?} first; expected Some(1).")
        });
        // Poll the ended ticker directly, as a mock task: every answer must be
        // Ready(None), straight away.
        let mut ended = task::spawn(ticker);
        for poll in 1..=4 {
            let answer = ended.poll_next();
            require(answer == Poll::Ready(None), || {
                format!(
                    "after its only item, poll number {poll} of Ticker::new(1, 1 s) \
                     answered {answer:?}; an ended ticker answers Ready(None) every time it \
                     is polled, at once — check for the end before anything else."
                )
            });
        }
        require(about(started.elapsed(), secs(1.0)), || {
            format!(
                "Ticker::new(1, 1 s) took {} to hand out its item and end; it should take \
                 1.00 s.",
                format_secs(started.elapsed())
            )
        });

        let mut empty = task::spawn(Ticker::new(0, secs(1.0)));
        let answer = empty.poll_next();
        require(answer == Poll::Ready(None), || {
            format!(
                "Ticker::new(0, 1 s) has nothing to hand out; its first poll answered \
                 {answer:?} instead of Ready(None) at once."
            )
        });
    });
}

#[test]
fn size_hint_counts_the_items_still_to_come() {
    on_paused_clock(|| async {
        let started = Instant::now();
        let mut ticker = pin!(Ticker::new(3, secs(1.0)));
        let mut hints = vec![ticker.size_hint()];
        let mut seen = Vec::new();
        for _ in 0..4 {
            let item = next_item(&mut ticker, "an item").await;
            seen.push((started.elapsed(), item));
            hints.push(ticker.size_hint());
        }
        let expected: Vec<(usize, Option<usize>)> = [3, 2, 1, 0, 0]
            .iter()
            .map(|&left| (left, Some(left)))
            .collect();
        require(hints == expected, || {
            format!(
                "size_hint of Ticker::new(3, 1 s) was {hints:?}: when made, then after each \
                 of {}. Expected {expected:?}: exactly the number of items still to come, \
                 as both the lower and the upper bound.",
                describe(&seen)
            )
        });
    });
}
