//! The progress bar of the command line: indicatif on stderr, for work that lasts.
//!
//! The bar appears only when stderr is a terminal (never in a pipe, a log or CI) and only
//! once a task has run for half a second, so quick runs print nothing extra; `--quiet` turns
//! it off. It listens to the library's [`Progress`] reports and never touches stdout.
//!
//! The time left is computed here from the throughput since the task started
//! ([`time_left`]), not by indicatif: its estimate starts when the bar appears, after half a
//! second of work, and took that work as done in no time ("0s left" at 1 %).

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use nllplot::progress::{time_left, Progress, Task};
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
                    "{msg} [{bar:40}] {human_pos}/{human_len} draws, {prefix}",
                ),
                Task::Reading => (
                    "reading",
                    "{msg} [{bar:40}] {bytes}/{total_bytes}, {prefix}",
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
            bar.set_prefix(match time_left(s.done, total, since.elapsed()) {
                Some(left) => format!("{} left", human(left)),
                None => "estimating".to_string(),
            });
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

/// A duration as a person reads it on a bar: 45s, 3m 12s, 1h 04m.
fn human(d: Duration) -> String {
    let s = d.as_secs();
    match s {
        0..=59 => format!("{s}s"),
        60..=3599 => format!("{}m {:02}s", s / 60, s % 60),
        _ => format!("{}h {:02}m", s / 3600, s / 60 % 60),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_as_minutes_and_hours() {
        assert_eq!(human(Duration::from_millis(44_900)), "44s");
        assert_eq!(human(Duration::from_secs(192)), "3m 12s");
        assert_eq!(human(Duration::from_secs(3840)), "1h 04m");
    }
}
