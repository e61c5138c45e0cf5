//! Demo markers: `<!-- demo: ID -->` becomes what the demo printed, timelines and all.
//!
//! The terminal runs a demo where its lesson says `<!-- demo: ID -->`. The book cannot run
//! anything, so it shows a recording instead: the demo is run once, now, on the virtual
//! clock (`harness::record_demo`), and its output is drawn as HTML, each timeline as an
//! SVG chart (`Recording::to_html`). The demo comes from the same registry the terminal
//! uses (`xtask::demos`), so the book shows what the code does today.

use anyhow::{Result, bail};
use harness::Demo;
use std::collections::HashMap;

/// The id in a `<!-- demo: ID -->` line, as the terminal reads it: the whole line, and
/// only outside code blocks (a lesson may show the marker in an example).
fn marker(line: &str) -> Option<&str> {
    let inner = line.trim().strip_prefix("<!--")?.strip_suffix("-->")?;
    Some(inner.trim().strip_prefix("demo:")?.trim())
}

/// Whether `line` opens or closes a fenced code block.
fn is_fence(line: &str) -> bool {
    let line = line.trim_start();
    line.starts_with("```") || line.starts_with("~~~")
}

/// Every demo id `markdown` refers to, in order.
pub fn ids(markdown: &str) -> Vec<&str> {
    let mut in_code = false;
    let mut ids = Vec::new();
    for line in markdown.lines() {
        if is_fence(line) {
            in_code = !in_code;
        } else if !in_code && let Some(id) = marker(line) {
            ids.push(id);
        }
    }
    ids
}

/// Records each demo named in `wanted` (`(where it is named, id)`) once, in order, and
/// returns each one's HTML by id. An id that is not in the registry fails with one line
/// naming it and where.
///
/// Demos are recorded one at a time: a demo that narrates a panic sets the process's
/// panic hook while it runs, so two at once could swallow each other's messages.
pub fn record_all(wanted: &[(String, String)]) -> Result<HashMap<String, String>> {
    let registry: HashMap<&str, Demo> = xtask::demos::all()
        .into_iter()
        .map(|demo| (demo.id, demo))
        .collect();
    let mut distinct: Vec<&str> = wanted.iter().map(|(_, id)| id.as_str()).collect();
    distinct.sort_unstable();
    distinct.dedup();
    let real_time = distinct
        .iter()
        .filter(|id| registry.get(*id).is_some_and(|demo| demo.real_time_only))
        .count();
    println!(
        "Recording {} demos ({real_time} of them need the real clock and take a few seconds)…",
        distinct.len()
    );
    let mut recorded = HashMap::new();
    for (place, id) in wanted {
        if recorded.contains_key(id) {
            continue;
        }
        let Some(demo) = registry.get(id.as_str()) else {
            bail!(
                "unknown demo `{id}` in {place}: no demo has that id in the registry \
                 (xtask/src/demos.rs)"
            );
        };
        let recording = harness::record_demo(demo)
            .map_err(|error| anyhow::anyhow!("demo `{id}` in {place}: {error}"))?;
        recorded.insert(id.clone(), recording.to_html());
    }
    Ok(recorded)
}

/// `markdown` with each demo marker replaced by that demo's HTML from `recorded`, as an
/// HTML block of its own (blank lines around it, so Markdown leaves it alone).
pub fn replace(markdown: &str, recorded: &HashMap<String, String>) -> String {
    let mut out = String::with_capacity(markdown.len());
    let mut in_code = false;
    for line in markdown.lines() {
        if is_fence(line) {
            in_code = !in_code;
        }
        match marker(line).filter(|_| !in_code) {
            Some(id) if recorded.contains_key(id) => {
                out.push('\n');
                out.push_str(recorded[id].trim());
                out.push_str("\n\n");
            }
            _ => {
                out.push_str(line);
                out.push('\n');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_markers_outside_code_blocks_only() {
        let markdown = "intro\n<!-- demo: 4.1.a -->\n```text\n<!-- demo: 4.1.shown -->\n```\n  <!--demo:4.1.b-->  \n<!-- ANCHOR: x -->\n";
        assert_eq!(ids(markdown), ["4.1.a", "4.1.b"]);
    }

    #[test]
    fn an_unknown_demo_fails_the_build_saying_which_and_where() {
        let wanted = [(
            "lessons/4.1-x.md".to_string(),
            "4.1.no_such_demo".to_string(),
        )];
        let error = record_all(&wanted).expect_err("an unknown id is an error");
        let message = format!("{error:#}");
        assert!(
            message.starts_with("unknown demo `4.1.no_such_demo` in lessons/4.1-x.md"),
            "{message}"
        );
        assert!(!message.contains('\n'), "one line: {message}");
    }

    #[test]
    fn replaces_a_marker_with_an_html_block() {
        let recorded = HashMap::from([("4.1.a".to_string(), "<div>A</div>".to_string())]);
        let out = replace("before\n<!-- demo: 4.1.a -->\nafter\n", &recorded);
        assert_eq!(out, "before\n\n<div>A</div>\n\nafter\n");
    }
}
