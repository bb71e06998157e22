//! The summary of a run as pretty-printed JSON.

use crate::analysis::Summary;
use crate::error::{Error, Result};

pub fn to_bytes(summary: &Summary) -> Result<Vec<u8>> {
    let mut out = serde_json::to_vec_pretty(summary)
        .map_err(|e| Error::Render(format!("JSON export failed: {e}")))?;
    out.push(b'\n');
    Ok(out)
}
