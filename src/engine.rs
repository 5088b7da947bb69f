//! One run: documents in, facts and sorted diagnostics out.
//!
//! Each document is analysed on its own, in parallel with rayon (normalization, mentions,
//! variant clusters, facts, per-document checks), and dropped: only its variant entries, facts,
//! findings and what reports need of its text ([`Sources`]: positions, comments, a hash) stay. Facts are then resolved against the spelling variants of the whole run
//! and the cross-document checks read them. Results are sorted, so they are identical whatever
//! the file order or thread count.

use crate::check::{Analysis, CHECKS, Check, Scope};
use crate::diagnostic::{Diagnostic, sort};
use crate::document::Document;
use crate::extract::names::name_mentions;
use crate::extract::time::{CalendarTables, TimeExtractor};
use crate::extract::tokens::Script;
use crate::facts::{DocumentFacts, Fact, FactExtractor, VariantMap};
use crate::frames::discourse::Sequence;
use crate::frames::lexicon::TriggerIndex;
use crate::lexicon::{Lexicon, TableError};
use crate::report::{PreparedFile, Sources, prepare_dropped};
use crate::resolve::{VariantCluster, variant_clusters};
use crate::rules::{PackError, RuleSet, SHIPPED_PACKS};
use crate::segment::Abbreviations;
use crate::sheet::FactSheets;
use crate::source::files::{Input, InputEvent, SourceText};
use rayon::prelude::*;
use std::path::PathBuf;

/// Compiled tables and packs shared by every file of a run.
pub struct Engine {
    pub lexicon: Lexicon,
    pub abbreviations: Abbreviations,
    pub rules: RuleSet,
    pub time: TimeExtractor,
    /// The calendar tables the time extractor was built from (weekday names, era words).
    pub calendar: CalendarTables,
    pub sheets: FactSheets,
    /// The predicate lexicon compiled for frames.
    pub triggers: TriggerIndex,
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

/// What one document leaves behind once analysed: what reports need of its text, its variant
/// entries (for the run's variant map), its facts awaiting entity resolution, and the findings
/// of the per-document checks. Its text, normalized key, sentences and mentions are dropped, so
/// a run holds one document's working data per thread, not the whole corpus's.
///
/// `Clone`, so that a caller that re-checks often (the language server) can keep one per file
/// and hand copies to [`Engine::finish`] instead of analysing unchanged files again.
#[derive(Clone)]
pub struct Analysed {
    pub path: String,
    /// The text (standard input, which cannot be read again) or what stays of it.
    file: Result<String, PreparedFile>,
    /// Its spelling variants: minority key → majority key, in cluster order.
    variants: Vec<(String, String)>,
    facts: DocumentFacts,
    diagnostics: Vec<Diagnostic>,
    /// Where the file was read from, byte-exact (reports re-read it from there).
    pub origin: Option<PathBuf>,
}

/// The outcome of a run over many documents.
pub struct Run {
    /// Every document's path and what the sinks, suppressions and fixes need of it (texts only
    /// for standard input; [`Sources::reload`] reads the others again).
    pub sources: Sources,
    /// Facts of every document, in document order, entities resolved.
    pub facts: Vec<Fact>,
    /// The orderings documents state ("later", "after his death"), in document order.
    pub sequences: Vec<Sequence>,
    /// Findings of the selected checks, sorted; empty when checks were not asked for.
    pub diagnostics: Vec<Diagnostic>,
    /// Inputs that could not be read (or were skipped), in input order.
    pub events: Vec<InputEvent>,
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
        let triggers = TriggerIndex::new(&rules, &lexicon);
        Ok(Self {
            triggers,
            lexicon,
            abbreviations,
            rules,
            time,
            calendar: tables,
            sheets,
        })
    }

    pub fn fact_extractor(&self) -> FactExtractor<'_> {
        FactExtractor::new(&self.rules, &self.time, &self.lexicon, &self.triggers)
    }

    /// Analyse one document: mentions, variant clusters, facts (unresolved) and, when
    /// `selection` is given, the findings of the per-document checks it selects.
    pub fn analyse(&self, source: SourceText, selection: Option<&Selection>) -> Analysed {
        let doc = Document::from_source(source, &self.abbreviations);
        let names = name_mentions(&doc, &self.lexicon);
        let times = self.time.mentions(&doc.norm);
        let clusters = variant_clusters(&names, &self.lexicon);
        let extractor = self.fact_extractor();
        let entities = extractor.entities(&doc);
        let facts = extractor.facts(&doc, &times, &entities);
        let diagnostics = match selection {
            Some(selection) => {
                let analysis = Analysis {
                    documents: std::slice::from_ref(&doc),
                    names: std::slice::from_ref(&names),
                    clusters: std::slice::from_ref(&clusters),
                    times: std::slice::from_ref(&times),
                    entities: std::slice::from_ref(&entities),
                    facts: &[],
                    sequences: &[],
                    rules: &self.rules,
                    sheets: &self.sheets,
                    calendar: &self.calendar,
                    lexicon: &self.lexicon,
                };
                selected(selection, Scope::Document)
                    .flat_map(|c| c.run(&analysis))
                    .collect()
            }
            None => Vec::new(),
        };
        let file = if doc.path == "-" {
            Ok(doc.text)
        } else {
            let labels = diagnostics.iter().flat_map(|d| &d.labels).map(|l| l.span);
            let offsets = labels
                .chain(facts.spans())
                .flat_map(|span| [span.start, span.end]);
            Err(prepare_dropped(&doc.path, &doc.text, offsets))
        };
        Analysed {
            path: doc.path,
            file,
            variants: variant_entries(&clusters),
            facts,
            diagnostics,
            origin: None,
        }
    }

    /// Analyse every source (in parallel, each document dropped once analysed), resolve the
    /// facts against the run's spelling variants and, when `selection` is given, run the
    /// selected checks. The result is the same whatever the thread count: documents keep their
    /// input order and diagnostics are sorted.
    pub fn run(&self, inputs: Vec<Input>, selection: Option<&Selection>) -> Run {
        let read: Vec<Result<Analysed, InputEvent>> = inputs
            .into_par_iter()
            .map(|input| {
                let origin = input.origin();
                let mut analysed = self.analyse(input.read()?, selection);
                analysed.origin = origin;
                Ok(analysed)
            })
            .collect();
        let mut events = Vec::new();
        let analysed: Vec<Analysed> = read
            .into_iter()
            .filter_map(|r| r.map_err(|e| events.push(e)).ok())
            .collect();
        let mut run = self.finish(analysed, selection);
        run.events = events;
        run
    }

    /// The second half of [`Engine::run`], for documents analysed earlier with
    /// [`Engine::analyse`] (and the same `selection`): resolve their facts against the spelling
    /// variants of all of them and run the selected cross-document checks. Documents are taken
    /// in the order given (the first mapping of a variant wins), so give them in a stable order.
    /// `events` of the result is empty.
    pub fn finish(&self, analysed: Vec<Analysed>, selection: Option<&Selection>) -> Run {
        let variants = variant_map(analysed.iter().map(|a| a.variants.as_slice()));
        let extractor = self.fact_extractor();
        let mut texts = Sources::default();
        let mut per_document = Vec::new();
        let mut facts = Vec::new();
        let mut sequences = Vec::new();
        for a in analysed {
            match a.file {
                Ok(text) => texts.insert_owned(a.path, text),
                Err(prepared) => texts.insert_prepared_from(a.path, a.origin, prepared),
            }
            let (f, s) = a.facts.resolve_all(&extractor, &variants);
            facts.extend(f);
            sequences.extend(s);
            per_document.extend(a.diagnostics);
        }
        let mut diagnostics = match selection {
            Some(selection) => {
                let analysis = Analysis {
                    documents: &[],
                    names: &[],
                    clusters: &[],
                    times: &[],
                    entities: &[],
                    facts: &facts,
                    sequences: &sequences,
                    rules: &self.rules,
                    sheets: &self.sheets,
                    calendar: &self.calendar,
                    lexicon: &self.lexicon,
                };
                let run_level: Vec<&dyn Check> = selected(selection, Scope::Run).collect();
                run_level
                    .par_iter()
                    .flat_map(|c| c.run(&analysis))
                    .chain(per_document)
                    .collect()
            }
            None => Vec::new(),
        };
        sort(&mut diagnostics);
        Run {
            sources: texts,
            facts,
            sequences,
            diagnostics,
            events: Vec::new(),
        }
    }
}

/// The checks of a scope that `selection` keeps, in code order.
fn selected(selection: &Selection, scope: Scope) -> impl Iterator<Item = &'static dyn Check> {
    CHECKS
        .iter()
        .copied()
        .filter(move |c| c.scope() == scope)
        .filter(move |c| !selection.disabled.iter().any(|d| d == c.code()))
}

/// Every minority spelling → the majority spelling of one document's variant clusters (Arabic
/// keys also with the article, as subjects are written).
fn variant_entries(clusters: &[VariantCluster]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for cluster in clusters {
        let majority = &cluster.forms[0];
        for form in &cluster.forms[1..] {
            out.push((form.key.clone(), majority.key.clone()));
            if form.script == Script::Arabic {
                out.push((format!("ال{}", form.key), format!("ال{}", majority.key)));
            }
        }
    }
    out
}

/// The run's variant map: the documents' entries in order, the first mapping of a key wins.
fn variant_map<'a>(documents: impl Iterator<Item = &'a [(String, String)]>) -> VariantMap {
    let mut map = VariantMap::new();
    for (from, to) in documents.flatten() {
        map.entry(from.clone()).or_insert_with(|| to.clone());
    }
    map
}
