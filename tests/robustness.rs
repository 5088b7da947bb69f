//! The fuzz suite that stays (issue 16): property tests over the whole `check` pipeline, on the
//! input shapes that once made factlint superlinear or amplified its output, mixed with random
//! Arabic and English fragments, Markdown structure and suppression comments.
//!
//! Each case asserts that nothing panics, that the run is not an input error, that the output
//! is bounded by the input, and — for the shapes this branch owns — that *work* is linear:
//! work is counted, never timed, as the bytes allocated during the run (a counting global
//! allocator), compared between an input and the same shape at twice the size.
//!
//! `PROPTEST_CASES` sets the number of cases per property (default here: 6, a few seconds in a
//! debug build); a long run is `PROPTEST_CASES=2000 cargo test --release --test robustness`.
//! The order-violation and name-variant shapes are generated and checked for panics and output
//! size, but their work bound is left to the rewrite of those checks (see `Shape::unbounded_work`).

mod common;

use clap::Parser;
use common::shapes::{SHAPES, Shape};
use factlint::cli::exit::ExitStatus;
use factlint::cli::{Cli, run};
use proptest::prelude::*;
use stats_alloc::{INSTRUMENTED_SYSTEM, Region, StatsAlloc};
use std::alloc::System;
use std::sync::Mutex;

#[global_allocator]
static ALLOCATOR: &StatsAlloc<System> = &INSTRUMENTED_SYSTEM;

/// One run at a time: the allocation counter and the working directory are process-wide.
static SERIAL: Mutex<()> = Mutex::new(());

/// Human and GitHub output stay within this many times the input (plus [`OUTPUT_SLACK`]).
const TEXT_OUTPUT_FACTOR: usize = 10;
/// JSON, SARIF and JUnit repeat paths, codes and help per finding: a looser linear bound.
const MACHINE_OUTPUT_FACTOR: usize = 64;
/// Fixed output of any run: summary lines, SARIF rule descriptions, a finding on a tiny input.
const OUTPUT_SLACK: usize = 64 * 1024;
/// Doubling an input may at most multiply the bytes allocated by this (plus a fixed slack).
const WORK_GROWTH: f64 = 2.5;
const WORK_SLACK: u64 = 4 << 20;

struct Measured {
    status: ExitStatus,
    stdout: Vec<u8>,
    stderr: String,
    allocated: u64,
}

/// `factlint check` on `text` saved as `name` in a fresh directory, counting allocations.
fn check(name: &str, text: &str, format: &str) -> Measured {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join(name), text).expect("write input");
    let path = dir.path().join(name);
    let args = [
        "factlint",
        "check",
        "--no-config",
        "--color",
        "never",
        "--width",
        "100",
        "--fail-on",
        "never",
        "--format",
        format,
    ];
    let cli = Cli::try_parse_from(args.iter().copied().chain([path.to_str().expect("utf-8")]))
        .expect("valid arguments");
    let (mut stdout, mut stderr) = (Vec::new(), Vec::new());
    let region = Region::new(ALLOCATOR);
    let status = run(cli, &mut stdout, &mut stderr);
    let allocated = region.change().bytes_allocated as u64;
    Measured {
        status,
        stdout,
        stderr: String::from_utf8_lossy(&stderr).into_owned(),
        allocated,
    }
}

fn output_bound(format: &str, input: usize) -> usize {
    let factor = match format {
        "human" | "github" => TEXT_OUTPUT_FACTOR,
        _ => MACHINE_OUTPUT_FACTOR,
    };
    factor * input + OUTPUT_SLACK
}

/// The assertions every case makes.
fn assert_sound(name: &str, text: &str, format: &str) -> Result<Measured, TestCaseError> {
    let m = check(name, text, format);
    prop_assert!(
        m.status != ExitStatus::Error,
        "{name}: exit 2: {}",
        m.stderr
    );
    let bound = output_bound(format, text.len());
    prop_assert!(
        m.stdout.len() <= bound,
        "{name} ({format}): {} bytes of output for {} of input (bound {bound})",
        m.stdout.len(),
        text.len()
    );
    Ok(m)
}

/// Bytes allocated for `shape` at `n` and at `2n` must grow at most [`WORK_GROWTH`]-fold.
fn assert_linear_work(shape: &Shape, n: usize, format: &str) -> Result<(), TestCaseError> {
    let small = assert_sound(&shape.file_name(), &(shape.text)(n), format)?;
    let large = assert_sound(&shape.file_name(), &(shape.text)(2 * n), format)?;
    let limit = (small.allocated as f64 * WORK_GROWTH) as u64 + WORK_SLACK;
    prop_assert!(
        large.allocated <= limit,
        "{} ({format}): {} bytes allocated at n={n}, {} at 2n (limit {limit})",
        shape.name,
        small.allocated,
        large.allocated
    );
    Ok(())
}

fn format() -> impl Strategy<Value = &'static str> {
    prop_oneof![
        Just("human"),
        Just("json"),
        Just("sarif"),
        Just("github"),
        Just("junit")
    ]
}

/// Fragments of prose, markup and directives, in both scripts.
fn fragment() -> impl Strategy<Value = String> {
    let fixed = prop_oneof![
        Just("Ada Lovelace was born in 1815. "),
        Just("Ada Lovelace was born in 1816. "),
        Just("He died on Wednesday, 4 July 1826.\n"),
        Just("توفي يوم الأربعاء 4 يوليو 1826.\n"),
        Just("وُلد شنغ شيتساي عام 1897 وتوفي عام 1970. "),
        Just("شيتشاي "),
        Just("Dostoevsky Dostoyevsky "),
        Just("12 ربيع الأول 1350 هـ / 1935 م "),
        Just("بين عامي 1934 و1955 "),
        Just("<!-- factlint: ignore[date-conflict, nope] -->\n"),
        Just("<!-- factlint: ignore -->"),
        Just("# factlint: ignore[weekday-mismatch]\n"),
        Just("\n\n"),
        Just("- "),
        Just("  "),
        Just("> "),
        Just("```\n"),
        Just("[link](https://example.org/1949) "),
        Just("**"),
        Just("| a | b |\n|---|---|\n"),
        Just("\u{200F}"),
        Just("1934–1955–"),
    ]
    .prop_map(str::to_string);
    prop_oneof![
        4 => fixed,
        1 => (1usize..300).prop_map(|n| "A1".repeat(n)),
        1 => (1usize..300).prop_map(|n| "9".repeat(n)),
        1 => "[a-zA-Z\u{0621}-\u{064A}0-9 .,:/\n-]{0,40}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(6),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    /// Random mixtures, each repeated: no panic, bounded output.
    #[test]
    fn mixed_fragments_repeated(
        parts in prop::collection::vec(fragment(), 1..12),
        copies in 1usize..40,
        markdown in any::<bool>(),
        format in format(),
    ) {
        let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
        let text = parts.concat().repeat(copies);
        let name = if markdown { "doc.md" } else { "doc.txt" };
        assert_sound(name, &text, format)?;
    }

    /// Every shape of the issue at a random size: no panic, bounded output, and for the shapes
    /// this branch fixed, work that at most doubles (within [`WORK_GROWTH`]) when the input does.
    #[test]
    fn issue_shapes_stay_linear(
        which in 0..SHAPES.len(),
        n in 50usize..400,
        format in format(),
    ) {
        let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
        let shape = &SHAPES[which];
        let n = if shape.name.starts_with("nested-list") { n / 4 } else { n };
        if shape.unbounded_work {
            assert_sound(&shape.file_name(), &(shape.text)(n), format)?;
        } else {
            assert_linear_work(shape, n, format)?;
        }
    }
}

/// Regression inputs of the issue's table, one per row this branch owns, at sizes where the old
/// code's growth was far beyond the bound.
#[test]
fn the_issue_rows_grow_linearly() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    // Warm up once: the Arabic dictionary and lazily built tables are allocated on first use.
    check("warm.md", &common::shapes::mixed_scripts(2), "json");
    for (name, n, format) in [
        ("many-findings", 400, "human"),
        ("suppression", 2000, "json"),
        ("long-token", 4000, "json"),
        ("digit-run", 8000, "json"),
        ("dashed-years", 1000, "json"),
        ("nested-list", 200, "json"),
    ] {
        let shape = SHAPES
            .iter()
            .find(|s| s.name == name)
            .expect("a known shape");
        if let Err(e) = assert_linear_work(shape, n, format) {
            panic!("{e}");
        }
    }
}

/// 20 KB of repeated codes in one comment: one finding, quoting a few dozen characters.
#[test]
fn one_suppression_comment_gives_one_bounded_finding() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let text = common::shapes::suppression(10_000);
    let m = check("s.md", &text, "json");
    let report: serde_json::Value = serde_json::from_slice(&m.stdout).expect("json");
    let diagnostics = report["diagnostics"].as_array().expect("array");
    assert_eq!(
        diagnostics.len(),
        1,
        "{}",
        String::from_utf8_lossy(&m.stdout)
    );
    let label = &diagnostics[0]["labels"][0]["text"];
    assert!(
        label.as_str().is_some_and(|t| t.chars().count() <= 60),
        "{label}"
    );
    assert!(m.stdout.len() < 4096, "{} bytes", m.stdout.len());
}
