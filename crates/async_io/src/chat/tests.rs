//! The chat server's tests: on in-memory pipes and tokio's paused clock, where every
//! time is exact, and one on 127.0.0.1.

use super::client::talk;
use super::connection::{IDLE, SHUTTING_DOWN, WELCOME};
use super::server::{FULL, ServeReport, dial, serve};
use super::{CancellationToken, ChatConfig};
use futures::{SinkExt, StreamExt};
use std::io;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncWrite, DuplexStream, ReadBuf};
use tokio::sync::mpsc;
use tokio::task::JoinHandle;
use tokio::time::Instant;
use tokio_util::codec::{Framed, LinesCodec};

/// A client's end of the connection, as lines.
type Client = Framed<DuplexStream, LinesCodec>;

/// Small limits, so that everything happens within seconds of virtual time.
fn config() -> ChatConfig {
    ChatConfig {
        max_clients: 8,
        idle: Duration::from_secs(60),
        capacity: 4,
        max_line: 64,
        shutdown_deadline: Duration::from_secs(2),
    }
}

/// The server's end of a pipe, holding a clone of `alive` until it is dropped: when
/// `Arc::strong_count(&alive) == 1`, no task holds a connection any more.
struct Probe {
    stream: DuplexStream,
    _alive: Arc<()>,
}

impl AsyncRead for Probe {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().stream).poll_read(cx, buf)
    }
}

impl AsyncWrite for Probe {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.get_mut().stream).poll_write(cx, buf)
    }
    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().stream).poll_flush(cx)
    }
    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().stream).poll_shutdown(cx)
    }
}

/// A server on in-memory pipes whose connections are counted by `alive`.
struct Server {
    connect: mpsc::Sender<Probe>,
    alive: Arc<()>,
    shutdown: CancellationToken,
    serving: JoinHandle<ServeReport>,
}

impl Server {
    fn start(config: ChatConfig) -> Server {
        let (connect, incoming) = mpsc::channel(8);
        let shutdown = CancellationToken::new();
        let serving = tokio::spawn(serve(incoming, config, shutdown.clone()));
        Server {
            connect,
            alive: Arc::new(()),
            shutdown,
            serving,
        }
    }

    /// A raw connection with `buffer` bytes of pipe each way.
    async fn dial(&self, buffer: usize) -> Client {
        let (client, server_end) = tokio::io::duplex(buffer);
        let probe = Probe {
            stream: server_end,
            _alive: Arc::clone(&self.alive),
        };
        self.connect.send(probe).await.expect("the server accepts");
        Framed::new(client, LinesCodec::new())
    }

    /// A client who answered the greeting with `name`.
    async fn join(&self, name: &str) -> Client {
        self.join_with_buffer(name, 4096).await
    }

    async fn join_with_buffer(&self, name: &str, buffer: usize) -> Client {
        let mut client = self.dial(buffer).await;
        assert_eq!(next(&mut client).await, WELCOME);
        client.send(name).await.unwrap();
        client
    }

    /// How many server-side connections are still held by some task.
    fn connections_held(&self) -> usize {
        Arc::strong_count(&self.alive) - 1
    }

    async fn shut_down(self) -> (ServeReport, usize) {
        self.shutdown.cancel();
        let report = self.serving.await.unwrap();
        let held = Arc::strong_count(&self.alive) - 1;
        (report, held)
    }
}

/// The client's next line; panics if none comes within a minute of virtual time.
async fn next(client: &mut Client) -> String {
    match tokio::time::timeout(Duration::from_secs(60), client.next()).await {
        Ok(Some(Ok(line))) => line,
        Ok(other) => panic!("expected a line, the connection gave {other:?}"),
        Err(_) => panic!("expected a line, none came in 60 s"),
    }
}

/// Whether the client hears nothing more for a second.
async fn hears_nothing(client: &mut Client) -> bool {
    tokio::time::timeout(Duration::from_secs(1), client.next())
        .await
        .is_err()
}

/// Whether the server closed the client's connection (after any lines still in the pipe).
async fn is_closed(client: &mut Client) -> bool {
    matches!(
        tokio::time::timeout(Duration::from_secs(1), client.next()).await,
        Ok(None)
    )
}

#[tokio::test(start_paused = true)]
async fn a_line_reaches_the_others_but_not_the_sender() {
    let server = Server::start(config());
    let mut alice = server.join("alice").await;
    let mut bob = server.join("bob").await;
    let mut carol = server.join("carol").await;
    assert_eq!(next(&mut alice).await, "* bob joined");
    assert_eq!(next(&mut alice).await, "* carol joined");
    assert_eq!(next(&mut bob).await, "* carol joined");

    alice.send("hi").await.unwrap();
    assert_eq!(next(&mut bob).await, "alice: hi");
    assert_eq!(next(&mut carol).await, "alice: hi");
    assert!(
        hears_nothing(&mut alice).await,
        "alice must not hear her own line"
    );
    server.shut_down().await;
}

#[tokio::test(start_paused = true)]
async fn joins_and_leaves_are_announced_to_the_others() {
    let server = Server::start(config());
    let mut alice = server.join("alice").await;
    let bob = server.join("bob").await;
    assert_eq!(next(&mut alice).await, "* bob joined");
    drop(bob); // bob's connection goes away without a word
    assert_eq!(next(&mut alice).await, "* bob left");
    assert!(hears_nothing(&mut alice).await);
    let (report, held) = server.shut_down().await;
    assert_eq!((report.accepted, held), (2, 0));
}

#[tokio::test(start_paused = true)]
async fn a_reader_that_stops_reading_does_not_delay_the_others() {
    const LINES: usize = 100;
    let server = Server::start(config());
    let mut alice = server.join("alice").await;
    let mut bob = server.join("bob").await;
    // carol's pipe holds 64 bytes, and she reads nothing after the greeting.
    let mut carol = server.join_with_buffer("carol", 64).await;
    assert_eq!(next(&mut alice).await, "* bob joined");
    assert_eq!(next(&mut alice).await, "* carol joined");
    assert_eq!(next(&mut bob).await, "* carol joined");

    let start = Instant::now();
    let bob_hears = tokio::spawn(async move {
        let mut heard = Vec::new();
        for _ in 0..LINES {
            heard.push((next(&mut bob).await, start.elapsed()));
        }
        heard
    });
    let mut sent = Vec::new();
    for number in 0..LINES {
        tokio::time::sleep(Duration::from_millis(10)).await;
        alice.send(format!("line {number}")).await.unwrap();
        sent.push((format!("alice: line {number}"), start.elapsed()));
    }
    let heard = bob_hears.await.unwrap();
    assert_eq!(
        heard, sent,
        "bob must hear every line at the very moment alice sent it, though carol reads nothing"
    );

    // carol reads at last: what fitted, a notice of what she missed, then the newest.
    let mut received = 0;
    let mut missed = 0;
    while received + missed < LINES {
        let line = next(&mut carol).await;
        if let Some(count) = line
            .strip_prefix("* you missed ")
            .and_then(|rest| rest.strip_suffix(" messages"))
        {
            missed += count.parse::<usize>().unwrap();
        } else {
            assert!(line.starts_with("alice: line "), "{line}");
            received += 1;
        }
    }
    assert!(missed > 0, "carol lagged, and must be told so");
    assert_eq!(received + missed, LINES);
    // bob's task has ended, and with it his connection.
    assert_eq!(next(&mut carol).await, "* bob left");
    assert!(hears_nothing(&mut carol).await);
    server.shut_down().await;
}

#[tokio::test(start_paused = true)]
async fn a_silent_client_is_told_goodbye_after_the_idle_time() {
    let server = Server::start(ChatConfig {
        idle: Duration::from_secs(5),
        ..config()
    });
    let start = Instant::now();
    let mut alice = server.join("alice").await;
    let mut bob = server.join("bob").await;
    assert_eq!(next(&mut alice).await, "* bob joined");
    tokio::time::sleep(Duration::from_secs(3)).await;
    bob.send("still here").await.unwrap(); // bob's idle time starts again at 3 s
    assert_eq!(next(&mut alice).await, "bob: still here");

    assert_eq!(next(&mut alice).await, IDLE);
    assert_eq!(
        start.elapsed(),
        Duration::from_secs(5),
        "alice: silent since 0 s"
    );
    assert!(is_closed(&mut alice).await);
    assert_eq!(next(&mut bob).await, "* alice left");
    assert_eq!(next(&mut bob).await, IDLE);
    assert_eq!(
        start.elapsed(),
        Duration::from_secs(8),
        "bob: silent since 3 s"
    );

    // A client who never gives a name is timed out too.
    let mut nameless = server.dial(4096).await;
    let asked = Instant::now();
    assert_eq!(next(&mut nameless).await, WELCOME);
    assert_eq!(next(&mut nameless).await, IDLE);
    assert_eq!(asked.elapsed(), Duration::from_secs(5));
    server.shut_down().await;
}

#[tokio::test(start_paused = true)]
async fn a_full_server_refuses_politely_and_a_leaving_client_frees_a_place() {
    let server = Server::start(ChatConfig {
        max_clients: 2,
        ..config()
    });
    let mut alice = server.join("alice").await;
    let bob = server.join("bob").await;
    let mut carol = server.dial(4096).await;
    assert_eq!(next(&mut carol).await, FULL);
    assert!(
        is_closed(&mut carol).await,
        "a refused client is disconnected"
    );
    assert_eq!(next(&mut alice).await, "* bob joined");
    assert!(
        hears_nothing(&mut alice).await,
        "carol never joined the room"
    );

    drop(bob);
    assert_eq!(next(&mut alice).await, "* bob left");
    let mut dave = server.dial(4096).await;
    assert_eq!(next(&mut dave).await, WELCOME, "bob's place is free again");
    let (report, held) = server.shut_down().await;
    assert_eq!((report.accepted, report.refused, held), (3, 1, 0));
}

#[tokio::test(start_paused = true)]
async fn an_over_long_line_is_refused_and_the_connection_closed() {
    let server = Server::start(config()); // max_line: 64
    let mut alice = server.join("alice").await;
    let mut bob = server.join("bob").await;
    assert_eq!(next(&mut alice).await, "* bob joined");
    alice.send("x".repeat(100)).await.unwrap();
    assert_eq!(
        next(&mut alice).await,
        "* line too long (the limit is 64 bytes), goodbye"
    );
    assert!(is_closed(&mut alice).await);
    assert_eq!(next(&mut bob).await, "* alice left");
    server.shut_down().await;
}

#[tokio::test(start_paused = true)]
async fn shutdown_tells_everyone_and_leaves_no_task_alive() {
    let server = Server::start(config());
    let mut clients = Vec::new();
    for name in ["alice", "bob", "carol"] {
        clients.push(server.join(name).await);
    }
    let mut nameless = server.dial(4096).await; // connected, not yet named
    assert_eq!(next(&mut nameless).await, WELCOME);
    tokio::time::sleep(Duration::from_secs(1)).await;
    assert_eq!(server.connections_held(), 4);

    let start = Instant::now();
    let (report, held) = server.shut_down().await;
    assert_eq!(
        start.elapsed(),
        Duration::ZERO,
        "every handler ended at once: no waiting for the deadline"
    );
    assert_eq!((report.told, report.finished, report.cut), (4, 4, 0));
    assert_eq!(report.alive, 0, "the TaskTracker counts no task");
    assert_eq!(held, 0, "no task holds a connection");
    for client in clients.iter_mut().chain([&mut nameless]) {
        let mut last = next(client).await;
        while last != SHUTTING_DOWN {
            last = next(client).await; // the joins of the others, before it
        }
        assert!(is_closed(client).await);
    }
}

#[tokio::test(start_paused = true)]
async fn a_handler_stuck_writing_to_a_client_that_never_reads_is_cut_at_the_deadline() {
    let server = Server::start(config()); // shutdown_deadline: 2 s
    let mut alice = server.join("alice").await;
    let _frank = server.join_with_buffer("frank", 32).await; // never reads again
    assert_eq!(next(&mut alice).await, "* frank joined");
    for number in 0..10 {
        alice.send(format!("line {number}")).await.unwrap();
    }
    tokio::time::sleep(Duration::from_secs(1)).await; // frank's handler is stuck by now

    let start = Instant::now();
    let (report, held) = server.shut_down().await;
    assert_eq!(
        start.elapsed(),
        Duration::from_secs(2),
        "serve waits for the deadline, then cuts, and returns at once"
    );
    assert_eq!(
        (report.told, report.finished, report.cut, report.alive),
        (1, 1, 1, 0)
    );
    assert_eq!(held, 0, "frank's connection was dropped with his handler");
    assert_eq!(next(&mut alice).await, SHUTTING_DOWN);
}

#[tokio::test(start_paused = true)]
async fn the_client_sends_its_name_then_the_typed_lines() {
    let (connect, incoming) = mpsc::channel(8);
    let shutdown = CancellationToken::new();
    let serving = tokio::spawn(serve(incoming, config(), shutdown.clone()));
    let mut bob = Framed::new(dial(&connect, 4096).await.unwrap(), LinesCodec::new());
    assert_eq!(next(&mut bob).await, WELCOME);
    bob.send("bob").await.unwrap();

    let stream = dial(&connect, 4096).await.unwrap();
    let (typed, keyboard) = mpsc::channel(4);
    let shown = Arc::new(std::sync::Mutex::new(Vec::new()));
    let show = {
        let shown = Arc::clone(&shown);
        move |line: &str| shown.lock().unwrap().push(line.to_string())
    };
    let session = tokio::spawn(async move { talk(stream, "alice", keyboard, show).await });
    assert_eq!(next(&mut bob).await, "* alice joined");
    typed.send("hello".to_string()).await.unwrap();
    assert_eq!(next(&mut bob).await, "alice: hello");
    bob.send("hi alice").await.unwrap();
    tokio::time::sleep(Duration::from_secs(1)).await;
    drop(typed); // end of input: the client leaves
    session.await.unwrap().unwrap();
    assert_eq!(next(&mut bob).await, "* alice left");
    assert_eq!(*shown.lock().unwrap(), [WELCOME, "bob: hi alice"]);
    shutdown.cancel();
    serving.await.unwrap();
}

/// The same server on a real socket: 127.0.0.1, any free port, the real clock (no
/// assertion about time).
#[tokio::test]
async fn the_server_works_on_tcp_too() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let shutdown = CancellationToken::new();
    let serving = tokio::spawn(serve(listener, config(), shutdown.clone()));
    let connect = || async {
        let stream = tokio::net::TcpStream::connect(address).await.unwrap();
        Framed::new(stream, LinesCodec::new())
    };
    let mut alice = connect().await;
    assert_eq!(alice.next().await.unwrap().unwrap(), WELCOME);
    alice.send("alice").await.unwrap();
    let mut bob = connect().await;
    assert_eq!(bob.next().await.unwrap().unwrap(), WELCOME);
    bob.send("bob").await.unwrap();
    assert_eq!(alice.next().await.unwrap().unwrap(), "* bob joined");
    alice.send("hi bob").await.unwrap();
    assert_eq!(bob.next().await.unwrap().unwrap(), "alice: hi bob");

    shutdown.cancel();
    let report = serving.await.unwrap();
    for client in [&mut alice, &mut bob] {
        assert_eq!(client.next().await.unwrap().unwrap(), SHUTTING_DOWN);
        assert!(
            client.next().await.is_none(),
            "the server closed the socket"
        );
    }
    assert_eq!((report.told, report.cut, report.alive), (2, 0, 0));
    assert!(
        tokio::net::TcpStream::connect(address).await.is_err(),
        "the listener is closed"
    );
}
