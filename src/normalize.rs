//! Matching keys: a normalized copy of a text plus a map from every normalized byte back to the
//! original bytes.
//!
//! The source is never rewritten; stages match on [`Normalized::as_str`] and report spans through
//! [`Normalized::to_original`]. Arabic: diacritics (U+064B–U+0652, U+0670) and tatweel (U+0640)
//! are dropped, آ أ إ ٱ → ا, ى → ي, ة → ه, Arabic-Indic and Persian digits → ASCII. Latin and other
//! scripts: lower-cased, combining marks stripped (Dvořák → dvorak). Bidi controls, zero-width
//! joiners and soft hyphens are dropped. Case folding here is `char::to_lowercase`, not full
//! Unicode case folding; the Latin letters and ligatures that decomposition does not fold are
//! folded by hand (æ → ae, œ → oe, ø → o, ł → l, đ ð → d, þ → th, ß → ss, ﬁ → fi), so that
//! Ælius ~ Aelius and Skłodowska ~ Sklodowska share a key.

use crate::span::Span;
use std::ops::Range;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// A normalized text with its offset map back to the original.
#[derive(Debug, Clone)]
pub struct Normalized {
    text: String,
    /// For every byte of `text` (and one past the end): start of the original char it came from.
    starts: Vec<u32>,
    /// For every byte of `text`: end of the original char it came from, extended over the marks
    /// that were dropped right after it (so a word's span covers its diacritics).
    ends: Vec<u32>,
}

/// What normalization does with one original character.
enum Fold {
    Drop,
    /// Dropped, but belongs to the preceding letter (diacritic, tatweel, combining mark).
    Attach,
    One(char),
    Many(String),
}

/// Bidi controls and invisible formatting characters that carry no letter.
pub fn is_invisible_control(c: char) -> bool {
    matches!(
        c,
        '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{061C}' | '\u{00AD}' | '\u{FEFF}'
    )
}

/// Arabic harakat, tanween, shadda, sukun and the superscript alef.
pub fn is_arabic_diacritic(c: char) -> bool {
    matches!(c, '\u{064B}'..='\u{0652}' | '\u{0670}')
}

pub fn is_arabic_letter(c: char) -> bool {
    matches!(c, '\u{0621}'..='\u{063A}' | '\u{0641}'..='\u{064A}' | '\u{0671}'..='\u{06D3}' | '\u{06FA}'..='\u{06FF}')
}

fn fold_char(c: char) -> Fold {
    match c {
        _ if is_arabic_diacritic(c) || c == '\u{0640}' => Fold::Attach,
        _ if is_invisible_control(c) => Fold::Drop,
        'آ' | 'أ' | 'إ' | 'ٱ' => Fold::One('ا'),
        'ى' => Fold::One('ي'),
        'ة' => Fold::One('ه'),
        '\u{0660}'..='\u{0669}' => Fold::One(char::from(b'0' + (c as u32 - 0x0660) as u8)),
        '\u{06F0}'..='\u{06F9}' => Fold::One(char::from(b'0' + (c as u32 - 0x06F0) as u8)),
        _ if c.is_ascii() => Fold::One(c.to_ascii_lowercase()),
        _ if is_arabic_letter(c) => Fold::One(c),
        _ if is_combining_mark(c) => Fold::Attach,
        _ => {
            let folded: String = c
                .to_lowercase()
                .flat_map(|l| l.nfd())
                .filter(|&m| !is_combining_mark(m))
                .flat_map(|l| unfolded_latin(l).map_or_else(|| vec![l], |s| s.chars().collect()))
                .collect();
            let mut chars = folded.chars();
            match (chars.next(), chars.next()) {
                (None, _) => Fold::Attach,
                (Some(one), None) => Fold::One(one),
                _ => Fold::Many(folded),
            }
        }
    }
}

/// Latin letters and ligatures that canonical decomposition leaves whole, spelled out.
fn unfolded_latin(c: char) -> Option<&'static str> {
    Some(match c {
        'æ' => "ae",
        'œ' => "oe",
        'ø' => "o",
        'ł' | 'ŀ' => "l",
        'đ' | 'ð' => "d",
        'ħ' => "h",
        'ı' => "i",
        'þ' => "th",
        'ß' => "ss",
        'ﬀ' => "ff",
        'ﬁ' => "fi",
        'ﬂ' => "fl",
        'ﬃ' => "ffi",
        'ﬄ' => "ffl",
        'ﬅ' | 'ﬆ' => "st",
        _ => return None,
    })
}

/// Normalize `src` into a matching key with an offset map.
pub fn normalize(src: &str) -> Normalized {
    let mut text = String::with_capacity(src.len());
    let mut starts = Vec::with_capacity(src.len() + 1);
    let mut ends = Vec::with_capacity(src.len());
    let mut buf = [0u8; 4];
    for (i, c) in src.char_indices() {
        let end = (i + c.len_utf8()) as u32;
        let start = i as u32;
        let mut push = |s: &str| {
            text.push_str(s);
            for _ in 0..s.len() {
                starts.push(start);
                ends.push(end);
            }
        };
        match fold_char(c) {
            Fold::Drop => {}
            Fold::Attach => {
                // Extend the previous letter over this mark, unless whitespace intervened.
                if let Some(&last_end) = ends.last()
                    && last_end == start
                {
                    let n = ends.len();
                    let last_char_len = text.chars().next_back().map_or(0, char::len_utf8);
                    for e in &mut ends[n - last_char_len..] {
                        *e = end;
                    }
                }
            }
            Fold::One(f) => push(f.encode_utf8(&mut buf)),
            Fold::Many(s) => push(&s),
        }
    }
    starts.push(src.len() as u32);
    Normalized { text, starts, ends }
}

impl Normalized {
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Map a byte range of the normalized text (on char boundaries) back onto the original.
    ///
    /// The result always lies on char boundaries of the original text.
    pub fn to_original(&self, r: Range<usize>) -> Span {
        if r.start >= r.end {
            let at = self.starts[r.start.min(self.starts.len() - 1)] as usize;
            return Span::new(at, at);
        }
        Span::new(self.starts[r.start] as usize, self.ends[r.end - 1] as usize)
    }
}

impl Normalized {
    /// The normalized byte range covering an original span (the inverse of [`to_original`] for
    /// spans that start and end on kept characters).
    ///
    /// [`to_original`]: Normalized::to_original
    pub fn to_normalized(&self, span: Span) -> Range<usize> {
        let n = self.ends.len();
        let start = self.starts[..n].partition_point(|&s| (s as usize) < span.start);
        let end = self
            .ends
            .partition_point(|&e| (e as usize) <= span.end)
            .max(start);
        let snap = |mut i: usize| {
            while i < self.text.len() && !self.text.is_char_boundary(i) {
                i += 1;
            }
            i
        };
        snap(start)..snap(end)
    }
}

/// Normalize one short string (a name, a table entry) to its matching key.
pub fn key(s: &str) -> String {
    normalize(s).text
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn arabic_forms_unify() {
        assert_eq!(key("أَحْمَد"), "احمد");
        assert_eq!(key("إسلام آسيا ٱلله"), "اسلام اسيا الله");
        assert_eq!(key("مصطفى مدرسة"), "مصطفي مدرسه");
        assert_eq!(key("عـــام ١٩٤٩"), "عام 1949");
        assert_eq!(key("۱۹۴۹"), "1949");
        assert_eq!(key("\u{200F}شنغ\u{200E}"), "شنغ");
    }

    #[test]
    fn latin_folds_case_and_accents() {
        assert_eq!(key("Dvořák"), "dvorak");
        assert_eq!(key("Dvor\u{030C}a\u{0301}k"), "dvorak");
        assert_eq!(key("ÉCOLE"), "ecole");
        assert_eq!(key("Ælius Contrecœur"), "aelius contrecoeur");
        assert_eq!(
            key("Skłodowska Øresund Đorđe Straße ﬁnal"),
            "sklodowska oresund dorde strasse final"
        );
    }

    #[test]
    fn spans_cover_diacritics_of_a_word() {
        let src = "قَالَ شِيتْسَاي هنا";
        let n = normalize(src);
        let at = n.as_str().find("شيتساي").unwrap();
        let span = n.to_original(at..at + "شيتساي".len());
        assert_eq!(&src[span.range()], "شِيتْسَاي");
    }

    #[test]
    fn spans_skip_dropped_bidi_controls() {
        let src = "a \u{200F}1949\u{200E} b";
        let n = normalize(src);
        let at = n.as_str().find("1949").unwrap();
        assert_eq!(&src[n.to_original(at..at + 4).range()], "1949");
    }

    #[test]
    fn original_spans_map_back_to_normalized_ranges() {
        let src = "قال شِيتْسَاي إنه عاد عام ١٩٤٩";
        let n = normalize(src);
        let at = src.find("شِيتْسَاي").unwrap();
        let range = n.to_normalized(Span::new(at, at + "شِيتْسَاي".len()));
        assert_eq!(&n.as_str()[range], "شيتساي");
        let at = src.find("١٩٤٩").unwrap();
        assert_eq!(
            &n.as_str()[n.to_normalized(Span::new(at, src.len()))],
            "1949"
        );
    }

    proptest! {
        #[test]
        fn every_span_maps_onto_char_boundaries(src in "[a-zA-Zé\u{064B}-\u{0652}\u{0621}-\u{064A}\u{0640}\u{200F}\u{0660}-\u{0669}ß İ.،1-9]{0,40}") {
            let n = normalize(&src);
            let norm = n.as_str();
            let bounds: Vec<usize> = norm.char_indices().map(|(i, _)| i).chain([norm.len()]).collect();
            for (a, &s) in bounds.iter().enumerate() {
                for &e in &bounds[a..] {
                    let span = n.to_original(s..e);
                    prop_assert!(span.start <= span.end);
                    prop_assert!(src.is_char_boundary(span.start));
                    prop_assert!(src.is_char_boundary(span.end));
                    prop_assert!(span.end <= src.len());
                }
            }
        }

        #[test]
        fn normalizing_is_idempotent(src in "\\PC{0,40}") {
            let once = key(&src);
            prop_assert_eq!(key(&once), once.clone());
        }
    }
}
