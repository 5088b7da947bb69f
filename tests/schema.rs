//! `--format json` validates against the published schema (schema/report-v1.json), on the sample
//! and on every fixture.

mod common;

use common::factlint;

fn report_validator() -> jsonschema::Validator {
    let schema_text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/schema/report-v1.json"
    ))
    .expect("schema file");
    let schema: serde_json::Value = serde_json::from_str(&schema_text).expect("schema is JSON");
    jsonschema::validator_for(&schema).expect("schema compiles")
}

#[test]
fn json_reports_validate_against_the_schema() {
    let validator = report_validator();
    for path in [
        "fixtures/000_767ff41110f38e2c.txt",
        "tests/fixtures",
        "tests/corpus/xquad-ar",
    ] {
        let run = factlint(&["check", "--format", "json", path]);
        let report: serde_json::Value = serde_json::from_str(&run.stdout).expect("report is JSON");
        let errors: Vec<String> = validator
            .iter_errors(&report)
            .map(|e| e.to_string())
            .collect();
        assert!(errors.is_empty(), "{path}: {errors:?}");
        assert!(
            report["diagnostics"]
                .as_array()
                .is_some_and(|d| !d.is_empty())
        );
    }
}

#[test]
fn the_schema_rejects_a_report_that_breaks_it() {
    let validator = report_validator();
    let bad = serde_json::json!({"version": 1, "diagnostics": [], "summary": {"files": 1}});
    assert!(!validator.is_valid(&bad));
}
