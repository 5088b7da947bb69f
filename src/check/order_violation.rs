//! # order-violation
//!
//! ## What it does
//! Checks the order constraints the rule packs declare between predicates of one entity:
//! `born <= died`, `born <= married`, `married <= died`, `founded <= dissolved`,
//! `began <= ended`. A death dated before the birth, a war that ends before it begins, an
//! organisation dissolved before it was founded are reported, within a document or across the
//! documents checked together.
//!
//! ## Why is this bad?
//! One of the two dates is wrong (often a typo in a year), and readers notice it at once.
//!
//! ## Example
//! ```text
//! Ahmad Shawqi was born in 1868 … Ahmad Shawqi died in 1832.
//! ```
//! is reported as `order-violation`: died 1832 is before born 1868.
//!
//! ## Not flagged
//! Overlapping values (born 1821, died in the 1820s), entities the patterns could not name,
//! and constraints no pack declares.
//!
//! Ages given right after a claim ("died in 1881 at the age of 70", «عن عمر يناهز 70») are
//! compared with the birth date too: born 1821 and died 1881 at 70 cannot all be right.

use super::{Analysis, Check, fact_label};
use crate::diagnostic::{Diagnostic, Label, Severity};
use crate::extract::calendar::{Interval, civil_from_days, days_from_civil};
use crate::facts::Fact;
use crate::frames::Bound;
use crate::frames::discourse::{Earlier, Sequence, Stated};
use std::collections::BTreeMap;

pub struct OrderViolation;

impl Check for OrderViolation {
    fn code(&self) -> &'static str {
        "order-violation"
    }

    fn documentation(&self) -> &'static str {
        include_str!("order_violation.rs")
    }

    fn severity(&self) -> Severity {
        Severity::Error
    }

    fn run(&self, analysis: &Analysis<'_>) -> Vec<Diagnostic> {
        let mut by_entity: BTreeMap<(&str, &str), Vec<&Fact>> = BTreeMap::new();
        for fact in analysis.facts.iter().filter(|f| f.bound == Bound::Point) {
            by_entity
                .entry((&fact.entity, &fact.predicate))
                .or_default()
                .push(fact);
        }
        let mut out = age_violations(&by_entity);
        for order in &analysis.rules.orders {
            for ((entity, predicate), befores) in &by_entity {
                if *predicate != order.before {
                    continue;
                }
                let Some(afters) = by_entity.get(&(*entity, order.after.as_str())) else {
                    continue;
                };
                // The earliest of the first against the latest of the second: a building
                // destroyed, rebuilt and destroyed again breaks nothing.
                let earliest = befores.iter().min_by_key(|f| (f.value.start, f.value.end));
                let latest = afters.iter().max_by_key(|f| (f.value.end, f.value.start));
                if let (Some(b), Some(a)) = (earliest, latest)
                    && b.value.start > a.value.end
                {
                    out.push(violation(&[(*b, *a)]));
                }
            }
        }
        out.extend(sequence_violations(analysis.sequences, &by_entity));
        out
    }
}

/// Orderings the text states against the dates it gives: a time after "later" / «ثم» that is
/// before the time it follows; a time after "after his death" before the death.
fn sequence_violations(
    sequences: &[Sequence],
    by_entity: &BTreeMap<(&str, &str), Vec<&Fact>>,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for s in sequences {
        match &s.earlier {
            Earlier::Time(earlier) => {
                if s.later.interval.end < earlier.interval.start {
                    out.push(sequence_diagnostic(s, earlier, None));
                }
            }
            Earlier::Event {
                predicate,
                entity,
                text,
                resolved,
            } => {
                let Some(events) = by_entity.get(&(entity.as_str(), predicate.as_str())) else {
                    continue;
                };
                let broken = events.iter().find(|e| {
                    if s.flipped {
                        s.later.interval.start > e.value.end
                    } else {
                        s.later.interval.end < e.value.start
                    }
                });
                if let Some(event) = broken {
                    let dated = Stated {
                        span: event.value_span,
                        text: event.value_text.clone(),
                        interval: event.value,
                    };
                    out.push(sequence_diagnostic(
                        s,
                        &dated,
                        Some((event, text, resolved.as_deref())),
                    ));
                }
            }
        }
    }
    out
}

fn sequence_diagnostic(
    s: &Sequence,
    earlier: &Stated,
    event: Option<(&Fact, &String, Option<&str>)>,
) -> Diagnostic {
    let (earlier_file, earlier_message, what) = match event {
        Some((fact, text, resolved)) => {
            let how = resolved.map(|r| format!("; {r}")).unwrap_or_default();
            (
                fact.file.clone(),
                format!("{} {}{how}", fact.predicate, fact.value),
                format!("«{text}»"),
            )
        }
        None => (
            s.file.clone(),
            format!("{}", earlier.interval),
            "the time before it".to_string(),
        ),
    };
    let (relation, help) = if s.flipped {
        (
            "after",
            "the text puts this before the event; one of the dates is wrong",
        )
    } else {
        (
            "before",
            "the text puts this after what it follows; one of the dates is wrong",
        )
    };
    let mut labels = vec![
        Label {
            file: earlier_file,
            span: earlier.span,
            text: earlier.text.clone(),
            message: earlier_message,
            primary: false,
        },
        Label {
            file: s.file.clone(),
            span: s.later.span,
            text: s.later.text.clone(),
            message: format!("{} after «{}»", s.later.interval, s.cue),
            primary: true,
        },
    ];
    labels.sort_by(|a, b| (&a.file, a.span).cmp(&(&b.file, b.span)));
    labels.dedup_by(|a, b| a.file == b.file && a.span == b.span);
    Diagnostic {
        code: "order-violation",
        severity: Severity::Error,
        message: format!(
            "«{}» comes after {what}, but {} is {relation} {}",
            s.cue, s.later.interval, earlier.interval
        ),
        help: Some(help.to_string()),
        labels,
        fixes: Vec::new(),
    }
}

/// Facts that give an age ("died in 1881 at the age of 70") against the same person's birth.
fn age_violations(by_entity: &BTreeMap<(&str, &str), Vec<&Fact>>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for ((entity, predicate), facts) in by_entity {
        let Some(births) = by_entity.get(&(*entity, "born")) else {
            continue;
        };
        if *predicate == "born" {
            continue;
        }
        for fact in facts {
            let Some(age) = fact.age else { continue };
            let implied = implied_birth(fact.value, age);
            if let Some(birth) = births.iter().find(|b| b.value.is_disjoint(&implied)) {
                out.push(age_violation(birth, fact, age, implied));
            }
        }
    }
    out
}

/// When someone of `age` at `event` was born: from a day after (age + 1) years before the event's
/// start to `age` years before its end.
fn implied_birth(event: Interval, age: u32) -> Interval {
    let shift = |day, years: i32, plus: i32| {
        let (y, m, d) = civil_from_days(day);
        days_from_civil(y - years, m, d) + plus
    };
    let age = i32::try_from(age).unwrap_or(i32::MAX / 2);
    Interval::new(shift(event.start, age + 1, 1), shift(event.end, age, 0))
}

fn age_violation(birth: &Fact, fact: &Fact, age: u32, implied: Interval) -> Diagnostic {
    let mut labels = vec![
        fact_label(birth, format!("born {}", birth.value), false),
        fact_label(
            fact,
            format!("{} {} at the age of {age}", fact.predicate, fact.value),
            true,
        ),
    ];
    labels.sort_by(|a, b| (&a.file, a.span).cmp(&(&b.file, b.span)));
    Diagnostic {
        code: "order-violation",
        severity: Severity::Error,
        message: format!(
            "«{}» {} {} at the age of {age} means born {implied}, not {}",
            fact.subject, fact.predicate, fact.value, birth.value
        ),
        help: Some("the age and the two dates cannot all be right; check them".to_string()),
        labels,
        fixes: Vec::new(),
    }
}

/// One diagnostic per entity and constraint, labelling every fact in a violating pair.
fn violation(pairs: &[(&Fact, &Fact)]) -> Diagnostic {
    let (before, after) = pairs[0];
    let mut labels: Vec<Label> = Vec::new();
    for (b, a) in pairs {
        for (fact, primary) in [(*b, false), (*a, true)] {
            if !labels
                .iter()
                .any(|l| l.file == fact.file && l.span == fact.value_span)
            {
                labels.push(fact_label(
                    fact,
                    format!("{} {}", fact.predicate, fact.value),
                    primary && labels.iter().all(|l| !l.primary),
                ));
            }
        }
    }
    labels.sort_by(|a, b| (&a.file, a.span).cmp(&(&b.file, b.span)));
    Diagnostic {
        code: "order-violation",
        severity: Severity::Error,
        message: format!(
            "«{}» {} {} is before {} {}",
            after.subject, after.predicate, after.value, before.predicate, before.value
        ),
        help: Some(format!(
            "{} must not come before {}; one of the two dates is wrong",
            after.predicate, before.predicate
        )),
        labels,
        fixes: Vec::new(),
    }
}
