//! Every fixture under `tests/fixtures/<code>/` is checked two ways: its `<!-- expect: code -->`
//! markers must match the primary labels found (no missing, no extra finding), and its human
//! report (no colour, 80 columns) is an insta snapshot.

mod common;

use common::{expected_markers, factlint, found_primaries};
use std::path::Path;

fn fixtures() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut out = Vec::new();
    for dir in std::fs::read_dir(&root).expect("tests/fixtures exists") {
        let dir = dir.expect("readable").path();
        for file in std::fs::read_dir(&dir).expect("fixture dir") {
            let file = file.expect("readable").path();
            if file.extension().is_none_or(|e| e != "md") {
                continue;
            }
            let relative = file
                .strip_prefix(env!("CARGO_MANIFEST_DIR"))
                .expect("under root");
            out.push(relative.to_string_lossy().replace('\\', "/"));
        }
    }
    out.sort();
    out
}

/// The arguments plus the fixture, with `--facts <fixture>.facts.toml` when that sheet exists.
fn with_sheet<'a>(args: &[&'a str], fixture: &'a str) -> Vec<&'a str> {
    let mut out = args.to_vec();
    let sheet = fixture.replace(".md", ".facts.toml");
    if Path::new(&sheet).exists() {
        out.push("--facts");
        out.push(Box::leak(sheet.into_boxed_str()));
    }
    out.push(fixture);
    out
}

#[test]
fn markers_match_findings() {
    let mut failures = Vec::new();
    for fixture in fixtures() {
        let text = std::fs::read_to_string(&fixture).expect("fixture readable");
        let expected = expected_markers(&text);
        assert!(
            !expected.is_empty() || fixture.contains("clean"),
            "{fixture} has no markers"
        );
        let run = factlint(&with_sheet(&["check", "--format", "json"], &fixture));
        let found = found_primaries(&run.stdout);
        if found != expected {
            failures.push(format!(
                "{fixture}\n  expected {expected:?}\n  found    {found:?}"
            ));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn human_reports() {
    for fixture in fixtures() {
        let run = factlint(&with_sheet(
            &["check", "--color", "never", "--width", "80"],
            &fixture,
        ));
        let name = fixture
            .trim_start_matches("tests/fixtures/")
            .replace('/', "__");
        insta::assert_snapshot!(name, run.stdout);
    }
}
