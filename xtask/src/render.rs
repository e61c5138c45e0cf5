//! Printing lesson Markdown in a terminal: headings, code blocks, inline code, quotes.
//!
//! Deliberately small: lessons are written to read well as plain text, and this only
//! adds emphasis. With no colour (a pipe, a log file, `NO_COLOR`) the text is printed
//! nearly as written.

use console::style;

/// Renders Markdown `text` for the terminal; `fancy` adds colour and box characters.
pub fn markdown(text: &str, fancy: bool) -> String {
    let width = console::Term::stdout()
        .size_checked()
        .map_or(100, |(_rows, columns)| usize::from(columns));
    markdown_at(text, fancy, width)
}

/// [`markdown`] for a terminal `width` columns wide.
fn markdown_at(text: &str, fancy: bool, width: usize) -> String {
    let mut out = String::new();
    let mut in_code = false;
    let mut table: Vec<&str> = Vec::new();
    for line in text.lines() {
        let trimmed = line.trim_start();
        if !in_code && trimmed.starts_with('|') {
            table.push(trimmed);
            continue;
        }
        if !table.is_empty() {
            out.push_str(&render_table(&table, fancy, width));
            table.clear();
        }
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
    if !table.is_empty() {
        out.push_str(&render_table(&table, fancy, width));
    }
    out
}

/// A Markdown table: aligned columns when it fits in `width`, otherwise one stanza per
/// row (the first cell as its title, then `header: cell` lines) so nothing wraps badly.
fn render_table(lines: &[&str], fancy: bool, width: usize) -> String {
    let rows: Vec<Vec<String>> = lines
        .iter()
        .filter(|line| !line.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ')))
        .map(|line| {
            line.trim()
                .trim_matches('|')
                .split(" | ")
                .map(|cell| inline(cell.trim().trim_matches('|').trim(), fancy))
                .collect()
        })
        .collect();
    let Some((header, body)) = rows.split_first() else {
        return String::new();
    };
    let columns = header.len();
    let widths: Vec<usize> = (0..columns)
        .map(|column| {
            rows.iter()
                .filter_map(|row| row.get(column))
                .map(|cell| console::measure_text_width(cell))
                .max()
                .unwrap_or(0)
        })
        .collect();
    let separator = if fancy { " │ " } else { " | " };
    let total = 2 + widths.iter().sum::<usize>() + separator.len() * columns.saturating_sub(1);
    let mut out = String::new();
    if total <= width {
        let line = |row: &[String]| {
            let cells: Vec<String> = (0..columns)
                .map(|column| {
                    let cell = row.get(column).map_or("", String::as_str);
                    console::pad_str(cell, widths[column], console::Alignment::Left, None)
                        .into_owned()
                })
                .collect();
            format!("  {}\n", cells.join(separator).trim_end())
        };
        let title = line(header);
        out.push_str(&if fancy {
            style(title).bold().to_string()
        } else {
            title
        });
        let rule = if fancy { "─" } else { "-" };
        out.push_str(&format!("  {}\n", rule.repeat(total - 2)));
        for row in body {
            out.push_str(&line(row));
        }
    } else {
        for row in body {
            let title = row.first().map_or("", String::as_str);
            out.push_str(&format!("  {}\n", emphasis(title, fancy, Heading::Sub)));
            for (name, cell) in header.iter().zip(row).skip(1) {
                let name = if fancy {
                    style(name).dim().to_string()
                } else {
                    name.clone()
                };
                out.push_str(&format!("      {name}: {cell}\n"));
            }
            out.push('\n');
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
    fn tables_align_when_they_fit_and_become_stanzas_when_they_do_not() {
        let table = "| a | bb |\n|---|---|\n| ccc | d |\n";
        assert_eq!(
            markdown_at(table, false, 80),
            "  a   | bb\n  --------\n  ccc | d\n"
        );
        assert_eq!(markdown_at(table, false, 5), "  ccc\n      bb: d\n\n");
    }

    #[test]
    fn fancy_inline_markup_drops_the_markers() {
        console::set_colors_enabled(true);
        let out = inline("a `b` and **c** and *d* and `unclosed", true);
        assert!(!out.contains('*') && out.contains("`unclosed"), "{out:?}");
        assert!(out.contains('\u{1b}'), "styled: {out:?}");
    }
}
