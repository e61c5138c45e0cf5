//! WRONG on purpose — a fixture for `cargo xtask verify`: exercise 38 on `Framed` with
//! a plain `LinesCodec::new_with_max_length`, answering `MaxLineLengthExceeded` in the
//! loop. It looks right, but after a decoding error `Framed`'s stream yields `None` once,
//! so the loop ends and the connection closes right after `ERR line too long`. The checks
//! that the connection carries on after an over-long line must catch it.

use futures::{SinkExt, StreamExt};
use tokio::io::{AsyncRead, AsyncWrite};
use tokio_util::codec::{Framed, LinesCodec, LinesCodecError};

/// The longest line a client may send, in bytes, not counting the newline.
pub const MAX_LINE: usize = 64;

/// Serves one client on `stream`: reads command lines, writes one reply line for each,
/// until `QUIT` or the end of the stream.
pub async fn handle<S>(stream: S) -> Result<(), LinesCodecError>
where
    S: AsyncRead + AsyncWrite + Unpin,
{
    let mut lines = Framed::new(stream, LinesCodec::new_with_max_length(MAX_LINE));
    let mut count = 0;
    while let Some(line) = lines.next().await {
        count += 1;
        let line = match line {
            Ok(line) => line,
            Err(LinesCodecError::MaxLineLengthExceeded) => {
                lines.send("ERR line too long").await?;
                continue;
            }
            Err(error) => return Err(error),
        };
        let (command, text) = line.split_once(' ').unwrap_or((&line, ""));
        let reply = match command {
            "UPPER" => text.to_uppercase(),
            "REVERSE" => text.chars().rev().collect(),
            "COUNT" => count.to_string(),
            "QUIT" => {
                lines.send("BYE").await?;
                return Ok(());
            }
            _ => "ERR unknown command".to_string(),
        };
        lines.send(reply).await?;
    }
    Ok(())
}
