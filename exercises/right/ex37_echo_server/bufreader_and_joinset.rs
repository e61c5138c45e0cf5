//! RIGHT, unlike the reference — a fixture for `cargo xtask verify`: exercise 37 with the
//! clients in a `JoinSet` reaped by `select!` beside `accept`, and each handler on
//! `into_split` halves echoing through a 7-byte `BufReader` (`fill_buf`/`consume`, so a
//! message comes back in several small writes) before `shutdown`. It must pass every
//! check. (It failed on the paused clock until the grader turned Nagle's algorithm off.)

use std::io;
use tokio::net::{TcpListener, TcpStream};

/// Accepts clients on `listener` until accepting fails, and serves each one in a task of
/// its own: every byte a client sends comes back to it, until it closes its side.
pub async fn serve(listener: TcpListener) -> io::Result<()> {
    let mut clients = tokio::task::JoinSet::new();
    loop {
        tokio::select! {
            accepted = listener.accept() => {
                let (stream, _peer) = accepted?;
                clients.spawn(echo(stream));
            }
            Some(_) = clients.join_next() => {}
        }
    }
}

/// Sends back every byte `stream` receives, until the client closes its side (or the
/// connection breaks). Dropping the stream at the end closes the connection.
async fn echo(stream: TcpStream) {
    use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
    let (reader, mut writer) = stream.into_split();
    let mut reader = BufReader::with_capacity(7, reader);
    loop {
        let chunk = match reader.fill_buf().await {
            Ok([]) | Err(_) => break,
            Ok(chunk) => chunk.to_vec(),
        };
        reader.consume(chunk.len());
        if writer.write_all(&chunk).await.is_err() {
            break;
        }
    }
    let _ = writer.shutdown().await;
}
