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
    /// The whole token in the original text (with its clitics and diacritics).
    pub span: Span,
    /// The base form's matching key (clitics removed, normalized).
    pub key: String,
    /// The base form as spelled: lower-cased but with its accents (Latin); the key (Arabic,
    /// where diacritics are optional and never make a different spelling).
    pub spelling: String,
    pub script: Script,
    /// Known to the language's dictionary (Arabic) — an ordinary word, not a transliteration.
    pub known_word: bool,
}

const MIN_ARABIC_LETTERS: usize = 4;
const MIN_LATIN_LETTERS: usize = 3;

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

    let mut out = Vec::new();
    for (i, t) in tokens.iter().enumerate() {
        let word = &norm[t.norm.clone()];
        let mention = match t.script {
            Script::Arabic => {
                let spelled = spelled(&doc.text[t.span.range()]);
                arabic_mention(word, &spelled, t, lexicon, &standalone)
            }
            Script::Latin => {
                let surface = &doc.text[t.span.range()];
                let is_name = starts_uppercase(surface)
                    && !is_acronym(surface)
                    && word.chars().count() >= MIN_LATIN_LETTERS
                    && !lexicon.en.is_function_word(word)
                    && !lexicon.en.is_name_word(word)
                    && !lowercase_latin.contains(word)
                    && (!initial.contains(&i) || mid_capitalised.contains(strip_possessive(word)));
                is_name.then(|| NameMention {
                    span: t.span,
                    key: strip_possessive(word).to_string(),
                    spelling: strip_possessive(&surface.to_lowercase()).to_string(),
                    script: Script::Latin,
                    known_word: false,
                })
            }
        };
        out.extend(mention);
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
        spelling: base.to_string(),
        script: Script::Arabic,
        known_word: is_known_arabic(spelled, spelled_base, lexicon),
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
