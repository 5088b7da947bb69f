//! Inline tests of the packs: each text must yield exactly the listed facts — none for a
//! negative case. A pattern's tests (`[[pattern.test]]`) run that pattern alone; a frame rule's
//! (`[[frame.test]]`) and a predicate's (`[[predicate.test]]`) run every frame rule, so they
//! state what a construction yields as a whole. Run by `cargo test` (every shipped pack) and by
//! `factlint rules test` (shipped and user packs).

use super::{Pattern, RuleSet};
use crate::document::Document;
use crate::facts::{FactExtractor, Only, VariantMap};
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
    let mut check = |pack: &str,
                     id: &str,
                     text: &str,
                     span: &std::ops::Range<usize>,
                     facts: &[[String; 3]],
                     only: &Only<'_>| {
        let found = facts_of(&format!("{pack}#{id}"), text, extractor, abbrev, only);
        let mut expected: Vec<[String; 3]> = facts
            .iter()
            .map(|[s, p, v]| [key(s), p.clone(), v.clone()])
            .collect();
        expected.sort();
        if found == expected {
            report.passed += 1;
        } else {
            report.failures.push(TestFailure {
                pack: pack.to_string(),
                pattern: id.to_string(),
                text: text.to_string(),
                span: span.clone(),
                expected,
                found,
            });
        }
    };
    for pattern in &rules.patterns {
        let keep = |p: &Pattern| p.id == pattern.id;
        for test in &pattern.tests {
            check(
                &pattern.pack,
                &pattern.id,
                &test.text,
                &test.span,
                &test.facts,
                &Only::Pattern(&keep),
            );
        }
    }
    let frames = Only::Frames(&|_| true);
    for rule in &rules.frames {
        for test in &rule.tests {
            check(
                &rule.pack,
                &rule.id,
                &test.text,
                &test.span,
                &test.facts,
                &frames,
            );
        }
    }
    for predicate in rules.predicates.values() {
        for test in &predicate.tests {
            check(
                &predicate.pack,
                &predicate.id,
                &test.text,
                &test.span,
                &test.facts,
                &frames,
            );
        }
    }
    report
}

/// `[participant key, predicate, value]` of the facts a text yields, sorted: the subject as
/// written for patterns, the participant's matching key for frames.
fn facts_of(
    name: &str,
    text: &str,
    extractor: &FactExtractor<'_>,
    abbrev: &Abbreviations,
    only: &Only<'_>,
) -> Vec<[String; 3]> {
    let doc = Document::new(name.to_string(), text.to_string(), text, abbrev);
    let times = extractor.time.mentions(&doc.norm);
    let entities = extractor.entities(&doc);
    let mut found: Vec<[String; 3]> = extractor
        .facts_with(&doc, &times, &entities, only)
        .resolve(extractor, &VariantMap::new())
        .into_iter()
        .map(|f| {
            let who = if f.trigger.is_some() {
                f.entity.clone()
            } else {
                key(&f.subject)
            };
            [who, f.predicate, f.value.to_string()]
        })
        .collect();
    found.sort();
    found
}
