//! WRONG on purpose — a fixture for `cargo xtask verify`: exercise 42 that counts clients
//! in an `Arc<tokio::sync::Mutex<usize>>` and, like `async with lock:` around the whole
//! visit, holds the guard across every `.await` of a client's session. The accept loop
//! then waits for the lock to read the count, so while one client is connected nobody
//! else is served or refused: the Mutex-guard-across-an-`.await` trap. The check
//! `the_client_over_the_limit_is_refused_at_once_and_a_freed_place_is_reused` ("bob sent
//! … and did not get it straight back … a lock guard held for its whole visit") must
//! catch it.

use std::sync::Arc;
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};
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
    let connected = Arc::new(tokio::sync::Mutex::new(0usize));
    loop {
        let Ok((mut stream, _)) = listener.accept().await else {
            continue;
        };
        if *connected.lock().await >= limits.max_clients {
            let _ = stream.write_all(b"* server full, try again later\n").await;
            continue;
        }
        let connected = Arc::clone(&connected);
        tokio::spawn(async move {
            // Like `async with lock:` around the whole visit: the guard is held across
            // every `.await` of the client's session.
            let mut count = connected.lock().await;
            *count += 1;
            echo(stream, limits.idle).await;
            *count -= 1;
        });
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
