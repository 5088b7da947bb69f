//! # reference-conflict
//!
//! ## What it does
//! Compares the facts in the text with the team's reference fact sheets (`facts = [...]` in
//! `factlint.toml`, or `--facts FILE`): a date in the text whose interval does not overlap the
//! sheet's value for the same entity and predicate is reported, with the sheet's value and
//! source in the help.
//!
//! ## Why is this bad?
//! The sheet holds what the editors verified; text that disagrees with it is either wrong or a
//! reason to re-check the sheet.
//!
//! ## Example
//! With a sheet saying the People's Liberation Army took control of Xinjiang in late 1949,
//! ```text
//! مع بداية عام 1951 ميلادي، سيطر جيش التحرير الشعبي الصيني على شينجيانغ
//! ```
//! is reported as `reference-conflict`: the text says 1951, the sheet says late 1949.
//!
//! ## Not flagged
//! Values that overlap the sheet's (the text says 1949, the sheet says August 1949), facts about
//! entities the sheet does not declare, and predicates it has no value for.

use super::{Analysis, Check, fact_label};
use crate::diagnostic::{Diagnostic, Severity};

pub struct ReferenceConflict;

impl Check for ReferenceConflict {
    fn code(&self) -> &'static str {
        "reference-conflict"
    }

    fn documentation(&self) -> &'static str {
        include_str!("reference_conflict.rs")
    }

    fn severity(&self) -> Severity {
        Severity::Error
    }

    fn run(&self, analysis: &Analysis<'_>) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        for reference in &analysis.sheets.facts {
            for fact in analysis.facts.iter().filter(|f| {
                f.entity == reference.subject
                    && f.predicate == reference.predicate
                    && f.value.is_disjoint(&reference.value)
            }) {
                let source = if reference.source.is_empty() {
                    String::new()
                } else {
                    format!(" (source: {})", reference.source)
                };
                out.push(Diagnostic {
                    code: "reference-conflict",
                    severity: Severity::Error,
                    message: format!(
                        "«{}» {}: the text says {}, the fact sheet says {}",
                        fact.subject, fact.predicate, fact.value, reference.value
                    ),
                    help: Some(format!(
                        "{} gives {} = {}{source}",
                        reference.sheet, reference.predicate, reference.value_text
                    )),
                    labels: vec![fact_label(
                        fact,
                        format!(
                            "{} {} here; the sheet says {}",
                            fact.predicate, fact.value, reference.value
                        ),
                        true,
                    )],
                    fixes: Vec::new(),
                });
            }
        }
        out
    }
}
