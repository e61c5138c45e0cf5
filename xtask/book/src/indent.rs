//! Includes inside list items: `  {{#include file:anchor}}` indented like its list item.
//!
//! mdBook's `links` preprocessor puts the included text where the `{{#include}}` was, as
//! it is: its first line follows the indentation written before the directive, the others
//! start at column 0. Inside a list item that ends the item, and the rest of the code
//! spills out of its fence as paragraphs. The terminal indents every line; so does the
//! book, in two steps around `links`:
//! - [`Mark`] (before `links`) takes an indented directive out of its indentation and
//!   puts it between two marker lines that remember it;
//! - [`restore`] (after `links`, in the workbook preprocessor) indents every line between
//!   the markers by that much and drops the markers.

use anyhow::Result;
use mdbook_preprocessor::book::Book;
use mdbook_preprocessor::{Preprocessor, PreprocessorContext};

const START: &str = "<!-- workbook-indent: ";
const END: &str = "<!-- workbook-indent-end -->";

/// The step before `links`: marks each indented `{{#include}}` line.
pub struct Mark;

impl Preprocessor for Mark {
    fn name(&self) -> &str {
        "workbook-indent"
    }

    fn run(&self, _ctx: &PreprocessorContext, mut book: Book) -> Result<Book> {
        book.for_each_chapter_mut(|chapter| chapter.content = mark(&chapter.content));
        Ok(book)
    }
}

/// `markdown` with every indented include directive put between indentation markers.
fn mark(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    for line in markdown.lines() {
        let directive = line.trim_start();
        let indent = line.len() - directive.len();
        if indent > 0 && directive.starts_with("{{#include") {
            out.push_str(&format!("{START}{indent} -->\n{directive}\n{END}\n"));
        } else {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

/// `markdown` with the lines between indentation markers indented, and the markers gone.
pub fn restore(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    let mut indent: Option<usize> = None;
    for line in markdown.lines() {
        if let Some(width) = line
            .strip_prefix(START)
            .and_then(|rest| rest.strip_suffix(" -->"))
            .and_then(|width| width.trim().parse().ok())
        {
            indent = Some(width);
            continue;
        }
        if line == END {
            indent = None;
            continue;
        }
        if let Some(width) = indent.filter(|_| !line.trim().is_empty()) {
            out.push_str(&" ".repeat(width));
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_indented_include_comes_out_indented() {
        let lesson = "- item:\n\n  ```rust\n  {{#include a.rs:x}}\n  ```\n";
        let marked = mark(lesson);
        assert!(marked.contains("\n{{#include a.rs:x}}\n"));
        // What `links` would make of it.
        let included = marked.replace("{{#include a.rs:x}}", "fn f() {\n\n    g();\n}");
        assert_eq!(
            restore(&included),
            "- item:\n\n  ```rust\n  fn f() {\n\n      g();\n  }\n  ```\n"
        );
    }

    #[test]
    fn other_lines_are_left_alone() {
        let lesson = "```rust\n{{#include a.rs:x}}\n```\n    indented text\n";
        assert_eq!(mark(lesson), lesson);
        assert_eq!(restore(lesson), lesson);
    }
}
