//! Grader for exercise 25 — an event that releases every waiter. Used unchanged by
//! `solutions/`.
//!
//! Waiters note the moment they were released, on the paused clock. One check polls a
//! `wait()` by hand (with tokio-test's mock task) to see whether it sleeps until `set`
//! wakes it or keeps asking to be polled again.

use crate::ex25_event::Event;
use harness::format_secs;
use harness::grade::{about, on_paused_clock, require, require_seen, secs, timed};
use harness::picture::timed_call;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::Poll;
use tokio::time::{Instant, sleep, timeout};

#[test]
fn a_new_event_is_clear_and_set_sets_it() {
    on_paused_clock(|| async {
        let event = Event::new();
        require(!event.is_set(), || {
            "a new Event said is_set() == true; a new event is not set.".to_string()
        });
        event.set();
        require(event.is_set(), || {
            "after set(), is_set() was false.".to_string()
        });
        event.set();
        require(event.is_set(), || {
            "after set() twice, is_set() was false; setting a set event keeps it set.".to_string()
        });
        event.clear();
        require(!event.is_set(), || {
            "after clear(), is_set() was still true.".to_string()
        });
    });
}

#[test]
fn a_waiter_sleeps_until_set_wakes_it() {
    on_paused_clock(|| async {
        let event = Event::new();
        let mut waiting = tokio_test::task::spawn(event.wait());
        require(waiting.poll().is_pending(), || {
            "wait() on an event that was never set returned at once.".to_string()
        });
        // A second of nothing happening: a wait() that sleeps properly is not woken.
        sleep(secs(1.0)).await;
        require(!waiting.is_woken(), || {
            "while the event stayed unset, wait() asked to be polled again: it checks the \
             flag in a loop (yield_now, or a short sleep) instead of sleeping until set() \
             wakes it. Let the tool wake you: `watch::Receiver::wait_for`, or \
             `Notify::notified`."
                .to_string()
        });
        require(waiting.poll().is_pending(), || {
            "wait() returned although the event was never set.".to_string()
        });
        event.set();
        require(waiting.is_woken(), || {
            "set() did not wake the task sleeping in wait(): it would sleep on for ever. The \
             waiter must be registered with something that set() rings."
                .to_string()
        });
        require(matches!(waiting.poll(), Poll::Ready(())), || {
            "after set() woke it, wait() still did not return.".to_string()
        });
    });
}

#[test]
fn every_waiter_is_released_the_moment_the_event_is_set() {
    on_paused_clock(|| async {
        let event = Arc::new(Event::new());
        let since = Instant::now();
        let waiters: Vec<_> = (0..3)
            .map(|_| {
                let event = Arc::clone(&event);
                tokio::spawn(async move {
                    event.wait().await;
                    Instant::now() - since
                })
            })
            .collect();
        sleep(secs(2.0)).await;
        event.set();
        let mut released = Vec::new();
        for waiter in waiters {
            match timeout(secs(10.0), waiter).await {
                Ok(Ok(at)) => released.push(at),
                Ok(Err(error)) => std::panic::resume_unwind(error.into_panic()),
                Err(_) => {}
            }
        }
        require(released.len() == 3, || {
            format!(
                "three tasks waited and the event was set at 2.00 s, but only {} of them were \
                 released (within 10 s). set() must wake every waiter{}.",
                released.len(),
                if released.len() == 1 {
                    " — Notify::notify_one wakes a single one"
                } else {
                    ""
                }
            )
        });
        let early = released.iter().find(|&&at| at < secs(2.0));
        require(early.is_none(), || {
            format!(
                "a waiter was released at {}, before the event was set at 2.00 s.",
                format_secs(early.copied().unwrap_or_default())
            )
        });
        let late = released.iter().find(|&&at| !about(at, secs(2.0)));
        require(late.is_none(), || {
            format!(
                "the event was set at 2.00 s, but a waiter was released only at {}; every \
                 waiter should be released at that moment.",
                format_secs(late.copied().unwrap_or_default())
            )
        });
    });
}

#[test]
fn a_waiter_arriving_after_set_passes_at_once() {
    on_paused_clock(|| async {
        let event = Event::new();
        // Nobody is waiting when the event is set.
        event.set();
        for which in ["a wait()", "a second wait()"] {
            let passed = timeout(secs(5.0), timed(event.wait())).await;
            require(passed.is_ok(), || {
                format!(
                    "set() was called while nobody was waiting, and {which} afterwards did not \
                     return: the event forgot it had been set. (A watch channel's \
                     `Sender::send` fails and stores nothing when no receiver is alive — \
                     `send_replace` always stores; `Notify::notify_waiters` wakes only the \
                     tasks waiting at that moment.)"
                )
            });
            let took = passed.map(|((), took)| took).unwrap_or_default();
            require_seen(
                took.is_zero(),
                || timed_call(which, took, secs(0.0)),
                || {
                    format!(
                        "{which} on an event that was already set took {}; it should return at \
                     once.",
                        format_secs(took)
                    )
                },
            );
        }
    });
}

#[test]
fn clear_makes_new_waiters_wait_for_the_next_set() {
    on_paused_clock(|| async {
        let event = Arc::new(Event::new());
        event.set();
        event.clear();
        let since = Instant::now();
        let waiter = {
            let event = Arc::clone(&event);
            tokio::spawn(async move {
                event.wait().await;
                Instant::now() - since
            })
        };
        sleep(secs(1.0)).await;
        require(!waiter.is_finished(), || {
            "after set() and then clear(), a new waiter was let through: a cleared event \
             waits for the next set()."
                .to_string()
        });
        event.set();
        let released = timeout(secs(10.0), waiter).await;
        let at = match released {
            Ok(Ok(at)) => at,
            Ok(Err(error)) => std::panic::resume_unwind(error.into_panic()),
            Err(_) => {
                require(false, || {
                    "a waiter on a cleared event was not released when the event was set \
                     again at 1.00 s."
                        .to_string()
                });
                return;
            }
        };
        require(about(at, secs(1.0)), || {
            format!(
                "the event was set again at 1.00 s, but the waiter was released at {}.",
                format_secs(at)
            )
        });
    });
}

/// Races the first poll of a `wait()` against `set()` on another thread (see
/// `harness::race`); the round in which a `set` was lost, if any.
fn lost_set() -> Option<u64> {
    harness::race::lost_wake_up(
        || {
            let event = Arc::new(Event::new());
            let waiter = Arc::clone(&event);
            let wait = async move { waiter.wait().await };
            (
                event,
                Box::pin(wait) as Pin<Box<dyn Future<Output = ()> + Send>>,
            )
        },
        |event| event.set(),
    )
}

#[test]
fn no_set_is_lost_when_it_comes_from_another_thread() {
    harness::grade::on_worker_threads(|| async {
        let lost = tokio::task::spawn_blocking(lost_set)
            .await
            .unwrap_or_else(|error| std::panic::resume_unwind(error.into_panic()));
        require(lost.is_none(), || {
            format!(
                "with set() called on another thread at the moment a task started to wait, \
                 the set was lost (in round {}): wait() went to sleep, the flag was set, and \
                 the waiter was never woken — it would wait forever. wait() looks at the flag \
                 and starts listening in two steps, and set() slipped in between. Start \
                 listening first (create the `Notified`, or subscribe), then look at the \
                 flag — or keep the flag and the wake-up in one place: a watch channel.",
                lost.unwrap_or_default()
            )
        });
    });
}
