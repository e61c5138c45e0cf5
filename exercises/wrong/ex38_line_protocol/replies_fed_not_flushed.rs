//! WRONG on purpose — a fixture for `cargo xtask verify`: exercise 38 that queues each
//! reply with `lines.feed(reply)`, like asyncio's `writer.write` without `drain`, and
//! flushes only when the client has gone. The replies sit in `Framed`'s buffer, so a
//! client waiting for one waits forever; `commands_get_their_replies_in_order` ("no reply
//! within 1.00 s (a reply queued with `feed` … goes out only when flushed …)") must
//! catch it.

use futures::{SinkExt, StreamExt};
use tokio::io::{AsyncRead, AsyncWrite};
use tokio_util::bytes::BytesMut;
use tokio_util::codec::{Decoder, Encoder, Framed, LinesCodec, LinesCodecError};

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
/// error. `Framed` ends its stream after a decoding error (the next `next()` is `None`),
/// so the error must not reach it if the connection is to carry on.
#[derive(Debug)]
pub struct CommandLines(LinesCodec);

impl Decoder for CommandLines {
    type Item = Line;
    type Error = LinesCodecError;

    fn decode(&mut self, buf: &mut BytesMut) -> Result<Option<Line>, LinesCodecError> {
        too_long_is_an_item(self.0.decode(buf))
    }

    fn decode_eof(&mut self, buf: &mut BytesMut) -> Result<Option<Line>, LinesCodecError> {
        too_long_is_an_item(self.0.decode_eof(buf))
    }
}

fn too_long_is_an_item(
    decoded: Result<Option<String>, LinesCodecError>,
) -> Result<Option<Line>, LinesCodecError> {
    match decoded {
        Ok(line) => Ok(line.map(Line::Text)),
        // `LinesCodec` now discards the rest of that line, up to its newline.
        Err(LinesCodecError::MaxLineLengthExceeded) => Ok(Some(Line::TooLong)),
        Err(error) => Err(error),
    }
}

impl<T: AsRef<str>> Encoder<T> for CommandLines {
    type Error = LinesCodecError;

    fn encode(&mut self, line: T, buf: &mut BytesMut) -> Result<(), LinesCodecError> {
        self.0.encode(line, buf)
    }
}

/// Serves one client on `stream`: reads command lines, writes one reply line for each,
/// until `QUIT` or the end of the stream.
pub async fn handle<S>(stream: S) -> Result<(), LinesCodecError>
where
    S: AsyncRead + AsyncWrite + Unpin,
{
    let codec = CommandLines(LinesCodec::new_with_max_length(MAX_LINE));
    let mut lines = Framed::new(stream, codec);
    let mut count = 0;
    while let Some(line) = lines.next().await {
        count += 1;
        let reply = match line? {
            Line::TooLong => "ERR line too long".to_string(),
            Line::Text(line) => {
                let (command, text) = line.split_once(' ').unwrap_or((&line, ""));
                match command {
                    "UPPER" => text.to_uppercase(),
                    "REVERSE" => text.chars().rev().collect(),
                    "COUNT" => count.to_string(),
                    "QUIT" => {
                        lines.send("BYE").await?;
                        return Ok(());
                    }
                    _ => "ERR unknown command".to_string(),
                }
            }
        };
        // Like asyncio's `writer.write` without `drain`: queued, sent later.
        lines.feed(reply).await?;
    }
    SinkExt::<String>::flush(&mut lines).await?;
    Ok(()) // the client closed its side
}
