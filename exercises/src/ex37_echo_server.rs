//! Exercise 37 — an echo server: one task per connection (lesson 4.6, "A TCP server: one
//! task per connection").
//!
//! Write `serve(listener)`, the accept loop of a TCP echo server — the Rust version of
//! `asyncio.start_server` with a handler that writes back what it reads:
//!
//! - accept clients on `listener`, forever (return only if `accept` itself fails);
//! - serve each client **in a task of its own**, so the loop goes straight back to
//!   accepting: a client that sends nothing must not keep the others waiting;
//! - for each client: every byte it sends comes back to it, unchanged and in order, until
//!   it closes its side; then close the connection;
//! - a client that breaks its connection ends its own task only, never the server.
//!
//! The grader listens on 127.0.0.1 (port 0) and checks, on the paused clock: one client
//! gets back everything it sends, then sees the connection closed once it closes its
//! side; with a first client connected and silent, a second one still gets its echo at
//! once; 20 clients connected together are all answered; a client that resets its
//! connection does not stop the server.
//!
//! Grade: `cargo xtask check ex37` · Stuck? `cargo xtask hint ex37`

use std::io;
use tokio::net::TcpListener;

/// Accepts clients on `listener` until accepting fails, and serves each one in a task of
/// its own: every byte a client sends comes back to it, until it closes its side.
pub async fn serve(listener: TcpListener) -> io::Result<()> {
    // TODO: loop: `listener.accept().await?` gives `(stream, peer)`; hand the stream to
    // `tokio::spawn` with an `async move` block that copies what it reads back to it
    // (`stream.split()` and `tokio::io::copy`).
    todo!()
}
