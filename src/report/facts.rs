//! `factlint facts`: the fact table as a readable table, JSON, JSON Lines or CSV. JSON Lines is
//! the export for scale: one fact per line, to group in DuckDB/Spark
//! (`GROUP BY entity, predicate HAVING count(DISTINCT value) > 1`).

use super::Sources;
use crate::facts::Fact;
use serde::Serialize;

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
}

fn rows<'a>(facts: &'a [Fact], sources: &Sources) -> Vec<Row<'a>> {
    facts
        .iter()
        .map(|f| {
            let at = sources.line_col(&f.file, f.evidence.start);
            let evidence = f.quote.clone();
            Row {
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
            }
        })
        .collect()
}

pub fn render_facts(format: FactsFormat, facts: &[Fact], sources: &Sources) -> String {
    let rows = rows(facts, sources);
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
            r.entity,
            r.predicate,
            r.value,
            r.value_text,
            clip(&r.evidence, 90),
            r.rule
        ));
    }
    out.push_str(&format!(
        "{} fact{}\n",
        rows.len(),
        if rows.len() == 1 { "" } else { "s" }
    ));
    out
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
        "entity,subject,predicate,value,start_day,end_day,value_text,file,line,column,start,end,evidence,rule,confidence\n",
    );
    for r in rows {
        let cells = [
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
        ];
        out.push_str(&cells.join(","));
        out.push('\n');
    }
    out
}
