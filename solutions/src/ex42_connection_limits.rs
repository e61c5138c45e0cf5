//! Exercise 42 — reference solution: timeouts and limits on connections.
//!
//! The limit is a semaphore with one permit per place. The accept loop takes a permit
//! *without waiting* (`try_acquire_owned`): none left means the server is full, and the
//! client is told so at once. The permit moves into the client's task and is dropped
//! when the task ends, which frees the place. The idle timeout wraps each single read,
//! so every line starts the clock again.

use std::sync::Arc;
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Semaphore;
use tokio::time::timeout;

/// The limits the server enforces.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// How many clients may be connected at once; one more is refused.
    pub max_clients: usize,
    /// How long a client may stay silent before it is disconnected.
    pub idle: Duration,
}

/// Serves echo clients on `listener` within `limits`, forever.
pub async fn serve(listener: TcpListener, limits: Limits) {
    let places = Arc::new(Semaphore::new(limits.max_clients));
    loop {
        let Ok((mut stream, _)) = listener.accept().await else {
            continue;
        };
        match Arc::clone(&places).try_acquire_owned() {
            Ok(place) => {
                tokio::spawn(async move {
                    echo(stream, limits.idle).await;
                    drop(place); // the place is free again
                });
            }
            Err(_) => {
                // Full: say so, and close the connection (dropping the stream).
                let _ = stream.write_all(b"* server full, try again later\n").await;
            }
        }
    }
}

/// Sends every line of the client back, until it disconnects — or stays silent too long.
async fn echo(stream: TcpStream, idle: Duration) {
    let (reader, mut writer) = stream.into_split();
    let mut lines = BufReader::new(reader).lines();
    loop {
        // A fresh timeout for every line: only silence is cut short.
        let line = match timeout(idle, lines.next_line()).await {
            Ok(Ok(Some(line))) => line,
            Ok(Ok(None) | Err(_)) => return, // the client left
            Err(_elapsed) => {
                let _ = writer.write_all(b"* idle too long, goodbye\n").await;
                return;
            }
        };
        if writer
            .write_all(format!("{line}\n").as_bytes())
            .await
            .is_err()
        {
            return;
        }
    }
}
