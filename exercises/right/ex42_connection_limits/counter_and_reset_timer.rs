//! RIGHT ANSWER (kept so `cargo xtask verify` proves the grader accepts it): exercise 42
//! written without a semaphore or `timeout`: clients are counted with an atomic counter
//! and a guard that gives the place back on drop, the refusal is written from the
//! client's own task, and the idle limit is one `sleep` in a `select!`, pushed back with
//! `Sleep::reset` after every line.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};
use tokio::time::{Instant, sleep};

/// The limits the server enforces.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// How many clients may be connected at once; one more is refused.
    pub max_clients: usize,
    /// How long a client may stay silent before it is disconnected.
    pub idle: Duration,
}

/// Gives a place back when dropped.
struct Place(Arc<AtomicUsize>);

impl Drop for Place {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

/// Serves echo clients on `listener` within `limits`, forever.
pub async fn serve(listener: TcpListener, limits: Limits) {
    let connected = Arc::new(AtomicUsize::new(0));
    loop {
        let Ok((mut stream, _)) = listener.accept().await else {
            continue;
        };
        let place = if connected.fetch_add(1, Ordering::SeqCst) < limits.max_clients {
            Some(Place(Arc::clone(&connected)))
        } else {
            connected.fetch_sub(1, Ordering::SeqCst);
            None
        };
        tokio::spawn(async move {
            match place {
                Some(_place) => echo(stream, limits.idle).await,
                None => {
                    let _ = stream.write_all(b"* server full, try again later\n").await;
                }
            }
        });
    }
}

/// Sends every line of the client back, until it disconnects — or stays silent too long.
async fn echo(stream: TcpStream, idle: Duration) {
    let (reader, mut writer) = stream.into_split();
    let mut lines = BufReader::new(reader).lines();
    let silence = sleep(idle);
    tokio::pin!(silence);
    loop {
        tokio::select! {
            line = lines.next_line() => {
                let Ok(Some(line)) = line else { return };
                silence.as_mut().reset(Instant::now() + idle);
                if writer.write_all(format!("{line}\n").as_bytes()).await.is_err() {
                    return;
                }
            }
            () = &mut silence => {
                let _ = writer.write_all(b"* idle too long, goodbye\n").await;
                return;
            }
        }
    }
}
