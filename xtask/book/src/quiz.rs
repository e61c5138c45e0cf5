//! Each lesson's quiz as HTML, appended at the end of its chapter.
//!
//! The questions are the ones `cargo xtask quiz` asks (`lessons/<lesson>-quiz.toml`, read
//! with the runner's own types), so the book and the terminal can never disagree. On the
//! page every choice is a button: a small inline script shuffles the choices, marks the
//! learner's pick right or wrong, and then shows the answer and its explanation. Nothing
//! is sent anywhere and nothing is remembered.
//!
//! The page must also work with JavaScript off, so the markup is complete without the
//! script: the choices are listed (in a fixed order shuffled at build time, so the right
//! one is not always first), and each question's answer and explanation sit in a closed
//! `<details>` the reader opens. The script only adds to that: it enables the buttons
//! (they start `disabled`), hides the `<details>` until an answer is picked, and opens it
//! afterwards.
//!
//! The HTML goes into a Markdown page, so it has to survive Markdown too: it is one raw
//! HTML block (it starts with `<section` and has no blank line, see [`html_block`]), and
//! every piece of text in it is escaped — the quiz's Markdown goes through pulldown-cmark's
//! HTML writer with any raw HTML in it turned into plain text.

use anyhow::{Context, Result};
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use xtask::quiz::{Question, Quiz};

/// Where the things a quiz refers to come from. The defaults read the workspace: the code
/// of a predict question from its `file:anchor`, and no demo output.
pub trait Sources {
    /// The code a predict question shows: `spec` is its `code`, `file:anchor` relative to
    /// `lessons/`, as in an `{{#include}}`.
    fn code(&self, spec: &str) -> Result<String, String> {
        xtask::quiz::snippet(spec)
    }

    /// What demo `id` printed, as HTML (e.g. `harness::record_demo(..)?.to_html()`), shown
    /// after the answer of the predict question that names it — the book's version of the
    /// terminal quiz running the demo after the answer. `None` leaves it out; the answer
    /// then points to the demo in the lesson above.
    fn demo(&self, id: &str) -> Result<Option<String>, String> {
        let _ = id;
        Ok(None)
    }
}

/// The quiz of `lesson` as HTML for the end of its chapter, or `None` if it has no quiz.
pub fn lesson_quiz_html(lesson: &str, sources: &dyn Sources) -> Result<Option<String>> {
    if !xtask::quiz::exists(lesson) {
        return Ok(None);
    }
    let quiz = xtask::quiz::load(lesson)?;
    quiz_html(&quiz, sources).map(Some)
}

/// `quiz` as one self-contained HTML block: a `<section class="workbook-quiz">` with its
/// own `<style>` and `<script>`, ready to be appended to a chapter's Markdown after a
/// blank line. Fails, naming the question, if a predict question's code or demo cannot be
/// had.
pub fn quiz_html(quiz: &Quiz, sources: &dyn Sources) -> Result<String> {
    let lesson = &quiz.lesson;
    let total = quiz.question.len();
    let mut html = String::new();
    html.push_str(&format!(
        "<section class=\"workbook-quiz\" id=\"workbook-quiz\" data-lesson=\"{}\">\n",
        escape(lesson)
    ));
    html.push_str(STYLE);
    html.push_str(&format!(
        "<h2 class=\"workbook-quiz-title\">Quiz: lesson {}</h2>\n",
        escape(lesson)
    ));
    html.push_str(&format!(
        "<p class=\"workbook-quiz-intro\">{total} questions. Under each one, \
         <em>Answer</em> shows the right choice and why.</p>\n"
    ));
    for (index, question) in quiz.question.iter().enumerate() {
        let number = index + 1;
        let block = question_html(lesson, number, total, question, sources)
            .with_context(|| format!("quiz {lesson}, question {number}"))?;
        html.push_str(&block);
    }
    html.push_str("<p class=\"workbook-quiz-score\" role=\"status\" hidden></p>\n");
    html.push_str(&format!(
        "<p class=\"workbook-quiz-terminal\">In the terminal: <code>cargo xtask quiz {}</code> \
         asks these one at a time, runs each predict question's demo after your answer, \
         and keeps your score.</p>\n",
        escape(lesson)
    ));
    html.push_str(SCRIPT);
    html.push_str("</section>\n");
    Ok(html_block(&html))
}

/// One question: its number, prompt, code, choices and answer.
fn question_html(
    lesson: &str,
    number: usize,
    total: usize,
    question: &Question,
    sources: &dyn Sources,
) -> Result<String> {
    let mut html = format!(
        "<div class=\"workbook-quiz-question\" id=\"workbook-quiz-{number}\">\n\
         <p class=\"workbook-quiz-meta\">Question {number} of {total}{}</p>\n\
         <div class=\"workbook-quiz-prompt\">{}</div>\n",
        if question.is_predict() {
            " · predict, then check"
        } else {
            ""
        },
        markdown_block(&question.prompt)
    );
    if let Some(spec) = &question.code {
        let code = sources.code(spec).map_err(anyhow::Error::msg)?;
        html.push_str(&format!(
            "<pre class=\"workbook-quiz-code\"><code class=\"language-rust noplayground\">{}</code></pre>\n",
            escape(code.trim_end())
        ));
    }
    // A fixed order for readers without JavaScript, different for every question and the
    // same on every build; the script shuffles again on every visit.
    let mut rng = fastrand::Rng::with_seed(seed(lesson, number));
    let (choices, right) = question.shuffled(&mut rng);
    html.push_str("<ol class=\"workbook-quiz-choices\" type=\"A\">\n");
    for (index, choice) in choices.iter().enumerate() {
        let mark = if index == right { " data-right" } else { "" };
        html.push_str(&format!(
            "<li><button type=\"button\" class=\"workbook-quiz-choice\"{mark} disabled>{}</button></li>\n",
            markdown_inline(choice)
        ));
    }
    html.push_str("</ol>\n<p class=\"workbook-quiz-verdict\" role=\"status\"></p>\n");
    html.push_str(&format!(
        "<details class=\"workbook-quiz-answer\">\n<summary>Answer</summary>\n\
         <p class=\"workbook-quiz-right\"><span class=\"workbook-quiz-letter\">{}</span> {}</p>\n\
         <div class=\"workbook-quiz-explanation\">{}</div>\n",
        letter(right),
        markdown_inline(&question.answer),
        markdown_block(&question.explanation)
    ));
    if let Some(id) = &question.demo {
        html.push_str(&demo_html(id, sources)?);
    }
    html.push_str("</details>\n</div>\n");
    Ok(html)
}

/// What a predict question's demo shows, or where to see it.
fn demo_html(id: &str, sources: &dyn Sources) -> Result<String> {
    let id_html = escape(id);
    Ok(match sources.demo(id).map_err(anyhow::Error::msg)? {
        Some(output) => format!(
            "<details class=\"workbook-quiz-demo\">\n<summary>Watch it run: demo \
             <code>{id_html}</code></summary>\n{output}\n</details>\n"
        ),
        None => format!(
            "<p class=\"workbook-quiz-demo\">Watch it run: the demo <code>{id_html}</code> \
             runs this code; its output is in the lesson above.</p>\n"
        ),
    })
}

/// `(A)`, `(B)`…, the letter a choice has in the static order.
fn letter(index: usize) -> String {
    let letter = u8::try_from(index)
        .ok()
        .and_then(|index| b'A'.checked_add(index))
        .map_or('?', char::from);
    format!("({letter})")
}

/// A seed for a question's build-time order: FNV-1a of its lesson and number.
fn seed(lesson: &str, number: usize) -> u64 {
    format!("{lesson}#{number}")
        .bytes()
        .fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
            (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
        })
}

/// `text` with the five characters that mean something in HTML (text or attribute) escaped.
pub fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&#39;"),
            c => escaped.push(c),
        }
    }
    escaped
}

/// The quiz's Markdown, parsed as mdBook parses its pages, with raw HTML shown as text:
/// a quiz may mention `Vec<u8>` without a tag coming out of it.
fn markdown_events(text: &str) -> impl Iterator<Item = Event<'_>> {
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    Parser::new_ext(text, options).map(|event| match event {
        Event::Html(html) | Event::InlineHtml(html) => Event::Text(html),
        Event::Start(Tag::HtmlBlock) => Event::Start(Tag::Paragraph),
        Event::End(TagEnd::HtmlBlock) => Event::End(TagEnd::Paragraph),
        other => other,
    })
}

/// Markdown as block HTML: paragraphs, lists, code blocks.
fn markdown_block(text: &str) -> String {
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, markdown_events(text.trim()));
    html.trim_end().to_string()
}

/// Markdown as inline HTML, for a choice or an answer: no `<p>` around it, and the lines
/// of several paragraphs joined with `<br>`.
fn markdown_inline(text: &str) -> String {
    let mut first = true;
    let events = markdown_events(text.trim()).filter_map(|event| match event {
        Event::Start(Tag::Paragraph) if first => {
            first = false;
            None
        }
        Event::Start(Tag::Paragraph) => Some(Event::HardBreak),
        Event::End(TagEnd::Paragraph) => None,
        other => Some(other),
    });
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, events);
    html.trim_end().to_string()
}

/// `html` made safe to put into a Markdown page as ONE raw HTML block. CommonMark ends
/// an HTML block such as `<section>` or `<div>` at the first blank line, after which the
/// rest is Markdown again (indented lines become code blocks, `*` becomes emphasis). So:
/// a newline inside a `<pre>` (where it matters) becomes `&#10;`, and outside one, lines
/// that are empty or all spaces are dropped. The block must still start a line of its
/// own, after a blank line, and begin with a block-level tag.
pub fn html_block(html: &str) -> String {
    let mut joined = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = find_pre(rest) {
        joined.push_str(&rest[..start]);
        let end = rest[start..]
            .find("</pre>")
            .map_or(rest.len(), |end| start + end + "</pre>".len());
        joined.push_str(
            &rest[start..end]
                .replace("\r\n", "&#10;")
                .replace('\n', "&#10;"),
        );
        rest = &rest[end..];
    }
    joined.push_str(rest);
    let mut block: String = joined
        .lines()
        .filter(|line| !line.trim().is_empty())
        .collect::<Vec<_>>()
        .join("\n");
    block.push('\n');
    block
}

/// Where the next `<pre>` or `<pre …>` starts.
fn find_pre(html: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(found) = html[from..].find("<pre") {
        let at = from + found;
        match html[at + "<pre".len()..].chars().next() {
            Some(c) if c == '>' || c.is_whitespace() => return Some(at),
            _ => from = at + "<pre".len(),
        }
    }
    None
}

/// The quiz's look. mdBook's theme variables (so it follows the reader's light, rust,
/// coal, navy or ayu theme), with fallbacks for a page without them. Right and wrong are
/// marked by a sign as well as a colour.
const STYLE: &str = r#"<style>
.workbook-quiz { margin-top: 3em; border-top: 2px solid var(--quote-border, #ccc); }
.workbook-quiz-question { margin: 1.5em 0; padding: 0.2em 1em 0.6em; border: 1px solid var(--quote-border, #ccc); border-radius: 6px; background: var(--quote-bg, transparent); }
.workbook-quiz-meta { margin: 0.6em 0 0; font-size: 0.85em; opacity: 0.75; }
.workbook-quiz-prompt p { margin: 0.3em 0 0.6em; font-weight: 600; }
.workbook-quiz-choices { padding-left: 2.2em; list-style-type: upper-alpha; }
.workbook-quiz-choices li { margin: 0.35em 0; }
.workbook-quiz-choice { display: block; width: 100%; padding: 0.4em 0.7em; font: inherit; text-align: left; color: inherit; background: var(--bg, #fff); border: 1px solid var(--quote-border, #bbb); border-radius: 4px; }
.workbook-quiz-choice:disabled { color: inherit; opacity: 1; cursor: default; }
.workbook-quiz-choice:not(:disabled) { cursor: pointer; }
.workbook-quiz-choice:not(:disabled):hover, .workbook-quiz-choice:not(:disabled):focus { border-color: var(--links, #2b79a2); }
.workbook-quiz-correct { border: 2px solid var(--blockquote-tip-color, #1a7f37); }
.workbook-quiz-correct::after { content: " \2713"; color: var(--blockquote-tip-color, #1a7f37); font-weight: bold; }
.workbook-quiz-picked-wrong { border: 2px solid var(--blockquote-caution-color, #cf222e); }
.workbook-quiz-picked-wrong::after { content: " \2717\00a0your answer"; color: var(--blockquote-caution-color, #cf222e); font-weight: bold; }
.workbook-quiz-verdict { margin: 0.4em 0; font-weight: bold; }
.workbook-quiz-verdict.workbook-quiz-is-right { color: var(--blockquote-tip-color, #1a7f37); }
.workbook-quiz-verdict.workbook-quiz-is-wrong { color: var(--blockquote-caution-color, #cf222e); }
.workbook-quiz-answer summary, .workbook-quiz-demo summary { cursor: pointer; font-weight: 600; }
.workbook-quiz-right { font-weight: 600; }
.workbook-quiz-score { font-weight: bold; }
.workbook-quiz-terminal { font-size: 0.9em; opacity: 0.8; }
</style>
"#;

/// The page's behaviour, plain ES5 so any browser runs it. Runs once per quiz (marked
/// `data-live`). No blank lines and no `</` inside: it lives in a Markdown HTML block.
const SCRIPT: &str = r#"<script>
(function () {
  "use strict";
  var each = function (list, f) { Array.prototype.forEach.call(list, f); };
  each(document.querySelectorAll(".workbook-quiz:not([data-live])"), function (quiz) {
    quiz.setAttribute("data-live", "");
    var total = 0, answered = 0, right = 0;
    var score = quiz.querySelector(".workbook-quiz-score");
    var intro = quiz.querySelector(".workbook-quiz-intro");
    each(quiz.querySelectorAll(".workbook-quiz-question"), function (question) {
      total += 1;
      var list = question.querySelector(".workbook-quiz-choices");
      var items = Array.prototype.slice.call(list.children);
      for (var i = items.length - 1; i > 0; i -= 1) {
        var j = Math.floor(Math.random() * (i + 1));
        var swap = items[i]; items[i] = items[j]; items[j] = swap;
      }
      items.forEach(function (item) { list.appendChild(item); });
      var answer = question.querySelector(".workbook-quiz-answer");
      var verdict = question.querySelector(".workbook-quiz-verdict");
      var letter = question.querySelector(".workbook-quiz-letter");
      var buttons = list.querySelectorAll("button");
      var rightLetter = "?";
      each(buttons, function (button, index) {
        if (button.hasAttribute("data-right")) { rightLetter = String.fromCharCode(65 + index); }
      });
      if (letter) { letter.textContent = "(" + rightLetter + ")"; }
      answer.hidden = true;
      each(buttons, function (button) {
        button.disabled = false;
        button.addEventListener("click", function () {
          var isRight = button.hasAttribute("data-right");
          each(buttons, function (other) {
            other.disabled = true;
            if (other.hasAttribute("data-right")) { other.classList.add("workbook-quiz-correct"); }
          });
          if (!isRight) { button.classList.add("workbook-quiz-picked-wrong"); }
          verdict.textContent = isRight ? "\u2713 Right." : "\u2717 Not quite: the answer is " + rightLetter + ".";
          verdict.classList.add(isRight ? "workbook-quiz-is-right" : "workbook-quiz-is-wrong");
          answer.hidden = false;
          answer.open = true;
          answered += 1;
          if (isRight) { right += 1; }
          score.textContent = "Score: " + right + " right of " + answered + " answered (" + total + " questions).";
        });
      });
    });
    if (intro) {
      intro.textContent = total + " questions. Pick an answer to see at once whether it is right, and why. The choices are shuffled on every visit; nothing is recorded.";
    }
    score.hidden = false;
    score.textContent = "Score: 0 answered of " + total + ".";
  });
})();
</script>
"#;

#[cfg(test)]
mod tests {
    use super::*;

    /// The defaults: code from the workspace, no demo output.
    struct Workspace;

    impl Sources for Workspace {}

    /// Code from a table instead of the workspace, and optionally demo output.
    struct Fake {
        demo: Option<&'static str>,
    }

    impl Sources for Fake {
        fn code(&self, spec: &str) -> Result<String, String> {
            match spec {
                "blank:lines" => Ok("fn a() {}\n\n    // indented\n\nfn b() {}\n".into()),
                "evil:code" => Ok("let s = \"</code></pre><script>alert(1)</script>\";\n".into()),
                _ => Err(format!("cannot include {spec}")),
            }
        }

        fn demo(&self, id: &str) -> Result<Option<String>, String> {
            Ok(self.demo.map(|html| html.replace("ID", id)))
        }
    }

    fn question(prompt: &str, answer: &str, wrong: &[&str], explanation: &str) -> Question {
        Question {
            source: "new".into(),
            prompt: prompt.into(),
            answer: answer.into(),
            wrong: wrong.iter().map(|choice| choice.to_string()).collect(),
            explanation: explanation.into(),
            code: None,
            demo: None,
        }
    }

    fn quiz(question: Vec<Question>) -> Quiz {
        Quiz {
            lesson: "9.9".into(),
            question,
        }
    }

    fn predict(code: &str, demo: &str) -> Question {
        let mut q = question("What does it print?", "42", &["41", "43"], "It adds one.");
        q.code = Some(code.into());
        q.demo = Some(demo.into());
        q
    }

    fn real_quizzes() -> Vec<Quiz> {
        let lessons = xtask::quiz::available().unwrap();
        assert!(lessons.len() >= 6, "lessons with quizzes: {lessons:?}");
        lessons
            .iter()
            .map(|lesson| xtask::quiz::load(lesson).unwrap())
            .collect()
    }

    /// Balanced tags, the way mdBook 0.5 reads raw HTML: every end tag closes the
    /// innermost open element (it warns otherwise), void elements need none, and the
    /// insides of `<script>` and `<style>` are not markup.
    fn assert_balanced(html: &str) {
        const VOID: &[&str] = &["br", "hr", "img", "input", "meta", "link", "wbr"];
        let mut open: Vec<String> = Vec::new();
        let mut rest = html;
        while let Some(at) = rest.find('<') {
            rest = &rest[at + 1..];
            let end = rest.find('>').expect("an unclosed `<`");
            let tag = &rest[..end];
            rest = &rest[end + 1..];
            if let Some(name) = tag.strip_prefix('/') {
                let innermost = open.pop();
                assert_eq!(innermost.as_deref(), Some(name), "`</{name}>` in:\n{html}");
            } else {
                let name: String = tag
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric())
                    .collect();
                assert!(!name.is_empty(), "`<{tag}>` is not a tag");
                if name == "script" || name == "style" {
                    let close = format!("</{name}>");
                    let end = rest.find(&close).expect("raw text element closed");
                    rest = &rest[end + close.len()..];
                } else if !VOID.contains(&name.as_str()) && !tag.ends_with('/') {
                    open.push(name);
                }
            }
        }
        assert!(open.is_empty(), "never closed: {open:?}");
    }

    /// What mdBook's Markdown parser makes of a chapter ending in `html`: one HTML block
    /// holding all of it, and no paragraph, code block or emphasis out of it.
    fn assert_one_html_block(html: &str) {
        let page = format!("# A lesson\n\nSome text.\n\n{html}");
        let mut blocks = 0;
        let mut raw = String::new();
        for event in Parser::new_ext(&page, Options::all()) {
            match event {
                Event::Start(Tag::HtmlBlock) => blocks += 1,
                Event::Html(text) => raw.push_str(&text),
                Event::Start(Tag::Heading { .. } | Tag::Paragraph) => {}
                Event::End(TagEnd::Heading(_) | TagEnd::Paragraph | TagEnd::HtmlBlock) => {}
                Event::Text(text)
                    if text.as_ref() == "A lesson" || text.as_ref() == "Some text." => {}
                other => panic!("Markdown found {other:?} in the quiz's HTML"),
            }
        }
        assert_eq!(blocks, 1, "the quiz is one HTML block");
        assert_eq!(raw, html, "the block holds the quiz unchanged");
    }

    #[test]
    fn every_lesson_quiz_renders_as_one_balanced_html_block() {
        for quiz in real_quizzes() {
            let html = quiz_html(&quiz, &Workspace).unwrap();
            assert!(html.starts_with("<section class=\"workbook-quiz\""));
            assert!(html.contains(&format!("data-lesson=\"{}\"", quiz.lesson)));
            assert_balanced(&html);
            assert_one_html_block(&html);
            let count = |needle: &str| html.matches(needle).count();
            let questions = quiz.question.len();
            assert_eq!(count("class=\"workbook-quiz-question\""), questions);
            assert_eq!(count("<details class=\"workbook-quiz-answer\">"), questions);
            assert_eq!(count(" data-right "), questions, "one right choice each");
            let choices: usize = quiz.question.iter().map(|q| q.wrong.len() + 1).sum();
            assert_eq!(count("<button type=\"button\""), choices);
            assert_eq!(count(" disabled>"), choices, "buttons start disabled");
            let predict = quiz.question.iter().filter(|q| q.is_predict()).count();
            assert_eq!(count("<pre class=\"workbook-quiz-code\">"), predict);
            assert_eq!(count("<script>"), 1);
            assert_eq!(count("<style>"), 1);
        }
    }

    /// With JavaScript off the page is a readable quiz: the right choice and the
    /// explanation are in the `<details>`, and the listed order is not the file's (where
    /// the answer always comes first), yet the same on every build.
    #[test]
    fn without_javascript_the_answers_are_in_details_in_a_shuffled_but_stable_order() {
        let mut positions = [0usize; 4];
        for quiz in real_quizzes() {
            let html = quiz_html(&quiz, &Workspace).unwrap();
            assert_eq!(html, quiz_html(&quiz, &Workspace).unwrap(), "stable");
            for (number, question) in quiz.question.iter().enumerate().map(|(i, q)| (i + 1, q)) {
                let start = html
                    .find(&format!("id=\"workbook-quiz-{number}\""))
                    .unwrap();
                let block = &html[start..];
                let block = &block[..block.find("\n</div>").unwrap()];
                let buttons: Vec<&str> = block.split("<button ").skip(1).collect();
                let right = buttons
                    .iter()
                    .position(|b| b.contains(" data-right "))
                    .unwrap();
                if buttons.len() == 4 {
                    positions[right] += 1;
                }
                let details = &block[block.find("<details").unwrap()..];
                let answer = markdown_inline(&question.answer);
                assert!(
                    details.contains(&answer),
                    "{}: answer in details",
                    quiz.lesson
                );
                assert!(details.contains(&format!("{}</span> {answer}", letter(right))));
                assert!(buttons[right].contains(&answer));
                let explanation = markdown_block(&question.explanation);
                assert!(details.contains(&html_block(&explanation).trim_end().to_string()));
            }
        }
        assert!(
            positions.iter().all(|&n| n >= 10),
            "the right choice is listed in every position: {positions:?}"
        );
    }

    #[test]
    fn all_text_is_escaped_and_raw_html_in_the_quiz_is_shown_as_text() {
        let mut q = question(
            "Is `Vec<u8>` <script>alert(1)</script> & \"quoted\"?",
            "Yes <b>bold</b>",
            &["a < b && c > d", "it's `</button>`"],
            "<img src=x onerror=alert(1)>\n\nSee `<T>`.",
        );
        q.code = Some("evil:code".into());
        q.demo = Some("9.9.<demo>".into());
        let html = quiz_html(&quiz(vec![q]), &Fake { demo: None }).unwrap();
        assert_balanced(&html);
        assert_one_html_block(&html);
        assert_eq!(html.matches("<script").count(), 1, "only the quiz's own");
        for raw in [
            "<b>",
            "<img",
            "</code></pre><script>",
            "<demo>",
            "<u8>",
            "<T>",
        ] {
            assert!(!html.contains(raw), "{raw} left unescaped in:\n{html}");
        }
        for escaped in [
            "<code>Vec&lt;u8&gt;</code>",
            "&lt;script&gt;alert(1)&lt;/script&gt; &amp; \"quoted\"",
            "a &lt; b &amp;&amp; c &gt; d",
            "<code>&lt;/button&gt;</code>",
            "&lt;img src=x onerror=alert(1)&gt;",
            "let s = &quot;&lt;/code&gt;&lt;/pre&gt;&lt;script&gt;",
            "<code>9.9.&lt;demo&gt;</code>",
        ] {
            assert!(html.contains(escaped), "{escaped} missing from:\n{html}");
        }
    }

    /// Blank lines in a snippet (or in an explanation's code block) would end the HTML
    /// block in the middle of the `<pre>`; they survive as `&#10;`.
    #[test]
    fn code_with_blank_lines_stays_inside_the_block_and_keeps_its_lines() {
        let mut q = predict("blank:lines", "9.9.demo");
        q.explanation =
            "Like this:\n\n```rust\nlet a = 1;\n\nlet b = 2;\n```\n\n    indented".into();
        let html = quiz_html(&quiz(vec![q]), &Fake { demo: None }).unwrap();
        assert!(!html.contains("\n\n"));
        assert_one_html_block(&html);
        assert_balanced(&html);
        assert!(html.contains(
            "<code class=\"language-rust noplayground\">fn a() {}&#10;&#10;    // indented&#10;&#10;fn b() {}</code>"
        ));
        assert!(html.contains("let a = 1;&#10;&#10;let b = 2;"));
    }

    #[test]
    fn a_predict_question_shows_its_demo_after_the_answer_when_given_one() {
        let q = || predict("blank:lines", "9.9.demo");
        let with = quiz_html(
            &quiz(vec![q()]),
            &Fake {
                demo: Some("<div class=\"workbook-demo\"><pre>ID\n\nsaid\n</pre></div>"),
            },
        )
        .unwrap();
        let answer = &with[with
            .find("<details class=\"workbook-quiz-answer\">")
            .unwrap()..];
        assert!(answer.contains("<summary>Watch it run: demo <code>9.9.demo</code></summary>"));
        assert!(
            answer.contains(
                "<div class=\"workbook-demo\"><pre>9.9.demo&#10;&#10;said&#10;</pre></div>"
            )
        );
        assert_one_html_block(&with);
        let without = quiz_html(&quiz(vec![q()]), &Fake { demo: None }).unwrap();
        assert!(without.contains("the demo <code>9.9.demo</code> runs this code"));
    }

    #[test]
    fn a_snippet_that_cannot_be_had_fails_the_build_naming_the_question() {
        let quiz = quiz(vec![
            question("p", "a", &["b", "c"], "e"),
            predict("nowhere.rs:nothing", "9.9.demo"),
        ]);
        let error = format!("{:#}", quiz_html(&quiz, &Fake { demo: None }).unwrap_err());
        assert_eq!(
            error,
            "quiz 9.9, question 2: cannot include nowhere.rs:nothing"
        );
    }

    #[test]
    fn a_lesson_without_a_quiz_has_none() {
        assert!(lesson_quiz_html("rosetta", &Workspace).unwrap().is_none());
        let html = lesson_quiz_html("4.1", &Workspace).unwrap().unwrap();
        assert!(html.contains("Quiz: lesson 4.1"));
        assert!(html.contains("<code>cargo xtask quiz 4.1</code>"));
    }

    #[test]
    fn markdown_in_a_choice_is_inline() {
        assert_eq!(
            markdown_inline("`a` and *b*"),
            "<code>a</code> and <em>b</em>"
        );
        assert_eq!(markdown_inline("one\n\ntwo"), "one<br />\ntwo");
        assert_eq!(markdown_block("one\n\ntwo"), "<p>one</p>\n<p>two</p>");
    }

    #[test]
    fn html_block_only_touches_pre_and_blank_lines() {
        assert_eq!(
            html_block("<div>\n\n  \n<pre class=\"x\">a\n\nb</pre>\n<prelude>\n\n</div>"),
            "<div>\n<pre class=\"x\">a&#10;&#10;b</pre>\n<prelude>\n</div>\n"
        );
    }

    /// A `Write` into a shared buffer, to catch what mdBook logs.
    #[derive(Clone, Default)]
    struct Log(std::sync::Arc<std::sync::Mutex<Vec<u8>>>);

    impl std::io::Write for Log {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(bytes);
            Ok(bytes.len())
        }

        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    /// The real thing: a one-chapter book ending in a quiz, rendered by mdBook. mdBook
    /// 0.5 re-reads raw HTML into its own tree (warning about any tag it cannot match)
    /// and writes it out again; the quiz must come through whole, script and all.
    #[test]
    fn mdbook_renders_the_quiz_whole_and_without_warnings() {
        use tracing_subscriber::util::SubscriberInitExt;
        let mut q = predict("blank:lines", "9.9.demo");
        q.prompt = "Does `Vec<u8>` print?".into();
        let quiz = quiz(vec![q, question("p", "*a*", &["b", "c"], "e")]);
        let html = quiz_html(&quiz, &Fake { demo: None }).unwrap();
        let dir = std::env::temp_dir().join(format!("workbook-quiz-book-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("src")).unwrap();
        let write = |path: &str, text: &str| std::fs::write(dir.join(path), text).unwrap();
        write(
            "book.toml",
            "[book]\ntitle = \"t\"\n[output.html.search]\nenable = false\n",
        );
        write("src/SUMMARY.md", "[Lesson](lesson.md)\n");
        write("src/lesson.md", &format!("# Lesson\n\nText.\n\n{html}"));
        let log = Log::default();
        let writer = log.clone();
        let guard = tracing_subscriber::fmt()
            .with_writer(move || writer.clone())
            .with_max_level(tracing_subscriber::filter::LevelFilter::WARN)
            .finish()
            .set_default();
        mdbook_driver::MDBook::load(&dir).unwrap().build().unwrap();
        drop(guard);
        let page = std::fs::read_to_string(dir.join("book/lesson.html")).unwrap();
        let _ = std::fs::remove_dir_all(&dir);
        let warnings = String::from_utf8(log.0.lock().unwrap().clone()).unwrap();
        assert_eq!(warnings, "", "mdBook warned");
        let start = page
            .find("<section class=\"workbook-quiz\"")
            .expect("the quiz");
        let end = start + page[start..].find("</section>").unwrap() + "</section>".len();
        let section = &page[start..end];
        assert_balanced(section);
        assert_eq!(section.matches("<script>").count(), 1);
        assert!(section.contains(SCRIPT.trim_end().strip_suffix("</script>").unwrap()));
        assert_eq!(
            section.matches("class=\"workbook-quiz-question\"").count(),
            2
        );
        assert_eq!(section.matches("data-right=\"\"").count(), 2);
        assert_eq!(section.matches("disabled=\"\"").count(), 6);
        assert!(section.contains("<p class=\"workbook-quiz-score\" role=\"status\" hidden=\"\">"));
        assert!(section.contains("Does <code>Vec&lt;u8&gt;</code> print?"));
        assert!(section.contains("<em>a</em>"));
        assert!(
            section.contains("fn a() {}\n\n    // indented\n\nfn b() {}</code>"),
            "the snippet keeps its lines:\n{section}"
        );
    }

    /// The script sits in a Markdown HTML block and inside `<script>`: no blank line, and
    /// nothing that would end the element early.
    #[test]
    fn the_script_and_style_survive_markdown_and_html() {
        for (name, text) in [("script", SCRIPT), ("style", STYLE)] {
            let inside = text
                .strip_prefix(&format!("<{name}>\n"))
                .and_then(|t| t.strip_suffix(&format!("</{name}>\n")))
                .unwrap();
            assert!(!inside.contains("</"), "{name}");
            assert!(!inside.contains("<!--"), "{name}");
            assert!(inside.lines().all(|line| !line.trim().is_empty()), "{name}");
        }
    }
}
