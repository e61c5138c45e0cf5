//! Exercise 2 — lazy futures (lesson 4.1): reference solution.

use futures::future::join_all;
use std::future::Future;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// The messages that were sent, in the order they arrived.
pub type Outbox = Arc<Mutex<Vec<String>>>;

/// How long sending one message takes.
pub const SEND_TIME: Duration = Duration::from_secs(1);

/// Sends `message`: one second on the network, then it lands in `outbox`.
pub async fn send(outbox: &Outbox, message: &str) {
    tokio::time::sleep(SEND_TIME).await;
    let mut sent = outbox.lock().expect("the outbox lock is never poisoned");
    sent.push(message.to_string());
}

/// Prepares sending `message` without sending it.
pub fn prepare<'a>(outbox: &'a Outbox, message: &'a str) -> impl Future<Output = ()> + 'a {
    // Calling an async fn runs none of its body: the future *is* the prepared send.
    send(outbox, message)
}

/// Sends the approved drafts and none of the others.
pub async fn send_approved(outbox: &Outbox, drafts: &[(&str, bool)]) {
    let prepared: Vec<_> = drafts
        .iter()
        .map(|&(message, approved)| (prepare(outbox, message), approved))
        .collect();
    // The rejected futures are dropped here without ever being polled: they never run.
    let approved = prepared
        .into_iter()
        .filter_map(|(send, approved)| approved.then_some(send));
    join_all(approved).await;
}
