//! One connection: greet, ask the name, then relay lines both ways until the end.
//!
//! Each client gets a task of its own running [`handle`]. The byte stream is framed into
//! lines by `Framed<_, LinesCodec>` — with a maximum length, so a client that never sends
//! a newline cannot make the server buffer without bound. After the name, one
//! `select!` loop waits for whichever comes first:
//!
//! - the shutdown signal → "* server shutting down", and the connection ends;
//! - the idle timer (a `sleep` reset each time the client says something) → "* idle too
//!   long, goodbye";
//! - the client's next line → said to the room as "alice: hi";
//! - the room's next message → written to this client, unless it is its own; if this
//!   member fell so far behind that the room overwrote messages it had not read
//!   (`RecvError::Lagged(n)`), it is told "* you missed n messages" and carries on.
//!
//! Every branch is cancel-safe: `Framed`'s `next()` keeps a half-received line in
//! its buffer, `broadcast::Receiver::recv` loses nothing when dropped, and the timer and
//! the token can be polled again.
//!
//! A client that stops reading fills its socket, and the write to it (`send().await`)
//! waits. Only this task waits: the others never write to that socket, and the room
//! never waits for anyone (room.rs), so the rest of the chat carries on. While it waits,
//! this task does not poll its `select!`, so it notices neither its idle timer nor the
//! shutdown signal; on shutdown the server cuts it at the deadline (server.rs). A
//! production server would also give each write a timeout of its own.

use super::ChatConfig;
use super::room::{MemberId, Room, Said};
use futures::{SinkExt, StreamExt};
use tokio::io::{AsyncRead, AsyncWrite};
use tokio::sync::broadcast::{self, error::RecvError};
use tokio::time::Instant;
use tokio_util::codec::{Framed, LinesCodec, LinesCodecError};
use tokio_util::sync::CancellationToken;

/// The server's first line to every client.
pub const WELCOME: &str = "Welcome! What is your name?";
/// Said to a client that was silent for too long, before it is disconnected.
pub const IDLE: &str = "* idle too long, goodbye";
/// Said to every client when the server shuts down.
pub const SHUTTING_DOWN: &str = "* server shutting down";

/// A connection as lines: the byte stream `S` framed into `String`s, both ways.
pub type Lines<S> = Framed<S, LinesCodec>;

/// How a connection ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ended {
    /// The client closed the connection, or it broke.
    Left,
    /// The client was silent for `ChatConfig::idle` and was told goodbye.
    Idle,
    /// The client sent a line longer than `ChatConfig::max_line` and was told so.
    LineTooLong,
    /// The server is shutting down, and the client was told.
    ShuttingDown,
}

// ANCHOR: handle
/// Serves one client, from the greeting to the goodbye.
pub async fn handle<S>(
    stream: S,
    room: Room,
    config: &ChatConfig,
    shutdown: &CancellationToken,
) -> Ended
where
    S: AsyncRead + AsyncWrite + Unpin,
{
    let mut lines = Framed::new(stream, LinesCodec::new_with_max_length(config.max_line));
    let name = match ask_name(&mut lines, config, shutdown).await {
        Ok(name) => name,
        Err(ended) => return ended,
    };
    let (me, mut heard) = room.join(); // hears only what is said from now on
    room.say(me, format!("* {name} joined"));
    let ended = converse(&mut lines, &room, (me, &name), &mut heard, config, shutdown).await;
    room.say(me, format!("* {name} left"));
    ended
}
// ANCHOR_END: handle

// ANCHOR: connection
/// Relays lines between one client and the room until the connection ends.
async fn converse<S>(
    lines: &mut Lines<S>,
    room: &Room,
    (me, name): (MemberId, &str),
    heard: &mut broadcast::Receiver<Said>,
    config: &ChatConfig,
    shutdown: &CancellationToken,
) -> Ended
where
    S: AsyncRead + AsyncWrite + Unpin,
{
    let idle = tokio::time::sleep(config.idle);
    tokio::pin!(idle);
    loop {
        tokio::select! {
            // In this order: shutdown first, so that even a busy connection notices it;
            // the room's messages before the client's lines, so that a client sending
            // fast does not push its own receiver behind its own messages.
            biased;
            _ = shutdown.cancelled() => {
                return goodbye(lines, SHUTTING_DOWN, Ended::ShuttingDown).await;
            }
            // ANCHOR: idle
            // `idle` fires after `config.idle` with no line from the client: each line
            // the client sends resets it (below). Lines *to* the client do not count.
            _ = &mut idle => return goodbye(lines, IDLE, Ended::Idle).await,
            // ANCHOR_END: idle
            said = heard.recv() => {
                let line = match said {
                    Ok(said) if said.from == me => continue, // our own line: skip it
                    Ok(said) => said.line,
                    // ANCHOR: lagging
                    // This member fell more than `capacity` messages behind (its client
                    // reads slowly, so our writes to it waited): the room overwrote
                    // `missed` messages it had not read. Say so, and carry on from the
                    // oldest message the room still holds.
                    Err(RecvError::Lagged(missed)) => missed_notice(missed).into(),
                    // ANCHOR_END: lagging
                    // Every sender is gone: cannot happen while we hold `room`.
                    Err(RecvError::Closed) => return Ended::Left,
                };
                if lines.send(line).await.is_err() {
                    return Ended::Left;
                }
            }
            line = lines.next() => match line {
                Some(Ok(line)) => {
                    idle.as_mut().reset(Instant::now() + config.idle);
                    if !line.is_empty() {
                        room.say(me, format!("{name}: {line}"));
                    }
                }
                Some(Err(LinesCodecError::MaxLineLengthExceeded)) => {
                    return goodbye(lines, &too_long(config), Ended::LineTooLong).await;
                }
                Some(Err(LinesCodecError::Io(_))) | None => return Ended::Left,
            },
        }
    }
}
// ANCHOR_END: connection

/// Greets the client and reads its name (the first non-empty line), within `config.idle`.
async fn ask_name<S>(
    lines: &mut Lines<S>,
    config: &ChatConfig,
    shutdown: &CancellationToken,
) -> Result<String, Ended>
where
    S: AsyncRead + AsyncWrite + Unpin,
{
    if lines.send(WELCOME).await.is_err() {
        return Err(Ended::Left);
    }
    loop {
        // Here the idle limit is a plain `timeout` around one read.
        let answer = tokio::select! {
            biased;
            _ = shutdown.cancelled() => {
                return Err(goodbye(lines, SHUTTING_DOWN, Ended::ShuttingDown).await);
            }
            answer = tokio::time::timeout(config.idle, lines.next()) => answer,
        };
        match answer {
            Err(_elapsed) => return Err(goodbye(lines, IDLE, Ended::Idle).await),
            Ok(Some(Ok(name))) if !name.trim().is_empty() => return Ok(name.trim().to_string()),
            Ok(Some(Ok(_))) => {
                if lines.send("* a name, please").await.is_err() {
                    return Err(Ended::Left);
                }
            }
            Ok(Some(Err(LinesCodecError::MaxLineLengthExceeded))) => {
                return Err(goodbye(lines, &too_long(config), Ended::LineTooLong).await);
            }
            Ok(Some(Err(LinesCodecError::Io(_))) | None) => return Err(Ended::Left),
        }
    }
}

/// Sends a last line, then returns `ended`. The send waits if the client does not read;
/// on shutdown, the server's deadline cuts that wait.
async fn goodbye<S>(lines: &mut Lines<S>, notice: &str, ended: Ended) -> Ended
where
    S: AsyncRead + AsyncWrite + Unpin,
{
    let _ = lines.send(notice).await; // the client may be gone already: nothing to do then
    ended
}

/// The notice for a member who lagged: "* you missed 3 messages".
pub fn missed_notice(missed: u64) -> String {
    let plural = if missed == 1 { "" } else { "s" };
    format!("* you missed {missed} message{plural}")
}

/// The notice for a line over the limit.
fn too_long(config: &ChatConfig) -> String {
    format!(
        "* line too long (the limit is {} bytes), goodbye",
        config.max_line
    )
}
