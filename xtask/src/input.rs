//! Asking the learner for a line: rustyline on a terminal (history, tab completion,
//! Ctrl-C clears the line, Ctrl-D leaves), plain lines from a pipe — so that a test
//! can drive the menu by writing to its standard input.

use anyhow::Result;
use rustyline::completion::{Completer, Pair};
use rustyline::error::ReadlineError;
use rustyline::highlight::Highlighter;
use rustyline::hint::Hinter;
use rustyline::history::FileHistory;
use rustyline::validate::Validator;
use rustyline::{Context, Editor, Helper};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;

/// What the learner answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    /// A line (without its newline).
    Line(String),
    /// Ctrl-C: the line was abandoned; ask again.
    Interrupted,
    /// Ctrl-D or the end of piped input: leave.
    Eof,
}

/// The one source of typed input for the runner's interactive parts.
pub struct Input {
    editor: Editor<Words, FileHistory>,
    history: Option<PathBuf>,
}

impl Input {
    /// An input with tab completion over `words`; history kept in `history` if given
    /// and a person is typing (piped input leaves no history behind).
    pub fn new(words: Vec<String>, history: Option<PathBuf>) -> Result<Self> {
        let history = history.filter(|_| std::io::stdin().is_terminal());
        let mut editor = Editor::new()?;
        editor.set_helper(Some(Words(words)));
        if let Some(path) = &history {
            // No history yet is the normal first run.
            let _ = editor.load_history(path);
        }
        Ok(Input { editor, history })
    }

    /// An input without completion or history, for a single question.
    pub fn plain() -> Result<Self> {
        Input::new(Vec::new(), None)
    }

    /// Shows `prompt` and reads one line.
    pub fn ask(&mut self, prompt: &str) -> Result<Answer> {
        let piped = !std::io::stdin().is_terminal();
        if piped {
            // rustyline prints no prompt when reading a pipe; keep transcripts readable.
            print!("{prompt}");
            std::io::stdout().flush()?;
        }
        match self.editor.readline(prompt) {
            Ok(line) => {
                if piped {
                    println!("{line}");
                }
                if !line.trim().is_empty() && self.history.is_some() {
                    let _ = self.editor.add_history_entry(line.as_str());
                }
                Ok(Answer::Line(line))
            }
            Err(ReadlineError::Interrupted) => Ok(Answer::Interrupted),
            Err(ReadlineError::Eof) => Ok(Answer::Eof),
            Err(error) => Err(error.into()),
        }
    }

    /// Asks a yes/no question; anything but `y`/`yes` (including no input at all) is no.
    pub fn confirm(&mut self, question: &str) -> Result<bool> {
        match self.ask(&format!("{question} [y/N] "))? {
            Answer::Line(line) => Ok(matches!(line.trim().to_lowercase().as_str(), "y" | "yes")),
            Answer::Interrupted | Answer::Eof => Ok(false),
        }
    }
}

impl Drop for Input {
    fn drop(&mut self) {
        if let Some(path) = &self.history {
            // Losing the history of one session is not worth an error message.
            let _ = self.editor.save_history(path);
        }
    }
}

/// Tab completion over a fixed list of words (commands and ids).
struct Words(Vec<String>);

impl Completer for Words {
    type Candidate = Pair;

    fn complete(
        &self,
        line: &str,
        pos: usize,
        _: &Context<'_>,
    ) -> rustyline::Result<(usize, Vec<Pair>)> {
        let start = line[..pos].rfind(' ').map_or(0, |space| space + 1);
        let partial = &line[start..pos];
        let candidates = self
            .0
            .iter()
            .filter(|word| word.starts_with(partial))
            .map(|word| Pair {
                display: word.clone(),
                replacement: word.clone(),
            })
            .collect();
        Ok((start, candidates))
    }
}

impl Hinter for Words {
    type Hint = String;
}
impl Highlighter for Words {}
impl Validator for Words {}
impl Helper for Words {}
