//! The translation check (`factlint compare SOURCE TRANSLATION`, `[[translation]]` in
//! factlint.toml): a text and its translation must state the same years, dates and numbers.
//!
//! Both versions go through the same pipeline (same predicate ids in every language), then:
//! 1. **Segments** are aligned ([`align`]): paragraphs, by shared anchors and length.
//! 2. **Facts** of both versions with the same predicate, in aligned segments, whose
//!    participants are one name across scripts ([`translit`], or one declared entity of a fact
//!    sheet) are one event: disjoint dates are a `translation-mismatch`.
//! 3. **Values** the facts do not cover ([`values`]: every time mention and number, as values)
//!    are matched per aligned segment: values that agree pair up (1949 ~ «مع نهاية عام ١٩٤٩»);
//!    of those left, a source value and a translation value of the same kind, at about the same
//!    place in the segment and of plausible size are a `translation-mismatch` — the value-aware
//!    form of the per-segment number check of translation QA tools.
//!
//! Values found in one version only are notes (`--report-missing`, severity warning). A value
//! repeated in one version and not the other is never a mismatch. This module reads texts and
//! returns diagnostics; it never prints.

pub mod align;
pub mod pairs;
pub mod translit;
pub mod values;

use crate::diagnostic::{Diagnostic, Fix, Label, Severity, sort};
use crate::document::Document;
use crate::engine::Engine;
use crate::extract::calendar::civil_from_days;
use crate::extract::time::Precision;
use crate::facts::Fact;
use crate::normalize::key;
use crate::source::files::{Input, SourceText};
use crate::source::prose::{Format, mask_non_prose, prose_ranges};
use crate::span::{LineIndex, Span};
use align::{Step, align, paragraphs};
use translit::Transliterator;
use values::{Category, NumberReader, Value, ValueKind, agree, is_year_like};

/// The check code of every finding of this module.
pub const CODE: &str = "translation-mismatch";

/// Largest distance, in relative position inside an aligned segment (0 = start, 1 = end), at
/// which two values that disagree are still taken for one value translated wrong.
const MAX_SHIFT: f64 = 0.3;
/// Largest distance in years for two years (or dates) to be taken for one changed value.
const MAX_YEARS: i32 = 100;
/// Numbers up to this (counts, days of a month) may be taken for any other small number changed.
const MAX_SMALL: f64 = 31.0;
/// Largest ratio between two numbers to be taken for one changed value.
const MAX_RATIO: f64 = 10.0;

#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// Also report values present in one version only (severity warning).
    pub report_missing: bool,
}

/// The compiled tables of the translation check; built once per run.
pub struct Comparer<'e> {
    engine: &'e Engine,
    numbers: NumberReader,
    translit: Transliterator,
}

/// One version as the comparison reads it.
struct Side {
    doc: Document,
    /// The prose view of the text (non-prose blanked out, offsets kept), for context lines.
    prose: String,
    values: Vec<Value>,
    paragraphs: Vec<Span>,
    /// Per paragraph: indices into `values` of the values inside it.
    in_paragraph: Vec<Vec<usize>>,
    facts: Vec<Fact>,
    lines: LineIndex,
}

impl Side {
    fn paragraph_of(&self, at: usize) -> Option<usize> {
        self.paragraphs
            .iter()
            .position(|p| p.start <= at && at < p.end.max(p.start + 1))
    }

    /// Values of a group of paragraphs, with their relative position in the group.
    fn values_in(&self, group: &std::ops::Range<usize>) -> Vec<(usize, f64)> {
        let Some(first) = self
            .paragraphs
            .get(group.start)
            .filter(|_| !group.is_empty())
        else {
            return Vec::new();
        };
        let start = first.start;
        let end = self.paragraphs[group.end - 1].end;
        let length = (end - start).max(1) as f64;
        group
            .clone()
            .flat_map(|p| self.in_paragraph[p].iter().copied())
            .map(|v| (v, (self.values[v].span.start - start) as f64 / length))
            .collect()
    }
}

impl<'e> Comparer<'e> {
    pub fn new(engine: &'e Engine) -> Result<Self, String> {
        Ok(Self {
            engine,
            numbers: NumberReader::shipped()?,
            translit: Transliterator::shipped()?,
        })
    }

    fn side(&self, source: SourceText) -> Side {
        let facts = self
            .engine
            .run(vec![Input::Read(Ok(source.clone()))], None)
            .facts;
        let format = Format::from_path(std::path::Path::new(&source.path));
        let prose = mask_non_prose(&source.text, &prose_ranges(&source.text, format));
        let doc = Document::from_source(source, &self.engine.abbreviations);
        let times = self.engine.time.mentions(&doc.norm);
        let values = self.numbers.values(&doc, &times);
        let paragraphs = paragraphs(&doc.text);
        let mut in_paragraph = vec![Vec::new(); paragraphs.len()];
        for (i, v) in values.iter().enumerate() {
            if let Some(p) = paragraphs
                .iter()
                .position(|p| p.start <= v.span.start && v.span.start < p.end)
            {
                in_paragraph[p].push(i);
            }
        }
        let lines = LineIndex::new(&doc.text);
        Side {
            doc,
            prose,
            values,
            paragraphs,
            in_paragraph,
            facts,
            lines,
        }
    }

    /// Compare a source text with its translation: `translation-mismatch` findings, sorted.
    pub fn compare(
        &self,
        source: SourceText,
        translation: SourceText,
        options: Options,
    ) -> Vec<Diagnostic> {
        let source = self.side(source);
        let translation = self.side(translation);
        let steps = self.align(&source, &translation);
        let mut settled_s = vec![false; source.values.len()];
        let mut settled_t = vec![false; translation.values.len()];
        let mut out = self.compare_facts(
            &source,
            &translation,
            &steps,
            &mut settled_s,
            &mut settled_t,
        );
        for step in &steps {
            let s: Vec<(usize, f64)> = source
                .values_in(&step.source)
                .into_iter()
                .filter(|(v, _)| !settled_s[*v])
                .collect();
            let t: Vec<(usize, f64)> = translation
                .values_in(&step.translation)
                .into_iter()
                .filter(|(v, _)| !settled_t[*v])
                .collect();
            out.extend(compare_segment(&source, &translation, &s, &t, options));
        }
        sort(&mut out);
        out.dedup_by(|a, b| a.labels == b.labels && a.message == b.message);
        out
    }

    /// Align the paragraphs of both versions by shared values and length.
    fn align(&self, source: &Side, translation: &Side) -> Vec<Step> {
        let len = |side: &Side, group: &std::ops::Range<usize>| -> f64 {
            group
                .clone()
                .map(|p| side.doc.text[side.paragraphs[p].range()].chars().count())
                .sum::<usize>() as f64
        };
        // Length in characters varies between scripts; the ratio of the whole texts calibrates.
        let whole = |side: &Side| len(side, &(0..side.paragraphs.len())).max(1.0);
        let scale = whole(source) / whole(translation);
        let similarity = |s: std::ops::Range<usize>, t: std::ops::Range<usize>| -> f64 {
            let sv: Vec<&Value> = s
                .clone()
                .flat_map(|p| source.in_paragraph[p].iter())
                .map(|&v| &source.values[v])
                .filter(|v| !v.words)
                .collect();
            let tv: Vec<&Value> = t
                .clone()
                .flat_map(|p| translation.in_paragraph[p].iter())
                .map(|&v| &translation.values[v])
                .filter(|v| !v.words)
                .collect();
            let shared = sv.iter().filter(|a| tv.iter().any(|b| agree(a, b))).count()
                + tv.iter().filter(|b| sv.iter().any(|a| agree(a, b))).count();
            let anchors = if sv.is_empty() && tv.is_empty() {
                0.5
            } else {
                shared as f64 / (sv.len() + tv.len()) as f64
            };
            let (ls, lt) = (len(source, &s), len(translation, &t) * scale);
            let length = ls.min(lt) / ls.max(lt).max(1.0);
            0.7 * anchors + 0.3 * length
        };
        align(
            source.paragraphs.len(),
            translation.paragraphs.len(),
            &similarity,
        )
    }

    /// Facts of one event in both versions (same predicate, one participant across scripts,
    /// aligned segments): their values are settled here, disjoint ones reported.
    fn compare_facts(
        &self,
        source: &Side,
        translation: &Side,
        steps: &[Step],
        settled_s: &mut [bool],
        settled_t: &mut [bool],
    ) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        let step_of = |side: &Side, fact: &Fact, in_source: bool| -> Option<usize> {
            let p = side.paragraph_of(fact.value_span.start)?;
            steps.iter().position(|s| {
                if in_source {
                    s.source.contains(&p)
                } else {
                    s.translation.contains(&p)
                }
            })
        };
        for fs in &source.facts {
            let Some(step) = step_of(source, fs, true) else {
                continue;
            };
            let candidates: Vec<&Fact> = translation
                .facts
                .iter()
                .filter(|ft| {
                    ft.predicate == fs.predicate && step_of(translation, ft, false) == Some(step)
                })
                .filter(|ft| self.same_participant(fs, ft))
                .collect();
            let Some(sv) = value_at(source, fs.value_span) else {
                continue;
            };
            if candidates.iter().any(|ft| ft.value.overlaps(&fs.value)) {
                settled_s[sv] = true;
                for ft in candidates.iter().filter(|ft| ft.value.overlaps(&fs.value)) {
                    if let Some(tv) = value_at(translation, ft.value_span) {
                        settled_t[tv] = true;
                    }
                }
                continue;
            }
            let Some(ft) = candidates.first() else {
                continue;
            };
            let Some(tv) = value_at(translation, ft.value_span) else {
                continue;
            };
            if settled_t[tv] {
                continue;
            }
            settled_s[sv] = true;
            settled_t[tv] = true;
            let event = format!("{} {}", fs.subject, fs.predicate);
            out.push(mismatch(source, sv, translation, tv, Some(&event)));
        }
        out
    }

    /// One participant in both versions: one declared entity, or one name across scripts.
    fn same_participant(&self, a: &Fact, b: &Fact) -> bool {
        a.entity == b.entity
            || self.translit.same_name(&key(&a.subject), &key(&b.subject))
            || self.translit.same_name(&a.entity, &b.entity)
    }
}

/// The value of a side whose span is (or contains) a fact's value span.
fn value_at(side: &Side, span: Span) -> Option<usize> {
    side.values.iter().position(|v| v.span == span).or_else(|| {
        side.values
            .iter()
            .position(|v| v.span.start <= span.start && span.end <= v.span.end)
    })
}

/// Match the values of one aligned segment pair; report those that disagree.
fn compare_segment(
    source: &Side,
    translation: &Side,
    s: &[(usize, f64)],
    t: &[(usize, f64)],
    options: Options,
) -> Vec<Diagnostic> {
    let sv = |i: usize| &source.values[s[i].0];
    let tv = |j: usize| &translation.values[t[j].0];
    let mut used_s = vec![false; s.len()];
    let mut used_t = vec![false; t.len()];
    // 1. Values that agree pair up, nearest first; digits with digits before words.
    let mut agreeing: Vec<(u8, f64, usize, usize)> = Vec::new();
    for (i, &(_, at_s)) in s.iter().enumerate() {
        for (j, &(_, at_t)) in t.iter().enumerate() {
            if agree(sv(i), tv(j)) {
                let words = u8::from(sv(i).words) + u8::from(tv(j).words);
                agreeing.push((words, (at_s - at_t).abs(), i, j));
            }
        }
    }
    agreeing.sort_by(|a, b| {
        a.0.cmp(&b.0)
            .then(a.1.total_cmp(&b.1))
            .then((a.2, a.3).cmp(&(b.2, b.3)))
    });
    let mut matched = Vec::new();
    for (_, _, i, j) in agreeing {
        if !used_s[i] && !used_t[j] {
            used_s[i] = true;
            used_t[j] = true;
            matched.push((i, j));
        }
    }
    let mut out = Vec::new();
    // A date that agrees with a year or month of the other version whose day was not read as
    // part of it («20 سبتمبرمن عام 1565»): the day written just before must be the date's.
    for &(i, j) in &matched {
        let t_values: Vec<&Value> = (0..t.len()).map(tv).collect();
        let s_values: Vec<&Value> = (0..s.len()).map(sv).collect();
        if let Some(k) = stray_day(sv(i), tv(j), &t_values, &used_t) {
            used_t[k] = true;
            out.push(mismatch(source, s[i].0, translation, t[k].0, None));
        } else if let Some(k) = stray_day(tv(j), sv(i), &s_values, &used_s) {
            used_s[k] = true;
            out.push(mismatch(source, s[k].0, translation, t[j].0, None));
        }
    }
    // A value left over that the other version states as often is only matched differently
    // (repeated in both); one stated more often here may be a copy changed in the other.
    let copies =
        |v: &Value, here: &mut dyn Iterator<Item = &Value>| here.filter(|w| agree(v, w)).count();
    let open_s: Vec<usize> = (0..s.len())
        .filter(|&i| !used_s[i] && !sv(i).words)
        .filter(|&i| {
            copies(sv(i), &mut (0..s.len()).map(sv)) > copies(sv(i), &mut (0..t.len()).map(tv))
        })
        .collect();
    let open_t: Vec<usize> = (0..t.len())
        .filter(|&j| !used_t[j] && !tv(j).words)
        .filter(|&j| {
            copies(tv(j), &mut (0..t.len()).map(tv)) > copies(tv(j), &mut (0..s.len()).map(sv))
        })
        .collect();
    // 2. Of the rest, plausible pairs at about the same place are one value changed.
    let mut candidates: Vec<(f64, usize, usize)> = Vec::new();
    for &i in &open_s {
        for &j in &open_t {
            let shift = (s[i].1 - t[j].1).abs();
            if shift <= MAX_SHIFT && plausible(sv(i), tv(j)) {
                candidates.push((shift + unlikeness(sv(i), tv(j)), i, j));
            }
        }
    }
    candidates.sort_by(|a, b| a.0.total_cmp(&b.0).then((a.1, a.2).cmp(&(b.1, b.2))));
    let (mut paired_s, mut paired_t) = (vec![false; s.len()], vec![false; t.len()]);
    for (_, i, j) in candidates {
        if !paired_s[i] && !paired_t[j] {
            paired_s[i] = true;
            paired_t[j] = true;
            out.push(mismatch(source, s[i].0, translation, t[j].0, None));
        }
    }
    if options.report_missing {
        for &i in open_s.iter().filter(|&&i| !paired_s[i]) {
            out.push(missing(source, s[i].0, "source", "translation"));
        }
        for &j in open_t.iter().filter(|&&j| !paired_t[j]) {
            out.push(missing(translation, t[j].0, "translation", "source"));
        }
    }
    out
}

/// When `date` (a day) agrees with `coarse` (a year or month of the other version), the number
/// of the other version written just before `coarse` that is a day of a month other than the
/// date's: its index in `others`.
fn stray_day(date: &Value, coarse: &Value, others: &[&Value], used: &[bool]) -> Option<usize> {
    const NEAR_BYTES: usize = 30;
    let ValueKind::Time {
        interval,
        precision: Precision::Day,
        ..
    } = date.kind
    else {
        return None;
    };
    if !matches!(coarse.category(), Category::Year | Category::Month) {
        return None;
    }
    let day = f64::from(civil_from_days(interval.start).2);
    others.iter().enumerate().position(|(k, v)| {
        let ValueKind::Number(n) = v.kind else {
            return false;
        };
        !used[k]
            && !v.words
            && n.fract() == 0.0
            && (1.0..=31.0).contains(&n)
            && n != day
            && v.span.end <= coarse.span.start
            && coarse.span.start - v.span.end <= NEAR_BYTES
    })
}

/// How unlike two plausible values are, added to their distance when choosing pairs: a date
/// rather pairs with a date than with a bare year, a year with the nearest year.
fn unlikeness(a: &Value, b: &Value) -> f64 {
    let kind = if a.category() == b.category() {
        0.0
    } else {
        0.2
    };
    let years = match (a.year(), b.year()) {
        (Some(x), Some(y)) => f64::from((x - y).abs().min(MAX_YEARS)) / f64::from(MAX_YEARS) * 0.1,
        _ => 0.0,
    };
    kind + years
}

/// Whether two values that disagree can be one value translated wrong: same kind, and close
/// enough in size (a year for a year within a century, a count for a count within ×10).
fn plausible(a: &Value, b: &Value) -> bool {
    use ValueKind::{Number, Time};
    let years_close = || match (a.year(), b.year()) {
        (Some(x), Some(y)) => (x - y).abs() <= MAX_YEARS,
        _ => false,
    };
    match (&a.kind, &b.kind) {
        (Time { .. }, Time { .. }) => years_close(),
        (Time { .. }, Number(n)) | (Number(n), Time { .. }) => {
            let time = if matches!(a.kind, Time { .. }) { a } else { b };
            is_year_like(*n)
                && time
                    .parts
                    .iter()
                    .any(|p| is_year_like(*p) && (p - n).abs() <= f64::from(MAX_YEARS))
        }
        (Number(x), Number(y)) => {
            if is_year_like(*x) && is_year_like(*y) {
                return years_close();
            }
            let (lo, hi) = (x.abs().min(y.abs()), x.abs().max(y.abs()));
            // Small counts and days of a month (up to 31) may become any other.
            hi <= MAX_SMALL || (lo > 0.0 && hi / lo <= MAX_RATIO)
        }
    }
}

/// The finding for a source value and a translation value that disagree.
fn mismatch(
    source: &Side,
    s: usize,
    translation: &Side,
    t: usize,
    event: Option<&str>,
) -> Diagnostic {
    let (sv, tv) = (&source.values[s], &translation.values[t]);
    let category = if sv.category() == Category::Number {
        tv.category()
    } else {
        sv.category()
    };
    let of_event = event.map_or(String::new(), |e| format!(" of «{e}»"));
    let message = format!(
        "the translation gives the {}{of_event} as «{}», the source as «{}»",
        category.name(),
        tv.text,
        sv.text
    );
    let help = format!(
        "{}\n{}\nwrite the source's value in the translation (or correct the source)",
        side_line("source     ", source, sv),
        side_line("translation", translation, tv),
    );
    let fixes = digit_fix(sv, tv)
        .map(|replacement| Fix {
            file: translation.doc.path.clone(),
            span: tv.span,
            replacement,
        })
        .into_iter()
        .collect();
    Diagnostic {
        code: CODE,
        severity: Severity::Error,
        message,
        help: Some(help),
        labels: vec![
            Label {
                file: translation.doc.path.clone(),
                span: tv.span,
                text: tv.text.clone(),
                message: format!("translation: {}", tv.text),
                primary: true,
            },
            Label {
                file: source.doc.path.clone(),
                span: sv.span,
                text: sv.text.clone(),
                message: format!("source: {}", sv.text),
                primary: false,
            },
        ],
        fixes,
    }
}

/// The note for a value of one version that the other does not state.
fn missing(side: &Side, v: usize, this: &str, other: &str) -> Diagnostic {
    let value = &side.values[v];
    Diagnostic {
        code: CODE,
        severity: Severity::Warning,
        message: format!(
            "note: the {} «{}» is in the {this} only",
            value.category().name(),
            value.text
        ),
        help: Some(format!(
            "{}\nno value of the aligned paragraph of the {other} agrees with it",
            side_line(&format!("{this:<11}"), side, value)
        )),
        labels: vec![Label {
            file: side.doc.path.clone(),
            span: value.span,
            text: value.text.clone(),
            message: format!("{this} only"),
            primary: true,
        }],
        fixes: Vec::new(),
    }
}

/// One line of the side-by-side view: `source      file:line: …context «value» context…`.
fn side_line(name: &str, side: &Side, value: &Value) -> String {
    let text = &side.prose;
    let line = side.lines.line_col(&side.doc.text, value.span.start).line;
    let paragraph = side
        .paragraph_of(value.span.start)
        .map_or(Span::new(0, text.len()), |p| side.paragraphs[p]);
    let before = tail_chars(&text[paragraph.start..value.span.start], 40);
    let after = head_chars(&text[value.span.end..paragraph.end.max(value.span.end)], 40);
    let collapse = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    format!(
        "{name} {}:{line}: …{} «{}» {}…",
        side.doc.path,
        collapse(before),
        value.text,
        collapse(after)
    )
}

fn tail_chars(s: &str, n: usize) -> &str {
    let start = s.char_indices().rev().nth(n - 1).map_or(0, |(i, _)| i);
    &s[start..]
}

fn head_chars(s: &str, n: usize) -> &str {
    let end = s.char_indices().nth(n).map_or(s.len(), |(i, _)| i);
    &s[..end]
}

/// The translation's text with its digit runs replaced by the source's, in the translation's
/// digits (Arabic-Indic stay Arabic-Indic): only when both write the same number of digit runs
/// in the same calendar, so the replacement is the same expression with the source's value.
fn digit_fix(source: &Value, translation: &Value) -> Option<String> {
    let calendar = |v: &Value| match v.kind {
        ValueKind::Time { calendar, .. } => Some(calendar),
        ValueKind::Number(_) => None,
    };
    if calendar(source).is_some()
        && calendar(translation).is_some()
        && calendar(source) != calendar(translation)
    {
        return None;
    }
    let runs_s = digit_runs(&source.text);
    let runs_t = digit_runs(&translation.text);
    if runs_s.len() != runs_t.len() || runs_s.is_empty() {
        return None;
    }
    let mut out = String::new();
    let mut last = 0;
    for ((start, end, written), (_, _, value)) in runs_t.iter().zip(&runs_s) {
        let value = in_translation_style(value, written);
        out.push_str(&translation.text[last..*start]);
        let zero = translation.text[*start..*end]
            .chars()
            .next()
            .map_or('0', digit_zero);
        out.extend(value.chars().map(|c| {
            c.to_digit(10)
                .and_then(|d| char::from_u32(zero as u32 + d))
                .unwrap_or(c)
        }));
        last = *end;
    }
    out.push_str(&translation.text[last..]);
    (out != translation.text).then_some(out)
}

/// Runs of digits (any script) in a text, with the separators between digits ("12,000",
/// "3.07"): byte range and the run with ASCII digits.
fn digit_runs(text: &str) -> Vec<(usize, usize, String)> {
    let mut out: Vec<(usize, usize, String)> = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let next_is_digit = chars.peek().is_some_and(|&(_, n)| digit_value(n).is_some());
        let item = match digit_value(c) {
            Some(d) => char::from(b'0' + d),
            None if matches!(c, ',' | '.' | '٫' | '٬') && next_is_digit => c,
            None => continue,
        };
        match out.last_mut() {
            Some((_, end, run)) if *end == i => {
                *end = i + c.len_utf8();
                run.push(item);
            }
            _ if digit_value(c).is_some() => out.push((i, i + c.len_utf8(), item.to_string())),
            _ => {}
        }
    }
    out
}

/// A source run as the translation writes it: thousands separators dropped when the
/// translation's run has none ("12,000" for «21000» → «12000»).
fn in_translation_style(source_run: &str, translation_run: &str) -> String {
    let separated = |r: &str| r.contains(|c: char| !c.is_ascii_digit());
    if separated(translation_run) {
        return source_run.to_string();
    }
    let groups: Vec<&str> = source_run.split([',', '٬']).collect();
    if groups.len() > 1 && groups[1..].iter().all(|g| g.len() == 3) {
        groups.concat()
    } else {
        source_run.to_string()
    }
}

fn digit_value(c: char) -> Option<u8> {
    let zero = digit_zero(c);
    let d = (c as u32).checked_sub(zero as u32)?;
    (d < 10 && zero != '\0').then_some(d as u8)
}

/// The zero of the digit script `c` belongs to (`'\0'` if it is no digit).
fn digit_zero(c: char) -> char {
    match c {
        '0'..='9' => '0',
        '٠'..='٩' => '٠',
        '۰'..='۹' => '۰',
        _ => '\0',
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn number(text: &str, n: f64) -> Value {
        Value {
            kind: ValueKind::Number(n),
            span: Span::new(0, text.len()),
            text: text.into(),
            words: false,
            parts: Vec::new(),
        }
    }

    #[test]
    fn the_fix_keeps_the_translations_digits() {
        assert_eq!(
            digit_fix(&number("1949", 1949.0), &number("١٩٥٢", 1952.0)).as_deref(),
            Some("١٩٤٩")
        );
        assert_eq!(
            digit_fix(&number("308", 308.0), &number("380 نقطة", 380.0)).as_deref(),
            Some("308 نقطة")
        );
        assert_eq!(digit_fix(&number("3", 3.0), &number("three", 3.0)), None);
        assert_eq!(
            digit_fix(&number("12,000", 12000.0), &number("٢١٠٠٠", 21000.0)).as_deref(),
            Some("١٢٠٠٠")
        );
        assert_eq!(
            digit_fix(&number("3.07", 3.07), &number("3.7", 3.7)).as_deref(),
            Some("3.07")
        );
    }

    #[test]
    fn only_plausible_values_pair() {
        assert!(plausible(&number("1949", 1949.0), &number("1952", 1952.0)));
        assert!(plausible(&number("308", 308.0), &number("380", 380.0)));
        assert!(!plausible(&number("3", 3.0), &number("1952", 1952.0)));
        assert!(!plausible(&number("1200", 1200.0), &number("1952", 1952.0)));
    }
}
