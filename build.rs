//! Build script: links the `nllplot` executable position-dependent (non-PIE) on Linux.
//!
//! A position-independent executable carries ~16,000 relative relocations (the vtables, the
//! tables of the parsers and the bundled font's index) that the dynamic loader applies at every
//! start, dirtying the pages that hold them; fixed at link time they cost nothing. nllplot is
//! started once per figure, so its start-up is part of every figure's time: without PIE the
//! process makes ~70 fewer page faults and starts ~0.2 ms sooner (README, Speed). The objects
//! stay position-independent (no `-C relocation-model`, which would rebuild every dependency
//! differently from the library the Python module links); only the final link changes. The
//! price is that the executable's own image is not randomised in memory (libraries, stack and
//! heap still are).

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux") {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
}
