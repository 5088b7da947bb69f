//! Name-like mentions: the tokens that may be names of people, places or things.
//!
//! Latin: capitalised words that are not function words, not all-caps acronyms, and not
//! capitalised only because they start a sentence. Arabic: words of four or more letters that are
//! not function words, with proclitics (و ب ل ف ك ال) split off only when the rest is a dictionary
//! word or occurs on its own in the same document. Whether a mention is a dictionary word is
//! recorded, not used to filter: [`crate::resolve`] treats names and words differently.

use super::tokens::{Script, Token};
use crate::document::Document;
use crate::lexicon::Lexicon;
use crate::normalize::{is_arabic_diacritic, is_invisible_control};
use crate::span::Span;
use rustc_hash::FxHashSet as HashSet;

/// One occurrence of a name-like word.
#[derive(Debug, Clone)]
pub struct NameMention {
    /// The whole token in the original text (with its clitics and diacritics); for a multiword
    /// name written with hyphens or spaces, all its words.
    pub span: Span,
    /// The base form's matching key (clitics removed, normalized; a multiword name's words run
    /// together).
    pub key: String,
    /// The base form as spelled: lower-cased but with its accents, hyphens and spaces (Latin);
    /// without diacritics but with its hamza seats, ة and ى (Arabic).
    pub spelling: String,
    pub script: Script,
    /// Known to the language's dictionary as an ordinary word (Arabic: Hunspell; English: lower
    /// case in the word list) — a word, not a transliteration.
    pub known_word: bool,
    /// Capitalised in the English word list: a well-known proper name (William, Portugal).
    pub known_name: bool,
    /// The words right before and after it in its sentence (matching keys), when only spaces
    /// stand between.
    pub before: Option<String>,
    pub after: Option<String>,
    /// The key of the next name when the two are coordinated ("Maria and Mario", «X وY»):
    /// two names side by side as distinct.
    pub coordinated_with: Option<String>,
    /// Inside parentheses: an alternative or a gloss given in passing ("(Zhongshu Sheng)").
    pub parenthesized: bool,
}

const MIN_ARABIC_LETTERS: usize = 4;
const MIN_LATIN_LETTERS: usize = 3;
/// Longest multiword name compared as one (Bergen op Zoom).
const MAX_COMPOUND_WORDS: usize = 3;

/// Every name-like mention of one document, in text order.
pub fn name_mentions(doc: &Document, lexicon: &Lexicon) -> Vec<NameMention> {
    let tokens = &doc.tokens;
    let norm = doc.norm.as_str();
    let standalone: HashSet<&str> = tokens.iter().map(|t| &norm[t.norm.clone()]).collect();
    let lowercase_latin: HashSet<&str> = tokens
        .iter()
        .filter(|t| t.script == Script::Latin && starts_lowercase(&doc.text[t.span.range()]))
        .map(|t| &norm[t.norm.clone()])
        .collect();
    let initial = sentence_initial_tokens(doc, tokens);
    let mid_capitalised: HashSet<&str> = tokens
        .iter()
        .enumerate()
        .filter(|(i, t)| t.script == Script::Latin && !initial.contains(i))
        .filter(|(_, t)| starts_uppercase(&doc.text[t.span.range()]))
        .map(|(_, t)| strip_possessive(&norm[t.norm.clone()]))
        .collect();
    let joined = hyphen_joined(doc);

    // (first token, last token, mention)
    let mut found: Vec<(usize, usize, NameMention)> = Vec::new();
    for (i, t) in tokens.iter().enumerate() {
        let word = &norm[t.norm.clone()];
        let mention = match t.script {
            Script::Arabic => {
                let spelled = spelled(&doc.text[t.span.range()]);
                arabic_mention(word, &spelled, t, lexicon, &standalone)
            }
            Script::Latin => {
                let surface = &doc.text[t.span.range()];
                let base = strip_possessive(word);
                let is_name = starts_uppercase(surface)
                    && !is_acronym(surface)
                    && word.chars().count() >= MIN_LATIN_LETTERS
                    && !lexicon.en.is_function_word(word)
                    && !lexicon.en.is_name_word(word)
                    && !lowercase_latin.contains(word)
                    && !joined.in_lowercase_compound(i)
                    && (!initial.contains(&i)
                        || mid_capitalised.contains(base)
                        || !lexicon.is_english_word(base));
                is_name.then(|| NameMention {
                    span: t.span,
                    key: base.to_string(),
                    spelling: strip_possessive(&surface.to_lowercase()).to_string(),
                    script: Script::Latin,
                    known_word: lexicon.is_english_word(base),
                    known_name: lexicon.is_english_name(base),
                    before: None,
                    after: None,
                    coordinated_with: None,
                    parenthesized: false,
                })
            }
        };
        found.extend(mention.map(|m| (i, i, m)));
    }
    found.extend(compound_mentions(doc, &joined, &found, lexicon));
    found.sort_by_key(|(first, last, _)| (*first, *last));
    with_context(doc, found)
}

/// Which tokens are joined to the next by a hyphen, and which hyphenated runs hold a word in
/// lower case (Bergen-op-Zoom, Kim Jong-seo): such a run is one name, its words no names alone.
struct Joined {
    to_next: Vec<bool>,
    in_lowercase_run: Vec<bool>,
}

impl Joined {
    fn in_lowercase_compound(&self, token: usize) -> bool {
        self.in_lowercase_run.get(token).copied().unwrap_or(false)
    }
}

fn gap<'d>(doc: &'d Document, a: &Token, b: &Token) -> &'d str {
    &doc.text[a.span.end..b.span.start.max(a.span.end)]
}

fn hyphen_joined(doc: &Document) -> Joined {
    let tokens = &doc.tokens;
    let to_next: Vec<bool> = (0..tokens.len())
        .map(|i| {
            tokens.get(i + 1).is_some_and(|next| {
                tokens[i].script == Script::Latin
                    && next.script == Script::Latin
                    && matches!(gap(doc, &tokens[i], next), "-" | "‐")
            })
        })
        .collect();
    let mut in_lowercase_run = vec![false; tokens.len()];
    let mut start = 0;
    while start < tokens.len() {
        let mut end = start;
        while to_next[end] {
            end += 1;
        }
        let has_lowercase =
            (start..=end).any(|k| starts_lowercase(&doc.text[tokens[k].span.range()]));
        if end > start && has_lowercase {
            in_lowercase_run[start..=end].fill(true);
        }
        start = end + 1;
    }
    Joined {
        to_next,
        in_lowercase_run,
    }
}

/// Multiword Latin names compared as one: a hyphenated run with a word in lower case (always),
/// and any run of two or three words joined by spaces or hyphens whose letters, run together,
/// are also written another way in the document (Bergen op Zoom / Bergen-op-Zoom, Du Mont /
/// DuMont).
fn compound_mentions(
    doc: &Document,
    joined: &Joined,
    singles: &[(usize, usize, NameMention)],
    lexicon: &Lexicon,
) -> Vec<(usize, usize, NameMention)> {
    let tokens = &doc.tokens;
    let norm = doc.norm.as_str();
    let mut runs: Vec<(usize, usize, String, String)> = Vec::new();
    for first in 0..tokens.len() {
        if tokens[first].script != Script::Latin
            || !starts_uppercase(&doc.text[tokens[first].span.range()])
        {
            continue;
        }
        for last in first + 1..tokens.len().min(first + MAX_COMPOUND_WORDS) {
            let between = gap(doc, &tokens[last - 1], &tokens[last]);
            if tokens[last].script != Script::Latin || !matches!(between, " " | "-" | "‐") {
                break;
            }
            let last_surface = &doc.text[tokens[last].span.range()];
            if !starts_uppercase(last_surface) {
                continue;
            }
            let key: String = (first..=last)
                .map(|k| strip_possessive(&norm[tokens[k].norm.clone()]))
                .collect();
            let spelling =
                strip_possessive(&doc.text[tokens[first].span.start..tokens[last].span.end])
                    .to_lowercase()
                    .replace('‐', "-");
            runs.push((first, last, key, spelling));
        }
    }
    let mut spellings: rustc_hash::FxHashMap<&str, HashSet<&str>> = Default::default();
    for (_, _, m) in singles {
        if m.script == Script::Latin {
            spellings
                .entry(m.key.as_str())
                .or_default()
                .insert(m.spelling.as_str());
        }
    }
    for (_, _, key, spelling) in &runs {
        spellings
            .entry(key.as_str())
            .or_default()
            .insert(spelling.as_str());
    }
    // Written apart: the same letters with different hyphens and spaces (not only accents).
    let written_apart = |key: &str| {
        spellings.get(key).is_some_and(|s| {
            let separators = |w: &&str| {
                w.chars()
                    .filter(|c| matches!(c, '-' | ' '))
                    .collect::<String>()
            };
            s.iter().map(separators).collect::<HashSet<String>>().len() > 1
        })
    };
    runs.iter()
        .filter(|(first, last, key, _)| {
            let lowercase_hyphenated =
                (*first..*last).all(|k| joined.to_next[k]) && joined.in_lowercase_compound(*first);
            lowercase_hyphenated || written_apart(key)
        })
        .map(|(first, last, key, spelling)| {
            (
                *first,
                *last,
                NameMention {
                    span: Span::new(tokens[*first].span.start, tokens[*last].span.end),
                    key: key.clone(),
                    spelling: spelling.clone(),
                    script: Script::Latin,
                    known_word: false,
                    known_name: lexicon.is_english_name(key),
                    before: None,
                    after: None,
                    coordinated_with: None,
                    parenthesized: false,
                },
            )
        })
        .collect()
}

/// How far back an opening parenthesis is looked for, in characters.
const PARENTHESIS_REACH: usize = 80;

/// Whether an unclosed "(" stands before `at` in the same line, not too far back.
fn inside_parentheses(text: &str, at: usize) -> bool {
    for c in text[..at].chars().rev().take(PARENTHESIS_REACH) {
        match c {
            '(' => return true,
            ')' | '\n' | '.' | '!' | '?' | '؟' => return false,
            _ => {}
        }
    }
    false
}

/// Coordinators that join two distinct names ("and", «و», also as a clitic). Not a comma: it
/// also opens an apposition or a new clause.
const COORDINATORS: &[&str] = &["and", "&", "nor", "و"];

/// Fill in each mention's neighbouring words and the name it is coordinated with.
fn with_context(doc: &Document, found: Vec<(usize, usize, NameMention)>) -> Vec<NameMention> {
    let tokens = &doc.tokens;
    let norm = doc.norm.as_str();
    let word = |k: usize| norm[tokens[k].norm.clone()].to_string();
    let only_space = |a: usize, b: usize| gap(doc, &tokens[a], &tokens[b]).trim().is_empty();
    let mut out: Vec<NameMention> = Vec::with_capacity(found.len());
    for (n, (first, last, mut m)) in found.iter().cloned().enumerate() {
        m.parenthesized = inside_parentheses(&doc.text, m.span.start);
        if first > 0 && only_space(first - 1, first) {
            m.before = Some(word(first - 1));
        }
        if last + 1 < tokens.len() && only_space(last, last + 1) {
            m.after = Some(strip_possessive(&word(last + 1)).to_string());
        }
        if let Some((next_first, _, next)) = found[n + 1..].iter().find(|(f, _, _)| *f > last) {
            let between = gap(doc, &tokens[last], &tokens[*next_first]).trim();
            let words_between = next_first - last - 1;
            let clitic_and = next.script == Script::Arabic
                && words_between == 0
                && between.is_empty()
                && doc.text[tokens[*next_first].span.range()].starts_with('و')
                && !next.key.starts_with('و');
            let joined_by = match words_between {
                1 => word(last + 1),
                0 => between.to_string(),
                _ => String::new(),
            };
            let coordinated = clitic_and || COORDINATORS.contains(&joined_by.as_str());
            if coordinated && next.script == m.script {
                m.coordinated_with = Some(next.key.clone());
            }
        }
        out.push(m);
    }
    out
}

fn arabic_mention(
    word: &str,
    spelled: &str,
    t: &Token,
    lexicon: &Lexicon,
    standalone: &HashSet<&str>,
) -> Option<NameMention> {
    let clitic_letters = split_proclitic(word, spelled, lexicon, standalone);
    let base = skip_chars(word, clitic_letters);
    let spelled_base = skip_chars(spelled, clitic_letters);
    if base.chars().count() < MIN_ARABIC_LETTERS
        || lexicon.ar.is_function_word(word)
        || lexicon.ar.is_function_word(base)
    {
        return None;
    }
    Some(NameMention {
        span: t.span,
        key: base.to_string(),
        spelling: spelled_base.to_string(),
        script: Script::Arabic,
        known_word: is_known_arabic(spelled, spelled_base, lexicon),
        known_name: false,
        before: None,
        after: None,
        coordinated_with: None,
        parenthesized: false,
    })
}

/// A dictionary word as written, or one once an inflection suffix (حكمها → حكم) is taken off.
fn is_known_arabic(spelled: &str, spelled_base: &str, lexicon: &Lexicon) -> bool {
    lexicon.is_arabic_word(spelled_base)
        || lexicon.is_arabic_word(spelled)
        || lexicon
            .ar
            .suffix_splits(spelled_base, 3)
            .into_iter()
            .any(|stem| lexicon.is_arabic_word(stem))
}

/// How many letters of proclitics to split off an Arabic token: the longest proclitic whose rest
/// is a dictionary word (checked as spelled, with hamza and ta marbuta) or occurs on its own (or
/// with the article) in the document.
fn split_proclitic(
    word: &str,
    spelled: &str,
    lexicon: &Lexicon,
    standalone: &HashSet<&str>,
) -> usize {
    for clitic in &lexicon.ar.proclitics {
        let Some(rest) = word.strip_prefix(clitic.as_str()) else {
            continue;
        };
        if rest.chars().count() < 3 {
            continue;
        }
        let letters = clitic.chars().count();
        if standalone.contains(rest) || lexicon.is_arabic_word(skip_chars(spelled, letters)) {
            return letters;
        }
        // و + الاسم: split only the conjunction when the article form occurs on its own.
        if let Some(before_article) = clitic.strip_suffix("ال")
            && !before_article.is_empty()
            && standalone.contains(format!("ال{rest}").as_str())
        {
            return before_article.chars().count();
        }
    }
    0
}

fn skip_chars(s: &str, n: usize) -> &str {
    s.char_indices().nth(n).map_or("", |(i, _)| &s[i..])
}

/// An Arabic token as spelled, without diacritics, tatweel and invisible controls: letter for
/// letter the same as its normalized key, but with hamza forms, ة and ى intact for the dictionary.
pub fn spelled(surface: &str) -> String {
    surface
        .chars()
        .filter(|&c| !is_arabic_diacritic(c) && c != '\u{0640}' && !is_invisible_control(c))
        .collect()
}

/// Indices of tokens that open a sentence (nothing alphanumeric before them in it).
pub fn sentence_initial_tokens(doc: &Document, tokens: &[Token]) -> HashSet<usize> {
    let mut initial = HashSet::default();
    let mut next = 0;
    for sentence in &doc.sentences {
        while next < tokens.len() && tokens[next].span.start < sentence.start {
            next += 1;
        }
        if let Some(t) = tokens.get(next) {
            let before = &doc.text[sentence.start..t.span.start.max(sentence.start)];
            if t.span.start < sentence.end && !before.chars().any(char::is_alphanumeric) {
                initial.insert(next);
            }
        }
    }
    initial
}

pub fn starts_uppercase(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_uppercase)
}

fn starts_lowercase(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_lowercase)
}

pub fn is_acronym(s: &str) -> bool {
    s.chars().filter(|c| c.is_alphabetic()).count() > 1
        && s.chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase)
}

pub fn strip_possessive(word: &str) -> &str {
    word.strip_suffix("'s")
        .or_else(|| word.strip_suffix("’s"))
        .or_else(|| word.strip_suffix('\''))
        .or_else(|| word.strip_suffix('’'))
        .unwrap_or(word)
}
