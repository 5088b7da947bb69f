//! Helpers shared by the integration tests: run factlint in-process, as the binary would.

#![allow(dead_code)]

pub mod shapes;

use clap::Parser;
use factlint::cli::{Cli, run};

pub struct Run {
    pub status: factlint::cli::exit::ExitStatus,
    pub stdout: String,
    pub stderr: String,
}

/// Run `factlint ARGS…` in-process from the crate root (so paths are repo-relative).
pub fn factlint(args: &[&str]) -> Run {
    let root = env!("CARGO_MANIFEST_DIR");
    std::env::set_current_dir(root).expect("crate root exists");
    let cli = Cli::try_parse_from(std::iter::once("factlint").chain(args.iter().copied()))
        .expect("valid arguments");
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let status = run(cli, &mut out, &mut err);
    Run {
        status,
        stdout: String::from_utf8(out).expect("reports are UTF-8"),
        stderr: String::from_utf8(err).expect("messages are UTF-8"),
    }
}

/// `(line, code)` of every `<!-- expect: code -->` marker in a fixture.
pub fn expected_markers(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let mut rest = line;
        while let Some(at) = rest.find("<!-- expect: ") {
            let after = &rest[at + "<!-- expect: ".len()..];
            let end = after.find(" -->").unwrap_or(after.len());
            out.push((i + 1, after[..end].trim().to_string()));
            rest = &after[end..];
        }
    }
    out.sort();
    out
}

/// `(line, code)` of the primary label of every diagnostic in a JSON report.
pub fn found_primaries(json: &str) -> Vec<(usize, String)> {
    let report: serde_json::Value = serde_json::from_str(json).expect("JSON report parses");
    let mut out: Vec<(usize, String)> = report["diagnostics"]
        .as_array()
        .expect("diagnostics array")
        .iter()
        .map(|d| {
            let primary = d["labels"]
                .as_array()
                .expect("labels array")
                .iter()
                .find(|l| l["primary"] == true)
                .expect("one primary label");
            (
                primary["line"].as_u64().expect("line") as usize,
                d["code"].as_str().expect("code").to_string(),
            )
        })
        .collect();
    out.sort();
    out
}
