//! WRONG on purpose — a fixture for `cargo xtask verify`: exercise 37 whose handler loops
//! on `read` + `write_all` without checking for `Ok(0)`, like asyncio code that never
//! tests `if not data: break`. When the client closes its side, every read returns 0 at
//! once and the task spins forever; `one_client_gets_back_everything_it_sends` must catch
//! it (the harness's real-time limit: "still running … without letting the clock move").

use std::io;
use tokio::net::{TcpListener, TcpStream};

/// Accepts clients on `listener` until accepting fails, and serves each one in a task of
/// its own: every byte a client sends comes back to it, until it closes its side.
pub async fn serve(listener: TcpListener) -> io::Result<()> {
    loop {
        let (stream, _peer) = listener.accept().await?;
        // The loop goes straight back to `accept`: this client's task runs beside it.
        tokio::spawn(echo(stream));
    }
}

/// Sends back every byte `stream` receives, until the client closes its side (or the
/// connection breaks). Dropping the stream at the end closes the connection.
async fn echo(mut stream: TcpStream) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut buf = [0u8; 1024];
    loop {
        let Ok(n) = stream.read(&mut buf).await else {
            return;
        };
        if stream.write_all(&buf[..n]).await.is_err() {
            return;
        }
    }
}
