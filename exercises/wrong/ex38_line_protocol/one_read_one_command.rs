//! WRONG on purpose — a fixture for `cargo xtask verify`: exercise 38 that treats each
//! `read` as one command, as if the stream kept message boundaries. Commands sent one at
//! a time, whole, work; the check `a_command_that_arrives_in_pieces_still_works` (a line
//! trickled a byte at a time, two lines in one write) must catch it.

use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio_util::codec::LinesCodecError;

/// The longest line a client may send, in bytes, not counting the newline.
pub const MAX_LINE: usize = 64;

/// Serves one client on `stream`: reads command lines, writes one reply line for each,
/// until `QUIT` or the end of the stream.
pub async fn handle<S>(stream: S) -> Result<(), LinesCodecError>
where
    S: AsyncRead + AsyncWrite + Unpin,
{
    let mut stream = stream;
    let mut buffer = [0; MAX_LINE + 1];
    let mut count = 0;
    loop {
        let n = stream.read(&mut buffer).await?;
        if n == 0 {
            return Ok(());
        }
        count += 1;
        let reply = if n > MAX_LINE {
            "ERR line too long".to_string()
        } else {
            let line = String::from_utf8_lossy(&buffer[..n]);
            let line = line.trim_end_matches('\n');
            let (command, text) = line.split_once(' ').unwrap_or((line, ""));
            match command {
                "UPPER" => text.to_uppercase(),
                "REVERSE" => text.chars().rev().collect(),
                "COUNT" => count.to_string(),
                "QUIT" => {
                    stream.write_all(b"BYE\n").await?;
                    return Ok(());
                }
                _ => "ERR unknown command".to_string(),
            }
        };
        stream.write_all(format!("{reply}\n").as_bytes()).await?;
    }
}
