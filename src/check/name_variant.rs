//! # name-variant
//!
//! ## What it does
//! Finds one name written in several ways within a document: a person, place or organisation
//! whose spelling changes from one mention to the next (شيتساي / شيتشاي, شينجيانغ / سينكيانج,
//! Dostoevsky / Dostoyevsky, Dvořák / Dvorak), and one word with two accepted spellings mixed in
//! one text (السوفيتي / السوفياتي / السوفييتي). One diagnostic per name lists every form with its
//! count and labels every place it occurs; the help suggests the most frequent form.
//!
//! ## Why is this bad?
//! Readers and search engines take two spellings for two people or places. In translated and
//! edited texts it is the most common inconsistency: one translator's transliteration meets
//! another's, or a correction is applied to some mentions and not others.
//!
//! ## Example
//! ```text
//! قدم الدعم لنظام شنغ شيتشاي. ... قامت قوات شنغ شيتساي بطرد ...
//! ```
//! is reported as `name-variant`: «شيتساي» (1×) and «شيتشاي» (1×) are one name.
//!
//! Names declared in a fact sheet or rule pack with a preferred form per language
//! (`preferred = { ar = "شنغ شيتساي" }`) are errors when written otherwise, with a fix
//! (`factlint check --diff` shows it, `--fix` applies it).
//!
//! ## Not flagged
//! Inflections of one word (حكومة / حكومية, سياسيين / سياسيون, Norman / Normans), different
//! dictionary words that look alike (إدارة / دائرة, كتب / كتاب), and distinct given names that differ
//! in a final vowel (Maria / Mario). How names are told from words and which letters count as one
//! sound is in `rules/language-ar.toml` and `rules/language-en.toml`.

use super::{Analysis, Check, Scope};
use crate::diagnostic::{Diagnostic, Fix, Label, Severity};
use crate::document::Document;
use crate::extract::entities::EntityMention;
use crate::extract::names::NameMention;
use crate::normalize::is_arabic_letter;
use crate::normalize::key;
use crate::resolve::{Form, VariantCluster, without_glosses};
use crate::rules::EntityDecl;
use crate::span::Span;
use std::collections::BTreeMap;

pub struct NameVariant;

impl Check for NameVariant {
    fn code(&self) -> &'static str {
        "name-variant"
    }

    fn documentation(&self) -> &'static str {
        include_str!("name_variant.rs")
    }

    fn severity(&self) -> Severity {
        Severity::Warning
    }

    fn scope(&self) -> Scope {
        Scope::Document
    }

    fn run(&self, analysis: &Analysis<'_>) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        for (doc, entities) in analysis.documents.iter().zip(analysis.entities) {
            out.extend(preferred_name_diagnostics(
                doc,
                entities,
                &analysis.rules.entities,
            ));
        }
        let per_document = analysis
            .documents
            .iter()
            .zip(analysis.names)
            .zip(analysis.clusters);
        for ((doc, mentions), clusters) in per_document {
            let glossed = |a: usize, b: usize| is_gloss(doc, mentions[a].span, mentions[b].span);
            for cluster in clusters.iter().filter_map(|c| without_glosses(c, &glossed)) {
                out.push(diagnostic(doc, mentions, &cluster));
            }
        }
        out
    }
}

fn diagnostic(doc: &Document, mentions: &[NameMention], cluster: &VariantCluster) -> Diagnostic {
    let shown: Vec<String> = cluster
        .forms
        .iter()
        .map(|f| display_form(doc, mentions, f))
        .collect();
    let counts: Vec<usize> = cluster.forms.iter().map(|f| f.mentions.len()).collect();
    let listing = shown
        .iter()
        .zip(&counts)
        .map(|(s, n)| format!("«{s}» ({n}×)"))
        .collect::<Vec<_>>()
        .join(", ");
    let message = format!("one name written {} ways: {listing}", cluster.forms.len());
    let help = if counts.len() > 1 && counts[0] > counts[1] {
        format!(
            "use one spelling throughout; the most frequent is «{}»",
            shown[0]
        )
    } else {
        format!(
            "use one spelling throughout; no form is in the majority (first: «{}»)",
            shown[0]
        )
    };
    let help = format!("{help}; {}", why(cluster));
    let rarest = cluster
        .forms
        .iter()
        .enumerate()
        .min_by_key(|(_, f)| (f.mentions.len(), std::cmp::Reverse(f.mentions[0])))
        .map_or(0, |(i, _)| i);
    let mut labels = Vec::new();
    for (i, form) in cluster.forms.iter().enumerate() {
        for (k, &m) in form.mentions.iter().enumerate() {
            let span = mentions[m].span;
            labels.push(Label {
                file: doc.path.clone(),
                span,
                text: doc.quote(span).to_string(),
                message: label_message(i, &shown, &counts),
                primary: i == rarest && k == 0,
            });
        }
    }
    labels.sort_by_key(|l| l.span);
    Diagnostic {
        code: "name-variant",
        severity: Severity::Warning,
        message,
        help: Some(help),
        labels,
        fixes: Vec::new(),
    }
}

/// Why the forms were taken as one name: for each link, the classes of spelling that differ and
/// the context both forms share.
fn why(cluster: &VariantCluster) -> String {
    let mut parts = Vec::new();
    for link in &cluster.links {
        let mut classes: Vec<String> = Vec::new();
        for step in &link.steps {
            let shown = if step.class == "hyphen or space" || step.class == "accent or ligature" {
                step.class.clone()
            } else if step.a.is_empty() || step.b.is_empty() {
                format!("{} «{}{}»", step.class, step.a, step.b)
            } else {
                format!("{} «{}»/«{}»", step.class, step.a, step.b)
            };
            if !classes.contains(&shown) {
                classes.push(shown);
            }
        }
        let mut part = format!("«{}» ~ «{}»: {}", link.a, link.b, classes.join(", "));
        if !link.context.is_empty() {
            let context: Vec<String> = link.context.iter().map(|w| format!("«{w}»")).collect();
            part.push_str(&format!("; both beside {}", context.join(", ")));
        }
        parts.push(part);
    }
    format!("taken as one name because {}", parts.join("; "))
}

/// Declared names written other than the declared preferred form for their script's language:
/// one error per entity, language and document, with a fix for every occurrence.
fn preferred_name_diagnostics(
    doc: &Document,
    entities: &[EntityMention],
    declared: &[EntityDecl],
) -> Vec<Diagnostic> {
    let mut by_entity: BTreeMap<(usize, &str), Vec<(&EntityMention, &String)>> = BTreeMap::new();
    for mention in entities {
        let Some(index) = mention.declared else {
            continue;
        };
        let written = doc.quote(mention.span);
        let lang = if written.chars().any(is_arabic_letter) {
            "ar"
        } else {
            "en"
        };
        if let Some(preferred) = declared[index].preferred.get(lang)
            && key(written) != key(preferred)
        {
            by_entity
                .entry((index, lang))
                .or_default()
                .push((mention, preferred));
        }
    }
    by_entity
        .into_values()
        .filter_map(|wrong| {
            let (first, preferred) = *wrong.first()?;
            let labels = wrong
                .iter()
                .enumerate()
                .map(|(i, (m, p))| Label {
                    file: doc.path.clone(),
                    span: m.span,
                    text: doc.quote(m.span).to_string(),
                    message: format!("write «{p}»"),
                    primary: i == 0,
                })
                .collect();
            let fixes = wrong
                .iter()
                .map(|(m, p)| Fix {
                    file: doc.path.clone(),
                    span: m.span,
                    replacement: (*p).clone(),
                })
                .collect();
            Some(Diagnostic {
                code: "name-variant",
                severity: Severity::Error,
                message: format!(
                    "«{}» is not the preferred form «{preferred}» ({}×)",
                    doc.quote(first.span),
                    wrong.len()
                ),
                help: Some(format!(
                    "the declared preferred name is «{preferred}»; `factlint check --fix` rewrites it"
                )),
                labels,
                fixes,
            })
        })
        .collect()
}

/// Characters between two mentions for one to read as a gloss of the other.
const GLOSS_CHARS: usize = 40;

/// Two mentions in one sentence, a few words apart: "Amazonia (Portuguese: Amazônia)".
fn is_gloss(doc: &Document, a: Span, b: Span) -> bool {
    let between = if a.end <= b.start {
        &doc.text[a.end..b.start]
    } else if b.end <= a.start {
        &doc.text[b.end..a.start]
    } else {
        return true;
    };
    between.chars().count() <= GLOSS_CHARS && !between.contains(['.', '!', '?', '؟', '\n'])
}

fn label_message(form: usize, shown: &[String], counts: &[usize]) -> String {
    if form == 0 {
        format!("«{}» ({}×)", shown[0], counts[0])
    } else {
        format!(
            "«{}» ({}×), elsewhere «{}»",
            shown[form], counts[form], shown[0]
        )
    }
}

/// The form as written most often without clitics; else its most frequent surface token.
fn display_form(doc: &Document, mentions: &[NameMention], form: &Form) -> String {
    let mut surfaces: BTreeMap<&str, (bool, usize)> = BTreeMap::new();
    for &m in &form.mentions {
        let surface = doc.quote(mentions[m].span);
        let clean = key(surface) == form.key || surface.to_lowercase() == form.spelling;
        let entry = surfaces.entry(surface).or_insert((clean, 0));
        entry.1 += 1;
    }
    surfaces
        .into_iter()
        .max_by(|(sa, (ca, na)), (sb, (cb, nb))| ca.cmp(cb).then(na.cmp(nb)).then(sb.cmp(sa)))
        .map_or_else(|| form.key.clone(), |(s, _)| s.to_string())
}
