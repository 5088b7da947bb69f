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
use crate::frames::Bound;
use crate::rules::frame::Role;
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
        let mut groups: BTreeMap<(&str, &str, Role), Vec<&Fact>> = BTreeMap::new();
        let distinct = |p: &str| {
            analysis
                .rules
                .predicates
                .get(p)
                .is_some_and(|p| p.distinct_agents)
        };
        for fact in analysis.facts {
            let Some(predicate) = analysis.rules.predicates.get(&fact.predicate) else {
                continue;
            };
            let compared = predicate.functional
                && !(predicate.agent_required && fact.agent.is_none() && fact.role != Role::Agent);
            if compared {
                groups
                    .entry((&fact.entity, &fact.predicate, fact.role))
                    .or_default()
                    .push(fact);
            }
        }
        let mut out: Vec<Diagnostic> = groups
            .into_iter()
            .flat_map(|((_, predicate, _), facts)| {
                if distinct(predicate) {
                    by_agent(&facts)
                } else {
                    vec![facts]
                }
            })
            .filter_map(|facts| conflict(&facts))
            .collect();
        out.extend(disagreements(analysis));
        // One event may reach a conflict through two agent groups: report it once.
        out.sort_by(|a, b| label_keys(a).cmp(&label_keys(b)));
        out.dedup_by(|a, b| label_keys(a) == label_keys(b));
        out
    }
}

fn label_keys(d: &Diagnostic) -> Vec<(String, usize, usize)> {
    d.labels
        .iter()
        .map(|l| (l.file.clone(), l.span.start, l.span.end))
        .collect()
}

/// Values that must agree with one of their participant's dates and agree with none: a title's
/// year in parentheses against the dates its work was written, completed or published.
fn disagreements(analysis: &Analysis<'_>) -> Vec<Diagnostic> {
    let mut by_entity: BTreeMap<(&str, &str), Vec<&Fact>> = BTreeMap::new();
    for f in analysis.facts.iter().filter(|f| f.bound == Bound::Point) {
        by_entity
            .entry((&f.entity, &f.predicate))
            .or_default()
            .push(f);
    }
    let mut out = Vec::new();
    for ((entity, predicate), facts) in &by_entity {
        let Some(p) = analysis.rules.predicates.get(*predicate) else {
            continue;
        };
        if p.agrees_with.is_empty() {
            continue;
        }
        let dates: Vec<&Fact> = p
            .agrees_with
            .iter()
            .filter_map(|q| by_entity.get(&(*entity, q.as_str())))
            .flatten()
            .copied()
            .collect();
        if dates.is_empty() {
            continue;
        }
        for fact in facts {
            if dates.iter().any(|d| d.value.overlaps(&fact.value)) {
                continue;
            }
            let mut labels = vec![fact_label(fact, label_message(fact), true)];
            labels.extend(dates.iter().map(|d| fact_label(d, label_message(d), false)));
            labels.sort_by(|a, b| (&a.file, a.span).cmp(&(&b.file, b.span)));
            labels.dedup_by(|a, b| a.file == b.file && a.span == b.span);
            let listing = dates
                .iter()
                .map(|d| format!("{} {}", d.predicate, d.value))
                .collect::<Vec<_>>()
                .join(", ");
            out.push(Diagnostic {
                code: "date-conflict",
                severity: Severity::Error,
                message: format!("«{}» is dated {}, but {listing}", fact.subject, fact.value),
                help: Some(
                    "the year given with the title matches none of its dates: check which is right"
                        .to_string(),
                ),
                labels,
                fixes: Vec::new(),
            });
        }
    }
    out
}

/// The facts of one (entity, predicate) split by agent: two captures of one city by different
/// armies are two events. Facts with no agent belong to every group; agents with a word in
/// common ("Songhai" / "the Songhai empire") are one.
pub fn by_agent<'f>(facts: &[&'f Fact]) -> Vec<Vec<&'f Fact>> {
    let mut agents: Vec<Vec<&str>> = Vec::new();
    for f in facts {
        let Some(a) = &f.agent else { continue };
        let words: Vec<&str> = a.split(' ').filter(|w| w.chars().count() > 2).collect();
        match agents
            .iter_mut()
            .find(|g| g.iter().any(|w| words.contains(w)))
        {
            Some(g) => g.extend(words),
            None => agents.push(words),
        }
    }
    if agents.len() < 2 {
        return vec![facts.to_vec()];
    }
    agents
        .iter()
        .map(|g| {
            facts
                .iter()
                .filter(|f| {
                    f.agent
                        .as_ref()
                        .is_none_or(|a| a.split(' ').any(|w| g.contains(&w)))
                })
                .copied()
                .collect()
        })
        .collect()
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

/// A bound ("by 1968", "as early as 1027") that a stated date breaks.
fn breaks(bound: &Fact, point: &Fact) -> bool {
    match bound.bound {
        Bound::NotAfter => point.value.start > bound.value.end,
        Bound::NotBefore => point.value.end < bound.value.start,
        Bound::Point => false,
    }
}

fn conflict(facts: &[&Fact]) -> Option<Diagnostic> {
    let points: Vec<&Fact> = facts
        .iter()
        .copied()
        .filter(|f| f.bound == Bound::Point)
        .collect();
    let bounds: Vec<&Fact> = facts
        .iter()
        .copied()
        .filter(|f| f.bound != Bound::Point)
        .collect();
    let mut groups = value_groups(&points);
    // Each broken bound is a group of its own, and the points it breaks stay theirs.
    let broken: Vec<&Fact> = bounds
        .iter()
        .copied()
        .filter(|b| points.iter().any(|p| breaks(b, p)))
        .collect();
    if groups.len() < 2 && broken.is_empty() {
        return None;
    }
    if groups.len() < 2 {
        // Only the points a bound breaks are part of the conflict.
        groups.retain(|(_, members)| members.iter().any(|p| broken.iter().any(|b| breaks(b, p))));
    }
    for b in &broken {
        groups.push((b.value, vec![*b]));
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
            labels.push(fact_label(fact, label_message(fact), primary));
        }
    }
    labels.sort_by(|a, b| (&a.file, a.span).cmp(&(&b.file, b.span)));
    labels.dedup_by(|a, b| a.file == b.file && a.span == b.span);
    if labels.len() < 2 {
        return None;
    }
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

/// What a label says of its fact: the predicate and value, how a bound reads, the trigger that
/// stated it and how its participant was resolved.
fn label_message(fact: &Fact) -> String {
    let value = match fact.bound {
        Bound::Point => fact.value.to_string(),
        Bound::NotAfter => format!("by {}", fact.value),
        Bound::NotBefore => format!("after {}", fact.value),
    };
    let mut message = format!("{} {value}", fact.predicate);
    if let Some(t) = &fact.trigger {
        message.push_str(&format!(" («{t}»)"));
    }
    if let Some(r) = &fact.resolved {
        message.push_str(&format!("; {r}"));
    }
    message
}

/// A value group shown by its most precise member's notation.
fn shown_value(members: &[&Fact]) -> String {
    members
        .iter()
        .min_by_key(|f| (f.value.end - f.value.start, f.evidence.start))
        .map_or(String::new(), |f| f.value.to_string())
}
