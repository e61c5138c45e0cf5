//! Grader for exercise 42 — timeouts and limits on connections. Used unchanged by
//! `solutions/`.
//!
//! Real connections on 127.0.0.1, on the paused clock (loopback data is picked up before
//! tokio moves its clock on). `serve` runs beside the grader's script and is dropped
//! when the script ends. Each client notes every line it receives, and when its
//! connection closed, in virtual time since the check began.

use crate::ex42_connection_limits::{Limits, serve};
use harness::Span;
use harness::format_secs;
use harness::grade::{loopback_listener, require, require_seen};
use harness::picture::Picture;
use std::future::Future;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;
use tokio::net::tcp::OwnedWriteHalf;
use tokio::task::JoinHandle;
use tokio::time::{Instant, sleep_until, timeout};

const IDLE: &str = "* idle too long, goodbye";
const FULL: &str = "* server full, try again later";
/// Re-read this to fix a failure.
const SECTION: &str = "re-read \"Timeouts and limits on connections\" in lesson 4.6";
/// How far from the expected moment a goodbye may land.
const SLACK: Duration = Duration::from_millis(100);

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// What one client received, and when its connection closed.
#[derive(Default, Clone, Debug)]
struct Seen {
    connected_at: Duration,
    lines: Vec<(Duration, String)>,
    closed_at: Option<Duration>,
}

impl Seen {
    fn first(&self, line: &str) -> Option<Duration> {
        self.lines
            .iter()
            .find(|(_, got)| got == line)
            .map(|(at, _)| *at)
    }

    fn texts(&self) -> Vec<&str> {
        self.lines.iter().map(|(_, line)| line.as_str()).collect()
    }

    /// The connection as a span, from connecting to closing (or `now`, marked x).
    fn span(&self, label: &str, now: Duration) -> Span {
        Span {
            label: label.to_string(),
            start: self.connected_at,
            end: self.closed_at.unwrap_or(now),
            cancelled: self.closed_at.is_none(),
        }
    }
}

/// One of the grader's clients.
struct Client {
    name: &'static str,
    writer: Option<OwnedWriteHalf>,
    seen: Arc<Mutex<Seen>>,
    reader: JoinHandle<()>,
}

/// The grader's side of a check: the server's address and the check's clock.
struct Script {
    addr: SocketAddr,
    origin: Instant,
}

impl Script {
    fn now(&self) -> Duration {
        self.origin.elapsed()
    }

    async fn at(&self, seconds: f64) {
        sleep_until(self.origin + Duration::from_secs_f64(seconds)).await;
    }

    async fn connect(&self, name: &'static str) -> Client {
        let stream = timeout(Duration::from_secs(1), TcpStream::connect(self.addr)).await;
        let Ok(Ok(stream)) = stream else {
            require(false, || {
                format!(
                    "{name} could not connect to your server at {}: {stream:?}. `serve` \
                     should keep accepting on its listener; {SECTION}.",
                    format_secs(self.now())
                )
            });
            unreachable!("require(false, …) always fails")
        };
        // Small writes go out at once (see `harness::grade::loopback_listener`).
        let _ = stream.set_nodelay(true);
        let (reader, writer) = stream.into_split();
        let seen = Arc::new(Mutex::new(Seen {
            connected_at: self.now(),
            ..Seen::default()
        }));
        let noted = Arc::clone(&seen);
        let origin = self.origin;
        let reader = tokio::spawn(async move {
            let mut lines = BufReader::new(reader).lines();
            while let Ok(Some(line)) = lines.next_line().await {
                lock(&noted).lines.push((origin.elapsed(), line));
            }
            lock(&noted).closed_at = Some(origin.elapsed());
        });
        Client {
            name,
            writer: Some(writer),
            seen,
            reader,
        }
    }

    /// `client` sends `line`, and the grader checks it comes straight back.
    async fn say(&self, client: &mut Client, line: &str, scene: &str) {
        let name = client.name;
        let sent_at = self.now();
        if let Some(writer) = client.writer.as_mut() {
            let text = format!("{line}\n");
            let _ = timeout(Duration::from_secs(1), writer.write_all(text.as_bytes())).await;
        }
        // Let the echo arrive: loopback data is there before the clock moves on.
        tokio::time::sleep(Duration::from_millis(10)).await;
        let seen = client.seen();
        let echoed = seen
            .lines
            .iter()
            .any(|(at, got)| got == line && *at == sent_at);
        require(echoed, || {
            format!(
                "{scene}: at {} {name} sent {line:?}, and did not get it straight back; it \
                 has received {:?}{}. A client that is let in must be served as before \
                 (each line echoed), whatever the others do: nothing one client's task \
                 awaits — a lock guard held for its whole visit, say — may hold up the \
                 accept loop or another client; {SECTION}.",
                format_secs(sent_at),
                seen.texts(),
                seen.closed_at.map_or(String::new(), |at| format!(
                    " and its connection was closed at {}",
                    format_secs(at)
                ))
            )
        });
    }
}

impl Client {
    fn seen(&self) -> Seen {
        lock(&self.seen).clone()
    }

    /// Closes the connection, as a client that quits.
    fn leave(&mut self) {
        self.writer = None;
        self.reader.abort();
    }
}

/// Runs `serve` with `limits` beside the script `check`; fails if `serve` returns.
async fn run<F, Fut>(limits: Limits, check: F)
where
    F: FnOnce(Script) -> Fut,
    Fut: Future<Output = ()>,
{
    let (listener, addr) = loopback_listener();
    let script = Script {
        addr,
        origin: Instant::now(),
    };
    tokio::select! {
        () = serve(listener, limits) => require(false, || {
            format!("`serve` returned; it should serve clients forever; {SECTION}.")
        }),
        () = check(script) => {}
    }
}

/// The picture of connections: the learner's run above the expected one.
fn picture(yours: Vec<Span>, expected: Vec<Span>) -> Picture {
    Picture::new()
        .spans(
            "your run: each connection, open to closed (x: still open)",
            yours,
        )
        .spans("expected", expected)
}

fn span(label: &str, start: f64, end: f64) -> Span {
    harness::picture::span(label, start, end)
}

/// The picture of the limit check: who was connected when, against the expected run.
fn limit_picture(
    alice: &Seen,
    bob: &Seen,
    carol: &Seen,
    dave: Option<&Seen>,
    now: Duration,
) -> Picture {
    let mut yours = vec![
        alice.span("alice", now),
        bob.span("bob", now),
        carol.span("carol", now),
    ];
    yours.extend(dave.map(|dave| dave.span("dave", now)));
    let end = now.as_secs_f64();
    let still_open = |label: &str, start: f64| Span {
        cancelled: true,
        ..span(label, start, end)
    };
    let mut expected = vec![
        if end < 3.0 {
            still_open("alice", 0.0)
        } else {
            span("alice", 0.0, 3.0)
        },
        still_open("bob", 0.0),
        span("carol", 1.0, 1.0),
    ];
    if dave.is_some() {
        expected.push(still_open("dave", 3.5));
    }
    picture(yours, expected)
}

#[test]
fn a_silent_client_is_told_and_closed_after_the_idle_time() {
    harness::grade::on_paused_clock(|| async {
        let limits = Limits {
            max_clients: 4,
            idle: Duration::from_secs(5),
        };
        run(limits, |script| async move {
            let scene = "with an idle limit of 5 s, a client said \"hello\" at 1 s, then \
                         nothing";
            let mut client = script.connect("the client").await;
            script.at(1.0).await;
            script.say(&mut client, "hello", scene).await;
            script.at(8.0).await;
            let seen = client.seen();
            let now = script.now();
            let goodbye = seen.first(IDLE);
            let expected_at = Duration::from_secs(6);
            require_seen(
                goodbye.is_some_and(|at| at.abs_diff(expected_at) <= SLACK),
                || {
                    picture(
                        vec![seen.span("silent after 1 s", now)],
                        vec![span("silent after 1 s", 0.0, 6.0)],
                    )
                },
                || match goodbye {
                    Some(at) => format!(
                        "{scene}: it was told {IDLE:?} at {}; expected at 6.00 s, 5 s after \
                         its last line; {SECTION}.",
                        format_secs(at)
                    ),
                    None => format!(
                        "{scene}: by {} it had received {:?}, without {IDLE:?}, due at 6.00 s. \
                         Wait for each line with `tokio::time::timeout(idle, …)`, and when \
                         the time runs out say goodbye and close the connection; {SECTION}.",
                        format_secs(now),
                        seen.texts()
                    ),
                },
            );
            require_seen(
                seen.closed_at
                    .is_some_and(|at| at.abs_diff(expected_at) <= SLACK),
                || {
                    picture(
                        vec![seen.span("silent after 1 s", now)],
                        vec![span("silent after 1 s", 0.0, 6.0)],
                    )
                },
                || {
                    format!(
                        "{scene}: it was told {IDLE:?}, but its connection was {}; it should \
                         be closed right after the goodbye (return from the client's task, \
                         which drops the stream); {SECTION}.",
                        seen.closed_at.map_or_else(
                            || "still open".to_string(),
                            |at| format!("closed at {}", format_secs(at))
                        )
                    )
                },
            );
        })
        .await;
    });
}

#[test]
fn a_client_that_keeps_talking_is_never_timed_out() {
    harness::grade::on_paused_clock(|| async {
        let limits = Limits {
            max_clients: 4,
            idle: Duration::from_secs(5),
        };
        run(limits, |script| async move {
            let scene = "with an idle limit of 5 s, a client sent a line every 3 s from 0 s \
                         to 21 s, then nothing";
            let mut client = script.connect("the talker").await;
            for round in 0..8 {
                script.at(3.0 * f64::from(round)).await;
                if client.seen().closed_at.is_some() {
                    break;
                }
                script
                    .say(&mut client, &format!("line {round}"), scene)
                    .await;
            }
            script.at(28.0).await;
            let seen = client.seen();
            let now = script.now();
            let expected_at = Duration::from_secs(26);
            let cut = seen.first(IDLE).or(seen.closed_at);
            let draw = || {
                picture(
                    vec![seen.span("the talker", now)],
                    vec![span("the talker", 0.0, 26.0)],
                )
            };
            require_seen(cut.is_none_or(|at| at >= expected_at - SLACK), draw, || {
                format!(
                    "{scene}: it was cut off at {} while it was still talking — {} after its \
                     last line, less than the 5 s idle limit. Time each wait for a line on its \
                     own (`timeout(idle, lines.next_line())` inside the loop), not the whole \
                     connection; {SECTION}.",
                    format_secs(cut.unwrap_or_default()),
                    format_secs(
                        cut.unwrap_or_default()
                            - Duration::from_secs(3 * (cut.unwrap_or_default().as_secs() / 3))
                    )
                )
            });
            require_seen(
                seen.first(IDLE)
                    .is_some_and(|at| at.abs_diff(expected_at) <= SLACK),
                draw,
                || {
                    format!(
                        "{scene}: it should be told {IDLE:?} at 26.00 s, 5 s after its last \
                         line; it received {:?}; {SECTION}.",
                        seen.texts()
                    )
                },
            );
        })
        .await;
    });
}

#[test]
fn the_client_over_the_limit_is_refused_at_once_and_a_freed_place_is_reused() {
    harness::grade::on_paused_clock(|| async {
        let limits = Limits {
            max_clients: 2,
            idle: Duration::from_secs(60),
        };
        run(limits, |script| async move {
            let scene = "with room for 2 clients, alice and bob connected at 0 s, carol at 1 s";
            let mut alice = script.connect("alice").await;
            let mut bob = script.connect("bob").await;
            script.say(&mut alice, "hi from alice", scene).await;
            script.say(&mut bob, "hi from bob", scene).await;
            script.at(1.0).await;
            let mut carol = script.connect("carol").await;
            script.at(2.0).await;
            let seen = carol.seen();
            let now = script.now();
            // Was carol let in, or kept waiting? Only asked when she was not refused.
            let mut carol_served = false;
            if seen.first(FULL).is_none()
                && seen.closed_at.is_none()
                && let Some(writer) = carol.writer.as_mut()
            {
                let _ = writer.write_all(b"am I in?\n").await;
                tokio::time::sleep(Duration::from_millis(10)).await;
                carol_served = carol.seen().texts().contains(&"am I in?");
            }
            let (alice_seen, bob_seen) = (alice.seen(), bob.seen());
            let draw = || limit_picture(&alice_seen, &bob_seen, &seen, None, now);
            require_seen(
                seen.first(FULL)
                    .is_some_and(|at| at.abs_diff(Duration::from_secs(1)) <= SLACK),
                draw,
                || match seen.first(FULL) {
                    Some(at) => format!(
                        "{scene}: carol was told {FULL:?} at {}; expected at once, at 1.00 \
                         s; {SECTION}.",
                        format_secs(at)
                    ),
                    None if carol_served => format!(
                        "{scene}: carol was let in and served — a third client, over the limit \
                         of 2. Take a place for each client (`Semaphore::try_acquire_owned`) \
                         and keep it in the client's task until it ends — a permit dropped at \
                         the end of the accept loop's turn frees the place at once; refuse the \
                         client when there is no place; {SECTION}."
                    ),
                    None => format!(
                        "{scene}: 1 s later carol had received {:?}, not {FULL:?}; her \
                         connection was {}. Take a place without waiting \
                         (`Semaphore::try_acquire_owned`) and refuse the client when there is \
                         none — a client kept waiting for a place is not refused; {SECTION}.",
                        seen.texts(),
                        seen.closed_at.map_or_else(
                            || "still open".to_string(),
                            |at| format!("closed at {}", format_secs(at))
                        )
                    ),
                },
            );
            require_seen(
                seen.closed_at
                    .is_some_and(|at| at.abs_diff(Duration::from_secs(1)) <= SLACK),
                draw,
                || {
                    format!(
                        "{scene}: carol was told {FULL:?} but her connection was not closed \
                         right after; drop the refused stream; {SECTION}."
                    )
                },
            );
            script.say(&mut alice, "still there?", scene).await;
            script.say(&mut bob, "still there?", scene).await;

            script.at(3.0).await;
            alice.leave();
            script.at(3.5).await;
            let scene = "with room for 2 clients, alice and bob connected at 0 s, carol was \
                         refused at 1 s, alice left at 3 s, and dave connected at 3.5 s";
            let mut dave = script.connect("dave").await;
            script.at(3.6).await;
            let dave_seen = dave.seen();
            let (alice_seen, bob_seen, now) = (alice.seen(), bob.seen(), script.now());
            require_seen(
                !dave_seen.texts().contains(&FULL),
                || limit_picture(&alice_seen, &bob_seen, &seen, Some(&dave_seen), now),
                || {
                    format!(
                        "{scene}: dave was refused ({FULL:?}), though alice's place was free. \
                         Free a place when its client leaves: keep the semaphore's permit in \
                         the client's task, so it is dropped when the task ends; {SECTION}."
                    )
                },
            );
            script.say(&mut dave, "hi from dave", scene).await;
            script.say(&mut bob, "and bob?", scene).await;
        })
        .await;
    });
}
