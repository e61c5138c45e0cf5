//! WRONG on purpose — a fixture for `cargo xtask verify`: the idle timeout is put around
//! the whole connection instead of each wait for a line, so a client that keeps talking
//! is cut off `idle` after it connected. The check
//! `a_client_that_keeps_talking_is_never_timed_out` must catch it.

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
    let session = async {
        while let Ok(Some(line)) = lines.next_line().await {
            if writer
                .write_all(format!("{line}\n").as_bytes())
                .await
                .is_err()
            {
                return;
            }
        }
    };
    if timeout(idle, session).await.is_err() {
        let _ = writer.write_all(b"* idle too long, goodbye\n").await;
    }
}
