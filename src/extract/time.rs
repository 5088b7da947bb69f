//! Time mentions: years, full dates, months, decades, centuries and ranges in Arabic and English
//! prose, each turned into an inclusive interval of Gregorian days.
//!
//! All vocabulary (month families, weekdays, qualifiers, decade and ordinal words, connector and
//! era words) lives in `rules/calendar.toml`; the extractor compiles it into one regex per form,
//! matches over the normalized key ([`Normalized::as_str`]) and maps spans back with
//! [`Normalized::to_original`]. Candidates from every form compete and the longest wins, so
//! "4 July 1826" is one mention, not a month and a year.
//!
//! Conventions: a bare number is a year only in a date context (a cue word such as "in"/"منذ"
//! plus four digits, a year noun "عام"/"year", a month, a qualifier, or an era marker); cue words
//! stay outside the span, nouns, qualifiers and era markers are inside it, and English "the" is
//! outside. Qualified mentions ("late 1949" → Sep–Dec) keep the precision of the unit they
//! qualify. Decade words without a century ("الثلاثينيات") mean the 1930s; the nth century is
//! 100(n−1)+1 … 100n; "1900s" (decade or century?) is not taken. A weekday is attached to the
//! full date right after or before it, and not checked; the date's span does not include it.
//! Hijri dates are converted with Umm al-Qura rules (see [`calendar`]).
//!
//! Matching runs only near anchors (digits, century nouns, decade words), and each exact form
//! only where its relaxed twin ([`crate::relaxed`], lazy DFA) matched: Unicode word boundaries
//! keep the regex engine off its DFA on Arabic text, so the exact forms see a few bytes each.
//!
//! Not handled (precision first): two-digit years ('30s), numeric d/m/y dates, relative dates
//! ("last year"), "1900s"/"2000s", the second of coordinated years ("in 1949 and 1950" gives
//! 1949 only), day ranges ("4–7 July"), and the case of Latin era markers ("1949 ad" counts).

use super::calendar::{
    self, Day, HijriDate, Interval, gregorian_day, gregorian_months, gregorian_years, hijri_day,
    hijri_months, hijri_years,
};
use crate::normalize::{Normalized, key};
use crate::relaxed::relaxed;
use crate::span::Span;
use regex::{Captures, Regex};
use regex_automata::{Input, meta};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::ops::Range;

/// Which calendar the text wrote the date in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum Calendar {
    Gregorian,
    Hijri,
}

/// The unit the text named.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum Precision {
    Day,
    Month,
    Year,
    Decade,
    Century,
    Range,
}

/// One time expression found in a text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TimeMention {
    /// Byte span in the original text: the whole expression with its qualifier words, year
    /// nouns and era markers, without preceding cue words ("in", "منذ").
    pub span: Span,
    /// Always Gregorian days, whatever the calendar of the text.
    pub interval: Interval,
    pub calendar: Calendar,
    pub precision: Precision,
    /// A weekday named next to the date (0 = Monday … 6 = Sunday) and its span; not validated.
    pub weekday: Option<(u8, Span)>,
    /// For Hijri mentions: the Hijri year, and month and day when given.
    pub hijri: Option<HijriDate>,
}

// ------------------------------------------------------------------------------------- tables

/// A number with the names that spell it (months, weekdays, ordinals, decades).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NamedNumber {
    pub number: u8,
    pub names: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DecadeWords {
    /// 3 for the thirties.
    pub tens: u8,
    pub names: Vec<String>,
}

/// A season: the months it spans (`[12, 2]` wraps into the next year) and its names.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Season {
    pub months: [u8; 2],
    pub words: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Qualifier {
    /// 1, 2 or 3: which third of the unit.
    pub third: u8,
    pub words: Vec<String>,
}

/// Inclusive `[first, last]` bounds of the three thirds of each unit.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Thirds {
    pub year_months: [[u8; 2]; 3],
    pub month_days: [[u8; 2]; 3],
    pub decade_years: [[i32; 2]; 3],
    pub century_years: [[i32; 2]; 3],
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Words {
    pub default_decade_century: i32,
    pub proclitics: Vec<String>,
    pub cues: Vec<String>,
    pub articles: Vec<String>,
    pub year_nouns: Vec<String>,
    pub month_nouns: Vec<String>,
    pub month_year_links: Vec<String>,
    pub day_month_links: Vec<String>,
    pub weekday_nouns: Vec<String>,
    pub weekday_links: Vec<String>,
    pub range_from: Vec<String>,
    pub range_to: Vec<String>,
    pub range_between: Vec<String>,
    pub range_and: Vec<String>,
    pub century_before: Vec<String>,
    pub century_after: Vec<String>,
    pub decade_century_links: Vec<String>,
    /// Separators that pair a Hijri mention with the Gregorian one next to it.
    pub calendar_pair_links: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Eras {
    pub gregorian_after: Vec<String>,
    pub gregorian_before: Vec<String>,
    pub bc_after: Vec<String>,
    pub hijri_after: Vec<String>,
    /// Markers that are also other abbreviations; they count only when glued to the number.
    pub ambiguous: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Guards {
    pub count_nouns: Vec<String>,
}

/// Evidence that a text dates in the Julian calendar (Old Style); read by `weekday-mismatch`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OldStyle {
    /// Words that say so anywhere in a document ("O.S.", «بالتقويم اليولياني»).
    pub markers: Vec<String>,
    pub countries: Vec<JulianCountry>,
}

/// A country that kept the Julian calendar, and the words that name it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JulianCountry {
    /// The last day it dated in the Julian calendar, as a Gregorian date (`1918-02-13`).
    pub until: String,
    pub words: Vec<String>,
}

/// The calendar vocabulary, as written in `rules/calendar.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CalendarTables {
    pub gregorian_months: Vec<NamedNumber>,
    pub hijri_months: Vec<NamedNumber>,
    pub weekdays: Vec<NamedNumber>,
    pub day_ordinals: Vec<NamedNumber>,
    pub decades: Vec<DecadeWords>,
    pub century_ordinals: Vec<NamedNumber>,
    pub qualifiers: Vec<Qualifier>,
    #[serde(default)]
    pub seasons: Vec<Season>,
    pub thirds: Thirds,
    pub words: Words,
    pub eras: Eras,
    pub guards: Guards,
    #[serde(default)]
    pub old_style: OldStyle,
}

impl CalendarTables {
    /// The tables shipped with factlint.
    pub fn shipped() -> Result<Self, toml::de::Error> {
        toml::from_str(include_str!("../../rules/calendar.toml"))
    }
}

// ------------------------------------------------------------------------------------ lexicon

/// An era marker's meaning.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Era {
    Gregorian,
    BeforeChrist,
    Hijri,
}

/// Normalized table entries mapped to their values, for reading captured groups.
#[derive(Debug, Clone)]
struct Lexicon {
    months: HashMap<String, (Calendar, u8)>,
    weekdays: HashMap<String, u8>,
    day_ordinals: HashMap<String, u8>,
    decades: HashMap<String, u8>,
    ordinals: HashMap<String, u8>,
    qualifiers: HashMap<String, usize>,
    seasons: HashMap<String, [u8; 2]>,
    eras: HashMap<String, Era>,
    ambiguous_eras: HashSet<String>,
    count_nouns: HashSet<String>,
    range_to: HashSet<String>,
    range_and: HashSet<String>,
    range_between: HashSet<String>,
    thirds: Thirds,
    default_decade_century: i32,
}

/// The matching key of a table entry or a captured phrase: normalized, single spaces.
fn canonical(s: &str) -> String {
    key(s).split_whitespace().collect::<Vec<_>>().join(" ")
}

fn index<'a, V: Copy>(entries: impl IntoIterator<Item = (&'a String, V)>) -> HashMap<String, V> {
    entries
        .into_iter()
        .map(|(name, v)| (canonical(name), v))
        .collect()
}

fn named<'a>(list: &'a [NamedNumber]) -> impl Iterator<Item = (&'a String, u8)> + 'a {
    list.iter()
        .flat_map(|n| n.names.iter().map(move |name| (name, n.number)))
}

fn word_set(words: &[String]) -> HashSet<String> {
    words.iter().map(|w| canonical(w)).collect()
}

impl Lexicon {
    fn new(t: &CalendarTables) -> Self {
        let greg = named(&t.gregorian_months).map(|(n, m)| (n, (Calendar::Gregorian, m)));
        let hijri = named(&t.hijri_months).map(|(n, m)| (n, (Calendar::Hijri, m)));
        let eras = [
            (&t.eras.gregorian_after, Era::Gregorian),
            (&t.eras.gregorian_before, Era::Gregorian),
            (&t.eras.bc_after, Era::BeforeChrist),
            (&t.eras.hijri_after, Era::Hijri),
        ];
        Lexicon {
            months: index(greg.chain(hijri)),
            weekdays: index(named(&t.weekdays)),
            day_ordinals: index(named(&t.day_ordinals)),
            decades: index(
                t.decades
                    .iter()
                    .flat_map(|d| d.names.iter().map(move |n| (n, d.tens))),
            ),
            ordinals: index(named(&t.century_ordinals)),
            qualifiers: index(t.qualifiers.iter().flat_map(|q| {
                let third = usize::from(q.third.clamp(1, 3) - 1);
                q.words.iter().map(move |w| (w, third))
            })),
            seasons: index(
                t.seasons
                    .iter()
                    .flat_map(|s| s.words.iter().map(move |w| (w, s.months))),
            ),
            eras: index(
                eras.iter()
                    .flat_map(|(list, era)| list.iter().map(move |w| (w, *era))),
            ),
            ambiguous_eras: word_set(&t.eras.ambiguous),
            count_nouns: word_set(&t.guards.count_nouns),
            range_to: word_set(&t.words.range_to),
            range_and: word_set(&t.words.range_and),
            range_between: word_set(&t.words.range_between),
            thirds: t.thirds.clone(),
            default_decade_century: t.words.default_decade_century,
        }
    }
}

// ----------------------------------------------------------------------------------- patterns

/// A regex alternation of table entries: normalized, longest first, whitespace-tolerant, with a
/// word boundary after entries that end in a word character.
fn alternation<'a>(words: impl IntoIterator<Item = &'a String>) -> String {
    alternation_bounded(words, true)
}

/// [`alternation`], optionally without the closing word boundary (for "و" glued to "1955").
fn alternation_bounded<'a>(words: impl IntoIterator<Item = &'a String>, bounded: bool) -> String {
    alternation_with(words, if bounded { r"\b" } else { "" })
}

/// An alternation whose entries that end in a word character are followed by `boundary`.
fn alternation_with<'a>(words: impl IntoIterator<Item = &'a String>, boundary: &str) -> String {
    let mut keys: Vec<String> = words.into_iter().map(|w| canonical(w)).collect();
    keys.retain(|k| !k.is_empty());
    keys.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
    keys.dedup();
    let parts: Vec<String> = keys.iter().map(|k| entry_pattern(k, boundary)).collect();
    if parts.is_empty() {
        // Matches nothing: an empty list must not match everywhere.
        return r"(?:[^\s\S])".to_owned();
    }
    format!("(?:{})", parts.join("|"))
}

fn entry_pattern(k: &str, boundary: &str) -> String {
    let body: Vec<String> = k.split(' ').map(regex::escape).collect();
    let ends_in_word = k.chars().next_back().is_some_and(char::is_alphanumeric);
    let boundary = if ends_in_word { boundary } else { "" };
    format!("{}{boundary}", body.join(r"\s+"))
}

/// The regex fragments built from the tables, named after what they match.
struct Fragments {
    proclitic: String,
    cue: String,
    article: String,
    qualifier: String,
    season: String,
    year_noun: String,
    month: String,
    /// Months that may be glued to the year after them ("تموز/يوليو1961"): an ASCII word
    /// boundary also ends an Arabic month name before a digit.
    month_loose: String,
    month_noun: String,
    month_year_link: String,
    day_month_link: String,
    era_after: String,
    era_before: String,
    decade: String,
    ordinal: String,
    century_before: String,
    century_after: String,
    century_before_raw: String,
    century_after_raw: String,
    decade_raw: String,
    decade_century_link: String,
    range_open: String,
    range_close: String,
    weekday: String,
    day_ordinal: String,
    weekday_noun: String,
    weekday_link: String,
}

impl Fragments {
    fn new(t: &CalendarTables) -> Self {
        let w = &t.words;
        let months = t.gregorian_months.iter().chain(&t.hijri_months);
        let eras_after = t
            .eras
            .gregorian_after
            .iter()
            .chain(&t.eras.bc_after)
            .chain(&t.eras.hijri_after);
        let ordinals = t.century_ordinals.iter().flat_map(|o| &o.names);
        Fragments {
            // Unbounded: a proclitic is glued to the word after it.
            proclitic: format!("{}?", alternation_bounded(&w.proclitics, false)),
            cue: alternation(&w.cues),
            article: alternation(&w.articles),
            qualifier: alternation(t.qualifiers.iter().flat_map(|q| &q.words)),
            season: alternation(t.seasons.iter().flat_map(|s| &s.words)),
            year_noun: alternation(&w.year_nouns),
            month: alternation(months.clone().flat_map(|m| &m.names)),
            month_loose: alternation_with(months.flat_map(|m| &m.names), r"(?:\b|(?-u:\b))"),
            month_noun: alternation(&w.month_nouns),
            month_year_link: alternation(&w.month_year_links),
            day_month_link: alternation(&w.day_month_links),
            era_after: alternation(eras_after),
            era_before: alternation(&t.eras.gregorian_before),
            decade: alternation(t.decades.iter().flat_map(|d| &d.names)),
            ordinal: alternation(ordinals),
            century_before: alternation(&w.century_before),
            century_after: alternation(&w.century_after),
            century_before_raw: alternation_bounded(&w.century_before, false),
            century_after_raw: alternation_bounded(&w.century_after, false),
            decade_raw: alternation_bounded(t.decades.iter().flat_map(|d| &d.names), false),
            decade_century_link: alternation(&w.decade_century_links),
            range_open: alternation(w.range_from.iter().chain(&w.range_between)),
            // Unbounded: "و" is glued to the year it introduces ("بين عامي 1934 و1955").
            range_close: alternation_bounded(w.range_to.iter().chain(&w.range_and), false),
            weekday: alternation(t.weekdays.iter().flat_map(|d| &d.names)),
            weekday_noun: alternation(&w.weekday_nouns),
            day_ordinal: alternation(t.day_ordinals.iter().flat_map(|d| &d.names)),
            weekday_link: alternation(&w.weekday_links),
        }
    }

    /// Context before an expression, outside its span: a cue word, an article, a proclitic.
    fn lead(&self) -> String {
        let (p, cue, art) = (&self.proclitic, &self.cue, &self.article);
        format!(r"\b(?:{p}(?P<cue>{cue})\s+)?(?:{art}\s+)?{p}")
    }

    fn qualifier(&self) -> String {
        format!(r"(?:(?P<q>{})(?:\s+|\s*-\s*))?", self.qualifier)
    }

    fn era_after(&self) -> String {
        format!(r"(?:\s*(?P<era>{}))?", self.era_after)
    }

    /// A month name, optionally doubled across families ("آب/أغسطس", "آب (أغسطس)").
    fn month(&self, name: &str) -> String {
        let m = &self.month;
        format!(r"(?P<{name}>{m})(?:\s*[/(]\s*(?P<{name}_alt>{m})\s*\)?)?")
    }

    /// Month noun and month, then the link words and year noun that may precede the year.
    fn month_then_year(&self) -> String {
        let (mn, link, noun, m) = (
            &self.month_noun,
            &self.month_year_link,
            &self.year_noun,
            &self.month_loose,
        );
        let month = format!(r"(?P<m>{m})(?:\s*[/(]\s*(?P<m_alt>{m})\s*\)?)?");
        format!(r"(?:(?P<mnoun>{mn})\s+)?{month}(?:\s*,)?\s*(?:{link}\s+)?(?:(?P<noun>{noun})\s+)?")
    }

    /// A year, with its qualifier and season ("late summer 2009", "صيف عام 1962"); an English
    /// possessive after it ("2008's storm") or parentheses around it ("Edict of Nantes (1598)")
    /// make four digits a year too.
    fn year_form(&self) -> String {
        let (noun, pre, season) = (&self.year_noun, &self.era_before, &self.season);
        format!(
            r"(?:(?P<paren>\()\s*|{})(?P<expr>{}(?:(?P<s>{season})\s+)?(?:(?P<noun>{noun})\s+)?(?:(?P<pre>{pre})\s+)?(?P<y>[0-9]{{1,4}}){})(?:(?P<poss>['’]s\b)|(?P<close>\s*\)))?",
            self.lead(),
            self.qualifier(),
            self.era_after()
        )
    }

    fn month_year_form(&self) -> String {
        format!(
            r"{}(?P<expr>{}{}(?P<y>[0-9]{{1,4}}){})",
            self.lead(),
            self.qualifier(),
            self.month_then_year(),
            self.era_after()
        )
    }

    /// "4 July 1826", "21st of August 1968", "الرابع من يوليو 1826", "12 ربيع الأول 1350 هـ".
    fn day_month_year_form(&self) -> String {
        let (link, ord) = (&self.day_month_link, &self.day_ordinal);
        format!(
            r"{}(?P<expr>(?:(?P<d>[0-9]{{1,2}})(?:st|nd|rd|th)?|(?P<dw>{ord}))\s+(?:{link}\s+)?{}(?P<y>[0-9]{{1,4}}){})",
            self.lead(),
            self.month_then_year(),
            self.era_after()
        )
    }

    fn month_day_year_form(&self) -> String {
        format!(
            r"{}(?P<expr>{}\s+(?P<d>[0-9]{{1,2}})(?:st|nd|rd|th)?(?:\s*,\s*|\s+)(?P<y>[0-9]{{1,4}}){})",
            self.lead(),
            self.month("m"),
            self.era_after()
        )
    }

    fn iso_form(&self) -> String {
        r"\b(?P<expr>(?P<y>[0-9]{4})-(?P<mn>[0-9]{2})-(?P<d>[0-9]{2}))".to_owned()
    }

    /// "القرن التاسع عشر", "القرن 19", "القرن الـ19", "19th century", "nineteenth century".
    fn century_ref(&self) -> String {
        let (before, after, ord) = (&self.century_before, &self.century_after, &self.ordinal);
        format!(
            r"(?:{before}\s+(?:ال)?(?:(?P<cn>[0-9]{{1,2}})\b|(?P<cw>{ord}))|(?:(?P<cn2>[0-9]{{1,2}})(?:st|nd|rd|th)|(?P<cw2>{ord}))[\s-]+{after})"
        )
    }

    fn decade_form(&self) -> String {
        let (dec, link, art) = (&self.decade, &self.decade_century_link, &self.article);
        format!(
            r"{}(?P<expr>{}(?:(?P<dn>[0-9]{{3}}0)['’]?s\b|(?P<dw>{dec})(?:\s+(?:{link}\s+)?(?:{art}\s+)?{})?))",
            self.lead(),
            self.qualifier(),
            self.century_ref()
        )
    }

    fn century_form(&self) -> String {
        format!(
            r"{}(?P<expr>{}{}{})",
            self.lead(),
            self.qualifier(),
            self.century_ref(),
            self.era_after()
        )
    }

    /// One end of a range: a month with or without its year, or a year with its noun.
    fn range_end(&self, n: u8) -> String {
        let (m, link, noun) = (&self.month, &self.month_year_link, &self.year_noun);
        let era = &self.era_after;
        format!(
            r"(?:(?P<m{n}>{m})(?:\s+(?:{link}\s+)?(?:(?P<noun{n}b>{noun})\s+)?(?P<y{n}>[0-9]{{1,4}}))?|(?:(?P<noun{n}>{noun})\s+)?(?P<y{n}b>[0-9]{{1,4}}))(?:\s*(?P<era{n}>{era}))?"
        )
    }

    /// No cue before a range: "from"/"between" are cues too, and here they belong to the range.
    /// Each end may carry its own era ("1948م حتى 1967م", "44 BC – 14 AD").
    fn range_form(&self) -> String {
        let (open, close, p) = (&self.range_open, &self.range_close, &self.proclitic);
        format!(
            r"\b{p}(?P<expr>(?:(?P<open>{open})\s+)?{}(?P<sep>\s*[-–—/]\s*|\s+(?P<close>{close})\s*){})",
            self.range_end(1),
            self.range_end(2),
        )
    }

    /// A weekday name with the words that tie it to the date after it.
    fn weekday_before(&self) -> String {
        let (noun, day, link) = (&self.weekday_noun, &self.weekday, &self.weekday_link);
        format!(r"\b(?:{noun}\s+)?(?P<w>{day})\s*[,،]?\s*(?:{link}\s*[,،]?\s*)?")
    }

    /// What every expression contains: digits, a century noun or a decade word. Without word
    /// boundaries, so that the regex engine can use its DFA on any text.
    fn anchor(&self) -> String {
        let (before, after, decade) = (
            &self.century_before_raw,
            &self.century_after_raw,
            &self.decade_raw,
        );
        format!("[0-9]+|{before}|{after}|{decade}")
    }

    /// What may stand between a date and a weekday named after it.
    fn weekday_gap(&self) -> String {
        format!(r"^\s*(?:[,،(]\s*)?(?:{}\s+)?$", self.weekday_noun)
    }
}

// ---------------------------------------------------------------------------------- extractor

/// The expression shapes, one regex each.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Form {
    Year,
    MonthYear,
    DayMonthYear,
    MonthDayYear,
    Iso,
    Decade,
    Century,
    Range,
}

/// A time-mention extractor compiled from [`CalendarTables`].
#[derive(Debug, Clone)]
pub struct TimeExtractor {
    /// Each form, exact (with word boundaries and captures) and relaxed (see [`crate::relaxed`]).
    forms: Vec<(Form, Regex, meta::Regex)>,
    weekday_before: Regex,
    weekday_gap: Regex,
    /// What every expression contains (see [`TimeExtractor::regions`]).
    anchor: Regex,
    lexicon: Lexicon,
}

/// A mention found by one form, before overlaps are resolved; `range` is in the normalized text.
#[derive(Debug, Clone)]
struct Candidate {
    range: Range<usize>,
    interval: Interval,
    calendar: Calendar,
    precision: Precision,
    hijri: Option<HijriDate>,
}

impl TimeExtractor {
    pub fn new(tables: &CalendarTables) -> Result<Self, regex::Error> {
        let f = Fragments::new(tables);
        let sources = [
            (Form::Range, f.range_form()),
            (Form::Iso, f.iso_form()),
            (Form::DayMonthYear, f.day_month_year_form()),
            (Form::MonthDayYear, f.month_day_year_form()),
            (Form::MonthYear, f.month_year_form()),
            (Form::Century, f.century_form()),
            (Form::Decade, f.decade_form()),
            (Form::Year, f.year_form()),
        ];
        let forms = sources
            .iter()
            .map(|(form, src)| Ok((*form, Regex::new(src)?, prefilter(&[src])?)))
            .collect::<Result<Vec<_>, regex::Error>>()?;
        Ok(TimeExtractor {
            forms,
            weekday_before: Regex::new(&f.weekday_before())?,
            weekday_gap: Regex::new(&f.weekday_gap())?,
            anchor: Regex::new(&f.anchor())?,
            lexicon: Lexicon::new(tables),
        })
    }

    /// Every time mention of a text, sorted by span and non-overlapping (the longest wins).
    pub fn mentions(&self, norm: &Normalized) -> Vec<TimeMention> {
        let text = norm.as_str();
        let candidates = self.candidates(text);
        let chosen = longest_non_overlapping(candidates);
        let weekdays = self.weekdays_for(text, &chosen);
        chosen
            .into_iter()
            .zip(weekdays)
            .map(|(c, weekday)| TimeMention {
                span: norm.to_original(c.range),
                interval: c.interval,
                calendar: c.calendar,
                precision: c.precision,
                weekday: weekday.map(|(w, r)| (w, norm.to_original(r))),
                hijri: c.hijri,
            })
            .collect()
    }

    /// Candidates from every form. A range of numbers followed by a count noun ("from 1500 to
    /// 2000 soldiers") vetoes the years inside it too.
    fn candidates(&self, text: &str) -> Vec<Candidate> {
        self.candidates_with(text, true)
    }

    /// [`Self::candidates`], or with `prefiltered` false the same by running every exact form
    /// over the whole text (slow; the reference the prefilter is tested against).
    fn candidates_with(&self, text: &str, prefiltered: bool) -> Vec<Candidate> {
        let mut out = Vec::new();
        let mut counts: Vec<Range<usize>> = Vec::new();
        let regions = if prefiltered {
            self.regions(text)
        } else {
            std::iter::once(0..text.len()).collect()
        };
        for region in regions {
            for (form, re, relaxed) in &self.forms {
                let windows = if prefiltered {
                    let input = Input::new(text).span(region.clone());
                    let found = relaxed.find_iter(input);
                    merged(text, found.map(|m| m.start()..m.end() + FORM_TAIL))
                } else {
                    vec![region.clone()]
                };
                for caps in windows.into_iter().flat_map(|w| captures_in(re, text, w)) {
                    let Some(whole) = caps.get(0) else { continue };
                    if !stands_alone(text, whole.range()) {
                        continue;
                    }
                    if *form == Form::Range && self.reading(&caps, text).counts_something() {
                        counts.push(whole.range());
                    } else if let Some(c) = self.interpret(*form, &caps, text) {
                        out.push(c);
                    }
                }
            }
        }
        let vetoed = Containment::new(counts);
        out.retain(|c| !vetoed.contains(&c.range));
        out
    }

    fn reading<'a>(&'a self, caps: &'a Captures<'a>, text: &'a str) -> Reading<'a> {
        Reading {
            caps,
            lex: &self.lexicon,
            text,
        }
    }

    fn interpret(&self, form: Form, caps: &Captures<'_>, text: &str) -> Option<Candidate> {
        let read = Reading {
            caps,
            lex: &self.lexicon,
            text,
        };
        let range = caps.name("expr")?.range();
        let (interval, calendar, precision, hijri) = match form {
            Form::Year => read.year()?,
            Form::MonthYear => read.month_year()?,
            Form::DayMonthYear | Form::MonthDayYear => read.full_date()?,
            Form::Iso => read.iso()?,
            Form::Decade => read.decade()?,
            Form::Century => read.century()?,
            Form::Range => read.range()?,
        };
        Some(Candidate {
            range,
            interval,
            calendar,
            precision,
            hijri,
        })
    }

    /// For each chosen mention (in order), the weekday named next to it, if it is a full date.
    fn weekdays_for(&self, text: &str, chosen: &[Candidate]) -> Vec<Option<(u8, Range<usize>)>> {
        let mut found = vec![None; chosen.len()];
        let starts: HashMap<usize, usize> = chosen
            .iter()
            .enumerate()
            .map(|(i, c)| (c.range.start, i))
            .collect();
        let regions = merged(
            text,
            chosen
                .iter()
                .filter(|c| c.precision == Precision::Day)
                .map(|c| {
                    c.range.start.saturating_sub(WEEKDAY_MARGIN)..c.range.end + WEEKDAY_MARGIN
                }),
        );
        for caps in regions
            .iter()
            .flat_map(|r| captures_in(&self.weekday_before, text, r.clone()))
        {
            let (Some(whole), Some(name)) = (caps.get(0), caps.name("w")) else {
                continue;
            };
            let Some(&day) = self.lexicon.weekdays.get(&canonical(name.as_str())) else {
                continue;
            };
            let weekday = Some((day, name.range()));
            match starts.get(&whole.end()) {
                Some(&i) if chosen[i].precision == Precision::Day => found[i] = weekday,
                _ => self.attach_after(text, chosen, &mut found, weekday),
            }
        }
        found
    }

    /// Attach a weekday to the full date that ends right before it, if that date has none yet.
    fn attach_after(
        &self,
        text: &str,
        chosen: &[Candidate],
        found: &mut [Option<(u8, Range<usize>)>],
        weekday: Option<(u8, Range<usize>)>,
    ) {
        let Some((_, name)) = &weekday else { return };
        let before = chosen.partition_point(|c| c.range.end <= name.start);
        let Some(i) = before.checked_sub(1) else {
            return;
        };
        let c = &chosen[i];
        let gap = text.get(c.range.end..name.start).unwrap_or("x");
        if c.precision == Precision::Day && found[i].is_none() && self.weekday_gap.is_match(gap) {
            found[i] = weekday;
        }
    }
}

/// Whether a range lies inside one of many ranges, in logarithmic time: the ranges sorted by
/// start, with the largest end among each prefix.
struct Containment {
    starts: Vec<usize>,
    max_ends: Vec<usize>,
}

impl Containment {
    fn new(mut ranges: Vec<Range<usize>>) -> Self {
        ranges.sort_by_key(|r| r.start);
        let mut max_end = 0;
        let max_ends = ranges
            .iter()
            .map(|r| {
                max_end = max_end.max(r.end);
                max_end
            })
            .collect();
        Containment {
            starts: ranges.iter().map(|r| r.start).collect(),
            max_ends,
        }
    }

    fn contains(&self, inner: &Range<usize>) -> bool {
        let before = self.starts.partition_point(|&s| s <= inner.start);
        before
            .checked_sub(1)
            .is_some_and(|i| self.max_ends[i] >= inner.end)
    }
}

/// A run of this many bytes without whitespace holds no time expression that factlint reads
/// (the longest real ones glue a few words with slashes and dashes: «تموز/يوليو1961»,
/// "1934–1955"); anchors inside it are skipped, so a megabyte "word" costs one pass.
const LONG_TOKEN_BYTES: usize = 100;
/// A year has at most four digits; a longer digit run is a number, and anchors nothing.
const YEAR_DIGITS: usize = 4;

/// Bytes of context around each anchor that an expression containing it may span: the cue,
/// qualifier, month and nouns before the number, the era and a range's second end after it.
const ANCHOR_BEFORE: usize = 128;
const ANCHOR_AFTER: usize = 96;
/// Bytes matched after the end of a relaxed form's match: the exact form may end later (its
/// preferred alternative differs once word boundaries count), never by that much.
const FORM_TAIL: usize = 32;
/// Bytes around a full date searched for the weekday named next to it.
const WEEKDAY_MARGIN: usize = 96;

impl TimeExtractor {
    /// The parts of the text worth matching: around each anchor, merged. Most prose is far
    /// from any digit; inside these regions each form's relaxed regex (lazy DFA) finds where
    /// the exact form (PikeVM, for Unicode word boundaries) has to run.
    ///
    /// Anchors in long tokens ([`LONG_TOKEN_BYTES`]) and digit runs longer than a year are
    /// skipped before any regex runs, so no input makes the forms rescan one stretch of text.
    fn regions(&self, text: &str) -> Vec<Range<usize>> {
        let long = long_tokens(text);
        let mut next_long = 0;
        let anchors = self.anchor.find_iter(text).filter(move |a| {
            let is_number = a.as_str().bytes().all(|b| b.is_ascii_digit());
            if is_number && a.len() > YEAR_DIGITS {
                return false;
            }
            while long.get(next_long).is_some_and(|t| t.end <= a.start()) {
                next_long += 1;
            }
            long.get(next_long).is_none_or(|t| t.start > a.start())
        });
        merged(
            text,
            anchors.map(|a| {
                a.start().saturating_sub(ANCHOR_BEFORE)..a.end().saturating_add(ANCHOR_AFTER)
            }),
        )
    }
}

/// Runs of at least [`LONG_TOKEN_BYTES`] bytes without whitespace, in order.
fn long_tokens(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = None;
    for (at, c) in text.char_indices() {
        match (c.is_whitespace(), start) {
            (true, Some(from)) => {
                if at - from >= LONG_TOKEN_BYTES {
                    out.push(from..at);
                }
                start = None;
            }
            (false, None) => start = Some(at),
            _ => {}
        }
    }
    if let Some(from) = start.filter(|&from| text.len() - from >= LONG_TOKEN_BYTES) {
        out.push(from..text.len());
    }
    out
}

/// Ranges clamped to char boundaries and extended to the end of a word, then merged.
fn merged(text: &str, ranges: impl Iterator<Item = Range<usize>>) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    for r in ranges {
        let start = floor_boundary(text, r.start);
        let end = end_of_word(text, r.end);
        match out.last_mut() {
            Some(last) if last.end >= start => last.end = last.end.max(end),
            _ => out.push(start..end),
        }
    }
    out
}

/// [`relaxed`], with the error type of the exact forms.
fn prefilter(sources: &[&str]) -> Result<meta::Regex, regex::Error> {
    relaxed(sources).map_err(regex::Error::Syntax)
}

fn floor_boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The first whitespace at or after `at` (or the end), so a region never cuts a word; a word
/// longer than [`LONG_TOKEN_BYTES`] is cut there (it holds no anchor, see [`long_tokens`]).
fn end_of_word(text: &str, at: usize) -> usize {
    let at = floor_boundary(text, at);
    let limit = floor_boundary(text, at.saturating_add(LONG_TOKEN_BYTES));
    text[at..limit]
        .find(char::is_whitespace)
        .map_or(limit, |i| at + i)
}

/// All matches of `re` that start in `region`; the text before the region stays visible to
/// `\b`, and matches may not run past the region's end (which ends a word).
fn captures_in<'t>(re: &Regex, text: &'t str, region: Range<usize>) -> Vec<Captures<'t>> {
    let hay = &text[..region.end];
    let mut at = region.start;
    let mut out = Vec::new();
    while at <= hay.len() {
        let Some(caps) = re.captures_at(hay, at) else {
            break;
        };
        let Some(m) = caps.get(0) else { break };
        at = if m.end() > at {
            m.end()
        } else {
            next_boundary(hay, at)
        };
        out.push(caps);
    }
    out
}

fn next_boundary(text: &str, at: usize) -> usize {
    text[at..]
        .chars()
        .next()
        .map_or(text.len() + 1, |c| at + c.len_utf8())
}

/// The match is not glued to letters, digits or digit groups ("B1949", "1,949", "19:49").
fn stands_alone(text: &str, r: Range<usize>) -> bool {
    let before: Vec<char> = text[..r.start].chars().rev().take(2).collect();
    let after: Vec<char> = text[r.end..].chars().take(2).collect();
    let glued = |near: &[char]| match near {
        [c, ..] if c.is_alphanumeric() => true,
        [c, d, ..] => ",.:/-".contains(*c) && d.is_ascii_digit(),
        _ => false,
    };
    !glued(&before) && !glued(&after)
}

/// Keep the longest candidates that do not overlap a longer (or earlier equal) one; sort by span.
fn longest_non_overlapping(mut candidates: Vec<Candidate>) -> Vec<Candidate> {
    candidates.sort_by(|a, b| {
        let len = |c: &Candidate| c.range.end - c.range.start;
        len(b).cmp(&len(a)).then(a.range.start.cmp(&b.range.start))
    });
    let mut taken: BTreeMap<usize, Candidate> = BTreeMap::new();
    for c in candidates {
        let clashes_before = taken
            .range(..c.range.end)
            .next_back()
            .is_some_and(|(_, t)| t.range.end > c.range.start);
        if !clashes_before && !c.range.is_empty() {
            taken.insert(c.range.start, c);
        }
    }
    taken.into_values().collect()
}

// ------------------------------------------------------------------------------ interpretation

type Meaning = (Interval, Calendar, Precision, Option<HijriDate>);

/// The captures of one match, read against the lexicon.
struct Reading<'a> {
    caps: &'a Captures<'a>,
    lex: &'a Lexicon,
    text: &'a str,
}

/// Years allowed for Gregorian mentions; BC years are counted the same way before the era.
const GREGORIAN_YEARS: std::ops::RangeInclusive<i32> = 1..=2100;

impl Reading<'_> {
    fn has(&self, name: &str) -> bool {
        self.caps.name(name).is_some()
    }

    fn str(&self, name: &str) -> Option<&str> {
        self.caps.name(name).map(|m| m.as_str())
    }

    fn number(&self, name: &str) -> Option<i32> {
        self.str(name)?.parse().ok()
    }

    fn digits(&self, name: &str) -> usize {
        self.str(name).map_or(0, str::len)
    }

    fn era(&self) -> Option<Era> {
        self.era_named("era")
    }

    fn era_named(&self, name: &str) -> Option<Era> {
        let marker = self.str(name)?;
        self.lex.eras.get(&canonical(marker)).copied()
    }

    fn third(&self) -> Option<usize> {
        self.str("q")
            .and_then(|q| self.lex.qualifiers.get(&canonical(q)).copied())
    }

    /// The month named in `name` (and its alternative spelling, which must agree).
    fn month(&self, name: &str) -> Option<(Calendar, u8)> {
        let m = *self.lex.months.get(&canonical(self.str(name)?))?;
        match self.str(&format!("{name}_alt")) {
            Some(alt) if self.lex.months.get(&canonical(alt)) != Some(&m) => None,
            _ => Some(m),
        }
    }

    /// `Some(None)` when the group is absent, `None` when it names no known month.
    fn optional_month(&self, name: &str) -> Option<Option<(Calendar, u8)>> {
        match self.has(name) {
            true => self.month(name).map(Some),
            false => Some(None),
        }
    }

    /// The word after the match is a count noun ("by 1500 soldiers").
    fn counts_something(&self) -> bool {
        let end = self.caps.get(0).map_or(0, |m| m.end());
        let near = floor_boundary(self.text, end.saturating_add(LONG_TOKEN_BYTES));
        let next = self.text[end..near].split_whitespace().next().unwrap_or("");
        let word: String = next.chars().take_while(|c| c.is_alphanumeric()).collect();
        self.lex.count_nouns.contains(&word)
    }

    /// The calendar and astronomical year of year digits `y` under the era marker, if valid.
    fn calendar_year(&self, y: i32, era: Option<Era>) -> Option<(Calendar, i32)> {
        match era {
            Some(Era::Hijri) => calendar::HIJRI_YEARS
                .contains(&y)
                .then_some((Calendar::Hijri, y)),
            Some(Era::BeforeChrist) => GREGORIAN_YEARS
                .contains(&y)
                .then_some((Calendar::Gregorian, 1 - y)),
            _ => GREGORIAN_YEARS
                .contains(&y)
                .then_some((Calendar::Gregorian, y)),
        }
    }

    fn year(&self) -> Option<Meaning> {
        let era = self.era();
        if !self.is_year_context() || (self.has("pre") && era.is_some()) {
            return None;
        }
        let (cal, y) = self.calendar_year(self.number("y")?, era)?;
        let interval = match (self.season(), self.third()) {
            (Some(season), third) => season_of(cal, y, season, third)?,
            (None, Some(t)) => {
                let [a, b] = self.lex.thirds.year_months[t];
                months_of(cal, y, a, b)?
            }
            (None, None) => months_of(cal, y, 1, 12)?,
        };
        Some((interval, cal, Precision::Year, hijri_of(cal, y, None, None)))
    }

    /// The months of the season named in the match, if any.
    fn season(&self) -> Option<[u8; 2]> {
        self.str("s")
            .and_then(|s| self.lex.seasons.get(&canonical(s)).copied())
    }

    /// Whether a bare number is a year: an era marker; a year noun with three or more digits (or
    /// with an era); a cue or qualifier with four digits not followed by a count noun. An
    /// ambiguous marker ("م" is also metres) counts only when glued to the number.
    fn is_year_context(&self) -> bool {
        let digits = self.digits("y");
        let era = self.era().is_some() && !self.era_is_spaced_ambiguous();
        let nouned = self.has("noun") && (digits >= 3 || self.era().is_some());
        let parenthesized = self.has("paren") && self.has("close");
        let marked =
            self.has("cue") || self.has("q") || self.has("s") || self.has("poss") || parenthesized;
        let cued = marked && digits == 4 && !self.counts_something();
        self.has("pre") || era || nouned || cued
    }

    fn era_is_spaced_ambiguous(&self) -> bool {
        let (Some(y), Some(era)) = (self.caps.name("y"), self.caps.name("era")) else {
            return false;
        };
        y.end() != era.start() && self.lex.ambiguous_eras.contains(&canonical(era.as_str()))
    }

    /// Calendar and year of a month-and-year: the month decides unless the era disagrees.
    fn month_calendar_year(&self, month_cal: Calendar) -> Option<(Calendar, i32)> {
        let era = self.era();
        if self.digits("y") < 3 && era.is_none() {
            return None;
        }
        let era = match (month_cal, era) {
            (Calendar::Hijri, None) if self.hijri_month_is_bare() => return None,
            (Calendar::Hijri, None | Some(Era::Hijri)) => Some(Era::Hijri),
            (Calendar::Hijri, _) | (Calendar::Gregorian, Some(Era::Hijri)) => return None,
            (Calendar::Gregorian, era) => era,
        };
        self.calendar_year(self.number("y")?, era)
    }

    /// A Hijri month name and a number with nothing else that makes them a date: several names
    /// are also words or names ("صفر" zero, "رمضان", "رجب"), so take them only with a day, a cue,
    /// a month or year noun, or an era marker.
    fn hijri_month_is_bare(&self) -> bool {
        let context = ["cue", "noun", "mnoun", "d", "dw", "q"];
        !context.iter().any(|g| self.has(g))
    }

    fn month_year(&self) -> Option<Meaning> {
        let (month_cal, m) = self.month("m")?;
        let (cal, y) = self.month_calendar_year(month_cal)?;
        let whole = months_of(cal, y, m, m)?;
        let interval = match self.third() {
            Some(t) => {
                let [a, b] = self.lex.thirds.month_days[t];
                days_within(whole, a, b)
            }
            None => whole,
        };
        Some((
            interval,
            cal,
            Precision::Month,
            hijri_of(cal, y, Some(m), None),
        ))
    }

    fn full_date(&self) -> Option<Meaning> {
        let (month_cal, m) = self.month("m")?;
        let (cal, y) = self.month_calendar_year(month_cal)?;
        let d = match self.str("dw") {
            Some(w) => *self.lex.day_ordinals.get(&canonical(w))?,
            None => u8::try_from(self.number("d")?).ok()?,
        };
        let interval = day_of(cal, y, m, d)?;
        Some((
            interval,
            cal,
            Precision::Day,
            hijri_of(cal, y, Some(m), Some(d)),
        ))
    }

    fn iso(&self) -> Option<Meaning> {
        let y = self.number("y")?;
        let m = u8::try_from(self.number("mn")?).ok()?;
        let d = u8::try_from(self.number("d")?).ok()?;
        GREGORIAN_YEARS.contains(&y).then_some(())?;
        Some((
            gregorian_day(y, m, d)?,
            Calendar::Gregorian,
            Precision::Day,
            None,
        ))
    }

    fn decade(&self) -> Option<Meaning> {
        let first = match (self.number("dn"), self.str("dw")) {
            (Some(n), _) if n % 100 != 0 => n,
            (None, Some(w)) => {
                let tens = i32::from(*self.lex.decades.get(&canonical(w))?);
                let century = self
                    .century_number()
                    .unwrap_or(self.lex.default_decade_century);
                century
                    .checked_sub(1)?
                    .checked_mul(100)?
                    .checked_add(tens * 10)?
            }
            _ => return None,
        };
        GREGORIAN_YEARS.contains(&first).then_some(())?;
        let [a, b] = match self.third() {
            Some(t) => self.lex.thirds.decade_years[t],
            None => [0, 9],
        };
        let interval = gregorian_years(first.saturating_add(a), first.saturating_add(b));
        Some((interval, Calendar::Gregorian, Precision::Decade, None))
    }

    fn century_number(&self) -> Option<i32> {
        if let Some(n) = self.number("cn").or_else(|| self.number("cn2")) {
            return (1..=21).contains(&n).then_some(n);
        }
        let word = self.str("cw").or_else(|| self.str("cw2"))?;
        self.lex
            .ordinals
            .get(&canonical(word))
            .map(|&n| i32::from(n))
    }

    fn century(&self) -> Option<Meaning> {
        let n = self.century_number()?;
        let first = (n - 1) * 100 + 1;
        let [a, b] = match self.third() {
            Some(t) => self.lex.thirds.century_years[t],
            None => [0, 99],
        };
        let (from, to) = (first.saturating_add(a), first.saturating_add(b));
        match self.era() {
            None | Some(Era::Gregorian) => Some((
                gregorian_years(from, to),
                Calendar::Gregorian,
                Precision::Century,
                None,
            )),
            Some(Era::Hijri) => Some((
                hijri_years(from, to)?,
                Calendar::Hijri,
                Precision::Century,
                None,
            )),
            Some(Era::BeforeChrist) => None,
        }
    }

    fn range(&self) -> Option<Meaning> {
        let shape = RangeShape::read(self)?;
        let cal = shape.calendar()?;
        let (y1, y2) = shape.years(self)?;
        let start = shape.end_interval(cal, y1, shape.m1)?;
        let end = shape.end_interval(cal, y2, shape.m2)?;
        (start.end < end.start).then_some(())?;
        Some((start.hull(&end), cal, Precision::Range, None))
    }
}

/// The parts of a range match, checked for consistency.
struct RangeShape {
    m1: Option<(Calendar, u8)>,
    m2: Option<(Calendar, u8)>,
    y1: Option<(i32, usize)>,
    y2: (i32, usize),
    /// Each end's era; an era written once applies to both ends.
    era1: Option<Era>,
    era2: Option<Era>,
    /// The second year is written with two digits ("1934-55").
    abbreviated: bool,
}

impl RangeShape {
    fn read(r: &Reading<'_>) -> Option<Self> {
        let dash = Self::separator(r)?;
        let year = |a: &str, b: &str| {
            let name = if r.has(a) { a } else { b };
            Some((r.number(name)?, r.digits(name)))
        };
        let mut shape = RangeShape {
            m1: r.optional_month("m1")?,
            m2: r.optional_month("m2")?,
            y1: year("y1", "y1b"),
            y2: year("y2", "y2b")?,
            era1: r.era_named("era1"),
            era2: r.era_named("era2"),
            abbreviated: false,
        };
        shape.abbreviated = shape.is_abbreviated(dash);
        let nouns = ["noun1", "noun1b", "noun2", "noun2b"];
        let has_era = shape.era1.is_some() || shape.era2.is_some();
        let strong = nouns.iter().any(|n| r.has(n)) || has_era || shape.m2.is_some();
        let guarded = strong || !r.counts_something();
        (guarded && shape.plausible(strong, dash)).then_some(shape)
    }

    /// Whether the separator is a dash (`Some(true)`) or a word that fits the opening word:
    /// "to"/"إلى" after "from"/"من", "and"/"و" after "between"/"بين".
    fn separator(r: &Reading<'_>) -> Option<bool> {
        let open = r.str("open").map(canonical);
        let between = open
            .as_ref()
            .is_some_and(|o| r.lex.range_between.contains(o));
        let fits = match r.str("close").map(canonical) {
            None => return Some(true),
            Some(c) if r.lex.range_and.contains(&c) => between,
            Some(c) => r.lex.range_to.contains(&c) && open.is_some() && !between,
        };
        fits.then_some(false)
    }

    /// Digits make sense: four-digit years unless a noun, era or month vouches for them; a
    /// month without a year only before a month.
    fn plausible(&self, strong: bool, dash: bool) -> bool {
        let d1 = self.y1.map_or(4, |(_, d)| d);
        let (_, d2) = self.y2;
        let digits_ok = self.is_abbreviated(dash) || strong || (d1 == 4 && d2 == 4);
        let month_alone_ok = self.y1.is_some() || (self.m1.is_some() && self.m2.is_some());
        digits_ok && month_alone_ok
    }

    /// "1934-55", "1802–03": a dash, then the last two digits of a year in the same century.
    fn is_abbreviated(&self, dash: bool) -> bool {
        let d1 = self.y1.map_or(0, |(_, d)| d);
        dash && d1 == 4 && self.y2.1 == 2 && self.m2.is_none() && self.era2.is_none()
    }

    /// The one calendar of both ends: eras and month names must agree.
    fn calendar(&self) -> Option<Calendar> {
        let era_cal = |e: Era| match e {
            Era::Hijri => Calendar::Hijri,
            Era::Gregorian | Era::BeforeChrist => Calendar::Gregorian,
        };
        let eras = [self.era1, self.era2].into_iter().flatten().map(era_cal);
        let months = [self.m1, self.m2].into_iter().flatten().map(|m| m.0);
        let all: Vec<Calendar> = eras.chain(months).collect();
        let cal = all.first().copied().unwrap_or(Calendar::Gregorian);
        all.iter().all(|&c| c == cal).then_some(cal)
    }

    /// The astronomical years of both ends.
    fn years(&self, r: &Reading<'_>) -> Option<(i32, i32)> {
        let (n2, _) = self.y2;
        let n1 = self.y1.map_or(n2, |(n, _)| n);
        let n2 = if self.abbreviated {
            n1 - n1 % 100 + n2
        } else {
            n2
        };
        let (_, a) = r.calendar_year(n1, self.era1.or(self.era2))?;
        let (_, b) = r.calendar_year(n2, self.era2.or(self.era1))?;
        let has_era = self.era1.is_some() || self.era2.is_some();
        let span_ok = self.m2.is_some() || has_era || (b - a) <= 200;
        span_ok.then_some((a, b))
    }

    fn end_interval(&self, cal: Calendar, y: i32, m: Option<(Calendar, u8)>) -> Option<Interval> {
        match m {
            Some((_, m)) => months_of(cal, y, m, m),
            None => months_of(cal, y, 1, 12),
        }
    }
}

/// A season of year `y` (months `[a, b]`, wrapping into the next year when `b < a`), or one third
/// of it with a qualifier ("late summer" = its last month).
fn season_of(cal: Calendar, y: i32, [a, b]: [u8; 2], third: Option<usize>) -> Option<Interval> {
    let months: Vec<(i32, u8)> = if a <= b {
        (a..=b).map(|m| (y, m)).collect()
    } else {
        (a..=12)
            .map(|m| (y, m))
            .chain((1..=b).map(|m| (y + 1, m)))
            .collect()
    };
    let n = months.len();
    let (first, last) = match third {
        Some(t) => (t * n / 3, ((t + 1) * n).div_ceil(3).max(t * n / 3 + 1) - 1),
        None => (0, n - 1),
    };
    let (fy, fm) = *months.get(first)?;
    let (ly, lm) = *months.get(last)?;
    Some(months_of(cal, fy, fm, fm)?.hull(&months_of(cal, ly, lm, lm)?))
}

fn months_of(cal: Calendar, y: i32, first: u8, last: u8) -> Option<Interval> {
    match cal {
        Calendar::Gregorian => gregorian_months(y, first, last),
        Calendar::Hijri => hijri_months(y, first, last),
    }
}

fn day_of(cal: Calendar, y: i32, m: u8, d: u8) -> Option<Interval> {
    match cal {
        Calendar::Gregorian => gregorian_day(y, m, d),
        Calendar::Hijri => hijri_day(y, m, d),
    }
}

/// Days `first..=last` (1-based) of a month, clamped to the month.
fn days_within(month: Interval, first: u8, last: u8) -> Interval {
    let at = |n: u8| (month.start + Day::from(n) - 1).min(month.end);
    Interval::new(at(first.max(1)), at(last.max(first).max(1)))
}

fn hijri_of(cal: Calendar, year: i32, month: Option<u8>, day: Option<u8>) -> Option<HijriDate> {
    (cal == Calendar::Hijri).then_some(HijriDate { year, month, day })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::normalize;
    use proptest::prelude::*;

    /// Compiled once: building the regexes is the expensive part.
    static SHIPPED: std::sync::LazyLock<TimeExtractor> = std::sync::LazyLock::new(|| {
        let tables = CalendarTables::shipped().expect("shipped tables parse");
        TimeExtractor::new(&tables).expect("shipped tables compile")
    });

    fn shipped() -> &'static TimeExtractor {
        &SHIPPED
    }

    fn quoted(ex: &TimeExtractor, text: &str) -> Vec<String> {
        let spans = ex.mentions(&normalize(text));
        spans
            .iter()
            .map(|m| text[m.span.range()].to_owned())
            .collect()
    }

    #[test]
    fn every_month_name_maps_to_its_number() {
        let tables = CalendarTables::shipped().expect("parses");
        let lex = Lexicon::new(&tables);
        for family in [&tables.gregorian_months, &tables.hijri_months] {
            for month in family {
                for name in &month.names {
                    let got = lex.months.get(&canonical(name)).map(|m| m.1);
                    assert_eq!(got, Some(month.number), "{name}");
                }
            }
        }
        assert_eq!(lex.months.get("ذو الحجه"), Some(&(Calendar::Hijri, 12)));
        assert_eq!(
            lex.months.get("كانون الثاني"),
            Some(&(Calendar::Gregorian, 1))
        );
    }

    #[test]
    fn unknown_table_fields_are_rejected() {
        let bad =
            include_str!("../../rules/calendar.toml").replace("[guards]", "[guards]\ntypo = 1");
        assert!(toml::from_str::<CalendarTables>(&bad).is_err());
    }

    #[test]
    fn alternation_prefers_longer_entries_and_tolerates_spacing() {
        let words = ["ربيع".to_owned(), "ربيع الأول".to_owned(), "c.".to_owned()];
        let re = Regex::new(&alternation(&words)).expect("valid");
        assert_eq!(
            re.find("ربيع   الاول").map(|m| m.as_str()),
            Some("ربيع   الاول")
        );
        assert_eq!(re.find("c. 1450").map(|m| m.as_str()), Some("c."));
        let none = Regex::new(&alternation(&[])).expect("an empty list still compiles");
        assert!(!none.is_match("anything"));
    }

    #[test]
    fn glued_numbers_do_not_stand_alone() {
        assert!(stands_alone("in 1949, he", 3..7));
        assert!(!stands_alone("1,949", 2..5));
        assert!(!stands_alone("19:49", 3..5));
        assert!(!stands_alone("B1949", 1..5));
        assert!(!stands_alone("1949km", 0..4));
    }

    #[test]
    fn longest_candidate_wins() {
        let c = |range: Range<usize>| Candidate {
            range,
            interval: Interval::new(1, 1),
            calendar: Calendar::Gregorian,
            precision: Precision::Year,
            hijri: None,
        };
        let kept = longest_non_overlapping(vec![c(2..6), c(0..11), c(12..14), c(10..13)]);
        let ranges: Vec<Range<usize>> = kept.into_iter().map(|c| c.range).collect();
        assert_eq!(ranges, vec![0..11, 12..14]);
    }

    #[test]
    fn diacritics_and_tatweel_stay_inside_the_span() {
        let ex = shipped();
        assert_eq!(quoted(ex, "فِي عَامِ ١٩٤٩م"), vec!["عَامِ ١٩٤٩م"]);
        assert_eq!(quoted(ex, "سنة 1350 هـ."), vec!["سنة 1350 هـ"]);
    }

    #[test]
    fn cue_words_stay_outside_the_span() {
        let ex = shipped();
        assert_eq!(quoted(ex, "since 1949"), vec!["1949"]);
        assert_eq!(quoted(ex, "ومنذ عام 1949"), vec!["عام 1949"]);
    }

    #[test]
    fn two_months_across_a_slash_are_a_range_unless_they_agree() {
        let ex = shipped();
        let both = ex.mentions(&normalize("آب/أيلول 1949"));
        assert_eq!(both.len(), 1);
        assert_eq!(
            (both[0].precision, both[0].interval.to_string()),
            (Precision::Range, "1949-08/1949-09".to_owned())
        );
        let same = ex.mentions(&normalize("آب/أغسطس 1949"));
        assert_eq!(
            (same[0].precision, same[0].interval.to_string()),
            (Precision::Month, "1949-08".to_owned())
        );
    }

    #[test]
    fn matching_only_near_anchors_finds_the_same_mentions() {
        let ex = shipped();
        let filler = "كلمة عادية ".repeat(40);
        let written = [
            "مع بداية عام 1949",
            "ثلاثينيات القرن العشرين",
            "nineteenth century",
            "الأربعاء 4 يوليو 1826",
        ];
        let text = format!(
            "{filler}{}",
            written.map(|p| format!("{p} {filler}")).concat()
        );
        let mut spans = written.to_vec();
        spans[3] = "4 يوليو 1826";
        assert_eq!(quoted(ex, &text), spans);
        let regions = ex.regions(&text);
        assert_eq!(
            regions.len(),
            written.len(),
            "each expression gets its own region"
        );
        assert!(regions.iter().map(|r| r.len()).sum::<usize>() < text.len() / 2);
        let m = ex.mentions(&normalize(&text));
        assert_eq!(m[3].weekday.map(|w| w.0), Some(2));
    }

    #[test]
    fn the_prefilter_finds_what_matching_everywhere_finds() {
        let ex = shipped();
        let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
        for file in [
            "xquad-ar/20-Black_Death.txt",
            "xquad-ar/22-Newcastle_upon_Tyne.txt",
            "xquad-en/20-Black_Death.txt",
            "xquad-en/46-French_and_Indian_War.txt",
        ] {
            let text = std::fs::read_to_string(corpus.join(file)).expect("corpus file");
            let norm = normalize(&text);
            let spans = |prefiltered: bool| {
                let chosen =
                    longest_non_overlapping(ex.candidates_with(norm.as_str(), prefiltered));
                chosen
                    .into_iter()
                    .map(|c| (c.range, c.interval))
                    .collect::<Vec<_>>()
            };
            let found = spans(true);
            assert!(found.len() >= 10, "{file}: {} mentions", found.len());
            assert_eq!(found, spans(false), "{file}");
        }
    }

    #[test]
    fn long_tokens_and_digit_runs_anchor_nothing() {
        let ex = shipped();
        for text in [
            format!("x {}", "A1".repeat(5000)),
            "1".repeat(20_000),
            "1934–1955–".repeat(2000),
        ] {
            assert!(ex.regions(&text).is_empty(), "{}…", &text[..20]);
            assert!(ex.mentions(&normalize(&text)).is_empty());
        }
        // Short tokens beside a long one still count, and a region never reaches far into it.
        let text = format!("in 1949 {} and in 1950", "A1".repeat(5000));
        assert_eq!(quoted(ex, &text), ["1949", "1950"]);
        let covered: usize = ex.regions(&text).iter().map(|r| r.len()).sum();
        assert!(
            covered < 4 * (ANCHOR_BEFORE + ANCHOR_AFTER + LONG_TOKEN_BYTES),
            "{covered}"
        );
    }

    #[test]
    fn word_ends_are_searched_a_bounded_distance() {
        let text = "1".repeat(10_000);
        assert_eq!(end_of_word(&text, 10), 10 + LONG_TOKEN_BYTES);
        assert_eq!(end_of_word("ab cd", 1), 2);
        assert_eq!(end_of_word("ab", 1), 2);
    }

    #[test]
    fn a_cue_glued_into_a_word_is_no_cue() {
        assert!(quoted(shipped(), "within 1949 metres").is_empty());
    }

    #[test]
    fn qualifier_thirds_come_from_the_tables() {
        let mut tables = CalendarTables::shipped().expect("parses");
        tables.thirds.year_months = [[1, 6], [4, 9], [7, 12]];
        let ex = TimeExtractor::new(&tables).expect("compiles");
        let m = ex.mentions(&normalize("early 1949"));
        assert_eq!(m[0].interval.to_string(), "1949-01/1949-06");
    }

    proptest! {
        #[test]
        fn random_text_never_panics_and_spans_hit_char_boundaries(
            src in "[0-9٠-٩ a-zA-Z\u{0621}-\u{064A}\u{064B}-\u{0652}\u{0640}.,:/–()-]{0,60}"
        ) {
            let ex = shipped();
            for m in ex.mentions(&normalize(&src)) {
                prop_assert!(src.is_char_boundary(m.span.start) && src.is_char_boundary(m.span.end));
                prop_assert!(m.span.start < m.span.end && m.span.end <= src.len());
                prop_assert!(m.interval.start <= m.interval.end);
                if let Some((_, w)) = m.weekday {
                    prop_assert!(src.is_char_boundary(w.start) && src.is_char_boundary(w.end));
                }
            }
        }

        #[test]
        fn date_words_with_random_numbers_never_panic(
            words in proptest::collection::vec(prop_oneof![
                Just("عام"), Just("في"), Just("من"), Just("إلى"), Just("و"), Just("هـ"), Just("م"),
                Just("القرن"), Just("التاسع عشر"), Just("الثلاثينيات"), Just("آب"), Just("رمضان"),
                Just("in"), Just("from"), Just("to"), Just("between"), Just("and"), Just("BC"),
                Just("July"), Just("late"), Just("century"), Just("s"), Just("-"), Just("–"),
                Just("Sunday"), Just("الأحد"), Just(","), Just("،"), Just("/"),
            ].prop_map(str::to_owned).boxed().prop_union(
                (0u32..100_000).prop_map(|n| n.to_string()).boxed()
            ), 0..12)
        ) {
            let ex = shipped();
            let src = words.join(" ");
            let all = ex.mentions(&normalize(&src));
            for pair in all.windows(2) {
                prop_assert!(pair[0].span.end <= pair[1].span.start);
            }
        }
    }
}
