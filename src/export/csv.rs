//! The sweep as CSV: `theta,ll,nll`, one row per grid point (`eta,theta,ll,nll` when the
//! sweep runs over the natural parameter).
//!
//! Numbers are written in Rust's shortest round-trip form (`0.3`, `1e-7`), so reading the file
//! back gives the exact doubles; infinite values (a support boundary) are written `inf` and
//! `-inf`, which numpy, pandas and R all read.

use crate::error::{Error, Result};
use crate::sweep::Sweep;

/// `natural`: the sweep ran over the natural parameter η; θ(η) is written beside it.
pub fn to_bytes(sweep: &Sweep, natural: bool) -> Result<Vec<u8>> {
    let mut out = csv::Writer::from_writer(Vec::with_capacity(sweep.theta.len() * 48));
    let fail = |e: csv::Error| Error::Render(format!("CSV export failed: {e}"));
    if natural {
        out.write_record(["eta", "theta", "ll", "nll"])
            .map_err(fail)?;
        for ((x, ll, nll), &theta) in sweep.rows().zip(&sweep.theta) {
            out.write_record([float(x), float(theta), float(ll), float(nll)])
                .map_err(fail)?;
        }
    } else {
        out.write_record(["theta", "ll", "nll"]).map_err(fail)?;
        for (theta, ll, nll) in sweep.rows() {
            out.write_record([float(theta), float(ll), float(nll)])
                .map_err(fail)?;
        }
    }
    out.into_inner()
        .map_err(|e| Error::Render(format!("CSV export failed: {e}")))
}

/// Shortest representation that parses back to the same double.
pub fn float(x: f64) -> String {
    format!("{x:?}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floats_round_trip_and_name_infinities() {
        assert_eq!(float(0.3), "0.3");
        assert_eq!(float(1e-7), "1e-7");
        assert_eq!(float(f64::NEG_INFINITY), "-inf");
        assert_eq!(float(f64::INFINITY), "inf");
        let x = 0.1 + 0.2;
        assert_eq!(float(x).parse::<f64>().unwrap(), x);
    }
}
