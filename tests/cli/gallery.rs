//! The README's gallery is current: the spec files in `examples/` draw exactly the files
//! committed under `output/`, byte for byte, and nothing under `output/` lacks a spec.
//! `output/typeset/` is left out: it holds pictures that LaTeX and Typst compiled from the
//! gallery's `.tex` and `.typ` files (`bash tools/typeset-gallery.sh`), not nllplot's own.
//!
//! The specs run on a copy of `examples/` (and of `tests/fonts/`, which the Chinese example's
//! `--font` names) beside an empty `output/` in a temporary folder (their `../output/…` paths
//! resolve against their own folder), so the check never touches the working tree. After a deliberate change to the drawing, `bash tools/gallery.sh`
//! regenerates the files.

use assert_cmd::Command;
use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

fn names(dir: &Path) -> BTreeSet<String> {
    fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect()
}

#[test]
fn the_gallery_is_what_the_example_specs_draw() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let tmp = tempfile::tempdir().unwrap();
    let examples = tmp.path().join("examples");
    fs::create_dir(&examples).unwrap();
    fs::create_dir(tmp.path().join("output")).unwrap();
    let mut specs = Vec::new();
    for name in names(&repo.join("examples")) {
        fs::copy(repo.join("examples").join(&name), examples.join(&name)).unwrap();
        if name.ends_with(".toml") {
            specs.push(format!("examples/{name}"));
        }
    }
    assert!(specs.len() >= 10, "the examples folder holds too few specs");
    let fonts = tmp.path().join("tests/fonts");
    fs::create_dir_all(&fonts).unwrap();
    for name in names(&repo.join("tests/fonts")) {
        fs::copy(repo.join("tests/fonts").join(&name), fonts.join(&name)).unwrap();
    }
    let out = Command::cargo_bin("nllplot")
        .unwrap()
        .current_dir(tmp.path())
        .arg("--quiet")
        .arg("--spec")
        .args(&specs)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let drawn = names(&tmp.path().join("output"));
    let mut committed = names(&repo.join("output"));
    committed.remove("typeset");
    // The interactive page's screenshot: taken by Chromium (tools/page-screenshot.sh), not
    // drawn by a spec.
    committed.remove("page.png");
    assert_eq!(
        drawn, committed,
        "output/ and the files examples/*.toml draw differ: run bash tools/gallery.sh"
    );
    let stale: Vec<&String> = drawn
        .iter()
        .filter(|name| {
            fs::read(tmp.path().join("output").join(name)).unwrap()
                != fs::read(repo.join("output").join(name)).unwrap()
        })
        .collect();
    assert!(
        stale.is_empty(),
        "output/{stale:?} differ from what examples/*.toml draw now: run bash tools/gallery.sh"
    );
}
