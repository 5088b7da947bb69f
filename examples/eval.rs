//! Evaluation on hand-injected contradictions: `cargo run --release --example eval`.
//!
//! Runs factlint in-process (as `factlint check --format json`) over
//! `tests/eval/injected/{ar,en}/*.txt` (each with its `*.facts.toml` sheet when there is one)
//! and `tests/eval/clean/{ar,en}/*.txt`, and prints:
//!
//! 1. per check × language: expected, found, true positives, precision, recall — a finding is a
//!    true positive when its code and the line of its primary label match an entry of the
//!    file's `*.expected.toml` (each entry matches at most one finding); every other finding of
//!    that code in an injected file counts against precision;
//! 2. every missed and every unexpected finding, file by file (for diagnosis);
//! 3. findings on each clean article (all of them are false positives or pre-existing
//!    inconsistencies of the source text).
//!
//! Figures, not assertions: the exit status is 0 whatever the scores. Output is deterministic.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use clap::Parser;
use factlint::cli::{Cli, run};

const KINDS: [&str; 6] = [
    "date-conflict",
    "name-variant",
    "weekday-mismatch",
    "calendar-mismatch",
    "order-violation",
    "reference-conflict",
];
const LANGS: [&str; 2] = ["ar", "en"];

/// `(code, line of the primary label)` of every diagnostic factlint reports on `file`.
fn findings(file: &Path, sheet: Option<&Path>) -> Vec<(String, usize)> {
    let mut args: Vec<String> = [
        "factlint",
        "check",
        "--format",
        "json",
        "--no-config",
        "--fail-on",
        "never",
    ]
    .iter()
    .map(ToString::to_string)
    .collect();
    args.push(file.display().to_string());
    if let Some(sheet) = sheet {
        args.push("--facts".into());
        args.push(sheet.display().to_string());
    }
    let cli = match Cli::try_parse_from(&args) {
        Ok(cli) => cli,
        Err(e) => panic!("bad arguments {args:?}: {e}"),
    };
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let _status = run(cli, &mut out, &mut err);
    let report: serde_json::Value = match serde_json::from_slice(&out) {
        Ok(v) => v,
        Err(e) => panic!(
            "no JSON report for {}: {e}\n{}",
            file.display(),
            String::from_utf8_lossy(&err)
        ),
    };
    let mut found = Vec::new();
    for d in report["diagnostics"].as_array().into_iter().flatten() {
        let code = d["code"].as_str().unwrap_or_default().to_string();
        let labels = d["labels"].as_array().cloned().unwrap_or_default();
        let primary = labels
            .iter()
            .find(|l| l["primary"] == true)
            .or(labels.first());
        let line = primary.and_then(|l| l["line"].as_u64()).unwrap_or(0) as usize;
        found.push((code, line));
    }
    found.sort();
    found
}

/// `(code, line)` entries of an `*.expected.toml` file.
fn expected(path: &Path) -> Vec<(String, usize)> {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let value: toml::Value =
        toml::from_str(&text).unwrap_or_else(|e| panic!("bad TOML in {}: {e}", path.display()));
    let mut out: Vec<(String, usize)> = value
        .get("finding")
        .and_then(toml::Value::as_array)
        .into_iter()
        .flatten()
        .map(|f| {
            (
                f.get("code")
                    .and_then(toml::Value::as_str)
                    .unwrap_or_default()
                    .to_string(),
                f.get("line")
                    .and_then(toml::Value::as_integer)
                    .unwrap_or_default() as usize,
            )
        })
        .collect();
    out.sort();
    out
}

fn texts(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    files
}

fn ratio(n: usize, d: usize) -> String {
    if d == 0 {
        "—".into()
    } else {
        format!("{:.2}", n as f64 / d as f64)
    }
}

#[derive(Default)]
struct Score {
    expected: usize,
    found: usize,
    tp: usize,
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    if let Err(e) = std::env::set_current_dir(root) {
        panic!("cannot enter {}: {e}", root.display());
    }
    let mut scores: BTreeMap<(&str, &str), Score> = BTreeMap::new();
    let mut details = String::new();
    for lang in LANGS {
        for file in texts(&Path::new("tests/eval/injected").join(lang)) {
            let stem = file.with_extension("");
            let sheet = stem.with_extension("facts.toml");
            let sheet = sheet.exists().then_some(sheet);
            let mut want = expected(&stem.with_extension("expected.toml"));
            let got = findings(&file, sheet.as_deref());
            let mut unexpected = Vec::new();
            for (code, line) in &got {
                let kind = KINDS.iter().find(|k| *k == code).copied();
                let Some(kind) = kind else {
                    unexpected.push((code.clone(), *line));
                    continue;
                };
                let score = scores.entry((kind, lang)).or_default();
                score.found += 1;
                if let Some(at) = want.iter().position(|(c, l)| c == code && l == line) {
                    want.remove(at);
                    score.tp += 1;
                } else {
                    unexpected.push((code.clone(), *line));
                }
            }
            for (code, _) in expected(&stem.with_extension("expected.toml")) {
                if let Some(kind) = KINDS.iter().find(|k| **k == code) {
                    scores.entry((kind, lang)).or_default().expected += 1;
                }
            }
            for (code, line) in &want {
                let _ = writeln!(details, "  missed      {}:{line}  {code}", file.display());
            }
            for (code, line) in &unexpected {
                let _ = writeln!(details, "  unexpected  {}:{line}  {code}", file.display());
            }
        }
    }

    let mut out = String::new();
    let _ = writeln!(out, "Injected contradictions (tests/eval/injected)\n");
    let _ = writeln!(
        out,
        "| check | lang | expected | found | true pos. | precision | recall |"
    );
    let _ = writeln!(out, "|---|---|---:|---:|---:|---:|---:|");
    let mut total = Score::default();
    for kind in KINDS {
        for lang in LANGS {
            let s = scores.remove(&(kind, lang)).unwrap_or_default();
            let _ = writeln!(
                out,
                "| {kind} | {lang} | {} | {} | {} | {} | {} |",
                s.expected,
                s.found,
                s.tp,
                ratio(s.tp, s.found),
                ratio(s.tp, s.expected)
            );
            total.expected += s.expected;
            total.found += s.found;
            total.tp += s.tp;
        }
    }
    let _ = writeln!(
        out,
        "| **all** | | {} | {} | {} | {} | {} |",
        total.expected,
        total.found,
        total.tp,
        ratio(total.tp, total.found),
        ratio(total.tp, total.expected)
    );
    let _ = writeln!(out, "\nMissed and unexpected findings\n");
    out.push_str(&details);

    let _ = writeln!(
        out,
        "\nFalse positives on the clean articles (tests/eval/clean)\n"
    );
    let _ = writeln!(out, "| article | findings | codes |");
    let _ = writeln!(out, "|---|---:|---|");
    let mut clean_total = 0;
    for lang in LANGS {
        for file in texts(&Path::new("tests/eval/clean").join(lang)) {
            let got = findings(&file, None);
            let mut by_code: BTreeMap<String, usize> = BTreeMap::new();
            for (code, _) in &got {
                *by_code.entry(code.clone()).or_default() += 1;
            }
            let codes = by_code
                .iter()
                .map(|(c, n)| format!("{c} ×{n}"))
                .collect::<Vec<_>>()
                .join(", ");
            let name = file
                .file_stem()
                .map(|s| s.to_string_lossy())
                .unwrap_or_default();
            let _ = writeln!(out, "| {lang}/{name} | {} | {codes} |", got.len());
            clean_total += got.len();
        }
    }
    let _ = writeln!(out, "| **all** | {clean_total} | |");
    let stdout = std::io::stdout();
    let mut lock = stdout.lock();
    let _ = lock.write_all(out.as_bytes());
}
