//! # calendar-mismatch
//!
//! ## What it does
//! Finds a Hijri year or date given together with a Gregorian one that it cannot correspond to:
//! «1350 هـ / 1935 م» (1350 AH ran from May 1931 to May 1932). The two mentions must be next to
//! each other, with only separators between them: `/`, `-`, `–`, `(`, `)`, `،`, `,`, spaces, and
//! the words listed as `calendar_pair_links` in `rules/calendar.toml` (الموافق, الموافقة,
//! الموافق لـ, أي, "corresponding to", "i.e." …); a weekday between them (and يوم) is skipped.
//! They correspond when their intervals of days overlap, so a Hijri year matches both Gregorian
//! years it straddles. The Hijri mention is labelled, the Gregorian one is a second label, and
//! the help says which Gregorian years (or days) the Hijri side covers, as «1350 هـ = 1931–1932 م».
//!
//! ## Why is this bad?
//! A date given in both calendars is a promise that the two agree. When they do not, one of them
//! was mistyped or miscomputed, and the reader cannot tell which.
//!
//! ## Example
//! ```text
//! تأسست الجمعية سنة 1350 هـ الموافق 1935 م.
//! ```
//! is reported as `calendar-mismatch`: 1350 هـ = 1931–1932 م.
//!
//! ## Not flagged
//! Pairs that correspond: «1350 هـ / 1931 م», «(1350 هـ - 1932 م)», "in 1931 (1350 AH)".
//! Mentions that are not side by side (other words, a sentence end or a line break between
//! them: «سنة 1350 هـ، وفي سنة 1935 م»), two mentions of the same calendar, and pairs that miss
//! by one day: a Hijri month begins by the sighting of the new moon, which may come a day before
//! or after the computed Umm al-Qura (or tabular) calendar, so the Hijri side is widened by a
//! day at each end.

use super::{Analysis, Check, Scope};
use crate::diagnostic::{Diagnostic, Label, Severity};
use crate::document::Document;
use crate::extract::calendar::{Interval, civil_from_days, gregorian_years};
use crate::extract::time::{Calendar, CalendarTables, Precision, TimeMention};
use crate::normalize::{Normalized, is_arabic_letter, key};
use regex::Regex;

pub struct CalendarMismatch;

impl Check for CalendarMismatch {
    fn code(&self) -> &'static str {
        "calendar-mismatch"
    }

    fn severity(&self) -> Severity {
        Severity::Error
    }

    fn scope(&self) -> Scope {
        Scope::Document
    }

    fn documentation(&self) -> &'static str {
        include_str!("calendar_mismatch.rs")
    }

    fn run(&self, analysis: &Analysis<'_>) -> Vec<Diagnostic> {
        let tables = analysis.calendar;
        let with_hijri: Vec<(&Document, &Vec<TimeMention>)> = analysis
            .documents
            .iter()
            .zip(analysis.times)
            .filter(|(_, times)| times.iter().any(|t| t.calendar == Calendar::Hijri))
            .collect();
        if with_hijri.is_empty() {
            return Vec::new(); // every mismatch pairs a Hijri mention with a Gregorian one
        }
        let Ok(spaced) = spaced_era_year(tables) else {
            return Vec::new();
        };
        let links = PairLinks::new(tables);
        let eras = EraWords::new(tables);
        let mut out = Vec::new();
        for (doc, times) in with_hijri {
            let times = with_spaced_era_years(&doc.norm, times, &spaced);
            for (h, g) in mismatched_pairs(&doc.text, &times, &links) {
                out.push(diagnostic(doc, &times[h], &times[g], &eras));
            }
        }
        out
    }
}

/// A three- or four-digit number followed, after a space, by an ambiguous era marker ("1931 م").
fn spaced_era_year(tables: &CalendarTables) -> Result<Regex, regex::Error> {
    let markers: Vec<String> = tables
        .eras
        .ambiguous
        .iter()
        .map(|m| regex::escape(&single_spaced(&key(m))))
        .collect();
    Regex::new(&format!(
        r"\b(?P<y>[0-9]{{3,4}})\s+(?:{})\b",
        markers.join("|")
    ))
}

/// The mentions plus the years written with a spaced ambiguous era marker ("1931 م"), sorted by
/// span. The extractor leaves those alone ("1500 م" may be metres) unless a cue vouches for
/// them; beside a Hijri mention the pairing itself vouches, and only pairs are read here.
fn with_spaced_era_years(
    norm: &Normalized,
    times: &[TimeMention],
    spaced: &Regex,
) -> Vec<TimeMention> {
    let mut out = times.to_vec();
    for caps in spaced.captures_iter(norm.as_str()) {
        let (Some(whole), Some(year)) = (caps.get(0), caps.name("y")) else {
            continue;
        };
        let span = norm.to_original(whole.range());
        let Ok(year) = year.as_str().parse::<i32>() else {
            continue;
        };
        if times
            .iter()
            .any(|t| t.span.start < span.end && span.start < t.span.end)
        {
            continue;
        }
        out.push(TimeMention {
            span,
            interval: gregorian_years(year, year),
            calendar: Calendar::Gregorian,
            precision: Precision::Year,
            weekday: None,
            hijri: None,
        });
    }
    out.sort_by_key(|t| t.span);
    out
}

/// The separators that may stand between the two sides of a date in both calendars, as
/// normalized keys, longest first.
pub struct PairLinks(Vec<String>);

impl PairLinks {
    /// `calendar_pair_links` plus the weekday nouns ("يوم") of the tables.
    pub fn new(tables: &CalendarTables) -> Self {
        let words = &tables.words;
        let mut keys: Vec<String> = words
            .calendar_pair_links
            .iter()
            .chain(&words.weekday_nouns)
            .map(|w| single_spaced(&key(w)))
            .filter(|k| !k.is_empty())
            .collect();
        keys.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
        keys.dedup();
        Self(keys)
    }

    /// Whether `gap` (original text) holds nothing but separators and spaces, on one line.
    pub fn join(&self, gap: &str) -> bool {
        if gap.contains('\n') {
            return false;
        }
        let gap = single_spaced(&key(gap));
        let mut rest = gap.as_str();
        loop {
            rest = rest.trim_start();
            if rest.is_empty() {
                return true;
            }
            let Some(link) = self.0.iter().find(|l| starts_with_word(rest, l)) else {
                return false;
            };
            rest = &rest[link.len()..];
        }
    }
}

fn single_spaced(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `text` starts with `word`, and a word-final `word` is not followed by a letter or digit.
fn starts_with_word(text: &str, word: &str) -> bool {
    let ends_in_letter = word.chars().next_back().is_some_and(char::is_alphanumeric);
    text.strip_prefix(word).is_some_and(|after| {
        !ends_in_letter || !after.chars().next().is_some_and(char::is_alphanumeric)
    })
}

/// `(hijri, gregorian)` indices of adjacent mentions of different calendars that cannot be the
/// same time. `times` is sorted by span.
pub fn mismatched_pairs(
    text: &str,
    times: &[TimeMention],
    links: &PairLinks,
) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for (i, pair) in times.windows(2).enumerate() {
        let [a, b] = pair else { continue };
        let (h, g) = match (a.calendar, b.calendar) {
            (Calendar::Hijri, Calendar::Gregorian) => (i, i + 1),
            (Calendar::Gregorian, Calendar::Hijri) => (i + 1, i),
            _ => continue,
        };
        let Some(gap) = gap_between(text, a, b) else {
            continue;
        };
        if links.join(&gap) && !corresponds(&times[h], &times[g]) {
            out.push((h, g));
        }
    }
    out
}

/// The text between two mentions, with a weekday named in it blanked out.
fn gap_between(text: &str, a: &TimeMention, b: &TimeMention) -> Option<String> {
    let (start, end) = (a.span.end, b.span.start);
    let mut gap = text.get(start..end)?.to_owned();
    for (_, w) in [a.weekday, b.weekday].into_iter().flatten() {
        if start <= w.start && w.end <= end {
            let blank = " ".repeat(w.len());
            gap.replace_range(w.start - start..w.end - start, &blank);
        }
    }
    Some(gap)
}

/// The Hijri side, widened by a day at each end, overlaps the Gregorian side.
pub fn corresponds(hijri: &TimeMention, gregorian: &TimeMention) -> bool {
    let widened = Interval::new(hijri.interval.start - 1, hijri.interval.end + 1);
    widened.overlaps(&gregorian.interval)
}

/// The first Hijri and Gregorian era markers of the tables in Arabic and Latin script.
struct EraWords {
    hijri: [String; 2],
    gregorian: [String; 2],
}

impl EraWords {
    fn new(tables: &CalendarTables) -> Self {
        let first = |list: &[String], arabic: bool, fallback: &str| {
            list.iter()
                .find(|w| w.chars().any(is_arabic_letter) == arabic)
                .cloned()
                .unwrap_or_else(|| fallback.to_owned())
        };
        let (h, g) = (&tables.eras.hijri_after, &tables.eras.gregorian_after);
        Self {
            hijri: [first(h, true, "هـ"), first(h, false, "AH")],
            gregorian: [first(g, true, "م"), first(g, false, "AD")],
        }
    }
}

/// What the Hijri side covers in Gregorian terms: years for a year or longer, days otherwise.
fn gregorian_extent(hijri: &TimeMention) -> String {
    let first = civil_from_days(hijri.interval.start).0;
    let last = civil_from_days(hijri.interval.end).0;
    match hijri.precision {
        Precision::Day | Precision::Month => hijri.interval.to_string(),
        _ if first == last => first.to_string(),
        _ => format!("{first}–{last}"),
    }
}

fn diagnostic(
    doc: &Document,
    hijri: &TimeMention,
    gregorian: &TimeMention,
    eras: &EraWords,
) -> Diagnostic {
    let (h_text, g_text) = (doc.quote(hijri.span), doc.quote(gregorian.span));
    let script = usize::from(!h_text.chars().any(is_arabic_letter));
    let hijri_side = match hijri.hijri {
        Some(date) if date.month.is_none() && hijri.precision == Precision::Year => {
            format!("{} {}", date.year, eras.hijri[script])
        }
        _ => h_text.to_owned(),
    };
    let extent = gregorian_extent(hijri);
    let message = format!(
        "Hijri «{h_text}» ({}) and Gregorian «{g_text}» ({}) cannot be the same time",
        hijri.interval, gregorian.interval
    );
    let help = format!(
        "{hijri_side} = {extent} {}; correct one of the two",
        eras.gregorian[script]
    );
    let labels = vec![
        Label {
            file: doc.path.clone(),
            span: hijri.span,
            text: h_text.to_owned(),
            message: format!("Hijri: {}", hijri.interval),
            primary: true,
        },
        Label {
            file: doc.path.clone(),
            span: gregorian.span,
            text: g_text.to_owned(),
            message: format!("Gregorian: {}", gregorian.interval),
            primary: false,
        },
    ];
    Diagnostic {
        code: "calendar-mismatch",
        severity: Severity::Error,
        message,
        help: Some(help),
        labels,
        fixes: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::time::TimeExtractor;
    use crate::normalize::normalize;
    use crate::segment::Abbreviations;

    fn tables() -> CalendarTables {
        CalendarTables::shipped().expect("shipped tables parse")
    }

    fn mentions(text: &str) -> Vec<TimeMention> {
        let extractor = TimeExtractor::new(&tables()).expect("shipped tables compile");
        extractor.mentions(&normalize(text))
    }

    /// The (Hijri, Gregorian) texts of every mismatched pair in `text`.
    fn found(text: &str) -> Vec<(String, String)> {
        let spaced = spaced_era_year(&tables()).expect("pattern compiles");
        let times = with_spaced_era_years(&normalize(text), &mentions(text), &spaced);
        mismatched_pairs(text, &times, &PairLinks::new(&tables()))
            .into_iter()
            .map(|(h, g)| {
                let quote = |i: usize| text[times[i].span.range()].to_owned();
                (quote(h), quote(g))
            })
            .collect()
    }

    #[test]
    fn separators_join_and_words_do_not() {
        let links = PairLinks::new(&tables());
        for gap in [
            " / ",
            " (",
            ") ",
            " - ",
            " – ",
            "، ",
            " الموافق ",
            " الموافق لـ",
            " i.e. ",
        ] {
            assert!(links.join(gap), "{gap:?} should join");
        }
        for gap in ["، وفي ", " and ", " to ", "\n", " / \n", " الموافقين "] {
            assert!(!links.join(gap), "{gap:?} should not join");
        }
    }

    #[test]
    fn corresponding_pairs_pass() {
        for text in [
            "تأسست سنة 1350 هـ / 1931 م.",
            "تأسست سنة 1350 هـ / 1932 م.",
            "تأسست (1350 هـ - 1931 م) في مكة.",
            "تأسست سنة 1350 هـ الموافق 1931 م.",
            "It was founded in 1931 (1350 AH).",
        ] {
            assert!(found(text).is_empty(), "{text}");
        }
    }

    #[test]
    fn impossible_pairs_are_found() {
        assert_eq!(
            found("تأسست سنة 1350 هـ / 1935 م."),
            vec![("سنة 1350 هـ".to_owned(), "1935 م".to_owned())]
        );
        assert_eq!(found("تأسست (1350 هـ - 1936 م) في مكة.").len(), 1);
        assert_eq!(found("تأسست سنة 1350 هـ الموافق 1935 م.").len(), 1);
        assert_eq!(found("It was founded in 1935 (1350 AH).").len(), 1);
    }

    #[test]
    fn spaced_era_years_count_only_beside_a_hijri_mention() {
        let spaced = spaced_era_year(&tables()).expect("pattern compiles");
        let text = "تأسست 1350 هـ / 1935 م، وارتفاعها 1500 م.";
        let times = with_spaced_era_years(&normalize(text), &mentions(text), &spaced);
        assert_eq!(times.len(), 3);
        assert_eq!(found(text).len(), 1);
        assert!(found("ارتفاع الجبل 1500 م وعرضه 1935 م").is_empty());
    }

    #[test]
    fn mentions_apart_are_not_pairs() {
        assert!(found("تأسست سنة 1350 هـ، وفي سنة 1935 م توسعت.").is_empty());
        assert!(found("سنة 1350 هـ\n1935 م").is_empty());
        assert!(found("in 1350 AH. In 1935 it grew.").is_empty());
    }

    #[test]
    fn day_dates_allow_one_day_either_side() {
        // 1 Muharram 1350 AH = 19 May 1931 (Umm al-Qura); the tabular calendar says 18 May.
        assert!(found("في 1 محرم 1350 هـ الموافق 18 مايو 1931 م").is_empty());
        assert!(found("في 1 محرم 1350 هـ الموافق 20 مايو 1931 م").is_empty());
        assert_eq!(found("في 1 محرم 1350 هـ الموافق 22 مايو 1931 م").len(), 1);
    }

    #[test]
    fn help_gives_the_gregorian_years_in_the_text_language() {
        let text = "تأسست سنة 1350 هـ الموافق 1935 م.";
        let spaced = spaced_era_year(&tables()).expect("pattern compiles");
        let times = with_spaced_era_years(&normalize(text), &mentions(text), &spaced);
        let pairs = mismatched_pairs(text, &times, &PairLinks::new(&tables()));
        let doc = Document::new(
            "t.md".into(),
            text.into(),
            text,
            &Abbreviations::new(Vec::new()),
        );
        let eras = EraWords::new(&tables());
        let (h, g) = pairs[0];
        let d = diagnostic(&doc, &times[h], &times[g], &eras);
        assert_eq!(
            d.help.as_deref(),
            Some("1350 هـ = 1931–1932 م; correct one of the two")
        );
        assert_eq!(d.primary().map(|l| l.text.as_str()), Some("سنة 1350 هـ"));
    }
}
