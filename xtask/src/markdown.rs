//! Reading a lesson file: mdBook-style includes, demo markers, and sections.
//!
//! - `{{#include ../crates/x/src/y.rs:anchor}}` is replaced by the lines between
//!   `ANCHOR: anchor` and `ANCHOR_END: anchor` in that file (paths are relative to the
//!   lesson), so the code a lesson shows is always the code that runs.
//! - `<!-- demo: 4.1.three_reads -->` on a line of its own runs that demo in place.
//! - `## ` headings start sections; the runner pauses between them.
//!
//! The Markdown itself is parsed by pulldown-cmark (the parser mdBook uses), so what
//! counts as a heading, a code block or a marker is what CommonMark says: a `## ` inside
//! a code block is code, a marker must be an HTML block of its own.

use std::ops::Range;
use std::path::Path;

use pulldown_cmark::{CodeBlockKind, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// A lesson, ready to render: its sections in order.
#[derive(Debug)]
pub struct ParsedLesson {
    /// The sections; the first holds the `# ` title and the introduction.
    pub sections: Vec<Section>,
}

/// The part of a lesson under one `## ` heading.
#[derive(Debug)]
pub struct Section {
    /// The heading text (the lesson title for the first section).
    pub heading: String,
    /// Text and demos, in order.
    pub blocks: Vec<Block>,
}

/// A piece of a section.
#[derive(Debug, PartialEq, Eq)]
pub enum Block {
    /// Markdown lines, includes already expanded.
    Text(String),
    /// A demo to run here, by id.
    Demo(String),
}

/// A lesson that cannot be read: where and why.
#[derive(Debug, thiserror::Error)]
#[error("{file}:{line}: {problem}")]
pub struct LessonError {
    /// The lesson file.
    pub file: String,
    /// The 1-based line of the problem.
    pub line: usize,
    /// What is wrong.
    pub problem: String,
}

/// Parses the lesson at `path`, expanding its includes.
///
/// Includes are expanded first, line by line, as mdBook's own preprocessor does; then the
/// Markdown is parsed by pulldown-cmark, and the text is cut at its top-level `## `
/// headings and at its demo markers. Each piece keeps its Markdown source, for
/// [`crate::render::markdown`] to print.
pub fn parse(path: &Path) -> Result<ParsedLesson, LessonError> {
    let fail = |line: usize, problem: String| LessonError {
        file: path.display().to_string(),
        line,
        problem,
    };
    let text = std::fs::read_to_string(path).map_err(|error| fail(0, error.to_string()))?;
    let base = path.parent().unwrap_or(Path::new("."));
    let expanded = expand(&text, base).map_err(|(line, problem)| fail(line, problem))?;
    let source = expanded.text.as_str();

    let mut sections = vec![Section {
        heading: String::new(),
        blocks: Vec::new(),
    }];
    // Where the text not yet given to a block starts.
    let mut rest = 0;
    // How deep in containers (lists, quotes, tables…) the parser is.
    let mut depth = 0usize;
    // The HTML block being read: where it is, and its text so far.
    let mut html: Option<(Range<usize>, String)> = None;
    for (event, range) in Parser::new_ext(source, options()).into_offset_iter() {
        match &event {
            Event::Start(Tag::Heading { level, .. }) if depth == 0 => {
                let heading = heading_text(&source[range.clone()]);
                let current = sections.last_mut().expect("there is always a section");
                match *level {
                    HeadingLevel::H1 => current.heading = heading,
                    HeadingLevel::H2 => {
                        push_text(current, &source[rest..range.start]);
                        rest = range.start;
                        sections.push(Section {
                            heading,
                            blocks: Vec::new(),
                        });
                    }
                    _ => {}
                }
            }
            Event::Start(Tag::HtmlBlock) => html = Some((range, String::new())),
            Event::Html(text) => {
                if let Some((_, html)) = &mut html {
                    html.push_str(text);
                }
            }
            Event::End(TagEnd::HtmlBlock) => {
                if let Some((block, html)) = html.take()
                    && let Some(id) = demo_marker(&html)
                {
                    let current = sections.last_mut().expect("there is always a section");
                    push_text(current, &source[rest..block.start]);
                    current.blocks.push(Block::Demo(id.to_string()));
                    rest = block.end;
                }
            }
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(_)))
                if !is_closed_fence(&source[range.clone()]) =>
            {
                return Err(fail(
                    expanded.line_at(range.start),
                    "this ``` code block is never closed".into(),
                ));
            }
            _ => {}
        }
        match event {
            Event::Start(_) => depth += 1,
            Event::End(_) => depth -= 1,
            _ => {}
        }
    }
    let current = sections.last_mut().expect("there is always a section");
    push_text(current, &source[rest..]);
    // A file that starts straight with a `## ` heading has an empty first section.
    sections.retain(|section| !section.blocks.is_empty());
    Ok(ParsedLesson { sections })
}

/// The Markdown extensions the workbook uses (tables, ~~strikethrough~~), for every
/// parse of lesson text: finding sections here, and printing in [`crate::render`].
pub fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH
}

/// Adds `text` to the section: to its last text block, or as a new one.
fn push_text(section: &mut Section, text: &str) {
    if text.is_empty() {
        return;
    }
    match section.blocks.last_mut() {
        Some(Block::Text(last)) => last.push_str(text),
        _ => section.blocks.push(Block::Text(text.to_string())),
    }
}

/// The text of a heading as written: `## Timeouts: wait_for` gives `Timeouts: wait_for`.
fn heading_text(source: &str) -> String {
    let line = source.lines().next().unwrap_or("").trim();
    let text = line.trim_start_matches('#');
    // An ATX heading may end with a closing run of `#`s after a space.
    let text = match text.trim_end().trim_end_matches('#') {
        open if open.ends_with([' ', '\t']) => open,
        _ => text,
    };
    text.trim().to_string()
}

/// Whether a fenced code block's source ends with a closing fence. (CommonMark lets a
/// block run to the end of the document, or of the list item holding it; in a lesson
/// that is always a mistake.)
fn is_closed_fence(block: &str) -> bool {
    let unquoted = |line: &str| {
        line.trim_start_matches([' ', '\t', '>'])
            .trim_end()
            .to_string()
    };
    let mut lines = block.trim_end().lines().map(unquoted);
    let open = lines.next().unwrap_or_default();
    let fence_char = if open.starts_with('~') { '~' } else { '`' };
    let fence_len = open.chars().take_while(|&c| c == fence_char).count();
    lines.next_back().is_some_and(|close| {
        close.chars().all(|c| c == fence_char) && close.chars().count() >= fence_len
    })
}

/// A lesson's text with its includes expanded, and where each piece came from.
struct Expanded {
    /// The Markdown, includes replaced by the code they name.
    text: String,
    /// `(offset in text, line in the lesson)` for the start of every lesson line.
    origins: Vec<(usize, usize)>,
}

impl Expanded {
    /// The 1-based lesson line that produced the byte at `offset` of the text.
    fn line_at(&self, offset: usize) -> usize {
        let after = self.origins.partition_point(|&(start, _)| start <= offset);
        self.origins
            .get(after.saturating_sub(1))
            .map_or(0, |&(_, line)| line)
    }
}

/// Replaces every `{{#include}}` line of `text` by what it names (relative to `base`).
/// An include indented (inside a list item) has every line of its code indented the
/// same, so the code stays in the item. Errors carry the 1-based lesson line.
fn expand(text: &str, base: &Path) -> Result<Expanded, (usize, String)> {
    let mut expanded = Expanded {
        text: String::with_capacity(text.len()),
        origins: Vec::new(),
    };
    for (index, line) in text.lines().enumerate() {
        let number = index + 1;
        expanded.origins.push((expanded.text.len(), number));
        match include_directive(line) {
            Some((file, anchor)) => {
                let code = include(base, file, anchor).map_err(|problem| (number, problem))?;
                let indent = &line[..line.len() - line.trim_start().len()];
                for code_line in code.lines() {
                    if !code_line.is_empty() {
                        expanded.text.push_str(indent);
                    }
                    expanded.text.push_str(code_line);
                    expanded.text.push('\n');
                }
            }
            None => {
                expanded.text.push_str(line);
                expanded.text.push('\n');
            }
        }
    }
    Ok(expanded)
}

/// The demo id in `<!-- demo: ID -->`, if the line is such a marker.
fn demo_marker(line: &str) -> Option<&str> {
    let inner = line.trim().strip_prefix("<!--")?.strip_suffix("-->")?;
    Some(inner.trim().strip_prefix("demo:")?.trim())
}

/// `(file, anchor)` from `{{#include file:anchor}}` (the anchor is optional).
fn include_directive(line: &str) -> Option<(&str, Option<&str>)> {
    let inner = line
        .trim()
        .strip_prefix("{{#include")?
        .strip_suffix("}}")?
        .trim();
    Some(match inner.rsplit_once(':') {
        Some((file, anchor)) => (file, Some(anchor)),
        None => (inner, None),
    })
}

/// The code a quiz shows: `spec` is `file:anchor` as in an `{{#include}}` (relative to
/// `lessons/`), and the result is that anchor's lines, dedented.
pub fn snippet(spec: &str) -> Result<String, String> {
    let (file, anchor) = spec
        .trim()
        .rsplit_once(':')
        .ok_or_else(|| format!("{spec:?} is not `file:anchor`"))?;
    include(&crate::workspace::lessons_dir(), file, Some(anchor))
}

/// The text of `file` (relative to `base`), or only its `anchor` part, dedented.
fn include(base: &Path, file: &str, anchor: Option<&str>) -> Result<String, String> {
    let path = base.join(file);
    let source = std::fs::read_to_string(&path)
        .map_err(|error| format!("cannot include {file}: {error}"))?;
    let lines: Vec<&str> = match anchor {
        None => source.lines().collect(),
        Some(anchor) => {
            let start = format!("ANCHOR: {anchor}");
            let end = format!("ANCHOR_END: {anchor}");
            let is = |line: &str, marker: &str| anchor_marker(line) == Some(marker);
            let mut lines = source.lines().skip_while(|line| !is(line, &start));
            if lines.next().is_none() {
                return Err(format!("{file} has no `// ANCHOR: {anchor}`"));
            }
            let body: Vec<&str> = lines.by_ref().take_while(|line| !is(line, &end)).collect();
            if !source.lines().any(|line| is(line, &end)) {
                return Err(format!("{file} has no `// ANCHOR_END: {anchor}`"));
            }
            body
        }
    };
    // Other anchors nested inside are markers for other lessons, not code to show.
    let code: Vec<&str> = lines
        .into_iter()
        .filter(|line| !anchor_marker(line).is_some_and(|marker| marker.starts_with("ANCHOR")))
        .collect();
    let indent = code
        .iter()
        .filter(|line| !line.trim().is_empty())
        .map(|line| line.len() - line.trim_start().len())
        .min()
        .unwrap_or(0);
    Ok(code
        .iter()
        .map(|line| format!("{}\n", line.get(indent..).unwrap_or("").trim_end()))
        .collect())
}

/// The text of an anchor comment: `// ANCHOR: x` in code, `<!-- ANCHOR: x -->` in Markdown.
fn anchor_marker(line: &str) -> Option<&str> {
    let line = line.trim();
    let text = match line.strip_prefix("//") {
        Some(rest) => rest,
        None => line.strip_prefix("<!--")?.strip_suffix("-->")?,
    };
    Some(text.trim())
}

/// Every demo id a lesson refers to, in order.
pub fn demo_ids(lesson: &ParsedLesson) -> Vec<&str> {
    lesson
        .sections
        .iter()
        .flat_map(|section| &section.blocks)
        .filter_map(|block| match block {
            Block::Demo(id) => Some(id.as_str()),
            Block::Text(_) => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lesson_from(files: &[(&str, &str)]) -> (tempdir::Dir, std::path::PathBuf) {
        let dir = tempdir::Dir::new();
        for (name, text) in files {
            let path = dir.path().join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        let lesson = dir.path().join("lessons/4.9-test.md");
        (dir, lesson)
    }

    /// A throwaway directory for one test, removed when dropped.
    mod tempdir {
        pub struct Dir(std::path::PathBuf);
        impl Dir {
            pub fn new() -> Self {
                use std::sync::atomic::{AtomicU32, Ordering};
                static NEXT: AtomicU32 = AtomicU32::new(0);
                let n = NEXT.fetch_add(1, Ordering::Relaxed);
                let path =
                    std::env::temp_dir().join(format!("xtask-md-{}-{n}", std::process::id()));
                std::fs::create_dir_all(&path).unwrap();
                Dir(path)
            }
            pub fn path(&self) -> &std::path::Path {
                &self.0
            }
        }
        impl Drop for Dir {
            fn drop(&mut self) {
                let _ = std::fs::remove_dir_all(&self.0);
            }
        }
    }

    const SOURCE: &str = "fn hidden() {}\n// ANCHOR: shown\nfn outer() {\n    // ANCHOR: inner\n    let x = 1;\n    // ANCHOR_END: inner\n}\n// ANCHOR_END: shown\n";

    #[test]
    fn splits_sections_expands_includes_and_finds_demos() {
        let lesson_text = "# Title\nintro\n## First\n```rust\n{{#include ../src/a.rs:shown}}\n```\n<!-- demo: 4.9.x -->\n## Second\n```rust\n{{#include ../src/a.rs:inner}}\n```\n";
        let (_dir, path) =
            lesson_from(&[("lessons/4.9-test.md", lesson_text), ("src/a.rs", SOURCE)]);
        let lesson = parse(&path).unwrap();
        let headings: Vec<&str> = lesson.sections.iter().map(|s| s.heading.as_str()).collect();
        assert_eq!(headings, ["Title", "First", "Second"]);
        let Block::Text(first) = &lesson.sections[1].blocks[0] else {
            panic!()
        };
        assert!(
            first.contains("fn outer() {\n    let x = 1;\n}\n"),
            "{first}"
        );
        assert!(
            !first.contains("hidden") && !first.contains("ANCHOR"),
            "{first}"
        );
        assert_eq!(lesson.sections[1].blocks[1], Block::Demo("4.9.x".into()));
        let Block::Text(second) = &lesson.sections[2].blocks[0] else {
            panic!()
        };
        assert!(
            second.contains("```rust\nlet x = 1;\n```"),
            "dedented: {second}"
        );
        assert_eq!(demo_ids(&lesson), ["4.9.x"]);
    }

    #[test]
    fn a_missing_anchor_names_the_lesson_line() {
        let (_dir, path) = lesson_from(&[
            (
                "lessons/4.9-test.md",
                "# T\n\n{{#include ../src/a.rs:nope}}\n",
            ),
            ("src/a.rs", SOURCE),
        ]);
        let error = parse(&path).unwrap_err();
        assert_eq!(error.line, 3);
        assert!(error.problem.contains("ANCHOR: nope"), "{error}");
    }

    #[test]
    fn markdown_files_can_be_included_by_anchor_too() {
        let (_dir, path) = lesson_from(&[
            ("lessons/4.9-test.md", "# T\n{{#include table.md:rows}}\n"),
            (
                "lessons/table.md",
                "intro\n<!-- ANCHOR: rows -->\n| a |\n<!-- ANCHOR_END: rows -->\n",
            ),
        ]);
        let lesson = parse(&path).unwrap();
        let Block::Text(text) = &lesson.sections[0].blocks[0] else {
            panic!()
        };
        assert_eq!(text, "# T\n| a |\n");
    }

    #[test]
    fn a_missing_file_is_an_error_not_a_panic() {
        let (_dir, path) = lesson_from(&[("lessons/4.9-test.md", "{{#include ../src/gone.rs}}\n")]);
        assert!(parse(&path).unwrap_err().problem.contains("cannot include"));
    }

    #[test]
    fn an_include_indented_in_a_list_item_stays_in_the_item() {
        let (_dir, path) = lesson_from(&[
            (
                "lessons/4.9-test.md",
                "# T\n\n- item:\n\n  ```rust\n  {{#include ../src/a.rs:shown}}\n  ```\n- next\n",
            ),
            ("src/a.rs", SOURCE),
        ]);
        let lesson = parse(&path).unwrap();
        let Block::Text(text) = &lesson.sections[0].blocks[0] else {
            panic!()
        };
        assert!(
            text.contains("  ```rust\n  fn outer() {\n      let x = 1;\n  }\n  ```\n"),
            "{text}"
        );
    }

    #[test]
    fn an_unclosed_code_block_names_the_line_that_opens_it() {
        let (_dir, path) = lesson_from(&[(
            "lessons/4.9-test.md",
            "# T\n\n```rust\nlet x = 1;\n```\n\n```rust\nlet y = 2;\n",
        )]);
        let error = parse(&path).unwrap_err();
        assert_eq!(error.line, 7, "{error}");
        assert!(error.problem.contains("never closed"), "{error}");
    }

    #[test]
    fn a_marker_ends_a_paragraph_and_only_top_level_h2_start_sections() {
        let (_dir, path) = lesson_from(&[(
            "lessons/4.9-test.md",
            "# T #\ntext\n<!-- demo: 4.9.a -->\nafter\n> ## quoted\n## Two ##\n",
        )]);
        let lesson = parse(&path).unwrap();
        let headings: Vec<&str> = lesson.sections.iter().map(|s| s.heading.as_str()).collect();
        assert_eq!(headings, ["T", "Two"]);
        assert_eq!(
            lesson.sections[0].blocks,
            [
                Block::Text("# T #\ntext\n".into()),
                Block::Demo("4.9.a".into()),
                Block::Text("after\n> ## quoted\n".into()),
            ]
        );
    }

    #[test]
    fn headings_inside_code_blocks_do_not_split_sections() {
        let (_dir, path) =
            lesson_from(&[("lessons/4.9-test.md", "# T\n```\n## not a heading\n```\n")]);
        assert_eq!(parse(&path).unwrap().sections.len(), 1);
    }
}
