//! The progress bar of the command line: indicatif on stderr, for work that lasts.
//!
//! The bar appears only when stderr is a terminal (never in a pipe, a log or CI) and only
//! once a task has run for half a second, so quick runs print nothing extra; `--quiet` turns
//! it off. It listens to the library's [`Progress`] reports and never touches stdout.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use nllplot::progress::{Progress, Task};
use std::io::IsTerminal;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// How long a task runs before its bar appears.
const DELAY: Duration = Duration::from_millis(500);

/// A bar that shows itself once a task has lasted [`DELAY`].
pub struct Bar {
    enabled: bool,
    state: Mutex<State>,
}

#[derive(Default)]
struct State {
    task: Option<(Task, u64, Instant)>,
    done: u64,
    bar: Option<ProgressBar>,
}

impl Bar {
    /// A bar on stderr, or one that stays silent when stderr is not a terminal or `quiet`.
    pub fn for_stderr(quiet: bool) -> Bar {
        Bar {
            enabled: !quiet && std::io::stderr().is_terminal(),
            state: Mutex::new(State::default()),
        }
    }
}

impl Progress for Bar {
    fn start(&self, task: Task, total: u64) {
        if let Ok(mut s) = self.state.lock() {
            *s = State {
                task: Some((task, total, Instant::now())),
                ..State::default()
            };
        }
    }

    fn advance(&self, units: u64) {
        if !self.enabled {
            return;
        }
        let Ok(mut s) = self.state.lock() else {
            return;
        };
        s.done += units;
        let Some((task, total, since)) = s.task else {
            return;
        };
        if s.bar.is_none() && since.elapsed() >= DELAY && total > 0 {
            let (message, template) = match task {
                Task::Sampling => (
                    "drawing",
                    "{msg} [{bar:40}] {human_pos}/{human_len} draws, {eta} left",
                ),
                Task::Reading => (
                    "reading",
                    "{msg} [{bar:40}] {bytes}/{total_bytes}, {eta} left",
                ),
            };
            let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr());
            if let Ok(style) = ProgressStyle::with_template(template) {
                bar.set_style(style.progress_chars("=> "));
            }
            bar.set_message(message);
            s.bar = Some(bar);
        }
        if let Some(bar) = &s.bar {
            bar.set_position(s.done);
        }
    }

    fn finish(&self) {
        if let Ok(mut s) = self.state.lock() {
            if let Some(bar) = s.bar.take() {
                bar.finish_and_clear();
            }
            s.task = None;
        }
    }
}
