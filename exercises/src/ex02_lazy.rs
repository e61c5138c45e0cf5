//! Exercise 2 — lazy futures (lesson 4.1).
//!
//! Calling an `async fn` only *builds* a future; its body runs when the future is
//! awaited, and never if the future is dropped first. Use that to prepare messages
//! for sending and then decide which ones actually go out.
//!
//! Grade: `cargo xtask check ex02` · Stuck? `cargo xtask hint ex02`

use std::future::Future;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// The messages that were sent, in the order they arrived.
pub type Outbox = Arc<Mutex<Vec<String>>>;

/// How long sending one message takes.
pub const SEND_TIME: Duration = Duration::from_secs(1);

/// Sends `message`: one second on the network, then it lands in `outbox`.
/// (This function is given and complete.)
pub async fn send(outbox: &Outbox, message: &str) {
    tokio::time::sleep(SEND_TIME).await;
    let mut sent = outbox.lock().expect("the outbox lock is never poisoned");
    sent.push(message.to_string());
}

/// Prepares sending `message` without sending it.
///
/// Return a future that sends `message` when — and only if — it is awaited. Nothing may
/// reach the outbox before that, not even in the background.
pub fn prepare<'a>(outbox: &'a Outbox, message: &'a str) -> impl Future<Output = ()> + 'a {
    // TODO: return a future that sends `message` when awaited; send nothing here.
    let _unused_so_far = (outbox, message);
    async { todo!("prepare") }
}

/// Sends the approved drafts — `(message, approved)` pairs — and none of the others.
///
/// First prepare a send for *every* draft; then await only the approved ones, all at the
/// same time, so that they all arrive after one `SEND_TIME`; drop the rest unsent.
pub async fn send_approved(outbox: &Outbox, drafts: &[(&str, bool)]) {
    // TODO: prepare them all, then await the approved ones together.
    todo!("send_approved")
}
