//! `cargo xtask bench chat`: the lesson 4.6 chat server under many clients on loopback.
//!
//! For each client count N it starts the server as a child process — this very runner,
//! `chat --port 0`, whose first line says the port — so the server's CPU time and
//! memory can be read from `/proc/<pid>` apart from the clients'. Then N clients connect
//! from this process (a multi-thread runtime), each joins with a name, and each sends
//! messages at a fixed, realistic rate (by default one every 15 s, the clients staggered
//! evenly). Every message carries the moment it was sent, so every receiver measures its
//! delivery latency. Printed per N: connections held to the end, messages sent,
//! deliveries (the fan-out: one message reaches N − 1 clients) per second, latency p50
//! and p99, messages missed by lagging receivers, the server's CPU time per delivery,
//! and its memory per connection (resident memory with N clients minus before any,
//! divided by N). At the end the server is sent Ctrl-C (SIGINT) and shuts down as the
//! lesson describes; its last line is shown.
//!
//! A benchmark, never a test: the figures depend on the machine, and the clients share
//! its cores with the server.

use crate::chat::LISTENING_ON;
use crate::usage::UsageError;
use anyhow::{Context, Result, bail};
use std::io::{BufRead, BufReader};
use std::process::{Child, ChildStdout, Command, ExitCode, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, Lines};
use tokio::net::TcpStream;
use tokio::net::tcp::{OwnedReadHalf, OwnedWriteHalf};
use tokio::task::JoinSet;

/// A client's incoming lines.
type Incoming = Lines<tokio::io::BufReader<OwnedReadHalf>>;

/// The target from the issue: this many clients held…
const TARGET_CLIENTS: usize = 1000;
/// … with the 99th percentile of delivery latency under this.
const TARGET_P99: Duration = Duration::from_millis(50);

/// The command-line options of `bench chat`.
pub struct Options {
    /// The client counts, one run each.
    pub clients: Vec<usize>,
    /// Messages per client per minute.
    pub rate: f64,
    /// Seconds of sending measured per run.
    pub seconds: u64,
}

/// Runs the benchmark for each client count and prints the table.
pub fn run(options: Options) -> Result<ExitCode> {
    if options.clients.is_empty() || options.clients.contains(&0) {
        return Err(
            UsageError("--clients takes counts of at least 1, e.g. 100,1000".into()).into(),
        );
    }
    if !(options.rate > 0.0 && options.rate <= 600.0) {
        return Err(UsageError(
            "--rate is messages per client per minute, more than 0 and at most 600".into(),
        )
        .into());
    }
    if options.seconds == 0 {
        return Err(UsageError("--seconds must be at least 1".into()).into());
    }
    let every = Duration::from_secs_f64(60.0 / options.rate);
    println!(
        "The chat server (a child process) and N clients on 127.0.0.1; each client sends one \
         message every {:.1} s, staggered; {} s measured per N.",
        every.as_secs_f64(),
        options.seconds
    );
    println!(
        "Both are this runner, built with the dev profile: workspace crates at opt-level 0, \
         dependencies at 1 — a release build would use less CPU per delivery."
    );
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("starting the tokio runtime")?;
    let ticks_per_second = clock_ticks_per_second();
    let mut rows = Vec::new();
    for &clients in &options.clients {
        if let Some(limit) = open_files_limit()
            && clients + 64 > limit
        {
            println!(
                "{clients} clients: skipped: they need {clients} file descriptors here and as \
                 many in the server, and `ulimit -n` is {limit} (raise it, e.g. `ulimit -n {}`)",
                clients + 1024
            );
            continue;
        }
        println!("{clients} clients: starting the server, connecting…");
        let mut server = ServerProcess::start(clients)?;
        let run = runtime.block_on(measure(
            &server,
            clients,
            every,
            Duration::from_secs(options.seconds),
            ticks_per_second,
        ));
        let last_words = server.stop();
        let run = run?;
        println!(
            "  {}",
            last_words.unwrap_or_else(|| "(the server said nothing on stopping)".into())
        );
        rows.push(run);
    }
    print_table(&rows);
    Ok(ExitCode::SUCCESS)
}

/// What one run measured.
struct Run {
    clients: usize,
    held: usize,
    sent: u64,
    deliveries: usize,
    per_second: f64,
    p50: Duration,
    p99: Duration,
    missed: u64,
    cpu_per_delivery: Option<Duration>,
    memory_per_connection: Option<u64>,
}

/// Counts the clients share.
#[derive(Default)]
struct Counters {
    /// "* cN joined" notices received, to know when the joining is over.
    joined: AtomicU64,
    /// Messages the server said a client missed (lagging).
    missed: AtomicU64,
    /// Connections the server closed before the end.
    closed: AtomicU64,
}

/// Connects `clients` clients to `server`, lets them send for `window`, and measures.
async fn measure(
    server: &ServerProcess,
    clients: usize,
    every: Duration,
    window: Duration,
    ticks_per_second: u64,
) -> Result<Run> {
    let origin = Instant::now();
    let counters = Arc::new(Counters::default());
    let rss_before = resident_kib(server.pid);

    // Join one after another, each reading from the moment it has joined.
    let mut readers = JoinSet::new();
    let mut writers = Vec::with_capacity(clients);
    for number in 0..clients {
        let (reader, writer) = join(server.port, number)
            .await
            .with_context(|| format!("connecting client {number} of {clients}"))?;
        readers.spawn(receive(reader, origin, Arc::clone(&counters)));
        writers.push(writer);
    }
    // Wait for every "joined" notice to be delivered: each client hears the ones after it.
    let notices = (clients * clients.saturating_sub(1) / 2) as u64;
    let settling = Instant::now();
    while counters.joined.load(Ordering::Relaxed) < notices
        && settling.elapsed() < Duration::from_secs(20)
    {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let rss_connected = resident_kib(server.pid);
    counters.missed.store(0, Ordering::Relaxed);
    let cpu_before = cpu_ticks(server.pid);

    // Send: client i first at start + i/N of the interval, then every interval.
    let start = tokio::time::Instant::now() + Duration::from_millis(100);
    let mut senders = JoinSet::new();
    for (number, writer) in writers.into_iter().enumerate() {
        let first = start + every.mul_f64(number as f64 / clients as f64);
        senders.spawn(send(writer, first, every, start + window, origin));
    }
    let mut sent = 0;
    let mut writers = Vec::with_capacity(clients);
    while let Some(done) = senders.join_next().await {
        let (writer, count) = done.context("a sending client panicked")?;
        sent += count;
        writers.push(writer);
    }
    // Let the last messages arrive, then read the server's CPU time before shutdown.
    tokio::time::sleep(Duration::from_secs(1)).await;
    let cpu_after = cpu_ticks(server.pid);
    let held = clients - counters.closed.load(Ordering::Relaxed) as usize;
    let missed = counters.missed.load(Ordering::Relaxed);

    // Ctrl-C on the server: every client is told and disconnected, and each reader
    // returns the latencies it measured.
    server.interrupt();
    let mut latencies = Vec::new();
    let mut last_delivery = Duration::ZERO;
    while let Some(done) = readers.join_next().await {
        let heard = done.context("a receiving client panicked")?;
        latencies.extend(heard.latencies);
        last_delivery = last_delivery.max(heard.last);
    }
    drop(writers);
    latencies.sort_unstable();
    let deliveries = latencies.len();
    let sending_began = start.into_std().duration_since(origin);
    let span = last_delivery.saturating_sub(sending_began).max(window);
    let cpu_per_delivery =
        cpu_before
            .zip(cpu_after)
            .filter(|_| deliveries > 0)
            .map(|(before, after)| {
                let seconds = (after - before) as f64 / ticks_per_second as f64;
                Duration::from_secs_f64(seconds / deliveries as f64)
            });
    let memory_per_connection = rss_before
        .zip(rss_connected)
        .map(|(before, after)| after.saturating_sub(before) / clients as u64);
    Ok(Run {
        clients,
        held,
        sent,
        deliveries,
        per_second: deliveries as f64 / span.as_secs_f64(),
        p50: percentile(&latencies, 0.50),
        p99: percentile(&latencies, 0.99),
        missed,
        cpu_per_delivery,
        memory_per_connection,
    })
}

/// Connects client `number`, waits for the greeting and answers with its name.
async fn join(port: u16, number: usize) -> Result<(Incoming, OwnedWriteHalf)> {
    let stream = TcpStream::connect(("127.0.0.1", port)).await?;
    stream.set_nodelay(true)?;
    let (reader, mut writer) = stream.into_split();
    let mut reader = tokio::io::BufReader::new(reader).lines();
    match reader.next_line().await? {
        Some(line) if line == async_io::chat::connection::WELCOME => {}
        Some(line) => bail!("the server answered {line:?}"),
        None => bail!("the server closed the connection"),
    }
    writer.write_all(format!("c{number}\n").as_bytes()).await?;
    Ok((reader, writer))
}

/// What one client heard: the latency of every message, and when the last one came.
struct Heard {
    latencies: Vec<Duration>,
    last: Duration,
}

/// Reads until the server closes the connection, timing every message.
async fn receive(mut reader: Incoming, origin: Instant, counters: Arc<Counters>) -> Heard {
    let mut heard = Heard {
        latencies: Vec::new(),
        last: Duration::ZERO,
    };
    let mut shutting_down = false;
    while let Ok(Some(line)) = reader.next_line().await {
        if let Some(notice) = line.strip_prefix("* ") {
            if notice.ends_with(" joined") {
                counters.joined.fetch_add(1, Ordering::Relaxed);
            } else if let Some(rest) = notice.strip_prefix("you missed ") {
                let count = rest.split(' ').next().and_then(|n| n.parse().ok());
                counters
                    .missed
                    .fetch_add(count.unwrap_or(0), Ordering::Relaxed);
            } else if notice == "server shutting down" {
                shutting_down = true;
            }
            continue;
        }
        // "c12: 1234567": who, and when it was sent (µs since `origin`).
        let sent = line
            .split_once(": ")
            .and_then(|(_, micros)| micros.parse::<u64>().ok());
        if let Some(sent) = sent {
            let now = origin.elapsed();
            heard
                .latencies
                .push(now.saturating_sub(Duration::from_micros(sent)));
            heard.last = now;
        }
    }
    if !shutting_down {
        counters.closed.fetch_add(1, Ordering::Relaxed);
    }
    heard
}

/// Sends a message at `first`, then every `every`, until `end`; returns the writer (kept
/// open until the end: closing it would make the client leave) and how many it sent.
async fn send(
    mut writer: OwnedWriteHalf,
    first: tokio::time::Instant,
    every: Duration,
    end: tokio::time::Instant,
    origin: Instant,
) -> (OwnedWriteHalf, u64) {
    let mut sent = 0;
    let mut next = first;
    while next < end {
        tokio::time::sleep_until(next).await;
        let micros = origin.elapsed().as_micros();
        if writer
            .write_all(format!("{micros}\n").as_bytes())
            .await
            .is_err()
        {
            break;
        }
        sent += 1;
        next += every;
    }
    (writer, sent)
}

/// The value below which `fraction` of the sorted `values` lie.
fn percentile(sorted: &[Duration], fraction: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let index = ((sorted.len() - 1) as f64 * fraction).round() as usize;
    sorted[index]
}

fn print_table(rows: &[Run]) {
    if rows.is_empty() {
        return;
    }
    println!();
    println!(
        "{:>7} {:>6} {:>6} {:>11} {:>12} {:>8} {:>8} {:>7} {:>15} {:>12}",
        "clients",
        "held",
        "sent",
        "deliveries",
        "deliveries/s",
        "p50 ms",
        "p99 ms",
        "missed",
        "CPU µs/delivery",
        "KiB/client"
    );
    for row in rows {
        println!(
            "{:>7} {:>6} {:>6} {:>11} {:>12.0} {:>8.2} {:>8.2} {:>7} {:>15} {:>12}",
            row.clients,
            row.held,
            row.sent,
            row.deliveries,
            row.per_second,
            row.p50.as_secs_f64() * 1000.0,
            row.p99.as_secs_f64() * 1000.0,
            row.missed,
            row.cpu_per_delivery.map_or("n/a".into(), |cpu| format!(
                "{:.1}",
                cpu.as_secs_f64() * 1e6
            )),
            row.memory_per_connection
                .map_or("n/a".into(), |kib| kib.to_string()),
        );
    }
    let verdict = match rows.iter().find(|row| row.clients == TARGET_CLIENTS) {
        Some(row) if row.held == TARGET_CLIENTS && row.p99 < TARGET_P99 => "met".to_string(),
        Some(row) => format!(
            "not met ({} held, p99 {:.1} ms)",
            row.held,
            row.p99.as_secs_f64() * 1000.0
        ),
        None => format!("not measured (run with --clients {TARGET_CLIENTS})"),
    };
    println!(
        "(target: {TARGET_CLIENTS} clients held with p99 delivery latency under {} ms — {verdict}; \
         deliveries = messages × (clients − 1); CPU and memory are the server process's)",
        TARGET_P99.as_millis()
    );
}

/// The chat server, running as a child process of this runner.
struct ServerProcess {
    child: Child,
    stdout: BufReader<ChildStdout>,
    pid: u32,
    port: u16,
}

impl ServerProcess {
    /// Starts `<this runner> chat --port 0 --max-clients N` and reads its port.
    fn start(clients: usize) -> Result<ServerProcess> {
        let runner = std::env::current_exe().context("finding this program")?;
        let mut child = Command::new(runner)
            .args(["chat", "--port", "0", "--max-clients"])
            .arg(clients.to_string())
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .spawn()
            .context("starting the chat server")?;
        let pid = child.id();
        let mut stdout = BufReader::new(child.stdout.take().context("the server's output")?);
        let mut first = String::new();
        stdout
            .read_line(&mut first)
            .context("reading the chat server's first line")?;
        let first = console::strip_ansi_codes(first.trim()).to_string();
        let port = first
            .strip_prefix(LISTENING_ON)
            .and_then(|address| address.rsplit_once(':'))
            .and_then(|(_, port)| port.parse().ok());
        let Some(port) = port else {
            let _ = child.kill();
            let _ = child.wait();
            bail!("the chat server did not say its port; its first line was {first:?}");
        };
        Ok(ServerProcess {
            child,
            stdout,
            pid,
            port,
        })
    }

    /// Sends the server Ctrl-C (SIGINT), which starts its graceful shutdown.
    fn interrupt(&self) {
        let _ = Command::new("kill")
            .args(["-INT", &self.pid.to_string()])
            .status();
    }

    /// Waits for the server to end (killing it if SIGINT did not stop it within 10 s) and
    /// returns its last line.
    fn stop(&mut self) -> Option<String> {
        self.interrupt();
        let waited = Instant::now();
        while waited.elapsed() < Duration::from_secs(10) {
            if let Ok(Some(_)) = self.child.try_wait() {
                break;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
        let mut last = None;
        let mut line = String::new();
        while matches!(self.stdout.read_line(&mut line), Ok(n) if n > 0) {
            if !line.trim().is_empty() {
                last = Some(line.trim().to_string());
            }
            line.clear();
        }
        last
    }
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// User + system CPU time of process `pid` so far, in clock ticks (/proc/<pid>/stat).
fn cpu_ticks(pid: u32) -> Option<u64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // Fields after the command name (in parentheses, which may contain spaces).
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let user: u64 = fields.get(11)?.parse().ok()?;
    let system: u64 = fields.get(12)?.parse().ok()?;
    Some(user + system)
}

/// The kernel's clock ticks per second for /proc times (`getconf CLK_TCK`; 100 on Linux).
fn clock_ticks_per_second() -> u64 {
    Command::new("getconf")
        .arg("CLK_TCK")
        .output()
        .ok()
        .and_then(|output| String::from_utf8(output.stdout).ok())
        .and_then(|text| text.trim().parse().ok())
        .filter(|&ticks| ticks > 0)
        .unwrap_or(100)
}

/// Resident memory of process `pid`, in KiB (VmRSS in /proc/<pid>/status).
fn resident_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|line| line.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// This process's soft limit on open files ("Max open files" in /proc/self/limits).
fn open_files_limit() -> Option<usize> {
    let limits = std::fs::read_to_string("/proc/self/limits").ok()?;
    let line = limits
        .lines()
        .find(|line| line.starts_with("Max open files"))?;
    line.split_whitespace().nth(3)?.parse().ok()
}
