//! # weekday-mismatch
//!
//! ## What it does
//! Finds a full date (day, month and year) named together with a weekday that it did not fall
//! on: «الأربعاء 4 يوليو 1826» (4 July 1826 was a Tuesday), "Monday, 11 November 1821". Gregorian
//! and Hijri dates are both checked; a Hijri date is converted to its Gregorian day with the Umm
//! al-Qura rules (the tabular calendar outside 1300–1600 AH). The weekday word is labelled, with
//! the date as a second label; the help and the fix give the right weekday in the language the
//! weekday was written in (names from `rules/calendar.toml`).
//!
//! ## Why is this bad?
//! A weekday is redundant, so it is where a wrong day or year shows: one of the two was mistyped,
//! or the date was edited and its weekday was not. Readers who check one against the other stop
//! trusting the rest.
//!
//! ## Example
//! ```text
//! توفي توماس جيفرسون يوم الأربعاء 4 يوليو 1826.
//! ```
//! is reported as `weekday-mismatch`: 4 July 1826 was a Tuesday («الثلاثاء»), not a Wednesday.
//!
//! ## Not flagged
//! Right weekdays ("Sunday, 11 November 1821"); dates without a day ("Wednesday in July 1826") or
//! without a weekday. A Hijri date whose weekday is one day either side of the computed one: the
//! month of a lunar date written in prose may have begun by local sighting a day before or after
//! the computed calendar, so only a weekday two or more days off is an error. A date whose
//! weekday fits the same date in the Julian calendar (Old Style) when the text gives evidence
//! that it dates that way: a marker anywhere in the document ("O.S.", "Old Style", «بالتقويم
//! اليولياني»), or a Russian or Greek context in the date's paragraph for a date before that
//! country changed calendars (Russia in February 1918, Greece in February 1923); the words are in
//! `rules/calendar.toml`, `[old_style]`. Without such evidence the weekday is reported, and the
//! finding says that it fits the Julian calendar. Before the reform of 15 October 1582 the
//! Julian weekday is the right one, and the one suggested. Dates before year 1 are not checked.

use super::{Analysis, Check, Scope};
use crate::diagnostic::{Diagnostic, Fix, Label, Severity};
use crate::document::Document;
use crate::extract::calendar::{Day, Interval, civil_from_days, days_from_civil, weekday_of};
use crate::extract::time::{Calendar, CalendarTables, NamedNumber, Precision, TimeMention};
use crate::normalize::{is_arabic_letter, key};
use regex::Regex;

pub struct WeekdayMismatch;

impl Check for WeekdayMismatch {
    fn code(&self) -> &'static str {
        "weekday-mismatch"
    }

    fn severity(&self) -> Severity {
        Severity::Error
    }

    fn scope(&self) -> Scope {
        Scope::Document
    }

    fn documentation(&self) -> &'static str {
        include_str!("weekday_mismatch.rs")
    }

    fn run(&self, analysis: &Analysis<'_>) -> Vec<Diagnostic> {
        let tables = analysis.calendar;
        let names = WeekdayNames(&tables.weekdays);
        let mut evidence = None;
        let mut out = Vec::new();
        for (doc, times) in analysis.documents.iter().zip(analysis.times) {
            let mut marked = None;
            for mention in times {
                let Some(found) = mismatch(mention) else {
                    continue;
                };
                if found.fits_julian {
                    // Rare: compile the evidence patterns only when a date needs them.
                    let evidence = evidence.get_or_insert_with(|| OldStyleEvidence::new(tables));
                    let marked = *marked.get_or_insert_with(|| evidence.marked(doc));
                    if marked || evidence.country_context(doc, mention) {
                        continue;
                    }
                }
                out.push(diagnostic(doc, mention, &found, &names));
            }
        }
        out
    }
}

/// Bytes around a date searched for a country's name (within its paragraph).
const CONTEXT_BYTES: usize = 400;

/// The Old Style evidence of `rules/calendar.toml`, compiled.
struct OldStyleEvidence {
    markers: Option<Regex>,
    countries: Vec<(Day, Regex)>,
}

impl OldStyleEvidence {
    fn new(tables: &CalendarTables) -> Self {
        let old = &tables.old_style;
        let countries = old
            .countries
            .iter()
            .filter_map(|c| {
                let until = Interval::parse(&c.until)?.end;
                Some((until, words_regex(&c.words)?))
            })
            .collect();
        OldStyleEvidence {
            markers: words_regex(&old.markers),
            countries,
        }
    }

    /// A marker anywhere in the document.
    fn marked(&self, doc: &Document) -> bool {
        self.markers
            .as_ref()
            .is_some_and(|re| re.is_match(doc.norm.as_str()))
    }

    /// A country that still dated Old Style on this day, named in the date's paragraph.
    fn country_context(&self, doc: &Document, mention: &TimeMention) -> bool {
        let text = &doc.text;
        let from = floor_char(text, mention.span.start.saturating_sub(CONTEXT_BYTES));
        let to = floor_char(text, mention.span.end.saturating_add(CONTEXT_BYTES));
        let (before, after) = (&text[from..mention.span.start], &text[mention.span.end..to]);
        let start = before.rfind("\n\n").map_or(from, |i| from + i);
        let end = after.find("\n\n").map_or(to, |i| mention.span.end + i);
        let paragraph = key(&text[start..end]);
        self.countries
            .iter()
            .any(|(until, re)| mention.interval.start <= *until && re.is_match(&paragraph))
    }
}

/// One case-insensitive regex for a word list, normalized like the text, with word boundaries
/// where an entry begins or ends with a letter or digit; `None` for an empty list.
fn words_regex(words: &[String]) -> Option<Regex> {
    let parts: Vec<String> = words
        .iter()
        .map(|w| key(w))
        .filter(|k| !k.trim().is_empty())
        .map(|k| {
            let body: Vec<String> = k.split_whitespace().map(regex::escape).collect();
            let edge = |c: Option<char>| {
                if c.is_some_and(char::is_alphanumeric) {
                    r"\b"
                } else {
                    ""
                }
            };
            format!(
                "{}{}{}",
                edge(k.chars().next()),
                body.join(r"\s+"),
                edge(k.chars().next_back())
            )
        })
        .collect();
    if parts.is_empty() {
        return None;
    }
    Regex::new(&format!("(?i)(?:{})", parts.join("|"))).ok()
}

fn floor_char(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Which calendar the expected weekday was computed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reckoning {
    Gregorian,
    /// Old Style, for dates before the Gregorian reform.
    Julian,
    /// A Hijri date converted with Umm al-Qura rules (tabular outside its table).
    UmmAlQura,
}

/// A weekday that does not fit its date: the one written, the one expected, and how.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mismatch {
    pub written: u8,
    pub expected: u8,
    pub reckoning: Reckoning,
    /// The written weekday fits the same date in the Julian calendar (Old Style): excused where
    /// the text gives evidence that it dates that way, and said in the finding otherwise.
    pub fits_julian: bool,
}

/// The wrong weekday of a full date, if its weekday is wrong (see the module documentation for
/// what is tolerated).
pub fn mismatch(mention: &TimeMention) -> Option<Mismatch> {
    if mention.precision != Precision::Day {
        return None;
    }
    let (written, _) = mention.weekday?;
    let day = mention.interval.start;
    match mention.calendar {
        Calendar::Hijri => {
            let near = [day - 1, day, day + 1].map(weekday_of);
            (!near.contains(&written)).then_some(Mismatch {
                written,
                expected: weekday_of(day),
                reckoning: Reckoning::UmmAlQura,
                fits_julian: false,
            })
        }
        Calendar::Gregorian => gregorian_mismatch(day, written),
    }
}

fn gregorian_mismatch(day: Day, written: u8) -> Option<Mismatch> {
    let (year, month, dom) = civil_from_days(day);
    if year < 1 {
        return None;
    }
    let gregorian = weekday_of(day);
    let julian = weekday_of(julian_day(year, month, dom));
    let reform = days_from_civil(1582, 10, 15);
    if written == gregorian || (day < reform && written == julian) {
        return None;
    }
    let (expected, reckoning) = if day < reform {
        (julian, Reckoning::Julian)
    } else {
        (gregorian, Reckoning::Gregorian)
    };
    Some(Mismatch {
        written,
        expected,
        reckoning,
        fits_julian: written == julian,
    })
}

/// The day (Rata Die) of the Julian-calendar date `year-month-day`, for years ≥ 1.
pub fn julian_day(year: i32, month: u8, day: u8) -> Day {
    // Julian and Gregorian day numbers of the same written date differ by the century leap days
    // the Julian calendar keeps: ⌊y/100⌋ − ⌊y/400⌋ − 2 in the March-based year y + 4800.
    let y = year + 4800 - i32::from(month <= 2);
    days_from_civil(year, month, day) + y / 100 - y / 400 - 38
}

/// Weekday names from `rules/calendar.toml`, by number and script.
struct WeekdayNames<'a>(&'a [NamedNumber]);

impl WeekdayNames<'_> {
    /// The first listed name of the weekday in Arabic script (or not), else its number.
    fn name(&self, weekday: u8, arabic: bool) -> String {
        self.0
            .iter()
            .filter(|n| n.number == weekday)
            .flat_map(|n| &n.names)
            .find(|name| name.chars().any(is_arabic_letter) == arabic)
            .cloned()
            .unwrap_or_else(|| format!("weekday {weekday}"))
    }

    /// The English name, for messages.
    fn english(&self, weekday: u8) -> String {
        self.name(weekday, false)
    }

    /// The name of `weekday` to replace `written` with: same script, same capitalisation.
    fn replacement(&self, weekday: u8, written: &str) -> String {
        let arabic = written.chars().any(is_arabic_letter);
        let name = self.name(weekday, arabic);
        if arabic {
            return name;
        }
        let letters: Vec<char> = written.chars().filter(|c| c.is_alphabetic()).collect();
        if letters.len() > 1 && letters.iter().all(|c| c.is_uppercase()) {
            name.to_uppercase()
        } else if letters.first().is_some_and(|c| c.is_lowercase()) {
            name.to_lowercase()
        } else {
            name
        }
    }
}

fn diagnostic(
    doc: &Document,
    mention: &TimeMention,
    found: &Mismatch,
    names: &WeekdayNames<'_>,
) -> Diagnostic {
    let date = doc.quote(mention.span);
    let weekday_span = mention.weekday.map_or(mention.span, |(_, span)| span);
    let weekday_text = doc.quote(weekday_span);
    let (expected, written) = (names.english(found.expected), names.english(found.written));
    let reckoning = match found.reckoning {
        Reckoning::Gregorian => String::new(),
        Reckoning::Julian => " in the Julian calendar".to_owned(),
        Reckoning::UmmAlQura => format!(" (Gregorian {}, Umm al-Qura)", mention.interval),
    };
    let julian_note = if found.fits_julian {
        format!(" ({written} in the Julian calendar)")
    } else {
        String::new()
    };
    let message = format!("«{date}»{reckoning} was a {expected}, not a {written}{julian_note}");
    let right = names.replacement(found.expected, weekday_text);
    let help = match found.reckoning {
        Reckoning::UmmAlQura => format!(
            "write «{right}»; a lunar date may be a day off, so «{}» and «{}» would pass too",
            names.replacement((found.expected + 6) % 7, weekday_text),
            names.replacement((found.expected + 1) % 7, weekday_text),
        ),
        _ if found.fits_julian => format!(
            "write «{right}», or correct the date; {written} fits «{date}» in the Julian calendar \
             (Old Style): if the text dates that way, say so (O.S.) and it is not reported"
        ),
        _ => format!("write «{right}», or correct the date"),
    };
    let labels = vec![
        Label {
            file: doc.path.clone(),
            span: weekday_span,
            text: weekday_text.to_owned(),
            message: format!("{written} here"),
            primary: true,
        },
        Label {
            file: doc.path.clone(),
            span: mention.span,
            text: date.to_owned(),
            message: format!("this date was a {expected}"),
            primary: false,
        },
    ];
    Diagnostic {
        code: "weekday-mismatch",
        severity: Severity::Error,
        message,
        help: Some(help),
        labels,
        fixes: vec![Fix {
            file: doc.path.clone(),
            span: weekday_span,
            replacement: right,
        }],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::time::{CalendarTables, TimeExtractor};
    use crate::normalize::normalize;
    use crate::segment::Abbreviations;

    fn tables() -> CalendarTables {
        CalendarTables::shipped().expect("shipped tables parse")
    }

    fn mentions(text: &str) -> Vec<TimeMention> {
        let extractor = TimeExtractor::new(&tables()).expect("shipped tables compile");
        extractor.mentions(&normalize(text))
    }

    /// The mismatches of every full date with a weekday in `text`.
    fn found(text: &str) -> Vec<Mismatch> {
        mentions(text).iter().filter_map(mismatch).collect()
    }

    /// What the check reports on `text` (Old Style evidence included).
    fn diagnostics(text: &str) -> Vec<Diagnostic> {
        let tables = tables();
        let doc = Document::new(
            "t.md".into(),
            text.into(),
            text,
            &Abbreviations::new(Vec::new()),
        );
        let lexicon = crate::lexicon::Lexicon::shipped().expect("shipped lexicon");
        let rules = crate::rules::RuleSet::default();
        let sheets = crate::sheet::FactSheets::default();
        let analysis = Analysis {
            documents: std::slice::from_ref(&doc),
            names: &[],
            clusters: &[],
            times: &[mentions(text)],
            entities: &[],
            facts: &[],
            sequences: &[],
            rules: &rules,
            sheets: &sheets,
            calendar: &tables,
            lexicon: &lexicon,
        };
        WeekdayMismatch.run(&analysis)
    }

    #[test]
    fn julian_days_of_known_dates() {
        // The day after Julian 4 October 1582 was Gregorian 15 October 1582.
        assert_eq!(julian_day(1582, 10, 5), days_from_civil(1582, 10, 15));
        // Julian 30 October 1821 = Gregorian 11 November 1821 (Dostoevsky's birth).
        assert_eq!(julian_day(1821, 10, 30), days_from_civil(1821, 11, 11));
        // Julian 29 February 1700 existed: Gregorian 11 March 1700.
        assert_eq!(julian_day(1700, 3, 1), days_from_civil(1700, 3, 12));
    }

    #[test]
    fn wrong_gregorian_weekdays_are_found() {
        let wrong = found("توفي يوم الأربعاء 4 يوليو 1826.");
        assert_eq!(
            wrong,
            vec![Mismatch {
                written: 2,
                expected: 1,
                reckoning: Reckoning::Gregorian,
                fits_julian: false,
            }]
        );
        assert_eq!(found("It happened on Monday, 11 November 1821.").len(), 1);
    }

    #[test]
    fn right_weekdays_and_dates_without_day_pass() {
        assert!(found("He was born on Sunday, 11 November 1821.").is_empty());
        assert!(found("توفي يوم الثلاثاء 4 يوليو 1826.").is_empty());
        assert!(found("It was a Wednesday in July 1826.").is_empty());
        assert!(found("on 4 July 1826 and in 1821").is_empty());
    }

    #[test]
    fn julian_weekdays_are_marked_as_such() {
        // 1 January 1900 (Gregorian) was a Monday; Julian 1 January 1900 was a Saturday.
        assert!(found("on Monday, 1 January 1900").is_empty());
        let julian = found("on Saturday, 1 January 1900");
        assert_eq!(julian.len(), 1);
        assert!(julian[0].fits_julian);
        let wrong = found("on Friday, 1 January 1900");
        assert_eq!(wrong.len(), 1);
        assert!(!wrong[0].fits_julian);
    }

    #[test]
    fn a_julian_weekday_passes_only_with_old_style_evidence() {
        // 7 November 1805 was a Thursday; Julian 7 November 1805 a Tuesday.
        let american = "The expedition reached the Pacific on Tuesday, 7 November 1805.";
        let d = diagnostics(american);
        assert_eq!(d.len(), 1, "no sign of Old Style: reported");
        assert!(d[0].message.contains("Julian calendar"), "{}", d[0].message);
        for excused in [
            "The treaty was signed on Tuesday, 7 November 1805 (O.S.).",
            "Dates are Old Style.\n\nThe treaty was signed on Tuesday, 7 November 1805.",
            "وُقّعت المعاهدة يوم الثلاثاء 7 نوفمبر 1805 بالتقويم اليولياني.",
            "The Russian fleet sailed on Tuesday, 7 November 1805.",
            "أبحر الأسطول الروسي يوم الثلاثاء 7 نوفمبر 1805.",
        ] {
            assert!(diagnostics(excused).is_empty(), "{excused}");
        }
        // A Russian context in another paragraph, or after Russia changed calendars, is none.
        let far = "Russia is far away.\n\nThe expedition arrived on Tuesday, 7 November 1805.";
        assert_eq!(diagnostics(far).len(), 1);
        // 1 January 1930 was a Wednesday; Julian 1 January 1930 a Tuesday.
        assert_eq!(
            diagnostics("In Moscow, on Tuesday, 1 January 1930.").len(),
            1
        );
    }

    #[test]
    fn before_the_reform_the_julian_weekday_is_suggested() {
        // Columbus landed on Friday 12 October 1492 (Julian).
        assert!(found("on Friday, 12 October 1492").is_empty());
        let wrong = found("on Tuesday, 12 October 1492");
        assert_eq!(wrong.len(), 1);
        assert_eq!(wrong[0].expected, 4);
        assert_eq!(wrong[0].reckoning, Reckoning::Julian);
    }

    #[test]
    fn hijri_dates_allow_one_day_either_side() {
        // 1 Ramadan 1445 AH = Monday 11 March 2024 (Umm al-Qura).
        assert!(found("يوم الاثنين 1 رمضان 1445 هـ").is_empty());
        assert!(found("يوم الأحد 1 رمضان 1445 هـ").is_empty());
        assert!(found("يوم الثلاثاء 1 رمضان 1445 هـ").is_empty());
        let wrong = found("يوم الجمعة 1 رمضان 1445 هـ");
        assert_eq!(
            wrong,
            vec![Mismatch {
                written: 4,
                expected: 0,
                reckoning: Reckoning::UmmAlQura,
                fits_julian: false,
            }]
        );
    }

    #[test]
    fn diagnostic_labels_weekday_and_fixes_it_in_its_language() {
        let d = diagnostics("توفي يوم الأربعاء 4 يوليو 1826.");
        assert_eq!(d.len(), 1);
        let primary = d[0].primary().expect("labelled");
        assert_eq!(primary.text, "الأربعاء");
        assert_eq!(d[0].labels[1].text, "4 يوليو 1826");
        assert_eq!(d[0].fixes[0].replacement, "الثلاثاء");
        assert!(d[0].message.contains("Tuesday") && d[0].message.contains("Wednesday"));
        assert!(d[0].help.as_deref().is_some_and(|h| h.contains("الثلاثاء")));
    }

    #[test]
    fn english_fix_keeps_capitalisation() {
        let d = diagnostics("It happened on Monday, 11 November 1821.");
        assert_eq!(d[0].fixes[0].replacement, "Sunday");
        let d = diagnostics("it happened on monday, 11 November 1821.");
        assert_eq!(d[0].fixes[0].replacement, "sunday");
        let d = diagnostics("IT HAPPENED ON MONDAY, 11 NOVEMBER 1821.");
        assert_eq!(d[0].fixes[0].replacement, "SUNDAY");
    }
}
