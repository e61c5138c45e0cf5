//! WRONG on purpose — a fixture for `cargo xtask verify`: exercise 40 that recognises
//! its client's own messages by the text (`line.starts_with("NAME: ")`) instead of
//! `Message::from`, so the client's own `* NAME joined` comes back to it;
//! `lines_reach_the_others_at_once_but_not_the_sender` must catch it.

use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncWrite, AsyncWriteExt, BufReader};
use tokio::sync::broadcast;
use tokio::sync::broadcast::error::RecvError;

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
    let (reader, mut writer) = tokio::io::split(stream);
    let mut lines = BufReader::new(reader).lines();
    if writer
        .write_all(b"Welcome! What is your name?\n")
        .await
        .is_err()
    {
        return;
    }
    let name = match lines.next_line().await {
        Ok(Some(name)) => name.trim_end_matches('\r').to_string(),
        _ => return, // gone before giving a name: nothing to announce
    };
    let mut inbox = room.subscribe();
    let say = |line: String| {
        // An error only means nobody else is in the room.
        let _ = room.send(Message {
            from: name.clone(),
            line,
        });
    };
    say(format!("* {name} joined"));
    loop {
        tokio::select! {
            // `next_line` is cancel-safe: losing the race to a message loses no text.
            line = lines.next_line() => match line {
                Ok(Some(text)) => say(format!("{name}: {}", text.trim_end_matches('\r'))),
                Ok(None) | Err(_) => break, // end-of-file: the client left
            },
            message = inbox.recv() => {
                let line = match message {
                    Ok(message) if message.line.starts_with(&format!("{name}: ")) => continue,
                    Ok(message) => message.line,
                    Err(RecvError::Lagged(missed)) => format!("* you missed {missed} messages"),
                    Err(RecvError::Closed) => break,
                };
                if writer.write_all(format!("{line}\n").as_bytes()).await.is_err() {
                    break; // the client is gone
                }
            }
        }
    }
    say(format!("* {name} left"));
}
