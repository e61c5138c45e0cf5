//! The chat server's demos, on in-memory pipes in virtual time.
//!
//! Each client is one end of a `tokio::io::duplex` pipe whose other end goes to the real
//! [`serve`]: the same handler that `cargo xtask chat` runs on TCP. A pipe has a small
//! buffer, like a socket's, so a client that stops reading fills it and the server's
//! writes to that client wait — exactly what a slow reader does to a TCP server. On
//! tokio's paused clock the whole chat takes no real time and every timestamp is exact.

use super::connection::{IDLE, SHUTTING_DOWN};
use super::server::{FULL, ServeReport, dial, serve};
use super::{CancellationToken, ChatConfig};
use futures::{SinkExt, StreamExt};
use harness::{Ctx, Timeline};
use std::time::Duration;
use tokio::io::{DuplexStream, ReadHalf, WriteHalf};
use tokio::sync::mpsc;
use tokio::task::JoinHandle;
use tokio::time::{Instant, sleep_until};
use tokio_util::codec::{FramedRead, FramedWrite, LinesCodec};

/// The pipe buffer of a client that reads: roomy, like a socket's.
const ROOMY: usize = 4096;
/// The pipe buffer of a client that stops reading: three short lines fill it.
const SMALL: usize = 48;
/// frank's pipe: room for the greeting (28 bytes) and one line of alice's (14 bytes).
const STUCK: usize = 42;

/// A demo client: its writing half, and the task that reads and logs what it hears.
struct Client {
    name: &'static str,
    writer: FramedWrite<WriteHalf<DuplexStream>, LinesCodec>,
    listening: JoinHandle<()>,
}

/// When a client stops reading for a while: from `stop` to `resume`.
type Pause = Option<(Instant, Instant)>;

impl Client {
    /// Connects `name` to the server, answers the greeting with the name, and starts
    /// logging what it hears (pausing during `pause`); its connection is one row of
    /// `timeline`, from now until the server closes it.
    async fn connect(
        ctx: &Ctx,
        timeline: &Timeline,
        server: &mpsc::Sender<DuplexStream>,
        (name, row): (&'static str, &str),
        buffer: usize,
        pause: Pause,
    ) -> Option<Client> {
        let stream = dial(server, buffer).await?;
        let (reader, writer) = tokio::io::split(stream);
        let mut writer = FramedWrite::new(writer, LinesCodec::new());
        let mut reader = FramedRead::new(reader, LinesCodec::new());
        // Whatever the first line is (the greeting, or "server full"), hear it first.
        let first = reader.next().await.and_then(Result::ok).unwrap_or_default();
        ctx.log(format!("{name:>5} ← {first}"));
        if first != FULL {
            let _ = writer.send(name).await;
        }
        let listening = tokio::spawn(
            timeline
                .clone()
                .record_owned(row.to_string(), listen(ctx.clone(), name, reader, pause)),
        );
        Some(Client {
            name,
            writer,
            listening,
        })
    }

    /// Says `text` to the room.
    async fn say(&mut self, ctx: &Ctx, text: &str) {
        ctx.log(format!("{:>5} → {text}", self.name));
        let _ = self.writer.send(text).await;
    }

    /// Closes the connection from the client's side, as when a terminal is closed.
    async fn leave(&mut self, ctx: &Ctx) {
        ctx.log(format!("{:>5} closes the connection", self.name));
        let _ = SinkExt::<&str>::close(&mut self.writer).await;
    }
}

/// Logs every line `name` hears until the server closes the connection; between `stop`
/// and `resume` it reads nothing, like a client that stopped reading.
async fn listen(
    ctx: Ctx,
    name: &'static str,
    mut lines: FramedRead<ReadHalf<DuplexStream>, LinesCodec>,
    pause: Pause,
) {
    if let Some((stop, resume)) = pause {
        loop {
            tokio::select! {
                line = lines.next() => match line {
                    Some(Ok(line)) => ctx.log(format!("{name:>5} ← {line}")),
                    _ => return,
                },
                _ = sleep_until(stop) => break,
            }
        }
        ctx.log(format!(
            "{name:>5} stops reading (the server's writes to {name} will wait)"
        ));
        sleep_until(resume).await;
        ctx.log(format!("{name:>5} reads again"));
    }
    while let Some(Ok(line)) = lines.next().await {
        ctx.log(format!("{name:>5} ← {line}"));
    }
    ctx.log(format!("{name:>5} sees the connection closed"));
}

/// Waits until `at` seconds after `start`.
async fn at(start: Instant, seconds: f64) {
    sleep_until(start + Duration::from_secs_f64(seconds)).await;
}

/// Logs the server's report in words.
fn log_report(ctx: &Ctx, report: &ServeReport) {
    ctx.log(format!(
        "serve returned: {} clients served, {} refused; on shutdown {} told, {} handlers \
         finished in time, {} cut at the deadline; tasks still alive: {}",
        report.accepted, report.refused, report.told, report.finished, report.cut, report.alive
    ));
}

/// The chat server on in-memory pipes: alice and bob talk, carol stops reading for a
/// while and lags, dave says nothing and is timed out, erin finds the server full.
pub async fn a_chat_in_virtual_time(ctx: Ctx) {
    let config = ChatConfig {
        max_clients: 4,
        idle: Duration::from_secs(3),
        capacity: 2,
        max_line: 80,
        shutdown_deadline: Duration::from_secs(1),
    };
    ctx.say(format!(
        "A room of at most {} clients that keeps the last {} messages; {} s of silence \
         and a client is sent away. Each client is a duplex pipe to the real server.",
        config.max_clients,
        config.capacity,
        config.idle.as_secs()
    ));
    let timeline = ctx.new_timeline();
    let start = Instant::now();
    let shutdown = CancellationToken::new();
    let (connect, incoming) = mpsc::channel(8);
    let server = tokio::spawn(serve(incoming, config, shutdown.clone()));
    let (stop, resume) = (
        start + Duration::from_secs(1),
        start + Duration::from_millis(2500),
    );

    let join = |name, row, buffer, pause| {
        Client::connect(&ctx, &timeline, &connect, (name, row), buffer, pause)
    };
    let mut alice = join("alice", "alice", ROOMY, None).await.expect("serving");
    at(start, 0.1).await;
    let mut bob = join("bob", "bob", ROOMY, None).await.expect("serving");
    at(start, 0.2).await;
    let carol_row = "carol (stops reading 1.0-2.5 s)";
    let carol = join("carol", carol_row, SMALL, Some((stop, resume)));
    let mut carol = carol.await.expect("serving");
    at(start, 0.3).await;
    let dave = join("dave", "dave (silent)", ROOMY, None)
        .await
        .expect("serving");
    at(start, 0.4).await;
    let erin = join("erin", "erin (server full)", ROOMY, None)
        .await
        .expect("serving");

    at(start, 0.5).await;
    alice.say(&ctx, "hi all").await;
    at(start, 0.8).await;
    bob.say(&ctx, "hi alice").await;
    for number in 1..=8 {
        at(start, 1.0 + 0.1 * f64::from(number)).await;
        alice.say(&ctx, &format!("news {number}")).await;
    }
    at(start, 2.7).await;
    carol.say(&ctx, "sorry, I was away").await;
    at(start, 3.5).await;
    bob.leave(&ctx).await;
    at(start, 4.0).await;
    ctx.log("Ctrl-C on the server: stop accepting, tell everyone, wait up to 1 s");
    shutdown.cancel();
    let report = server.await.expect("the server does not panic");
    log_report(&ctx, &report);
    for client in [alice, bob, carol, dave, erin] {
        let _ = client.listening.await;
    }
    ctx.show_timeline("One row per connection:", &timeline);
    ctx.say(format!(
        "bob heard every line of alice's at the moment she said it, while carol was not \
         reading: carol's handler waited alone, and carol was told what she missed. dave \
         heard \"{IDLE}\" 3 s after his last line (his name); erin heard \"{FULL}\"."
    ));
}

/// Ctrl-C on the chat server: it stops accepting, tells every client, and waits for the
/// handlers with a deadline; frank never reads, so his handler is stuck writing to him
/// and is cut at the deadline. No task is left when `serve` returns.
pub async fn a_graceful_shutdown(ctx: Ctx) {
    let config = ChatConfig {
        max_clients: 8,
        idle: Duration::from_secs(60),
        capacity: 4,
        max_line: 80,
        shutdown_deadline: Duration::from_secs(2),
    };
    let timeline = ctx.new_timeline();
    let start = Instant::now();
    let shutdown = CancellationToken::new();
    let (connect, incoming) = mpsc::channel(8);
    let server = tokio::spawn(serve(incoming, config, shutdown.clone()));

    let join =
        |name, buffer| Client::connect(&ctx, &timeline, &connect, (name, name), buffer, None);
    let mut alice = join("alice", ROOMY).await.expect("serving");
    let bob = join("bob", ROOMY).await.expect("serving");
    // frank answers the greeting, then never reads again: his pipe fills up.
    let frank_joined = timeline.elapsed();
    let frank = dial(&connect, STUCK).await.expect("serving");
    let (frank_reads, frank_writes) = tokio::io::split(frank);
    let mut frank_writes = FramedWrite::new(frank_writes, LinesCodec::new());
    let _ = frank_writes.send("frank").await;
    ctx.log("frank answers with his name, then reads nothing more");

    for number in 1..=6 {
        at(start, 0.2 + 0.1 * f64::from(number)).await;
        alice.say(&ctx, &format!("line {number}")).await;
    }
    at(start, 1.5).await;
    ctx.log("Ctrl-C: stop accepting; every handler is told; wait for them, 2 s at most");
    shutdown.cancel();
    let shutting_down = timeline.elapsed();
    at(start, 2.0).await;
    match dial(&connect, ROOMY).await {
        Some(_) => ctx.log("grace connected (unexpected: the server stopped accepting)"),
        None => ctx.log("grace cannot connect: nobody accepts any more"),
    }
    let report = server.await.expect("the server does not panic");
    let returned = timeline.elapsed();
    timeline.add("server: shutting down", shutting_down, returned);
    timeline.add("frank (never reads)", frank_joined, returned);
    log_report(&ctx, &report);
    for client in [alice, bob] {
        let _ = client.listening.await;
    }

    // What frank finds when he finally reads: the lines that fit in his pipe, then the end.
    let mut frank_lines = FramedRead::new(frank_reads, LinesCodec::new());
    while let Some(Ok(line)) = frank_lines.next().await {
        ctx.log(format!("frank ← {line} (read only now)"));
    }
    ctx.log("frank sees the connection closed");
    ctx.show_timeline("One row per connection:", &timeline);
    ctx.say(format!(
        "alice and bob were told \"{SHUTTING_DOWN}\" at once; frank's handler was still \
         waiting to write to him at the deadline, so it was cut. serve returned with no \
         task of it alive."
    ));
}
