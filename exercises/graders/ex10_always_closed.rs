//! Grader for exercise 10 — a resource that is always closed. Used unchanged by
//! `solutions/`.

use crate::ex10_always_closed::{CLOSE_TIME, Connection, Log, with_connection};
use harness::format_secs;
use harness::grade::{about, on_paused_clock, require, require_seen, secs, timed};
use harness::picture::timed_call;
use tokio::time::{sleep, timeout};

fn entries(log: &Log) -> Vec<String> {
    log.lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .clone()
}

fn times_closed(entries: &[String]) -> usize {
    entries.iter().filter(|entry| *entry == "closed").count()
}

#[test]
fn the_body_gets_an_open_connection_which_is_closed_afterwards() {
    on_paused_clock(|| async {
        let log = Log::default();
        let body = async |connection: &Connection| {
            connection.send("hello").await;
            connection.send("world").await;
            Ok::<u32, String>(42)
        };
        let (result, took) = timed(with_connection(log.clone(), body)).await;
        let seen = entries(&log);
        let expected = ["opened", "sent hello", "sent world", "closed"];
        require(times_closed(&seen) > 0, || {
            format!(
                "with_connection returned and the log holds {seen:?}: the connection had \
                 not been closed. Await `close` after the body is done and before returning."
            )
        });
        require(seen == expected, || {
            format!(
                "with a body sending \"hello\" and \"world\", the log holds {seen:?}; expected \
                 {expected:?}: open, then the body, then close — once."
            )
        });
        require(result == Ok(42), || {
            format!(
                "the body returned Ok(42), but with_connection returned {result:?}; it must \
                 return what the body returned."
            )
        });
        let drawn = || timed_call("with_connection (two sends)", took, secs(3.5));
        require_seen(about(took, secs(3.5)), drawn, || {
            format!(
                "with_connection took {} of virtual time; opening (1 s), the body's two sends \
                 (2 s) and closing (0.5 s) take 3.50 s one after another.",
                format_secs(took)
            )
        });
    });
}

#[test]
fn the_connection_is_closed_even_when_the_body_fails() {
    on_paused_clock(|| async {
        let log = Log::default();
        let body = async |connection: &Connection| {
            connection.send("a").await;
            Err::<u32, String>("lost the plot".to_string())
        };
        let (result, took) = timed(with_connection(log.clone(), body)).await;
        let seen = entries(&log);
        require(times_closed(&seen) > 0, || {
            format!(
                "the body failed after sending \"a\", and when with_connection returned the \
                 log held {seen:?}: the connection had not been closed. Did a `?` (or an early \
                 return) leave before the close? Keep the body's result, close, then return \
                 the result."
            )
        });
        let expected = ["opened", "sent a", "closed"];
        require(seen == expected, || {
            format!(
                "the body failed after sending \"a\"; the log holds {seen:?}, expected \
                 {expected:?}."
            )
        });
        require(result == Err("lost the plot".to_string()), || {
            format!(
                "the body failed with \"lost the plot\", but with_connection returned \
                 {result:?}; it must pass the body's error on, after closing."
            )
        });
        let drawn = || timed_call("with_connection (a failing send)", took, secs(2.5));
        require_seen(about(took, secs(2.5)), drawn, || {
            format!(
                "with_connection took {} of virtual time; opening (1 s), one send (1 s) and \
                 closing (0.5 s) take 2.50 s.",
                format_secs(took)
            )
        });
    });
}

#[test]
fn with_connection_returns_whatever_the_body_returns() {
    on_paused_clock(|| async {
        let log = Log::default();
        let body = async |_connection: &Connection| Ok::<String, ()>("nothing to say".to_string());
        let (result, took) = timed(with_connection(log.clone(), body)).await;
        let seen = entries(&log);
        require(result == Ok("nothing to say".to_string()), || {
            format!(
                "the body returned Ok(\"nothing to say\"), but with_connection returned \
                 {result:?}."
            )
        });
        require(seen == ["opened", "closed"], || {
            format!(
                "with a body that sends nothing the log holds {seen:?}; expected \
                 [\"opened\", \"closed\"]: closed exactly once, before with_connection returns."
            )
        });
        let drawn = || timed_call("with_connection (no sends)", took, secs(1.5));
        require_seen(about(took, secs(1.5)), drawn, || {
            format!(
                "with a body that does nothing, with_connection took {} of virtual time; \
                 opening (1 s) and closing (0.5 s) take 1.50 s.",
                format_secs(took)
            )
        });
    });
}

#[test]
fn the_connection_is_closed_even_when_with_connection_is_cancelled() {
    on_paused_clock(|| async {
        let log = Log::default();
        let body = async |connection: &Connection| {
            for message in ["a", "b", "c", "d"] {
                connection.send(message).await;
            }
            Ok::<u32, String>(4)
        };
        // Opening takes 1 s and each send 1 s: at 2.5 s the body is in its second send.
        let outcome = timeout(secs(2.5), with_connection(log.clone(), body)).await;
        require(outcome.is_err(), || {
            format!(
                "with_connection, with a body sending four messages (1 s each), finished \
                 within 2.50 s and returned {outcome:?}; it should still have been busy."
            )
        });
        // A close started when the future was dropped gets all the time it needs.
        sleep(CLOSE_TIME * 4).await;
        let seen = entries(&log);
        require(times_closed(&seen) > 0, || {
            format!(
                "a timeout dropped the with_connection future at 2.50 s, in the middle of the \
                 body; afterwards the log holds {seen:?}: the connection was never closed. A \
                 dropped future never runs the code after its current `.await` — only `Drop` \
                 runs. Keep the open connection in a guard whose `Drop` spawns the close \
                 (`tokio::spawn(connection.close())`), and take it out of the guard to close \
                 it yourself on the normal path."
            )
        });
        let expected = ["opened", "sent a", "closed"];
        require(seen == expected, || {
            format!(
                "a timeout dropped the with_connection future at 2.50 s, during the second \
                 send; afterwards the log holds {seen:?}, expected {expected:?}: closed once."
            )
        });
    });
}
