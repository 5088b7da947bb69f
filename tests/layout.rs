//! Layout rules the compiler does not enforce: checks, gates and sinks know no command line.
//! Options reach them as their own plain types (`report::OutputFormat`,
//! `report::facts::FactsFormat`, `HumanStyle`); `src/cli` parses flags and converts. A file
//! under `src/check`, `src/gate` or `src/report` that names `cli::` or `clap` fails here.

use regex::Regex;
use std::path::{Path, PathBuf};

const NO_COMMAND_LINE: [&str; 3] = ["src/check", "src/gate", "src/report"];

/// `(line number, line)` of each line whose code (comments stripped) reaches into the CLI.
fn command_line_uses(source: &str) -> Vec<(usize, String)> {
    let reach = Regex::new(r"\bcli::|\bclap\b").expect("a constant, valid regex");
    source
        .lines()
        .enumerate()
        .filter(|(_, line)| {
            let code = line.split("//").next().unwrap_or_default();
            reach.is_match(code)
        })
        .map(|(i, line)| (i + 1, line.trim().to_string()))
        .collect()
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    for entry in entries {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn checks_gates_and_sinks_do_not_import_the_cli() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in NO_COMMAND_LINE {
        rust_files(&root.join(dir), &mut files);
    }
    files.sort();
    assert!(files.len() > 10, "found only {files:?}");
    let offenders: Vec<String> = files
        .iter()
        .flat_map(|path| {
            let source = std::fs::read_to_string(path).expect("readable source");
            let shown = path
                .strip_prefix(root)
                .unwrap_or(path)
                .display()
                .to_string();
            command_line_uses(&source)
                .into_iter()
                .map(move |(n, line)| format!("{shown}:{n}: {line}"))
        })
        .collect();
    assert!(
        offenders.is_empty(),
        "move the type into src/report (or a neutral module) and convert in src/cli:\n{}",
        offenders.join("\n")
    );
}

#[test]
fn the_scan_sees_imports_and_paths_but_not_comments() {
    let source = "use crate::cli::FactsFormat;\n\
                  use super::{Sources, cli::Color};\n\
                  #[derive(clap::ValueEnum)]\n\
                  // the CLI converts (cli::FormatArg) into this\n\
                  let client = 1;\n";
    let lines: Vec<usize> = command_line_uses(source).iter().map(|(n, _)| *n).collect();
    assert_eq!(lines, [1, 2, 3]);
}
