//! Word tokens of a document's normalized prose, with their spans in the original text.

use crate::normalize::{Normalized, is_arabic_letter};
use crate::span::Span;

/// Script family of a token; decides which language table applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Script {
    Arabic,
    Latin,
}

/// A word token of the normalized text.
#[derive(Debug, Clone)]
pub struct Token {
    pub norm: std::ops::Range<usize>,
    pub span: Span,
    pub script: Script,
}

/// Maximal runs of letters of one script (Latin words may hold an apostrophe: D'Oyly, Gaddafi's).
pub fn word_tokens(normalized: &Normalized) -> Vec<Token> {
    let norm = normalized.as_str();
    let mut out = Vec::new();
    let mut start: Option<(usize, Script)> = None;
    let mut chars = norm.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let script = script_of(c);
        let joins_latin = matches!(c, '\'' | '’')
            && start.is_some_and(|(_, s)| s == Script::Latin)
            && chars
                .peek()
                .is_some_and(|&(_, n)| script_of(n) == Some(Script::Latin));
        match (start, script) {
            (Some((_, s)), Some(cs)) if s == cs => {}
            (Some(_), _) if joins_latin => {}
            (Some((b, s)), _) => {
                out.push(token(normalized, b..i, s));
                start = script.map(|cs| (i, cs));
            }
            (None, Some(cs)) => start = Some((i, cs)),
            (None, None) => {}
        }
    }
    if let Some((b, s)) = start {
        out.push(token(normalized, b..norm.len(), s));
    }
    out
}

fn token(normalized: &Normalized, norm: std::ops::Range<usize>, script: Script) -> Token {
    let span = normalized.to_original(norm.clone());
    Token { norm, span, script }
}

fn script_of(c: char) -> Option<Script> {
    if is_arabic_letter(c) {
        Some(Script::Arabic)
    } else if c.is_alphabetic() {
        Some(Script::Latin)
    } else {
        None
    }
}
