//! Reference resolution for frame participants: pronouns, Arabic attached pronouns and definite
//! descriptions get an antecedent where the choice is clear, and say how they got it.
//!
//! - A personal pronoun ("he", "her", "its", «ـه») takes the *subject* (the first name) of its
//!   own sentence if that comes before it and fits (person or thing, plural), else the subject of
//!   the nearest earlier sentence (up to [`SENTENCES_BACK`]) that has a fitting one. English
//!   names are persons when a frame already made them one (born, died, married) or when they
//!   look like a personal name (two to four capitalised words, none of them a word like
//!   "University" or "River"); named events and names with such words are things.
//! - An Arabic attached pronoun takes the nearest name before it in its sentence, else the
//!   subject of the sentence before.
//! - A definite description ("the edict", "the camp", «المعاهدة») takes the latest earlier
//!   name that contains its head noun ("Edict of Fontainebleau", "Camp Dubois").
//!
//! What cannot be resolved is left unresolved, and its frame has no such participant.

use super::cells::{CellKind, Row};
use super::{Frame, Participant};
use crate::document::Document;
use crate::extract::entities::EntityMention;
use crate::rules::frame::Role;
use crate::span::{LineIndex, Span};
use rustc_hash::FxHashSet as HashSet;

/// How many sentences back a pronoun looks for its antecedent.
const SENTENCES_BACK: usize = 3;

/// Predicates whose theme is a person.
const PERSON_PREDICATES: &[&str] = &[
    "born",
    "died",
    "married",
    "deported",
    "abdicated",
    "acceded",
];

/// Words that make a name a thing, not a person.
const THING_WORDS: &[&str] = &[
    "university",
    "college",
    "school",
    "company",
    "corporation",
    "society",
    "church",
    "cathedral",
    "river",
    "lake",
    "mount",
    "mountain",
    "island",
    "islands",
    "city",
    "county",
    "state",
    "states",
    "kingdom",
    "empire",
    "republic",
    "war",
    "battle",
    "treaty",
    "act",
    "club",
    "league",
    "prize",
    "award",
    "party",
    "army",
    "navy",
    "council",
    "committee",
    "museum",
    "library",
    "institute",
    "academy",
    "bank",
    "hall",
    "palace",
    "castle",
    "street",
    "square",
    "bridge",
    "station",
    "airport",
    "port",
    "bay",
    "sea",
    "ocean",
    "valley",
    "desert",
    "province",
    "district",
    "region",
    "dynasty",
    "network",
    "station",
    "system",
];

/// Whether a word of a name makes it a thing ("University", "River").
pub fn is_thing_word(word: &str) -> bool {
    THING_WORDS.contains(&word)
}

/// One name in the document, for antecedent search.
#[derive(Debug, Clone)]
struct Mention {
    row: usize,
    cell: usize,
    key: String,
    text: String,
    span: Span,
    declared: Option<usize>,
    person: Option<bool>,
    plural: bool,
    subject: bool,
    /// After a preposition ("son of King Taejong"): not a subject a pronoun would pick up.
    oblique: bool,
    /// A name, or an Arabic word without the article (Arabic names the dictionary knows).
    proper: bool,
}

/// Nouns of a place or institution that, definite and with no earlier name containing them,
/// stand for the document's topic ("the town" in an article about Timbuktu).
const TOPIC_NOUNS: &[&str] = &[
    "town",
    "city",
    "village",
    "capital",
    "port",
    "country",
    "state",
    "kingdom",
    "empire",
    "island",
    "region",
    "province",
    "university",
    "college",
    "school",
    "company",
    "network",
    "institution",
    "institute",
    "museum",
    "church",
    "band",
    "group",
    "club",
    "organisation",
    "organization",
    "party",
    "dynasty",
    "مدينه",
    "بلده",
    "قريه",
    "عاصمه",
    "جامعه",
    "كليه",
    "مدرسه",
    "شركه",
    "دوله",
    "مملكه",
    "امبراطوريه",
    "جزيره",
    "مؤسسه",
    "شبكه",
];

/// Who a participant that is not a name stands for: a pronoun's antecedent, a definite
/// description's name, the document's topic for a generic "the town" / «المدينة».
pub fn resolve(doc: &Document, rows: &[Row], frames: &mut [Frame], entities: &[EntityMention]) {
    let persons: HashSet<String> = frames
        .iter()
        .filter(|f| PERSON_PREDICATES.contains(&f.predicate.as_str()))
        .flat_map(|f| f.fillers(crate::rules::frame::Role::Theme))
        .filter(|p| p.named)
        .map(|p| p.key.clone())
        .collect();
    let mut mentions = mentions(doc, rows, entities, &persons);
    let topic = topic(&mentions);
    // Noun phrases frames found stand for things too: Arabic names the dictionary knows are
    // plain words (the subject of «توفي جبران خليل جبران»), and "it" may be "the town".
    for f in frames.iter() {
        for (_, p) in &f.roles {
            if p.key.is_empty()
                || (p.named && !p.key.chars().any(crate::normalize::is_arabic_letter))
            {
                continue;
            }
            if let Some((r, c)) = locate(rows, f.row, p.span) {
                let english = !p.key.chars().any(crate::normalize::is_arabic_letter);
                mentions.push(Mention {
                    row: r,
                    cell: c,
                    key: p.key.clone(),
                    text: p.text.clone(),
                    span: p.span,
                    declared: None,
                    person: english.then_some(false).filter(|_| !p.named),
                    plural: english && p.key.ends_with('s') && !p.key.ends_with("ss"),
                    subject: false,
                    oblique: after_preposition(&rows[r], c),
                    proper: p.named,
                });
            }
        }
    }
    mentions.sort_by_key(|m| (m.row, m.cell));
    mentions.dedup_by(|a, b| a.row == b.row && a.cell == b.cell);
    let mut last_row = usize::MAX;
    for m in mentions.iter_mut() {
        m.subject = m.row != last_row;
        last_row = m.row;
    }
    let lines = LineIndex::new(&doc.text);
    for frame in frames.iter_mut() {
        let row = frame.row;
        for (_, p) in frame.roles.iter_mut() {
            if p.named {
                continue;
            }
            let Some((r, c)) = locate(rows, row, p.span) else {
                continue;
            };
            let cell = &rows[r].cells[c];
            let pronoun = matches!(cell.kind, CellKind::Pronoun(_));
            let antecedent = match &cell.kind {
                CellKind::Pronoun(_) if cell.sym.starts_with('+') => {
                    arabic_antecedent(&mentions, rows, r, c)
                }
                CellKind::Pronoun(f) => {
                    pronoun_antecedent(&mentions, rows, r, c, f.person, f.plural.unwrap_or(false))
                }
                _ => None,
            };
            // A common noun phrase (or one a pronoun stands for) may name something itself.
            let (key, text, at) = match antecedent {
                Some(m) => (m.key.clone(), m.text.clone(), (m.row, m.cell)),
                None => (p.key.clone(), p.text.clone(), (r, c)),
            };
            let named = antecedent.and_then(|m| {
                let is_name = m.proper || m.declared.is_some() || mentions_is_entity(rows, m);
                is_name.then_some(m)
            });
            let description = if named.is_some() {
                None
            } else {
                definite_antecedent(&mentions, rows, at.0, at.1, &key)
                    .or_else(|| topic_of(rows, at.0, at.1, &key, topic.as_ref()))
            };
            let target = named.cloned().or(description);
            match (target, antecedent) {
                (Some(m), _) => {
                    let line = lines.line_of(m.span.start) + 1;
                    p.resolved = Some(format!("{} → {} (line {line})", p.text, m.text));
                    p.key = m.key.clone();
                    p.text = m.text.clone();
                    p.declared = m.declared;
                    p.named = true;
                }
                (None, Some(_)) => {
                    let line = lines.line_of(rows[at.0].cells[at.1].span.start) + 1;
                    p.resolved = Some(format!("{} → {text} (line {line})", p.text));
                    p.key = key;
                    p.text = text;
                }
                (None, None) if pronoun => p.key.clear(),
                (None, None) => {}
            }
        }
        frame.roles.retain(|(_, p)| !p.key.is_empty());
    }
}

/// An Arabic verb whose subject is dropped shares the subject of the verb before it in its
/// sentence, if that subject is a name: «ولد جبران عام 1883، وتوفي عام 1931»: Gibran died. A life event with no such verb before it takes the person written out (not a pronoun)
/// in the latest life event of the last few sentences («حتى اعتلى العرش الشاه عباس الأول …
/// ثم توفي في مازندران»: Abbas; Arabic names the dictionary knows are not entity names).
pub fn fill_dropped_subjects(doc: &Document, frames: &mut [Frame]) {
    let lines = LineIndex::new(&doc.text);
    let subject_of = |f: &Frame| -> Option<Participant> {
        let role = f.subject_role?;
        f.fillers(role).find(|p| p.named).cloned()
    };
    let mut fills: Vec<(usize, Role, Participant)> = Vec::new();
    for (i, f) in frames.iter().enumerate() {
        let Some(role) = f.dropped_subject else {
            continue;
        };
        // The nearest verb before with a subject gives it, if that subject is a name.
        let before = frames[..i]
            .iter()
            .rev()
            .take_while(|g| g.row == f.row)
            .find(|g| {
                g.subject_role
                    .is_some_and(|r| g.fillers(r).next().is_some())
            });
        // With none, a life event («ثم توفي في مازندران») is the latest life event's person of
        // the last few sentences: the biography's subject.
        let topic = || {
            frames[..i]
                .iter()
                .rev()
                .take_while(|g| g.row + SENTENCES_BACK >= f.row)
                .filter(|g| PERSON_PREDICATES.contains(&g.predicate.as_str()))
                .find_map(|g| {
                    g.fillers(Role::Theme)
                        .find(|p| p.resolved.is_none() && !p.key.is_empty())
                        .cloned()
                })
        };
        let earlier = match before {
            Some(g) => subject_of(g),
            None if PERSON_PREDICATES.contains(&f.predicate.as_str()) => topic(),
            None => None,
        };
        if let Some(mut p) = earlier {
            let line = lines.line_of(p.span.start) + 1;
            p.resolved = Some(format!("«{}» → {} (line {line})", f.trigger_text, p.text));
            p.span = f.trigger;
            fills.push((i, role, p));
        }
    }
    for (i, role, p) in fills {
        frames[i].roles.push((role, p));
    }
}

/// Whether a mention is an entity cell (a name), not a noun phrase a frame found.
fn mentions_is_entity(rows: &[Row], m: &Mention) -> bool {
    rows.get(m.row)
        .and_then(|r| r.cells.get(m.cell))
        .is_some_and(|c| matches!(c.kind, CellKind::Entity { .. }))
}

/// The document's topic: its most frequent name (at least three mentions), first on a tie.
fn topic(mentions: &[Mention]) -> Option<Mention> {
    let mut counts: Vec<(&str, usize, usize)> = Vec::new();
    for (i, m) in mentions.iter().enumerate() {
        if m.person.is_none() && m.key.chars().any(crate::normalize::is_arabic_letter) {
            continue; // Arabic words are mentions for pronouns only, not topics.
        }
        match counts.iter_mut().find(|(k, _, _)| *k == m.key) {
            Some(c) => c.1 += 1,
            None => counts.push((&m.key, 1, i)),
        }
    }
    let best = counts
        .iter()
        .max_by_key(|(_, n, first)| (*n, std::cmp::Reverse(*first)))?;
    (best.1 >= 3).then(|| mentions[best.2].clone())
}

/// A definite generic noun ("the town", «المدينة») stands for the topic.
fn topic_of(
    rows: &[Row],
    row: usize,
    cell: usize,
    key: &str,
    topic: Option<&Mention>,
) -> Option<Mention> {
    let topic = topic?;
    let head = key.split(' ').next_back()?;
    if key.split(' ').count() > 2 || !TOPIC_NOUNS.contains(&head) || !is_definite(rows, row, cell) {
        return None;
    }
    Some(topic.clone())
}

fn is_definite(rows: &[Row], row: usize, cell: usize) -> bool {
    let cells = &rows[row].cells;
    cells[..=cell.min(cells.len() - 1)]
        .iter()
        .rev()
        .take(4)
        .any(|c| {
            matches!(
                c.sym.as_str(),
                "the" | "this" | "that" | "these" | "those" | "same" | "ال" | "هذه" | "هذا"
            )
        })
}

/// Participant keys made one within a document: a key whose words are all in exactly one longer
/// key, the other words being common words, not names («لجنة» and «لجنة مخصصة», "roof" and
/// "timber roof", "the name" and "the name oxygen"), takes the longer key. Names never grow
/// into other names ("Newcastle" stays apart from "Newcastle University").
pub fn canonicalize(rows: &[Row], frames: &mut [Frame]) {
    let words_of = |k: &str| -> Vec<String> {
        k.split(' ')
            .map(|w| w.strip_prefix("ال").unwrap_or(w).to_string())
            .filter(|w| !w.is_empty())
            .collect()
    };
    let name_words: HashSet<String> = rows
        .iter()
        .flat_map(|r| &r.cells)
        .filter(|c| matches!(c.kind, CellKind::Entity { .. }))
        .flat_map(|c| words_of(&c.words))
        .collect();
    let mut keys: Vec<String> = frames
        .iter()
        .flat_map(|f| f.roles.iter().map(|(_, p)| p.key.clone()))
        .filter(|k| !k.is_empty())
        .collect();
    keys.sort();
    keys.dedup();
    let mut canonical: std::collections::BTreeMap<String, String> =
        std::collections::BTreeMap::new();
    for k in &keys {
        let mine = words_of(k);
        let longer: Vec<&String> = keys
            .iter()
            .filter(|l| *l != k)
            .filter(|l| {
                let theirs = words_of(l);
                theirs.len() > mine.len()
                    && mine.iter().all(|w| theirs.contains(w))
                    && theirs
                        .iter()
                        .filter(|w| !mine.contains(w))
                        .all(|w| !name_words.contains(w))
            })
            .collect();
        // The candidates must nest (a chain); the longest is the key.
        let widest = longer.iter().max_by_key(|l| words_of(l).len());
        if let Some(w) = widest {
            let all = words_of(w);
            if longer
                .iter()
                .all(|l| words_of(l).iter().all(|x| all.contains(x)))
            {
                canonical.insert(k.clone(), (*w).clone());
            }
        }
    }
    for f in frames.iter_mut() {
        for (_, p) in f.roles.iter_mut() {
            if let Some(c) = canonical.get(&p.key) {
                p.key = c.clone();
            }
        }
    }
}

/// A frame that names its agent but not its theme ("when Lavoisier chose the name in 1778")
/// takes the theme of the document's other frames of that predicate by that agent, if they name
/// exactly one ("The name oxygen was coined in 1777 by Antoine Lavoisier").
pub fn bridge_themes(doc: &Document, frames: &mut [Frame]) {
    use crate::rules::frame::Role;
    let words = |k: &str| -> Vec<String> {
        k.split(' ')
            .filter(|w| w.chars().count() > 2)
            .map(str::to_string)
            .collect()
    };
    let lines = LineIndex::new(&doc.text);
    let mut fills: Vec<(usize, Participant)> = Vec::new();
    for (i, f) in frames.iter().enumerate() {
        if f.fillers(Role::Theme).next().is_some() {
            continue;
        }
        let Some(agent) = f.fillers(Role::Agent).next() else {
            continue;
        };
        let mine = words(&agent.key);
        let mut themes: Vec<&Participant> = Vec::new();
        for g in frames.iter() {
            if g.predicate != f.predicate {
                continue;
            }
            let same_agent = g
                .fillers(Role::Agent)
                .any(|a| words(&a.key).iter().any(|w| mine.contains(w)));
            if !same_agent {
                continue;
            }
            for t in g.fillers(Role::Theme) {
                if !themes.iter().any(|x| x.key == t.key) {
                    themes.push(t);
                }
            }
        }
        if let [theme] = themes.as_slice() {
            let line = lines.line_of(theme.span.start) + 1;
            let mut p = (*theme).clone();
            p.resolved = Some(format!(
                "«{}» by {} → {} (line {line})",
                f.trigger_text, agent.text, theme.text
            ));
            p.span = f.trigger;
            fills.push((i, p));
        }
    }
    for (i, p) in fills {
        frames[i].roles.push((Role::Theme, p));
    }
}

/// The row and cell of a participant's span.
fn locate(rows: &[Row], row: usize, span: Span) -> Option<(usize, usize)> {
    let r = rows.get(row)?;
    let c = r.cells.iter().position(|c| c.span == span).or_else(|| {
        r.cells.iter().position(|c| {
            !c.span.is_empty() && c.span.start <= span.start && span.start < c.span.end
        })
    })?;
    Some((row, c))
}

fn mentions(
    doc: &Document,
    rows: &[Row],
    entities: &[EntityMention],
    persons: &HashSet<String>,
) -> Vec<Mention> {
    let mut out = Vec::new();
    for (r, row) in rows.iter().enumerate() {
        let mut first = true;
        for (c, cell) in row.cells.iter().enumerate() {
            // Arabic nouns the dictionary knows (most place and person names among them) can
            // stand behind an attached pronoun too; imperfect verbs (يعاود) cannot.
            if cell.sym == "w"
                && cell.script == Some(crate::extract::tokens::Script::Arabic)
                && cell.words.chars().count() >= 3
                && !cell.words.starts_with('ي')
                && !cell.words.ends_with("وا")
            {
                out.push(Mention {
                    row: r,
                    cell: c,
                    key: cell.words.clone(),
                    text: doc.text[cell.span.range()].to_string(),
                    span: cell.span,
                    declared: None,
                    person: None,
                    plural: false,
                    subject: false,
                    oblique: false,
                    proper: c == 0 || row.cells[c - 1].sym != "ال",
                });
                continue;
            }
            let CellKind::Entity { index, event } = &cell.kind else {
                continue;
            };
            let key = super::name_key(&cell.words);
            let words: Vec<&str> = key.split(' ').collect();
            let arabic = key.chars().any(crate::normalize::is_arabic_letter);
            let declared = entities.get(*index).and_then(|e| e.declared);
            let thing = !event.is_empty() || words.iter().any(|w| THING_WORDS.contains(w));
            let person = if persons.contains(&key) {
                Some(true)
            } else if thing {
                Some(false)
            } else if arabic {
                None
            } else if (2..=4).contains(&words.len()) {
                Some(true)
            } else {
                None
            };
            out.push(Mention {
                row: r,
                cell: c,
                key: key.clone(),
                text: doc.text[cell.span.range()].to_string(),
                span: cell.span,
                declared,
                person,
                plural: !arabic && key.ends_with('s') && !key.ends_with("ss") && words.len() == 1,
                subject: first,
                oblique: after_preposition(row, c),
                proper: true,
            });
            first = false;
        }
    }
    out
}

fn fits(m: &Mention, person: Option<bool>, plural: bool) -> bool {
    if m.oblique {
        return false;
    }
    if plural {
        return m.plural || m.person == Some(false);
    }
    match person {
        Some(true) => m.person != Some(false),
        Some(false) => m.person != Some(true) && !m.plural,
        None => true,
    }
}

/// Whether a cell stands in a prepositional phrase: a preposition before it, with only
/// determiners and words between ("of King Taejong", "in the old town").
fn after_preposition(row: &Row, cell: usize) -> bool {
    for c in row.cells[..cell].iter().rev() {
        match c.sym.as_str() {
            "the" | "a" | "an" | "w" | "E" | "ال" => continue,
            "of" | "in" | "at" | "to" | "from" | "by" | "with" | "for" | "on" | "into"
            | "under" | "after" | "before" | "during" | "through" | "among" => return true,
            _ => return false,
        }
    }
    false
}

/// An English personal pronoun: the subject of its sentence before it, else the subject of an
/// earlier sentence; only a fitting one.
fn pronoun_antecedent<'m>(
    mentions: &'m [Mention],
    rows: &[Row],
    row: usize,
    cell: usize,
    person: Option<bool>,
    plural: bool,
) -> Option<&'m Mention> {
    // An English pronoun stands for a name written in Latin letters.
    let latin = |m: &Mention| !m.key.chars().any(crate::normalize::is_arabic_letter);
    let before_in_row = mentions
        .iter()
        .filter(|m| m.row == row && m.cell < cell && fits(m, person, plural) && latin(m));
    // An object pronoun ("captured it") takes the nearest fitting mention, a subject one the
    // subject of its sentence.
    let object = cell > 0
        && matches!(
            rows[row].cells[cell - 1].kind,
            CellKind::Trigger { .. } | CellKind::Word
        )
        && !matches!(
            rows[row].cells[cell - 1].sym.as_str(),
            "and" | "," | "but" | "when" | "while" | "because" | "that" | "as"
        );
    // An object pronoun never stands for the subject of its own clause ("Sonni Ali captured
    // it"): it takes the nearest fitting mention before that clause.
    let chosen = if object {
        let clause = rows[row].cells[..cell - 1]
            .iter()
            .rposition(|c| {
                matches!(
                    c.sym.as_str(),
                    "^" | "," | ";" | ":" | "(" | "and" | "but" | "و" | "ثم" | "لكن"
                )
            })
            .unwrap_or(0);
        before_in_row.clone().rfind(|m| m.cell < clause)
    } else {
        before_in_row.clone().next()
    };
    if let Some(m) = chosen {
        return Some(m);
    }
    for back in 1..=SENTENCES_BACK {
        let Some(r) = row.checked_sub(back) else {
            break;
        };
        let found = mentions
            .iter()
            .find(|m| m.row == r && fits(m, person, plural) && latin(m));
        // A sentence whose subject is itself a pronoun ("He continued his father's policies
        // with … Baiju.") passes the chain on: its names are not what the pronoun stands for.
        let pronoun_subject = rows[r].cells.iter().position(|c| {
            matches!(c.kind, CellKind::Pronoun(f) if f.plural.unwrap_or(false) == plural)
                && matches!(c.words.as_str(), "he" | "she" | "they")
        });
        match (found, pronoun_subject) {
            (Some(m), Some(p)) if p < m.cell => continue,
            (Some(m), _) => return Some(m),
            (None, _) => {}
        }
    }
    None
}

/// An Arabic attached pronoun: the nearest name before it in its sentence, else the first name
/// of the sentence before.
fn arabic_antecedent<'m>(
    mentions: &'m [Mention],
    rows: &[Row],
    row: usize,
    cell: usize,
) -> Option<&'m Mention> {
    let before = || {
        mentions
            .iter()
            .rev()
            .filter(|m| m.row == row && m.cell < cell)
    };
    if let Some(m) = before()
        .find(|m| mentions_is_entity(rows, m))
        .or_else(|| before().next())
    {
        return Some(m);
    }
    for back in 1..=SENTENCES_BACK {
        let Some(r) = row.checked_sub(back) else {
            break;
        };
        if let Some(m) = mentions.iter().find(|m| m.row == r && m.subject) {
            return Some(m);
        }
    }
    None
}

/// A definite description: the latest earlier name containing its head noun.
fn definite_antecedent(
    mentions: &[Mention],
    rows: &[Row],
    row: usize,
    cell: usize,
    key: &str,
) -> Option<Mention> {
    let head = key.split(' ').next_back()?;
    if !is_definite(rows, row, cell) || head.chars().count() < 3 {
        return None;
    }
    let singular = head.strip_suffix("ies").map(|s| format!("{s}y"));
    let heads: Vec<&str> = [Some(head), head.strip_suffix('s'), singular.as_deref()]
        .into_iter()
        .flatten()
        .collect();
    mentions
        .iter()
        .rev()
        .filter(|m| m.row < row || (m.row == row && m.cell < cell))
        .filter(|m| mentions_is_entity(rows, m))
        .find(|m| {
            m.key.split(' ').any(|w| {
                let w = w.strip_prefix("ال").unwrap_or(w);
                heads.contains(&w)
            })
        })
        .cloned()
}
