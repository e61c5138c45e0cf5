//! The client behind `cargo xtask chat --join NAME`: the same line codec, from the other end.
//!
//! It answers the server's greeting with the name, shows every line the server sends,
//! and sends every line typed. One `select!` loop waits for both — a line from the
//! server or a line from the keyboard, whichever comes first — and both are cancel-safe:
//! `Framed::next` keeps a half-received line, and `mpsc::Receiver::recv` loses nothing.
//! It ends when the input ends (Ctrl-D) or when the server closes the connection.
//!
//! The keyboard is read by a plain thread that sends each line into a channel. That is
//! what tokio's own documentation recommends for interactive input: its `tokio::io::stdin`
//! reads on a blocking thread whose read cannot be cancelled, so a runtime shutting down
//! may wait for the user to press Enter. A thread of our own blocked on the keyboard does
//! not hold anything up: the process exits when `main` returns.

use super::connection::WELCOME;
use futures::{SinkExt, StreamExt};
use std::io::BufRead;
use tokio::io::{AsyncRead, AsyncWrite};
use tokio::net::{TcpStream, ToSocketAddrs};
use tokio::sync::mpsc;
use tokio_util::codec::{Framed, LinesCodec, LinesCodecError};

/// The longest line the client accepts from the server.
const MAX_LINE: usize = 64 * 1024;

/// Joins the chat server at `address` as `name`: lines typed on the terminal go to the
/// room, and `show` is called with every line the server sends.
pub async fn join(
    address: impl ToSocketAddrs,
    name: &str,
    show: impl FnMut(&str),
) -> std::io::Result<()> {
    let stream = TcpStream::connect(address).await?;
    stream.set_nodelay(true)?;
    let (typed, keyboard) = mpsc::channel(16);
    std::thread::spawn(move || {
        for line in std::io::stdin().lock().lines() {
            let Ok(line) = line else { break };
            if typed.blocking_send(line).is_err() {
                break; // the session is over
            }
        }
    });
    talk(stream, name, keyboard, show).await
}

// ANCHOR: join
/// Talks to a chat server over `stream` as `name`: lines from `typed` go to the server,
/// lines from the server go to `show`. Ends when either side ends.
pub async fn talk<S>(
    stream: S,
    name: &str,
    mut typed: mpsc::Receiver<String>,
    mut show: impl FnMut(&str),
) -> std::io::Result<()>
where
    S: AsyncRead + AsyncWrite + Unpin,
{
    let mut server = Framed::new(stream, LinesCodec::new_with_max_length(MAX_LINE));
    let mut named = false;
    loop {
        tokio::select! {
            line = server.next() => {
                let Some(line) = line else { return Ok(()) }; // the server closed
                let line = line.map_err(into_io)?;
                show(&line);
                if !named && line == WELCOME {
                    server.send(name).await.map_err(into_io)?;
                    named = true;
                }
            }
            // Typed lines wait until the name is sent, so none is taken for a name.
            typed_line = typed.recv(), if named => match typed_line {
                Some(line) => server.send(line).await.map_err(into_io)?,
                None => return Ok(()), // end of input: leave
            },
        }
    }
}
// ANCHOR_END: join

/// The codec's error as the I/O error it wraps (or an "invalid data" one for a too-long line).
fn into_io(error: LinesCodecError) -> std::io::Error {
    match error {
        LinesCodecError::Io(error) => error,
        other => std::io::Error::new(std::io::ErrorKind::InvalidData, other),
    }
}
