//! Grader for exercise 14 — async generators. Used unchanged by `solutions/`.
//!
//! Items are pulled one at a time, as `while let Some(x) = stream.next().await` does, and
//! their arrival noted on the paused clock. `running_total` is fed a source stream that
//! records how often it is polled, how many numbers it gave, and when it is dropped; and
//! the runtime's count of live tasks shows any task a generator spawned behind the scenes.

use crate::ex14_async_generator::{async_range, countdown, running_total};
use futures::Stream;
use futures::future::poll_fn;
use futures::stream::{self, StreamExt};
use harness::format_secs;
use harness::grade::{about, on_paused_clock, require, secs};
use std::pin::{Pin, pin};
use std::sync::{Arc, Mutex, PoisonError};
use std::task::{Context, Poll};
use std::time::Duration;
use tokio::time::{Instant, sleep, timeout};

/// More polls than one item can need: a stream polled this often without the clock
/// moving keeps waking itself.
const TOO_MANY_POLLS: usize = 1000;

/// Pulls the next item of `items`, like `items.next().await`; a stream that yields
/// nothing for 10 s or spins fails the check with a message about `name`.
async fn next_item<S: Stream<Item = u32>>(items: &mut Pin<&mut S>, name: &str) -> Option<u32> {
    let mut polls = 0;
    let request = poll_fn(|cx| {
        polls += 1;
        if polls > TOO_MANY_POLLS {
            return Poll::Ready(Err(()));
        }
        items.as_mut().poll_next(cx).map(Ok)
    });
    let answer = timeout(secs(10.0), request).await;
    require(answer.is_ok(), || {
        format!(
            "{name} gave neither an item nor its end for 10 s. Does every path through the \
             generator reach a `yield` (or the end), and does it await only things that \
             finish, like `tokio::time::sleep`?"
        )
    });
    let Ok(answer) = answer else { return None };
    require(answer.is_ok(), || {
        format!(
            "{name} was polled {TOO_MANY_POLLS} times without the clock moving: it keeps \
             waking itself instead of waiting."
        )
    });
    answer.ok().flatten()
}

/// Everything `items` yields up to its end, each with its arrival time since `started`,
/// and the time of the end; at most `limit` items.
async fn drain<S: Stream<Item = u32>>(
    items: &mut Pin<&mut S>,
    name: &str,
    started: Instant,
    limit: usize,
) -> (Vec<(Duration, u32)>, Duration) {
    let mut seen = Vec::new();
    while seen.len() < limit {
        match next_item(items, name).await {
            Some(item) => seen.push((started.elapsed(), item)),
            None => break,
        }
    }
    (seen, started.elapsed())
}

fn describe(seen: &[(Duration, u32)], end: Duration) -> String {
    let described: Vec<String> = seen
        .iter()
        .map(|(at, item)| format!("{item} at {}", format_secs(*at)))
        .chain([format!("the end at {}", format_secs(end))])
        .collect();
    format!("[{}]", described.join(", "))
}

/// Fails unless `seen` is `expected` — (seconds, item) pairs — and the end came at
/// `end` seconds.
fn require_schedule(
    name: &str,
    (seen, ended): &(Vec<(Duration, u32)>, Duration),
    expected: &[(f64, u32)],
    end: f64,
) {
    let items: Vec<u32> = seen.iter().map(|&(_, item)| item).collect();
    let wanted: Vec<u32> = expected.iter().map(|&(_, item)| item).collect();
    require(items == wanted, || {
        format!(
            "{name} yielded {items:?}; expected {wanted:?}. (All of it: {}.)",
            describe(seen, *ended)
        )
    });
    let on_time = seen
        .iter()
        .zip(expected)
        .all(|((at, _), &(when, _))| about(*at, secs(when)));
    require(on_time, || {
        let expected: Vec<(Duration, u32)> = expected
            .iter()
            .map(|&(when, item)| (secs(when), item))
            .collect();
        format!(
            "{name} yielded {}; expected {}.{}",
            describe(seen, *ended),
            describe(&expected, secs(end)),
            if seen.iter().all(|(at, _)| about(*at, Duration::ZERO)) {
                " Everything came at once: wait with `tokio::time::sleep(pause).await` \
                 before each item."
            } else {
                ""
            }
        )
    });
    require(about(*ended, secs(end)), || {
        format!(
            "{name} ended at {}; right after its last item, {}, it should end — without \
             another pause.",
            format_secs(*ended),
            format_secs(secs(end))
        )
    });
}

/// What became of a source stream.
#[derive(Debug, Default)]
struct Trace {
    polls: usize,
    given: usize,
    dropped_at: Option<Instant>,
}

type Shared = Arc<Mutex<Trace>>;

fn read(trace: &Shared) -> (usize, usize, Option<Instant>) {
    let trace = trace.lock().unwrap_or_else(PoisonError::into_inner);
    (trace.polls, trace.given, trace.dropped_at)
}

/// A stream of numbers for `running_total`, one every `gap`, watched by a trace.
struct Source {
    numbers: Pin<Box<dyn Stream<Item = u32> + Send>>,
    trace: Shared,
}

impl Source {
    fn new(numbers: &[u32], gap: f64) -> (Source, Shared) {
        let trace = Shared::default();
        let numbers = stream::iter(numbers.to_vec()).then(move |n| async move {
            sleep(secs(gap)).await;
            n
        });
        let source = Source {
            numbers: Box::pin(numbers),
            trace: Arc::clone(&trace),
        };
        (source, trace)
    }
}

impl Stream for Source {
    type Item = u32;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<u32>> {
        let answer = self.numbers.as_mut().poll_next(cx);
        let mut trace = self.trace.lock().unwrap_or_else(PoisonError::into_inner);
        trace.polls += 1;
        if let Poll::Ready(Some(_)) = answer {
            trace.given += 1;
        }
        answer
    }
}

impl Drop for Source {
    fn drop(&mut self) {
        self.trace
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .dropped_at = Some(Instant::now());
    }
}

/// How many tasks are alive in the grader's runtime (the check itself is not a task).
fn live_tasks() -> usize {
    tokio::runtime::Handle::current()
        .metrics()
        .num_alive_tasks()
}

#[test]
fn async_range_yields_start_to_stop_a_pause_before_each() {
    on_paused_clock(|| async {
        let started = Instant::now();
        let mut numbers = pin!(async_range(2, 6, secs(1.0)));
        let seen = drain(&mut numbers, "async_range(2, 6, 1 s)", started, 10).await;
        let expected = [(1.0, 2), (2.0, 3), (3.0, 4), (4.0, 5)];
        require_schedule("async_range(2, 6, 1 s)", &seen, &expected, 4.0);

        let started = Instant::now();
        let mut none = pin!(async_range(5, 5, secs(1.0)));
        let seen = drain(&mut none, "async_range(5, 5, 1 s)", started, 10).await;
        require_schedule("async_range(5, 5, 1 s)", &seen, &[], 0.0);
    });
}

#[test]
fn countdown_counts_down_to_one_a_pause_before_each() {
    on_paused_clock(|| async {
        let started = Instant::now();
        let mut numbers = pin!(countdown(3, secs(0.5)));
        let seen = drain(&mut numbers, "countdown(3, 0.5 s)", started, 10).await;
        let expected = [(0.5, 3), (1.0, 2), (1.5, 1)];
        require_schedule("countdown(3, 0.5 s)", &seen, &expected, 1.5);

        let started = Instant::now();
        let mut none = pin!(countdown(0, secs(0.5)));
        let seen = drain(&mut none, "countdown(0, 0.5 s)", started, 10).await;
        require_schedule("countdown(0, 0.5 s)", &seen, &[], 0.0);
    });
}

#[test]
fn running_total_adds_up_each_number_the_moment_it_arrives() {
    on_paused_clock(|| async {
        let (source, _trace) = Source::new(&[3, 1, 4, 1, 5], 1.0);
        let started = Instant::now();
        let mut totals = pin!(running_total(source));
        let seen = drain(&mut totals, "running_total", started, 10).await;
        let expected = [(1.0, 3), (2.0, 4), (3.0, 8), (4.0, 9), (5.0, 14)];
        require(
            !(seen.0.len() > 1 && seen.0.iter().all(|(at, _)| about(*at, secs(5.0)))),
            || {
                format!(
                    "running_total of 3, 1, 4, 1, 5 (one number a second) yielded {}: it \
                     held every total back until the numbers ran out. Yield each total as \
                     soon as its number arrives, as `async for` would.",
                    describe(&seen.0, seen.1)
                )
            },
        );
        require_schedule(
            "running_total of 3, 1, 4, 1, 5 (one number a second)",
            &seen,
            &expected,
            5.0,
        );

        let (empty, _trace) = Source::new(&[], 1.0);
        let started = Instant::now();
        let mut totals = pin!(running_total(empty));
        let seen = drain(&mut totals, "running_total of no numbers", started, 10).await;
        require_schedule("running_total of no numbers", &seen, &[], 0.0);
    });
}

#[test]
fn nothing_happens_until_a_generator_is_polled() {
    on_paused_clock(|| async {
        let started = Instant::now();
        let range = async_range(0, 3, secs(1.0));
        let counting = countdown(3, secs(1.0));
        let (source, trace) = Source::new(&[7, 8], 1.0);
        let totals = running_total(source);
        sleep(secs(5.0)).await;

        let tasks = live_tasks();
        require(tasks == 0, || {
            format!(
                "{tasks} task(s) were running 5 s after the generators were made, though \
                 nobody had polled them yet. A generator must not spawn anything: its body \
                 runs only when the consumer asks for an item."
            )
        });
        let (polls, _, _) = read(&trace);
        require(polls == 0, || {
            format!(
                "running_total polled its source {polls} time(s) before anyone asked it for \
                 a total. A generator is lazy: it pulls a number only when asked for a total."
            )
        });

        for (name, items, first) in [
            ("async_range(0, 3, 1 s)", range.boxed_local(), 0),
            ("countdown(3, 1 s)", counting.boxed_local(), 3),
            ("running_total of 7, 8", totals.boxed_local(), 7),
        ] {
            let asked = started.elapsed();
            let mut items = pin!(items);
            let item = next_item(&mut items, name).await;
            let at = started.elapsed();
            require(item == Some(first), || {
                format!("the first item of {name} was {item:?}; expected Some({first}).")
            });
            require(about(at, asked + secs(1.0)), || {
                format!(
                    "{name} was made at 0.00 s and first asked for an item at {}; the item \
                     came at {}, but it should come one pause after it was asked for, at \
                     {}.{}",
                    format_secs(asked),
                    format_secs(at),
                    format_secs(asked + secs(1.0)),
                    if at <= asked {
                        " It was ready at once: the work had been done before anyone asked."
                    } else {
                        ""
                    }
                )
            });
        }
    });
}

#[test]
fn dropping_a_generator_part_way_stops_it() {
    on_paused_clock(|| async {
        let (source, trace) = Source::new(&[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 1.0);
        let mut totals = Box::pin(running_total(source));
        let mut got = Vec::new();
        for _ in 0..2 {
            got.push(next_item(&mut totals.as_mut(), "running_total").await);
        }
        require(got == [Some(1), Some(3)], || {
            format!("the first two totals of 1, 2, 3, … were {got:?}; expected [Some(1), Some(3)].")
        });
        let dropped = Instant::now();
        drop(totals);
        sleep(secs(20.0)).await;
        let (_, given, dropped_at) = read(&trace);
        require(given == 2, || {
            format!(
                "asked for two totals, running_total took {given} numbers from its source: a \
                 generator pulls the next number only when asked for the next total."
            )
        });
        require(
            dropped_at.is_some_and(|at| at == dropped),
            || match dropped_at {
                None => "running_total was dropped after two totals, but its source was never \
                         dropped: something still holds it."
                    .to_string(),
                Some(at) => format!(
                    "running_total was dropped after two totals, and its source only {} \
                     later: something kept it alive.",
                    format_secs(at - dropped)
                ),
            },
        );

        let mut numbers = Box::pin(async_range(0, 1000, secs(1.0)));
        for _ in 0..3 {
            next_item(&mut numbers.as_mut(), "async_range(0, 1000, 1 s)").await;
        }
        drop(numbers);
        let tasks = live_tasks();
        require(tasks == 0, || {
            format!(
                "after async_range(0, 1000, 1 s) was dropped part-way, {tasks} task(s) were \
                 still running on behind it. Dropping a generator must stop it — write it as \
                 a generator (stream! or unfold), not as a spawned producer."
            )
        });
    });
}
