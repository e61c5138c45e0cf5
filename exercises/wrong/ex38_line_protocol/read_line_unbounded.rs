//! WRONG on purpose — a fixture for `cargo xtask verify`: exercise 38 that reads with
//! `BufReader::read_line` into a `String`, with no limit: an over-long line is read whole
//! (a client could make the server buffer megabytes) and answered as an unknown command.
//! Short commands work; the checks on over-long lines (`ERR line too long`) must catch it.

use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncWrite, AsyncWriteExt, BufReader};
use tokio_util::codec::LinesCodecError;

/// The longest line a client may send, in bytes, not counting the newline.
pub const MAX_LINE: usize = 64;

/// Serves one client on `stream`: reads command lines, writes one reply line for each,
/// until `QUIT` or the end of the stream.
pub async fn handle<S>(stream: S) -> Result<(), LinesCodecError>
where
    S: AsyncRead + AsyncWrite + Unpin,
{
    let mut stream = BufReader::new(stream);
    let mut count = 0;
    let mut line = String::new();
    loop {
        line.clear();
        if stream.read_line(&mut line).await? == 0 {
            return Ok(());
        }
        count += 1;
        let line = line.trim_end_matches('\n');
        let (command, text) = line.split_once(' ').unwrap_or((line, ""));
        let reply = match command {
            "UPPER" => text.to_uppercase(),
            "REVERSE" => text.chars().rev().collect(),
            "COUNT" => count.to_string(),
            "QUIT" => {
                stream.write_all(b"BYE\n").await?;
                return Ok(());
            }
            _ => "ERR unknown command".to_string(),
        };
        stream.write_all(format!("{reply}\n").as_bytes()).await?;
    }
}
