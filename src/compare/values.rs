//! Values a translation must keep: time mentions (from [`crate::extract::time`]) and numbers,
//! each read as a value, not as a string: «١٩٤٩» is 1949, «مع نهاية عام 1949» is late 1949,
//! «2.5 مليون» is 2 500 000, "6½" is 6.5.
//!
//! Numbers are digit runs of the normalized text (Arabic-Indic and Persian digits are already
//! ASCII there) with thousands separators (`,` `٬`), decimals (`.` `٫`), a glued fraction and a
//! scale word after them (tables in `rules/numbers.toml`). Digits inside a time mention belong
//! to it. Numbers written as words are read too, but only to *confirm* a value of the other
//! version ("three" ~ «3»): their spellings vary too much to report them.
//!
//! Not read: ordinals ("sixth"), numbers inside words or codes ("A380", "F-16"), roman numerals.

use crate::document::Document;
use crate::extract::calendar::{Interval, civil_from_days};
use crate::extract::time::{Calendar, Precision, TimeMention};
use crate::normalize::key;
use crate::span::Span;
use regex::Regex;
use serde::Deserialize;
use std::collections::BTreeMap;

/// What a value is.
#[derive(Debug, Clone, PartialEq)]
pub enum ValueKind {
    Time {
        interval: Interval,
        precision: Precision,
        calendar: Calendar,
    },
    Number(f64),
}

/// One value of a text, with where it is.
#[derive(Debug, Clone, PartialEq)]
pub struct Value {
    pub kind: ValueKind,
    /// Span in the original text.
    pub span: Span,
    /// The text as written.
    pub text: String,
    /// Written in words, or part of a code ("DVB-S2"): confirms a value of the other version,
    /// never reported.
    pub words: bool,
    /// Other numbers the same text may stand for on the other side: a time's year and day of
    /// month, a number's integer part ("6½" ~ «6 ونصف»).
    pub parts: Vec<f64>,
}

/// Which of the goals' categories a value falls in (for messages and the evaluation).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Category {
    Year,
    Date,
    Month,
    Period,
    Number,
}

impl Category {
    pub fn name(self) -> &'static str {
        match self {
            Category::Year => "year",
            Category::Date => "date",
            Category::Month => "month",
            Category::Period => "period",
            Category::Number => "number",
        }
    }
}

impl Value {
    pub fn category(&self) -> Category {
        match &self.kind {
            ValueKind::Time { precision, .. } => match precision {
                Precision::Day => Category::Date,
                Precision::Month => Category::Month,
                Precision::Year => Category::Year,
                _ => Category::Period,
            },
            ValueKind::Number(_) => Category::Number,
        }
    }

    /// The year a value names, for plausibility of a pairing: a time's first year, or a number
    /// that looks like a year.
    pub fn year(&self) -> Option<i32> {
        match &self.kind {
            ValueKind::Time { interval, .. } => Some(civil_from_days(interval.start).0),
            ValueKind::Number(n) if is_year_like(*n) => Some(*n as i32),
            ValueKind::Number(_) => None,
        }
    }
}

/// An integer from 1000 to 2100: may be a year written without any date cue.
pub fn is_year_like(n: f64) -> bool {
    n.fract() == 0.0 && (1000.0..=2100.0).contains(&n)
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTables {
    proclitics: Vec<String>,
    scale: Vec<RawScale>,
    word: Vec<RawWord>,
    fraction: Vec<RawFraction>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawScale {
    factor: f64,
    words: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawWord {
    number: f64,
    words: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFraction {
    value: f64,
    glued: Vec<String>,
    words: Vec<String>,
}

/// The compiled number tables.
#[derive(Debug)]
pub struct NumberReader {
    digits: Regex,
    scales: BTreeMap<String, f64>,
    words: BTreeMap<String, f64>,
    glued: Vec<(String, f64)>,
    fraction_words: Vec<(String, f64)>,
    proclitics: Vec<String>,
    token: Regex,
}

const NUMBERS_TOML: &str = include_str!("../../rules/numbers.toml");

impl NumberReader {
    /// The shipped tables.
    pub fn shipped() -> Result<Self, String> {
        Self::from_toml(NUMBERS_TOML).map_err(|e| format!("rules/numbers.toml: {e}"))
    }

    pub fn from_toml(text: &str) -> Result<Self, String> {
        let raw: RawTables = toml::from_str(text).map_err(|e| e.message().to_string())?;
        let mut scales = BTreeMap::new();
        for s in &raw.scale {
            for w in &s.words {
                scales.insert(key(w), s.factor);
            }
        }
        let mut words = BTreeMap::new();
        for w in &raw.word {
            for name in &w.words {
                words.insert(key(name), w.number);
            }
        }
        let glued = raw
            .fraction
            .iter()
            .flat_map(|f| f.glued.iter().map(move |g| (key(g), f.value)))
            .collect();
        let fraction_words = raw
            .fraction
            .iter()
            .flat_map(|f| f.words.iter().map(move |g| (key(g), f.value)))
            .collect();
        let mut proclitics: Vec<String> = raw.proclitics.iter().map(|p| key(p)).collect();
        proclitics.sort_by_key(|p| std::cmp::Reverse(p.len()));
        // Thousands groups of three digits, or a decimal part; a digit run glued to letters or
        // other digits (codes, "A380") is not a number.
        let digits = Regex::new(r"[0-9]+(?:[.,٫٬][0-9]+)*").map_err(|e| e.to_string())?;
        let token = Regex::new(r"\p{L}+").map_err(|e| e.to_string())?;
        Ok(Self {
            digits,
            scales,
            words,
            glued,
            fraction_words,
            proclitics,
            token,
        })
    }

    /// Every value of the prose of `doc`: its time mentions, then numbers outside them, sorted
    /// by position.
    pub fn values(&self, doc: &Document, times: &[TimeMention]) -> Vec<Value> {
        let mut out: Vec<Value> = times.iter().map(|t| time_value(doc, t)).collect();
        let norm = doc.norm.as_str();
        let inside_time = |span: Span| {
            times
                .iter()
                .any(|t| t.span.start <= span.start && span.end <= t.span.end)
        };
        for m in self.digits.find_iter(norm) {
            for (range, readings) in numbers_of(m.as_str()) {
                let range = m.start() + range.start..m.start() + range.end;
                if let Some(value) = self.number_value(doc, range, readings, &inside_time) {
                    out.push(value);
                }
            }
        }
        for m in self.token.find_iter(norm) {
            let Some(n) = self.word_number(m.as_str()) else {
                continue;
            };
            let span = doc.norm.to_original(m.range());
            // A scale word of a digit number ("2.5 million") is part of it.
            let in_number = out
                .iter()
                .any(|v| v.span.start <= span.start && span.end <= v.span.end);
            if inside_time(span) || in_number {
                continue;
            }
            out.push(Value {
                kind: ValueKind::Number(n),
                text: doc.quote(span).to_string(),
                span,
                words: true,
                parts: Vec::new(),
            });
        }
        out.sort_by_key(|v| (v.span.start, v.span.end));
        out
    }

    /// A number of the normalized text at `range` with its readings (the first is the likeliest),
    /// extended over a glued fraction, a fraction word and a scale word after it.
    fn number_value(
        &self,
        doc: &Document,
        range: std::ops::Range<usize>,
        readings: Vec<f64>,
        inside_time: &dyn Fn(Span) -> bool,
    ) -> Option<Value> {
        let norm = doc.norm.as_str();
        if inside_time(doc.norm.to_original(range.clone())) {
            return None;
        }
        // In a code ("DVB-S2", "A380") a number only confirms one of the other version.
        let code = glued_to_word(norm, range.start, range.end);
        let mut n = *readings.first()?;
        let mut parts: Vec<f64> = readings[1..].to_vec();
        let mut end = range.end;
        let rest = &norm[end..];
        if let Some((g, v)) = self
            .glued
            .iter()
            .find(|(g, _)| rest.starts_with(g.as_str()))
        {
            parts.push(n);
            n += v;
            end += g.len();
        } else if let Some((w, v)) = self.word_after(rest) {
            parts.push(n);
            n += v;
            end += w;
        }
        if let Some((len, factor)) = self.scale_after(&norm[end..]) {
            parts.push(n);
            n *= factor;
            end += len;
        }
        let span = doc.norm.to_original(range.start..end);
        Some(Value {
            kind: ValueKind::Number(n),
            text: doc.quote(span).to_string(),
            span,
            words: code,
            parts,
        })
    }

    /// A number word, with or without one proclitic («وثلاثة»).
    fn word_number(&self, token: &str) -> Option<f64> {
        if let Some(&n) = self.words.get(token) {
            return Some(n);
        }
        self.proclitics
            .iter()
            .filter_map(|p| token.strip_prefix(p.as_str()))
            .find_map(|rest| self.words.get(rest).copied())
    }

    /// A fraction word right after a number (one space between): its length and value.
    fn word_after(&self, rest: &str) -> Option<(usize, f64)> {
        let trimmed = rest.strip_prefix(' ')?;
        self.fraction_words
            .iter()
            .find(|(w, _)| {
                trimmed.starts_with(w.as_str())
                    && !trimmed[w.len()..].starts_with(|c: char| c.is_alphanumeric())
            })
            .map(|(w, v)| (1 + w.len(), *v))
    }

    /// A scale word right after a number (spaces between): its length and factor.
    fn scale_after(&self, rest: &str) -> Option<(usize, f64)> {
        let spaces = rest.len() - rest.trim_start_matches(' ').len();
        if spaces > 1 {
            return None;
        }
        let word = self.token.find(&rest[spaces..])?;
        if word.start() != 0 {
            return None;
        }
        let factor = self.scales.get(word.as_str())?;
        Some((spaces + word.end(), *factor))
    }
}

/// A digit run with a letter or digit right before or after it ("A380", "3D", "x2").
fn glued_to_word(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    let letter = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() && !is_fraction(c));
    // A hyphen between letters and digits makes a code ("F-16", "Apollo-11" is a name).
    let hyphen_code = text[..start].ends_with('-')
        && text[..start - 1]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric);
    letter(before) || letter(after) || hyphen_code
}

fn is_fraction(c: char) -> bool {
    matches!(c, '½' | '¼' | '¾')
}

/// The numbers of a run of digit groups and separators, as ranges of it with their readings,
/// likeliest first. Thousands groups and decimals are read in both conventions: "1,234" and
/// "711.988" may be thousands or decimals (both readings kept), "56,2" is 56.2, "1.234,5" is
/// 1234.5. A run that is no number in either convention ("1,2,3") is read digit run by run.
fn numbers_of(text: &str) -> Vec<(std::ops::Range<usize>, Vec<f64>)> {
    let is_sep = |c: char| matches!(c, '.' | ',' | '٫' | '٬');
    let groups: Vec<&str> = text.split(is_sep).collect();
    let seps: Vec<char> = text.chars().filter(|&c| is_sep(c)).collect();
    let int = |g: &[&str]| -> Option<f64> { g.concat().parse().ok() };
    let decimal = |whole: &[&str], fraction: &str| -> Option<f64> {
        format!("{}.{fraction}", whole.concat()).parse().ok()
    };
    let thousands = |g: &[&str]| g[0].len() <= 3 && g[1..].iter().all(|x| x.len() == 3);
    let readings: Option<Vec<f64>> = match seps.as_slice() {
        [] => int(&groups).map(|n| vec![n]),
        [sep] => {
            let grouped = thousands(&groups);
            let as_thousands = int(&groups).filter(|_| grouped && *sep != '٫');
            let as_decimal = decimal(&groups[..1], groups[1]).filter(|_| *sep != '٬');
            match (as_thousands, as_decimal) {
                (Some(t), Some(d)) if matches!(sep, ',' | '٬') => Some(vec![t, d]),
                (Some(t), Some(d)) => Some(vec![d, t]),
                (Some(t), None) => Some(vec![t]),
                (None, Some(d)) => Some(vec![d]),
                (None, None) => None,
            }
        }
        [first, .., last] => {
            let same = seps.iter().all(|c| c == first);
            let n = groups.len();
            if same && thousands(&groups) {
                int(&groups).map(|x| vec![x])
            } else if seps[..seps.len() - 1].iter().all(|c| c == first)
                && last != first
                && thousands(&groups[..n - 1])
            {
                decimal(&groups[..n - 1], groups[n - 1]).map(|x| vec![x])
            } else {
                None
            }
        }
    };
    match readings {
        Some(r) => vec![(0..text.len(), r)],
        None => {
            let mut out = Vec::new();
            let mut at = 0;
            for g in groups {
                if let Ok(n) = g.parse::<f64>() {
                    out.push((at..at + g.len(), vec![n]));
                }
                at += g.len();
                at += text[at..].chars().next().map_or(0, char::len_utf8);
            }
            out
        }
    }
}

fn time_value(doc: &Document, t: &TimeMention) -> Value {
    let (year, _, day) = civil_from_days(t.interval.start);
    let mut parts = vec![f64::from(year)];
    if t.precision == Precision::Day {
        parts.push(f64::from(day));
    }
    if let Some(h) = t.hijri {
        parts.push(f64::from(h.year));
        if let Some(d) = h.day {
            parts.push(f64::from(d));
        }
    }
    if t.precision == Precision::Range {
        parts.push(f64::from(civil_from_days(t.interval.end).0));
    }
    Value {
        kind: ValueKind::Time {
            interval: t.interval,
            precision: t.precision,
            calendar: t.calendar,
        },
        span: t.span,
        text: doc.quote(t.span).to_string(),
        words: false,
        parts,
    }
}

/// Whether two values state the same thing: overlapping times (1949 ~ late 1949 ~ 1368 هـ),
/// equal numbers, a number equal to a part of the other ("6½" ~ 6).
pub fn agree(a: &Value, b: &Value) -> bool {
    match (&a.kind, &b.kind) {
        (ValueKind::Time { .. }, ValueKind::Time { .. }) => same_time(a, b),
        (ValueKind::Number(x), ValueKind::Number(y)) => {
            let ours = std::iter::once(x).chain(&a.parts);
            ours.into_iter()
                .any(|p| std::iter::once(y).chain(&b.parts).any(|q| same(*p, *q)))
        }
        (ValueKind::Time { .. }, ValueKind::Number(n)) => a.parts.iter().any(|p| same(*p, *n)),
        (ValueKind::Number(n), ValueKind::Time { .. }) => b.parts.iter().any(|p| same(*p, *n)),
    }
}

/// Two time mentions state one time: they overlap (1949 ~ late 1949 ~ 1368 هـ), and two ranges
/// or two days of one calendar have the same bounds ("1998–99" ~ «1998–1999», but "1756–1763" ≁
/// «1756–1761» although they overlap).
fn same_time(a: &Value, b: &Value) -> bool {
    let (
        ValueKind::Time {
            interval: x,
            precision: px,
            calendar: cx,
        },
        ValueKind::Time {
            interval: y,
            precision: py,
            calendar: cy,
        },
    ) = (&a.kind, &b.kind)
    else {
        return false;
    };
    let year = |day| civil_from_days(day).0;
    match (px, py) {
        _ if !x.overlaps(y) => false,
        (Precision::Range, Precision::Range) if cx == cy => {
            year(x.start) == year(y.start) && year(x.end) == year(y.end)
        }
        (Precision::Day, Precision::Day) if cx == cy => x == y,
        _ => true,
    }
}

fn same(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::Engine;
    use crate::source::files::SourceText;

    fn values(text: &str) -> Vec<(String, String)> {
        let engine = Engine::new(Vec::new(), &[]).expect("shipped tables");
        let doc = Document::from_source(
            SourceText {
                path: "t.txt".into(),
                text: text.into(),
            },
            &engine.abbreviations,
        );
        let times = engine.time.mentions(&doc.norm);
        let reader = NumberReader::shipped().expect("shipped numbers");
        reader
            .values(&doc, &times)
            .into_iter()
            .map(|v| {
                let shown = match v.kind {
                    ValueKind::Number(n) => format!("{n}{}", if v.words { " (words)" } else { "" }),
                    ValueKind::Time { .. } => v.category().name().to_string(),
                };
                (v.text, shown)
            })
            .collect()
    }

    #[test]
    fn numbers_are_values() {
        assert_eq!(
            values("It cost 2.5 million, gave 1,234 and 6½ sacks; A380 and F-16 are codes."),
            [
                ("2.5 million".into(), "2500000".into()),
                ("1,234".into(), "1234".into()),
                ("6½".into(), "6.5".into()),
                ("380".into(), "380 (words)".into()),
                ("16".into(), "16 (words)".into()),
            ]
        );
        assert_eq!(
            values("بلغ ٢٫٥ مليون وثلاثة"),
            [
                ("٢٫٥ مليون".into(), "2500000".into()),
                ("وثلاثة".into(), "3 (words)".into()),
            ]
        );
    }

    #[test]
    fn separators_are_read_in_both_conventions() {
        let read = |t: &str| {
            numbers_of(t)
                .into_iter()
                .map(|(_, r)| r)
                .collect::<Vec<_>>()
        };
        assert_eq!(read("56,2"), [vec![56.2]]);
        assert_eq!(read("711.988"), [vec![711.988, 711_988.0]]);
        assert_eq!(read("111,529"), [vec![111_529.0, 111.529]]);
        assert_eq!(read("1.234,5"), [vec![1234.5]]);
        assert_eq!(read("1,2,3"), [vec![1.0], vec![2.0], vec![3.0]]);
        assert_eq!(read("2٫5"), [vec![2.5]]);
    }

    #[test]
    fn times_swallow_their_digits() {
        assert_eq!(
            values("مع نهاية عام ١٩٤٩ غادر 300 جندي"),
            [
                ("مع نهاية عام ١٩٤٩".into(), "year".into()),
                ("300".into(), "300".into()),
            ]
        );
    }
}
