//! Inline pattern tests (`[[pattern.test]]`): each text must yield exactly the listed facts
//! through its own pattern — none for a negative case. Run by `cargo test` (every shipped pack)
//! and by `factlint rules test` (shipped and user packs).

use super::{Pattern, RuleSet};
use crate::document::Document;
use crate::facts::{FactExtractor, VariantMap};
use crate::normalize::key;
use crate::segment::Abbreviations;

/// A test whose facts differ from the expected ones.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TestFailure {
    pub pack: String,
    pub pattern: String,
    pub text: String,
    pub span: std::ops::Range<usize>,
    pub expected: Vec<[String; 3]>,
    pub found: Vec<[String; 3]>,
}

/// Outcome of every inline test of a rule set.
#[derive(Debug, Default)]
pub struct TestReport {
    pub passed: usize,
    pub failures: Vec<TestFailure>,
}

pub fn run_inline_tests(
    rules: &RuleSet,
    extractor: &FactExtractor<'_>,
    abbrev: &Abbreviations,
) -> TestReport {
    let mut report = TestReport::default();
    for pattern in &rules.patterns {
        for test in &pattern.tests {
            let found = facts_of(pattern, &test.text, extractor, abbrev);
            let mut expected: Vec<[String; 3]> = test
                .facts
                .iter()
                .map(|[s, p, v]| [key(s), p.clone(), v.clone()])
                .collect();
            expected.sort();
            if found == expected {
                report.passed += 1;
            } else {
                report.failures.push(TestFailure {
                    pack: pattern.pack.clone(),
                    pattern: pattern.id.clone(),
                    text: test.text.clone(),
                    span: test.span.clone(),
                    expected,
                    found,
                });
            }
        }
    }
    report
}

/// `[subject key, predicate, value]` of the facts one pattern finds in a text, sorted.
fn facts_of(
    pattern: &Pattern,
    text: &str,
    extractor: &FactExtractor<'_>,
    abbrev: &Abbreviations,
) -> Vec<[String; 3]> {
    let doc = Document::new(
        format!("{}#{}", pattern.pack, pattern.id),
        text.to_string(),
        text,
        abbrev,
    );
    let times = extractor.time.mentions(&doc.norm);
    let entities = extractor.entities(&doc);
    let mut found: Vec<[String; 3]> = extractor
        .facts_with(&doc, &times, &entities, &|p| p.id == pattern.id)
        .resolve(extractor, &VariantMap::new())
        .into_iter()
        .map(|f| [key(&f.subject), f.predicate, f.value.to_string()])
        .collect();
    found.sort();
    found
}
