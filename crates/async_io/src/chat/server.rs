//! The server: accept, limit, and shut down gracefully.
//!
//! The accept loop spawns one task per client, as the echo server does, with three
//! additions a real server needs:
//!
//! - **A connection limit.** A `Semaphore` with `max_clients` permits. For each new
//!   client the loop calls `try_acquire_owned`: it never waits. With a permit, the
//!   client's task holds it for its whole life, so the permit returns when the
//!   connection ends. Without one, the client is told "* server full, try again later"
//!   and the connection is closed: a polite refusal rather than a silent queue.
//! - **Graceful shutdown.** A `CancellationToken` is the signal. The accept loop selects
//!   on it and stops accepting; every connection selects on the same token, tells its
//!   client "* server shutting down" and ends.
//! - **A deadline, and nothing left behind.** Every task is spawned through a
//!   `TaskTracker`. After `close()`, `wait()` finishes once every tracked task has
//!   exited; the server waits for that inside `tokio::time::timeout`. A task stuck past
//!   the deadline — typically one whose `send().await` waits on a client that does not
//!   read — is cut: each task races its work against a second token, `cut`, cancelled at
//!   the deadline, and a task whose work is dropped ends at once. The server then waits
//!   again, so when [`serve`] returns, no task of it is alive (dropping a `TaskTracker`
//!   would not abort anything; it only counts).
//!
//! `serve` takes its connections from anything [`Incoming`]: a `TcpListener`, or a
//! channel of in-memory pipes for the demos and tests, which then run in virtual time.

use super::ChatConfig;
use super::connection::{self, Ended};
use super::room::Room;
use futures::SinkExt;
use std::future::Future;
use std::io;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncWrite, DuplexStream};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{OwnedSemaphorePermit, Semaphore, mpsc};
use tokio_util::codec::{Framed, LinesCodec};
use tokio_util::sync::CancellationToken;
use tokio_util::task::TaskTracker;

/// Said to a client when `max_clients` are already connected, before it is disconnected.
pub const FULL: &str = "* server full, try again later";

/// How long the accept loop pauses after a failed accept (say, out of file descriptors)
/// before it tries again, instead of spinning.
const ACCEPT_RETRY: Duration = Duration::from_millis(100);

/// Where a server's connections come from.
pub trait Incoming: Send {
    /// One connection: a byte stream both ways.
    type Stream: AsyncRead + AsyncWrite + Unpin + Send + 'static;
    /// Waits for the next connection.
    fn accept(&mut self) -> impl Future<Output = io::Result<Self::Stream>> + Send;
}

impl Incoming for TcpListener {
    type Stream = TcpStream;
    async fn accept(&mut self) -> io::Result<TcpStream> {
        let (stream, _peer) = TcpListener::accept(self).await?;
        // Chat lines are small and should leave at once, not wait to be batched with
        // the next one (Nagle's algorithm).
        stream.set_nodelay(true)?;
        Ok(stream)
    }
}

/// In-memory connections: each one is the server's end of a pipe, sent by [`dial`].
/// When every sender is gone, no connection will ever come again: `accept` waits
/// forever, and only the shutdown signal ends `serve`.
impl<S> Incoming for mpsc::Receiver<S>
where
    S: AsyncRead + AsyncWrite + Unpin + Send + 'static,
{
    type Stream = S;
    async fn accept(&mut self) -> io::Result<S> {
        match self.recv().await {
            Some(stream) => Ok(stream),
            None => std::future::pending().await,
        }
    }
}

/// Connects to an in-memory server: makes a `duplex` pipe with `buffer` bytes each way,
/// gives one end to the server's [`Incoming`] channel and returns the other; `None` if
/// the server stopped accepting.
pub async fn dial(server: &mpsc::Sender<DuplexStream>, buffer: usize) -> Option<DuplexStream> {
    let (client, server_end) = tokio::io::duplex(buffer);
    server.send(server_end).await.ok()?;
    Some(client)
}

/// What [`serve`] did, counted as it happened.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct ServeReport {
    /// Clients served (each got a permit).
    pub accepted: usize,
    /// Clients refused because the server was full.
    pub refused: usize,
    /// Clients told "* server shutting down".
    pub told: usize,
    /// Tasks that ended by themselves after the shutdown signal, before the deadline.
    pub finished: usize,
    /// Tasks still running at the deadline, and cut.
    pub cut: usize,
    /// Tasks still alive when `serve` returned: always 0.
    pub alive: usize,
}

/// The counts the tasks update while the server runs.
#[derive(Debug, Default)]
struct Tally {
    accepted: AtomicUsize,
    refused: AtomicUsize,
    told: AtomicUsize,
    finished: AtomicUsize,
    cut: AtomicUsize,
}

impl Tally {
    fn count(counter: &AtomicUsize) {
        counter.fetch_add(1, Ordering::Relaxed);
    }
}

/// Everything a connection task needs besides its stream.
#[derive(Clone)]
struct Shared {
    room: Room,
    config: Arc<ChatConfig>,
    shutdown: CancellationToken,
    cut: CancellationToken,
    tally: Arc<Tally>,
}

// ANCHOR: accept
/// Serves chat clients from `incoming` until `shutdown` is cancelled, then shuts down
/// gracefully; returns once no task of it is alive.
pub async fn serve<I: Incoming>(
    mut incoming: I,
    config: ChatConfig,
    shutdown: CancellationToken,
) -> ServeReport {
    let permits = Arc::new(Semaphore::new(config.max_clients));
    let tasks = TaskTracker::new();
    let shared = Shared {
        room: Room::new(config.capacity),
        config: Arc::new(config),
        shutdown: shutdown.clone(),
        cut: CancellationToken::new(), // cancelled only if the deadline passes
        tally: Arc::default(),
    };
    loop {
        let stream = tokio::select! {
            _ = shutdown.cancelled() => break,
            accepted = incoming.accept() => match accepted {
                Ok(stream) => stream,
                Err(_) => {
                    tokio::time::sleep(ACCEPT_RETRY).await; // e.g. out of file descriptors
                    continue;
                }
            },
        };
        match Arc::clone(&permits).try_acquire_owned() {
            Ok(permit) => tasks.spawn(serve_client(stream, permit, shared.clone())),
            Err(_full) => tasks.spawn(refuse(stream, shared.clone())),
        };
    }
    drop(incoming); // stop accepting: a TcpListener closes its socket here
    shut_down(tasks, &shared).await
}
// ANCHOR_END: accept

/// One client's task: the connection, holding its permit, until it ends or is cut.
async fn serve_client<S>(stream: S, permit: OwnedSemaphorePermit, shared: Shared)
where
    S: AsyncRead + AsyncWrite + Unpin,
{
    let _permit = permit; // returned to the semaphore when this task ends
    Tally::count(&shared.tally.accepted);
    let room = shared.room.clone();
    tokio::select! {
        ended = connection::handle(stream, room, &shared.config, &shared.shutdown) => {
            if ended == Ended::ShuttingDown {
                Tally::count(&shared.tally.told);
            }
            if shared.shutdown.is_cancelled() {
                Tally::count(&shared.tally.finished);
            }
        }
        // Past the deadline: the connection's future is dropped, its stream closed.
        _ = shared.cut.cancelled() => Tally::count(&shared.tally.cut),
    }
}

// ANCHOR: refuse
/// Tells a client the server is full, and closes the connection (the stream is dropped
/// when this returns). The task holds no permit.
async fn refuse<S>(stream: S, shared: Shared)
where
    S: AsyncRead + AsyncWrite + Unpin,
{
    Tally::count(&shared.tally.refused);
    let mut lines = Framed::new(stream, LinesCodec::new());
    tokio::select! {
        _ = lines.send(FULL) => {}
        _ = shared.cut.cancelled() => Tally::count(&shared.tally.cut),
    }
}
// ANCHOR_END: refuse

// ANCHOR: shutdown
/// After the accept loop: waits up to the deadline for every task to end (each was told
/// by the shutdown token), cuts those still running, and waits for them too.
async fn shut_down(tasks: TaskTracker, shared: &Shared) -> ServeReport {
    tasks.close(); // no more tasks will come: `wait` may finish once all have ended
    let deadline = shared.config.shutdown_deadline;
    if tokio::time::timeout(deadline, tasks.wait()).await.is_err() {
        shared.cut.cancel(); // every task still running drops its work at its next poll
        tasks.wait().await; // … which is at once: nothing is left to wait for
    }
    let tally = &shared.tally;
    ServeReport {
        accepted: tally.accepted.load(Ordering::Relaxed),
        refused: tally.refused.load(Ordering::Relaxed),
        told: tally.told.load(Ordering::Relaxed),
        finished: tally.finished.load(Ordering::Relaxed),
        cut: tally.cut.load(Ordering::Relaxed),
        alive: tasks.len(),
    }
}
// ANCHOR_END: shutdown
