//! The check registry: one module per check, named after its stable code
//! (`name_variant.rs` ⇔ `name-variant`), gathered in one alphabetical list, [`CHECKS`].
//!
//! A check reads the analysed documents ([`Analysis`]) and returns diagnostics; it never prints.
//! Its documentation is the `//!` header of its file, which `factlint explain CODE` shows.

use crate::diagnostic::{Diagnostic, Label, Severity};
use crate::document::Document;
use crate::extract::entities::EntityMention;
use crate::extract::names::NameMention;
use crate::extract::time::{CalendarTables, TimeMention};
use crate::facts::Fact;
use crate::lexicon::Lexicon;
use crate::resolve::VariantCluster;
use crate::rules::RuleSet;
use crate::sheet::FactSheets;

pub mod calendar_mismatch;
pub mod date_conflict;
pub mod name_variant;
pub mod order_violation;
pub mod reference_conflict;
pub mod translation_mismatch;
pub mod weekday_mismatch;

/// Everything the checks may read. A [`Scope::Document`] check sees one document at a time
/// (slices of length one, `facts` empty); a [`Scope::Run`] check sees the facts of every
/// document and no documents (their texts and mentions are dropped once analysed).
pub struct Analysis<'a> {
    pub documents: &'a [Document],
    /// Name-like mentions per document (same index as `documents`).
    pub names: &'a [Vec<NameMention>],
    /// Spelling-variant clusters per document (glosses not yet removed).
    pub clusters: &'a [Vec<VariantCluster>],
    /// Time mentions per document (same index as `documents`), sorted by span.
    pub times: &'a [Vec<TimeMention>],
    /// Entity mentions per document (same index as `documents`).
    pub entities: &'a [Vec<EntityMention>],
    /// Facts of every document, in document order.
    pub facts: &'a [Fact],
    /// The orderings documents state ("later", "after his death"), in document order.
    pub sequences: &'a [crate::frames::discourse::Sequence],
    pub rules: &'a RuleSet,
    /// Reference fact sheets of the run (empty without `--facts` / `facts = [...]`).
    pub sheets: &'a FactSheets,
    /// The shipped calendar tables (weekday names, era words, calendar pair links).
    pub calendar: &'a CalendarTables,
    pub lexicon: &'a Lexicon,
}

/// What a check needs to see at once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// One document: its text, names, clusters, time and entity mentions.
    Document,
    /// The facts of the whole run (cross-document findings).
    Run,
}

pub trait Check: Sync {
    /// Stable code, kebab-case, equal to the module file name with `_` → `-`.
    fn code(&self) -> &'static str;
    /// The module's `//!` documentation (What it does / Why / Example / Not flagged).
    fn documentation(&self) -> &'static str;
    /// The severity of every diagnostic the check emits (SARIF's `defaultConfiguration.level`).
    fn severity(&self) -> Severity;
    /// Whether the check reads documents one at a time or the run's facts.
    fn scope(&self) -> Scope {
        Scope::Run
    }
    fn run(&self, analysis: &Analysis<'_>) -> Vec<Diagnostic>;
}

/// Every check, in alphabetical order of code.
pub const CHECKS: &[&dyn Check] = &[
    &calendar_mismatch::CalendarMismatch,
    &date_conflict::DateConflict,
    &name_variant::NameVariant,
    &order_violation::OrderViolation,
    &reference_conflict::ReferenceConflict,
    &translation_mismatch::TranslationMismatch,
    &weekday_mismatch::WeekdayMismatch,
];

/// The check with this code, if any.
pub fn by_code(code: &str) -> Option<&'static dyn Check> {
    CHECKS.iter().copied().find(|c| c.code() == code)
}

/// A label on a fact's value, quoting the value as written.
pub fn fact_label(fact: &Fact, message: String, primary: bool) -> Label {
    Label {
        file: fact.file.clone(),
        span: fact.value_span,
        text: fact.value_text.clone(),
        message,
        primary,
    }
}

/// The first line under `## What it does` in a module doc (the one-line summary).
pub fn summary(doc: &str) -> &str {
    doc.lines()
        .skip_while(|l| !l.starts_with("## What it does"))
        .nth(1)
        .unwrap_or("")
}

/// The `//!` lines at the top of a Rust source file, without the markers.
pub fn module_doc(source: &'static str) -> String {
    source
        .lines()
        .take_while(|l| l.starts_with("//!"))
        .map(|l| {
            l.trim_start_matches("//!")
                .strip_prefix(' ')
                .unwrap_or(l.trim_start_matches("//!"))
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_sorted_unique_and_match_file_names() {
        let codes: Vec<&str> = CHECKS.iter().map(|c| c.code()).collect();
        let mut sorted = codes.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(codes, sorted, "CHECKS must be alphabetical and unique");
        for code in codes {
            let file = format!(
                "{}/src/check/{}.rs",
                env!("CARGO_MANIFEST_DIR"),
                code.replace('-', "_")
            );
            assert!(
                std::path::Path::new(&file).exists(),
                "no module file {file} for {code}"
            );
        }
    }

    #[test]
    fn every_check_is_documented_with_sections() {
        for check in CHECKS {
            let doc = check.documentation();
            for section in ["## What it does", "## Why", "## Example"] {
                assert!(doc.contains(section), "{} lacks `{section}`", check.code());
            }
        }
    }
}
