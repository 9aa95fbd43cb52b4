//! Helpers shared by the integration tests that run the `reftrace` binary.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A path inside the repository.
pub fn repo(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(relative)
}

/// Runs the `reftrace` binary with `args`.
pub fn reftrace(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_reftrace"))
        .args(args)
        .output()
        .unwrap()
}

/// Standard error of a run, as text.
pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}
