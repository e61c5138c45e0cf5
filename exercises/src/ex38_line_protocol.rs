//! Exercise 38 — a line protocol with `Framed` and `LinesCodec` (lesson 4.6, "Framing:
//! from a byte stream to messages").
//!
//! Write `handle(stream)`, which serves one client of a small text protocol. The client
//! sends command lines; each line gets exactly one reply line, in order:
//!
//! | line                 | reply                                                  |
//! |----------------------|--------------------------------------------------------|
//! | `UPPER <text>`       | the text in capitals: `UPPER hi there` → `HI THERE`    |
//! | `REVERSE <text>`     | the text backwards: `REVERSE abc` → `cba`              |
//! | `COUNT`              | how many lines this client has sent, this one included |
//! | `QUIT`               | `BYE`, then `handle` returns `Ok(())`                  |
//! | anything else        | `ERR unknown command`                                  |
//! | a line longer than [`MAX_LINE`] bytes | `ERR line too long`                   |
//!
//! The command is the line up to its first space; the text is everything after that
//! space. Lines end with `\n` (at the end of the stream, a last line may lack it; it
//! still gets its reply). An over-long line counts as a line, its reply is
//! `ERR line too long`, and the connection **carries on** with the next line — and it is
//! never kept in memory whole: a client must not be able to make the server buffer
//! megabytes by never sending a newline. When the client closes its side, `handle`
//! returns `Ok(())`.
//!
//! A TCP stream has no message boundaries: one read may hold half a line, or three. Let
//! `tokio_util::codec::Framed` with `LinesCodec::new_with_max_length(MAX_LINE)` cut the
//! bytes into lines — and know one thing about it: **after a decoding error, `Framed`'s
//! stream yields `None` once** (tokio-util 0.7), and it does not look at the bytes it
//! already holds until more arrive. So `MaxLineLengthExceeded` must not reach `Framed` as
//! an error if the connection is to carry on: the given `CommandLines` codec is where to
//! turn it into an item.
//!
//! The grader plays the client over `tokio::io::duplex` (an in-memory pipe): several
//! commands in one write; a command trickled in one byte at a time; a line of exactly
//! `MAX_LINE` bytes (fine) and of 10 × `MAX_LINE` (an error, then the next command is
//! answered); `QUIT`; the end of the stream; and a last line without its `\n`.
//!
//! Grade: `cargo xtask check ex38` · Stuck? `cargo xtask hint ex38`

use tokio::io::{AsyncRead, AsyncWrite};
use tokio_util::bytes::BytesMut;
use tokio_util::codec::{Decoder, Encoder, LinesCodec, LinesCodecError};

/// The longest line a client may send, in bytes, not counting the newline.
pub const MAX_LINE: usize = 64;

/// What the codec hands the handler: a line, or the news that a line was too long.
#[derive(Debug)]
pub enum Line {
    /// A whole line, without its newline.
    Text(String),
    /// A line longer than [`MAX_LINE`]; the codec skips the rest of it.
    TooLong,
}

/// `LinesCodec` with a maximum length, where an over-long line is an item rather than an
/// error, so `Framed` carries on after it.
#[derive(Debug)]
pub struct CommandLines(LinesCodec);

impl Decoder for CommandLines {
    type Item = Line;
    type Error = LinesCodecError;

    fn decode(&mut self, buf: &mut BytesMut) -> Result<Option<Line>, LinesCodecError> {
        // TODO: ask the inner codec (`self.0.decode(buf)`): a line becomes
        // `Line::Text`, `MaxLineLengthExceeded` becomes `Line::TooLong` (the inner codec
        // then skips the rest of that line), and any other error stays an error.
        todo!()
    }

    fn decode_eof(&mut self, buf: &mut BytesMut) -> Result<Option<Line>, LinesCodecError> {
        // TODO: the same, with `self.0.decode_eof(buf)` (the last line may lack its `\n`).
        todo!()
    }
}

impl<T: AsRef<str>> Encoder<T> for CommandLines {
    type Error = LinesCodecError;

    fn encode(&mut self, line: T, buf: &mut BytesMut) -> Result<(), LinesCodecError> {
        self.0.encode(line, buf) // (Given.) A reply line: its text and a `\n`.
    }
}

/// Serves one client on `stream`: reads command lines, writes one reply line for each,
/// until `QUIT` or the end of the stream.
pub async fn handle<S>(stream: S) -> Result<(), LinesCodecError>
where
    S: AsyncRead + AsyncWrite + Unpin,
{
    // TODO: `let mut lines = Framed::new(stream, CommandLines(...))` with
    // `LinesCodec::new_with_max_length(MAX_LINE)` inside; loop on `lines.next().await`
    // (`futures::StreamExt`), count the lines, work out each reply and
    // `lines.send(reply).await?` it (`futures::SinkExt`). `None` means the client closed
    // its side. (`use futures::{SinkExt, StreamExt};` and `tokio_util::codec::Framed`.)
    todo!()
}
