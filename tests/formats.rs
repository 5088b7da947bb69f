//! The machine formats for CI: `--format sarif`, `github` and `junit`. Each is snapshot-tested on
//! the same two files checked together (the Arabic sample and the English date-conflict
//! fixture); SARIF is validated against the official OASIS schema, JUnit is parsed back by a
//! strict XML parser, and GitHub commands are checked for escaping.

mod common;

use common::factlint;
use factlint::check::{CHECKS, by_code};
use factlint::diagnostic::{Diagnostic, Fix, Label, Severity};
use factlint::report::{Sources, github, junit, sarif};
use factlint::span::Span;
use serde_json::Value;

const SAMPLE: &str = "fixtures/000_767ff41110f38e2c.txt";
const DATES: &str = "tests/fixtures/date-conflict/english.md";

fn check(format: &str, paths: &[&str]) -> String {
    let mut args = vec!["check", "--format", format];
    args.extend_from_slice(paths);
    factlint(&args).stdout
}

fn json_diagnostics(paths: &[&str]) -> Vec<Value> {
    let report: Value = serde_json::from_str(&check("json", paths)).expect("JSON report");
    report["diagnostics"].as_array().expect("array").clone()
}

fn sarif_validator() -> jsonschema::Validator {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/schema/sarif-schema-2.1.0.json"
    ))
    .expect("vendored SARIF schema");
    let mut schema: Value = serde_json::from_str(&text).expect("schema is JSON");
    // The 2.1.0 schema's `run.language` pattern has a stray `]` that stricter regex engines
    // reject; SARIF Errata 01 corrected it to this. Patched in memory so the vendored file stays
    // byte-identical to its published copy (see schema/sarif-schema-2.1.0.NOTICE.md).
    let patched = ["run", "toolComponent"].map(|definition| {
        let pattern = &mut schema["definitions"][definition]["properties"]["language"]["pattern"];
        let was_bad = *pattern == "^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$";
        *pattern = Value::from("^[a-zA-Z]{2}(-[a-zA-Z]{2})?$");
        was_bad
    });
    assert_eq!(patched, [true, true], "schema changed: drop this patch");
    jsonschema::validator_for(&schema).expect("schema compiles")
}

fn schema_errors(validator: &jsonschema::Validator, log: &Value) -> Vec<String> {
    validator.iter_errors(log).map(|e| e.to_string()).collect()
}

/// The version changes with every release; the snapshots should not.
fn without_version(text: &str) -> String {
    text.replace(env!("CARGO_PKG_VERSION"), "[version]")
}

#[test]
fn snapshots_of_each_format() {
    for format in ["sarif", "github", "junit"] {
        let out = check(format, &[SAMPLE, DATES]);
        assert!(!out.is_empty(), "{format}: empty output");
        insta::assert_snapshot!(format!("sample_{format}"), without_version(&out));
    }
}

#[test]
fn output_does_not_depend_on_the_order_of_the_paths() {
    for format in ["sarif", "github", "junit"] {
        assert_eq!(
            check(format, &[SAMPLE, DATES]),
            check(format, &[DATES, SAMPLE]),
            "{format}"
        );
    }
}

#[test]
fn sarif_validates_against_the_official_schema() {
    let validator = sarif_validator();
    for paths in [&[SAMPLE, DATES][..], &["tests/fixtures"]] {
        let log: Value = serde_json::from_str(&check("sarif", paths)).expect("SARIF is JSON");
        assert_eq!(schema_errors(&validator, &log), Vec::<String>::new());
        let results = log["runs"][0]["results"].as_array().expect("results");
        assert_eq!(results.len(), json_diagnostics(paths).len(), "{paths:?}");
    }
}

#[test]
fn the_sarif_schema_rejects_what_it_should() {
    let validator = sarif_validator();
    let mut log: Value = serde_json::from_str(&check("sarif", &[DATES])).expect("SARIF is JSON");
    assert!(validator.is_valid(&log));
    log["runs"][0]["columnKind"] = "chars".into();
    assert!(!validator.is_valid(&log), "an unknown columnKind must fail");
    log["runs"][0]["columnKind"] = "unicodeCodePoints".into();
    log["runs"][0]["results"][0]["level"] = "fatal".into();
    assert!(!validator.is_valid(&log), "an unknown level must fail");
}

#[test]
fn sarif_rules_describe_every_check() {
    let log: Value = serde_json::from_str(&check("sarif", &[DATES])).expect("SARIF is JSON");
    let run = &log["runs"][0];
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let driver = &run["tool"]["driver"];
    assert_eq!(driver["name"], "factlint");
    assert_eq!(driver["version"], env!("CARGO_PKG_VERSION"));
    let rules = driver["rules"].as_array().expect("rules");
    assert_eq!(rules.len(), CHECKS.len());
    for (rule, check) in rules.iter().zip(CHECKS) {
        assert_eq!(rule["id"], check.code());
        let short = rule["shortDescription"]["text"].as_str().expect("short");
        assert!(!short.is_empty() && !short.starts_with('#'), "{short}");
        assert!(
            rule["fullDescription"]["text"]
                .as_str()
                .is_some_and(|t| t.contains("## What it does") && t.contains(short))
        );
        assert_eq!(
            rule["defaultConfiguration"]["level"],
            check.severity().to_string()
        );
    }
    for result in run["results"].as_array().expect("results") {
        let index = result["ruleIndex"].as_u64().expect("ruleIndex") as usize;
        assert_eq!(rules[index]["id"], result["ruleId"]);
        assert!(result["partialFingerprints"]["factlint/v1"].is_string());
    }
}

#[test]
fn checks_emit_their_declared_severity() {
    for d in json_diagnostics(&[SAMPLE, "tests/fixtures"]) {
        let code = d["code"].as_str().expect("code");
        let check = by_code(code).expect("registered check");
        assert_eq!(d["severity"], check.severity().to_string(), "{code}");
    }
}

/// Character columns, not bytes, not UTF-16: the Arabic sample's findings sit after Arabic text.
#[test]
fn arabic_columns_count_characters() {
    let text = std::fs::read_to_string(SAMPLE).expect("sample");
    let mut sources = Sources::default();
    sources.insert(SAMPLE, &text);
    let log: Value = serde_json::from_str(&check("sarif", &[SAMPLE])).expect("SARIF is JSON");
    let index = sources.line_index(SAMPLE).expect("index");
    let mut after_arabic = None;
    for result in log["runs"][0]["results"].as_array().expect("results") {
        let location = &result["locations"][0]["physicalLocation"];
        assert_eq!(location["artifactLocation"]["uri"], SAMPLE);
        let region = &location["region"];
        let offset = region["byteOffset"].as_u64().expect("byteOffset") as usize;
        let length = region["byteLength"].as_u64().expect("byteLength") as usize;
        let start = sources.line_col(SAMPLE, offset);
        let end = sources.line_col(SAMPLE, offset + length);
        assert_eq!(region["startLine"], start.line);
        assert_eq!(region["startColumn"], start.column);
        assert_eq!(region["endLine"], end.line);
        assert_eq!(region["endColumn"], end.column);
        let line_start = index.line_range(&text, start.line - 1).start;
        if after_arabic.is_none() && start.column < offset - line_start + 1 {
            after_arabic = Some((start, text[line_start..offset].chars().count() + 1));
        }
    }
    let (start, chars) = after_arabic.expect("a finding after Arabic text on its line");
    assert_eq!(start.column, chars, "column counts characters");

    let github = check("github", &[SAMPLE]);
    let place = format!(",line={},col={},", start.line, start.column);
    assert!(github.lines().any(|l| l.contains(&place)), "{github}");
}

fn synthetic(file: &str, message: &str, help: &str) -> Diagnostic {
    Diagnostic {
        code: "date-conflict",
        severity: Severity::Error,
        message: message.into(),
        help: Some(help.into()),
        labels: vec![
            Label {
                file: file.into(),
                span: Span::new(0, 4),
                text: "1949".into(),
                message: "this one".into(),
                primary: false,
            },
            Label {
                file: file.into(),
                span: Span::new(9, 13),
                text: "1950".into(),
                message: "conflicts".into(),
                primary: true,
            },
        ],
        fixes: vec![Fix {
            file: file.into(),
            span: Span::new(9, 13),
            replacement: "1949".into(),
        }],
    }
}

#[test]
fn sarif_fixes_and_related_locations_validate() {
    let mut sources = Sources::default();
    sources.insert("docs/a b.md", "1949 and 1950\n");
    let d = synthetic("docs/a b.md", "two dates", "pick one");
    let log: Value = serde_json::from_str(&sarif::render(&[d], &sources)).expect("JSON");
    assert_eq!(
        schema_errors(&sarif_validator(), &log),
        Vec::<String>::new()
    );
    let result = &log["runs"][0]["results"][0];
    assert_eq!(result["message"]["text"], "two dates\npick one");
    assert_eq!(
        result["locations"][0]["physicalLocation"]["region"]["startColumn"],
        10
    );
    assert_eq!(result["relatedLocations"][0]["id"], 1);
    assert_eq!(result["relatedLocations"][0]["message"]["text"], "this one");
    let change = &result["fixes"][0]["artifactChanges"][0];
    assert_eq!(change["artifactLocation"]["uri"], "docs/a%20b.md");
    let replacement = &change["replacements"][0];
    assert_eq!(replacement["deletedRegion"]["byteOffset"], 9);
    assert_eq!(replacement["insertedContent"]["text"], "1949");
}

#[test]
fn github_commands_escape_paths_and_messages() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("a,b:c%.md");
    std::fs::copy(DATES, &path).expect("copy fixture");
    let path = path.to_str().expect("UTF-8 temp path");
    let out = check("github", &[path]);
    let escaped = path
        .replace('%', "%25")
        .replace(':', "%3A")
        .replace(',', "%2C");
    assert_eq!(out.lines().count(), json_diagnostics(&[path]).len());
    for line in out.lines() {
        assert!(line.starts_with("::error file="), "{line}");
        assert!(line.contains(&format!("file={escaped},line=")), "{line}");
        let (_, message) = line.split_once(",title=date-conflict::").expect("title");
        assert!(!message.contains('\n') && !message.contains('\r'));
    }

    let mut sources = Sources::default();
    sources.insert("x.md", "1949 and 1950\n");
    let d = synthetic("x.md", "100% sure:\r\nno, wait", "help: here");
    assert_eq!(
        github::command(&d, &sources),
        "::error file=x.md,line=1,col=10,endLine=1,endColumn=14,title=date-conflict\
         ::100%25 sure:%0D%0Ano, wait%0Ahelp: here"
    );
}

fn parse_junit(xml: &str) -> roxmltree::Document<'_> {
    roxmltree::Document::parse(xml).expect("well-formed XML")
}

fn count_attr(node: roxmltree::Node<'_, '_>, name: &str) -> usize {
    node.attribute(name)
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| panic!("numeric attribute {name}"))
}

#[test]
fn junit_parses_back_with_correct_counts() {
    let paths = [SAMPLE, DATES];
    let xml = check("junit", &paths);
    let doc = parse_junit(&xml);
    let suites: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("testsuite"))
        .collect();
    assert_eq!(suites.len(), 1);
    let suite = suites[0];
    assert_eq!(suite.attribute("name"), Some("factlint"));
    let cases: Vec<_> = suite
        .children()
        .filter(|n| n.has_tag_name("testcase"))
        .collect();
    let names: Vec<&str> = cases.iter().filter_map(|c| c.attribute("name")).collect();
    assert_eq!(names, [SAMPLE, DATES], "one case per file, in path order");
    let failing = cases
        .iter()
        .filter(|c| c.children().any(|n| n.has_tag_name("failure")))
        .count();
    assert_eq!(count_attr(suite, "tests"), cases.len());
    assert_eq!(count_attr(suite, "failures"), failing);
    assert_eq!(count_attr(suite, "errors"), 0);

    let diagnostics = json_diagnostics(&paths);
    let failures: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("failure"))
        .collect();
    assert_eq!(failures.len(), diagnostics.len());
    for (failure, d) in failures.iter().zip(&diagnostics) {
        assert_eq!(failure.attribute("type"), d["code"].as_str());
        assert_eq!(failure.attribute("message"), d["message"].as_str());
        let file = failure.parent().and_then(|c| c.attribute("name"));
        let body = failure.text().expect("body");
        assert!(
            body.starts_with(&format!("{}:", file.expect("name"))),
            "{body}"
        );
    }
}

#[test]
fn junit_escapes_markup_and_control_characters() {
    let mut sources = Sources::default();
    sources.insert("a&b.md", "1949 and 1950\n");
    sources.insert("clean.md", "nothing\n");
    let nasty = "<b> & \"q\" 'a'\r\n\u{1}";
    let xml = junit::render(&[synthetic("a&b.md", nasty, "h>")], &sources);
    let doc = parse_junit(&xml);
    let failure = doc
        .descendants()
        .find(|n| n.has_tag_name("failure"))
        .expect("one failure");
    assert_eq!(
        failure.attribute("message"),
        Some("<b> & \"q\" 'a'\r\n\\u{1}")
    );
    assert_eq!(
        failure.text(),
        Some("a&b.md:1:10: date-conflict: <b> & \"q\" 'a'\r\n\\u{1}\nh>")
    );
    let suite = doc
        .descendants()
        .find(|n| n.has_tag_name("testsuite"))
        .expect("suite");
    assert_eq!(count_attr(suite, "tests"), 2);
    assert_eq!(count_attr(suite, "failures"), 1);
}
