//! A stress check for lost wake-ups, for graders of futures and events written by hand.
//!
//! A future that looks at its condition and registers for the wake-up in two separate
//! steps can miss a wake-up that lands in between: it answers `Pending`, the condition
//! becomes true, and nobody wakes the task. On the paused clock's single thread that
//! never happens, so the check runs the trigger on a second thread, round after round,
//! each round a little earlier or later relative to the poll, until the race is hit or
//! the time is up. A correct future can never fail it; a racy one is caught within a
//! few thousand rounds in practice.

use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Wake, Waker};
use std::time::{Duration, Instant};

/// How long one race check may run (real time), and how many rounds it tries at most.
const RACE_TIME: Duration = Duration::from_secs(2);
const RACE_ROUNDS: u64 = 50_000;

/// A waker that only notes that it was called.
#[derive(Default)]
struct Noted(AtomicBool);

impl Wake for Noted {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        self.0.store(true, Ordering::SeqCst);
    }
}

/// One round of a race: what the other thread gets (the gate, the event) and the future
/// this thread polls once.
pub type Round<T> = (T, Pin<Box<dyn Future<Output = ()> + Send>>);

/// Races one poll of a future against `trigger` on another thread, for up to 50,000
/// rounds or 2 s of real time. `round` makes each round's pair; `trigger` opens the gate,
/// sets the event. Returns the round in which a wake-up was lost — the poll answered
/// `Pending`, the trigger ran, and the waker was never called — if any. Call it from a
/// plain thread (`spawn_blocking`): it spins.
pub fn lost_wake_up<T: Send>(
    mut round: impl FnMut() -> Round<T>,
    trigger: impl Fn(T) + Sync,
) -> Option<u64> {
    let slot: Mutex<Option<T>> = Mutex::new(None);
    let (go, done, stop) = (AtomicU64::new(0), AtomicU64::new(0), AtomicBool::new(false));
    let spin_until = |counter: &AtomicU64, target: u64| {
        while counter.load(Ordering::Acquire) != target && !stop.load(Ordering::Acquire) {
            std::hint::spin_loop();
        }
    };
    std::thread::scope(|scope| {
        scope.spawn(|| {
            let mut number = 0;
            while !stop.load(Ordering::Acquire) {
                number += 1;
                spin_until(&go, number);
                let taken = slot.lock().ok().and_then(|mut slot| slot.take());
                if let Some(handed) = taken {
                    trigger(handed);
                }
                done.store(number, Ordering::Release);
            }
        });
        let started = Instant::now();
        let mut lost = None;
        for number in 1..=RACE_ROUNDS {
            if started.elapsed() > RACE_TIME {
                break;
            }
            let (handed, mut future) = round();
            let noted = Arc::new(Noted::default());
            let waker = Waker::from(Arc::clone(&noted));
            if let Ok(mut slot) = slot.lock() {
                *slot = Some(handed);
            }
            go.store(number, Ordering::Release);
            // Poll a little later each round, so the trigger lands at every point of it.
            for _ in 0..number % 97 {
                std::hint::spin_loop();
            }
            let answer = future.as_mut().poll(&mut Context::from_waker(&waker));
            spin_until(&done, number);
            if answer.is_pending() && !noted.0.load(Ordering::SeqCst) {
                lost = Some(number);
                break;
            }
        }
        stop.store(true, Ordering::Release);
        lost
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    // A future that loses wake-ups is caught by `verify`'s fixtures (exercises/wrong/ex12…,
    // ex25…); a unit test of it would only be as sure as the race, so here the other half:
    // a sound future is never blamed.
    #[test]
    fn a_future_that_registers_under_one_lock_never_loses_a_wake_up() {
        let sound = lost_wake_up(
            || {
                let (sender, receiver) = tokio::sync::oneshot::channel::<()>();
                let future = async move {
                    let _ = receiver.await;
                };
                (
                    sender,
                    Box::pin(future) as Pin<Box<dyn Future<Output = ()> + Send>>,
                )
            },
            |sender| {
                let _ = sender.send(());
            },
        );
        assert_eq!(sound, None, "a oneshot never loses its wake-up");
    }
}
