//! Grader for exercise 41 — graceful shutdown of a server. Used unchanged by
//! `solutions/`.
//!
//! Real connections on 127.0.0.1, on the paused clock (loopback data is picked up
//! before tokio moves its clock on). The grader's handler answers `work S` with `done S`
//! after S seconds, and between requests watches the token: once it is cancelled it says
//! `* server shutting down` and returns. It notes when each handler was called and when
//! it was dropped (finished or aborted), so the grader can count the handlers still
//! alive when `serve` returns. Every wait on the learner's code has a time limit.

use crate::ex41_server_shutdown::serve;
use harness::Span;
use harness::format_secs;
use harness::grade::{loopback_listener, require, require_seen};
use harness::picture::Picture;
use std::future::Future;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::tcp::OwnedWriteHalf;
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinHandle;
use tokio::time::{Instant, sleep, timeout};
use tokio_util::sync::CancellationToken;

const GOODBYE: &str = "* server shutting down";
/// Re-read this to fix a failure.
const SECTION: &str = "re-read \"Graceful shutdown of a server\" in lesson 4.6";
/// How far from the expected moment a cut may land.
const SLACK: Duration = Duration::from_millis(100);
/// How long after its script the grader still waits for `serve` to return.
const PATIENCE: Duration = Duration::from_millis(500);

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// When each of the grader's handlers was called and dropped, since the check began.
#[derive(Default)]
struct Tally {
    handlers: Vec<(Duration, Option<Duration>)>,
}

/// Notes its handler's end when the handler's future is dropped, however that happens.
struct Alive {
    tally: Arc<Mutex<Tally>>,
    index: usize,
    origin: Instant,
}

impl Drop for Alive {
    fn drop(&mut self) {
        lock(&self.tally).handlers[self.index].1 = Some(self.origin.elapsed());
    }
}

type Handler = Pin<Box<dyn Future<Output = ()> + Send>>;

/// The grader's handler, noting each call in `tally`.
fn handler(
    tally: Arc<Mutex<Tally>>,
    origin: Instant,
) -> impl Fn(TcpStream, CancellationToken) -> Handler {
    move |stream, token| {
        let index = {
            let mut noted = lock(&tally);
            noted.handlers.push((origin.elapsed(), None));
            noted.handlers.len() - 1
        };
        let alive = Alive {
            tally: Arc::clone(&tally),
            index,
            origin,
        };
        Box::pin(async move {
            let _alive = alive;
            let (reader, mut writer) = stream.into_split();
            let mut lines = BufReader::new(reader).lines();
            loop {
                let line = tokio::select! {
                    () = token.cancelled() => {
                        let _ = writer.write_all(format!("{GOODBYE}\n").as_bytes()).await;
                        return;
                    }
                    line = lines.next_line() => line,
                };
                let Ok(Some(line)) = line else { return };
                let seconds: u64 = line
                    .strip_prefix("work ")
                    .and_then(|s| s.parse().ok())
                    .unwrap_or(0);
                // A request is finished even when the token is cancelled meanwhile.
                sleep(Duration::from_secs(seconds)).await;
                if writer
                    .write_all(format!("done {seconds}\n").as_bytes())
                    .await
                    .is_err()
                {
                    return;
                }
            }
        })
    }
}

/// What one of the grader's clients received, and when its connection closed.
#[derive(Default, Clone)]
struct Seen {
    lines: Vec<(Duration, String)>,
    closed_at: Option<Duration>,
}

struct Client {
    writer: OwnedWriteHalf,
    seen: Arc<Mutex<Seen>>,
    _reader: JoinHandle<()>,
}

impl Client {
    /// Connects to the server; `None` if the connection is refused.
    async fn connect(addr: SocketAddr, origin: Instant) -> Option<Client> {
        let stream = timeout(Duration::from_secs(1), TcpStream::connect(addr))
            .await
            .ok()?
            .ok()?;
        let (reader, writer) = stream.into_split();
        let seen = Arc::new(Mutex::new(Seen::default()));
        let noted = Arc::clone(&seen);
        let reader = tokio::spawn(async move {
            let mut lines = BufReader::new(reader).lines();
            while let Ok(Some(line)) = lines.next_line().await {
                lock(&noted).lines.push((origin.elapsed(), line));
            }
            lock(&noted).closed_at = Some(origin.elapsed());
        });
        Some(Client {
            writer,
            seen,
            _reader: reader,
        })
    }

    async fn say(&mut self, line: &str) {
        let line = format!("{line}\n");
        let _ = timeout(
            Duration::from_secs(1),
            self.writer.write_all(line.as_bytes()),
        )
        .await;
    }

    fn seen(&self) -> Seen {
        lock(&self.seen).clone()
    }
}

/// Connects a client for each of `whats`, one at a time, each once the handler of the one
/// before has been called; fails the check if a connection is refused.
async fn connect_one_by_one(
    addr: SocketAddr,
    origin: Instant,
    clients: &Mutex<Vec<Client>>,
    tally: &Mutex<Tally>,
    whats: &[&str],
) {
    for (index, what) in whats.iter().enumerate() {
        let client = Client::connect(addr, origin).await;
        require(client.is_some(), || {
            format!(
                "{what}, but the connection was refused: is `serve` accepting on its listener? {SECTION}."
            )
        });
        lock(clients).push(client.expect("checked above"));
        wait_for_calls(tally, index + 1, what).await;
    }
}

/// Waits until `serve` has called the handler `count` times in all.
async fn wait_for_calls(tally: &Mutex<Tally>, count: usize, what: &str) {
    for _ in 0..100 {
        if lock(tally).handlers.len() >= count {
            return;
        }
        sleep(Duration::from_millis(10)).await;
    }
    require(false, || {
        format!(
            "{what}, but 1 s later `serve` had called the handler {} time(s) in all, not \
             {count}. Accept connections in a loop and spawn `handler(stream, \
             shutdown.clone())` for each; {SECTION}.",
            lock(tally).handlers.len()
        )
    });
}

/// The picture of a failing check: the grader's handlers (called → dropped) and
/// `serve`, above the expected shape.
fn picture(
    labels: &[&str],
    tally: &Tally,
    returned: Option<&Returned>,
    now: Duration,
    expected: Vec<Span>,
) -> Picture {
    let mut spans: Vec<Span> = tally
        .handlers
        .iter()
        .enumerate()
        .map(|(index, (called, dropped))| Span {
            label: labels
                .get(index)
                .map_or_else(|| format!("handler {}", index + 1), |l| l.to_string()),
            start: *called,
            end: dropped.unwrap_or(now),
            // Still running when `serve` returned, or at the end of the check.
            cancelled: dropped.is_none()
                || returned.is_some_and(|returned| returned.alive.contains(&index)),
        })
        .collect();
    spans.push(Span {
        label: "serve".to_string(),
        start: Duration::ZERO,
        end: returned.map_or(now, |returned| returned.at),
        cancelled: returned.is_none(),
    });
    Picture::new()
        .spans(
            "your run: each handler (call to drop) and serve; x: still alive then",
            spans,
        )
        .spans("expected", expected)
}

fn span(label: &str, start: f64, end: f64) -> Span {
    harness::picture::span(label, start, end)
}

/// When `serve` returned, and which handlers (by call order) were alive at that moment.
#[derive(Clone)]
struct Returned {
    at: Duration,
    alive: Vec<usize>,
}

/// Runs `serve` beside `script`; returns when `serve` returned and what was still alive
/// then (`None`: it had not returned `patience` after the script's end).
async fn run<S: Future<Output = ()>>(
    listener: TcpListener,
    token: CancellationToken,
    deadline: Duration,
    tally: &Arc<Mutex<Tally>>,
    origin: Instant,
    script: S,
    patience: Duration,
) -> Option<Returned> {
    let served = serve(
        listener,
        token,
        deadline,
        handler(Arc::clone(tally), origin),
    );
    let ended: Arc<Mutex<Option<Returned>>> = Arc::default();
    let noted = Arc::clone(&ended);
    let tally = Arc::clone(tally);
    let served = async move {
        served.await;
        // Counted the moment `serve` returns, before anything else may run.
        let alive = lock(&tally)
            .handlers
            .iter()
            .enumerate()
            .filter(|(_, (_, dropped))| dropped.is_none())
            .map(|(index, _)| index)
            .collect();
        *lock(&noted) = Some(Returned {
            at: origin.elapsed(),
            alive,
        });
    };
    let script = async move {
        script.await;
        sleep(patience).await;
    };
    // The script always runs to its end; `serve` is given up on if it is still running then.
    tokio::pin!(served, script);
    tokio::select! {
        () = &mut served => script.await,
        () = &mut script => {}
    }
    lock(&ended).clone()
}

#[test]
fn stops_accepting_finishes_quick_requests_and_cuts_stuck_ones() {
    harness::grade::on_paused_clock(|| async {
        let origin = Instant::now();
        let (listener, addr) = loopback_listener();
        let token = CancellationToken::new();
        let tally = Arc::new(Mutex::new(Tally::default()));
        let deadline = Duration::from_secs(3);
        let clients: Arc<Mutex<Vec<Client>>> = Arc::default();
        let late_client: Arc<Mutex<Option<Client>>> = Arc::default();
        let script = {
            let (token, tally, clients, late_client) = (
                token.clone(),
                Arc::clone(&tally),
                Arc::clone(&clients),
                Arc::clone(&late_client),
            );
            async move {
                connect_one_by_one(
                    addr,
                    origin,
                    &clients,
                    &tally,
                    &[
                        "an idle client connected",
                        "a second client connected",
                        "a third client connected",
                    ],
                )
                .await;
                sleep_until(origin, 0.5).await;
                say(&clients, 1, "work 60").await; // stuck
                sleep_until(origin, 1.0).await;
                say(&clients, 2, "work 1").await; // quick: done at 2.0 s
                sleep_until(origin, 1.5).await;
                token.cancel();
                sleep_until(origin, 1.6).await;
                // Refused: the listener is gone (checked below).
                *lock(&late_client) = Client::connect(addr, origin).await;
                sleep_until(origin, 4.5).await;
            }
        };
        let returned = run(listener, token, deadline, &tally, origin, script, PATIENCE).await;
        let ended = returned.as_ref().map(|returned| returned.at);
        let now = origin.elapsed();
        let tally = lock(&tally);
        let labels = [
            "idle client",
            "stuck: work 60",
            "quick: work 1",
            "late client",
        ];
        let expected = vec![
            span("idle client", 0.0, 1.5),
            span("stuck: work 60", 0.0, 4.5),
            span("quick: work 1", 0.0, 2.0),
            span("serve", 0.0, 4.5),
        ];
        let seen = || picture(&labels, &tally, returned.as_ref(), now, expected.clone());
        let scene = "three clients connected; at 0.5 s one asked for 60 s of work, at 1.0 s \
                     another for 1 s; at 1.5 s the token was cancelled (deadline 3 s); at \
                     1.6 s a fourth client tried to connect";
        let late_calls = tally.handlers.len().saturating_sub(3);
        require_seen(late_calls == 0, seen, || {
            format!(
                "{scene}: `serve` still handed that late connection to the handler. Once the \
                 token is cancelled, stop accepting: wait for `shutdown.cancelled()` and \
                 `listener.accept()` together (`tokio::select!`), and drop the listener when \
                 the token wins; {SECTION}."
            )
        });
        let late_closed_at = lock(&late_client)
            .as_ref()
            .map(|late| late.seen().closed_at);
        let refused_at_once = match late_closed_at {
            None => true, // the connection was refused
            Some(closed_at) => {
                closed_at.is_some_and(|at| at <= Duration::from_millis(1600) + SLACK)
            }
        };
        require_seen(refused_at_once, seen, || {
            format!(
                "{scene}: that fourth client's connection was accepted by the system and left \
                 waiting{}, never served. After the cancellation, drop the listener at \
                 once, so that new clients are refused instead of kept hanging; {SECTION}.",
                match late_closed_at.flatten() {
                    Some(at) => format!(" until {}", format_secs(at)),
                    None => String::new(),
                }
            )
        });
        let Some(ended_at) = ended else {
            require_seen(false, seen, || {
                format!(
                    "{scene}: `serve` had not returned at {}, past the deadline (4.50 s). \
                     Wait for the handlers with `tokio::time::timeout(deadline, …)`, abort \
                     those still running when it runs out, and return; {SECTION}.",
                    format_secs(now)
                )
            });
            unreachable!("require_seen(false, …) always fails")
        };
        let alive: Vec<&str> = returned
            .iter()
            .flat_map(|returned| &returned.alive)
            .map(|&index| labels.get(index).copied().unwrap_or("a handler"))
            .collect();
        require_seen(alive.is_empty(), seen, || {
            format!(
                "{scene}: when `serve` returned, at {}, these handlers were still alive: \
                 {alive:?} (the grader counts them). \
                 Aborting a task does not end it on the spot; wait until the aborted tasks \
                 are gone (`JoinSet::shutdown().await`, or `TaskTracker::wait().await`) \
                 before returning; {SECTION}.",
                format_secs(ended_at)
            )
        });
        let clients = lock(&clients);
        let idle = clients[0].seen();
        let quick = clients[2].seen();
        let stuck = clients[1].seen();
        let told = |seen: &Seen| seen.lines.iter().any(|(_, line)| line == GOODBYE);
        require_seen(told(&idle), seen, || {
            format!(
                "{scene}: the idle client was never told {GOODBYE:?} (it received {:?}). \
                 Hand each handler the token — `handler(stream, shutdown.clone())` — so it \
                 sees the shutdown; {SECTION}.",
                idle.lines
            )
        });
        let done = quick.lines.iter().find(|(_, line)| line == "done 1");
        require_seen(done.is_some() && told(&quick), seen, || {
            format!(
                "{scene}: the 1 s request was in flight at the cancellation and should have \
                 finished at 2.0 s, then its client been told {GOODBYE:?}, well before the \
                 deadline; it received {:?}. Give the handlers until the deadline: cancel \
                 nothing at once; {SECTION}.",
                quick.lines
            )
        });
        let expected_cut = Duration::from_millis(4500);
        require_seen(
            stuck
                .closed_at
                .is_some_and(|at| at.abs_diff(expected_cut) <= SLACK),
            seen,
            || match stuck.closed_at {
                Some(at) => format!(
                    "{scene}: the stuck 60 s request's connection was closed at {}; expected \
                     at the deadline, 3 s after the cancellation: 4.50 s. Wait for the \
                     handlers with `tokio::time::timeout(deadline, …)` and abort the rest \
                     when it runs out; {SECTION}.",
                    format_secs(at)
                ),
                None => format!(
                    "{scene}: the stuck 60 s request's connection was still open at {}, \
                     past the deadline (4.50 s). Abort the handlers still running at the \
                     deadline (`JoinSet::shutdown`, or `abort()` on their handles); \
                     {SECTION}.",
                    format_secs(now)
                ),
            },
        );
        require_seen(ended_at.abs_diff(expected_cut) <= SLACK, seen, || {
            format!(
                "{scene}: `serve` returned at {}; expected at 4.50 s, the deadline, once the \
                 stuck handler was cut; {SECTION}.",
                format_secs(ended_at)
            )
        });
    });
}

#[test]
fn returns_as_soon_as_the_last_handler_is_done() {
    harness::grade::on_paused_clock(|| async {
        let origin = Instant::now();
        let (listener, addr) = loopback_listener();
        let token = CancellationToken::new();
        let tally = Arc::new(Mutex::new(Tally::default()));
        let deadline = Duration::from_secs(10);
        let clients: Arc<Mutex<Vec<Client>>> = Arc::default();
        let script = {
            let (token, tally, clients) = (token.clone(), Arc::clone(&tally), Arc::clone(&clients));
            async move {
                connect_one_by_one(
                    addr,
                    origin,
                    &clients,
                    &tally,
                    &["an idle client connected", "a second client connected"],
                )
                .await;
                sleep_until(origin, 1.0).await;
                say(&clients, 1, "work 1").await; // done at 2.0 s
                sleep_until(origin, 1.5).await;
                token.cancel();
                sleep_until(origin, 2.0).await;
            }
        };
        let returned = run(listener, token, deadline, &tally, origin, script, PATIENCE).await;
        let ended = returned.as_ref().map(|returned| returned.at);
        let now = origin.elapsed();
        let tally = lock(&tally);
        let labels = ["idle client", "quick: work 1"];
        let expected = vec![
            span("idle client", 0.0, 1.5),
            span("quick: work 1", 0.0, 2.0),
            span("serve", 0.0, 2.0),
        ];
        let seen = || picture(&labels, &tally, returned.as_ref(), now, expected.clone());
        let scene = "two clients connected; at 1.0 s one asked for 1 s of work; at 1.5 s the \
                     token was cancelled, with a deadline of 10 s";
        let idle = lock(&clients)[0].seen();
        require_seen(
            idle.lines.iter().any(|(_, line)| line == GOODBYE),
            seen,
            || {
                format!(
                    "{scene}: the idle client was never told {GOODBYE:?} (it received {:?}), \
                     so its handler never learnt of the shutdown and could only be cut at the \
                     deadline. Hand each handler the token — `handler(stream, \
                     shutdown.clone())` or a child token — so it sees the shutdown; {SECTION}.",
                    idle.lines
                )
            },
        );
        require_seen(
            ended.is_some_and(|at| at.abs_diff(Duration::from_secs(2)) <= SLACK),
            seen,
            || {
                let when = ended.map_or_else(
                    || format!("had not returned by {}", format_secs(now)),
                    |at| format!("returned at {}", format_secs(at)),
                );
                format!(
                    "{scene}: `serve` {when}; the last handler was done at 2.00 s, so it \
                     should return then. The deadline is the longest the handlers get, not \
                     a wait to sit out: wait for the handlers themselves, with \
                     `tokio::time::timeout(deadline, …)` around the wait; {SECTION}."
                )
            },
        );
        let alive = returned.as_ref().map_or(0, |returned| returned.alive.len());
        require_seen(alive == 0, seen, || {
            format!(
                "{scene}: when `serve` returned, {alive} handler(s) were still alive (the \
                 grader counts them); return only once every handler task has ended; \
                 {SECTION}."
            )
        });
    });
}

async fn sleep_until(origin: Instant, seconds: f64) {
    tokio::time::sleep_until(origin + Duration::from_secs_f64(seconds)).await;
}

async fn say(clients: &Mutex<Vec<Client>>, index: usize, line: &str) {
    // The grader's writes are small and the connection is fresh: they never block.
    let mut taken = std::mem::take(&mut *lock(clients));
    taken[index].say(line).await;
    *lock(clients) = taken;
}
