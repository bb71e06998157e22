//! `--help` and `--version`.

use crate::common::Sandbox;

const FAMILIES: [&str; 6] = [
    "bernoulli",
    "binomial",
    "geometric",
    "poisson",
    "exponential",
    "normal",
];

#[test]
fn help_names_every_family_and_the_range_option() {
    let sb = Sandbox::new();
    let out = sb.run_ok(&["--help"]);
    let text = String::from_utf8(out.stdout).unwrap();
    for family in FAMILIES {
        assert!(text.contains(family), "--help does not mention {family}");
    }
    for option in ["--range", "--data", "--out", "--csv", "--json", "--seed"] {
        assert!(text.contains(option), "--help does not mention {option}");
    }
    assert!(sb.listing().is_empty(), "--help wrote files");
}

#[test]
fn short_help_also_lists_the_families() {
    let sb = Sandbox::new();
    let out = sb.run_ok(&["-h"]);
    let text = String::from_utf8(out.stdout).unwrap();
    for family in FAMILIES {
        assert!(text.contains(family), "-h does not mention {family}");
    }
    assert!(text.contains("--range"));
}

#[test]
fn version_prints_the_package_version() {
    let sb = Sandbox::new();
    let out = sb.run_ok(&["--version"]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        text.trim(),
        format!("nllplot {}", env!("CARGO_PKG_VERSION"))
    );
    assert!(sb.listing().is_empty(), "--version wrote files");
}
