//! RIGHT, unlike the reference — a fixture for `cargo xtask verify`: exercise 38 whose
//! handler loops `for count in 1..` on `TryStreamExt::try_next` and cuts the command at
//! `str::find(' ')`. It must pass every check.

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
    use futures::TryStreamExt;
    let mut lines = Framed::new(
        stream,
        CommandLines(LinesCodec::new_with_max_length(MAX_LINE)),
    );
    for count in 1usize.. {
        let Some(line) = lines.try_next().await? else {
            break;
        };
        let reply = match line {
            Line::TooLong => String::from("ERR line too long"),
            Line::Text(line) => {
                let (command, text) = match line.find(' ') {
                    Some(space) => (&line[..space], &line[space + 1..]),
                    None => (&line[..], ""),
                };
                if command == "QUIT" {
                    lines.send("BYE").await?;
                    break;
                }
                match command {
                    "UPPER" => text.to_uppercase(),
                    "REVERSE" => text.chars().rev().collect(),
                    "COUNT" => format!("{count}"),
                    _ => String::from("ERR unknown command"),
                }
            }
        };
        lines.send(reply).await?;
    }
    Ok(()) // the client closed its side
}
