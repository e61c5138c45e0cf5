//! Exercise 37 — reference solution: an echo server that serves every client in a task
//! of its own.

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
    let (mut reader, mut writer) = stream.split();
    // An error here (a client that reset the connection) ends this client only.
    let _ = tokio::io::copy(&mut reader, &mut writer).await;
}
