//! Grader for exercise 40 — a chat room. Used unchanged by `solutions/`.
//!
//! Each check opens a room (a broadcast channel) and spawns `handle_client` for each
//! client on a `tokio::io::duplex` pipe of 64 bytes, on the paused clock. A client's
//! reader notes every line with the virtual time it arrived; it can stop reading (the
//! pipe fills up) and start again. Every wait on the learner's code has a time limit.

use crate::ex40_chat_room::{Message, handle_client};
use futures::FutureExt;
use harness::Span;
use harness::grade::{require, require_seen};
use harness::picture::Picture;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;
use tokio::io::{
    AsyncBufReadExt, AsyncWriteExt, BufReader, DuplexStream, ReadHalf, WriteHalf, split,
};
use tokio::sync::{broadcast, watch};
use tokio::task::JoinHandle;
use tokio::time::{Instant, sleep, timeout};

/// The first line every client gets.
const GREETING: &str = "Welcome! What is your name?";
/// Each pipe holds this many bytes: a client that stops reading fills it quickly.
const PIPE: usize = 64;
/// How long the grader lets things settle after each step.
const SETTLE: Duration = Duration::from_millis(100);
/// Re-read this to fix a failure.
const SECTION: &str = "re-read \"The chat server\" in lesson 4.6";

/// Lines one client received, each with when it arrived (since the check began).
type Log = Arc<Mutex<Vec<(Duration, String)>>>;

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// One of the grader's chat clients.
struct Client {
    name: &'static str,
    writer: Option<WriteHalf<DuplexStream>>,
    log: Log,
    reading: watch::Sender<bool>,
    reader: JoinHandle<()>,
    handler: JoinHandle<()>,
}

/// A room and the grader's clients in it.
struct Chat {
    origin: Instant,
    room: broadcast::Sender<Message>,
    clients: Vec<Client>,
}

/// Reads lines until end-of-file, noting each with its time; waits while told not to read.
async fn read_lines(
    reader: ReadHalf<DuplexStream>,
    origin: Instant,
    log: Log,
    mut reading: watch::Receiver<bool>,
) {
    let mut reader = BufReader::new(reader);
    loop {
        if reading.wait_for(|on| *on).await.is_err() {
            return;
        }
        let mut line = String::new();
        match reader.read_line(&mut line).await {
            Ok(0) | Err(_) => return,
            Ok(_) => {
                let line = line.trim_end_matches(['\n', '\r']).to_string();
                lock(&log).push((origin.elapsed(), line));
            }
        }
    }
}

impl Chat {
    fn new(capacity: usize) -> Chat {
        Chat {
            origin: Instant::now(),
            room: broadcast::channel(capacity).0,
            clients: Vec::new(),
        }
    }

    fn now(&self) -> Duration {
        self.origin.elapsed()
    }

    fn client(&self, name: &str) -> &Client {
        self.clients
            .iter()
            .find(|client| client.name == name)
            .expect("the grader names only its own clients")
    }

    fn client_mut(&mut self, name: &str) -> &mut Client {
        self.clients
            .iter_mut()
            .find(|client| client.name == name)
            .expect("the grader names only its own clients")
    }

    /// What `name` received, in order.
    fn lines(&self, name: &str) -> Vec<String> {
        lock(&self.client(name).log)
            .iter()
            .map(|(_, line)| line.clone())
            .collect()
    }

    /// When `name` received `line` (the first time), if it did.
    fn received_at(&self, name: &str, line: &str) -> Option<Duration> {
        lock(&self.client(name).log)
            .iter()
            .find(|(_, got)| got == line)
            .map(|(at, _)| *at)
    }

    /// If a handler panicked (a `todo!()`, an `unwrap`), reports that panic as the
    /// learner's, which explains it better than any later symptom.
    fn surface_panics(&mut self) {
        for client in &mut self.clients {
            if client.handler.is_finished()
                && let Some(Err(error)) = (&mut client.handler).now_or_never()
                && error.is_panic()
            {
                std::panic::resume_unwind(error.into_panic());
            }
        }
    }

    fn fail(&mut self, message: String) -> ! {
        self.surface_panics();
        require(false, || message);
        unreachable!("require(false, …) always fails")
    }

    /// Connects a client: spawns `handle_client` on one end of a pipe and a reader on
    /// the other, and checks the greeting.
    async fn connect(&mut self, name: &'static str) {
        let (ours, theirs) = tokio::io::duplex(PIPE);
        let handler = tokio::spawn(handle_client(theirs, self.room.clone()));
        let (reader, writer) = split(ours);
        let log = Log::default();
        let (reading, told) = watch::channel(true);
        let reader = tokio::spawn(read_lines(reader, self.origin, Arc::clone(&log), told));
        self.clients.push(Client {
            name,
            writer: Some(writer),
            log,
            reading,
            reader,
            handler,
        });
        sleep(SETTLE).await;
        let lines = self.lines(name);
        if lines.first().map(String::as_str) != Some(GREETING) {
            self.fail(format!(
                "{name} connected and, {} later, had received {lines:?}; the first line \
                 should be the greeting {GREETING:?}. Greet the client as soon as \
                 `handle_client` starts; {SECTION}.",
                harness::format_secs(SETTLE)
            ));
        }
    }

    /// Connects a client and sends its name.
    async fn join(&mut self, name: &'static str) {
        self.connect(name).await;
        self.say(name, name).await;
    }

    /// `name` sends `text` as a line; returns when it was sent. Then lets things settle.
    async fn say(&mut self, name: &'static str, text: &str) -> Duration {
        let sent_at = self.now();
        let line = format!("{text}\n");
        let writer = self
            .client_mut(name)
            .writer
            .as_mut()
            .expect("the grader writes only for connected clients");
        let written = timeout(Duration::from_secs(1), writer.write_all(line.as_bytes())).await;
        match written {
            Ok(Ok(())) => {}
            Ok(Err(error)) => self.fail(format!(
                "{name} could not send {text:?}: the connection was closed ({error}). \
                 Your handler should keep serving a client until it disconnects; {SECTION}."
            )),
            Err(_) => self.fail(format!(
                "{name} could not send {text:?} for 1 s: your handler was not reading \
                 what the client sent. Read the client's lines while you wait for the \
                 room's messages (`tokio::select!`); {SECTION}."
            )),
        }
        sleep(SETTLE).await;
        sent_at
    }

    /// `name` closes its end of the pipe, as a client that quits.
    async fn leave(&mut self, name: &str) {
        let client = self.client_mut(name);
        client.writer = None;
        client.reader.abort();
        sleep(SETTLE).await;
    }

    /// Takes a client out of the list of those expected to receive lines.
    fn remove(&mut self, name: &str) -> Client {
        let index = self
            .clients
            .iter()
            .position(|client| client.name == name)
            .expect("the grader names only its own clients");
        self.clients.remove(index)
    }

    fn stop_reading(&self, name: &str) {
        self.client(name).reading.send_replace(false);
    }

    fn start_reading(&self, name: &str) {
        self.client(name).reading.send_replace(true);
    }
}

/// Checks that each chat line reached each of the other clients at the moment it was
/// sent. `sent`: (who, line as the others see it, when).
fn require_delivered_at_once(chat: &mut Chat, sent: &[(&str, String, Duration)], what: &str) {
    chat.surface_panics();
    let mut spans = Vec::new();
    let mut expected = Vec::new();
    let mut late = Vec::new();
    for (from, line, at) in sent {
        for to in chat.clients.iter().map(|client| client.name) {
            if to == *from {
                continue;
            }
            let label = format!("{line:?} → {to}");
            let got = chat.received_at(to, line);
            spans.push(Span {
                label: label.clone(),
                start: *at,
                end: got.unwrap_or_else(|| chat.now()),
                cancelled: got.is_none(),
            });
            expected.push(Span {
                label,
                start: *at,
                end: *at,
                cancelled: false,
            });
            if got != Some(*at) {
                late.push(match got {
                    Some(got) => format!(
                        "{to} got {line:?} {} after it was sent",
                        harness::format_secs(got - *at)
                    ),
                    None => format!("{to} never got {line:?}"),
                });
            }
        }
    }
    // At most 12 rows, the late ones first, so the picture fits a screen.
    let order: Vec<usize> = {
        let mut order: Vec<usize> = (0..spans.len()).collect();
        order.sort_by_key(|&index| spans[index].end == spans[index].start);
        order.truncate(12);
        order
    };
    let pick = |all: &[Span]| order.iter().map(|&index| all[index].clone()).collect();
    require_seen(
        late.is_empty(),
        || {
            Picture::new()
                .spans("your run: each line, from sent to received", pick(&spans))
                .spans("expected: received the moment it is sent", pick(&expected))
        },
        || {
            format!(
                "{what}: {}. Every line must reach the other clients at once, even one \
                 that is saying nothing itself: wait for the client's next line and the \
                 room's next message at the same time (`tokio::select!` in a loop), and \
                 write each message to your client as it comes; {SECTION}.",
                late.join("; ")
            )
        },
    );
}

#[test]
fn lines_reach_the_others_at_once_but_not_the_sender() {
    harness::grade::on_paused_clock(|| async {
        let mut chat = Chat::new(16);
        for name in ["alice", "bob", "carol"] {
            chat.join(name).await;
        }
        let mut sent = Vec::new();
        for (from, text) in [("alice", "hi"), ("bob", "hello alice"), ("carol", "hey")] {
            let at = chat.say(from, text).await;
            sent.push((from, format!("{from}: {text}"), at));
            sleep(Duration::from_secs(1)).await;
        }
        for client in ["alice", "bob", "carol"] {
            let lines = chat.lines(client);
            let own = lines.iter().find(|line| {
                line.starts_with(&format!("{client}: ")) || **line == format!("* {client} joined")
            });
            if let Some(own) = own {
                chat.fail(format!(
                    "{client} received {own:?}: their own line, which only the \
                     others should get. Your handler echoes the client's own lines (or \
                     its own join) back to it; skip the room's messages whose `from` is \
                     your client's name; {SECTION}."
                ));
            }
        }
        for (client, joins) in [
            ("alice", vec!["* bob joined", "* carol joined"]),
            ("bob", vec!["* carol joined"]),
        ] {
            let lines = chat.lines(client);
            for join in joins {
                if !lines.iter().any(|line| line == join) {
                    chat.fail(format!(
                        "{client} was in the room when the others joined, but received \
                         {lines:?}, without {join:?}. Once a client has named itself, \
                         send `* NAME joined` into the room; {SECTION}."
                    ));
                }
            }
        }
        require_delivered_at_once(
            &mut chat,
            &sent,
            "alice said \"hi\", then bob \"hello alice\", then carol \"hey\", 1 s apart",
        );
        let expected = [
            (
                "alice",
                vec![
                    GREETING,
                    "* bob joined",
                    "* carol joined",
                    "bob: hello alice",
                    "carol: hey",
                ],
            ),
            (
                "bob",
                vec![GREETING, "* carol joined", "alice: hi", "carol: hey"],
            ),
            ("carol", vec![GREETING, "alice: hi", "bob: hello alice"]),
        ];
        for (client, expected) in expected {
            let lines = chat.lines(client);
            require(lines == expected, || {
                format!(
                    "alice, bob and carol joined in turn, then said one line each; \
                     {client} received {lines:?}, expected {expected:?}; {SECTION}."
                )
            });
        }
    });
}

#[test]
fn a_client_that_leaves_is_announced_and_breaks_nothing() {
    harness::grade::on_paused_clock(|| async {
        let mut chat = Chat::new(16);
        for name in ["alice", "bob", "carol"] {
            chat.join(name).await;
        }
        chat.leave("carol").await;
        for client in ["alice", "bob"] {
            let got = chat.received_at(client, "* carol left");
            if got.is_none() {
                chat.fail(format!(
                    "carol closed her connection, and {} later {client} had received {:?}, \
                     without \"* carol left\". When reading gives end-of-file (or writing \
                     fails), the client is gone: send `* NAME left` into the room and \
                     return; {SECTION}.",
                    harness::format_secs(SETTLE),
                    chat.lines(client)
                ));
            }
        }
        let at = chat.say("alice", "still here?").await;
        let sent = [("alice", "alice: still here?".to_string(), at)];
        sleep(Duration::from_secs(1)).await;
        chat.surface_panics();
        if !chat.client("carol").handler.is_finished() {
            chat.fail(
                "carol closed her connection, and alice then said a line, but 1 s later \
                 carol's `handle_client` was still running. Return once your client has \
                 disconnected (end-of-file when reading, or an error when writing), or \
                 every client that ever left keeps a task alive."
                    .to_string(),
            );
        }
        // Only alice and bob are still in the room to receive it.
        let carol = chat.remove("carol");
        require_delivered_at_once(
            &mut chat,
            &sent,
            "after carol left, alice said \"still here?\"",
        );
        drop(carol);

        // dave connects, and leaves before giving a name.
        let before: Vec<Vec<String>> = ["alice", "bob"].map(|name| chat.lines(name)).into();
        chat.connect("dave").await;
        chat.leave("dave").await;
        sleep(Duration::from_secs(1)).await;
        chat.surface_panics();
        let after: Vec<Vec<String>> = ["alice", "bob"].map(|name| chat.lines(name)).into();
        require(before == after, || {
            format!(
                "dave connected and left before giving a name; alice and bob should hear \
                 nothing of it, but they now have {after:?} (before: {before:?}). Announce \
                 a client only once it has named itself; {SECTION}."
            )
        });
        require(chat.client("dave").handler.is_finished(), || {
            "dave connected and closed his connection before giving a name, but 1 s later \
             his `handle_client` was still running: end-of-file while waiting for the name \
             means the client is gone; return."
                .to_string()
        });
    });
}

#[test]
fn a_carriage_return_before_the_newline_is_not_part_of_the_line() {
    harness::grade::on_paused_clock(|| async {
        let mut chat = Chat::new(16);
        chat.join("alice").await;
        // bob's terminal (say `nc` on Windows, or `nc -C`) ends his lines with "\r\n".
        chat.connect("bob").await;
        chat.say("bob", "bob\r").await;
        chat.say("bob", "hi\r").await;
        sleep(Duration::from_secs(1)).await;
        let lines = chat.lines("alice");
        let expected = vec![GREETING, "* bob joined", "bob: hi"];
        require(lines == expected, || {
            format!(
                "bob sent his name and a line ending in \"\\r\\n\" (\"bob\\r\\n\", then \
                 \"hi\\r\\n\"), as `nc` may; alice received {lines:?}, expected {expected:?}. \
                 Strip a trailing \"\\r\" from the name and from every line \
                 (`trim_end_matches('\\r')`); {SECTION}."
            )
        });
    });
}

#[test]
fn a_slow_reader_delays_no_one_and_is_told_what_it_missed() {
    harness::grade::on_paused_clock(|| async {
        const BURST: usize = 30;
        let mut chat = Chat::new(8);
        for name in ["alice", "bob", "carol"] {
            chat.join(name).await;
        }
        chat.stop_reading("carol");
        let carol_before = chat.lines("carol").len();
        let mut sent = Vec::new();
        for number in 1..=BURST {
            let text = format!("line {number:02} of a long burst from alice");
            let at = chat.say("alice", &text).await;
            sent.push(("alice", format!("alice: {text}"), at));
        }
        // bob must have had every line at once, while carol was not reading.
        let bob_only: Vec<(&str, String, Duration)> = sent.clone();
        let carol = chat.remove("carol");
        require_delivered_at_once(
            &mut chat,
            &bob_only,
            "carol stopped reading (her pipe filled up) while alice sent 30 lines, 0.1 s apart",
        );
        chat.clients.push(carol);

        chat.start_reading("carol");
        sleep(Duration::from_secs(1)).await;
        let at = chat.say("alice", "is everyone still here?").await;
        sleep(Duration::from_secs(1)).await;
        chat.surface_panics();
        let carol_lines: Vec<String> = chat.lines("carol")[carol_before..].to_vec();
        for client in ["alice", "bob"] {
            let lines = chat.lines(client);
            require(!lines.iter().any(|line| line == "* carol left"), || {
                format!(
                    "carol only stopped reading for a while, yet {client} was told \"* carol \
                     left\". A handler that falls behind gets `RecvError::Lagged(n)` from \
                     the room: that is not the end — tell the client \"* you missed n \
                     messages\" and receive again; {SECTION}."
                )
            });
        }
        let last = "alice: is everyone still here?";
        require(carol_lines.iter().any(|line| line == last), || {
            format!(
                "carol stopped reading while alice sent 30 lines, then read again; when \
                 alice then said \"is everyone still here?\" (at {}), carol did not get it. \
                 Since she stopped she received {carol_lines:?}. A lagging receiver \
                 (`RecvError::Lagged(n)`) is still in the room: tell the client and carry \
                 on; {SECTION}.",
                harness::format_secs(at)
            )
        });
        let delivered = carol_lines
            .iter()
            .filter(|line| sent.iter().any(|(_, sent, _)| sent == *line))
            .count();
        let missed: Vec<usize> = carol_lines
            .iter()
            .filter_map(|line| {
                line.strip_prefix("* you missed ")?
                    .strip_suffix(" messages")?
                    .parse()
                    .ok()
            })
            .collect();
        let missed_total: usize = missed.iter().sum();
        require(delivered + missed_total == BURST, || {
            format!(
                "carol stopped reading while alice sent {BURST} lines, then read again. She \
                 received {delivered} of them and was told she missed {missed_total} \
                 ({} \"* you missed N messages\" line(s)): {} in all, not {BURST}. Every line \
                 is either delivered or counted: when the room reports \
                 `RecvError::Lagged(n)`, send \"* you missed n messages\". What carol \
                 received: {carol_lines:?}; {SECTION}.",
                missed.len(),
                delivered + missed_total
            )
        });
    });
}
