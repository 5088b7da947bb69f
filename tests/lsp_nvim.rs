//! `factlint lsp` in a real client: Neovim's built-in LSP client, headless
//! (`tests/lsp_nvim/client.lua`), opens the Arabic sample and an English fixture and prints the
//! diagnostics it received, the code actions at the first one and a hover. Neovim negotiates
//! UTF-16 and shows byte columns, so every position printed must be the byte offset of the
//! finding's label that `factlint check --format json` reports.
//!
//! Skipped (with a message) where `nvim` is not installed, unless `FACTLINT_REQUIRE_NVIM` is
//! set, as `.ci/run` sets it once it has installed Neovim.

use serde_json::Value;
use std::collections::BTreeSet;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const SCRIPT: &str = "tests/lsp_nvim/client.lua";

fn nvim_installed() -> bool {
    Command::new("nvim")
        .arg("--version")
        .stdout(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

fn fixture(path: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).expect("fixture")
}

/// Run Neovim on `name` (with `text`) in a workspace of its own; what the script printed.
fn neovim_on(name: &str, text: &str, hover: Option<(usize, usize)>) -> String {
    let root = tempfile::tempdir().expect("tempdir");
    let tmp = tempfile::tempdir().expect("tempdir");
    std::fs::write(root.path().join(name), text).expect("write");
    let out = tmp.path().join("nvim.out");
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join(SCRIPT);
    let mut child = Command::new("nvim")
        .args(["--headless", "-u", "NONE", "-i", "NONE", "-n", name, "-c"])
        .arg(format!("luafile {}", script.display()))
        .current_dir(root.path())
        .env("FACTLINT_BIN", env!("CARGO_BIN_EXE_factlint"))
        .env("FACTLINT_ROOT", root.path())
        .env("FACTLINT_OUT", &out)
        .env(
            "FACTLINT_HOVER",
            hover.map_or(String::new(), |(l, c)| format!("{l}:{c}")),
        )
        .env("TMPDIR", tmp.path())
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .spawn()
        .expect("nvim starts");
    let deadline = Instant::now() + Duration::from_secs(120);
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("nvim did not finish in 120 s");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let printed = std::fs::read_to_string(&out).unwrap_or_default();
    assert!(status.success(), "nvim failed: {status}\n{printed}");
    printed
}

/// `line:byte-column-line:byte-column` (0-based) of the primary label of every finding that
/// `factlint check` reports in `text` — where Neovim must put them.
fn expected_positions(name: &str, text: &str) -> BTreeSet<String> {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join(name);
    std::fs::write(&path, text).expect("write");
    let output = Command::new(env!("CARGO_BIN_EXE_factlint"))
        .args(["check", "--no-config", "--format", "json"])
        .arg(&path)
        .output()
        .expect("factlint check runs");
    let report: Value = serde_json::from_slice(&output.stdout).expect("a JSON report");
    let at = |offset: usize| {
        let line = text[..offset].matches('\n').count();
        let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
        format!("{line}:{}", offset - start)
    };
    let diagnostics = report["diagnostics"].as_array().expect("diagnostics");
    diagnostics
        .iter()
        .map(|d| {
            let labels = d["labels"].as_array().expect("labels");
            let primary = labels
                .iter()
                .find(|l| l["primary"] == true)
                .unwrap_or(&labels[0]);
            let offset = |k: &str| primary[k].as_u64().expect("offset") as usize;
            format!("{}-{}", at(offset("start")), at(offset("end")))
        })
        .collect()
}

fn shown_positions(printed: &str) -> BTreeSet<String> {
    printed
        .lines()
        .filter_map(|l| l.strip_prefix("diagnostic "))
        .filter_map(|l| l.split(' ').next())
        .map(str::to_string)
        .collect()
}

#[test]
fn neovim_shows_the_arabic_sample_and_an_english_fixture() {
    if !nvim_installed() {
        assert!(
            std::env::var_os("FACTLINT_REQUIRE_NVIM").is_none(),
            "FACTLINT_REQUIRE_NVIM is set but nvim is not installed"
        );
        let _ = writeln!(
            std::io::stderr(),
            "skipped: nvim is not installed (Debian: apt-get install neovim)"
        );
        return;
    }
    let sample = fixture("fixtures/000_767ff41110f38e2c.txt");
    let first_line = sample.lines().next().expect("a first line");
    let year = first_line.find("1944").expect("the sample's first date");
    let english = fixture("tests/fixtures/weekday-mismatch/english.md");
    let cases = [
        ("sample.txt", &sample, Some((0, year))),
        ("weekday.md", &english, None),
    ];
    // Both documents at once: each is a Neovim, a server and a `factlint check`.
    let results: Vec<(String, BTreeSet<String>)> = std::thread::scope(|scope| {
        let runs: Vec<_> = cases
            .iter()
            .map(|&(name, text, hover)| {
                scope.spawn(move || (neovim_on(name, text, hover), expected_positions(name, text)))
            })
            .collect();
        runs.into_iter()
            .map(|r| r.join().expect("no panic"))
            .collect()
    });
    let mut printed = String::new();
    for ((name, _, _), (shown, expected)) in cases.iter().zip(results) {
        assert_eq!(shown_positions(&shown), expected, "{shown}");
        printed.push_str(&format!("== {name}\n{shown}"));
    }
    insta::assert_snapshot!("neovim", printed);
}
