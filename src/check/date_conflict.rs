//! # date-conflict
//!
//! ## What it does
//! Finds one functional fact given two incompatible dates: the same entity born, founded,
//! signed or taken in years whose intervals do not overlap ("founded in 1890" … "founded in
//! 1892"; «وُلد عام 1821» … «وُلد عام 1822»), within a document or across the documents checked
//! together. Values of different precision that overlap are not a conflict: `1949` and
//! `August 1949`, `the 1930s` and `1934`, `late 1949` and `November 1949`.
//!
//! ## Why is this bad?
//! A year changed in one place and not another is the most common editorial contradiction; the
//! reader cannot tell which one is right.
//!
//! ## Example
//! ```text
//! Fyodor Dostoevsky was born on 11 November 1821. … Dostoevsky was born in 1822 …
//! ```
//! is reported as `date-conflict`: born 1821-11-11 (1×) vs 1822 (1×).
//!
//! ## Not flagged
//! Multi-valued predicates (married, elected), overlapping precisions, and facts whose subject
//! the patterns could not name (pronouns are never resolved). Which predicates are functional
//! is declared in the rule packs (`functional = true`).

use super::{Analysis, Check, fact_label};
use crate::diagnostic::{Diagnostic, Severity};
use crate::extract::calendar::Interval;
use crate::facts::Fact;
use std::collections::BTreeMap;

pub struct DateConflict;

impl Check for DateConflict {
    fn code(&self) -> &'static str {
        "date-conflict"
    }

    fn documentation(&self) -> &'static str {
        include_str!("date_conflict.rs")
    }

    fn severity(&self) -> Severity {
        Severity::Error
    }

    fn run(&self, analysis: &Analysis<'_>) -> Vec<Diagnostic> {
        let mut groups: BTreeMap<(&str, &str), Vec<&Fact>> = BTreeMap::new();
        for fact in analysis.facts {
            let functional = analysis
                .rules
                .predicates
                .get(&fact.predicate)
                .is_some_and(|p| p.functional);
            if functional {
                groups
                    .entry((&fact.entity, &fact.predicate))
                    .or_default()
                    .push(fact);
            }
        }
        groups
            .into_values()
            .filter_map(|facts| conflict(&facts))
            .collect()
    }
}

/// Facts grouped into runs of overlapping values; two or more runs are a conflict.
pub fn value_groups<'f>(facts: &[&'f Fact]) -> Vec<(Interval, Vec<&'f Fact>)> {
    let mut sorted: Vec<&Fact> = facts.to_vec();
    sorted.sort_by_key(|f| (f.value.start, f.value.end, f.file.clone(), f.evidence.start));
    let mut groups: Vec<(Interval, Vec<&Fact>)> = Vec::new();
    for fact in sorted {
        match groups.last_mut() {
            Some((hull, members)) if hull.overlaps(&fact.value) => {
                *hull = hull.hull(&fact.value);
                members.push(fact);
            }
            _ => groups.push((fact.value, vec![fact])),
        }
    }
    groups
}

fn conflict(facts: &[&Fact]) -> Option<Diagnostic> {
    let groups = value_groups(facts);
    if groups.len() < 2 {
        return None;
    }
    let first = facts.first()?;
    // The minority value is the suspect; on a tie, the one written later.
    let suspect = groups
        .iter()
        .enumerate()
        .min_by_key(|(_, (_, members))| {
            let last = members
                .iter()
                .map(|f| (f.file.clone(), f.evidence.start))
                .max();
            (members.len(), std::cmp::Reverse(last))
        })
        .map_or(0, |(i, _)| i);
    let shown: Vec<String> = groups.iter().map(|(_, m)| shown_value(m)).collect();
    let listing = groups
        .iter()
        .zip(&shown)
        .map(|((_, m), s)| format!("{s} ({}×)", m.len()))
        .collect::<Vec<_>>()
        .join(" vs ");
    let mut labels = Vec::new();
    for (i, (_, members)) in groups.iter().enumerate() {
        let latest = members
            .iter()
            .map(|f| (f.file.clone(), f.evidence.start))
            .max();
        for fact in members {
            let primary = i == suspect && Some((fact.file.clone(), fact.evidence.start)) == latest;
            let message = format!("{} {}", fact.predicate, fact.value);
            labels.push(fact_label(fact, message, primary));
        }
    }
    labels.sort_by(|a, b| (&a.file, a.span).cmp(&(&b.file, b.span)));
    Some(Diagnostic {
        code: "date-conflict",
        severity: Severity::Error,
        message: format!("«{}» {}: {listing}", first.subject, first.predicate),
        help: Some(format!(
            "one {} date per {}: check which value is right and correct the others",
            first.predicate, "entity"
        )),
        labels,
        fixes: Vec::new(),
    })
}

/// A value group shown by its most precise member's notation.
fn shown_value(members: &[&Fact]) -> String {
    members
        .iter()
        .min_by_key(|f| (f.value.end - f.value.start, f.evidence.start))
        .map_or(String::new(), |f| f.value.to_string())
}
