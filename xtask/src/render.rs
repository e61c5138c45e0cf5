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

/// Inline markup: `code` in yellow and **bold** in bold (markers dropped) when fancy.
fn inline(line: &str, fancy: bool) -> String {
    if !fancy {
        return line.to_string();
    }
    let mut out = String::new();
    let mut rest = line;
    while !rest.is_empty() {
        let code = rest.find('`');
        let bold = rest.find("**");
        match (code, bold) {
            (Some(at), b) if b.is_none_or(|b| at < b) => {
                let after = &rest[at + 1..];
                match after.find('`') {
                    Some(end) => {
                        out.push_str(&rest[..at]);
                        out.push_str(&style(&after[..end]).yellow().to_string());
                        rest = &after[end + 1..];
                    }
                    None => {
                        out.push_str(rest);
                        rest = "";
                    }
                }
            }
            (_, Some(at)) => {
                let after = &rest[at + 2..];
                match after.find("**") {
                    Some(end) => {
                        out.push_str(&rest[..at]);
                        out.push_str(&style(&after[..end]).bold().to_string());
                        rest = &after[end + 2..];
                    }
                    None => {
                        out.push_str(rest);
                        rest = "";
                    }
                }
            }
            _ => {
                out.push_str(rest);
                rest = "";
            }
        }
    }
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
        let out = inline("a `b` and **c** and `unclosed", true);
        assert!(!out.contains("**") && out.contains("`unclosed"), "{out:?}");
        assert!(out.contains('\u{1b}'), "styled: {out:?}");
    }
}
