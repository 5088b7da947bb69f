//! `factlint compare` (translation-mismatch): the fixture pairs under fixtures/translation/ in
//! both directions (ar → en, en → ar). The `<!-- expect: translation-mismatch -->` markers of
//! each translation must match the primary labels found (no missing, no extra finding); the
//! human report and every output format are insta snapshots; `--report-missing`, directory
//! pairing, `[[translation]]` in factlint.toml and bad input are CLI cases.

mod common;

use common::{expected_markers, factlint, found_primaries};
use factlint::cli::exit::ExitStatus;

const PAIRS: [&str; 2] = ["en-ar", "ar-en"];

fn pair(direction: &str) -> (String, String) {
    (
        format!("fixtures/translation/{direction}/source.md"),
        format!("fixtures/translation/{direction}/translation.md"),
    )
}

#[test]
fn markers_match_findings_in_both_directions() {
    for direction in PAIRS {
        let (source, translation) = pair(direction);
        let run = factlint(&["compare", &source, &translation, "--format", "json"]);
        assert_eq!(
            run.status,
            ExitStatus::Findings,
            "{direction}: {}",
            run.stderr
        );
        let text = std::fs::read_to_string(&translation).expect("fixture readable");
        let expected = expected_markers(&text);
        assert!(!expected.is_empty(), "{translation} has no markers");
        assert_eq!(found_primaries(&run.stdout), expected, "{direction}");
    }
}

#[test]
fn human_reports_show_both_versions() {
    for direction in PAIRS {
        let (source, translation) = pair(direction);
        let run = factlint(&[
            "compare",
            &source,
            &translation,
            "--color",
            "never",
            "--width",
            "80",
        ]);
        assert!(run.stdout.contains("source      ") && run.stdout.contains("translation "));
        insta::assert_snapshot!(format!("human_{direction}"), run.stdout);
    }
}

#[test]
fn every_format() {
    let (source, translation) = pair("en-ar");
    for format in ["json", "sarif", "github", "junit"] {
        let run = factlint(&["compare", &source, &translation, "--format", format]);
        assert_eq!(run.status, ExitStatus::Findings, "{format}");
        insta::assert_snapshot!(format!("format_{format}"), run.stdout);
    }
}

#[test]
fn the_fix_is_the_sources_value_in_the_translations_digits() {
    use factlint::compare::{Comparer, Options};
    use factlint::source::files::SourceText;
    let engine = factlint::engine::Engine::new(Vec::new(), &[]).expect("shipped packs");
    let comparer = Comparer::new(&engine).expect("shipped tables");
    let (source, translation) = pair("en-ar");
    let root = env!("CARGO_MANIFEST_DIR");
    let read = |path: &str| SourceText {
        path: path.to_string(),
        text: std::fs::read_to_string(format!("{root}/{path}")).expect("fixture"),
    };
    let found = comparer.compare(read(&source), read(&translation), Options::default());
    let fixes: Vec<&str> = found
        .iter()
        .flat_map(|d| &d.fixes)
        .map(|f| f.replacement.as_str())
        .collect();
    assert_eq!(
        fixes,
        [
            "عام 1897",
            "مع نهاية عام ١٩٤٩",
            "1 تشرين الأول 1962",
            "12000"
        ]
    );
    assert!(
        found
            .iter()
            .flat_map(|d| &d.fixes)
            .all(|f| f.file == translation)
    );
}

#[test]
fn missing_values_only_with_report_missing() {
    let (source, translation) = pair("ar-en");
    let quiet = factlint(&["compare", &source, &translation, "--format", "json"]);
    assert!(!quiet.stdout.contains("\"warning\""));
    let run = factlint(&[
        "compare",
        &source,
        &translation,
        "--format",
        "json",
        "--report-missing",
    ]);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).expect("json");
    let notes: Vec<&str> = report["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter(|d| d["severity"] == "warning")
        .map(|d| d["labels"][0]["text"].as_str().expect("text"))
        .collect();
    assert_eq!(notes, ["300"]);
}

#[test]
fn published_translations_give_only_their_real_differences() {
    // The 24 XQuAD articles of tests/corpus as published: only Fresno's Arabic differs, with
    // 3.7 for a household size of 3.07 and 43.8% for 43.3% (judged true in
    // bench/translation/judged.json).
    let run = factlint(&[
        "compare",
        "tests/corpus/xquad-en",
        "tests/corpus/xquad-ar",
        "--format",
        "json",
    ]);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).expect("json");
    let mut found: Vec<String> = report["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| {
            let texts: Vec<&str> = d["labels"]
                .as_array()
                .expect("labels")
                .iter()
                .map(|l| l["text"].as_str().expect("text"))
                .collect();
            texts.join(" ~ ")
        })
        .collect();
    found.sort();
    assert_eq!(found, ["3.7 ~ 3.07", "43.8 ~ 43.3"]);
}

#[test]
fn a_config_translation_table_makes_check_compare() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    for (sub, name) in [("en", "source.md"), ("ar", "translation.md")] {
        std::fs::create_dir_all(root.join(sub)).expect("mkdir");
        std::fs::copy(
            format!(
                "{}/fixtures/translation/en-ar/{name}",
                env!("CARGO_MANIFEST_DIR")
            ),
            root.join(sub).join("xinjiang.md"),
        )
        .expect("copy");
    }
    let config = root.join("factlint.toml");
    std::fs::write(
        &config,
        "[[translation]]\nsource = \"en/*.md\"\ntranslation = \"ar/*.md\"\n",
    )
    .expect("config");
    let run = factlint(&[
        "check",
        "--config",
        config.to_str().expect("utf-8 path"),
        "--format",
        "json",
        root.to_str().expect("utf-8 path"),
    ]);
    let count = run.stdout.matches("\"translation-mismatch\"").count();
    assert_eq!(count, 4, "{}\n{}", run.stdout, run.stderr);
    let disabled = factlint(&[
        "check",
        "--config",
        config.to_str().expect("utf-8 path"),
        "--disable",
        "translation-mismatch",
        "--format",
        "json",
        root.to_str().expect("utf-8 path"),
    ]);
    assert!(!disabled.stdout.contains("\"translation-mismatch\""));
}

#[test]
fn bad_input_is_exit_2_with_a_message() {
    let (source, _) = pair("en-ar");
    let file_and_dir = factlint(&["compare", &source, "fixtures/translation/ar-en"]);
    assert_eq!(file_and_dir.status, ExitStatus::Error);
    assert!(
        file_and_dir
            .stderr
            .contains("both be files or both be directories")
    );
    let missing = factlint(&["compare", &source, "fixtures/translation/no-such-file.md"]);
    assert_eq!(missing.status, ExitStatus::Error);
    assert!(
        missing.stderr.contains("no-such-file.md"),
        "{}",
        missing.stderr
    );
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("bin.md"), b"\x00\x01binary").expect("write");
    let binary = dir.path().join("bin.md");
    let run = factlint(&["compare", &source, binary.to_str().expect("utf-8")]);
    assert_eq!(run.status, ExitStatus::Error, "{}", run.stderr);
}

#[test]
fn a_text_compared_with_itself_is_clean() {
    for direction in PAIRS {
        let (_, translation) = pair(direction);
        let run = factlint(&["compare", &translation, &translation, "--report-missing"]);
        assert_eq!(run.status, ExitStatus::Success, "{}", run.stdout);
    }
}

#[test]
fn paragraphs_without_counterpart_and_empty_texts_do_not_panic() {
    let dir = tempfile::tempdir().expect("tempdir");
    let write = |name: &str, text: &str| {
        let path = dir.path().join(name);
        std::fs::write(&path, text).expect("write");
        path.to_str().expect("utf-8").to_string()
    };
    let source = write(
        "s.md",
        "In 1949.\n\nA second paragraph with 12 ships.\n\nIn 1950.\n",
    );
    let translation = write("t.md", "في عام 1949.\n\nفي عام 1950.\n");
    let empty = write("e.md", "");
    for (a, b) in [
        (&source, &translation),
        (&translation, &source),
        (&empty, &source),
        (&source, &empty),
    ] {
        let run = factlint(&["compare", a, b, "--report-missing", "--format", "json"]);
        assert_ne!(run.status, ExitStatus::Error, "{a} {b}: {}", run.stderr);
    }
}
