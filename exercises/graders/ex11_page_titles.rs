//! Grader for exercise 11 — an async web crawler on a simulated web. Used unchanged by
//! `solutions/`.
//!
//! The simulated web counts the requests in flight, so the grader can tell whether a
//! request that ran out of time was really cancelled.

use crate::ex11_page_titles::{
    NOT_FOUND_DELAY, SimulatedWeb, TitleError, extract_title, fetch_title, fetch_titles,
};
use harness::format_secs;
use harness::grade::{about, on_paused_clock, require, require_seen, secs, timed};
use harness::picture::{Picture, span, timed_call};
use std::time::Duration;

const RUST: &str = "https://www.rust-lang.org";
const TOKIO: &str = "https://tokio.rs";
const BARE: &str = "https://bare.example";
const SLOW: &str = "https://slow.example";
const MISSING: &str = "https://missing.example";

/// The limit for one request in these checks.
const LIMIT: f64 = 3.0;

/// Rust 1 s, Tokio 0.5 s, a page without a title 2 s, a slow page 5 s; MISSING is absent.
fn web() -> SimulatedWeb {
    SimulatedWeb::new()
        .with_page(
            RUST,
            secs(1.0),
            "<html><head><title>Rust Programming Language</title></head><body>…</body></html>",
        )
        .with_page(
            TOKIO,
            secs(0.5),
            "<html><head>\n  <title>\n    Tokio - An asynchronous Rust runtime\n  </title>\n</head></html>",
        )
        .with_page(
            BARE,
            secs(2.0),
            "<html><body><h1>Under construction</h1></body></html>",
        )
        .with_page(
            SLOW,
            secs(5.0),
            "<html><head><title>Worth the wait?</title></head></html>",
        )
}

type Outcome = Result<String, TitleError>;

fn title(text: &str) -> Outcome {
    Ok(text.to_string())
}

/// What each URL should give with a 3 s limit, and when.
fn expected() -> Vec<(&'static str, Outcome, Duration)> {
    vec![
        (RUST, title("Rust Programming Language"), secs(1.0)),
        (BARE, Err(TitleError::NoTitle), secs(2.0)),
        (SLOW, Err(TitleError::TimedOut), secs(LIMIT)),
        (MISSING, Err(TitleError::NotFound), NOT_FOUND_DELAY),
        (
            TOKIO,
            title("Tokio - An asynchronous Rust runtime"),
            secs(0.5),
        ),
    ]
}

/// The picture of a failing fetch_titles check: the call as the grader timed it, above
/// the five requests at once, the slow one given up at the limit.
fn picture(took: Duration) -> Picture {
    let requests = expected()
        .into_iter()
        .map(|(url, _, when)| harness::Span {
            cancelled: url == SLOW,
            ..span(url, 0.0, when.as_secs_f64())
        })
        .collect();
    Picture::new()
        .spans(
            "your run, as the grader timed it",
            vec![span("fetch_titles", 0.0, took.as_secs_f64())],
        )
        .spans("expected: every page at once", requests)
}

#[test]
fn extract_title_finds_the_text_between_the_title_tags() {
    on_paused_clock(|| async {
        let cases: [(&str, Option<&str>); 9] = [
            (
                "<html><head><title>Rust</title></head></html>",
                Some("Rust"),
            ),
            ("<title>\n   Tokio   \n</title>", Some("Tokio")),
            ("<title>first</title><title>second</title>", Some("first")),
            ("<title>a < b</title>", Some("a < b")),
            ("<p>no title here</p>", None),
            ("<title>never closed", None),
            ("</title>backwards<title>", None),
            ("<p>oops</title></p><title>Real</title>", Some("Real")),
            ("<title>   </title>", None),
        ];
        for (html, want) in cases {
            let got = extract_title(html);
            let want = want.map(str::to_string);
            require(got == want, || {
                format!(
                    "extract_title({html:?}) returned {got:?}; expected {want:?}.{}",
                    if html.starts_with("<p>oops") {
                        " A stray </title> comes before the real title: look for the \
                         closing tag only after the opening one."
                    } else {
                        ""
                    }
                )
            });
        }
    });
}

#[test]
fn fetch_title_turns_every_outcome_into_a_title_or_a_title_error() {
    on_paused_clock(|| async {
        let web = web();
        for (url, want, when) in expected() {
            let (got, took) = timed(fetch_title(&web, url, secs(LIMIT))).await;
            require(got == want, || {
                format!(
                    "fetch_title({url:?}, limit {LIMIT} s) returned {got:?}; expected {want:?}."
                )
            });
            let seen = || timed_call(format!("fetch_title({url})"), took, when);
            require_seen(about(took, when), seen, || {
                format!(
                    "fetch_title({url:?}, limit {LIMIT} s) took {} of virtual time; it should \
                     take {}{}.",
                    format_secs(took),
                    format_secs(when),
                    if url == SLOW {
                        ": the page takes 5 s, so the request must be given up at the limit"
                    } else {
                        ""
                    }
                )
            });
            require(web.requests_in_flight() == 0, || {
                format!(
                    "after fetch_title({url:?}) returned, a request was still in flight: the \
                     request must be cancelled (dropped) when it runs out of time."
                )
            });
        }
    });
}

#[test]
fn fetch_titles_fetches_every_page_at_the_same_time() {
    on_paused_clock(|| async {
        let web = web();
        let urls: Vec<&str> = expected().iter().map(|&(url, _, _)| url).collect();
        let (_results, took) = timed(fetch_titles(&web, &urls, secs(LIMIT))).await;
        let one_after_another: Duration = expected().iter().map(|&(_, _, when)| when).sum();
        require_seen(
            took < one_after_another - secs(0.01),
            || picture(took),
            || {
                format!(
                    "fetch_titles of five pages took {} of virtual time: that is every request's \
                 time added up, so they ran one after another (sequentially). Run them all at \
                 the same time, and it takes {}: the slowest page is cut off at the limit.",
                    format_secs(took),
                    format_secs(secs(LIMIT))
                )
            },
        );
        require_seen(
            about(took, secs(LIMIT)),
            || picture(took),
            || {
                format!(
                    "fetch_titles of five pages took {} of virtual time; all at the same time, \
                 with the 5 s page cut off at the {LIMIT} s limit, it takes {}.",
                    format_secs(took),
                    format_secs(secs(LIMIT))
                )
            },
        );
        require(web.requests_in_flight() == 0, || {
            format!(
                "after fetch_titles returned, {} request(s) were still in flight: every \
                 request must be finished or cancelled by then.",
                web.requests_in_flight()
            )
        });
    });
}

#[test]
fn fetch_titles_gives_one_outcome_per_url_in_the_order_given() {
    on_paused_clock(|| async {
        let web = web();
        let urls: Vec<&str> = expected().iter().map(|&(url, _, _)| url).collect();
        let got = fetch_titles(&web, &urls, secs(LIMIT)).await;
        let want: Vec<(String, Outcome)> = expected()
            .into_iter()
            .map(|(url, outcome, _)| (url.to_string(), outcome))
            .collect();
        require(got.len() == want.len(), || {
            format!(
                "fetch_titles of {} URLs returned {} results: {got:?}. Expected one per URL, \
                 failures included.",
                want.len(),
                got.len()
            )
        });
        for ((got_url, got_outcome), (want_url, want_outcome)) in got.iter().zip(&want) {
            require(got_url == want_url, || {
                format!(
                    "fetch_titles returned a result for {got_url:?} where the one for \
                     {want_url:?} belongs: results come in the order of the URLs, each paired \
                     with its URL. All of them: {got:?}"
                )
            });
            require(got_outcome == want_outcome, || {
                format!(
                    "for {got_url:?} fetch_titles gave {got_outcome:?}; expected \
                     {want_outcome:?}.{}",
                    if *got_outcome == Err(TitleError::TimedOut) {
                        " Each request needs its own time limit, started with it — not one \
                         limit for the whole crawl."
                    } else {
                        ""
                    }
                )
            });
        }

        let (none, took) = timed(fetch_titles(&web, &[], secs(LIMIT))).await;
        let seen = || timed_call("fetch_titles of no URLs", took, secs(0.0));
        require_seen(none.is_empty() && took.is_zero(), seen, || {
            format!(
                "fetch_titles of no URLs returned {none:?} after {}; expected [] at once.",
                format_secs(took)
            )
        });
    });
}
