//! The demos of lesson 4.5 that run on the virtual clock: the crawler's own scheduling.
//!
//! No network here. A `sleep` stands in for each request, and everything around it is
//! the crawler's real code — [`Limits::clear_to_send`] for the permit and the host's
//! turn, [`Robots::check`] for robots.txt — so the timelines show when a crawl would
//! send each request, and `--instant` can fast-forward them. The requests are futures
//! in one `join_all` rather than spawned tasks (the crawl's way): `join_all` first polls
//! them in list order, so they queue for the fair semaphore in that order, every run.

use crate::limits::Limits;
use crate::politeness::Politeness;
use crate::robots::Robots;
use futures::future::join_all;
use harness::{Ctx, Timeline};
use std::future::Future;
use std::time::Duration;
use tokio::sync::{Semaphore, SemaphorePermit};
use tokio::time::sleep;
use url::Url;

/// A simulated request: its host, its path, and how long the server takes to answer.
type Request = (&'static str, &'static str, Duration);

/// `seconds` as a `Duration`.
fn secs(seconds: f64) -> Duration {
    Duration::from_secs_f64(seconds)
}

// ANCHOR: send
/// One request: waits until `cleared` gives a permit, then "fetches" (a sleep) with it.
async fn send<'a>(
    ctx: &Ctx,
    timeline: &Timeline,
    (host, path, takes): Request,
    cleared: impl Future<Output = SemaphorePermit<'a>>,
) {
    let _permit = cleared.await;
    ctx.log(format!("{host}{path} goes out"));
    timeline.record(format!("{host}{path}"), sleep(takes)).await;
}
// ANCHOR_END: send

// ANCHOR: turn_then_permit
/// The order the crawler used to have, kept only to show what goes wrong: the host's
/// turn first, then a permit. The turn can pass while the task waits for the permit.
async fn turn_then_permit<'a>(
    permits: &'a Semaphore,
    politeness: &Politeness,
    host: &str,
    delay: Duration,
) -> SemaphorePermit<'a> {
    politeness.wait_turn(host, delay).await;
    permits
        .acquire()
        .await
        .expect("the semaphore is never closed")
}
// ANCHOR_END: turn_then_permit

// ANCHOR: polite_schedule
/// One permit, 1 s between requests to a host: a slow page on host x holds the permit
/// for 3 s while two quick pages of host a wait.
const POLITE: [Request; 3] = [
    ("x", "/slow", Duration::from_secs(3)),
    ("a", "/1", Duration::from_millis(100)),
    ("a", "/2", Duration::from_millis(100)),
];

/// The crawler's order: [`Limits::clear_to_send`] takes the permit, then the turn.
async fn permit_first(ctx: &Ctx) -> Timeline {
    let limits = Limits::new(1);
    let delay = Duration::from_secs(1);
    let timeline = ctx.new_timeline();
    join_all(POLITE.map(|request| {
        let cleared = limits.clear_to_send(request.0, delay);
        send(ctx, &timeline, request, cleared)
    }))
    .await;
    timeline
}
// ANCHOR_END: polite_schedule

/// The same requests in the old order: the host's turn, then the permit.
async fn turn_first(ctx: &Ctx) -> Timeline {
    let (permits, politeness) = (Semaphore::new(1), Politeness::new());
    let delay = Duration::from_secs(1);
    let timeline = ctx.new_timeline();
    join_all(POLITE.map(|request| {
        let cleared = turn_then_permit(&permits, &politeness, request.0, delay);
        send(ctx, &timeline, request, cleared)
    }))
    .await;
    timeline
}

/// Demo `4.5.polite_schedule`: the turn booked before the permit, then the permit first.
pub async fn polite_schedule(ctx: Ctx) {
    ctx.say("the host's turn first, then a permit (the order the crawler used to have):");
    let timeline = turn_first(&ctx).await;
    ctx.show_timeline("turn first: a is asked twice within 0.1 s", &timeline);
    ctx.say("");
    ctx.say("a permit first, then the host's turn (Limits::clear_to_send):");
    let timeline = permit_first(&ctx).await;
    ctx.show_timeline("permit first: a is asked 1 s apart", &timeline);
}

// ANCHOR: idle_permits
/// Two permits, 1 s between requests to a host; three pages of host a are queued
/// before three of host b, and every page takes 0.2 s.
async fn two_hosts_two_permits(ctx: &Ctx) -> Timeline {
    let limits = Limits::new(2);
    let delay = Duration::from_secs(1);
    let requests: [Request; 6] = [
        ("a", "/1", secs(0.2)),
        ("a", "/2", secs(0.2)),
        ("a", "/3", secs(0.2)),
        ("b", "/1", secs(0.2)),
        ("b", "/2", secs(0.2)),
        ("b", "/3", secs(0.2)),
    ];
    let timeline = ctx.new_timeline();
    join_all(requests.map(|request| {
        let cleared = limits.clear_to_send(request.0, delay);
        send(ctx, &timeline, request, cleared)
    }))
    .await;
    timeline
}
// ANCHOR_END: idle_permits

/// Demo `4.5.idle_permits`: a permit held while its task sleeps until its host's turn.
pub async fn idle_permits(ctx: Ctx) {
    let timeline = two_hosts_two_permits(&ctx).await;
    ctx.show_timeline("two permits, two hosts, 1 s politeness", &timeline);
    ctx.say(format!(
        "{:.2} s in all; b could have gone at 0.00, 1.00 and 2.00 s.",
        timeline.elapsed().as_secs_f64()
    ));
}

// ANCHOR: slow_robots
/// 0.5 s between requests to a host, four permits; a.test's robots.txt takes 5 s to
/// answer, every other request 0.2 s.
const DELAY: Duration = Duration::from_millis(500);
/// The one slow request.
const SLOW: &str = "http://a.test/robots.txt";

/// A simulated fetch through the crawler's limits; answers with a robots.txt that
/// allows everything.
async fn fetch(
    ctx: &Ctx,
    timeline: &Timeline,
    limits: &Limits,
    url: Url,
    delay: Duration,
) -> Option<String> {
    let host = url.host_str().unwrap_or_default();
    let takes = if url.as_str() == SLOW {
        secs(5.0)
    } else {
        secs(0.2)
    };
    let _permit = limits.clear_to_send(host, delay).await;
    let label = format!("{host}{}", url.path());
    ctx.log(format!("{label} goes out"));
    timeline.record(label, sleep(takes)).await;
    Some("User-agent: *\nAllow: /\n".to_string())
}

/// One page as `crawl.rs`'s `visit` handles it: robots.txt, then the page itself.
async fn visit(ctx: &Ctx, timeline: &Timeline, limits: &Limits, robots: &Robots, page: &str) {
    let url = Url::parse(page).expect("a valid URL");
    let (allowed, crawl_delay) = robots
        .check(&url, |robots_url| {
            fetch(ctx, timeline, limits, robots_url, DELAY)
        })
        .await;
    if allowed {
        let delay = crawl_delay.unwrap_or_default().max(DELAY);
        fetch(ctx, timeline, limits, url, delay).await;
    }
}
// ANCHOR_END: slow_robots

/// Two pages on each of two hosts, all known at 0 s.
async fn two_hosts_one_slow_robots(ctx: &Ctx) -> Timeline {
    let (limits, robots) = (Limits::new(4), Robots::new("demo-crawler"));
    let pages = [
        "http://a.test/1",
        "http://a.test/2",
        "http://b.test/1",
        "http://b.test/2",
    ];
    let timeline = ctx.new_timeline();
    join_all(pages.map(|page| visit(ctx, &timeline, &limits, &robots, page))).await;
    timeline
}

/// Demo `4.5.slow_robots`: a slow robots.txt holds up its own host's pages, no others.
pub async fn slow_robots(ctx: Ctx) {
    let timeline = two_hosts_one_slow_robots(&ctx).await;
    ctx.show_timeline("robots.txt: 5 s on a.test, 0.2 s on b.test", &timeline);
}

#[cfg(test)]
mod tests {
    use super::*;
    use harness::{Output, TimeMode};

    /// Each span's label with its start and end in milliseconds.
    fn spans(timeline: &Timeline) -> Vec<(String, u128, u128)> {
        timeline
            .spans()
            .into_iter()
            .map(|span| (span.label, span.start.as_millis(), span.end.as_millis()))
            .collect()
    }

    fn row(label: &str, start: u128, end: u128) -> (String, u128, u128) {
        (label.to_string(), start, end)
    }

    fn quiet() -> Ctx {
        Ctx::new(TimeMode::Virtual, Output::Silent)
    }

    #[tokio::test(start_paused = true)]
    async fn turn_first_asks_a_twice_within_0_1_s_and_permit_first_1_s_apart() {
        let ctx = quiet();
        assert_eq!(
            spans(&turn_first(&ctx).await),
            [
                row("x/slow", 0, 3000),
                row("a/1", 3000, 3100),
                row("a/2", 3100, 3200)
            ]
        );
        assert_eq!(
            spans(&permit_first(&ctx).await),
            [
                row("x/slow", 0, 3000),
                row("a/1", 3000, 3100),
                row("a/2", 4000, 4100)
            ]
        );
    }

    #[tokio::test(start_paused = true)]
    async fn permits_held_through_a_turn_keep_host_b_waiting() {
        let timeline = two_hosts_two_permits(&quiet()).await;
        assert_eq!(
            spans(&timeline),
            [
                row("a/1", 0, 200),
                row("a/2", 1000, 1200),
                row("b/1", 1200, 1400),
                row("a/3", 2000, 2200),
                row("b/2", 2200, 2400),
                row("b/3", 3200, 3400),
            ]
        );
    }

    #[tokio::test(start_paused = true)]
    async fn a_slow_robots_txt_holds_up_only_its_own_host() {
        let timeline = two_hosts_one_slow_robots(&quiet()).await;
        assert_eq!(
            spans(&timeline),
            [
                row("a.test/robots.txt", 0, 5000),
                row("b.test/robots.txt", 0, 200),
                row("b.test/1", 500, 700),
                row("b.test/2", 1000, 1200),
                row("a.test/1", 5000, 5200),
                row("a.test/2", 5500, 5700),
            ]
        );
    }
}
