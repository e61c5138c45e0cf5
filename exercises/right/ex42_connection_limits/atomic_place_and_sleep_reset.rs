//! RIGHT, unlike the reference — a fixture for `cargo xtask verify`: exercise 42 with an
//! `AtomicUsize` count (`fetch_add` first, undone on refusal) and a `Place` guard whose
//! `Drop` counts the client out, a pinned `sleep` that each line `reset`s, and every reply
//! written in two small writes (line, then newline). It must pass every check. (It
//! failed on the paused clock until the grader turned Nagle's algorithm off.)

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};

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
    let connected = Arc::new(AtomicUsize::new(0));
    loop {
        let Ok((mut stream, _)) = listener.accept().await else {
            continue;
        };
        if connected.fetch_add(1, Ordering::SeqCst) >= limits.max_clients {
            connected.fetch_sub(1, Ordering::SeqCst);
            let _ = stream.write_all(b"* server full, try again later\n").await;
            let _ = stream.shutdown().await;
            continue;
        }
        let place = Place(Arc::clone(&connected));
        tokio::spawn(async move {
            let _place = place; // counted out when the task ends, however it ends
            echo(stream, limits.idle).await;
        });
    }
}

/// One client's place; dropping it frees the place.
struct Place(Arc<AtomicUsize>);

impl Drop for Place {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

/// Sends every line of the client back, until it disconnects — or stays silent too long.
async fn echo(stream: TcpStream, idle: Duration) {
    let (reader, mut writer) = stream.into_split();
    let mut lines = BufReader::new(reader).lines();
    let silence = tokio::time::sleep(idle);
    tokio::pin!(silence);
    loop {
        tokio::select! {
            () = &mut silence => {
                let _ = writer.write_all(b"* idle too long, goodbye").await;
                let _ = writer.write_all(b"\n").await;
                return;
            }
            line = lines.next_line() => {
                let Ok(Some(line)) = line else { return };
                silence.as_mut().reset(tokio::time::Instant::now() + idle);
                // Two small writes: the line, then its newline.
                if writer.write_all(line.as_bytes()).await.is_err()
                    || writer.write_all(b"\n").await.is_err()
                {
                    return;
                }
            }
        }
    }
}
