//! Entity mentions: the spans that a pattern's `{subject:…}` / `{object:…}` slots may take.
//!
//! 1. Declared names (rule packs, fact sheets, config aliases), longest first, at word
//!    boundaries (an Arabic proclitic و ب ل ف ك may precede them).
//! 2. Latin: runs of capitalised words, joined by particles (of, de, von, al, bin …), initials
//!    and dashes, without a leading function word ("The Normans" → "Normans"); words such as
//!    Treaty, War, University belong to a run but are no name alone.
//! 3. Arabic: runs of words the dictionary does not know (transliterated names: شنغ شيتساي).
//!
//! Nothing here decides which entity a mention is: keys are normalized text, and
//! [`crate::facts`] resolves them against declarations and spelling variants.

use super::names::{is_acronym, spelled, starts_uppercase};
use super::tokens::{Script, Token};
use crate::document::Document;
use crate::lexicon::Lexicon;
use crate::normalize::key;
use crate::rules::EntityDecl;
use crate::rules::pattern::SlotType;
use crate::span::Span;
use std::collections::BTreeMap;
use std::ops::Range;

/// One mention of a (possible) entity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntityMention {
    pub span: Span,
    /// Range in the document's normalized text.
    pub norm: Range<usize>,
    /// Normalized text of the mention (clitics of a declared name excluded).
    pub key: String,
    /// Index of the declared entity this mention names, if any.
    pub declared: Option<usize>,
    pub kind: Option<SlotType>,
}

/// Latin particles that may join the capitalised words of one name.
const PARTICLES: &[&str] = &[
    "of", "de", "von", "van", "der", "den", "al", "bin", "ibn", "la", "le", "du", "da", "del",
    "di", "y",
];
const ARABIC_CLITICS: &[char] = &['و', 'ب', 'ل', 'ف', 'ك'];

/// Declared names compiled for matching: (normalized name, entity index), longest first.
#[derive(Debug, Clone, Default)]
pub struct DeclaredNames(Vec<(String, usize)>);

impl DeclaredNames {
    pub fn new(entities: &[EntityDecl]) -> Self {
        let mut names: Vec<(String, usize)> = entities
            .iter()
            .enumerate()
            .flat_map(|(i, e)| e.names.iter().map(move |n| (key(n), i)))
            .filter(|(k, _)| !k.trim().is_empty())
            .collect();
        names.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.cmp(b)));
        names.dedup();
        Self(names)
    }

    /// The entity whose name (normalized) is exactly `key`.
    pub fn index_of(&self, key: &str) -> Option<usize> {
        self.0.iter().find(|(n, _)| n == key).map(|&(_, i)| i)
    }
}

pub fn entity_mentions(
    doc: &Document,
    lexicon: &Lexicon,
    declared: &DeclaredNames,
    entities: &[EntityDecl],
) -> Vec<EntityMention> {
    let mut out = declared_mentions(doc, declared, entities);
    let tokens = &doc.tokens;
    let mut taken = Taken::default();
    for m in &out {
        taken.insert(m.norm.clone());
    }
    let runs: Vec<Range<usize>> = latin_runs(doc, tokens, lexicon)
        .into_iter()
        .chain(arabic_runs(doc, tokens, lexicon))
        .collect();
    for run in runs {
        let norm = tokens[run.start].norm.start..tokens[run.end - 1].norm.end;
        if taken.overlaps(&norm) {
            continue;
        }
        taken.insert(norm.clone());
        out.push(EntityMention {
            span: doc.norm.to_original(norm.clone()),
            key: doc.norm.as_str()[norm.clone()].to_string(),
            norm,
            declared: None,
            kind: None,
        });
    }
    out.sort_by_key(|m| m.norm.start);
    out
}

/// Disjoint ranges already given to a mention, by start: an overlap test is one lookup.
#[derive(Default)]
struct Taken(BTreeMap<usize, usize>);

impl Taken {
    fn overlaps(&self, r: &Range<usize>) -> bool {
        self.0
            .range(..r.end)
            .next_back()
            .is_some_and(|(_, &end)| end > r.start)
    }

    /// Insert a range that overlaps none taken.
    fn insert(&mut self, r: Range<usize>) {
        self.0.insert(r.start, r.end);
    }
}

fn declared_mentions(
    doc: &Document,
    declared: &DeclaredNames,
    entities: &[EntityDecl],
) -> Vec<EntityMention> {
    let text = doc.norm.as_str();
    let mut out: Vec<EntityMention> = Vec::new();
    let mut taken = Taken::default();
    for (name, index) in &declared.0 {
        for (at, _) in text.match_indices(name.as_str()) {
            let range = at..at + name.len();
            if !taken.overlaps(&range) && at_word_boundaries(text, range.clone()) {
                taken.insert(range.clone());
                out.push(EntityMention {
                    span: doc.norm.to_original(range.clone()),
                    norm: range,
                    key: name.clone(),
                    declared: Some(*index),
                    kind: Some(entities[*index].kind),
                });
            }
        }
    }
    out
}

/// Letters neither right before nor right after — except one Arabic proclitic before.
fn at_word_boundaries(text: &str, range: Range<usize>) -> bool {
    let mut before = text[..range.start].chars().rev();
    let before_ok = match before.next() {
        None => true,
        Some(c) if !c.is_alphanumeric() => true,
        Some(c) if ARABIC_CLITICS.contains(&c) => {
            before.next().is_none_or(|b| !b.is_alphanumeric())
        }
        _ => false,
    };
    let after_ok = text[range.end..]
        .chars()
        .next()
        .is_none_or(|c| !c.is_alphanumeric());
    before_ok && after_ok
}

/// Token index ranges of capitalised runs.
/// An English month name, as written ("August", "Aug").
fn is_month_name(word: &str) -> bool {
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let w = word.to_lowercase();
    w.len() >= 3 && MONTHS.iter().any(|m| m.starts_with(&w))
}

fn latin_runs(doc: &Document, tokens: &[Token], lexicon: &Lexicon) -> Vec<Range<usize>> {
    let norm = doc.norm.as_str();
    let is_cap = |t: &Token| {
        let surface = &doc.text[t.span.range()];
        let word = &norm[t.norm.clone()];
        t.script == Script::Latin
            && starts_uppercase(surface)
            && (!lexicon.en.is_function_word(word) || lexicon.en.is_name_word(word))
            && !(is_acronym(surface) && surface.chars().count() > 5)
    };
    // Words of one name are separated by spaces, a hyphen or dash (Sykes–Picot), or the dot of
    // an initial (Franklin D. Roosevelt).
    // Words of one name are separated by spaces, a hyphen or dash, or the dot of an initial or
    // an abbreviated title ("Franklin D. Roosevelt", "St. Louis", "Mt. Vernon").
    let joined = |a: &Token, b: &Token| {
        let gap = &doc.text[a.span.end..b.span.start];
        let word = &doc.text[a.span.range()];
        let abbreviated = word.chars().count() == 1
            || lexicon
                .en
                .abbreviations
                .iter()
                .any(|x| x.eq_ignore_ascii_case(word));
        (abbreviated && gap == ". ")
            || (!gap.is_empty() && gap.chars().all(|c| matches!(c, ' ' | '-' | '–')))
    };
    // An infobox label after a name ("Julian Lewis Jones Born\t27 August 1968") is no part of
    // it; "Max Born" is a name because no date follows.
    let label = |at: usize| {
        let word = &norm[tokens[at].norm.clone()];
        matches!(word, "born" | "died")
            && tokens.get(at + 1).is_some_and(|next| {
                let next = &doc.text[next.span.range()];
                next.starts_with(|c: char| c.is_ascii_digit()) || is_month_name(next)
            })
    };
    let mut runs = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        if !is_cap(&tokens[i]) {
            i += 1;
            continue;
        }
        let start = i;
        let mut end = i + 1;
        loop {
            if end < tokens.len()
                && is_cap(&tokens[end])
                && joined(&tokens[end - 1], &tokens[end])
                && !label(end)
            {
                end += 1;
            } else if end + 1 < tokens.len()
                && PARTICLES.contains(&&norm[tokens[end].norm.clone()])
                && joined(&tokens[end - 1], &tokens[end])
                && joined(&tokens[end], &tokens[end + 1])
                && is_cap(&tokens[end + 1])
            {
                end += 2;
            } else {
                break;
            }
        }
        let lone_name_word =
            end == start + 1 && lexicon.en.is_name_word(&norm[tokens[start].norm.clone()]);
        if !lone_name_word {
            runs.push(start..end);
        }
        i = end;
    }
    runs
}

/// Token index ranges of Arabic words unknown to the dictionary, in runs.
fn arabic_runs(doc: &Document, tokens: &[Token], lexicon: &Lexicon) -> Vec<Range<usize>> {
    let norm = doc.norm.as_str();
    let is_name = |t: &Token| {
        let word = &norm[t.norm.clone()];
        t.script == Script::Arabic
            && word.chars().count() >= 3
            && !lexicon.ar.is_function_word(word)
            && !lexicon.is_arabic_word(&spelled(&doc.text[t.span.range()]))
    };
    let mut runs = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        if !is_name(&tokens[i]) {
            i += 1;
            continue;
        }
        let start = i;
        i += 1;
        while i < tokens.len()
            && is_name(&tokens[i])
            && doc.text[tokens[i - 1].span.end..tokens[i].span.start] == *" "
        {
            i += 1;
        }
        runs.push(start..i);
    }
    runs
}
