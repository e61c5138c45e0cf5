//! Grader for exercise 8 — a future completed by another task. Used unchanged by
//! `solutions/`.
//!
//! Some checks play the other side of the channel themselves: the grader's own task
//! sends a value, or drops the sender, at a moment of its choosing.

use crate::ex08_oneshot::{WorkerGone, start_worker, wait_for_reply};
use harness::format_secs;
use harness::grade::{about, on_paused_clock, require, require_seen, secs, timed};
use harness::picture::timed_call;
use tokio::sync::oneshot;
use tokio::time::sleep;

#[test]
fn start_worker_returns_at_once_and_the_square_arrives_a_second_later() {
    on_paused_clock(|| async {
        let (answer, took) = timed(start_worker(7)).await;
        require(answer == Ok(49), || {
            format!(
                "awaiting the receiver of start_worker(7) gave {answer:?}; expected Ok(49), \
                 7 × 7. (Err means the sender was dropped without sending.)"
            )
        });
        let seen = || timed_call("awaiting start_worker(7)'s receiver", took, secs(1.0));
        require_seen(about(took, secs(1.0)), seen, || {
            format!(
                "the answer of start_worker(7) arrived after {} of virtual time; the worker \
                 takes 1.00 s (WORK_TIME), so it should arrive then.{}",
                format_secs(took),
                if took.is_zero() {
                    " Did the worker skip its wait, or block a thread instead of using \
                     tokio::time::sleep?"
                } else {
                    ""
                }
            )
        });
    });
}

#[test]
fn the_worker_works_while_nobody_waits_for_it() {
    on_paused_clock(|| async {
        let reply = start_worker(12);
        // Nobody awaits the receiver for 1.5 s: a spawned worker is done by then.
        sleep(secs(1.5)).await;
        let (answer, took) = timed(reply).await;
        require(answer == Ok(144), || {
            format!("the receiver of start_worker(12) gave {answer:?}; expected Ok(144).")
        });
        let seen = || {
            timed_call(
                "awaiting start_worker(12)'s receiver 1.5 s later",
                took,
                secs(0.0),
            )
        };
        require_seen(took.is_zero(), seen, || {
            format!(
                "1.50 s after start_worker(12), the answer still took another {} to arrive: \
                 the worker only began once someone awaited the receiver. Spawn it with \
                 `tokio::spawn`, so it runs on its own.",
                format_secs(took)
            )
        });
    });
}

#[test]
fn wait_for_reply_gives_the_value_when_another_task_sends_it() {
    on_paused_clock(|| async {
        let (reply_to, reply) = oneshot::channel();
        tokio::spawn(async move {
            sleep(secs(2.0)).await;
            let _ = reply_to.send(5);
        });
        let (answer, took) = timed(wait_for_reply(reply)).await;
        require(answer == Ok(5), || {
            format!(
                "another task sent 5 after 2 s; wait_for_reply returned {answer:?}, \
                 expected Ok(5)."
            )
        });
        let seen = || timed_call("wait_for_reply (5 sent after 2 s)", took, secs(2.0));
        require_seen(about(took, secs(2.0)), seen, || {
            format!(
                "another task sent 5 after 2 s; wait_for_reply returned after {} of virtual \
                 time. It should wait exactly until the value is sent, 2.00 s.",
                format_secs(took)
            )
        });
    });
}

#[test]
fn wait_for_reply_reports_a_worker_that_gave_up() {
    on_paused_clock(|| async {
        let (reply_to, reply) = oneshot::channel::<u64>();
        tokio::spawn(async move {
            sleep(secs(1.5)).await;
            drop(reply_to);
        });
        let (answer, took) = timed(wait_for_reply(reply)).await;
        require(answer == Err(WorkerGone), || {
            format!(
                "another task dropped the sender after 1.5 s without sending; wait_for_reply \
                 returned {answer:?}, expected Err(WorkerGone)."
            )
        });
        let seen = || {
            timed_call(
                "wait_for_reply (sender dropped after 1.5 s)",
                took,
                secs(1.5),
            )
        };
        require_seen(about(took, secs(1.5)), seen, || {
            format!(
                "the sender was dropped after 1.5 s; wait_for_reply returned after {} of \
                 virtual time, but should notice at once, at 1.50 s.",
                format_secs(took)
            )
        });

        let (reply_to, reply) = oneshot::channel::<u64>();
        drop(reply_to);
        let answer = wait_for_reply(reply).await;
        require(answer == Err(WorkerGone), || {
            format!(
                "with the sender dropped before anyone waited, wait_for_reply returned \
                 {answer:?}; expected Err(WorkerGone)."
            )
        });
    });
}

#[test]
fn start_worker_and_wait_for_reply_work_together() {
    on_paused_clock(|| async {
        let (answer, took) = timed(wait_for_reply(start_worker(9))).await;
        let seen = || timed_call("wait_for_reply(start_worker(9))", took, secs(1.0));
        require_seen(answer == Ok(81) && about(took, secs(1.0)), seen, || {
            format!(
                "wait_for_reply(start_worker(9)) returned {answer:?} after {}; expected \
                 Ok(81) after 1.00 s.",
                format_secs(took)
            )
        });
    });
}
