//! The two clocks a demo can run on.

use tokio::runtime::{Builder, Runtime};

/// Which clock a demo runs on.
///
/// Lessons default to [`TimeMode::Real`] so the learner *feels* a one-second wait.
/// [`TimeMode::Virtual`] (`--instant`) pauses tokio's clock: whenever every task is
/// waiting on a timer, the runtime jumps straight to the next deadline. A demo then
/// finishes at once and reports exact durations, such as 3.00 s rather than 3.0021 s.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeMode {
    /// Wall-clock time: sleeps really take as long as they say.
    Real,
    /// Tokio's paused clock: sleeps complete instantly, durations are exact.
    Virtual,
}

impl TimeMode {
    /// Builds the single-threaded runtime a demo runs on in this mode.
    ///
    /// Single-threaded on purpose: it is what asyncio gives you (one event loop on one
    /// thread), and it is what makes "concurrent" visibly different from "parallel".
    pub fn runtime(self) -> std::io::Result<Runtime> {
        let mut builder = Builder::new_current_thread();
        builder.enable_all();
        if self == TimeMode::Virtual {
            builder.start_paused(true);
        }
        builder.build()
    }

    /// The word used in reports for this clock: `"real"` or `"virtual"`.
    pub fn clock_name(self) -> &'static str {
        match self {
            TimeMode::Real => "real",
            TimeMode::Virtual => "virtual",
        }
    }
}
