//! Text for `factlint rules list|show|test`.

use crate::rules::inline::TestFailure;
use crate::rules::{PackError, RuleSet};
use std::fmt::Write;

pub fn list_rules(rules: &RuleSet) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "packs:");
    for pack in &rules.packs {
        let _ = writeln!(
            out,
            "  {:<32} {}",
            pack.name,
            pack.description.as_deref().unwrap_or("")
        );
    }
    let _ = writeln!(out, "\npredicates:");
    for p in rules.predicates.values() {
        let functional = if p.functional {
            "functional"
        } else {
            "multi-valued"
        };
        let _ = writeln!(out, "  {:<14} {:<13} {}", p.id, functional, p.description);
    }
    let _ = writeln!(out, "\norder constraints:");
    for o in &rules.orders {
        let _ = writeln!(out, "  {} <= {}", o.before, o.after);
    }
    let _ = writeln!(out, "\npatterns:");
    for p in &rules.patterns {
        let _ = writeln!(
            out,
            "  {:<28} {:<12} {} ({} tests)",
            p.id,
            p.predicate,
            p.lang.code(),
            p.tests.len()
        );
    }
    out
}

pub fn show_rule(rules: &RuleSet, id: &str) -> Option<String> {
    let mut out = String::new();
    if let Some(p) = rules.patterns.iter().find(|p| p.id == id) {
        let _ = writeln!(out, "pattern {} ({}, {})", p.id, p.lang.code(), p.pack);
        let _ = writeln!(out, "  predicate:  {}", p.predicate);
        let _ = writeln!(out, "  match:      {}", p.source);
        let _ = writeln!(out, "  regex:      {}", p.regex.as_str());
        let _ = writeln!(out, "  confidence: {}", p.confidence);
        for t in &p.tests {
            let facts: Vec<String> = t
                .facts
                .iter()
                .map(|f| format!("({}, {}, {})", f[0], f[1], f[2]))
                .collect();
            let shown = if facts.is_empty() {
                "no fact".to_string()
            } else {
                facts.join(", ")
            };
            let _ = writeln!(out, "  test: {} → {shown}", t.text);
        }
        return Some(out);
    }
    let p = rules.predicates.get(id)?;
    let _ = writeln!(out, "predicate {} ({})", p.id, p.pack);
    let _ = writeln!(out, "  functional: {}", p.functional);
    let _ = writeln!(out, "  value:      {:?}", p.value);
    let _ = writeln!(out, "  {}", p.description);
    Some(out)
}

/// A failed inline test as a diagnostic pointing at its text in the pack.
pub fn failure_diagnostic(rules: &RuleSet, f: &TestFailure) -> PackError {
    let show = |facts: &[[String; 3]]| {
        if facts.is_empty() {
            "no fact".to_string()
        } else {
            facts
                .iter()
                .map(|x| format!("({}, {}, {})", x[0], x[1], x[2]))
                .collect::<Vec<_>>()
                .join(", ")
        }
    };
    PackError::new(
        &f.pack,
        rules.pack_text(&f.pack),
        Some(f.span.clone()),
        format!("inline test of `{}` failed", f.pattern),
    )
    .with_label(format!("found {}", show(&f.found)))
    .with_help(format!("expected {}", show(&f.expected)))
}
