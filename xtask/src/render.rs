//! Printing lesson Markdown in a terminal: headings, code blocks, inline code, quotes.
//!
//! Deliberately small: lessons are written to read well as plain text, and this only
//! adds emphasis. With no colour (a pipe, a log file, `NO_COLOR`) the text is printed
//! nearly as written.

use console::style;

/// Renders Markdown `text` for the terminal; `fancy` adds colour and box characters.
pub fn markdown(text: &str, fancy: bool) -> String {
    let mut out = String::new();
    let mut in_code = false;
    for line in text.lines() {
        let trimmed = line.trim_start();
        if let Some(language) = trimmed.strip_prefix("```") {
            in_code = !in_code;
            if fancy {
                let edge = if in_code {
                    format!("  ┌─ {language}")
                } else {
                    "  └─".to_string()
                };
                out.push_str(&format!("{}\n", style(edge).dim()));
            }
            continue;
        }
        if in_code {
            if fancy {
                out.push_str(&format!("{}{line}\n", style("  │ ").dim()));
            } else {
                out.push_str(&format!("    {line}\n"));
            }
        } else if trimmed.starts_with("<!--") {
            // Comments are notes for authors (demo markers are handled before this).
        } else if let Some(title) = line.strip_prefix("# ") {
            let title = format!("{title}\n{}", "═".repeat(title.chars().count()));
            out.push_str(&format!("{}\n", emphasis(&title, fancy, Heading::Title)));
        } else if let Some(heading) = line.strip_prefix("## ") {
            out.push_str(&format!("{}\n", emphasis(heading, fancy, Heading::Section)));
        } else if let Some(heading) = line.strip_prefix("### ") {
            out.push_str(&format!("{}\n", emphasis(heading, fancy, Heading::Sub)));
        } else if let Some(quote) = line.strip_prefix("> ") {
            let bar = if fancy {
                style("  ▌ ").cyan().to_string()
            } else {
                "  > ".to_string()
            };
            out.push_str(&format!("{bar}{}\n", inline(quote, fancy)));
        } else {
            out.push_str(&format!("{}\n", inline(line, fancy)));
        }
    }
    out
}

enum Heading {
    Title,
    Section,
    Sub,
}

fn emphasis(text: &str, fancy: bool, level: Heading) -> String {
    if !fancy {
        return text.to_string();
    }
    match level {
        Heading::Title => style(text).bold().magenta().to_string(),
        Heading::Section => style(format!("▌{text}")).bold().cyan().to_string(),
        Heading::Sub => style(text).bold().to_string(),
    }
}

/// Paints the text between a pair of inline markers.
type Paint = fn(&str) -> String;

/// Inline markup, markers dropped when fancy: `code` in yellow, **bold**, *italic*.
fn inline(line: &str, fancy: bool) -> String {
    if !fancy {
        return line.to_string();
    }
    // Longest marker first: at the same position `**` must win over `*`.
    let markers: [(&str, Paint); 3] = [
        ("`", |text| style(text).yellow().to_string()),
        ("**", |text| style(text).bold().to_string()),
        ("*", |text| style(text).italic().to_string()),
    ];
    let mut out = String::new();
    let mut rest = line;
    loop {
        let next = markers
            .iter()
            .filter_map(|&(marker, paint)| rest.find(marker).map(|at| (at, marker, paint)))
            .min_by_key(|&(at, _, _)| at);
        let Some((at, marker, paint)) = next else {
            break;
        };
        let after = &rest[at + marker.len()..];
        let Some(end) = after.find(marker) else {
            break;
        };
        out.push_str(&rest[..at]);
        out.push_str(&paint(&after[..end]));
        rest = &after[end + marker.len()..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_output_keeps_the_text_and_indents_code() {
        let out = markdown(
            "## Head\nsome `code` here\n```rust\nlet x = 1;\n```\n<!-- note -->\n",
            false,
        );
        assert_eq!(out, "Head\nsome `code` here\n    let x = 1;\n");
    }

    #[test]
    fn fancy_inline_markup_drops_the_markers() {
        console::set_colors_enabled(true);
        let out = inline("a `b` and **c** and *d* and `unclosed", true);
        assert!(!out.contains('*') && out.contains("`unclosed"), "{out:?}");
        assert!(out.contains('\u{1b}'), "styled: {out:?}");
    }
}
