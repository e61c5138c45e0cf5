//! Grader for exercise 37 — an echo server, one task per connection. Used unchanged by
//! `solutions/`.
//!
//! Each check binds a listener on 127.0.0.1 (port 0), runs `serve` on it beside the
//! grader's clients, and stops it when the clients are done. It runs on the paused
//! clock: bytes written on loopback are already waiting in the kernel when the runtime
//! next looks, so a server that answers at once answers in 0 s of virtual time, and a
//! client that gets no answer gives up after `PATIENCE` of virtual time, which costs no
//! real time.

use crate::ex37_echo_server::serve;
use harness::Span;
use harness::format_secs;
use harness::grade::{loopback_listener, on_paused_clock, require, require_seen};
use harness::picture::{Picture, span};
use std::future::Future;
use std::net::SocketAddr;
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::time::{Instant, sleep, timeout};

/// How long a client waits for its echo (virtual time).
const PATIENCE: Duration = Duration::from_secs(1);

/// Runs `serve` on a fresh listener beside `clients`, until the clients are done.
async fn with_server<F, Fut>(clients: F)
where
    F: FnOnce(SocketAddr) -> Fut,
    Fut: Future<Output = ()>,
{
    let (listener, addr) = loopback_listener();
    tokio::select! {
        biased;
        () = clients(addr) => {}
        returned = serve(listener) => require(false, || {
            format!(
                "serve returned {returned:?} while the grader's clients were still using it. \
                 A server accepts clients forever: loop on `accept`, and let a client's \
                 error end that client's task only (`?` there would end the whole server)."
            )
        }),
    }
}

/// Connects a client, or fails the check.
async fn connect(addr: SocketAddr, who: &str) -> TcpStream {
    let stream = timeout(PATIENCE, TcpStream::connect(addr)).await;
    require(matches!(stream, Ok(Ok(_))), || {
        format!("{who} could not connect to your server on {addr}: {stream:?}")
    });
    let stream = stream.expect("checked above").expect("checked above");
    // Small writes go out at once (see `harness::grade::loopback_listener`).
    let _ = stream.set_nodelay(true);
    stream
}

/// Sends `message` and reads as many bytes back, writing and reading at once (so a big
/// message cannot fill both directions' buffers). `Err` says what came back instead.
async fn echo_of(stream: &mut TcpStream, message: &[u8]) -> Result<(), String> {
    let (mut reader, mut writer) = stream.split();
    let send = writer.write_all(message);
    let receive = async {
        let mut back = Vec::new();
        let mut chunk = vec![0; 16 * 1024];
        while back.len() < message.len() {
            match reader.read(&mut chunk).await {
                Ok(0) => return (back, Some("then the connection was closed".to_string())),
                Ok(n) => back.extend_from_slice(&chunk[..n]),
                Err(error) => return (back, Some(format!("then reading failed: {error}"))),
            }
        }
        (back, None)
    };
    let outcome = timeout(PATIENCE, async { tokio::join!(send, receive) }).await;
    let Ok((sent, (back, ended))) = outcome else {
        return Err(format!(
            "no complete answer within {} (virtual time)",
            format_secs(PATIENCE)
        ));
    };
    if let Err(error) = sent {
        return Err(format!("sending failed: {error}"));
    }
    if back == message {
        return Ok(());
    }
    let shown = |bytes: &[u8]| {
        let text = String::from_utf8_lossy(&bytes[..bytes.len().min(40)]).into_owned();
        if bytes.len() > 40 {
            format!("{text:?}… ({} bytes)", bytes.len())
        } else {
            format!("{text:?}")
        }
    };
    Err(match ended {
        Some(ended) => format!("it got back {}, {ended}", shown(&back)),
        None => format!("it got back {} instead", shown(&back)),
    })
}

/// `size` bytes of a repeating, recognisable pattern.
fn pattern(size: usize) -> Vec<u8> {
    b"0123456789abcdefghijklmnopqrstuvwxyz\n"
        .iter()
        .copied()
        .cycle()
        .take(size)
        .collect()
}

#[test]
fn one_client_gets_back_everything_it_sends() {
    on_paused_clock(|| async {
        with_server(|addr| async move {
            let mut client = connect(addr, "a client").await;
            for message in [&b"hello\n"[..], b"how are you?\n", &pattern(4 * 1024)] {
                let echoed = echo_of(&mut client, message).await;
                require(echoed.is_ok(), || {
                    format!(
                        "a client sent {} bytes ({:?}…) and expected them back, unchanged; {}. \
                         Write back exactly the bytes each read gave you (`&buffer[..n]`), \
                         for as long as the client sends — `tokio::io::copy` does both.",
                        message.len(),
                        String::from_utf8_lossy(&message[..message.len().min(12)]),
                        echoed.as_ref().err().cloned().unwrap_or_default()
                    )
                });
            }
            let closed = client.shutdown().await;
            require(closed.is_ok(), || {
                format!("the grader could not close its side: {closed:?}")
            });
            let mut rest = Vec::new();
            let end = timeout(PATIENCE, client.read_to_end(&mut rest)).await;
            require(matches!(end, Ok(Ok(0))), || match end {
                Err(_) => format!(
                    "the client closed its side (end of file), but your server kept the \
                     connection open for {} more: when a read gives 0 bytes the client is \
                     done — end that client's task, which drops (and so closes) its stream.",
                    format_secs(PATIENCE)
                ),
                _ => format!(
                    "after the client closed its side, it expected the connection to close \
                     with nothing more; it got {end:?} with {} more bytes.",
                    rest.len()
                ),
            });
        })
        .await;
    });
}

#[test]
fn a_silent_client_does_not_hold_up_the_others() {
    on_paused_clock(|| async {
        with_server(|addr| async move {
            let origin = Instant::now();
            let _silent = connect(addr, "the first client").await;
            sleep(Duration::from_millis(100)).await;
            let mut second = connect(addr, "the second client").await;
            let asked = origin.elapsed();
            let echoed = echo_of(&mut second, b"hello\n").await;
            let answered = origin.elapsed();
            let seen = || {
                Picture::new()
                    .spans(
                        "your run",
                        vec![
                            span("client 1: connected, silent", 0.0, answered.as_secs_f64()),
                            Span {
                                label: "client 2: hello → echo".to_string(),
                                start: asked,
                                end: answered,
                                cancelled: echoed.is_err(),
                            },
                        ],
                    )
                    .spans(
                        "expected: client 2 answered at once",
                        vec![
                            span("client 1: connected, silent", 0.0, answered.as_secs_f64()),
                            span("client 2: hello → echo", 0.1, 0.1),
                        ],
                    )
            };
            require_seen(echoed.is_ok(), seen, || {
                format!(
                    "a first client connected and sent nothing; then a second client sent \
                     \"hello\\n\" and got {}. Your server is still busy with the first client, \
                     waiting for bytes that never come, and never got back to `accept`. Serve \
                     each client in a task of its own: `tokio::spawn` the handler and loop \
                     straight back to `accept`.",
                    echoed.as_ref().err().cloned().unwrap_or_default()
                )
            });
        })
        .await;
    });
}

#[test]
fn twenty_clients_at_once_are_all_answered() {
    on_paused_clock(|| async {
        with_server(|addr| async move {
            const CLIENTS: usize = 20;
            let origin = Instant::now();
            let mut streams = Vec::new();
            for n in 1..=CLIENTS {
                streams.push(connect(addr, &format!("client {n}")).await);
            }
            // Every stream stays open until all the clients are done.
            let clients = streams
                .iter_mut()
                .enumerate()
                .map(|(i, stream)| async move {
                    sleep(Duration::from_millis(50) * i as u32).await;
                    let asked = origin.elapsed();
                    let echoed = echo_of(stream, format!("client {}\n", i + 1).as_bytes()).await;
                    (asked, origin.elapsed(), echoed)
                });
            let results = futures::future::join_all(clients).await;
            let unanswered: Vec<usize> = results
                .iter()
                .enumerate()
                .filter(|(_, (asked, answered, echoed))| {
                    echoed.is_err() || *answered - *asked > Duration::from_millis(10)
                })
                .map(|(i, _)| i + 1)
                .collect();
            let seen = || {
                let yours = results
                    .iter()
                    .enumerate()
                    .map(|(i, (asked, answered, echoed))| Span {
                        label: format!("client {}", i + 1),
                        start: *asked,
                        end: *answered,
                        cancelled: echoed.is_err(),
                    })
                    .collect();
                let expected = (0..CLIENTS)
                    .map(|i| {
                        let at = 0.05 * i as f64;
                        span(format!("client {}", i + 1), at, at)
                    })
                    .collect();
                Picture::new()
                    .spans("your run: from sending to the echo (or giving up)", yours)
                    .spans("expected: every client answered at once", expected)
            };
            require_seen(unanswered.is_empty(), seen, || {
                format!(
                    "20 clients connected and stayed connected; each sent a line, 0.05 s \
                     apart. Clients {unanswered:?} got no echo within {} ({} of 20 did). \
                     Your server serves one client at a time, until that client leaves; \
                     serve each client in a task of its own (`tokio::spawn`), so all of \
                     them are answered at once.",
                    format_secs(PATIENCE),
                    CLIENTS - unanswered.len()
                )
            });
        })
        .await;
    });
}

#[test]
fn a_client_that_breaks_its_connection_does_not_stop_the_server() {
    on_paused_clock(|| async {
        with_server(|addr| async move {
            let rude = connect(addr, "a first client").await;
            let sent = rude.try_write(b"bye\n");
            require(sent.is_ok(), || {
                format!("the grader could not send: {sent:?}")
            });
            sleep(Duration::from_millis(100)).await;
            // Zero linger: dropping the socket resets the connection (an RST, not a FIN),
            // so the server's next read or write on it fails.
            let reset = rude.set_zero_linger();
            require(reset.is_ok(), || {
                format!("the grader could not reset its connection: {reset:?}")
            });
            drop(rude);
            sleep(Duration::from_millis(100)).await;
            let mut next = connect(addr, "the next client").await;
            let echoed = echo_of(&mut next, b"still there?\n").await;
            require(echoed.is_ok(), || {
                format!(
                    "a client reset its connection (its socket was dropped abruptly); the \
                     next client to connect then sent \"still there?\\n\" and {}. A broken \
                     connection must end that client's task only: ignore (or log) its \
                     error there, and keep accepting.",
                    echoed.as_ref().err().cloned().unwrap_or_default()
                )
            });
        })
        .await;
    });
}
