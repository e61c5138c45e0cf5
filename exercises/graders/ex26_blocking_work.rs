//! Grader for exercise 26 — move blocking work off the runtime. Used unchanged by
//! `solutions/`.
//!
//! These checks run on the real clock (blocking calls take real time; tokio's paused
//! clock cannot see them). Each one runs your lookups and a heartbeat *in the same
//! task* (`tokio::join!`), so a lookup that blocks its thread stalls the heartbeat on
//! any runtime, however many worker threads it has. The margins are wide: a lookup
//! blocks for 500 ms, and the heartbeat only has to beat at least every 400 ms, so a
//! busy machine does not make a correct answer fail.

use crate::ex26_blocking_work::{LOOKUP_TIME, lookup, lookup_all};
use harness::grade::{on_worker_threads, require, require_seen};
use harness::picture::timed_call;
use std::cell::Cell;
use std::future::Future;
use std::time::{Duration, Instant};

/// How often the heartbeat tries to beat.
const BEAT: Duration = Duration::from_millis(20);

/// The longest the heartbeat may go without a beat: well under one lookup.
fn longest_allowed() -> Duration {
    LOOKUP_TIME * 4 / 5
}

/// What happened while some work ran beside the heartbeat.
struct Heard<T> {
    output: T,
    /// Real time the work took.
    took: Duration,
    /// The longest real time between two beats (from the start to the end).
    longest_gap: Duration,
}

/// Runs `work` and a heartbeat together in this one task, on the real clock.
async fn beside_heartbeat<F: Future>(work: F) -> Heard<F::Output> {
    let done = Cell::new(false);
    let started = Instant::now();
    let work = async {
        let output = work.await;
        done.set(true);
        (output, started.elapsed())
    };
    let heart = async {
        let mut last = started;
        let mut longest = Duration::ZERO;
        loop {
            let now = Instant::now();
            longest = longest.max(now - last);
            last = now;
            if done.get() {
                break longest;
            }
            tokio::time::sleep(BEAT).await;
        }
    };
    let ((output, took), longest_gap) = tokio::join!(work, heart);
    Heard {
        output,
        took,
        longest_gap,
    }
}

fn ms(duration: Duration) -> u128 {
    duration.as_millis()
}

fn require_heartbeat(what: &str, longest_gap: Duration) {
    require(longest_gap < longest_allowed(), || {
        format!(
            "while {what} ran, the heartbeat (due every {} ms) went {} ms without a beat: a \
             blocking call held the thread the heartbeat runs on. Hand lookup_blocking to \
             `tokio::task::spawn_blocking` — it runs on a thread of its own — and await the \
             JoinHandle. (`block_in_place` would not help: it still blocks this task.)",
            ms(BEAT),
            ms(longest_gap)
        )
    });
}

#[test]
fn lookup_gives_the_blocking_lookups_answer() {
    on_worker_threads(|| async {
        let heard = beside_heartbeat(lookup("colour")).await;
        require(heard.output == "value of colour", || {
            format!(
                "lookup(\"colour\") gave {:?}; expected \"value of colour\", the answer of \
                 lookup_blocking(\"colour\").",
                heard.output
            )
        });
        require(heard.took >= LOOKUP_TIME, || {
            format!(
                "lookup(\"colour\") took {} ms; lookup_blocking takes {} ms, so it was not \
                 called. Call it — just not on the runtime's thread.",
                ms(heard.took),
                ms(LOOKUP_TIME)
            )
        });
    });
}

#[test]
fn the_heartbeat_keeps_beating_during_a_lookup() {
    on_worker_threads(|| async {
        let heard = beside_heartbeat(lookup("size")).await;
        require_heartbeat("lookup(\"size\")", heard.longest_gap);
    });
}

#[test]
fn lookup_all_gives_every_value_in_order() {
    on_worker_threads(|| async {
        let heard = beside_heartbeat(lookup_all(&["b", "a", "c"])).await;
        let want = ["value of b", "value of a", "value of c"];
        require(heard.output == want, || {
            format!(
                "lookup_all([\"b\", \"a\", \"c\"]) gave {:?}; expected {want:?}, in the order \
                 of the keys.",
                heard.output
            )
        });
        require(lookup_all(&[]).await.is_empty(), || {
            "lookup_all of no keys should give an empty list.".to_string()
        });
    });
}

#[test]
fn lookup_all_keeps_the_order_of_the_keys() {
    on_worker_threads(|| async {
        // The first key's lookup takes twice as long: the values finish b, c, then slow.
        let keys = ["slow one", "b", "c"];
        let expected: Vec<String> = keys.iter().map(|key| format!("value of {key}")).collect();
        let got = lookup_all(&keys).await;
        require(got == expected, || {
            format!(
                "lookup_all of {keys:?}, where the first lookup takes twice as long, gave \
                 {got:?}; expected {expected:?}, in the order of the keys{}.",
                if got.first().is_some_and(|first| first != &expected[0]) {
                    " — you returned the values in the order they finished. join_all keeps \
                     the order of its futures, like asyncio.gather"
                } else {
                    ""
                }
            )
        });
    });
}

#[test]
fn lookups_run_side_by_side_while_the_heartbeat_keeps_beating() {
    on_worker_threads(|| async {
        let keys = ["w", "x", "y", "z"];
        let heard = beside_heartbeat(lookup_all(&keys)).await;
        require(heard.output.len() == keys.len(), || {
            format!("lookup_all of 4 keys gave {:?}.", heard.output)
        });
        require_heartbeat("lookup_all of 4 keys", heard.longest_gap);
        // Side by side, four lookups take one lookup's time; one after another, four.
        let seen = || timed_call("lookup_all of 4 keys", heard.took, LOOKUP_TIME);
        require_seen(heard.took < LOOKUP_TIME * 2, seen, || {
            format!(
                "lookup_all of 4 keys took {} ms of real time; each lookup blocks for {} ms, \
                 and side by side, each on a blocking thread of its own, they take about {} \
                 ms{}.",
                ms(heard.took),
                ms(LOOKUP_TIME),
                ms(LOOKUP_TIME),
                if heard.took >= LOOKUP_TIME * 4 {
                    ": they ran one after another. Start every lookup, then await them \
                     together (join_all)"
                } else {
                    ""
                }
            )
        });
    });
}
