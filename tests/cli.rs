//! The binary as users and CI meet it: exit codes, error messages, formats, determinism.

mod common;

use assert_cmd::Command;
use common::factlint;
use factlint::cli::exit::ExitStatus;

const SAMPLE: &str = "fixtures/000_767ff41110f38e2c.txt";

fn bin() -> Command {
    let mut cmd = Command::cargo_bin("factlint").expect("binary built");
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"));
    cmd
}

#[test]
fn sample_reports_the_four_name_variants() {
    let run = factlint(&["check", "--format", "json", SAMPLE]);
    for forms in [
        ["شيتساي", "شيتشاي"].as_slice(),
        &["شينجيانغ", "سينكيانج"],
        &["بوفانج", "بوهانج"],
        &["السوفيتي", "السوفياتي", "السوفييتي"],
    ] {
        let report: serde_json::Value = serde_json::from_str(&run.stdout).expect("json");
        let found = report["diagnostics"]
            .as_array()
            .expect("array")
            .iter()
            .any(|d| {
                let message = d["message"].as_str().unwrap_or("");
                forms.iter().all(|f| message.contains(&format!("«{f}»")))
            });
        assert!(found, "no name-variant finding for {forms:?}");
    }
}

#[test]
fn exit_codes_follow_fail_on() {
    let warn_only = factlint(&["check", "--format", "json", SAMPLE]);
    assert_eq!(
        warn_only.status,
        ExitStatus::Success,
        "warnings pass by default"
    );
    let strict = factlint(&["check", "--format", "json", "--fail-on", "warning", SAMPLE]);
    assert_eq!(strict.status, ExitStatus::Findings);
    let never = factlint(&["check", "--format", "json", "--fail-on", "never", SAMPLE]);
    assert_eq!(never.status, ExitStatus::Success);
    bin()
        .args(["check", "--fail-on", "warning", SAMPLE])
        .assert()
        .code(1);
}

#[test]
fn missing_path_is_an_input_error() {
    bin()
        .args(["check", "does/not/exist.md"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "does/not/exist.md: no such file or directory",
        ));
}

#[test]
fn invalid_utf8_names_file_and_offset() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("bad.txt");
    std::fs::write(&path, b"ok \xd8 broken").expect("write");
    bin()
        .arg("check")
        .arg(&path)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("invalid UTF-8 at byte 3"));
}

#[test]
fn binary_files_are_skipped_with_a_note() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("blob.txt"), b"\x00\x01\x02binary").expect("write");
    bin()
        .arg("check")
        .arg(dir.path())
        .assert()
        .code(0)
        .stderr(predicates::str::contains(
            "skipped, looks like a binary file",
        ));
}

#[test]
fn unknown_flag_and_unknown_check_are_usage_errors() {
    bin()
        .args(["check", "--no-such-flag", SAMPLE])
        .assert()
        .code(2);
    bin()
        .args(["check", "--disable", "no-such-check", SAMPLE])
        .assert()
        .code(2);
    bin().args(["explain", "no-such-check"]).assert().code(2);
}

#[test]
fn stdin_is_read_with_dash() {
    bin()
        .args(["check", "--format", "json", "-"])
        .write_stdin("The novelist Dostoevsky wrote it. Later Dostoyevsky denied it. Critics read Dostoevsky again.")
        .assert()
        .code(0)
        .stdout(predicates::str::contains("\"file\": \"-\""));
}

#[test]
fn directories_are_walked_honouring_gitignore() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir(dir.path().join(".git")).expect("mkdir");
    std::fs::write(dir.path().join(".gitignore"), "ignored.md\n").expect("write");
    let doc = "The novelist Dostoevsky wrote. Later Dostoyevsky denied. Critics read Dostoevsky.\n";
    std::fs::write(dir.path().join("ignored.md"), doc).expect("write");
    std::fs::write(dir.path().join("kept.md"), doc).expect("write");
    std::fs::write(dir.path().join("code.rs"), doc).expect("write");
    let out = bin()
        .args(["check", "--format", "json"])
        .arg(dir.path())
        .output()
        .expect("runs");
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(report["summary"]["files"], 1);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("kept.md") && !stdout.contains("ignored.md"));
}

#[test]
fn output_is_identical_whatever_the_file_order() {
    let a = factlint(&[
        "check",
        "--format",
        "json",
        SAMPLE,
        "tests/fixtures/name-variant",
    ]);
    let b = factlint(&[
        "check",
        "--format",
        "json",
        "tests/fixtures/name-variant",
        SAMPLE,
    ]);
    assert_eq!(a.stdout, b.stdout);
}

#[test]
fn explain_lists_and_documents_checks() {
    let list = factlint(&["explain"]);
    let codes: Vec<&str> = list
        .stdout
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    let registered: Vec<&str> = factlint::check::CHECKS.iter().map(|c| c.code()).collect();
    assert_eq!(codes, registered);
    let one = factlint(&["explain", "name-variant"]);
    assert!(one.stdout.contains("## What it does"));
    assert!(one.stdout.contains("شيتساي"));
}

#[test]
fn json_report_on_the_sample_is_stable() {
    let run = factlint(&["check", "--format", "json", SAMPLE]);
    insta::assert_snapshot!("sample_json", run.stdout);
}

#[test]
fn human_report_on_the_sample_is_stable() {
    let run = factlint(&["check", "--color", "never", "--width", "80", SAMPLE]);
    assert!(!run.stdout.contains('\u{1b}'), "no colour codes");
    insta::assert_snapshot!("sample_human", run.stdout);
}

#[test]
fn conflicts_across_documents_label_both_files() {
    let dir = tempfile::tempdir().expect("tempdir");
    let a = dir.path().join("a.md");
    let b = dir.path().join("b.md");
    std::fs::write(&a, "Ada Lovelace was born on 10 December 1815 in London.\n").expect("write");
    std::fs::write(&b, "Ada Lovelace was born in 1816 in a later biography.\n").expect("write");
    let (a, b) = (
        a.to_string_lossy().to_string(),
        b.to_string_lossy().to_string(),
    );
    let run = factlint(&["check", "--format", "json", &a, &b]);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).expect("json");
    let diagnostics = report["diagnostics"].as_array().expect("array");
    assert_eq!(diagnostics.len(), 1);
    assert_eq!(diagnostics[0]["code"], "date-conflict");
    let files: Vec<&str> = diagnostics[0]["labels"]
        .as_array()
        .expect("labels")
        .iter()
        .map(|l| l["file"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(files, [a.as_str(), b.as_str()]);
    let human = factlint(&["check", "--color", "never", "--width", "80", &b, &a]);
    assert!(
        human.stdout.contains(&format!("also in {a}")),
        "{}",
        human.stdout
    );
}

#[test]
fn fixes_are_shown_with_diff_and_written_only_with_fix() {
    let dir = tempfile::tempdir().expect("tempdir");
    let doc = dir.path().join("doc.md");
    let sheet = dir.path().join("sheet.toml");
    let original = "كتب المؤرخون عن شنغ شي تساي كثيراً.\n";
    std::fs::write(&doc, original).expect("write");
    std::fs::write(
        &sheet,
        "[[entity]]\nid = 's'\nkind = 'person'\nnames = ['شنغ شيتساي', 'شنغ شي تساي']\npreferred = { ar = 'شنغ شيتساي' }\n",
    )
    .expect("write");
    let (doc_s, sheet_s) = (
        doc.to_string_lossy().to_string(),
        sheet.to_string_lossy().to_string(),
    );
    let diff = factlint(&["check", "--diff", "--facts", &sheet_s, &doc_s]);
    assert_eq!(diff.status, ExitStatus::Findings);
    assert!(
        diff.stdout.contains("+كتب المؤرخون عن شنغ شيتساي كثيراً."),
        "{}",
        diff.stdout
    );
    assert_eq!(
        std::fs::read_to_string(&doc).expect("read"),
        original,
        "--diff writes nothing"
    );
    let plain = factlint(&["check", "--facts", &sheet_s, &doc_s]);
    assert_eq!(plain.status, ExitStatus::Findings);
    assert_eq!(
        std::fs::read_to_string(&doc).expect("read"),
        original,
        "check writes nothing"
    );
    let fixed = factlint(&["check", "--fix", "--facts", &sheet_s, &doc_s]);
    assert_eq!(fixed.status, ExitStatus::Success);
    assert_eq!(
        std::fs::read_to_string(&doc).expect("read"),
        "كتب المؤرخون عن شنغ شيتساي كثيراً.\n"
    );
}

#[test]
fn sample_with_its_fact_sheet_reports_exactly_the_three_wrong_years() {
    let sheet = "fixtures/000_767ff41110f38e2c.facts.toml";
    let run = factlint(&["check", "--format", "json", "--facts", sheet, SAMPLE]);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).expect("json");
    let mut conflicts: Vec<(String, String)> = report["diagnostics"]
        .as_array()
        .expect("array")
        .iter()
        .filter(|d| d["code"] == "reference-conflict")
        .map(|d| {
            let label = &d["labels"][0];
            (
                label["text"].as_str().unwrap_or("").to_string(),
                d["message"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    conflicts.sort();
    let texts: Vec<&str> = conflicts.iter().map(|(t, _)| t.as_str()).collect();
    assert_eq!(
        texts,
        [
            "مع بداية عام 1943 ميلادي",
            "مع بداية عام 1951 ميلادي",
            "مع نهاية عام 1949 ميلادي"
        ],
        "{conflicts:#?}"
    );
    let human = factlint(&[
        "check", "--color", "never", "--width", "100", "--facts", sheet, SAMPLE,
    ]);
    insta::assert_snapshot!("sample_with_fact_sheet_human", human.stdout);
}

#[test]
fn facts_table_on_the_sample_is_stable() {
    let run = factlint(&["facts", SAMPLE]);
    insta::assert_snapshot!("sample_facts", run.stdout);
    let csv = factlint(&["facts", "--format", "csv", SAMPLE]);
    assert!(
        csv.stdout
            .starts_with("name,entity,subject,predicate,value,")
    );
    // Names as written, keys for matching: «القادة» is shown, «قاده» (normalized, without the
    // article) is its key.
    assert!(
        csv.stdout.contains("\nالقادة,قاده,القادة,died,"),
        "{}",
        csv.stdout
    );
    let jsonl = factlint(&["facts", "--format", "jsonl", SAMPLE]);
    for line in jsonl.stdout.lines() {
        let fact: serde_json::Value = serde_json::from_str(line).expect("one JSON object per line");
        assert!(fact["evidence"].as_str().is_some_and(|e| !e.is_empty()));
        assert!(fact["name"].as_str().is_some_and(|n| !n.is_empty()));
    }
}

#[test]
fn output_is_identical_whatever_the_thread_count() {
    let run = |threads: &str| {
        let out = bin()
            .env("RAYON_NUM_THREADS", threads)
            .args(["check", "--format", "json", "--fail-on", "never", SAMPLE])
            .args(["tests/fixtures", "tests/corpus/xquad-en"])
            .output()
            .expect("runs");
        String::from_utf8(out.stdout).expect("utf-8")
    };
    let one = run("1");
    assert!(one.contains("\"code\""), "{one}");
    assert_eq!(one, run("2"));
}
