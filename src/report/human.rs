//! `--format human`: miette's graphical report, made readable for long lines and Arabic.
//!
//! - Each label is shown in a window of its own line, about [`WINDOW_CHARS`] characters either
//!   side, never the whole paragraph (Arabic paragraphs are often one 800-character line).
//! - The header `[file:line:column]` counts the column in characters, not bytes.
//! - Text is shown in logical order, as stored; bidi control characters in the source are shown
//!   as `�` so they cannot reorder the terminal line around them (same width, so underlines stay
//!   under the quoted text).
//! - At most [`LABELS_PER_TEXT`] places are drawn per distinct quoted text; the help says how many
//!   more there are (`--format json` lists all).
//! - Each file's display copy and line index are built once per report, not once per finding,
//!   so a file with thousands of findings costs its length once.

use super::{HumanStyle, Sources, Summary};
use crate::diagnostic::{Diagnostic, Severity};
use crate::normalize::{is_invisible_control, key};
use crate::span::LineIndex;
use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError, MietteSpanContents,
    SourceCode, SourceSpan, SpanContents,
};
use std::collections::BTreeMap;
use std::fmt;

pub const WINDOW_CHARS: usize = 30;
pub const LABELS_PER_TEXT: usize = 3;

pub fn render(diagnostics: &[Diagnostic], sources: &Sources, style: HumanStyle) -> String {
    let mut out = render_findings(diagnostics, sources, style);
    out.push_str(&summary_line(&Summary::of(sources.len(), diagnostics)));
    out
}

/// The findings without the summary line (`--quiet`).
pub fn render_findings(diagnostics: &[Diagnostic], sources: &Sources, style: HumanStyle) -> String {
    let theme = if style.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(style.width)
        .with_context_lines(1)
        .with_links(false);
    let mut windows: BTreeMap<&str, Window> = BTreeMap::from([("", Window::new("", ""))]);
    for file in diagnostics
        .iter()
        .flat_map(|d| &d.labels)
        .map(|l| l.file.as_str())
    {
        if !windows.contains_key(file) {
            windows.insert(file, Window::new(file, sources.text(file).unwrap_or("")));
        }
    }
    let mut out = String::new();
    for d in diagnostics {
        let view = View::new(d, &windows);
        if handler.render_report(&mut out, &view).is_err() {
            out.push_str(&format!("{}: {}\n", d.code, d.message));
        }
        out.push('\n');
    }
    out
}

/// A user error (bad pack, bad config) rendered as miette does, without colour.
pub fn render_error(error: &dyn miette::Diagnostic) -> String {
    let handler = GraphicalReportHandler::new_themed(GraphicalTheme::unicode_nocolor())
        .with_width(100)
        .with_links(false);
    let mut out = String::new();
    if handler.render_report(&mut out, error).is_err() {
        out = format!("error: {error}\n");
    }
    out
}

fn more_places(n: usize) -> String {
    let places = if n == 1 { "place" } else { "places" };
    format!("{n} more {places} not shown; --format json lists all")
}

fn summary_line(s: &Summary) -> String {
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    if s.diagnostics == 0 {
        format!("no findings in {}\n", plural(s.files, "file"))
    } else {
        format!(
            "{} and {} in {}\n",
            plural(s.errors, "error"),
            plural(s.warnings, "warning"),
            plural(s.files, "file")
        )
    }
}

/// One diagnostic as miette sees it: its primary file as source, the labels to draw there, and
/// one related view per other file its labels point into (cross-document findings).
struct View<'a> {
    diagnostic: &'a Diagnostic,
    /// What the header line says: the diagnostic's message, or "also in FILE" for related views.
    title: String,
    source: &'a Window,
    labels: Vec<LabeledSpan>,
    help: Option<String>,
    related: Vec<View<'a>>,
}

impl<'a> View<'a> {
    fn new(d: &'a Diagnostic, windows: &'a BTreeMap<&str, Window>) -> Self {
        let window = |file: &str| -> &'a Window {
            windows
                .get(file)
                .or_else(|| windows.get(""))
                .expect("render_findings makes a window for every labelled file and for \"\"")
        };
        let file = d.primary().map_or("", |l| l.file.as_str());
        let (labels, mut hidden) = labels_in(d, file);
        let mut others: Vec<&str> = d
            .labels
            .iter()
            .map(|l| l.file.as_str())
            .filter(|f| *f != file)
            .collect();
        others.sort_unstable();
        others.dedup();
        let related = others
            .into_iter()
            .map(|other| {
                let (labels, more) = labels_in(d, other);
                hidden += more;
                View {
                    diagnostic: d,
                    title: format!("also in {other}"),
                    source: window(other),
                    labels,
                    help: None,
                    related: Vec::new(),
                }
            })
            .collect();
        let help = match (&d.help, hidden) {
            (h, 0) => h.clone(),
            (Some(h), n) => Some(format!("{h}\n{}", more_places(n))),
            (None, n) => Some(more_places(n)),
        };
        Self {
            diagnostic: d,
            title: d.message.clone(),
            source: window(file),
            labels,
            help,
            related,
        }
    }
}

/// The labels of `d` in one file, at most [`LABELS_PER_TEXT`] per quoted text (the primary is
/// always drawn), and how many were left out.
fn labels_in(d: &Diagnostic, file: &str) -> (Vec<LabeledSpan>, usize) {
    let mut shown: BTreeMap<String, usize> = BTreeMap::new();
    let mut hidden = 0;
    let mut labels = Vec::new();
    for l in d.labels.iter().filter(|l| l.file == file) {
        let seen = shown.entry(key(&l.text)).or_insert(0);
        if *seen >= LABELS_PER_TEXT && !l.primary {
            hidden += 1;
            continue;
        }
        *seen += 1;
        let span = SourceSpan::from((l.span.start, l.span.len()));
        let message = (!l.message.is_empty()).then(|| l.message.clone());
        labels.push(if l.primary {
            LabeledSpan::new_primary_with_span(message, span)
        } else {
            LabeledSpan::new_with_span(message, span)
        });
    }
    (labels, hidden)
}

impl fmt::Debug for View<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.title)
    }
}

impl fmt::Display for View<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.title)
    }
}

impl std::error::Error for View<'_> {}

impl miette::Diagnostic for View<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        (self.title == self.diagnostic.message)
            .then(|| Box::new(self.diagnostic.code) as Box<dyn fmt::Display + 'b>)
    }

    fn severity(&self) -> Option<miette::Severity> {
        if self.title != self.diagnostic.message {
            return Some(miette::Severity::Advice);
        }
        Some(match self.diagnostic.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        Some(Box::new(self.labels.iter().cloned()))
    }

    fn related<'b>(&'b self) -> Option<Box<dyn Iterator<Item = &'b dyn miette::Diagnostic> + 'b>> {
        if self.related.is_empty() {
            return None;
        }
        Some(Box::new(
            self.related.iter().map(|v| v as &dyn miette::Diagnostic),
        ))
    }
}

/// A file's text served to miette one short window at a time.
///
/// A read with no context lines (miette's header lookup) starts exactly at the span, so the
/// header shows the label's own line and character column. A read with context returns a window
/// of the span's line; a span wider than one window is refused, so miette draws far-apart labels
/// as separate snippets instead of one paragraph-long line.
struct Window {
    name: String,
    /// The text with bidi controls replaced by `�` (same byte length, width 1).
    shown: String,
    lines: LineIndex,
}

impl Window {
    fn new(name: &str, text: &str) -> Self {
        Self {
            name: name.to_string(),
            shown: neutralize_bidi(text),
            lines: LineIndex::new(text),
        }
    }

    fn contents(&self, start: usize, end: usize) -> Box<dyn SpanContents<'_> + '_> {
        let at = self.lines.line_col(&self.shown, start);
        Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            &self.shown.as_bytes()[start..end],
            SourceSpan::from((start, end - start)),
            at.line - 1,
            at.column - 1,
            1,
        ))
    }
}

impl SourceCode for Window {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let (start, end) = (span.offset(), span.offset() + span.len());
        if end > self.shown.len()
            || !self.shown.is_char_boundary(start)
            || !self.shown.is_char_boundary(end)
        {
            return Err(MietteError::OutOfBounds);
        }
        if before == 0 && after == 0 {
            return Ok(self.contents(start, end));
        }
        let line = self
            .lines
            .line_range(&self.shown, self.lines.line_of(start));
        if end > line.end || self.shown[start..end].chars().count() > 2 * WINDOW_CHARS {
            return Err(MietteError::OutOfBounds);
        }
        let from = back_chars(&self.shown, start, WINDOW_CHARS).max(line.start);
        let to = forward_chars(&self.shown, end, WINDOW_CHARS).min(line.end);
        Ok(self.contents(from, to))
    }
}

fn back_chars(text: &str, from: usize, n: usize) -> usize {
    text[..from]
        .char_indices()
        .rev()
        .nth(n.saturating_sub(1))
        .map_or(0, |(i, _)| i)
}

fn forward_chars(text: &str, from: usize, n: usize) -> usize {
    text[from..]
        .char_indices()
        .nth(n)
        .map_or(text.len(), |(i, _)| from + i)
}

/// Replace bidi controls with a visible, same-byte-length stand-in.
fn neutralize_bidi(text: &str) -> String {
    let mut shown = String::with_capacity(text.len());
    for c in text.chars() {
        if c == '\n' || c == '\t' || !is_invisible_control(c) {
            shown.push(c);
            continue;
        }
        match c.len_utf8() {
            3 => shown.push('\u{FFFD}'),
            n => {
                shown.extend(std::iter::repeat_n('·', n / 2));
                shown.extend(std::iter::repeat_n(' ', n % 2));
            }
        }
    }
    shown
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bidi_controls_keep_their_byte_length() {
        let text = "a\u{200F}b\u{061C}c\u{00AD}d";
        let shown = neutralize_bidi(text);
        assert_eq!(shown.len(), text.len());
        assert!(!shown.chars().any(is_invisible_control));
    }
}
