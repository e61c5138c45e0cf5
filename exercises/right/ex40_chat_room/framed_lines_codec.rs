//! RIGHT, unlike the reference — a fixture for `cargo xtask verify`: exercise 40 on one
//! `Framed<S, LinesCodec>` (no split: `next()` for the client's lines, `send` for what it
//! is told), with `select!` picking a line to write or `continue`. It must pass every
//! check.

use futures::{SinkExt, StreamExt};
use tokio::io::{AsyncRead, AsyncWrite};
use tokio::sync::broadcast;
use tokio::sync::broadcast::error::RecvError;
use tokio_util::codec::{Framed, LinesCodec};

/// What travels through the room.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    /// The name of the client it comes from: that client's handler does not send it on.
    pub from: String,
    /// The line to show the others, without the newline: `alice: hi`, `* alice joined`.
    pub line: String,
}

/// Serves one chat client on `stream` until it disconnects; `room` is the chat room.
pub async fn handle_client<S>(stream: S, room: broadcast::Sender<Message>)
where
    S: AsyncRead + AsyncWrite + Unpin + Send + 'static,
{
    let mut client = Framed::new(stream, LinesCodec::new());
    if client.send("Welcome! What is your name?").await.is_err() {
        return;
    }
    let Some(Ok(name)) = client.next().await else {
        return;
    };
    let mut inbox = room.subscribe();
    let _ = room.send(Message {
        from: name.clone(),
        line: format!("* {name} joined"),
    });
    loop {
        let line = tokio::select! {
            said = client.next() => match said {
                Some(Ok(text)) => {
                    let _ = room.send(Message { from: name.clone(), line: format!("{name}: {text}") });
                    continue;
                }
                _ => break,
            },
            heard = inbox.recv() => match heard {
                Ok(Message { from, .. }) if from == name => continue,
                Ok(Message { line, .. }) => line,
                Err(RecvError::Lagged(n)) => format!("* you missed {n} messages"),
                Err(RecvError::Closed) => break,
            },
        };
        if client.send(line).await.is_err() {
            break;
        }
    }
    let _ = room.send(Message {
        from: name.clone(),
        line: format!("* {name} left"),
    });
}
