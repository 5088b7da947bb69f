//! `factlint facts`: the fact table as a readable table, JSON, JSON Lines or CSV. JSON Lines is
//! the export for scale: one fact per line, to group in DuckDB/Spark
//! (`GROUP BY entity, predicate HAVING count(DISTINCT value) > 1`).
//!
//! Entities are shown as written. `entity` is a matching key (normalized: «القاده» for «القادة»)
//! or a declared id; every row also carries `name`, the subject the entity's facts write most
//! often, and the table shows that. The key stays in JSON and CSV for grouping.
//!
//! Facts read from event frames also carry how they were read: the trigger as written, how the
//! time dates the event (`point`, `not-after` for "by 1968", `not-before` for "after 1900"), the
//! role the entity plays, the other participants, and how a pronoun or description was resolved
//! ("her → Marie Curie (line 3)"). The table prints these on a third line.

use super::Sources;
use crate::facts::{Fact, FactRole};
use crate::frames::Bound;
use crate::rules::frame::Role;
use serde::Serialize;
use std::cmp::Reverse;
use std::collections::BTreeMap;

/// The formats of `factlint facts`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FactsFormat {
    /// Two lines per fact for a terminal: where, entity | predicate | value, then the evidence.
    Table,
    /// `{"version": 1, "facts": [...]}`.
    Json,
    /// One JSON object per fact and line.
    Jsonl,
    /// A header line, then one row per fact.
    Csv,
}

#[derive(Serialize)]
struct Row<'a> {
    /// The entity as written ([`names_as_written`]).
    name: &'a str,
    entity: &'a str,
    subject: &'a str,
    predicate: &'a str,
    value: String,
    start_day: i32,
    end_day: i32,
    value_text: &'a str,
    file: &'a str,
    line: usize,
    column: usize,
    start: usize,
    end: usize,
    evidence: String,
    rule: &'a str,
    confidence: f64,
    bound: Bound,
    role: Role,
    #[serde(skip_serializing_if = "Option::is_none")]
    trigger: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    agent: Option<&'a str>,
    #[serde(skip_serializing_if = "<[FactRole]>::is_empty")]
    roles: &'a [FactRole],
    #[serde(skip_serializing_if = "Option::is_none")]
    resolved: Option<&'a str>,
}

impl Row<'_> {
    /// How a frame fact was read, for the table's third line; empty for pattern facts.
    fn reading(&self) -> String {
        let mut parts = Vec::new();
        if let Some(trigger) = self.trigger {
            parts.push(format!("trigger «{trigger}»"));
        }
        match self.bound {
            Bound::Point => {}
            Bound::NotAfter => parts.push("no later than the date".to_string()),
            Bound::NotBefore => parts.push("no earlier than the date".to_string()),
        }
        if self.role != Role::Theme {
            parts.push(format!("{} of the event", role_name(self.role)));
        }
        for r in self.roles {
            parts.push(format!("{} «{}»", role_name(r.role), r.text));
        }
        if let Some(resolved) = self.resolved {
            parts.push(format!("resolved {resolved}"));
        }
        parts.join(" · ")
    }
}

fn role_name(role: Role) -> &'static str {
    match role {
        Role::Theme => "theme",
        Role::Agent => "agent",
        Role::Place => "place",
        Role::Partner => "partner",
    }
}

/// The name each entity is shown by, from `(entity, subject)` of every fact: the subject written
/// most often, whitespace collapsed; on a tie the one written first (facts come in path and text
/// order, so the choice is deterministic).
fn names_as_written<'a>(
    subjects: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> BTreeMap<&'a str, String> {
    // (entity, form) → (how many facts write it, index of the first one)
    let mut forms: BTreeMap<(&str, String), (usize, usize)> = BTreeMap::new();
    for (i, (entity, subject)) in subjects.into_iter().enumerate() {
        let form = subject.split_whitespace().collect::<Vec<_>>().join(" ");
        if !form.is_empty() {
            forms.entry((entity, form)).or_insert((0, i)).0 += 1;
        }
    }
    let mut best: BTreeMap<&str, (String, (usize, Reverse<usize>))> = BTreeMap::new();
    for ((entity, form), (count, first)) in forms {
        let rank = (count, Reverse(first));
        if best
            .get(entity)
            .is_none_or(|(_, best_rank)| rank > *best_rank)
        {
            best.insert(entity, (form, rank));
        }
    }
    best.into_iter()
        .map(|(entity, (form, _))| (entity, form))
        .collect()
}

fn rows<'a>(
    facts: &'a [Fact],
    names: &'a BTreeMap<&str, String>,
    sources: &Sources,
) -> Vec<Row<'a>> {
    facts
        .iter()
        .map(|f| {
            let at = sources.line_col(&f.file, f.evidence.start);
            let evidence = f.quote.clone();
            Row {
                name: names
                    .get(f.entity.as_str())
                    .map_or(&f.entity, String::as_str),
                entity: &f.entity,
                subject: &f.subject,
                predicate: &f.predicate,
                value: f.value.to_string(),
                start_day: f.value.start,
                end_day: f.value.end,
                value_text: &f.value_text,
                file: &f.file,
                line: at.line,
                column: at.column,
                start: f.evidence.start,
                end: f.evidence.end,
                evidence,
                rule: &f.rule,
                confidence: f.confidence,
                bound: f.bound,
                role: f.role,
                trigger: f.trigger.as_deref(),
                agent: f.agent.as_deref(),
                roles: &f.roles,
                resolved: f.resolved.as_deref(),
            }
        })
        .collect()
}

pub fn render_facts(format: FactsFormat, facts: &[Fact], sources: &Sources) -> String {
    let names = names_as_written(
        facts
            .iter()
            .map(|f| (f.entity.as_str(), f.subject.as_str())),
    );
    let rows = rows(facts, &names, sources);
    match format {
        FactsFormat::Table => table(&rows),
        FactsFormat::Json => {
            let mut s =
                serde_json::to_string_pretty(&serde_json::json!({"version": 1, "facts": rows}))
                    .unwrap_or_default();
            s.push('\n');
            s
        }
        FactsFormat::Jsonl => rows
            .iter()
            .filter_map(|r| serde_json::to_string(r).ok())
            .map(|l| l + "\n")
            .collect(),
        FactsFormat::Csv => csv(&rows),
    }
}

fn table(rows: &[Row<'_>]) -> String {
    let mut out = String::new();
    for r in rows {
        out.push_str(&format!(
            "{}:{}:{}\t{} | {} | {} ({})\n    «{}»  [{}]\n",
            r.file,
            r.line,
            r.column,
            r.name,
            r.predicate,
            r.value,
            r.value_text,
            clip(&r.evidence, 90),
            r.rule
        ));
        let reading = r.reading();
        if !reading.is_empty() {
            out.push_str(&format!("    {reading}\n"));
        }
    }
    out.push_str(&format!(
        "{} fact{}\n",
        rows.len(),
        if rows.len() == 1 { "" } else { "s" }
    ));
    out
}

fn bound_name(bound: Bound) -> &'static str {
    match bound {
        Bound::Point => "point",
        Bound::NotAfter => "not-after",
        Bound::NotBefore => "not-before",
    }
}

fn clip(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        s.chars().take(max - 1).collect::<String>() + "…"
    }
}

fn csv(rows: &[Row<'_>]) -> String {
    let field = |s: &str| {
        if s.contains([',', '"', '\n']) {
            format!("\"{}\"", s.replace('"', "\"\""))
        } else {
            s.to_string()
        }
    };
    let mut out = String::from(
        "name,entity,subject,predicate,value,start_day,end_day,value_text,file,line,column,start,end,evidence,rule,confidence,bound,role,trigger,agent,resolved\n",
    );
    for r in rows {
        let cells = [
            field(r.name),
            field(r.entity),
            field(r.subject),
            field(r.predicate),
            field(&r.value),
            r.start_day.to_string(),
            r.end_day.to_string(),
            field(r.value_text),
            field(r.file),
            r.line.to_string(),
            r.column.to_string(),
            r.start.to_string(),
            r.end.to_string(),
            field(&r.evidence),
            field(r.rule),
            r.confidence.to_string(),
            bound_name(r.bound).to_string(),
            role_name(r.role).to_string(),
            field(r.trigger.unwrap_or("")),
            field(r.agent.unwrap_or("")),
            field(r.resolved.unwrap_or("")),
        ];
        out.push_str(&cells.join(","));
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_entity_is_named_by_its_most_frequent_form_as_written() {
        let names = names_as_written([
            ("القاده", "القادة"),
            ("ايلي", "ايلي"),
            ("ايلي", "إيلي"),
            ("ايلي", "إيلي"),
            ("sheng-shicai", "شنغ شيتساي"),
            ("sheng-shicai", "Sheng\n  Shicai"),
        ]);
        assert_eq!(names["القاده"], "القادة");
        assert_eq!(names["ايلي"], "إيلي");
        // A tie goes to the form written first; whitespace is collapsed.
        assert_eq!(names["sheng-shicai"], "شنغ شيتساي");
        let names = names_as_written([
            ("sheng-shicai", "Sheng\n  Shicai"),
            ("sheng-shicai", "شنغ شيتساي"),
        ]);
        assert_eq!(names["sheng-shicai"], "Sheng Shicai");
    }

    #[test]
    fn an_entity_with_no_written_subject_keeps_its_key() {
        let names = names_as_written([("ايلي", " ")]);
        assert!(names.is_empty());
    }
}
