//! The one error type of the library.
//!
//! Every variant renders as a single sentence that names the problem (and the file and line
//! for data), because the command line prints exactly that on stderr. Variants are kept apart
//! where a caller acts differently: a usage error exits with status 2, everything else with 1.

use std::io;
use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// An option or a combination of options that can never work, found before any work.
    #[error("{0}")]
    Usage(String),

    /// A data value that is not a number, or not one the family can produce.
    #[error("{source_name}:{line}: {message}")]
    Data {
        source_name: String,
        line: u64,
        message: String,
    },

    /// Data that parsed but cannot make a likelihood (no observations, a degenerate sample).
    #[error("{source_name}: {message}")]
    Dataset {
        source_name: String,
        message: String,
    },

    /// Reading the data failed.
    #[error("cannot read {}: {source}", path.display())]
    Read { path: PathBuf, source: io::Error },

    /// Writing an output failed; nothing was left behind in its place.
    #[error("cannot write {}: {source}", path.display())]
    Write { path: PathBuf, source: io::Error },

    /// The renderer failed (a bug rather than bad input: every input it gets was checked).
    #[error("cannot draw the figure: {0}")]
    Render(String),
}

impl Error {
    /// The process exit status this error should produce: 2 for usage, 1 otherwise.
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Usage(_) => 2,
            _ => 1,
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
