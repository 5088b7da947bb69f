//! Sentences and clauses, so that a claim never joins words across sentences.
//!
//! Boundaries: `.` `!` `?` `؟` `…` end sentences; `؛` `;` `،` `,` `:` end clauses; a line break ends
//! both (headings, list items and table rows are separate units). A `.` does not end a sentence in
//! decimals (`3.5`), initials and single letters (`J. S. Bach`, `U.S.`), or the abbreviations listed
//! in the language tables (`e.g.`, `Dr.`). Works on any text where these characters keep their
//! positions — the original, the masked prose, or the normalized key.

use crate::span::Span;

/// Abbreviations (lower-case, without the final dot) after which `.` is not a sentence end.
#[derive(Debug, Clone, Default)]
pub struct Abbreviations(Vec<String>);

impl Abbreviations {
    pub fn new(mut words: Vec<String>) -> Self {
        for w in &mut words {
            *w = w.trim_end_matches('.').to_lowercase();
        }
        words.sort();
        words.dedup();
        Self(words)
    }

    fn contains(&self, word: &str) -> bool {
        self.0.binary_search(&word.to_lowercase()).is_ok()
    }
}

/// What kind of unit a span is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Sentence,
    Clause,
}

/// Sentence spans, trimmed of surrounding whitespace; empty sentences are dropped.
pub fn sentences(text: &str, abbrev: &Abbreviations) -> Vec<Span> {
    split(text, abbrev, Unit::Sentence)
}

/// Clause spans (each sentence further cut at clause punctuation).
pub fn clauses(text: &str, abbrev: &Abbreviations) -> Vec<Span> {
    split(text, abbrev, Unit::Clause)
}

fn split(text: &str, abbrev: &Abbreviations, unit: Unit) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
        let boundary = match c {
            '\n' | '!' | '?' | '؟' | '…' => true,
            '.' => ends_sentence(text, &chars, k, abbrev),
            '؛' | ';' | '،' | ':' => unit == Unit::Clause,
            ',' => unit == Unit::Clause && !is_digit_group(&chars, k),
            _ => false,
        };
        if boundary {
            push_trimmed(text, start, i + c.len_utf8(), &mut out);
            start = i + c.len_utf8();
        }
    }
    push_trimmed(text, start, text.len(), &mut out);
    out
}

fn push_trimmed(text: &str, start: usize, end: usize, out: &mut Vec<Span>) {
    let piece = &text[start..end];
    let lead = piece.len() - piece.trim_start().len();
    let trail = piece.len() - piece.trim_end().len();
    if lead + trail < piece.len() {
        out.push(Span::new(start + lead, end - trail));
    }
}

/// `1,949` or `3,5`: a comma between digits joins a number.
fn is_digit_group(chars: &[(usize, char)], k: usize) -> bool {
    let before = k.checked_sub(1).map(|j| chars[j].1);
    let after = chars.get(k + 1).map(|&(_, c)| c);
    matches!((before, after), (Some(b), Some(a)) if b.is_ascii_digit() && a.is_ascii_digit())
}

fn ends_sentence(text: &str, chars: &[(usize, char)], k: usize, abbrev: &Abbreviations) -> bool {
    let before = k.checked_sub(1).map(|j| chars[j].1);
    let after = chars.get(k + 1).map(|&(_, c)| c);
    if let (Some(b), Some(a)) = (before, after) {
        if b.is_numeric() && a.is_numeric() {
            return false; // decimal
        }
        if !a.is_whitespace() && !matches!(a, '"' | '\'' | ')' | '”' | '’' | '»' | '*' | '_') {
            return false; // "U.S." inner dots, "e.g", file.txt
        }
    }
    let word_start = chars[..k]
        .iter()
        .rposition(|&(_, c)| !(c.is_alphabetic() || c == '.'))
        .map_or(0, |j| chars[j + 1].0);
    let word = &text[word_start..chars[k].0];
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    let is_initial = letters == 1 && word.chars().all(|c| c.is_uppercase() || c == '.');
    !(is_initial || word.contains('.') || abbrev.contains(word))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts<'a>(text: &'a str, spans: &[Span]) -> Vec<&'a str> {
        spans.iter().map(|s| &text[s.range()]).collect()
    }

    fn abbrev() -> Abbreviations {
        Abbreviations::new(vec!["e.g".into(), "dr".into(), "st.".into()])
    }

    #[test]
    fn english_sentences_keep_abbreviations_and_decimals() {
        let t = "Dr. Smith moved to the U.S. in 1949. It cost 3.5 million, e.g. a lot! Was it? Yes";
        assert_eq!(
            texts(t, &sentences(t, &abbrev())),
            [
                "Dr. Smith moved to the U.S. in 1949.",
                "It cost 3.5 million, e.g. a lot!",
                "Was it?",
                "Yes"
            ]
        );
    }

    #[test]
    fn initials_do_not_end_sentences() {
        let t = "J. S. Bach was born in 1685. He died later.";
        assert_eq!(texts(t, &sentences(t, &abbrev())).len(), 2);
    }

    #[test]
    fn arabic_clauses() {
        let t = "في عام 1944 ميلادي، قام تمرد إيلي؛ ثم انتهى. هل انتهى؟ نعم";
        assert_eq!(
            texts(t, &clauses(t, &abbrev())),
            [
                "في عام 1944 ميلادي،",
                "قام تمرد إيلي؛",
                "ثم انتهى.",
                "هل انتهى؟",
                "نعم"
            ]
        );
        assert_eq!(texts(t, &sentences(t, &abbrev())).len(), 3);
    }

    #[test]
    fn newlines_split_and_numbers_with_commas_hold() {
        let t = "Heading\nAbout 1,949 people, mostly farmers";
        assert_eq!(
            texts(t, &clauses(t, &abbrev())),
            ["Heading", "About 1,949 people,", "mostly farmers"]
        );
    }
}
