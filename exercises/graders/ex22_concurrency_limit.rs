//! Grader for exercise 22 — a concurrency limit shared by every caller. Used unchanged
//! by `solutions/`.
//!
//! The server's gauge counts the requests it is answering at each moment and the most it
//! ever answered at once; the paused clock says how long a batch took, which shows
//! whether a freed place was taken at once.

use crate::ex22_concurrency_limit::{Limit, Request, Server, fetch_all};
use harness::grade::{about, on_paused_clock, require, require_seen, secs, timed};
use harness::picture::{Picture, steps_of};
use harness::{Span, format_secs};
use tokio::time::{Instant, sleep, timeout};

fn requests(ids: std::ops::RangeInclusive<u32>, seconds: f64) -> Vec<Request> {
    ids.map(|id| Request {
        id,
        takes: secs(seconds),
    })
    .collect()
}

fn responses(requests: &[Request]) -> Vec<String> {
    requests
        .iter()
        .map(|request| format!("response {}", request.id))
        .collect()
}

/// What a failing check shows: one batch as the server saw it, and as it should go.
struct Seen<'a> {
    server: &'a Server,
    /// When the batch was sent.
    origin: Instant,
    batch: &'a [Request],
    limit: usize,
}

impl Seen<'_> {
    /// The server's requests as spans, how many it answered at once against the limit,
    /// and the expected schedule: each request takes the first place that is free.
    fn picture(&self) -> Picture {
        let since = |at: Instant| at.saturating_duration_since(self.origin);
        let now = Instant::now();
        let requests: Vec<Span> = self
            .server
            .load()
            .visits
            .iter()
            .map(|(id, start, end)| Span {
                label: format!("request {id}"),
                start: since(*start),
                end: since(end.unwrap_or(now)),
                cancelled: end.is_none(),
            })
            .collect();
        let expected = schedule(self.batch, self.limit);
        Picture::new()
            .spans(
                "your run: the requests as the server saw them",
                requests.clone(),
            )
            .gauge("answered at once", steps_of(&requests), Some(self.limit))
            .spans(
                "expected: each request takes the first free place",
                expected,
            )
    }
}

/// The schedule of `batch` through `limit` places, each request in order taking the
/// place that frees first.
fn schedule(batch: &[Request], limit: usize) -> Vec<Span> {
    let mut free_at = vec![std::time::Duration::ZERO; limit.max(1)];
    batch
        .iter()
        .map(|request| {
            let place = (0..free_at.len()).min_by_key(|&p| free_at[p]).unwrap_or(0);
            let start = free_at[place];
            free_at[place] = start + request.takes;
            Span {
                label: format!("request {}", request.id),
                start,
                end: start + request.takes,
                cancelled: false,
            }
        })
        .collect()
}

/// Fails unless the server saw at most `limit` requests at once, and at some moment
/// exactly `limit`.
fn require_peak(what: &str, seen: &Seen) {
    let (server, limit) = (seen.server, seen.limit);
    let peak = server.load().peak;
    require_seen(
        peak <= limit,
        || seen.picture(),
        || {
            format!(
                "{what}: the server answered {peak} requests at once; the limit is {limit}. \
             Every request must wait for a place in the Limit before it reaches the server."
            )
        },
    );
    require_seen(
        peak == limit,
        || seen.picture(),
        || {
            format!(
                "{what}: the server never answered more than {peak} request(s) at once, though \
             {limit} were allowed and more were waiting{}.",
                if peak == 1 {
                    " — the requests ran one at a time. Start them all together (join_all) and \
                 let the Limit hold back the ones that don't fit"
                } else {
                    ""
                }
            )
        },
    );
}

fn require_each_once(what: &str, server: &Server, count: usize) {
    let mut started = server.load().started;
    started.sort_unstable();
    started.dedup();
    let calls = server.load().started.len();
    require(calls == count && started.len() == count, || {
        format!(
            "{what}: the server was sent {calls} request(s), {} different; expected each of \
             the {count} requests exactly once.",
            started.len()
        )
    });
}

#[test]
fn a_limit_with_room_runs_the_work_at_once() {
    on_paused_clock(|| async {
        let limit = Limit::new(2);
        let (answer, took) = timed(limit.run(async { 6 * 7 })).await;
        require(answer == 42 && took.is_zero(), || {
            format!(
                "Limit::new(2).run(work giving 42) gave {answer} after {}; expected 42 at \
                 once: with a place free, the work runs straight away.",
                format_secs(took)
            )
        });
        let (answer, took) = timed(limit.run(sleep(secs(1.5)))).await;
        require(about(took, secs(1.5)), || {
            format!(
                "Limit::run of a 1.5 s wait took {} of virtual time; it should take just as \
                 long as the work ({answer:?}).",
                format_secs(took)
            )
        });
    });
}

#[test]
fn fetch_all_sends_each_request_once_and_keeps_their_order() {
    on_paused_clock(|| async {
        let server = Server::new();
        let batch = vec![
            Request {
                id: 7,
                takes: secs(2.0),
            },
            Request {
                id: 3,
                takes: secs(0.5),
            },
            Request {
                id: 9,
                takes: secs(1.0),
            },
        ];
        let limit = Limit::new(10);
        let (got, took) = timed(fetch_all(&server, batch.clone(), &limit)).await;
        let what = "fetch_all of requests 7, 3 and 9 (2, 0.5 and 1 s) with a limit of 10";
        require(got == responses(&batch), || {
            format!(
                "{what} returned {got:?}; expected {:?}, in the order of the requests.",
                responses(&batch)
            )
        });
        require_each_once(what, &server, 3);
        require(about(took, secs(2.0)), || {
            format!(
                "{what} took {} of virtual time; with room for all of them at once it takes \
                 2.00 s, as long as the slowest{}.",
                format_secs(took),
                if about(took, secs(3.5)) {
                    " — they ran one after another"
                } else {
                    ""
                }
            )
        });
    });
}

#[test]
fn never_more_than_the_limit_at_once() {
    on_paused_clock(|| async {
        let server = Server::new();
        let batch = requests(1..=10, 1.0);
        let limit = Limit::new(3);
        let origin = Instant::now();
        let (got, took) = timed(fetch_all(&server, batch.clone(), &limit)).await;
        let what = "fetch_all of ten 1 s requests with a limit of 3";
        let seen = Seen {
            server: &server,
            origin,
            batch: &batch,
            limit: 3,
        };
        require_peak(what, &seen);
        require_each_once(what, &server, 10);
        require(got == responses(&batch), || {
            format!("{what} returned {got:?}; expected {:?}.", responses(&batch))
        });
        require_seen(
            about(took, secs(4.0)),
            || seen.picture(),
            || {
                format!(
                    "{what} took {} of virtual time; three at a time it takes 4.00 s (3 + 3 + 3 \
                 + 1 requests).",
                    format_secs(took)
                )
            },
        );
    });
}

#[test]
fn a_freed_place_is_taken_at_once() {
    on_paused_clock(|| async {
        // Limit 2: request 1 (3 s) holds one place from 0 to 3 s; 2, 3 and 4 (1 s each)
        // pass through the other, and request 5 (2 s) takes whichever place frees first,
        // at 3 s: 5.00 s in all. In batches of two, each waiting for its slowest, it
        // would take 3 + 1 + 2 = 6 s.
        let server = Server::new();
        let batch: Vec<Request> = [3.0, 1.0, 1.0, 1.0, 2.0]
            .iter()
            .zip(1..)
            .map(|(&seconds, id)| Request {
                id,
                takes: secs(seconds),
            })
            .collect();
        let limit = Limit::new(2);
        let origin = Instant::now();
        let (got, took) = timed(fetch_all(&server, batch.clone(), &limit)).await;
        let what = "fetch_all of requests taking 3, 1, 1, 1 and 2 s with a limit of 2";
        let seen = Seen {
            server: &server,
            origin,
            batch: &batch,
            limit: 2,
        };
        require_peak(what, &seen);
        require(got == responses(&batch), || {
            format!("{what} returned {got:?}; expected {:?}.", responses(&batch))
        });
        require_seen(
            !about(took, secs(6.0)),
            || seen.picture(),
            || {
                format!(
                    "{what} took 6.00 s of virtual time: it ran them in batches of two, each batch \
                 waiting for its slowest request. A place freed by a quick request should be \
                 taken at once by the next one waiting: 5.00 s."
                )
            },
        );
        require_seen(
            about(took, secs(5.0)),
            || seen.picture(),
            || {
                format!(
                    "{what} took {} of virtual time; taking each free place at once, it takes \
                 5.00 s.",
                    format_secs(took)
                )
            },
        );
    });
}

#[test]
fn two_callers_share_one_limit() {
    on_paused_clock(|| async {
        let server = Server::new();
        let limit = Limit::new(3);
        let first = requests(1..=6, 1.0);
        let second = requests(11..=16, 1.0);
        let both = async {
            tokio::join!(
                fetch_all(&server, first.clone(), &limit),
                fetch_all(&server, second.clone(), &limit)
            )
        };
        let origin = Instant::now();
        let ((got_first, got_second), took) = timed(both).await;
        let all: Vec<Request> = first.iter().chain(&second).copied().collect();
        let seen = Seen {
            server: &server,
            origin,
            batch: &all,
            limit: 3,
        };
        let what = "two fetch_all calls of six 1 s requests each, at the same time, through \
                    one Limit of 3";
        let peak = server.load().peak;
        require_seen(
            peak <= 3,
            || seen.picture(),
            || {
                format!(
                    "{what}: the server answered {peak} requests at once; the limit is 3 for \
                 everyone together. {}",
                    if peak == 6 {
                        "Each fetch_all kept a limit of its own (buffer_unordered?); the places \
                     must live in the Limit, which both calls share — a Semaphore."
                    } else {
                        "The places must live in the Limit, which both calls share."
                    }
                )
            },
        );
        require_peak(what, &seen);
        require_each_once(what, &server, 12);
        require(
            got_first == responses(&first) && got_second == responses(&second),
            || format!("{what}: they returned {got_first:?} and {got_second:?}."),
        );
        require(about(took, secs(4.0)), || {
            format!(
                "{what} took {} of virtual time; twelve requests, three at a time, take 4.00 s.",
                format_secs(took)
            )
        });
    });
}

/// Runs 60 s of work through `limit`, but gives up after 1 s: true if it gave up.
async fn give_up(limit: &Limit) -> bool {
    timeout(secs(1.0), limit.run(sleep(secs(60.0))))
        .await
        .is_err()
}

#[test]
fn a_cancelled_caller_gives_its_place_back() {
    on_paused_clock(|| async {
        let limit = Limit::new(2);
        // Two callers take both places, then give up after 1 s: their futures are
        // dropped halfway through the work.
        let (first, second) = tokio::join!(give_up(&limit), give_up(&limit));
        require(first && second, || {
            "Limit::run finished 60 s of work within 1 s: it did not run the work it was given."
                .to_string()
        });
        let server = Server::new();
        let after = fetch_all(&server, requests(1..=2, 1.0), &limit);
        let Ok((_, took)) = timeout(secs(30.0), timed(after)).await else {
            require(false, || {
                "two callers of a Limit of 2 were cancelled halfway through their work, and \
                 afterwards no request got through the limit at all: the cancelled callers \
                 never gave their places back. Hold the place in a guard that frees it on \
                 drop — a semaphore permit — rather than counting by hand after the work."
                    .to_string()
            });
            return;
        };
        require(about(took, secs(1.0)) && server.load().peak == 2, || {
            format!(
                "after two callers of a Limit of 2 were cancelled, two 1 s requests took {} \
                 and at most {} ran at once; both places should be free again: 1.00 s, two \
                 at once.",
                format_secs(took),
                server.load().peak
            )
        });
    });
}

/// Awaits `work`, counting how many times it is polled: a future that sleeps until it is
/// woken is polled a handful of times; one that checks again every millisecond, thousands.
async fn counting_polls<F: std::future::Future>(work: F) -> (F::Output, usize) {
    let mut work = std::pin::pin!(work);
    let mut polls = 0;
    let output = std::future::poll_fn(|context| {
        polls += 1;
        work.as_mut().poll(context)
    })
    .await;
    (output, polls)
}

#[test]
fn a_waiting_caller_sleeps_until_a_place_is_freed() {
    on_paused_clock(|| async {
        // Limit 1: the first caller holds the place for 2 s; the second waits for it,
        // and should be woken once, when the place is freed — not check back every
        // millisecond (2000 times for nothing), and not a moment late.
        let limit = Limit::new(1);
        let begun = Instant::now();
        let holder = limit.run(sleep(secs(2.0)));
        let waiter = counting_polls(limit.run(async { begun.elapsed() }));
        let ((), (started_after, polls)) = tokio::join!(holder, waiter);
        let what = "with a Limit of 1 held for 2 s by one caller, a second caller";
        require(polls <= 10, || {
            format!(
                "{what} was polled {polls} times while it waited: it kept checking for a free \
                 place (a loop with a short sleep?), waking the runtime for nothing. A waiter \
                 should sleep until the place is freed and be woken then — what a \
                 Semaphore's acquire does."
            )
        });
        require(started_after == secs(2.0), || {
            format!(
                "{what} started its work after {}; the place was freed at 2.00 s, and a \
                 freed place should be taken at that very moment.",
                format_secs(started_after)
            )
        });
    });
}
