//! Printing lesson Markdown in a terminal: headings, paragraphs, lists, links, tables,
//! code blocks and quotes.
//!
//! The Markdown is parsed by pulldown-cmark (the parser mdBook uses) into a small tree
//! of blocks, which is then laid out line by line. Lessons are written to read well as
//! plain text, so the layout keeps the author's line breaks while they fit the terminal
//! and rewraps a paragraph only when they do not (to the lessons' own 88 columns, or
//! the terminal's width if narrower). With colour (`fancy`), emphasis, headings and
//! code are styled and the markers dropped. With no colour (a pipe, a log file,
//! `NO_COLOR`) the text is clean: no `**` or `*` around emphasis, code keeps its
//! backticks (so `join!` still reads as code), a link prints as `text (url)`.

use console::{Style, style};
use pulldown_cmark::{
    Alignment, CodeBlockKind, Event, HeadingLevel, OffsetIter, Parser, Tag, TagEnd,
};

/// The longest line the lessons are written with: a paragraph that must be rewrapped is
/// rewrapped to this (or to the terminal, if narrower), to read like the others.
const TEXT_WIDTH: usize = 88;

/// Renders Markdown `text` for the terminal; `fancy` adds colour and box characters.
pub fn markdown(text: &str, fancy: bool) -> String {
    let width = console::Term::stdout()
        .size_checked()
        .map_or(100, |(_rows, columns)| usize::from(columns));
    markdown_at(text, fancy, width)
}

/// One line of inline Markdown (a quiz's question or choice): code, emphasis and links
/// rendered as in [`markdown`], painted over `base` when `fancy`, never wrapped.
pub fn inline(text: &str, fancy: bool, base: &Style) -> String {
    let pieces = match parse(text.trim()).as_slice() {
        [Block::Paragraph(pieces)] => pieces.clone(),
        // Text that Markdown reads as a list, a heading… (`- 1`, `# of tasks`) is meant
        // as text: print it as written.
        _ => {
            let words: Vec<&str> = text.split_whitespace().collect();
            vec![Inline::Text(words.join(" "), Marks::default())]
        }
    };
    Painter { fancy }
        .paragraph(&pieces, usize::MAX, base)
        .join(" ")
}

/// [`markdown`] for a terminal `width` columns wide.
fn markdown_at(text: &str, fancy: bool, width: usize) -> String {
    if text.trim().is_empty() {
        // Only blank lines, between two demos: keep one.
        return if text.contains('\n') { "\n" } else { "" }.to_string();
    }
    let painter = Painter { fancy };
    let mut lines = Vec::new();
    // A piece of a lesson cut at a demo keeps the blank line around the demo.
    if text
        .lines()
        .next()
        .is_some_and(|line| line.trim().is_empty())
    {
        lines.push(String::new());
    }
    lines.extend(painter.blocks(&parse(text), width, true));
    if text
        .lines()
        .last()
        .is_some_and(|line| line.trim().is_empty())
    {
        lines.push(String::new());
    }
    let mut out = lines.join("\n");
    out.push('\n');
    out
}

/// A block of Markdown, parsed.
#[derive(Debug)]
enum Block {
    /// `#`…`######`, with its text.
    Heading(HeadingLevel, Vec<Inline>),
    /// A paragraph.
    Paragraph(Vec<Inline>),
    /// The text of a tight list item (one with no blank lines around it): a paragraph
    /// with no blank line before what follows it.
    Tight(Vec<Inline>),
    /// A fenced or indented code block: its language (may be empty) and code.
    Code(String, String),
    /// A `>` quote.
    Quote(Vec<Block>),
    /// A list: the first number for an ordered one, whether blank lines separate its
    /// items (a loose list), and each item's blocks.
    List(Option<u64>, bool, Vec<Vec<Block>>),
    /// A table: each column's alignment, then the rows, the header first.
    Table(Vec<Alignment>, Vec<Vec<Vec<Inline>>>),
    /// Raw HTML (comments print nothing).
    Html(String),
    /// `---`.
    Rule,
}

/// A word: fragments of text with their marks, printed with no space between them.
type Word = Vec<(String, Marks)>;

/// A piece of a paragraph.
#[derive(Debug, Clone, PartialEq)]
enum Inline {
    /// Text, and how it is marked.
    Text(String, Marks),
    /// A line break in the source: where the author's line ended.
    Break,
    /// A hard line break (two spaces or `\` at the end of the line): kept even when
    /// the paragraph is rewrapped.
    HardBreak,
}

/// What a piece of text is inside of.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
struct Marks {
    code: bool,
    strong: bool,
    emphasis: bool,
    strikethrough: bool,
    /// The text of a link.
    link: bool,
    /// The ` (url)` printed after a link's text.
    url: bool,
    /// A backtick around code: printed only with no colour, where it shows the code.
    tick: bool,
}

/// Parses Markdown into blocks.
fn parse(text: &str) -> Vec<Block> {
    let mut events = Events {
        source: text,
        events: Parser::new_ext(text, crate::markdown::options())
            .into_offset_iter()
            .peekable(),
    };
    blocks(&mut events)
}

/// pulldown-cmark's events, and the text they come from.
struct Events<'a> {
    source: &'a str,
    events: std::iter::Peekable<OffsetIter<'a>>,
}

impl<'a> Events<'a> {
    fn peek(&mut self) -> Option<&Event<'a>> {
        self.events.peek().map(|(event, _)| event)
    }

    fn next(&mut self) -> Option<Event<'a>> {
        self.events.next().map(|(event, _)| event)
    }
}

/// Reads blocks until the end of the container they are in (whose `End` it consumes)
/// or of the text.
fn blocks(events: &mut Events) -> Vec<Block> {
    let mut out = Vec::new();
    while let Some(event) = events.peek() {
        if is_inline(event) {
            // A tight list item holds its text with no paragraph around it.
            out.push(Block::Tight(inlines(events)));
            continue;
        }
        let Some(event) = events.next() else { break };
        match event {
            Event::End(_) => break,
            Event::Start(Tag::Paragraph) => out.push(Block::Paragraph(inlines_then_end(events))),
            Event::Start(Tag::Heading { level, .. }) => {
                out.push(Block::Heading(level, inlines_then_end(events)));
            }
            Event::Start(Tag::BlockQuote(_)) => out.push(Block::Quote(blocks(events))),
            Event::Start(Tag::CodeBlock(kind)) => {
                let language = match kind {
                    CodeBlockKind::Fenced(info) => info.to_string(),
                    CodeBlockKind::Indented => String::new(),
                };
                out.push(Block::Code(language, raw_text(events)));
            }
            Event::Start(Tag::HtmlBlock) => out.push(Block::Html(raw_text(events))),
            Event::Start(Tag::List(start)) => {
                let mut items = Vec::new();
                // `next()` consumes each item's `Start`, and the list's `End`.
                while let Some(Event::Start(Tag::Item)) = events.next() {
                    items.push(blocks(events));
                }
                // pulldown-cmark puts the items' text in paragraphs only in a loose list.
                let loose = items
                    .iter()
                    .flatten()
                    .any(|block| matches!(block, Block::Paragraph(_)));
                out.push(Block::List(start, loose, items));
            }
            Event::Start(Tag::Table(alignments)) => {
                let mut rows = Vec::new();
                // TableHead and each TableRow hold cells.
                while let Some(Event::Start(Tag::TableHead | Tag::TableRow)) = events.next() {
                    let mut row = Vec::new();
                    while let Some(Event::Start(Tag::TableCell)) = events.next() {
                        row.push(inlines_then_end(events));
                    }
                    rows.push(row);
                }
                out.push(Block::Table(alignments, rows));
            }
            Event::Rule => out.push(Block::Rule),
            Event::Html(html) => out.push(Block::Html(html.to_string())),
            // Containers the workbook does not use (footnotes, definition lists…): their
            // contents, as plain blocks.
            Event::Start(_) => out.extend(blocks(events)),
            _ => {}
        }
    }
    out
}

/// Whether an event belongs to a paragraph's text.
fn is_inline(event: &Event) -> bool {
    match event {
        Event::Text(_)
        | Event::Code(_)
        | Event::SoftBreak
        | Event::HardBreak
        | Event::InlineHtml(_)
        | Event::InlineMath(_)
        | Event::FootnoteReference(_)
        | Event::TaskListMarker(_) => true,
        Event::Start(tag) => matches!(
            tag,
            Tag::Emphasis
                | Tag::Strong
                | Tag::Strikethrough
                | Tag::Superscript
                | Tag::Subscript
                | Tag::Link { .. }
                | Tag::Image { .. }
        ),
        Event::End(tag) => matches!(
            tag,
            TagEnd::Emphasis
                | TagEnd::Strong
                | TagEnd::Strikethrough
                | TagEnd::Superscript
                | TagEnd::Subscript
                | TagEnd::Link
                | TagEnd::Image
        ),
        _ => false,
    }
}

/// Reads a paragraph's (or heading's, or cell's) text and the `End` that closes it.
fn inlines_then_end(events: &mut Events) -> Vec<Inline> {
    let text = inlines(events);
    events.next();
    text
}

/// Reads inline events while there are any: text with its marks, links as
/// `text (url)`.
fn inlines(events: &mut Events) -> Vec<Inline> {
    let mut out = Vec::new();
    let mut marks = Marks::default();
    // Open links and images: their URL, and where their text starts in `out`.
    let mut links: Vec<(String, usize)> = Vec::new();
    while events.peek().is_some_and(is_inline) {
        let Some((event, range)) = events.events.next() else {
            break;
        };
        match event {
            Event::Text(text) => out.push(Inline::Text(text.to_string(), marks)),
            Event::Code(code) => {
                let tick = Inline::Text(
                    "`".into(),
                    Marks {
                        tick: true,
                        ..marks
                    },
                );
                let code_marks = Marks {
                    code: true,
                    ..marks
                };
                out.push(tick.clone());
                // CommonMark turns a line break inside a code span into a space; keep the
                // author's line break instead, so the lines still fit as written.
                let written: Vec<&str> = events.source[range]
                    .trim_matches('`')
                    .lines()
                    .map(str::trim)
                    .filter(|line| !line.is_empty())
                    .collect();
                if written.len() > 1 && written.join(" ") == code.trim() {
                    for (index, line) in written.into_iter().enumerate() {
                        if index > 0 {
                            out.push(Inline::Break);
                        }
                        out.push(Inline::Text(line.to_string(), code_marks));
                    }
                } else {
                    out.push(Inline::Text(code.to_string(), code_marks));
                }
                out.push(tick);
            }
            Event::InlineMath(math) => out.push(Inline::Text(math.to_string(), marks)),
            Event::InlineHtml(html) if !html.trim_start().starts_with("<!--") => {
                out.push(Inline::Text(html.to_string(), marks));
            }
            Event::SoftBreak => out.push(Inline::Break),
            Event::HardBreak => out.push(Inline::HardBreak),
            Event::TaskListMarker(done) => out.push(Inline::Text(
                if done { "[x] " } else { "[ ] " }.to_string(),
                marks,
            )),
            Event::FootnoteReference(name) => {
                out.push(Inline::Text(format!("[^{name}]"), marks));
            }
            Event::Start(Tag::Strong) => marks.strong = true,
            Event::End(TagEnd::Strong) => marks.strong = false,
            Event::Start(Tag::Emphasis) => marks.emphasis = true,
            Event::End(TagEnd::Emphasis) => marks.emphasis = false,
            Event::Start(Tag::Strikethrough) => marks.strikethrough = true,
            Event::End(TagEnd::Strikethrough) => marks.strikethrough = false,
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                links.push((dest_url.to_string(), out.len()));
                marks.link = true;
            }
            Event::End(TagEnd::Link | TagEnd::Image) => {
                let Some((url, start)) = links.pop() else {
                    continue;
                };
                marks.link = !links.is_empty();
                let text: String = out[start..]
                    .iter()
                    .map(|piece| match piece {
                        Inline::Text(text, _) => text.as_str(),
                        Inline::Break | Inline::HardBreak => " ",
                    })
                    .collect();
                // `<https://…>` and bare URLs are their own text.
                if !url.is_empty() && text != url && !url.ends_with(&format!(":{text}")) {
                    out.push(Inline::Text(
                        format!(" ({url})"),
                        Marks {
                            url: true,
                            ..Marks::default()
                        },
                    ));
                }
            }
            _ => {}
        }
    }
    out
}

/// The text inside a code or HTML block, and the `End` that closes it.
fn raw_text(events: &mut Events) -> String {
    let mut text = String::new();
    while let Some(event) = events.next() {
        match event {
            Event::Text(piece) | Event::Html(piece) => text.push_str(&piece),
            Event::End(_) => break,
            _ => {}
        }
    }
    text
}

/// Lays blocks out as lines of text, styled or not.
struct Painter {
    fancy: bool,
}

impl Painter {
    /// The lines of `blocks` in `width` columns; `loose` puts a blank line between them.
    fn blocks(&self, blocks: &[Block], width: usize, loose: bool) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for block in blocks {
            let lines = self.block(block, width);
            if lines.is_empty() {
                continue;
            }
            if loose && !out.is_empty() {
                out.push(String::new());
            }
            out.extend(lines);
        }
        out
    }

    fn block(&self, block: &Block, width: usize) -> Vec<String> {
        match block {
            Block::Heading(level, text) => self.heading(*level, text),
            Block::Paragraph(text) | Block::Tight(text) => {
                self.paragraph(text, width, &Style::new())
            }
            Block::Code(language, code) => self.code(language, code),
            Block::Quote(blocks) => {
                let (bar, blank) = if self.fancy {
                    (
                        style("  ▌ ").cyan().to_string(),
                        style("  ▌").cyan().to_string(),
                    )
                } else {
                    ("  > ".to_string(), "  >".to_string())
                };
                self.blocks(blocks, width.saturating_sub(4), true)
                    .into_iter()
                    .map(|line| {
                        if line.is_empty() {
                            blank.clone()
                        } else {
                            format!("{bar}{line}")
                        }
                    })
                    .collect()
            }
            Block::List(start, loose, items) => self.list(*start, *loose, items, width),
            Block::Table(alignments, rows) => self.table(alignments, rows, width),
            Block::Html(html) => {
                let html = html.trim();
                if html.starts_with("<!--") && html.ends_with("-->") {
                    // Notes for authors (demo markers are handled before this).
                    Vec::new()
                } else {
                    html.lines().map(str::to_string).collect()
                }
            }
            Block::Rule => {
                let rule = "─".repeat(width.clamp(4, 40) - 2);
                vec![format!("  {}", self.styled(&rule, &Style::new().dim()))]
            }
        }
    }

    /// `text` in `style` when fancy; as it is otherwise.
    fn styled(&self, text: &str, style: &Style) -> String {
        if self.fancy {
            style.apply_to(text).to_string()
        } else {
            text.to_string()
        }
    }

    /// A piece of inline text as it reads without colour: backticks around code,
    /// emphasis bare. (With colour, code is coloured instead of ticked.)
    fn plain<'t>(&self, text: &'t str, marks: Marks) -> &'t str {
        if marks.tick && self.fancy { "" } else { text }
    }

    /// A piece of [`Painter::plain`] text as printed: styled over `base` when fancy.
    fn paint(&self, text: &str, marks: Marks, base: &Style) -> String {
        if !self.fancy {
            return text.to_string();
        }
        let mut style = base.clone();
        if marks.code {
            style = style.yellow();
        }
        if marks.strong {
            style = style.bold();
        }
        if marks.emphasis {
            style = style.italic();
        }
        if marks.strikethrough {
            style = style.strikethrough();
        }
        if marks.link {
            style = style.underlined();
        }
        if marks.url {
            style = style.dim();
        }
        style.apply_to(text).to_string()
    }

    fn heading(&self, level: HeadingLevel, text: &[Inline]) -> Vec<String> {
        let one_line: Vec<Inline> = text
            .iter()
            .map(|piece| match piece {
                Inline::Break | Inline::HardBreak => Inline::Text(" ".into(), Marks::default()),
                text => text.clone(),
            })
            .collect();
        let base = match level {
            HeadingLevel::H1 => Style::new().bold().magenta(),
            HeadingLevel::H2 => Style::new().bold().cyan(),
            _ => Style::new().bold(),
        };
        let line = self.paragraph(&one_line, usize::MAX, &base).concat();
        match level {
            HeadingLevel::H1 => {
                let rule = "═".repeat(console::measure_text_width(&line));
                vec![line, self.styled(&rule, &base)]
            }
            HeadingLevel::H2 if self.fancy => vec![format!("{}{line}", base.apply_to("▌"))],
            _ => vec![line],
        }
    }

    /// A paragraph in `width` columns: the author's lines while they fit, otherwise
    /// rewrapped word by word.
    fn paragraph(&self, text: &[Inline], width: usize, base: &Style) -> Vec<String> {
        // The words of each source line; a word is one or more fragments of text, each
        // with its marks (`join!`, is a code fragment and a plain one).
        // A line's flag says it ends in a hard break.
        let mut lines: Vec<(Vec<Word>, bool)> = vec![(Vec::new(), false)];
        let mut open_word = false;
        for piece in text {
            let (text, marks) = match piece {
                Inline::Text(text, marks) => (text, marks),
                Inline::Break | Inline::HardBreak => {
                    if let Some((_, hard)) = lines.last_mut() {
                        *hard = *piece == Inline::HardBreak;
                    }
                    lines.push((Vec::new(), false));
                    open_word = false;
                    continue;
                }
            };
            let (line, _) = lines.last_mut().expect("there is always a line");
            // Split at spaces (a code span with spaces in it may wrap, like any text).
            let plain = self.plain(text, *marks);
            for (index, fragment) in plain.split(' ').enumerate() {
                if index > 0 {
                    open_word = false;
                }
                if fragment.is_empty() {
                    continue;
                }
                let fragment = (fragment.to_string(), *marks);
                match line.last_mut() {
                    Some(word) if open_word => word.push(fragment),
                    _ => line.push(vec![fragment]),
                }
                open_word = true;
            }
            if plain.ends_with(' ') {
                open_word = false;
            }
        }
        let word_width = |word: &Word| {
            word.iter()
                .map(|(text, _)| console::measure_text_width(text))
                .sum::<usize>()
        };
        let line_width = |line: &Vec<Word>| {
            line.iter().map(word_width).sum::<usize>() + line.len().saturating_sub(1)
        };
        if lines.iter().all(|(line, _)| line_width(line) <= width) {
            return lines
                .iter()
                .map(|(line, _)| self.line(line, base))
                .collect();
        }
        // Rewrapped at the lessons' own line length, or narrower if the terminal is.
        let width = width.min(TEXT_WIDTH);
        let mut out = Vec::new();
        let mut current: Vec<Word> = Vec::new();
        let mut used = 0;
        for (line, hard) in lines {
            for word in line {
                let size = word_width(&word);
                if !current.is_empty() && used + 1 + size > width {
                    out.push(self.line(&current, base));
                    current.clear();
                    used = 0;
                }
                used += if current.is_empty() { size } else { 1 + size };
                current.push(word);
            }
            if hard {
                out.push(self.line(&current, base));
                current.clear();
                used = 0;
            }
        }
        if !current.is_empty() {
            out.push(self.line(&current, base));
        }
        out
    }

    /// Words joined by spaces into one printed line: each run of text with the same
    /// marks painted at once (the space inside a link or a code span is part of it).
    fn line(&self, words: &[Word], base: &Style) -> String {
        let mut runs: Vec<(String, Marks)> = Vec::new();
        for (index, word) in words.iter().enumerate() {
            for (position, (text, marks)) in word.iter().enumerate() {
                let mut text = text.clone();
                if index > 0 && position == 0 {
                    text.insert(0, ' ');
                }
                match runs.last_mut() {
                    Some((run, run_marks)) if run_marks == marks => run.push_str(&text),
                    _ => runs.push((text, *marks)),
                }
            }
        }
        runs.iter()
            .map(|(text, marks)| {
                // A space before a differently marked run is not part of it.
                match text.strip_prefix(' ') {
                    Some(rest) if self.fancy && *marks != Marks::default() => {
                        format!(" {}", self.paint(rest, *marks, base))
                    }
                    _ => self.paint(text, *marks, base),
                }
            })
            .collect()
    }

    fn code(&self, language: &str, code: &str) -> Vec<String> {
        let lines = code.strip_suffix('\n').unwrap_or(code).lines();
        if !self.fancy {
            return lines
                .map(|line| format!("    {line}").trim_end().to_string())
                .collect();
        }
        let edge = Style::new().dim();
        let mut out = vec![edge.apply_to(format!("  ┌─ {language}")).to_string()];
        out.extend(lines.map(|line| format!("{}{line}", edge.apply_to("  │ "))));
        out.push(edge.apply_to("  └─").to_string());
        out
    }

    /// Items under a bullet (`•` with colour, `-` without) or a number, their other
    /// lines indented to the text.
    fn list(
        &self,
        start: Option<u64>,
        loose: bool,
        items: &[Vec<Block>],
        width: usize,
    ) -> Vec<String> {
        let markers: Vec<String> = (0..items.len() as u64)
            .map(|index| match start {
                Some(first) => format!("{}.", first + index),
                None if self.fancy => "•".to_string(),
                None => "-".to_string(),
            })
            .collect();
        let marker_width = markers.iter().map(|m| m.chars().count()).max().unwrap_or(1) + 1;
        let mut out = Vec::new();
        for (item, marker) in items.iter().zip(&markers) {
            if loose && !out.is_empty() {
                out.push(String::new());
            }
            let lines = self.blocks(item, width.saturating_sub(marker_width), loose);
            let marker = format!("{marker:<marker_width$}");
            let marker = if self.fancy {
                style(marker).cyan().to_string()
            } else {
                marker
            };
            if lines.is_empty() {
                out.push(marker.trim_end().to_string());
            }
            for (index, line) in lines.into_iter().enumerate() {
                out.push(if index == 0 {
                    format!("{marker}{line}")
                } else if line.is_empty() {
                    line
                } else {
                    format!("{}{line}", " ".repeat(marker_width))
                });
            }
        }
        out
    }

    /// A table: aligned columns when it fits in `width`, otherwise one stanza per row
    /// (the first cell as its title, then `header: cell` lines) so nothing wraps badly.
    fn table(
        &self,
        alignments: &[Alignment],
        rows: &[Vec<Vec<Inline>>],
        width: usize,
    ) -> Vec<String> {
        let rows: Vec<Vec<String>> = rows
            .iter()
            .map(|row| {
                row.iter()
                    .map(|cell| self.paragraph(cell, usize::MAX, &Style::new()).join(" "))
                    .collect()
            })
            .collect();
        let Some((header, body)) = rows.split_first() else {
            return Vec::new();
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
        let separator = if self.fancy { " │ " } else { " | " };
        let total = 2 + widths.iter().sum::<usize>() + 3 * columns.saturating_sub(1);
        let mut out = Vec::new();
        if total <= width {
            let line = |row: &[String]| {
                let cells: Vec<String> = (0..columns)
                    .map(|column| {
                        let cell = row.get(column).map_or("", String::as_str);
                        let alignment = match alignments.get(column) {
                            Some(Alignment::Right) => console::Alignment::Right,
                            Some(Alignment::Center) => console::Alignment::Center,
                            _ => console::Alignment::Left,
                        };
                        console::pad_str(cell, widths[column], alignment, None).into_owned()
                    })
                    .collect();
                format!("  {}", cells.join(separator).trim_end())
            };
            out.push(self.styled(&line(header), &Style::new().bold()));
            let rule = if self.fancy { "─" } else { "-" };
            out.push(format!("  {}", rule.repeat(total - 2)));
            out.extend(body.iter().map(|row| line(row)));
        } else {
            for row in body {
                if !out.is_empty() {
                    out.push(String::new());
                }
                let title = row.first().map_or("", String::as_str);
                out.push(format!("  {}", self.styled(title, &Style::new().bold())));
                for (name, cell) in header.iter().zip(row).skip(1) {
                    out.push(format!(
                        "      {}: {cell}",
                        self.styled(name, &Style::new().dim())
                    ));
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Plain text, as a pipe gets it.
    fn plain(text: &str, width: usize) -> String {
        markdown_at(text, false, width)
    }

    #[test]
    fn plain_output_keeps_the_text_and_indents_code() {
        let out = markdown(
            "## Head\n\nsome `code` here\n\n```rust\nlet x = 1;\n\nlet y = 2;\n```\n<!-- note -->\n",
            false,
        );
        assert_eq!(
            out,
            "Head\n\nsome `code` here\n\n    let x = 1;\n\n    let y = 2;\n"
        );
    }

    #[test]
    fn plain_emphasis_is_clean_and_code_keeps_its_backticks() {
        let out = plain("a **strong** and *soft* and _under_ and ~~gone~~ `x`\n", 80);
        assert_eq!(out, "a strong and soft and under and gone `x`\n");
    }

    #[test]
    fn the_authors_line_breaks_stay_while_they_fit() {
        let text = "one two\nthree four five\n";
        assert_eq!(plain(text, 80), "one two\nthree four five\n");
        // Too narrow for a line: the paragraph is rewrapped to the width…
        assert_eq!(plain(text, 9), "one two\nthree\nfour five\n");
        // …keeping its hard breaks.
        assert_eq!(plain("a b\\\nc d e f\n", 5), "a b\nc d e\nf\n");
    }

    #[test]
    fn a_code_span_written_across_two_lines_keeps_the_break() {
        let out = plain("see `a b\nc d` here\n", 80);
        assert_eq!(out, "see `a b\nc d` here\n");
    }

    #[test]
    fn lists_have_bullets_numbers_nesting_and_hanging_indents() {
        let text = "- one\n- two\n  - nested\n- three\n\n3. third\n4. fourth\n";
        assert_eq!(
            plain(text, 80),
            "- one\n- two\n  - nested\n- three\n\n3. third\n4. fourth\n"
        );
        // A long item wraps under its text, not under its bullet.
        assert_eq!(
            plain("- alpha beta gamma delta\n", 14),
            "- alpha beta\n  gamma delta\n"
        );
        // A loose list (blank lines between items) keeps them.
        assert_eq!(plain("- a\n\n- b\n", 80), "- a\n\n- b\n");
    }

    #[test]
    fn a_code_block_in_a_list_item_is_indented_with_it() {
        let out = plain("- text:\n\n  ```rust\n  let x = 1;\n  ```\n- next\n", 80);
        assert_eq!(out, "- text:\n\n      let x = 1;\n\n- next\n");
    }

    #[test]
    fn links_print_their_text_then_their_url() {
        let out = plain(
            "see [the docs](https://docs.rs/tokio) or <https://tokio.rs>\n",
            100,
        );
        assert_eq!(
            out,
            "see the docs (https://docs.rs/tokio) or https://tokio.rs\n"
        );
    }

    #[test]
    fn quotes_headings_and_comments() {
        let out = plain(
            "# Title\n\n> quoted `x`\n> more\n\n<!-- ANCHOR: a -->\n### Sub\n",
            80,
        );
        assert_eq!(out, "Title\n═════\n\n  > quoted `x`\n  > more\n\nSub\n");
    }

    #[test]
    fn the_blank_lines_around_a_demo_are_kept() {
        assert_eq!(plain("\ntext\n\n", 80), "\ntext\n\n");
        assert_eq!(plain("text\n", 80), "text\n");
        assert_eq!(plain("\n", 80), "\n");
    }

    #[test]
    fn tables_align_when_they_fit_and_become_stanzas_when_they_do_not() {
        let table = "| a | bb |\n|---|---|\n| ccc | d |\n";
        assert_eq!(plain(table, 80), "  a   | bb\n  --------\n  ccc | d\n");
        assert_eq!(plain(table, 5), "  ccc\n      bb: d\n");
        let wide = "| a | b |\n|---|---|\n| 1 | 2 |\n| 3 | 4 |\n";
        assert_eq!(plain(wide, 3), "  1\n      b: 2\n\n  3\n      b: 4\n");
    }

    #[test]
    fn table_cells_are_inline_markdown_and_may_hold_an_escaped_bar() {
        let table = "| **op** | `a \\| b` |\n|---:|---|\n| 1 | [x](u) |\n";
        assert_eq!(
            plain(table, 80),
            "  op | `a | b`\n  ------------\n   1 | x (u)\n"
        );
    }

    #[test]
    fn fancy_inline_markup_drops_the_markers() {
        console::set_colors_enabled(true);
        let out = markdown_at("a `b` and **c** and *d* and `unclosed\n", true, 80);
        assert!(!out.contains('*') && out.contains("`unclosed"), "{out:?}");
        assert!(
            !out.contains("`b`"),
            "code is coloured, not ticked: {out:?}"
        );
        assert!(out.contains('\u{1b}'), "styled: {out:?}");
        let list = markdown_at("- item\n", true, 80);
        assert!(list.contains('•') && list.contains("item"), "{list:?}");
    }

    #[test]
    fn inline_renders_a_quiz_line() {
        assert_eq!(
            inline("`Drop` (RAII) — **not** *async*", false, &Style::new()),
            "`Drop` (RAII) — not async"
        );
        // Text that would start a list or a heading is still one line.
        assert_eq!(inline("- two\nlines", false, &Style::new()), "- two lines");
        assert_eq!(inline("# of tasks", false, &Style::new()), "# of tasks");
    }

    #[test]
    fn every_lesson_reads_cleanly_with_no_colour() {
        for lesson in crate::catalog::lessons().unwrap() {
            let parsed = crate::markdown::parse(&lesson.path).unwrap();
            for section in &parsed.sections {
                for block in &section.blocks {
                    if let crate::markdown::Block::Text(text) = block {
                        let out = plain(text, 100);
                        for marker in ["**", "](", "```", "<!--"] {
                            assert!(
                                !out.contains(marker),
                                "{}: {marker:?} left in {out}",
                                lesson.id
                            );
                        }
                    }
                }
            }
        }
    }
}
