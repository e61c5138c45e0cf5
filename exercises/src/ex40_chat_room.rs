//! Exercise 40 — a chat room (lesson 4.6, "The chat server").
//!
//! Write `handle_client`: the task that serves one client of a chat server. Every
//! client's handler gets a clone of the same `tokio::sync::broadcast::Sender<Message>`,
//! the room: a handler *sends* what its client says into the room, and *subscribes* to
//! the room to hear what the others say. The protocol, one line of text each (ending in
//! `"\n"`; strip a trailing `"\r"` too, as `nc` may send one):
//!
//! - when the client connects, send it `Welcome! What is your name?`;
//! - the first line the client sends is its NAME; every *other* client then sees
//!   `* NAME joined`;
//! - every further line TEXT it sends reaches every other client as `NAME: TEXT` —
//!   never the client who sent it;
//! - when the client disconnects (reading gives end-of-file, or writing to it fails),
//!   the others see `* NAME left` and `handle_client` returns. A client that leaves
//!   before giving a name is not announced at all;
//! - if the handler fell behind the room (its receiver reports
//!   `RecvError::Lagged(n)`: the channel dropped `n` messages it had not read yet), the
//!   client is told `* you missed N messages` (N = n) and stays in the chat.
//!
//! The grader connects three clients — alice, bob and carol — over small in-memory
//! pipes (`tokio::io::duplex`) on the paused clock and checks: each line reaches the
//! others at the very moment it was sent, even a client that is saying nothing itself;
//! nobody gets their own lines back; joins and leaves are announced; a client that
//! disconnects breaks nothing for the others and its handler returns; and a client that
//! stops reading (its pipe fills up) delays no one else, and once it reads again it gets
//! every line or a `* you missed N messages` that accounts for the rest. Names are
//! unique here, so `Message::from` can tell a handler which lines are its own.

use tokio::io::{AsyncRead, AsyncWrite};
use tokio::sync::broadcast;

/// What travels through the room.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    /// The name of the client it comes from: that client's handler does not send it on.
    pub from: String,
    /// The line to show the others, without the newline: `alice: hi`, `* alice joined`.
    pub line: String,
}

/// Serves one chat client on `stream` until it disconnects; `room` is the chat room.
pub async fn handle_client<S>(stream: S, room: broadcast::Sender<Message>)
where
    S: AsyncRead + AsyncWrite + Unpin + Send + 'static,
{
    // TODO: greet the client and read its name (`tokio::io::split` the stream, read
    // lines with `BufReader::new(reader).lines()`), subscribe to the room and announce
    // the join.
    // TODO: then wait for the client's next line and the room's next message at the
    // same time (`tokio::select!`), until the client leaves; announce that too.
    todo!("serve one chat client")
}
