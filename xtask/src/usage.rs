//! Bad input: one clear line and exit code 2, never a panic or a page of usage text.

use std::process::ExitCode;

/// An error in what the user typed (an unknown lesson, a missing argument).
///
/// It carries the whole one-line message, including what does exist.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct UsageError(pub String);

/// Prints `error` as one line on stderr; exit code 2 for bad input, 1 for anything else.
pub fn report_error(error: &anyhow::Error) -> ExitCode {
    eprintln!("error: {error:#}");
    if error.downcast_ref::<UsageError>().is_some() {
        ExitCode::from(2)
    } else {
        ExitCode::FAILURE
    }
}

/// Shows `--help` and `--version` as clap prints them; turns real parse errors into one line.
pub fn report_clap_error(error: clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    match error.kind() {
        ErrorKind::DisplayHelp
        | ErrorKind::DisplayVersion
        | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            // Printing help can only fail if stdout is closed; nothing useful to do then.
            let _ = error.print();
            ExitCode::SUCCESS
        }
        _ => {
            let rendered = error.render().to_string();
            let first_line = rendered
                .lines()
                .next()
                .unwrap_or("could not read the command line");
            let first_line = first_line.strip_prefix("error: ").unwrap_or(first_line);
            eprintln!("error: {first_line} (see `cargo xtask --help`)");
            ExitCode::from(2)
        }
    }
}
