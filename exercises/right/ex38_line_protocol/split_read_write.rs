//! RIGHT, unlike the reference — a fixture for `cargo xtask verify`: exercise 38 with the
//! stream split in two, a `FramedRead` of `CommandLines` for the commands and a
//! `FramedWrite` of a plain `LinesCodec` for the replies, and the loop written with
//! `loop` + `match`. It must pass every check.

use futures::{SinkExt, StreamExt};
use tokio::io::{AsyncRead, AsyncWrite};
use tokio_util::bytes::BytesMut;
use tokio_util::codec::{Decoder, Encoder, LinesCodec, LinesCodecError};
use tokio_util::codec::{FramedRead, FramedWrite};

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
    let (reader, writer) = tokio::io::split(stream);
    let mut commands = FramedRead::new(
        reader,
        CommandLines(LinesCodec::new_with_max_length(MAX_LINE)),
    );
    let mut replies = FramedWrite::new(writer, LinesCodec::new());
    let mut seen = 0u64;
    loop {
        let line = match commands.next().await {
            None => return Ok(()),
            Some(line) => line?,
        };
        seen += 1;
        let text = match line {
            Line::TooLong => {
                replies.send("ERR line too long").await?;
                continue;
            }
            Line::Text(text) => text,
        };
        let reply = if let Some(rest) = text.strip_prefix("UPPER ") {
            rest.to_uppercase()
        } else if text == "UPPER" {
            String::new()
        } else if let Some(rest) = text.strip_prefix("REVERSE ") {
            rest.chars().rev().collect()
        } else if text == "COUNT" {
            seen.to_string()
        } else if text == "QUIT" {
            replies.send("BYE").await?;
            return Ok(());
        } else {
            "ERR unknown command".to_string()
        };
        replies.send(reply).await?;
    }
}
