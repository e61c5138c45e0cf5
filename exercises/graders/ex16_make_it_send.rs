//! Grader for exercise 16 — make a future `Send` so it can be spawned. Used unchanged by
//! `solutions/`.
//!
//! That `tally_task` is `Send` the compiler has already checked — the stub's return type
//! promises it. The first checks run on the paused clock, where a lookup takes exactly
//! 2 ms, and watch the shared tally between lookups: every word must be counted as soon
//! as it is looked up, and tasks spawned together must take turns. The last check spawns
//! tally tasks on a real multi-thread runtime (two worker threads, real time) and checks
//! that their counts add up.

use crate::ex16_make_it_send::{LOOKUP_TIME, Tally, tally_task};
use harness::grade::{
    about, on_paused_clock, on_worker_threads, panic_message, require, require_seen, timed,
};
use harness::picture::timed_call;
use std::collections::HashMap;
use std::sync::PoisonError;
use std::time::Duration;
use tokio::task::JoinError;
use tokio::time::{Instant, sleep};

fn words(text: &str) -> Vec<String> {
    text.split_whitespace().map(str::to_string).collect()
}

/// A copy of the tally, sorted, for comparing and printing.
fn snapshot(tally: &Tally) -> Vec<(String, usize)> {
    let counts = tally.lock().unwrap_or_else(PoisonError::into_inner);
    let mut entries: Vec<(String, usize)> = counts
        .iter()
        .map(|(word, count)| (word.clone(), *count))
        .collect();
    entries.sort();
    entries
}

fn total(tally: &Tally) -> usize {
    snapshot(tally).iter().map(|(_, count)| count).sum()
}

fn counts(pairs: &[(&str, usize)]) -> Vec<(String, usize)> {
    let mut entries: Vec<(String, usize)> = pairs
        .iter()
        .map(|&(word, count)| (word.to_string(), count))
        .collect();
    entries.sort();
    entries
}

/// Fails with the task's panic, in the learner's terms, if a spawned tally task panicked.
fn require_joined(joined: Result<usize, JoinError>) -> usize {
    let error = match joined {
        Ok(counted) => return counted,
        Err(error) => error,
    };
    let message = if error.is_panic() {
        panic_message(error.into_panic().as_ref())
    } else {
        error.to_string()
    };
    require(false, || {
        if message.starts_with("not yet implemented") {
            format!(
                "a spawned tally task reached a todo!() ({message}): tally_task is still to \
                 be written."
            )
        } else {
            format!("a spawned tally task panicked: {message}")
        }
    });
    0
}

/// A short duration in milliseconds: `8 ms`.
fn ms(duration: Duration) -> String {
    format!("{} ms", duration.as_micros() as f64 / 1000.0)
}

fn lookups(count: u32) -> Duration {
    LOOKUP_TIME * count
}

#[test]
fn a_tally_task_counts_every_word_under_its_normal_form() {
    on_paused_clock(|| async {
        let tally = Tally::default();
        let text = "The cat, the HAT. the";
        let (counted, took) = timed(tally_task(words(text), tally.clone())).await;
        require(counted == 5, || {
            format!("tally_task of {text:?} finished with {counted}; it counted 5 words.")
        });
        let want = counts(&[("cat", 1), ("hat", 1), ("the", 3)]);
        let got = snapshot(&tally);
        require(got == want, || {
            format!(
                "after tally_task of {text:?} the tally holds {got:?}; expected {want:?}: \
                 count each word under the normal form `look_up` gives for it."
            )
        });
        let drawn = || timed_call("tally_task of five words", took, lookups(5));
        require_seen(about(took, lookups(5)), drawn, || {
            format!(
                "tally_task of five words took {}; five lookups one after another take {}.{}",
                ms(took),
                ms(lookups(5)),
                if took < lookups(5) {
                    " Look every word up with `look_up(word).await`, one after another."
                } else {
                    ""
                }
            )
        });

        let (counted, took) = timed(tally_task(Vec::new(), tally.clone())).await;
        let drawn = || timed_call("tally_task of no words", took, Duration::ZERO);
        require_seen(
            counted == 0 && took.is_zero() && snapshot(&tally) == want,
            drawn,
            || {
                format!(
                    "tally_task of no words finished with {counted} after {} and changed the \
                 tally; expected 0, at once, with the tally untouched.",
                    ms(took)
                )
            },
        );
    });
}

#[test]
fn each_word_is_counted_as_soon_as_it_is_looked_up() {
    on_paused_clock(|| async {
        let tally = Tally::default();
        let text = "one two three four";
        let started = Instant::now();
        let task = tokio::spawn(tally_task(words(text), tally.clone()));
        // Lookups end at 2, 4, 6 and 8 ms; look in between, at 1, 3, 5 and 7 ms.
        let mut seen = Vec::new();
        for at_ms in [1, 3, 5, 7] {
            sleep(Duration::from_millis(at_ms) - started.elapsed()).await;
            seen.push(total(&tally));
        }
        let counted = require_joined(task.await);
        let took = started.elapsed();
        require(counted == 4 && total(&tally) == 4, || {
            format!(
                "tally_task of {text:?} finished with {counted} and the tally holds {:?}; \
                 expected 4 and each word once.",
                snapshot(&tally)
            )
        });
        require(seen == [0, 1, 2, 3], || {
            format!(
                "a spawned tally_task of four words (each lookup takes {}) had counted {seen:?} \
                 words at 1, 3, 5 and 7 ms; expected [0, 1, 2, 3]: each word counted as soon \
                 as its lookup is done.{}",
                ms(LOOKUP_TIME),
                if seen.iter().all(|&count| count == 0) {
                    " Yours counted nothing until the end: update the tally inside the loop, \
                     one word at a time, locking it just for that update."
                } else if seen.first().is_some_and(|&count| count > 0) || seen[1] > 1 {
                    " Yours counted several words at once: look the words up one after \
                     another, as tally_words does."
                } else {
                    ""
                }
            )
        });
        let drawn = || timed_call("a spawned tally_task of four words", took, lookups(4));
        require_seen(about(took, lookups(4)), drawn, || {
            format!(
                "the tally task of four words finished after {}; four lookups take {}.",
                ms(took),
                ms(lookups(4))
            )
        });
    });
}

#[test]
fn tally_tasks_spawned_together_take_turns_with_the_tally() {
    on_paused_clock(|| async {
        let tally = Tally::default();
        let texts = [
            "red green blue red",
            "Green, red; blue.",
            "BLUE blue green red",
        ];
        let started = Instant::now();
        let tasks: Vec<_> = texts
            .iter()
            .map(|text| tokio::spawn(tally_task(words(text), tally.clone())))
            .collect();
        let mut counted = Vec::new();
        for task in tasks {
            counted.push(require_joined(task.await));
        }
        let took = started.elapsed();
        require(counted == [4, 3, 4], || {
            format!(
                "three tally tasks spawned together for {texts:?} finished with {counted:?}; \
                 expected [4, 3, 4]."
            )
        });
        let want = counts(&[("blue", 4), ("green", 3), ("red", 4)]);
        let got = snapshot(&tally);
        require(got == want, || {
            format!(
                "three tally tasks spawned together for {texts:?} left the tally at {got:?}; \
                 expected {want:?}. Every task adds to the one shared tally — none may \
                 overwrite what the others counted."
            )
        });
        let drawn = || timed_call("three tally tasks spawned together", took, lookups(4));
        require_seen(about(took, lookups(4)), drawn, || {
            format!(
                "three tally tasks spawned together, with at most four words each, took {}; \
                 each task looks its words up one after another, and the tasks wait for \
                 their lookups at the same time, so together they take {}, as long as the \
                 longest task.",
                ms(took),
                ms(lookups(4))
            )
        });
    });
}

#[test]
fn tally_tasks_can_be_spawned_on_a_multi_thread_runtime() {
    on_worker_threads(|| async {
        let tally = Tally::default();
        let text = "Rust tokio async await, Tokio RUST; spawn send sync pin poll wake tokio";
        let tasks_count: u32 = 6;
        let started = std::time::Instant::now();
        let tasks: Vec<_> = (0..tasks_count)
            .map(|_| tokio::spawn(tally_task(words(text), tally.clone())))
            .collect();
        let mut counted = Vec::new();
        for task in tasks {
            counted.push(require_joined(task.await));
        }
        let took = started.elapsed();
        let each = words(text).len();
        require(counted.iter().all(|&count| count == each), || {
            format!(
                "{tasks_count} tally tasks of {each} words each, spawned on two worker \
                 threads, finished with {counted:?}."
            )
        });
        let mut want: HashMap<&str, usize> = HashMap::new();
        for (word, count) in [
            ("rust", 2),
            ("tokio", 3),
            ("async", 1),
            ("await", 1),
            ("spawn", 1),
            ("send", 1),
            ("sync", 1),
            ("pin", 1),
            ("poll", 1),
            ("wake", 1),
        ] {
            want.insert(word, count * tasks_count as usize);
        }
        let want = counts(&want.into_iter().collect::<Vec<_>>());
        let got = snapshot(&tally);
        require(got == want, || {
            format!(
                "{tasks_count} tally tasks spawned on two worker threads left the tally at \
                 {got:?}; expected {want:?}. Some counts were lost or doubled."
            )
        });
        // Real time: lookups cannot finish early, so this is a safe lower bound.
        let least = LOOKUP_TIME * each as u32;
        let drawn = || timed_call("the tally tasks (real time)", took, least);
        require_seen(took >= least, drawn, || {
            format!(
                "{tasks_count} tally tasks of {each} words took {:.1} ms of real time, less \
                 than {each} lookups one after another ({:.1} ms): each task must look its \
                 words up one at a time, with `look_up(word).await`.",
                took.as_secs_f64() * 1000.0,
                least.as_secs_f64() * 1000.0
            )
        });
    });
}
