//! Testing async code on a paused clock: a retry-with-backoff helper, the tests that pin
//! its schedule to the millisecond, and the demo that runs a ten-minute schedule in no
//! real time and then steps through a retry one poll at a time.
//!
//! The tests at the bottom of this file are the ones the lesson shows: a
//! `#[tokio::test(start_paused = true)]` that lets auto-advance carry the clock, one that
//! moves it by hand with `tokio::time::advance` and `tokio_test::task::spawn`, a scripted
//! byte stream built with `tokio_test::io::Builder`, and the two traps of the paused
//! clock (work finished outside the runtime, and `spawn_blocking`).

use harness::Ctx;
use std::future::Future;
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncWrite, AsyncWriteExt, BufReader};
use tokio::time::Instant;

// ANCHOR: retry
/// Calls `op` until it succeeds, at most `attempts` times, sleeping between tries:
/// `first_delay` after the first failure, then twice as long after each further one.
/// Returns the first success, or the last error once every attempt has failed.
pub async fn retry<T, E, F, Fut>(mut op: F, attempts: u32, first_delay: Duration) -> Result<T, E>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, E>>,
{
    let mut delay = first_delay;
    let mut attempt = 1;
    loop {
        match op().await {
            Ok(value) => return Ok(value),
            Err(error) if attempt >= attempts => return Err(error),
            Err(_) => {
                tokio::time::sleep(delay).await;
                delay *= 2;
                attempt += 1;
            }
        }
    }
}
// ANCHOR_END: retry

// ANCHOR: ask_price
/// Asks a price server for the price of `item` ("PRICE apple\n") and reads its one-line
/// answer; gives up with `TimedOut` if no answer arrives within 5 s.
pub async fn ask_price<S>(stream: S, item: &str) -> std::io::Result<String>
where
    S: AsyncRead + AsyncWrite + Unpin,
{
    let mut stream = BufReader::new(stream);
    stream
        .write_all(format!("PRICE {item}\n").as_bytes())
        .await?;
    let mut answer = String::new();
    tokio::time::timeout(Duration::from_secs(5), stream.read_line(&mut answer))
        .await
        .map_err(|_elapsed| std::io::Error::from(std::io::ErrorKind::TimedOut))??;
    Ok(answer.trim_end().to_string())
}
// ANCHOR_END: ask_price

/// Demo `4.3.paused_clock`: a retry schedule of more than ten minutes, run on a paused
/// clock, then a retry stepped through by hand with `advance`.
pub async fn paused_clock(ctx: Ctx) {
    // On the real clock (a lesson without --instant) the demo pauses the clock itself,
    // exactly as `start_paused = true` does for a test; under --instant it already is.
    let paused_here = ctx.mode() == harness::TimeMode::Real;
    if paused_here {
        tokio::time::pause();
    }
    ten_minutes_in_no_time(&ctx).await;
    step_by_step(&ctx).await;
    if paused_here {
        tokio::time::resume();
    }
}

// ANCHOR: ten_minutes
/// A flaky operation that fails seven times, retried 8 times from a 5 s delay:
/// 5 + 10 + 20 + 40 + 80 + 160 + 320 s = 635 s of waiting.
async fn ten_minutes_in_no_time(ctx: &Ctx) {
    let real_start = std::time::Instant::now();
    let start = Instant::now();
    let mut calls = 0;
    let result: Result<u32, &str> = retry(
        || {
            calls += 1;
            let call = calls;
            let at = start.elapsed().as_secs();
            ctx.log(format!("attempt {call} at {}:{:02}", at / 60, at % 60));
            async move { if call < 8 { Err("busy") } else { Ok(call) } }
        },
        8,
        Duration::from_secs(5),
    )
    .await;
    ctx.log(format!(
        "{result:?} after {} s of virtual time",
        start.elapsed().as_secs()
    ));
    let real = real_start.elapsed();
    ctx.say(if real < Duration::from_secs(1) {
        "…and well under a second of real time: every sleep was skipped by auto-advance"
    } else {
        "…and more real time than expected: was the machine very busy?"
    });
}
// ANCHOR_END: ten_minutes

// ANCHOR: step_by_step
/// The same helper polled by hand: `tokio_test::task::spawn` wraps the future in a
/// mock task, and `advance` moves the paused clock only when told to.
async fn step_by_step(ctx: &Ctx) {
    use std::task::Poll;
    ctx.say("Stepping through retry(always fails, 3 attempts, 1 s) with advance:");
    let mut retrying = tokio_test::task::spawn(retry(
        || async { Err::<(), _>("down") },
        3,
        Duration::from_secs(1),
    ));
    let start = Instant::now();
    for millis in [0, 999, 1, 1_999, 1] {
        tokio::time::advance(Duration::from_millis(millis)).await;
        let state = match retrying.poll() {
            Poll::Pending => "Pending".to_string(),
            Poll::Ready(result) => format!("Ready({result:?})"),
        };
        let now = start.elapsed().as_millis();
        ctx.say(format!(
            "advance({millis:>4} ms) → t = {now:>4} ms, poll() = {state}"
        ));
    }
}
// ANCHOR_END: step_by_step

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::{Arc, Mutex};
    use tokio_test::{assert_pending, assert_ready};

    /// An operation that fails `failures` times, then succeeds, noting when it was called.
    fn flaky(
        failures: usize,
        calls: Arc<Mutex<Vec<Duration>>>,
    ) -> impl FnMut() -> std::future::Ready<Result<usize, &'static str>> {
        let start = Instant::now();
        move || {
            let mut calls = calls.lock().unwrap();
            calls.push(start.elapsed());
            let n = calls.len();
            std::future::ready(if n <= failures { Err("busy") } else { Ok(n) })
        }
    }

    // ANCHOR: test_schedule
    #[tokio::test(start_paused = true)]
    async fn retries_on_an_exponential_schedule() {
        let calls = Arc::new(Mutex::new(Vec::new()));
        let result = retry(flaky(3, calls.clone()), 5, Duration::from_secs(1)).await;

        assert_eq!(result, Ok(4), "the fourth call succeeds");
        let secs: Vec<u64> = calls.lock().unwrap().iter().map(|d| d.as_secs()).collect();
        // Waits of 1, 2 and 4 s: exact, because nothing but timers moved the clock.
        assert_eq!(secs, [0, 1, 3, 7]);
    }
    // ANCHOR_END: test_schedule

    // ANCHOR: test_step
    #[tokio::test(start_paused = true)]
    async fn waits_exactly_one_second_before_the_second_call() {
        let calls = Arc::new(Mutex::new(Vec::new()));
        let mut retrying = tokio_test::task::spawn(retry(
            flaky(usize::MAX, calls.clone()),
            2,
            Duration::from_secs(1),
        ));

        assert_pending!(retrying.poll()); // first call failed; now asleep
        tokio::time::advance(Duration::from_millis(999)).await;
        assert_pending!(retrying.poll()); // 1 ms early: still asleep
        assert_eq!(calls.lock().unwrap().len(), 1);

        tokio::time::advance(Duration::from_millis(1)).await;
        assert!(retrying.is_woken(), "the timer woke the task");
        let result = assert_ready!(retrying.poll()); // second call failed: give up
        assert_eq!(result, Err("busy"));
        assert_eq!(calls.lock().unwrap().len(), 2);
    }
    // ANCHOR_END: test_step

    // ANCHOR: test_io
    #[tokio::test(start_paused = true)]
    async fn asks_and_reads_a_scripted_answer() {
        let server = tokio_test::io::Builder::new()
            .write(b"PRICE apple\n") // what the code must send…
            .wait(Duration::from_secs(2)) // …a slow server…
            .read(b"1.25\n") // …and its answer
            .build();
        let start = Instant::now();
        assert_eq!(ask_price(server, "apple").await.unwrap(), "1.25");
        assert_eq!(start.elapsed(), Duration::from_secs(2));
    }

    #[tokio::test(start_paused = true)]
    async fn gives_up_on_a_silent_server_after_five_seconds() {
        let server = tokio_test::io::Builder::new()
            .write(b"PRICE pear\n")
            .wait(Duration::from_secs(60))
            .build();
        let start = Instant::now();
        let error = ask_price(server, "pear").await.unwrap_err();
        assert_eq!(error.kind(), std::io::ErrorKind::TimedOut);
        assert_eq!(start.elapsed(), Duration::from_secs(5));
    }
    // ANCHOR_END: test_io

    // ANCHOR: trap_outside_work
    /// Trap 1: the answer comes from outside the runtime (here a thread; in real tests a
    /// socket, a subprocess). The runtime sees nothing to do, so the paused clock jumps
    /// to the timeout's deadline at once — 5 s "pass" in no real time.
    #[tokio::test(start_paused = true)]
    async fn auto_advance_fires_the_timeout_while_outside_work_runs() {
        let (reply, answer) = tokio::sync::oneshot::channel();
        std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(50)); // 50 ms of real time
            let _ = reply.send("pong");
        });
        let outcome = tokio::time::timeout(Duration::from_secs(5), answer).await;
        assert!(outcome.is_err(), "timed out, though the reply took 50 ms");
    }
    // ANCHOR_END: trap_outside_work

    // ANCHOR: trap_spawn_blocking
    /// Trap 2, the other way round: while a `spawn_blocking` task runs, auto-advance is
    /// off, so the clock stands still — no timer fires until the blocking work is done.
    #[tokio::test(start_paused = true)]
    async fn spawn_blocking_holds_the_paused_clock_still() {
        let start = Instant::now();
        let blocking = tokio::task::spawn_blocking(|| {
            std::thread::sleep(Duration::from_millis(50));
            "pong"
        });
        let outcome = tokio::time::timeout(Duration::from_secs(5), blocking).await;
        assert_eq!(outcome.unwrap().unwrap(), "pong", "no timeout this time");
        assert_eq!(
            start.elapsed(),
            Duration::ZERO,
            "and no virtual time passed"
        );
    }
    // ANCHOR_END: trap_spawn_blocking

    #[tokio::test(start_paused = true)]
    async fn the_demo_runs_ten_and_a_half_minutes_of_schedule() {
        let ctx = Ctx::new(harness::TimeMode::Virtual, harness::Output::Silent);
        let start = Instant::now();
        paused_clock(ctx).await;
        // 635 s of backoff, then the stepped retry's 1 + 2 s.
        assert_eq!(start.elapsed(), Duration::from_secs(635 + 3));
    }
}
