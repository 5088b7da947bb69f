//! factlint as a CI gate on editorial changes: baselines, inline suppressions, changed lines,
//! `--quiet`/`--statistics`, the config keys of the gate (`disable`, `severity`, `exclude`),
//! `factlint init`. Every test runs the binary in its own temp dir. (The distribution files,
//! `action.yml` and the pre-commit hook, are tested in `tests/integrations.rs`.)

use assert_cmd::Command;
use predicates::str::contains;
use serde_json::Value;
use std::path::Path;

/// An old contradiction (born 1815 vs 1816) and a founding date, 1890, that later edits contradict.
const DOC: &str = "# History\n\
\n\
The Society was founded in 1890 in Paris.\n\
\n\
Ada Lovelace was born in 1815 in London.\n\
Some say Ada Lovelace was born in 1816.\n";

fn bin(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("factlint").expect("binary built");
    cmd.current_dir(dir)
        .env("NO_COLOR", "1")
        .env("COLUMNS", "100");
    cmd
}

fn write(dir: &Path, name: &str, text: &str) {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).expect("mkdir");
    }
    std::fs::write(path, text).expect("write");
}

/// Run `factlint check --format json ARGS…` in `dir`: (exit code, diagnostics, stderr).
fn check_json(dir: &Path, args: &[&str]) -> (i32, Vec<Value>, String) {
    let out = bin(dir)
        .args(["check", "--format", "json"])
        .args(args)
        .output()
        .expect("runs");
    let report: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "JSON report: {e}\nstdout: {}\nstderr: {}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    let diagnostics = report["diagnostics"].as_array().expect("array").clone();
    let code = out.status.code().expect("exit code");
    (
        code,
        diagnostics,
        String::from_utf8_lossy(&out.stderr).into(),
    )
}

/// `(code, primary line)` of each diagnostic.
fn found(diagnostics: &[Value]) -> Vec<(String, u64)> {
    diagnostics
        .iter()
        .map(|d| {
            let primary = d["labels"]
                .as_array()
                .expect("labels")
                .iter()
                .find(|l| l["primary"] == true)
                .expect("primary label");
            (
                d["code"].as_str().expect("code").to_string(),
                primary["line"].as_u64().expect("line"),
            )
        })
        .collect()
}

/// The files the labels of these diagnostics point into, sorted and deduplicated.
fn label_files(diagnostics: &[Value]) -> Vec<String> {
    let mut files: Vec<String> = diagnostics
        .iter()
        .flat_map(|d| d["labels"].as_array().expect("labels").iter())
        .filter_map(|l| l["file"].as_str().map(str::to_string))
        .collect();
    files.sort();
    files.dedup();
    files
}

// ---------------------------------------------------------------------------------------------
// Baselines

#[test]
fn baseline_survives_unrelated_edits_and_lets_new_findings_through() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    write(d, "doc.md", DOC);
    let (_, before, _) = check_json(d, &["doc.md"]);
    assert_eq!(found(&before), [("date-conflict".into(), 6)]);

    bin(d)
        .args(["check", "--write-baseline", "baseline.json", "doc.md"])
        .assert()
        .code(0)
        .stdout("");
    let text = std::fs::read_to_string(d.join("baseline.json")).expect("baseline written");
    let baseline: Value = serde_json::from_str(&text).expect("baseline is JSON");
    assert_eq!(baseline["version"], 1);
    let entries = baseline["entries"].as_array().expect("entries");
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0]["code"], "date-conflict");
    assert_eq!(entries[0]["file"], "doc.md");
    assert_eq!(entries[0]["fingerprint"], before[0]["fingerprint"]);
    bin(d)
        .args(["check", "--write-baseline", "again.json", "doc.md"])
        .assert()
        .code(0);
    assert_eq!(
        std::fs::read_to_string(d.join("again.json")).expect("second baseline"),
        text,
        "baselines are deterministic"
    );

    // An unrelated edit shifts every offset and line.
    let edited = DOC.replace(
        "# History\n",
        "# History\n\nAn introduction of some length.\n",
    );
    write(d, "doc.md", &edited);
    let (code, after, stderr) = check_json(d, &["--baseline", "baseline.json", "./doc.md"]);
    assert_eq!((code, after.len()), (0, 0), "{after:?}");
    assert!(
        stderr.contains("1 finding(s) suppressed, 0 stale entries"),
        "{stderr}"
    );

    // A new contradiction is reported, and only it.
    let conflicting = format!("{edited}Later sources say the Society was founded in 1892.\n");
    write(d, "doc.md", &conflicting);
    let (code, after, _) = check_json(d, &["--baseline", "baseline.json", "doc.md"]);
    assert_eq!(code, 1);
    assert_eq!(found(&after), [("date-conflict".into(), 9)]);
    assert!(after[0]["message"].as_str().unwrap_or("").contains("1892"));
}

#[test]
fn stale_baseline_entries_are_counted() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    write(d, "doc.md", DOC);
    bin(d)
        .args(["check", "--write-baseline", "b.json", "doc.md"])
        .assert()
        .code(0);
    write(d, "doc.md", &DOC.replace("1816", "1815"));
    bin(d)
        .args(["check", "--baseline", "b.json", "doc.md"])
        .assert()
        .code(0)
        .stderr(contains("0 finding(s) suppressed, 1 stale entry"));
}

#[test]
fn malformed_or_missing_baseline_is_a_usage_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    write(d, "doc.md", DOC);
    write(
        d,
        "bad.json",
        "{\"version\": 1, \"entries\": [{\"code\": 3}]}",
    );
    bin(d)
        .args(["check", "--baseline", "bad.json", "doc.md"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(contains("bad.json: not a factlint baseline"));
    write(d, "v2.json", "{\"version\": 2, \"entries\": []}");
    bin(d)
        .args(["check", "--baseline", "v2.json", "doc.md"])
        .assert()
        .code(2)
        .stderr(contains("version 2 is not supported"));
    bin(d)
        .args(["check", "--baseline", "missing.json", "doc.md"])
        .assert()
        .code(2)
        .stderr(contains("cannot read baseline missing.json"));
}

// ---------------------------------------------------------------------------------------------
// Inline suppressions

#[test]
fn suppressions_on_the_line_or_the_line_above() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let above = DOC.replace(
        "Some say",
        "<!-- factlint: ignore[date-conflict, name-variant] -->\nSome say",
    );
    let same_line = DOC.replace("1816.", "1816. <!-- factlint: ignore -->");
    let hash_line = DOC.replace("Some say", "# factlint: ignore[date-conflict]\nSome say");
    for (name, text) in [
        ("above.md", above.as_str()),
        ("same.md", same_line.as_str()),
        ("hash.txt", hash_line.as_str()),
        ("html.txt", above.as_str()),
    ] {
        write(d, name, text);
        let (code, diagnostics, _) = check_json(d, &[name]);
        assert_eq!((code, found(&diagnostics)), (0, vec![]), "{name}");
    }
}

#[test]
fn a_suppression_of_another_code_or_too_far_away_does_not_apply() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let other_code = DOC.replace(
        "Some say",
        "<!-- factlint: ignore[name-variant] -->\nSome say",
    );
    write(d, "other.md", &other_code);
    let (code, diagnostics, _) = check_json(d, &["other.md"]);
    assert_eq!(code, 1);
    assert_eq!(
        found(&diagnostics),
        [
            ("unused-suppression".into(), 6),
            ("date-conflict".into(), 7)
        ]
    );
    let far = DOC.replace(
        "Ada Lovelace was born in 1815",
        "<!-- factlint: ignore -->\n\nAda Lovelace was born in 1815",
    );
    write(d, "far.md", &far);
    let (_, diagnostics, _) = check_json(d, &["far.md"]);
    assert_eq!(
        found(&diagnostics),
        [
            ("unused-suppression".into(), 5),
            ("date-conflict".into(), 8)
        ]
    );
}

#[test]
fn unused_and_unknown_suppressions_are_warnings() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let text =
        "# Notes\n\nNothing to see here. <!-- factlint: ignore[date-conflict, no-such-check] -->\n";
    write(d, "notes.md", text);
    let (code, diagnostics, _) = check_json(d, &["notes.md"]);
    assert_eq!(code, 0, "warnings do not fail by default");
    let messages: Vec<&str> = diagnostics
        .iter()
        .map(|d| {
            assert_eq!(d["code"], "unused-suppression");
            assert_eq!(d["severity"], "warning");
            d["message"].as_str().expect("message")
        })
        .collect();
    assert_eq!(messages.len(), 1, "one finding per comment: {messages:?}");
    assert!(messages[0].contains("`no-such-check`"), "{messages:?}");
    assert!(messages[0].contains("matches no finding"), "{messages:?}");
    bin(d)
        .args(["check", "--fail-on", "warning", "notes.md"])
        .assert()
        .code(1);
    // Disabled checks make their suppressions neither used nor unused.
    let only_known = text.replace(", no-such-check", "");
    write(d, "notes.md", &only_known);
    let (code, diagnostics, _) = check_json(d, &["--disable", "date-conflict", "notes.md"]);
    assert_eq!((code, diagnostics.len()), (0, 0));
    let (_, diagnostics, _) = check_json(d, &["--disable", "unused-suppression", "notes.md"]);
    assert!(diagnostics.is_empty());
}

#[test]
fn unused_suppression_is_explained_and_valid_in_every_format() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    bin(d)
        .args(["explain", "unused-suppression"])
        .assert()
        .code(0)
        .stdout(contains("## What it does"));
    bin(d)
        .args(["explain", "no-such-code"])
        .assert()
        .code(2)
        .stderr(contains("unused-suppression"));
    write(d, "notes.md", "Plain words. <!-- factlint: ignore -->\n");
    for format in ["human", "json", "sarif", "github", "junit"] {
        bin(d)
            .args([
                "check",
                "--fail-on",
                "warning",
                "--format",
                format,
                "notes.md",
            ])
            .assert()
            .code(1)
            .stdout(contains("unused-suppression"));
    }
    let out = bin(d)
        .args(["check", "--format", "sarif", "notes.md"])
        .output()
        .expect("runs");
    let log: Value = serde_json::from_slice(&out.stdout).expect("SARIF is JSON");
    let result = &log["runs"][0]["results"][0];
    assert_eq!(result["ruleId"], "unused-suppression");
    assert!(result.get("ruleIndex").is_none(), "not a registered rule");
    let errors: Vec<String> = sarif_validator()
        .iter_errors(&log)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

/// The vendored SARIF schema, patched as `tests/formats.rs` explains.
fn sarif_validator() -> jsonschema::Validator {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/schema/sarif-schema-2.1.0.json"
    ))
    .expect("vendored SARIF schema");
    let mut schema: Value = serde_json::from_str(&text).expect("schema is JSON");
    for definition in ["run", "toolComponent"] {
        schema["definitions"][definition]["properties"]["language"]["pattern"] =
            Value::from("^[a-zA-Z]{2}(-[a-zA-Z]{2})?$");
    }
    jsonschema::validator_for(&schema).expect("schema compiles")
}

// ---------------------------------------------------------------------------------------------
// Changed lines

fn git(dir: &Path, args: &[&str]) {
    let out = std::process::Command::new("git")
        .current_dir(dir)
        .args([
            "-c",
            "commit.gpgsign=false",
            "-c",
            "init.defaultBranch=main",
        ])
        .args(args)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A repository with `docs/doc.md` (= [`DOC`]) committed.
fn repository() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    git(d, &["init", "-q"]);
    git(d, &["config", "user.name", "factlint tests"]);
    git(d, &["config", "user.email", "tests@factlint.invalid"]);
    write(d, "docs/doc.md", DOC);
    git(d, &["add", "."]);
    git(d, &["commit", "-q", "-m", "first"]);
    dir
}

#[test]
fn changed_since_reports_only_what_the_edit_introduced() {
    let dir = repository();
    let d = dir.path();
    let (code, all, _) = check_json(d, &["docs"]);
    assert_eq!((code, found(&all)), (1, vec![("date-conflict".into(), 6)]));
    let (code, none, _) = check_json(d, &["--changed-since", "HEAD", "docs"]);
    assert_eq!((code, none.len()), (0, 0), "nothing changed yet");

    // The new claim conflicts with an untouched line: facts come from the whole text.
    let edited = DOC.replace(
        "Ada Lovelace was born in 1815",
        "The Society was founded in 1892, one plaque says.\nAda Lovelace was born in 1815",
    );
    write(d, "docs/doc.md", &edited);
    let (code, diagnostics, _) = check_json(d, &["--changed-since", "HEAD", "docs"]);
    assert_eq!(code, 1);
    assert_eq!(found(&diagnostics), [("date-conflict".into(), 5)]);
    assert!(
        diagnostics[0]["message"]
            .as_str()
            .unwrap_or("")
            .contains("1892")
    );

    let out = bin(d)
        .args([
            "check",
            "--format",
            "github",
            "--changed-since",
            "HEAD",
            "docs/doc.md",
        ])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let annotations: Vec<&str> = stdout.lines().filter(|l| l.starts_with("::")).collect();
    assert_eq!(annotations.len(), 1, "{stdout}");
    assert!(
        annotations[0].starts_with("::error file=docs/doc.md,line=5,"),
        "{}",
        annotations[0]
    );

    // After a second commit, HEAD~1 still sees the edit and HEAD does not.
    git(d, &["commit", "-q", "-am", "second"]);
    let (code, diagnostics, _) = check_json(d, &["--changed-since", "HEAD~1", "docs"]);
    assert_eq!(
        (code, found(&diagnostics)),
        (1, vec![("date-conflict".into(), 5)])
    );
    let (code, diagnostics, _) = check_json(d, &["--changed-since", "HEAD", "docs"]);
    assert_eq!((code, diagnostics.len()), (0, 0));
}

#[test]
fn changed_since_counts_untracked_files_and_works_from_a_subdirectory() {
    let dir = repository();
    let d = dir.path();
    write(
        d,
        "docs/new.md",
        "Charles Babbage died in 1871 in London.\nOthers say Charles Babbage died in 1873.\n",
    );
    let (code, diagnostics, _) = check_json(&d.join("docs"), &["--changed-since", "HEAD", "."]);
    assert_eq!(code, 1);
    assert_eq!(
        label_files(&diagnostics),
        ["./new.md"],
        "only the untracked file is new"
    );
}

#[test]
fn changed_since_outside_a_repository_or_with_a_bad_ref_is_an_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), "doc.md", DOC);
    bin(dir.path())
        .args(["check", "--changed-since", "HEAD", "doc.md"])
        .assert()
        .code(2)
        .stderr(contains("is not inside a git repository"));
    let repo = repository();
    bin(repo.path())
        .args(["check", "--changed-since", "no-such-branch", "docs"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(contains("`no-such-branch` is not a commit"));
}

// ---------------------------------------------------------------------------------------------
// --quiet and --statistics

#[test]
fn quiet_prints_only_findings() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    write(d, "clean.md", "Nothing here.\n");
    write(d, "doc.md", DOC);
    write(d, "blob.txt", "a\0b");
    bin(d)
        .args(["check", "--quiet", "clean.md", "blob.txt"])
        .assert()
        .code(0)
        .stdout("")
        .stderr("");
    bin(d)
        .args(["check", "clean.md", "blob.txt"])
        .assert()
        .code(0)
        .stdout(contains("no findings in 1 file"))
        .stderr(contains("note: blob.txt"));
    let out = bin(d)
        .args(["check", "--quiet", "doc.md"])
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("date-conflict") && !stdout.contains("in 1 file"),
        "{stdout}"
    );
}

#[test]
fn statistics_count_per_code() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    write(
        d,
        "doc.md",
        &format!("{DOC}Notes. <!-- factlint: ignore[name-variant] -->\n"),
    );
    let out = bin(d)
        .args(["check", "--statistics", "doc.md"])
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout
            .ends_with("    1  date-conflict        error\n    1  unused-suppression   warning\n"),
        "{stdout}"
    );
    // Machine formats keep stdout parseable: the table goes to stderr.
    let out = bin(d)
        .args(["check", "--statistics", "--format", "json", "doc.md"])
        .output()
        .expect("runs");
    serde_json::from_slice::<Value>(&out.stdout).expect("stdout is only the JSON report");
    assert!(String::from_utf8_lossy(&out.stderr).contains("1  date-conflict"));
}

// ---------------------------------------------------------------------------------------------
// Config

#[test]
fn config_disable_severity_and_exclude() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    write(d, "docs/doc.md", DOC);
    write(d, "docs/drafts/draft.md", DOC);
    write(d, "docs/CHANGELOG.md", DOC);
    let (_, diagnostics, _) = check_json(d, &["docs"]);
    assert_eq!(label_files(&diagnostics).len(), 3);

    write(
        d,
        "factlint.toml",
        "exclude = [\"drafts\", \"**/CHANGELOG.md\"]\nseverity = { date-conflict = \"warning\" }\n",
    );
    let (code, diagnostics, _) = check_json(d, &["docs"]);
    assert_eq!(code, 0, "date-conflict is only a warning now");
    assert_eq!(label_files(&diagnostics), ["docs/doc.md"]);
    assert!(diagnostics.iter().all(|d| d["severity"] == "warning"));
    let (_, diagnostics, _) = check_json(d, &["docs/drafts/draft.md"]);
    assert_eq!(
        label_files(&diagnostics),
        ["docs/drafts/draft.md"],
        "files named explicitly are always read"
    );

    write(d, "factlint.toml", "disable = [\"date-conflict\"]\n");
    let (code, diagnostics, _) = check_json(d, &["docs"]);
    assert_eq!((code, diagnostics.len()), (0, 0));
}

#[test]
fn config_errors_point_into_the_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    write(d, "doc.md", DOC);
    for (toml, expected) in [
        (
            "disable = []\nfail-on = \"error\"\n",
            "unknown field `fail-on`",
        ),
        (
            "disable = [\"date-conflct\"]\n",
            "unknown check `date-conflct`",
        ),
        (
            "severity = { name-variant = \"fatal\" }\n",
            "unknown variant `fatal`",
        ),
        ("exclude = [\"a/[b\"]\n", "invalid glob"),
    ] {
        write(d, "factlint.toml", toml);
        bin(d)
            .args(["check", "doc.md"])
            .assert()
            .code(2)
            .stdout("")
            .stderr(contains(expected))
            .stderr(contains("factlint.toml:"));
    }
}

#[test]
fn init_writes_a_starter_config_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    bin(d).arg("init").assert().code(0);
    let written = std::fs::read_to_string(d.join("factlint.toml")).expect("written");
    assert!(written.contains("# exclude = ["));
    write(d, "doc.md", DOC);
    bin(d).args(["check", "doc.md"]).assert().code(1);
    bin(d)
        .arg("init")
        .assert()
        .code(2)
        .stderr(contains("factlint.toml already exists"));
    assert_eq!(
        std::fs::read_to_string(d.join("factlint.toml")).expect("still there"),
        written
    );
}

#[test]
fn changed_since_handles_labels_ending_in_arabic_letters() {
    // The changed-lines filter asks for the line of a label's last byte, which inside an
    // Arabic letter is not a char boundary (this used to panic).
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    git(d, &["init", "-q"]);
    git(d, &["config", "user.name", "factlint tests"]);
    git(d, &["config", "user.email", "tests@factlint.invalid"]);
    let before = "زار شيتساي المدينة عام 1940.\n\nثم عاد شيتساي إلى بلده عام 1941.\n";
    write(d, "docs/doc.md", before);
    git(d, &["add", "."]);
    git(d, &["commit", "-q", "-m", "first"]);
    write(
        d,
        "docs/doc.md",
        &format!("{before}\nوقال شيتشاي إن الأمر انتهى.\n"),
    );
    let (code, diagnostics, stderr) = check_json(d, &["--changed-since", "HEAD", "docs"]);
    assert_eq!(code, 0, "warnings only: {stderr}");
    assert_eq!(found(&diagnostics), [("name-variant".into(), 5)]);
}
