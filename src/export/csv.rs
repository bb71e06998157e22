//! The sweep as CSV: `theta,ll,nll`, one row per grid point (`eta,theta,ll,nll` when the
//! sweep runs over the natural parameter), then one column per profiled parameter holding
//! its maximising value at that point. A surface is `theta1,theta2,ll,nll`, row-major in the
//! first parameter, with the same profiled columns.
//!
//! Numbers are written in Rust's shortest round-trip form (`0.3`, `1e-7`), so reading the file
//! back gives the exact doubles; infinite values (a support boundary) are written `inf` and
//! `-inf`, which numpy, pandas and R all read.

use crate::analysis::{CurveAnalysis, SurfaceAnalysis};
use crate::error::{Error, Result};
use crate::sweep::Sweep;

/// A curve with its profiled parameters' columns.
pub fn curve(curve: &CurveAnalysis, natural: bool) -> Result<Vec<u8>> {
    if curve.nuisance.is_empty() && curve.prior.is_none() {
        return to_bytes(&curve.sweep, natural);
    }
    let prior = curve.prior.as_deref().map(super::prior_csv::columns);
    let fail = |e: csv::Error| Error::Render(format!("CSV export failed: {e}"));
    let mut out = csv::Writer::from_writer(Vec::with_capacity(curve.sweep.theta.len() * 64));
    let mut header = vec!["theta".to_string(), "ll".to_string(), "nll".to_string()];
    header.extend(curve.nuisance.iter().map(|(name, _)| name.clone()));
    for (name, _) in prior.iter().flatten() {
        header.push(name.to_string());
    }
    out.write_record(&header).map_err(fail)?;
    for (i, (theta, ll, nll)) in curve.sweep.rows().enumerate() {
        let mut row = vec![float(theta), float(ll), float(nll)];
        row.extend(curve.nuisance.iter().map(|(_, v)| defined(ll, v[i])));
        row.extend(prior.iter().flatten().map(|(_, v)| float(v[i])));
        out.write_record(&row).map_err(fail)?;
    }
    out.into_inner()
        .map_err(|e| Error::Render(format!("CSV export failed: {e}")))
}

/// A surface: `theta1,theta2,ll,nll` and the profiled parameters' columns.
pub fn surface(analysis: &SurfaceAnalysis) -> Result<Vec<u8>> {
    let s = &analysis.surface;
    let mut out = String::from("theta1,theta2,ll,nll");
    for (name, _) in &analysis.nuisance {
        out.push(',');
        out.push_str(name);
    }
    out.push('\n');
    for (i, &a) in s.a.iter().enumerate() {
        for (j, &b) in s.b.iter().enumerate() {
            let k = i * s.b.len() + j;
            let ll = s.ll[k];
            out.push_str(&format!(
                "{},{},{},{}",
                float(a),
                float(b),
                float(ll),
                float(-ll)
            ));
            for (_, values) in &analysis.nuisance {
                out.push(',');
                out.push_str(&defined(ll, values[k]));
            }
            out.push('\n');
        }
    }
    Ok(out.into_bytes())
}

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

/// Shortest representation that parses back to the same double; an empty cell where a
/// user's expression is undefined (NaN), which every CSV reader takes as missing.
pub fn float(x: f64) -> String {
    if x.is_nan() {
        return String::new();
    }
    format!("{x:?}")
}

/// A profiled parameter's value, empty where LL itself is undefined (it maximised nothing).
fn defined(ll: f64, x: f64) -> String {
    if ll.is_nan() {
        String::new()
    } else {
        float(x)
    }
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
