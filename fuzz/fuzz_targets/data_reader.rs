//! Fuzz target: the data reader, the one parser of untrusted files.
//!
//! The first bytes choose the family and its known parameter; the rest is the file. Whatever
//! the bytes, reading must return statistics or an error, never panic; accepted data must give
//! an LL that is finite or ±∞ and never NaN, at the estimate, across the default window and at
//! the edges of the parameter space; and the sweep's NLL must be exactly −LL.

#![no_main]

use libfuzzer_sys::fuzz_target;
use nllplot::config::DataSource;
use nllplot::data::read_from;
use nllplot::family::{build, Dist, Known};
use nllplot::sweep::{Grid, Sweep};

fuzz_target!(|bytes: &[u8]| {
    let Some((&head, rest)) = bytes.split_first() else {
        return;
    };
    let dist = Dist::ALL[head as usize % Dist::ALL.len()];
    // Spread the known parameters independently of the family chosen above.
    let known = match head / 6 % 4 {
        0 => Known::default(),
        1 => Known {
            trials: 1,
            sigma: 1e-300,
            ..Known::default()
        },
        2 => Known {
            trials: 1 << 53,
            sigma: 1e300,
            ..Known::default()
        },
        _ => Known {
            trials: 65_537,
            sigma: 0.5,
            ..Known::default()
        },
    };
    let family = build(dist, known).expect("valid known parameters");
    let source = DataSource::File("fuzz.txt".into());
    let Ok(stats) = read_from(family.as_ref(), rest, &source) else {
        return;
    };
    assert!(stats.n > 0);
    let space = family.space();
    let curve = nllplot::model::FamilyCurve {
        family: family.as_ref(),
        stats: &stats,
    };
    let (mle, _) = nllplot::inference::estimate(&curve);
    let (lo, hi) = family.default_range(&stats, mle);
    let mut thetas = vec![
        mle, lo, hi, space.lo, space.hi, 0.0, 0.5, 1.0, 1e-300, 1e300, -1e300,
    ];
    thetas.retain(|t| t.is_finite() && space.contains(*t));
    for theta in thetas {
        let ll = family.ll(&stats, theta);
        assert!(!ll.is_nan(), "{dist}: LL({theta}) is NaN");
    }
    if mle.is_finite() && lo < hi {
        let axis = nllplot::axis::Axis::new(family.as_ref(), nllplot::axis::Parameterization::Mean)
            .expect("every family has its mean parameterisation");
        let sweep = Sweep::evaluate(family.as_ref(), &stats, Grid { lo, hi, points: 64 }, &axis);
        for (theta, ll, nll) in sweep.rows() {
            assert!(
                !ll.is_nan(),
                "{dist}: LL({theta}) is NaN on the default grid"
            );
            assert_eq!(nll.to_bits(), (-ll).to_bits());
        }
    }
});
