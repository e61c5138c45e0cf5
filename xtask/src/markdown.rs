//! Reading a lesson file: mdBook-style includes, demo markers, and sections.
//!
//! - `{{#include ../crates/x/src/y.rs:anchor}}` is replaced by the lines between
//!   `ANCHOR: anchor` and `ANCHOR_END: anchor` in that file (paths are relative to the
//!   lesson), so the code a lesson shows is always the code that runs.
//! - `<!-- demo: 4.1.three_reads -->` on a line of its own runs that demo in place.
//! - `## ` headings start sections; the runner pauses between them.

use std::path::Path;

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
pub fn parse(path: &Path) -> Result<ParsedLesson, LessonError> {
    let fail = |line: usize, problem: String| LessonError {
        file: path.display().to_string(),
        line,
        problem,
    };
    let text = std::fs::read_to_string(path).map_err(|error| fail(0, error.to_string()))?;
    let base = path.parent().unwrap_or(Path::new("."));

    let mut sections = vec![Section {
        heading: String::new(),
        blocks: Vec::new(),
    }];
    let mut in_code = false;
    for (index, line) in text.lines().enumerate() {
        let number = index + 1;
        let current = sections.last_mut().expect("there is always a section");
        if line.trim_start().starts_with("```") {
            in_code = !in_code;
        }
        if !in_code && let Some(heading) = line.strip_prefix("## ") {
            sections.push(Section {
                heading: heading.trim().to_string(),
                blocks: vec![Block::Text(format!("{line}\n"))],
            });
            continue;
        }
        if !in_code && let Some(heading) = line.strip_prefix("# ") {
            current.heading = heading.trim().to_string();
        }
        if let Some(id) = demo_marker(line) {
            current.blocks.push(Block::Demo(id.to_string()));
            continue;
        }
        let expanded = match include_directive(line) {
            Some((file, anchor)) => include(base, file, anchor).map_err(|e| fail(number, e))?,
            None => format!("{line}\n"),
        };
        match current.blocks.last_mut() {
            Some(Block::Text(text)) => text.push_str(&expanded),
            _ => current.blocks.push(Block::Text(expanded)),
        }
    }
    if in_code {
        return Err(fail(
            text.lines().count(),
            "a ``` code block is never closed".into(),
        ));
    }
    // A file that starts straight with a `## ` heading has an empty first section.
    sections.retain(|section| !section.blocks.is_empty());
    Ok(ParsedLesson { sections })
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
    fn headings_inside_code_blocks_do_not_split_sections() {
        let (_dir, path) =
            lesson_from(&[("lessons/4.9-test.md", "# T\n```\n## not a heading\n```\n")]);
        assert_eq!(parse(&path).unwrap().sections.len(), 1);
    }
}
