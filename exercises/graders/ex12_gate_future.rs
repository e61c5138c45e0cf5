//! Grader for exercise 12 — write a future by hand. Used unchanged by `solutions/`.
//!
//! Most checks play executor themselves: they poll the ticket with
//! `tokio_test::task::spawn`, a mock task that records whether its waker was called, or
//! with a waker of their own. That shows what `poll` answered and whether it left a waker
//! for `Gate::open`, one poll at a time. The last check awaits a ticket in a real (paused)
//! runtime while another task opens the gate.

use crate::ex12_gate_future::{Ticket, gate};
use harness::format_secs;
use harness::grade::{about, on_paused_clock, require, require_seen, secs, timed};
use harness::picture::timed_call;
use std::future::Future;
use std::pin::{Pin, pin};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::task::{Context, Poll, Wake, Waker};
use tokio::time::{sleep, timeout};
use tokio_test::task;

/// A waker that remembers whether it was called.
#[derive(Debug, Default)]
struct Flag(AtomicBool);

impl Wake for Flag {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        self.0.store(true, Ordering::SeqCst);
    }
}

impl Flag {
    fn was_woken(&self) -> bool {
        self.0.load(Ordering::SeqCst)
    }
}

/// Polls `ticket` once, as a task whose waker is `flag`.
fn poll_as(ticket: Pin<&mut Ticket>, flag: &Arc<Flag>) -> Poll<()> {
    let waker = Waker::from(Arc::clone(flag));
    ticket.poll(&mut Context::from_waker(&waker))
}

/// More polls than any waiting ticket needs: a future polled this often without the
/// clock moving keeps waking itself.
const TOO_MANY_POLLS: usize = 1000;

/// Awaits a future and counts how often it was polled; gives up (`Err`) after
/// `TOO_MANY_POLLS`, so a busy loop ends as a verdict instead of hanging the check.
struct Counted<F> {
    inner: Pin<Box<F>>,
    polls: usize,
}

impl<F: Future> Future for Counted<F> {
    type Output = Result<(F::Output, usize), usize>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        if self.polls == TOO_MANY_POLLS {
            return Poll::Ready(Err(self.polls));
        }
        self.polls += 1;
        let polls = self.polls;
        self.inner
            .as_mut()
            .poll(cx)
            .map(|output| Ok((output, polls)))
    }
}

const SELF_WAKE: &str = "your poll woke its own task while the gate was still closed (a call \
     to `cx.waker().wake_by_ref()`?). The executor then polls it again at once, and again: a \
     busy loop that keeps a CPU at 100 % until the gate opens. Leave the waker in the shared \
     state for `Gate::open` to call, and just answer Pending.";

#[test]
fn a_ticket_is_pending_while_its_gate_is_closed() {
    on_paused_clock(|| async {
        let (gate, ticket) = gate();
        let mut waiting = task::spawn(ticket);
        require(waiting.poll().is_pending(), || {
            "the ticket answered Ready on its first poll, but its gate is still closed. While \
             the gate is closed, poll must answer Poll::Pending."
                .to_string()
        });
        require(!waiting.is_woken(), || SELF_WAKE.to_string());

        for poll in 2..=4 {
            require(waiting.poll().is_pending(), || {
                format!(
                    "the ticket answered Ready on poll number {poll}, with its gate still \
                     closed: only an open gate makes it Ready, however often it is polled."
                )
            });
        }
        sleep(secs(5.0)).await;
        require(waiting.poll().is_pending() && !gate.is_open(), || {
            "five seconds later, with the gate still closed, the ticket answered Ready. Only \
             `Gate::open` may make it Ready — not time, not the number of polls."
                .to_string()
        });
    });
}

#[test]
fn opening_the_gate_wakes_the_waiting_task_and_the_ticket_is_ready() {
    on_paused_clock(|| async {
        let (gate, ticket) = gate();
        let mut waiting = task::spawn(ticket);
        require(waiting.poll().is_pending(), || {
            "the ticket answered Ready while its gate was closed; it must answer Pending."
                .to_string()
        });
        require(!waiting.is_woken(), || SELF_WAKE.to_string());

        gate.open();
        require(waiting.is_woken(), || {
            "the gate was opened while a task waited for it, but that task was never woken. \
             Before answering Pending, poll must store `cx.waker().clone()` in the shared \
             state, where `Gate::open` takes it and calls it. Without that wake-up the \
             executor never polls the ticket again, and `ticket.await` hangs forever."
                .to_string()
        });
        require(waiting.poll().is_ready(), || {
            "after its gate was opened (and the task woken), the ticket still answered \
             Pending; now it should answer Poll::Ready(())."
                .to_string()
        });
    });
}

#[test]
fn a_ticket_whose_gate_is_already_open_is_ready_at_once() {
    on_paused_clock(|| async {
        let (gate, ticket) = gate();
        // Any clone of the gate opens it.
        gate.clone().open();
        let mut waiting = task::spawn(ticket);
        require(waiting.poll().is_ready(), || {
            "the gate was opened before the ticket was first polled, so the first poll should \
             answer Poll::Ready(()) straight away — nobody will open it again to wake you."
                .to_string()
        });
    });
}

#[test]
fn each_poll_leaves_the_waker_of_the_task_polling_now() {
    on_paused_clock(|| async {
        let (gate, ticket) = gate();
        let mut ticket = pin!(ticket);
        let (first, second) = (Arc::new(Flag::default()), Arc::new(Flag::default()));
        let answers = (
            poll_as(ticket.as_mut(), &first),
            poll_as(ticket.as_mut(), &second),
        );
        require(answers.0.is_pending() && answers.1.is_pending(), || {
            format!(
                "with the gate closed, the ticket answered {answers:?} to two polls; both \
                 must be Pending."
            )
        });
        require(!first.was_woken() && !second.was_woken(), || {
            SELF_WAKE.to_string()
        });

        gate.open();
        require(second.was_woken(), || {
            format!(
                "the ticket was polled by one task and then by another — as happens when a \
                 future is handed on, say into a `FuturesUnordered`, which gives each future \
                 its own waker. When the gate opened, {}. Every poll must store its own \
                 `cx.waker().clone()`, replacing the one before, not only the first poll.",
                if first.was_woken() {
                    "only the first task was woken, and the second, the one actually waiting, \
                     never heard of it"
                } else {
                    "neither task was woken"
                }
            )
        });
        require(poll_as(ticket.as_mut(), &second).is_ready(), || {
            "after the gate opened, the ticket still answered Pending; it should be Ready."
                .to_string()
        });
    });
}

#[test]
fn awaiting_a_ticket_resumes_when_another_task_opens_the_gate() {
    on_paused_clock(|| async {
        let (gate, ticket) = gate();
        let opener = tokio::spawn(async move {
            sleep(secs(1.0)).await;
            gate.open();
        });
        let counted = Counted {
            inner: Box::pin(ticket),
            polls: 0,
        };
        let (outcome, took) = timed(timeout(secs(10.0), counted)).await;
        opener.abort();
        // A ticket whose task is never woken is polled again only when the timeout's
        // own timer wakes the task, at 10 s: then it finds the gate open, or not.
        require(outcome.is_ok() && took < secs(10.0), || {
            "another task opened the gate after 1.00 s, but `ticket.await` was still \
             waiting 10 s later: the waiting task was never woken. Store \
             `cx.waker().clone()` before answering Pending, so that `Gate::open` can call \
             it."
            .to_string()
        });
        let polls = match outcome {
            Ok(Ok(((), polls))) => polls,
            Ok(Err(polls)) => {
                require(false, || {
                    format!(
                        "`ticket.await` was polled {polls} times without the clock moving at \
                         all: it keeps waking itself, so the runtime is never idle and polls \
                         it again and again — a busy loop. Don't call the waker in poll; \
                         leave it for `Gate::open`."
                    )
                });
                return;
            }
            Err(_elapsed) => return,
        };
        require_seen(
            about(took, secs(1.0)),
            || timed_call("ticket.await", took, secs(1.0)),
            || {
                format!(
                    "`ticket.await` finished after {} of virtual time; another task opened the \
                 gate after 1.00 s, and that is when it should finish.",
                    format_secs(took)
                )
            },
        );
        require(polls <= 3, || {
            format!(
                "waiting one second for the gate, the ticket was polled {polls} times; two \
                 polls are enough (Pending, then Ready once woken). Extra polls mean it woke \
                 itself without reason."
            )
        });
    });
}

/// Races one poll of a ticket against `Gate::open` on another thread (see
/// `harness::race`); the round in which a wake-up was lost, if any.
fn lost_wake_up() -> Option<u64> {
    harness::race::lost_wake_up(
        || {
            let (gate, ticket) = gate();
            (
                gate,
                Box::pin(ticket) as Pin<Box<dyn Future<Output = ()> + Send>>,
            )
        },
        |gate| gate.open(),
    )
}

#[test]
fn no_wake_up_is_lost_when_the_gate_opens_on_another_thread() {
    harness::grade::on_worker_threads(|| async {
        let lost = tokio::task::spawn_blocking(lost_wake_up)
            .await
            .unwrap_or_else(|error| std::panic::resume_unwind(error.into_panic()));
        require(lost.is_none(), || {
            format!(
                "with Gate::open called on another thread at the moment the ticket was \
                 polled, a wake-up was lost (in round {}): poll answered Pending, the gate \
                 opened, and the waiting task was never woken — it would sleep forever. \
                 Your poll looks at `open` and stores the waker in two steps, and `open` \
                 slipped in between: it found no waker to call. Do both under one lock.",
                lost.unwrap_or_default()
            )
        });
    });
}
