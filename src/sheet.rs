//! Reference fact sheets: the facts a team trusts, in TOML, with the names each entity goes by.
//!
//! ```toml
//! [[entity]]
//! id = "sheng-shicai"
//! kind = "person"
//! names = ["Sheng Shicai", "شنغ شيتساي"]
//! preferred = { ar = "شنغ شيتساي" }
//!
//! [[fact]]
//! subject = "sheng-shicai"
//! predicate = "allied"
//! value = "1942"            # 1942, 1942-08, 1942-08-15, 1949-09/1949-12, or "late 1949"
//! source = "a citation the editors trust"
//! ```
//!
//! Entities join the declared names (so text that names them resolves to their id); facts are
//! what `reference-conflict` compares the text with. Errors point into the sheet with a span.

use crate::extract::calendar::Interval;
use crate::extract::time::TimeExtractor;
use crate::normalize::normalize;
use crate::rules::{EntityDecl, FileKind, PackError, RawEntity, RuleSet, entity_decl};
use serde::Deserialize;
use std::ops::Range;
use toml::Spanned;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSheet {
    #[serde(default)]
    entity: Vec<RawEntity>,
    #[serde(default)]
    fact: Vec<RawFact>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFact {
    subject: Spanned<String>,
    predicate: Spanned<String>,
    value: Spanned<String>,
    #[serde(default)]
    source: String,
}

/// One trusted fact.
#[derive(Debug, Clone, PartialEq)]
pub struct SheetFact {
    pub subject: String,
    pub predicate: String,
    pub value: Interval,
    /// As the sheet writes it.
    pub value_text: String,
    pub source: String,
    pub sheet: String,
}

/// Every fact sheet of a run.
#[derive(Debug, Clone, Default)]
pub struct FactSheets {
    pub entities: Vec<EntityDecl>,
    pub facts: Vec<SheetFact>,
}

impl FactSheets {
    /// Parse sheets `(name, TOML text)`; subjects must be entities of the sheets or the packs,
    /// predicates must be the packs'.
    pub fn load(
        sheets: &[(String, String)],
        rules: &RuleSet,
        time: &TimeExtractor,
    ) -> Result<FactSheets, Box<PackError>> {
        Self::load_sheets(sheets, rules, time).map_err(|e| Box::new(e.in_file(FileKind::Sheet)))
    }

    fn load_sheets(
        sheets: &[(String, String)],
        rules: &RuleSet,
        time: &TimeExtractor,
    ) -> Result<FactSheets, Box<PackError>> {
        let mut out = FactSheets::default();
        let mut raws = Vec::new();
        for (name, text) in sheets {
            let raw: RawSheet = toml::from_str(text).map_err(|e| {
                Box::new(
                    PackError::new(name, text, e.span(), e.message().trim().to_string())
                        .with_help("a fact sheet has [[entity]] (id, kind, names, preferred) and [[fact]] (subject, predicate, value, source)"),
                )
            })?;
            for e in &raw.entity {
                out.entities.push(entity_decl(name, text, e)?);
            }
            raws.push((name, text, raw));
        }
        for (name, text, raw) in raws {
            for f in &raw.fact {
                out.facts
                    .push(sheet_fact(name, text, f, &out.entities, rules, time)?);
            }
        }
        Ok(out)
    }
}

fn sheet_fact(
    name: &str,
    text: &str,
    f: &RawFact,
    entities: &[EntityDecl],
    rules: &RuleSet,
    time: &TimeExtractor,
) -> Result<SheetFact, Box<PackError>> {
    let err = |span: Range<usize>, message: String| {
        Box::new(PackError::new(name, text, Some(span), message))
    };
    let subject = f.subject.get_ref();
    if !entities
        .iter()
        .chain(&rules.entities)
        .any(|e| &e.id == subject)
    {
        return Err(err(
            f.subject.span(),
            format!("unknown entity `{subject}`; declare it with [[entity]]"),
        ));
    }
    if !rules.predicates.contains_key(f.predicate.get_ref()) {
        return Err(err(
            f.predicate.span(),
            format!(
                "unknown predicate `{}` (see `factlint rules list`)",
                f.predicate.get_ref()
            ),
        ));
    }
    let value = parse_value(f.value.get_ref(), time).ok_or_else(|| {
        err(
            f.value.span(),
            format!("cannot read `{}` as a date", f.value.get_ref()),
        )
        .map_help(
            "write 1949, 1949-08, 1949-08-15, 1949-09/1949-12, or a phrase such as \"late 1949\"",
        )
    })?;
    Ok(SheetFact {
        subject: subject.clone(),
        predicate: f.predicate.get_ref().clone(),
        value,
        value_text: f.value.get_ref().clone(),
        source: f.source.clone(),
        sheet: name.to_string(),
    })
}

/// The interval notation, or one time expression that is the whole value ("late 1949").
fn parse_value(text: &str, time: &TimeExtractor) -> Option<Interval> {
    if let Some(interval) = Interval::parse(text) {
        return Some(interval);
    }
    let norm = normalize(text.trim());
    let mentions = time.mentions(&norm);
    match mentions.as_slice() {
        [only] if only.span.len() * 2 >= text.trim().len() => Some(only.interval),
        _ => None,
    }
}

trait WithHelp {
    fn map_help(self, help: &str) -> Self;
}

impl WithHelp for Box<PackError> {
    fn map_help(self, help: &str) -> Self {
        Box::new((*self).with_help(help))
    }
}
