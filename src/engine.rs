//! One run: documents in, facts and sorted diagnostics out.
//!
//! Per-document work (normalization, mentions, facts) runs in parallel with rayon; checks then
//! read all documents together so that cross-document findings are possible. Results are sorted,
//! so they are identical whatever the file order or thread count.

use crate::check::{Analysis, CHECKS};
use crate::diagnostic::{Diagnostic, sort};
use crate::document::Document;
use crate::extract::entities::EntityMention;
use crate::extract::names::{NameMention, name_mentions};
use crate::extract::time::{CalendarTables, TimeExtractor, TimeMention};
use crate::extract::tokens::Script;
use crate::facts::{Fact, FactExtractor, VariantMap};
use crate::lexicon::{Lexicon, TableError};
use crate::resolve::{VariantCluster, variant_clusters};
use crate::rules::{PackError, RuleSet, SHIPPED_PACKS};
use crate::segment::Abbreviations;
use crate::sheet::FactSheets;
use rayon::prelude::*;

/// Compiled tables and packs shared by every file of a run.
pub struct Engine {
    pub lexicon: Lexicon,
    pub abbreviations: Abbreviations,
    pub rules: RuleSet,
    pub time: TimeExtractor,
    /// The calendar tables the time extractor was built from (weekday names, era words).
    pub calendar: CalendarTables,
    pub sheets: FactSheets,
}

/// Why an engine could not be built: a broken table or pack (shipped or the user's).
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum SetupError {
    #[error(transparent)]
    #[diagnostic(transparent)]
    Table(#[from] TableError),
    #[error(transparent)]
    #[diagnostic(transparent)]
    Pack(#[from] Box<PackError>),
    #[error("rules/calendar.toml: {0}")]
    #[diagnostic(code(factlint::rules::calendar))]
    Calendar(String),
}

/// Which checks to run.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    /// Codes to skip.
    pub disabled: Vec<String>,
}

/// Everything extracted from the documents of a run.
pub struct Extraction {
    /// Per document (same index as the documents).
    pub names: Vec<Vec<NameMention>>,
    /// Per document: spelling-variant clusters of its name mentions.
    pub clusters: Vec<Vec<VariantCluster>>,
    /// Per document: every time mention, sorted by span.
    pub times: Vec<Vec<TimeMention>>,
    /// Per document: every entity mention, sorted by position.
    pub entities: Vec<Vec<EntityMention>>,
    pub variants: VariantMap,
    pub facts: Vec<Fact>,
}

impl Engine {
    /// The shipped tables and packs plus the user's packs and fact sheets `(name, TOML text)`.
    pub fn new(
        user_packs: Vec<(String, String)>,
        sheets: &[(String, String)],
    ) -> Result<Self, SetupError> {
        let lexicon = Lexicon::shipped()?;
        let abbreviations = Abbreviations::new(lexicon.en.abbreviations.clone());
        let packs = SHIPPED_PACKS
            .iter()
            .map(|(n, t)| (format!("rules/packs/{n}"), t.to_string()))
            .chain(user_packs);
        let mut rules = RuleSet::load(packs)?;
        let tables = CalendarTables::shipped().map_err(|e| SetupError::Calendar(e.to_string()))?;
        let time = TimeExtractor::new(&tables).map_err(|e| SetupError::Calendar(e.to_string()))?;
        let sheets = FactSheets::load(sheets, &rules, &time)?;
        rules.entities.extend(sheets.entities.iter().cloned());
        Ok(Self {
            lexicon,
            abbreviations,
            rules,
            time,
            calendar: tables,
            sheets,
        })
    }

    pub fn fact_extractor(&self) -> FactExtractor<'_> {
        FactExtractor::new(&self.rules, &self.time, &self.lexicon)
    }

    /// Names, spelling variants and facts of every document.
    pub fn extract(&self, documents: &[Document]) -> Extraction {
        let names: Vec<Vec<NameMention>> = documents
            .par_iter()
            .map(|d| name_mentions(d, &self.lexicon))
            .collect();
        let times: Vec<Vec<TimeMention>> = documents
            .par_iter()
            .map(|d| self.time.mentions(&d.norm))
            .collect();
        let clusters: Vec<Vec<VariantCluster>> = names
            .par_iter()
            .map(|m| variant_clusters(m, &self.lexicon))
            .collect();
        let variants = variant_map(&clusters);
        let extractor = self.fact_extractor();
        let entities: Vec<Vec<EntityMention>> = documents
            .par_iter()
            .map(|d| extractor.entities(d))
            .collect();
        let facts = documents
            .par_iter()
            .zip(&times)
            .zip(&entities)
            .flat_map_iter(|((d, t), e)| extractor.facts(d, t, e, &variants))
            .collect();
        Extraction {
            names,
            clusters,
            times,
            entities,
            variants,
            facts,
        }
    }

    /// Run every selected check over the documents.
    pub fn check(&self, documents: &[Document], selection: &Selection) -> Vec<Diagnostic> {
        let extraction = self.extract(documents);
        let analysis = Analysis {
            documents,
            names: &extraction.names,
            clusters: &extraction.clusters,
            times: &extraction.times,
            entities: &extraction.entities,
            facts: &extraction.facts,
            rules: &self.rules,
            sheets: &self.sheets,
            calendar: &self.calendar,
            lexicon: &self.lexicon,
        };
        let mut out: Vec<Diagnostic> = CHECKS
            .par_iter()
            .filter(|c| !selection.disabled.iter().any(|d| d == c.code()))
            .flat_map(|c| c.run(&analysis))
            .collect();
        sort(&mut out);
        out
    }
}

/// Every minority spelling → the majority spelling, from each document's variant clusters
/// (Arabic keys also with the article, as subjects are written).
fn variant_map(clusters: &[Vec<VariantCluster>]) -> VariantMap {
    let mut map = VariantMap::new();
    for document in clusters {
        for cluster in document {
            let majority = &cluster.forms[0];
            for form in &cluster.forms[1..] {
                map.entry(form.key.clone())
                    .or_insert_with(|| majority.key.clone());
                if form.script == Script::Arabic {
                    map.entry(format!("ال{}", form.key))
                        .or_insert_with(|| format!("ال{}", majority.key));
                }
            }
        }
    }
    map
}
