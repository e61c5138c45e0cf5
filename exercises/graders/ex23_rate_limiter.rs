//! Grader for exercise 23 — a rate limiter, checked by its timestamps. Used unchanged by
//! `solutions/`.
//!
//! Every request notes the moment its `acquire` returned; on the paused clock those
//! start times are exact, so the grader compares them with the schedule to the
//! millisecond.

use crate::ex23_rate_limiter::RateLimiter;
use futures::future::join_all;
use harness::grade::{about, on_paused_clock, require_seen, secs, timed};
use harness::picture::{Picture, span, timed_call};
use std::sync::Arc;
use std::time::Duration;
use tokio::time::{Instant, sleep};

/// `count` requests asking `limiter` at once; the moments they may start, from `since`,
/// earliest first.
async fn starts(limiter: &RateLimiter, count: usize, since: Instant) -> Vec<Duration> {
    let mut starts = join_all((0..count).map(|_| async {
        limiter.acquire().await;
        Instant::now() - since
    }))
    .await;
    starts.sort_unstable();
    starts
}

fn shown(times: &[Duration]) -> String {
    let parts: Vec<String> = times
        .iter()
        .map(|time| format!("{:.2}", time.as_secs_f64()))
        .collect();
    format!("[{}] s", parts.join(", "))
}

fn schedule(first: f64, every: f64, count: usize) -> Vec<Duration> {
    (0..count)
        .map(|index| secs(first + every * index as f64))
        .collect()
}

/// The starts of a failing check, each drawn as a 10 ms mark on one time scale: the
/// learner's above the schedule. Long runs show their first ten requests and the last.
fn picture(got: &[Duration], want: &[Duration]) -> Picture {
    let marks = |starts: &[Duration]| {
        let marks = starts.iter().enumerate().map(|(index, start)| {
            let start = start.as_secs_f64();
            span(format!("request {}", index + 1), start, start + 0.01)
        });
        let mut marks: Vec<_> = marks.collect();
        if marks.len() > 12 {
            marks.drain(10..marks.len() - 1);
        }
        marks
    };
    Picture::new()
        .spans("your run: when each request's acquire returned", marks(got))
        .spans("expected: one start every turn of the rate", marks(want))
}

/// Fails unless `got` matches `want` to the millisecond, saying how it differs.
fn require_schedule(what: &str, got: &[Duration], want: &[Duration], every: f64) {
    let matches = got.len() == want.len() && got.iter().zip(want).all(|(&g, &w)| about(g, w));
    require_seen(
        matches,
        || picture(got, want),
        || {
            let first = want.first().copied().unwrap_or_default();
            let diagnosis = if got.iter().all(|&start| about(start, first)) {
                " They all started together: the limiter let them through without waiting."
                    .to_string()
            } else if got.first().is_some_and(|&start| !about(start, first)) {
                format!(
                    " The first one waited {:.2} s; with no request before it, it should start \
                 at once. Wait for the booked turn, not a fixed time on every call.",
                    (got[0] - first.min(got[0])).as_secs_f64()
                )
            } else if got.len() >= 2 {
                let gap = got[1].saturating_sub(got[0]);
                format!(
                    " They started {:.2} s apart; at this rate they start {every:.2} s apart.",
                    gap.as_secs_f64()
                )
            } else {
                String::new()
            };
            format!(
                "{what} started at {}; expected {}.{diagnosis}",
                shown(got),
                shown(want)
            )
        },
    );
}

#[test]
fn the_first_request_starts_at_once() {
    on_paused_clock(|| async {
        let limiter = RateLimiter::new(2);
        let ((), took) = timed(limiter.acquire()).await;
        let seen = || timed_call("the first acquire", took, Duration::ZERO);
        require_seen(took.is_zero(), seen, || {
            format!(
                "the first acquire of a new RateLimiter::new(2) waited {:.2} s of virtual \
                 time; with no request before it, it should return at once.",
                took.as_secs_f64()
            )
        });
    });
}

#[test]
fn two_per_second_start_half_a_second_apart() {
    on_paused_clock(|| async {
        let limiter = RateLimiter::new(2);
        let got = starts(&limiter, 10, Instant::now()).await;
        require_schedule(
            "ten requests asking a RateLimiter::new(2) at once",
            &got,
            &schedule(0.0, 0.5, 10),
            0.5,
        );
    });
}

#[test]
fn five_per_second_start_a_fifth_of_a_second_apart() {
    on_paused_clock(|| async {
        let limiter = RateLimiter::new(5);
        let got = starts(&limiter, 10, Instant::now()).await;
        require_schedule(
            "ten requests asking a RateLimiter::new(5) at once",
            &got,
            &schedule(0.0, 0.2, 10),
            0.2,
        );
    });
}

#[test]
fn rates_that_do_not_divide_a_second_stay_on_schedule() {
    on_paused_clock(|| async {
        // 1/3 s and 1/7 s are not whole milliseconds: a gap rounded to 333 ms or 142 ms
        // drifts a little further behind the schedule with every start.
        for (per_second, count) in [(3_u32, 31_usize), (7, 29)] {
            let limiter = RateLimiter::new(per_second);
            let got = starts(&limiter, count, Instant::now()).await;
            let every = 1.0 / f64::from(per_second);
            let want = schedule(0.0, every, count);
            let last = count - 1;
            let drifted = got.len() == count
                && got
                    .iter()
                    .zip(&want)
                    .all(|(&g, &w)| g.abs_diff(w) < secs(every / 2.0))
                && !about(got[last], want[last]);
            require_seen(
                !drifted,
                || picture(&got, &want),
                || {
                    format!(
                        "{count} requests asking a RateLimiter::new({per_second}) at once: the last \
                     started at {:.3} s; it should start at {:.3} s, {last} turns of 1/{per_second} \
                     s. The gap between starts was rounded (to whole milliseconds?), and the \
                     error grew with every start. Keep the gap exact: \
                     `Duration::from_secs(1) / per_second` (or `Duration::from_secs_f64`).",
                        got[last].as_secs_f64(),
                        want[last].as_secs_f64()
                    )
                },
            );
            require_schedule(
                &format!("{count} requests asking a RateLimiter::new({per_second}) at once"),
                &got,
                &want,
                every,
            );
        }
    });
}

#[test]
fn tasks_share_one_limiter() {
    on_paused_clock(|| async {
        // Four tasks, each making three requests of 0.1 s in turn: there is always
        // someone waiting, so the twelve starts follow the rate exactly.
        let limiter = Arc::new(RateLimiter::new(2));
        let since = Instant::now();
        let tasks: Vec<_> = (0..4)
            .map(|_| {
                let limiter = Arc::clone(&limiter);
                tokio::spawn(async move {
                    let mut starts = Vec::new();
                    for _ in 0..3 {
                        limiter.acquire().await;
                        starts.push(Instant::now() - since);
                        sleep(secs(0.1)).await;
                    }
                    starts
                })
            })
            .collect();
        let mut got = Vec::new();
        for task in tasks {
            match task.await {
                Ok(starts) => got.extend(starts),
                // A panic in acquire: reported as the learner's panic.
                Err(error) => std::panic::resume_unwind(error.into_panic()),
            }
        }
        got.sort_unstable();
        require_schedule(
            "four tasks sharing one RateLimiter::new(2) (in an Arc), each making three \
             requests in turn,",
            &got,
            &schedule(0.0, 0.5, 12),
            0.5,
        );
    });
}

#[test]
fn a_quiet_spell_earns_no_burst() {
    on_paused_clock(|| async {
        let limiter = RateLimiter::new(2);
        let since = Instant::now();
        limiter.acquire().await;
        sleep(secs(3.0)).await;
        let got = starts(&limiter, 4, since).await;
        let want = schedule(3.0, 0.5, 4);
        let burst = got.iter().filter(|&&start| about(start, secs(3.0))).count();
        require_seen(
            burst <= 1,
            || picture(&got, &want),
            || {
                format!(
                    "after one request at 0 s and a quiet spell until 3 s, four requests asking a \
                 RateLimiter::new(2) at once started at {}: {burst} of them together. The \
                 turns nobody used while it was quiet must not pile up; after a quiet spell \
                 the next request starts at once and the rest follow 0.50 s apart, {}.",
                    shown(&got),
                    shown(&want)
                )
            },
        );
        require_schedule(
            "after a quiet spell from 0 to 3 s, four requests asking a RateLimiter::new(2) at once",
            &got,
            &want,
            0.5,
        );
    });
}
