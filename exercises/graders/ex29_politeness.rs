//! Grader for exercise 29 — a per-host politeness limiter. Used unchanged by
//! `solutions/`.
//!
//! Every check runs on the paused clock and notes the virtual moment each turn was
//! given, so start times are exact: a global limiter, a lock held while sleeping, or no
//! limiter at all each give different, recognisable times.

use crate::ex29_politeness::HostLimiter;
use futures::future::join_all;
use harness::grade::{on_paused_clock, require, secs};
use std::sync::Arc;
use std::time::Duration;
use tokio::time::{Instant, sleep};

/// Asks for a turn for each host in `hosts`, all at once (in that order), and returns
/// each request's host and the milliseconds after the start at which its turn came.
async fn turns(limiter: &HostLimiter, hosts: &[&'static str]) -> Vec<(&'static str, u128)> {
    let started = Instant::now();
    join_all(hosts.iter().map(|&host| async move {
        limiter.wait_turn(host).await;
        (host, started.elapsed().as_millis())
    }))
    .await
}

fn diagnose(got: &[(&str, u128)], expected: &[(&str, u128)]) -> &'static str {
    // A host's first request was held up by requests to other hosts.
    let held_up = got
        .iter()
        .enumerate()
        .any(|(i, &(host, ms))| ms > 0 && !got[..i].iter().any(|&(earlier, _)| earlier == host));
    let mut times: Vec<u128> = got.iter().map(|&(_, ms)| ms).collect();
    times.sort_unstable();
    times.dedup();
    if got.iter().all(|&(_, ms)| ms == 0) {
        " — nobody waited: the limiter let every request through at once."
    } else if times.len() == got.len() && expected.iter().any(|&(h, _)| h != expected[0].0) {
        " — every request waited for the one before, whatever its host: one delay for \
         all hosts (a global limiter), or a lock held while sleeping. Each host needs its \
         own next free moment, and the lock must be released before the sleep."
    } else if held_up {
        " — the first request to a host waited for requests to other hosts: is a lock \
         held while sleeping? Reserve the turn under the lock, release it, then sleep."
    } else {
        ""
    }
}

#[test]
fn turns_for_one_host_are_spaced_by_the_delay() {
    on_paused_clock(|| async {
        let limiter = HostLimiter::new(secs(1.0));
        let got = turns(&limiter, &["a", "a", "a"]).await;
        let expected = [("a", 0), ("a", 1000), ("a", 2000)];
        require(got == expected, || {
            format!(
                "three requests to host a at once, delay 1 s, got their turns at {got:?} (ms); \
                 expected {expected:?}: the first at once, each next one 1 s later{}",
                diagnose(&got, &expected)
            )
        });
    });
}

#[test]
fn other_hosts_are_never_held_up() {
    on_paused_clock(|| async {
        let limiter = HostLimiter::new(Duration::from_millis(500));
        let got = turns(&limiter, &["a", "a", "b", "a", "b", "c"]).await;
        let expected = [
            ("a", 0),
            ("a", 500),
            ("b", 0),
            ("a", 1000),
            ("b", 500),
            ("c", 0),
        ];
        require(got == expected, || {
            format!(
                "requests to hosts a, a, b, a, b, c at once, delay 0.5 s, got their turns at \
                 {got:?} (ms); expected {expected:?}: each host spaced on its own, the first \
                 request to a host at once{}",
                diagnose(&got, &expected)
            )
        });
    });
}

#[test]
fn the_delay_counts_from_the_previous_turn() {
    on_paused_clock(|| async {
        let limiter = HostLimiter::new(secs(1.0));
        let started = Instant::now();
        let at = || started.elapsed().as_millis();
        limiter.wait_turn("a").await;
        let first = at();
        sleep(secs(0.3)).await;
        limiter.wait_turn("a").await;
        let second = at();
        sleep(secs(5.0)).await;
        limiter.wait_turn("a").await;
        let third = at();
        let got = [first, second, third];
        let expected = [0, 1000, 6000];
        require(got == expected, || {
            format!(
                "with a delay of 1 s, a turn for host a at 0 s, another asked for at 0.3 s, \
                 and a third asked for 5 s after that came at {got:?} ms; expected \
                 {expected:?}: the second waits only until 1 s after the first (not 1 s \
                 more), and after a quiet spell a turn comes at once."
            )
        });
    });
}

#[test]
fn one_limiter_is_shared_by_spawned_tasks() {
    on_paused_clock(|| async {
        let limiter = Arc::new(HostLimiter::new(Duration::from_millis(200)));
        let started = Instant::now();
        let mut tasks = Vec::new();
        for host in ["x", "y", "x", "y", "x"] {
            let limiter = limiter.clone();
            tasks.push(tokio::spawn(async move {
                limiter.wait_turn(host).await;
                (host, started.elapsed().as_millis())
            }));
        }
        let mut got = Vec::new();
        for task in tasks {
            match task.await {
                Ok(turn) => got.push(turn),
                Err(error) => std::panic::resume_unwind(error.into_panic()),
            }
        }
        got.sort_unstable();
        let expected = [("x", 0), ("x", 200), ("x", 400), ("y", 0), ("y", 200)];
        require(got == expected, || {
            format!(
                "five spawned tasks sharing one Arc<HostLimiter> (delay 0.2 s) for hosts x, y, \
                 x, y, x got their turns at {got:?} (ms, sorted); expected {expected:?}.{}",
                diagnose(&got, &expected)
            )
        });
    });
}
