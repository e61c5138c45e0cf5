//! Helpers for the exercise graders: run the learner's code on a paused clock, and turn
//! every way it can go wrong into one clear message.
//!
//! Graders could use `#[tokio::test(start_paused = true)]` directly, but a learner's
//! endless loop that never reaches an `.await` would then hang the whole test run. So
//! [`on_paused_clock`] builds the same paused runtime on a thread of its own and waits
//! for it with a wall-clock limit. It also tells the learner's panics (a `todo!()` not
//! yet replaced) apart from the grader's own verdicts.

use std::any::Any;
use std::cell::Cell;
use std::future::Future;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;
use tokio::time::Instant;

/// A listener on 127.0.0.1 (a free port) for the learner's server, and its address.
///
/// Its connections send small writes at once: Linux gives each accepted socket the
/// listener's `TCP_NODELAY`. With Nagle's algorithm on, a second small write (a line,
/// then its newline) waits for the peer's delayed ACK — real milliseconds in which the
/// paused clock, seeing nothing to do, jumps to the grader's next timer, and a correct
/// server looks silent. Clients should `set_nodelay(true)` too. Fails the check if the
/// machine cannot listen. Call it inside the grader's runtime.
pub fn loopback_listener() -> (tokio::net::TcpListener, std::net::SocketAddr) {
    let listen = || {
        let socket = tokio::net::TcpSocket::new_v4()?;
        socket.set_nodelay(true)?;
        socket.bind(std::net::SocketAddr::from(([127, 0, 0, 1], 0)))?;
        let listener = socket.listen(1024)?;
        let address = listener.local_addr()?;
        Ok::<_, std::io::Error>((listener, address))
    };
    let listening = listen();
    require(listening.is_ok(), || {
        format!("the grader could not listen on 127.0.0.1: {listening:?}")
    });
    listening.expect("checked above")
}

/// How long a grader may run in real time before the learner's code is declared stuck.
pub const REAL_TIME_LIMIT: Duration = Duration::from_secs(10);

/// How much virtual time a grader may use before the learner's code is declared stuck.
pub const VIRTUAL_TIME_LIMIT: Duration = Duration::from_secs(3600);

thread_local! {
    /// Set just before a grader's own verdict unwinds, so the panic is not blamed on the learner.
    static VERDICT_GIVEN: Cell<bool> = const { Cell::new(false) };
}

/// Runs a grader's check on a paused tokio clock, on a thread of its own, and fails the
/// test with a message in the learner's terms if the check fails, the learner's code
/// panics, never completes, or never yields.
pub fn on_paused_clock<F, Fut>(check: F)
where
    F: FnOnce() -> Fut + Send + 'static,
    Fut: Future<Output = ()>,
{
    on_paused_clock_within(REAL_TIME_LIMIT, check);
}

/// Runs a grader's check on a multi-thread runtime (two workers, real clock), with the
/// same guards as [`on_paused_clock`]. For checks that need tasks to move between
/// threads — that a future is `Send` and really runs when spawned there. Keep the
/// waits in such checks short: they take real time.
pub fn on_worker_threads<F, Fut>(check: F)
where
    F: FnOnce() -> Fut + Send + 'static,
    Fut: Future<Output = ()>,
{
    run_guarded(REAL_TIME_LIMIT, Clock::WorkerThreads, check);
}

fn on_paused_clock_within<F, Fut>(real_time_limit: Duration, check: F)
where
    F: FnOnce() -> Fut + Send + 'static,
    Fut: Future<Output = ()>,
{
    run_guarded(real_time_limit, Clock::Paused, check);
}

/// The runtime a check runs on.
#[derive(Debug, Clone, Copy)]
enum Clock {
    /// Current-thread, paused clock: exact virtual time.
    Paused,
    /// Multi-thread with two workers, real clock.
    WorkerThreads,
}

fn run_guarded<F, Fut>(real_time_limit: Duration, clock: Clock, check: F)
where
    F: FnOnce() -> Fut + Send + 'static,
    Fut: Future<Output = ()>,
{
    let (done, outcome) = mpsc::channel();
    let worker = std::thread::Builder::new()
        .name("grader".to_string())
        .spawn(move || {
            let result = catch_unwind(AssertUnwindSafe(|| {
                let runtime = match clock {
                    Clock::Paused => tokio::runtime::Builder::new_current_thread()
                        .enable_all()
                        .start_paused(true)
                        .build(),
                    Clock::WorkerThreads => tokio::runtime::Builder::new_multi_thread()
                        .worker_threads(2)
                        .enable_all()
                        .build(),
                }
                .expect("a tokio runtime can always be built");
                runtime.block_on(async { tokio::time::timeout(VIRTUAL_TIME_LIMIT, check()).await })
            }));
            let blame = if VERDICT_GIVEN.get() {
                Blame::Grader
            } else {
                Blame::Learner
            };
            // The receiver is gone only if the wall-clock limit already failed the test.
            let _ = done.send(result.map_err(|payload| (blame, panic_message(payload.as_ref()))));
        });
    if let Err(error) = worker {
        panic!("the grader could not start a thread: {error}");
    }
    match outcome.recv_timeout(real_time_limit) {
        Ok(Ok(Ok(()))) => {}
        Ok(Ok(Err(_elapsed))) => panic!(
            "your code was still waiting after {} s of virtual time, so it would never \
             finish: is something awaited that nobody ever completes?",
            VIRTUAL_TIME_LIMIT.as_secs()
        ),
        Ok(Err((Blame::Grader, message))) => panic!("{message}"),
        Ok(Err((Blame::Learner, message))) => panic!("{}", explain_learner_panic(&message)),
        Err(RecvTimeoutError::Timeout) => panic!(
            "your code was still running after {:.1} s of real time without letting the clock \
             move: an endless loop that never reaches an `.await`, or a blocking call such as \
             std::thread::sleep?",
            real_time_limit.as_secs_f64()
        ),
        Err(RecvTimeoutError::Disconnected) => {
            panic!("the grader's thread ended without a result (this is a workbook bug)")
        }
    }
}

#[derive(Debug, Clone, Copy)]
enum Blame {
    Grader,
    Learner,
}

/// Fails the grader with `message` unless `ok`. Use it for every verdict, so the failure
/// is reported as the grader's judgement and not as a crash in the learner's code.
#[track_caller]
pub fn require(ok: bool, message: impl FnOnce() -> String) {
    if !ok {
        VERDICT_GIVEN.set(true);
        panic!("{}", message());
    }
}

/// Like [`require`], for checks about time or concurrency: when the check fails, the
/// verdict starts with `picture` — what the learner's code did, beside the expected
/// shape (see [`crate::picture`]) — drawn in colour when the runner shows it on a terminal.
#[track_caller]
pub fn require_seen(
    ok: bool,
    picture: impl FnOnce() -> crate::picture::Picture,
    message: impl FnOnce() -> String,
) {
    if !ok {
        let fancy = crate::picture::in_colour();
        if fancy {
            console::set_colors_enabled(true);
        }
        let drawing = picture().render(crate::picture::WIDTH, fancy);
        VERDICT_GIVEN.set(true);
        panic!("{drawing}{}", message());
    }
}

/// What became of one piece of work a grader handed to the learner's code: when it ran
/// to its end, and when it was dropped (cancelled, or cleaned up after finishing).
/// Clone it to keep a handle; put a [`Probe`] from [`Trace::probe`] inside the work.
#[derive(Debug, Clone, Default)]
pub struct Trace(Arc<Mutex<Times>>);

#[derive(Debug, Default)]
struct Times {
    finished_at: Option<Instant>,
    dropped_at: Option<Instant>,
}

impl Trace {
    /// A probe to carry inside the work; it notes the moment it is dropped.
    pub fn probe(&self) -> Probe {
        Probe(self.clone())
    }

    /// When the work ran to its end, and when it was dropped, on tokio's clock.
    pub fn times(&self) -> (Option<Instant>, Option<Instant>) {
        let times = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        (times.finished_at, times.dropped_at)
    }
}

/// Travels inside a piece of work; see [`Trace`].
#[derive(Debug)]
pub struct Probe(Trace);

impl Probe {
    /// Notes that the work ran to its end, now.
    pub fn finish(&self) {
        let mut times = (self.0).0.lock().unwrap_or_else(PoisonError::into_inner);
        times.finished_at = Some(Instant::now());
    }
}

impl Drop for Probe {
    fn drop(&mut self) {
        let mut times = (self.0).0.lock().unwrap_or_else(PoisonError::into_inner);
        times.dropped_at = Some(Instant::now());
    }
}

/// Awaits `work` and also returns how long it took on tokio's clock.
pub async fn timed<F: Future>(work: F) -> (F::Output, Duration) {
    let started = Instant::now();
    let output = work.await;
    (output, started.elapsed())
}

/// Whether two durations agree to within a millisecond (timers have millisecond grain).
pub fn about(actual: Duration, expected: Duration) -> bool {
    actual.abs_diff(expected) <= Duration::from_millis(1)
}

/// Seconds as a [`Duration`]: `secs(1.5)`.
pub fn secs(seconds: f64) -> Duration {
    Duration::from_secs_f64(seconds)
}

/// The text of a panic payload (`&str` or `String`), or a placeholder.
pub fn panic_message(payload: &(dyn Any + Send)) -> String {
    if let Some(text) = payload.downcast_ref::<&str>() {
        text.to_string()
    } else if let Some(text) = payload.downcast_ref::<String>() {
        text.clone()
    } else {
        "(a panic without a message)".to_string()
    }
}

fn explain_learner_panic(message: &str) -> String {
    if message.starts_with("not yet implemented") {
        format!(
            "your code reached a todo!() ({message}): this part of the exercise is still to \
             be written"
        )
    } else {
        format!("your code panicked: {message}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn failure_of(check: impl FnOnce() + std::panic::UnwindSafe) -> String {
        let payload = catch_unwind(check).expect_err("the check should have failed");
        panic_message(payload.as_ref())
    }

    #[test]
    fn a_passing_check_passes_and_sees_exact_virtual_time() {
        on_paused_clock(|| async {
            let ((), took) = timed(tokio::time::sleep(secs(90.0))).await;
            require(took == secs(90.0), || format!("took {took:?}"));
        });
    }

    #[test]
    fn a_verdict_is_reported_as_written() {
        let message = failure_of(|| on_paused_clock(|| async { require(false, || "nope".into()) }));
        assert_eq!(message, "nope");
    }

    #[test]
    fn checks_on_worker_threads_can_spawn_across_threads() {
        on_worker_threads(|| async {
            let workers = tokio::runtime::Handle::current().metrics().num_workers();
            require(workers == 2, || format!("{workers} workers"));
            let answer = tokio::spawn(async { 6 * 7 }).await;
            require(matches!(answer, Ok(42)), || format!("{answer:?}"));
        });
    }

    #[test]
    fn a_todo_is_explained() {
        let message = failure_of(|| on_paused_clock(|| async { todo!() }));
        assert!(message.contains("todo!()"), "{message}");
        assert!(message.contains("still to be written"), "{message}");
    }

    #[test]
    fn a_future_that_never_completes_fails_in_virtual_time() {
        let message = failure_of(|| on_paused_clock(std::future::pending::<()>));
        assert!(message.contains("never finish"), "{message}");
    }

    #[test]
    fn an_endless_loop_fails_in_bounded_real_time() {
        // The spinning thread is left behind; it ends with the test process.
        let limit = Duration::from_millis(200);
        let message = failure_of(|| {
            on_paused_clock_within(limit, || async {
                loop {
                    std::hint::spin_loop();
                }
            })
        });
        assert!(message.contains("endless loop"), "{message}");
    }
}
