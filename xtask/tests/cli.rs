//! The runner as a learner meets it: real commands, exit codes and output.
//!
//! Each test runs the built `xtask` binary with its progress file redirected to a
//! temporary path, so running the tests never touches a learner's progress.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

/// Runs `cargo xtask ARGS` with `typed` as its standard input; returns its output and
/// the progress file it left (as JSON, `null` if none).
fn xtask_typing(args: &[&str], typed: &str) -> (Output, serde_json::Value) {
    let progress: PathBuf = std::env::temp_dir().join(format!(
        "xtask-cli-{}-{}.json",
        std::process::id(),
        args.join("_").replace(['/', ' '], "-")
    ));
    let mut child = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(args)
        .env("WORKBOOK_PROGRESS", &progress)
        .env("CI", "true")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the xtask binary runs");
    let mut stdin = child.stdin.take().expect("piped stdin");
    stdin
        .write_all(typed.as_bytes())
        .expect("the runner reads its input");
    drop(stdin);
    let output = child.wait_with_output().expect("the runner finishes");
    let saved = std::fs::read_to_string(&progress)
        .ok()
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or(serde_json::Value::Null);
    let _ = std::fs::remove_file(progress);
    (output, saved)
}

fn xtask(args: &[&str]) -> Output {
    xtask_typing(args, "").0
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn unknown_ids_and_missing_arguments_exit_2_with_one_helpful_line() {
    for (args, must_mention) in [
        (&["lesson", "9.9"][..], "4.1"),
        (&["lesson"][..], "4.1"),
        (&["hint", "nope"][..], "ex01"),
        (&["hint"][..], "ex01"),
        (&["check", "ex99"][..], "ex01"),
        (&["lesson", "4.1", "--frobnicate"][..], "--help"),
        (&["no-such-command"][..], "--help"),
    ] {
        let output = xtask(args);
        let message = stderr(&output);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {message}");
        assert_eq!(message.trim().lines().count(), 1, "{args:?}: {message}");
        assert!(message.starts_with("error: "), "{args:?}: {message}");
        assert!(message.contains(must_mention), "{args:?}: {message}");
    }
}

#[test]
fn compare_json_has_the_promised_fields_and_exact_virtual_times() {
    let output = xtask(&["compare", "--instant", "--json"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let reports: serde_json::Value = serde_json::from_str(&stdout(&output)).expect("valid JSON");
    let reports = reports.as_array().expect("a JSON array");
    assert!(!reports.is_empty());
    for report in reports {
        for field in [
            "id",
            "lesson",
            "sequential_s",
            "concurrent_s",
            "ideal_sequential_s",
            "ideal_concurrent_s",
            "speedup",
        ] {
            assert!(!report[field].is_null(), "{field} missing in {report}");
        }
    }
    let reads = reports
        .iter()
        .find(|report| report["id"] == "4.1.three_reads")
        .expect("the three-reads comparison");
    assert_eq!(reads["sequential_s"], 3.0);
    assert_eq!(reads["concurrent_s"], 1.0);
    assert_eq!(reads["speedup"], 3.0);
}

#[test]
fn lesson_4_1_prints_straight_through_in_virtual_time() {
    let output = xtask(&["lesson", "4.1", "--instant", "--no-pause"]);
    let text = stdout(&output);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        text.contains("sequential       3.00 s     3.00 s"),
        "{text}"
    );
    assert!(
        text.contains("concurrent       1.00 s     1.00 s"),
        "{text}"
    );
    assert!(!text.contains("{{#include"), "every include is expanded");
    assert!(
        !text.contains('\u{1b}'),
        "no colour codes when not on a terminal"
    );
    assert!(
        text.contains("pub async fn read_file"),
        "the demo source is shown"
    );
}

/// Runs `cargo xtask ARGS` with the progress file `progress`, kept between runs.
fn xtask_keeping(progress: &std::path::Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(args)
        .env("WORKBOOK_PROGRESS", progress)
        .env("CI", "true")
        .stdin(Stdio::null())
        .output()
        .expect("the xtask binary runs")
}

#[test]
fn hints_come_in_steps_that_are_remembered_and_listed() {
    let progress =
        std::env::temp_dir().join(format!("xtask-cli-hints-{}.json", std::process::id()));
    let _ = std::fs::remove_file(&progress);
    let mut shown = Vec::new();
    for _ in 0..4 {
        let output = xtask_keeping(&progress, &["hint", "ex01"]);
        assert!(output.status.success(), "{}", stderr(&output));
        shown.push(stdout(&output));
    }
    let list = stdout(&xtask_keeping(&progress, &["list"]));
    let saved: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&progress).unwrap_or_default())
            .unwrap_or(serde_json::Value::Null);
    let _ = std::fs::remove_file(&progress);

    // The first step: the idea and the section to re-read, not yet the API.
    assert!(shown[0].contains("Hint 1 of 3"), "{}", shown[0]);
    assert!(
        shown[0].contains("cargo xtask lesson 4.1 --section"),
        "{}",
        shown[0]
    );
    assert!(!shown[0].contains("join_all"), "{}", shown[0]);
    // Asking again gives the next step, remembered in the progress file.
    assert!(
        shown[1].contains("Hint 2 of 3") && !shown[1].contains("Hint 1 of 3"),
        "{}",
        shown[1]
    );
    assert!(shown[1].contains("join_all"), "{}", shown[1]);
    assert!(shown[2].contains("Hint 3 of 3"), "{}", shown[2]);
    // Then: no more, and all of them together.
    assert!(shown[3].contains("No more hints"), "{}", shown[3]);
    for step in ["Hint 1 of 3", "Hint 2 of 3", "Hint 3 of 3"] {
        assert!(shown[3].contains(step), "{}", shown[3]);
    }
    assert_eq!(saved["hints"]["ex01"], 3, "{saved}");
    let ex01 = list
        .lines()
        .find(|line| line.contains("ex01"))
        .unwrap_or("");
    assert!(ex01.contains("hints 3/3"), "{list}");
}

#[test]
fn a_lesson_opens_at_the_section_named_and_an_unknown_one_is_one_line() {
    let output = xtask(&[
        "lesson",
        "4.2",
        "--section",
        "gather",
        "--no-pause",
        "--instant",
    ]);
    let text = stdout(&output);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        text.trim_start()
            .starts_with("Gathering results: join!, join_all, JoinSet"),
        "{}",
        &text[..text.len().min(400)]
    );
    assert!(
        !text
            .lines()
            .any(|line| line == "Starting the runtime" || line == "Tasks: spawn now, await later"),
        "the sections before it are skipped"
    );

    let output = xtask(&["lesson", "4.2", "--section", "no such words"]);
    let message = stderr(&output);
    assert_eq!(output.status.code(), Some(2), "{message}");
    assert_eq!(message.trim().lines().count(), 1, "{message}");
    assert!(
        message.contains("Gathering results: join!, join_all, JoinSet"),
        "the sections are listed: {message}"
    );
}

#[test]
fn the_menu_opens_a_lesson_steps_and_quits_from_piped_input() {
    let (output, progress) = xtask_typing(&[], "2\n4.1\n\nq\nquit\n");
    let text = stdout(&output);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(text.contains("1  continue"), "the menu is shown: {text}");
    assert!(
        text.contains("Synchronous vs asynchronous"),
        "the lessons are listed: {text}"
    );
    assert!(
        text.contains("[1/10]") && text.contains("[2/10]"),
        "two sections shown: {text}"
    );
    assert!(
        !text.contains("[3/10]"),
        "q left the lesson after section 2: {text}"
    );
    assert!(text.contains("Bye"), "quit leaves the menu: {text}");
    assert_eq!(
        progress["lessons"]["4.1"]["position"], 1,
        "the position is remembered"
    );
}

#[test]
fn reopening_the_menu_resumes_where_the_learner_left_off() {
    // Reading two sections, then "continue" in a second session, in one progress file.
    let progress = std::env::temp_dir().join(format!("xtask-resume-{}.json", std::process::id()));
    let session = |typed: &str| {
        let mut child = Command::new(env!("CARGO_BIN_EXE_xtask"))
            .env("WORKBOOK_PROGRESS", &progress)
            .env("CI", "true")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(typed.as_bytes())
            .unwrap();
        String::from_utf8(child.wait_with_output().unwrap().stdout).unwrap()
    };
    session("lesson 4.1\n\nq\nquit\n");
    let second = session("continue\nq\nquit\n");
    let _ = std::fs::remove_file(&progress);
    assert!(
        second.contains("Resuming lesson 4.1 at section 2"),
        "{second}"
    );
    assert!(
        second.contains("[2/10]") && !second.contains("[1/10]"),
        "{second}"
    );
}

#[test]
fn a_quiz_taken_through_piped_answers_is_scored_saved_and_runs_its_predict_demos() {
    let answers = "b\n".repeat(40);
    let (output, progress) = xtask_typing(&["quiz", "4.2"], &answers);
    let text = stdout(&output);
    assert!(output.status.success(), "{}", stderr(&output));
    let quiz = &progress["quizzes"]["4.2"];
    let questions = quiz["questions"].as_u64().unwrap();
    let right = quiz["last"].as_u64().unwrap();
    assert!(questions >= 10, "{quiz}");
    assert!(
        text.contains(&format!("Score: {right}/{questions}")),
        "{text}"
    );
    assert!(
        text.contains("predict, then watch") && text.contains("▶ demo 4.2."),
        "a predict question shows code, then runs its demo after the answer:\n{text}"
    );
}

#[test]
fn the_solution_stays_hidden_until_passed_unless_confirmed() {
    let (refused, _) = xtask_typing(&["solution", "ex01"], "n\n");
    assert_eq!(refused.status.code(), Some(1));
    assert!(
        !stdout(&refused).contains("join_all"),
        "{}",
        stdout(&refused)
    );
    let (shown, _) = xtask_typing(&["solution", "ex01"], "y\n");
    assert!(shown.status.success());
    assert!(stdout(&shown).contains("join_all"), "{}", stdout(&shown));
}

/// Runs `cargo xtask ARGS` from the folder `dir`, with no input.
fn xtask_in(dir: &std::path::Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(args)
        .current_dir(dir)
        .env(
            "WORKBOOK_PROGRESS",
            std::env::temp_dir().join("xtask-cli-unused.json"),
        )
        .env("CI", "true")
        .stdin(Stdio::null())
        .output()
        .expect("the xtask binary runs")
}

/// The workbook's root: the folder above this crate.
fn workbook_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask/ sits in the workbook")
        .to_path_buf()
}

#[test]
fn the_workbook_is_found_from_any_folder_inside_it_and_not_outside() {
    // Cargo runs the alias from any folder of the workspace: the root is found at run
    // time from where the runner was started, not where it was compiled.
    let inside = xtask_in(&workbook_root().join("lessons"), &["list"]);
    assert!(inside.status.success(), "{}", stderr(&inside));
    assert!(stdout(&inside).contains("4.1"), "{}", stdout(&inside));

    let outside = std::env::temp_dir().join(format!("xtask-cli-outside-{}", std::process::id()));
    std::fs::create_dir_all(&outside).expect("a temporary folder");
    let lost = xtask_in(&outside, &["list"]);
    let _ = std::fs::remove_dir(&outside);
    let message = stderr(&lost);
    assert_eq!(lost.status.code(), Some(2), "{message}");
    assert_eq!(message.trim().lines().count(), 1, "{message}");
    assert!(
        message.contains("not inside the Async Rust Workbook"),
        "{message}"
    );
}

#[test]
fn a_crawl_must_start_from_an_http_or_https_url() {
    for (url, must_mention) in [
        ("ftp://example.com/", "http or https"),
        ("file:///etc/passwd", "http or https"),
        ("not a url", "not a URL"),
    ] {
        let output = xtask(&["crawl", url]);
        let message = stderr(&output);
        assert_eq!(output.status.code(), Some(2), "{url}: {message}");
        assert_eq!(message.trim().lines().count(), 1, "{url}: {message}");
        assert!(message.contains(must_mention), "{url}: {message}");
        assert!(
            !stdout(&output).contains("Crawling"),
            "{url}: no crawl starts"
        );
    }
}

#[test]
fn a_crawl_whose_start_page_cannot_be_fetched_fails_with_the_reason() {
    // Port 1 on loopback refuses connections: nothing is started, nothing is fetched.
    let out = std::env::temp_dir().join(format!("xtask-cli-refused-{}.jsonl", std::process::id()));
    let out_arg = out.to_string_lossy().into_owned();
    let output = xtask(&[
        "crawl",
        "http://127.0.0.1:1/",
        "--timeout",
        "1",
        "--out",
        &out_arg,
    ]);
    let written = std::fs::read_to_string(&out).unwrap_or_default();
    let _ = std::fs::remove_file(&out);
    let message = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{message}");
    assert!(
        message.contains("could not fetch the start page http://127.0.0.1:1/")
            && message.contains("could not connect"),
        "{message}"
    );
    assert!(
        written.contains("\"error\":\"connect\""),
        "the failed page is still written: {written}"
    );
}

/// A server started by a test, killed however the test ends.
struct Server(std::process::Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn site_serves_the_demo_site_on_the_port_it_prints() {
    use std::io::{BufRead, BufReader, Read};
    use std::time::Duration;

    let mut server = Server(
        Command::new(env!("CARGO_BIN_EXE_xtask"))
            .args(["site", "--port", "0", "--latency", "0"])
            .env("CI", "true")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("the xtask binary runs"),
    );
    let stdout = server.0.stdout.take().expect("piped stdout");
    let (sender, lines) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if sender.send(line).is_err() {
                break;
            }
        }
    });
    let announced = lines
        .recv_timeout(Duration::from_secs(60))
        .expect("the site prints its address");
    let address = announced
        .split("http://")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .unwrap_or_else(|| panic!("an http:// address in {announced:?}"))
        .to_string();

    let mut connection = std::net::TcpStream::connect(&address).expect("the site accepts");
    connection
        .set_read_timeout(Some(Duration::from_secs(10)))
        .expect("a read timeout");
    connection
        .write_all(b"GET / HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n")
        .expect("the request is sent");
    let mut response = String::new();
    connection
        .read_to_string(&mut response)
        .expect("the site answers");
    assert!(response.starts_with("HTTP/1.0 200"), "{response}");
    assert!(
        response.contains("Demo site") && response.contains("/page/0"),
        "{response}"
    );
    drop(server);
}

#[test]
fn a_reader_that_stops_early_ends_the_lesson_quietly() {
    use std::io::Read;
    let mut child = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(["lesson", "4.1", "--no-pause", "--instant"])
        .env(
            "WORKBOOK_PROGRESS",
            std::env::temp_dir().join("xtask-cli-pipe.json"),
        )
        .env("CI", "true")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the xtask binary runs");
    // Read the first bytes, then hang up, as `| head` does.
    let mut first = [0u8; 64];
    child
        .stdout
        .take()
        .expect("piped stdout")
        .read_exact(&mut first)
        .expect("the lesson prints");
    let output = child.wait_with_output().expect("the runner finishes");
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(!stderr(&output).contains("panicked"), "{}", stderr(&output));
}

#[test]
fn chat_relays_lines_and_ctrl_c_tells_every_client_before_it_exits() {
    use std::io::{BufRead, BufReader};
    use std::net::TcpStream;
    use std::time::Duration;

    /// A client as `nc` would be: lines in, lines out.
    struct Client {
        reader: BufReader<TcpStream>,
        writer: TcpStream,
    }
    impl Client {
        fn join(address: &str, name: &str) -> Client {
            let writer = TcpStream::connect(address).expect("the chat server accepts");
            writer
                .set_read_timeout(Some(Duration::from_secs(20)))
                .expect("a read timeout");
            let reader = BufReader::new(writer.try_clone().expect("a second handle"));
            let mut client = Client { reader, writer };
            assert_eq!(client.line(), "Welcome! What is your name?");
            client.say(name);
            client
        }
        fn say(&mut self, line: &str) {
            writeln!(self.writer, "{line}").expect("the line is sent");
        }
        fn line(&mut self) -> String {
            let mut line = String::new();
            self.reader
                .read_line(&mut line)
                .expect("the server answers");
            line.trim_end().to_string()
        }
    }

    if Command::new("kill").arg("-l").output().is_err() {
        return; // no `kill` program to send Ctrl-C's signal with: nothing to check here
    }
    let mut server = Server(
        Command::new(env!("CARGO_BIN_EXE_xtask"))
            .args(["chat", "--port", "0"])
            .env("CI", "true")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("the xtask binary runs"),
    );
    let mut stdout = BufReader::new(server.0.stdout.take().expect("piped stdout"));
    let mut announced = String::new();
    stdout
        .read_line(&mut announced)
        .expect("the server prints its address");
    let address = announced
        .trim()
        .strip_prefix("The chat server is listening on ")
        .unwrap_or_else(|| panic!("the address in {announced:?}"))
        .to_string();

    let mut ann = Client::join(&address, "ann");
    let mut ben = Client::join(&address, "ben");
    assert_eq!(ann.line(), "* ben joined");
    ann.say("hello ben");
    assert_eq!(ben.line(), "ann: hello ben");
    ben.say("hi ann");
    assert_eq!(ann.line(), "ben: hi ann");

    let pid = server.0.id().to_string();
    let sent = Command::new("kill").args(["-INT", &pid]).status();
    assert!(sent.is_ok_and(|status| status.success()), "kill -INT {pid}");
    assert_eq!(ann.line(), "* server shutting down");
    assert_eq!(ben.line(), "* server shutting down");
    assert_eq!(ann.line(), "", "the connection is closed after the notice");

    let status = server.0.wait().expect("the server exits");
    let mut rest = String::new();
    std::io::Read::read_to_string(&mut stdout, &mut rest).expect("the server's last lines");
    assert!(status.success(), "the server exited with {status}: {rest}");
    assert!(
        rest.contains("Stopped. 2 clients served") && rest.contains("0 tasks left"),
        "{rest}"
    );
}
