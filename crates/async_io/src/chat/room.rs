//! The room: one `tokio::sync::broadcast` channel that every member listens to.
//!
//! Why broadcast? Every line must reach every member, and each member reads at its own
//! pace. A broadcast channel stores each message once, in a ring of `capacity` slots,
//! and every receiver keeps its own cursor into it. Sending never waits: when the ring
//! is full the oldest message is overwritten, and a receiver that had not read it yet
//! gets `Err(RecvError::Lagged(n))` from its next `recv` — `n` messages it will never
//! see — and then carries on from the oldest message still kept. So a member who stops
//! reading costs the others nothing: they keep receiving at full speed while the slow one
//! falls behind and is told so (connection.rs).
//!
//! The usual asyncio chat keeps a set of `StreamWriter`s and writes each line to each
//! of them, awaiting `drain()` in turn. If one client stops reading, its unsent bytes
//! pile up; past the transport's high-water mark (64 KiB by default) its `drain()`
//! waits, that loop waits with it, and so does everyone after it in the set. Here no
//! loop writes to all the sockets: each connection's own task writes to its own socket,
//! and only that task can be held up.
//!
//! A sender's own receiver gets its messages too, so every message carries the id of the
//! member who said it, and each connection skips its own.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use tokio::sync::broadcast;

/// Which member said something; unique within a room.
pub type MemberId = u64;

// ANCHOR: room
/// One line said in the room, as every member's receiver gets it.
#[derive(Debug, Clone)]
pub struct Said {
    /// Who said it: their own connection skips it.
    pub from: MemberId,
    /// The line as the others see it ("alice: hi", "* alice joined"). Every receiver
    /// gets a clone: for an `Arc<str>` that is a counter bump, not a copy of the text.
    pub line: Arc<str>,
}

/// The chat room: a broadcast channel, and the next member id.
#[derive(Debug, Clone)]
pub struct Room {
    sender: broadcast::Sender<Said>,
    next_id: Arc<AtomicU64>,
}

impl Room {
    /// An empty room that keeps the last `capacity` messages for members who are behind.
    pub fn new(capacity: usize) -> Self {
        let (sender, _) = broadcast::channel(capacity);
        Room {
            sender,
            next_id: Arc::default(),
        }
    }

    /// A new member: its id, and a receiver of everything said from now on.
    pub fn join(&self) -> (MemberId, broadcast::Receiver<Said>) {
        let id = self.next_id.fetch_add(1, Ordering::Relaxed);
        (id, self.sender.subscribe())
    }

    /// Says `line` to every member (the speaker's connection skips it). Never waits.
    pub fn say(&self, from: MemberId, line: String) {
        // `send` fails only when nobody is listening: then there is no one to tell.
        let _ = self.sender.send(Said {
            from,
            line: line.into(),
        });
    }
}
// ANCHOR_END: room

impl Room {
    /// How many members are listening right now.
    pub fn members(&self) -> usize {
        self.sender.receiver_count()
    }
}
