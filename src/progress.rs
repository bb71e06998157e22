//! Progress of the long stages (drawing a huge sample, reading a big data file), reported to
//! whoever wants to show it.
//!
//! The library only counts; the command line decides whether and how to show a bar (on a
//! terminal, for work that lasts), so the crate stays free of terminal code. Reporting never
//! changes what is computed: the sampler reports each chunk after it is drawn, the reader the
//! bytes it has consumed.

use std::io::{self, BufRead, Read};
use std::time::Duration;

/// What is being counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Task {
    /// Synthetic draws; the total is n.
    Sampling,
    /// Bytes of a data file; the total is its size.
    Reading,
}

/// Receives progress reports; called from worker threads, hence `Sync`.
///
/// ```
/// use nllplot::progress::{Progress, Task};
/// use nllplot::{analyse_with, Config, Request};
/// use std::sync::atomic::{AtomicU64, Ordering};
///
/// struct Count(AtomicU64);
/// impl Progress for Count {
///     fn start(&self, task: Task, total: u64) {
///         assert_eq!((task, total), (Task::Sampling, 200_000));
///     }
///     fn advance(&self, draws: u64) {
///         self.0.fetch_add(draws, Ordering::Relaxed);
///     }
///     fn finish(&self) {}
/// }
///
/// let config = Config::from_request(Request { samples: Some(200_000), ..Request::default() })?;
/// let count = Count(AtomicU64::new(0));
/// let analysis = analyse_with(&config, &count)?;
/// assert_eq!(count.0.load(Ordering::Relaxed), analysis.curve().unwrap().n);
/// # Ok::<(), nllplot::Error>(())
/// ```
pub trait Progress: Sync {
    /// A task of `total` units begins.
    fn start(&self, task: Task, total: u64);
    /// `units` more are done.
    fn advance(&self, units: u64);
    /// The task is over (also after an error).
    fn finish(&self);
}

/// Reports to nobody.
#[derive(Debug, Clone, Copy, Default)]
pub struct Silent;

impl Progress for Silent {
    fn start(&self, _: Task, _: u64) {}
    fn advance(&self, _: u64) {}
    fn finish(&self) {}
}

/// The time left of a task of `total` units of which `done` took `elapsed`: the rest at the
/// throughput measured so far. `None` before anything is done. (A bar that appears late
/// must not count the work done before it appeared as done in no time: that read "0s left"
/// at 1 %.)
pub fn time_left(done: u64, total: u64, elapsed: Duration) -> Option<Duration> {
    if done == 0 || elapsed.is_zero() {
        return None;
    }
    let left = total.saturating_sub(done) as f64;
    Some(elapsed.mul_f64(left / done as f64))
}

/// Bytes between two reports of a [`CountingReader`]: rare enough to cost nothing per line.
const REPORT_EVERY: u64 = 1 << 20;

/// A buffered reader that reports the bytes consumed through it.
pub struct CountingReader<'a, R> {
    inner: R,
    progress: &'a dyn Progress,
    pending: u64,
}

impl<'a, R> CountingReader<'a, R> {
    pub fn new(inner: R, progress: &'a dyn Progress) -> Self {
        CountingReader {
            inner,
            progress,
            pending: 0,
        }
    }

    fn count(&mut self, n: usize) {
        self.pending += n as u64;
        if self.pending >= REPORT_EVERY {
            self.progress.advance(self.pending);
            self.pending = 0;
        }
    }
}

impl<R> Drop for CountingReader<'_, R> {
    fn drop(&mut self) {
        if self.pending > 0 {
            self.progress.advance(self.pending);
        }
    }
}

impl<R: Read> Read for CountingReader<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count(n);
        Ok(n)
    }
}

impl<R: BufRead> BufRead for CountingReader<'_, R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        self.inner.fill_buf()
    }

    fn consume(&mut self, amount: usize) {
        self.inner.consume(amount);
        self.count(amount);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicU64, Ordering};

    #[derive(Default)]
    struct Tally(AtomicU64);

    impl Progress for Tally {
        fn start(&self, _: Task, _: u64) {}
        fn advance(&self, units: u64) {
            self.0.fetch_add(units, Ordering::Relaxed);
        }
        fn finish(&self) {}
    }

    #[test]
    fn time_left_follows_the_measured_throughput() {
        let s = Duration::from_secs;
        // 1 % done in 0.5 s: 49.5 s left, not 0.
        assert_eq!(
            time_left(1, 100, Duration::from_millis(500)),
            Some(Duration::from_millis(49_500))
        );
        // 12 % done in 6 s: 44 s left.
        assert_eq!(time_left(12, 100, s(6)), Some(s(44)));
        assert_eq!(time_left(100, 100, s(6)), Some(s(0)));
        assert_eq!(time_left(0, 100, s(6)), None);
        assert_eq!(time_left(5, 100, Duration::ZERO), None);
    }

    #[test]
    fn every_byte_read_is_reported_once() {
        let text = "1\n".repeat(700_000); // 1.4 MB: one report on the way, the rest at the end
        let tally = Tally::default();
        {
            let mut reader = CountingReader::new(text.as_bytes(), &tally);
            let mut line = Vec::new();
            while reader.read_until(b'\n', &mut line).unwrap() > 0 {}
        }
        assert_eq!(tally.0.load(Ordering::Relaxed), text.len() as u64);
    }
}
