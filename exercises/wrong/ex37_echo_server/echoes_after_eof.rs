//! WRONG on purpose — a fixture for `cargo xtask verify`: exercise 37 that spawns a task
//! per client, but reads everything with `read_to_end` before it writes anything back, so
//! a client that waits for its echo before closing never gets it;
//! `one_client_gets_back_everything_it_sends` ("no complete answer within 1.00 s") must
//! catch it.

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
    let mut all = Vec::new();
    if stream.read_to_end(&mut all).await.is_ok() {
        let _ = stream.write_all(&all).await;
    }
}
