//! # unused-suppression
//!
//! ## What it does
//! Reports an inline suppression (`factlint: ignore`, `factlint: ignore[code, …]`) that
//! suppressed nothing, or that names a code factlint does not know.
//!
//! ## Why is this bad?
//! A suppression outlives the finding it was written for: once the text is fixed, it would
//! silently hide the next real contradiction on that line. A misspelt code hides nothing at all.
//!
//! ## Example
//! ```text
//! Ada Lovelace was born in 1815. <!-- factlint: ignore[date-conflict] -->
//! ```
//! with no date conflict on this line or the next is reported as `unused-suppression`.
//!
//! ## Not flagged
//! Suppressions of checks that are disabled for the run (`--disable`, `disable = [...]`).
//!
//! ## How suppressions work
//! A comment — `<!-- … -->` in Markdown and plain text, or a `# factlint: …` line in plain text —
//! containing `factlint: ignore` suppresses every finding, and `factlint: ignore[a, b]` the
//! findings of codes `a` and `b`, whose primary label starts on a line the comment covers or on
//! the line just below it. This is not a registered check (it reads comments, not facts), so it
//! lives here rather than in `check/`; `explain`, `disable` and `severity` know its code.
//!
//! A comment gets at most one `unused-suppression` finding, naming at most three unknown codes
//! and quoting at most 60 characters of the directive, however long the comment.

use crate::diagnostic::{Diagnostic, Label, Severity, sort};
use crate::report::Sources;
use crate::span::Span;
use regex::Regex;
use std::collections::HashMap;
use std::sync::LazyLock;

pub const CODE: &str = "unused-suppression";

/// This file, whose `//!` header `factlint explain unused-suppression` prints.
pub const DOCUMENTATION: &str = include_str!("suppress.rs");

static DIRECTIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"factlint:\s*ignore(?:\[([^\]]*)\])?")
        .expect("DIRECTIVE is a constant, valid regex")
});

/// How much of a directive an `unused-suppression` finding quotes: a comment of any length gives
/// one finding of bounded size.
pub const QUOTE_CHARS: usize = 60;
/// How many unknown codes a finding names; it counts the rest.
const CODES_SHOWN: usize = 3;

/// One `factlint: ignore` directive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suppression {
    pub file: String,
    /// Which comment of the file it is in (one finding per comment at most).
    pub comment: usize,
    /// The directive text (`factlint: ignore[…]`) in the file.
    pub span: Span,
    pub text: String,
    /// First and last line of the comment (1-based).
    pub lines: (usize, usize),
    /// `None`: every code. Each code once, in the order written.
    pub codes: Option<Vec<String>>,
}

/// Every directive in every file of the run.
pub fn directives(sources: &Sources) -> Vec<Suppression> {
    let mut out = Vec::new();
    for path in sources.paths() {
        for (index, comment) in sources.comments(path).iter().enumerate() {
            let (span, body, lines) = (comment.span, &comment.body, comment.lines);
            for caps in DIRECTIVE.captures_iter(body) {
                let Some(whole) = caps.get(0) else { continue };
                let codes = caps.get(1).map(|list| {
                    let mut seen = std::collections::HashSet::new();
                    list.as_str()
                        .split(',')
                        .map(str::trim)
                        .filter(|c| !c.is_empty() && seen.insert(*c))
                        .map(str::to_string)
                        .collect()
                });
                out.push(Suppression {
                    file: path.to_string(),
                    comment: index,
                    span: Span::new(span.start + whole.start(), span.start + whole.end()),
                    text: whole.as_str().to_string(),
                    lines,
                    codes,
                });
            }
        }
    }
    out
}

/// Which directive suppresses a finding, in time independent of the number of directives: per
/// file and code (`None`: directives without a list), the line intervals each directive covers
/// (its comment's lines and the line below), in file order. Comments do not overlap, so both
/// ends of the intervals grow with the index, and the first interval that reaches a line is the
/// only candidate.
struct Coverage<'a> {
    intervals: HashMap<(&'a str, Option<&'a str>), Vec<Covered>>,
}

/// First line, last line covered, and the directive's index.
type Covered = (usize, usize, usize);

impl<'a> Coverage<'a> {
    fn new(directives: &'a [Suppression]) -> Self {
        let mut intervals: HashMap<_, Vec<_>> = HashMap::new();
        for (i, s) in directives.iter().enumerate() {
            let covered = (s.lines.0, s.lines.1 + 1, i);
            match &s.codes {
                None => intervals
                    .entry((s.file.as_str(), None))
                    .or_default()
                    .push(covered),
                Some(codes) => {
                    for code in codes {
                        let key = (s.file.as_str(), Some(code.as_str()));
                        intervals.entry(key).or_default().push(covered);
                    }
                }
            }
        }
        Coverage { intervals }
    }

    /// The first directive that covers line `line` of `file` for `code`.
    fn first(&self, file: &str, code: &str, line: usize) -> Option<usize> {
        let find = |key: Option<&str>| {
            let list = self.intervals.get(&(file, key))?;
            let at = list.partition_point(|&(_, last, _)| last < line);
            list.get(at)
                .filter(|&&(first, _, _)| first <= line)
                .map(|&(_, _, i)| i)
        };
        match (find(None), find(Some(code))) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }
}

/// Drop the suppressed diagnostics; add one `unused-suppression` warning per comment whose
/// directives name a code factlint does not know, or suppressed nothing (unless every code they
/// name is in `disabled`). `known` tells which codes exist.
pub fn apply(
    diagnostics: Vec<Diagnostic>,
    sources: &Sources,
    disabled: &[String],
    known: &dyn Fn(&str) -> bool,
) -> Vec<Diagnostic> {
    let directives = directives(sources);
    let coverage = Coverage::new(&directives);
    let mut used = vec![false; directives.len()];
    let mut kept = Vec::with_capacity(diagnostics.len());
    for d in diagnostics {
        let by = d.primary().and_then(|l| {
            let line = sources.line(&l.file, l.span.start);
            coverage.first(&l.file, d.code, line)
        });
        match by {
            Some(i) => used[i] = true,
            None => kept.push(d),
        }
    }
    let reports_unused = !disabled.iter().any(|c| c == CODE);
    let mut start = 0;
    while start < directives.len() {
        let s = &directives[start];
        let end = start
            + directives[start..]
                .iter()
                .take_while(|o| o.file == s.file && o.comment == s.comment)
                .count();
        let group = start..end;
        start = end;
        let mut unknown: Vec<&str> = Vec::new();
        let mut distinct_unknown = std::collections::HashSet::new();
        let mut unused: Option<&Suppression> = None;
        for (s, &used) in directives[group.clone()].iter().zip(&used[group]) {
            let codes = s.codes.as_deref().unwrap_or_default();
            for code in codes.iter().filter(|c| !known(c)) {
                if distinct_unknown.insert(code.as_str()) && unknown.len() < CODES_SHOWN {
                    unknown.push(code);
                }
            }
            let all_disabled = !codes.is_empty() && codes.iter().all(|c| disabled.contains(c));
            if !used && !all_disabled && reports_unused {
                unused = unused.or(Some(s));
            }
        }
        if let Some(finding) = comment_warning(s, unused, &unknown, distinct_unknown.len()) {
            kept.push(finding);
        }
    }
    sort(&mut kept);
    kept
}

/// The one finding of a comment: its unknown codes (the first few named, the rest counted), or
/// that it suppressed nothing.
fn comment_warning(
    first: &Suppression,
    unused: Option<&Suppression>,
    unknown: &[&str],
    unknown_count: usize,
) -> Option<Diagnostic> {
    let shown: Vec<String> = unknown
        .iter()
        .take(CODES_SHOWN)
        .map(|c| format!("`{}`", clipped(c, QUOTE_CHARS)))
        .collect();
    let more = unknown_count.saturating_sub(shown.len());
    let unknown_message = match (shown.len(), more) {
        (0, _) => None,
        (1, 0) => Some(format!(
            "{} in a suppression is not a factlint code",
            shown[0]
        )),
        (_, 0) => Some(format!(
            "{} in a suppression are not factlint codes",
            shown.join(", ")
        )),
        (_, n) => Some(format!(
            "{} and {n} more in a suppression are not factlint codes",
            shown.join(", ")
        )),
    };
    match (unknown_message, unused) {
        (Some(message), Some(_)) => Some(warning(
            first,
            format!("{message}; this suppression matches no finding"),
            "see `factlint explain` for the codes; a finding on this line or the next is what it would hide",
        )),
        (Some(message), None) => Some(warning(
            first,
            message,
            "see `factlint explain` for the codes",
        )),
        (None, Some(s)) => Some(warning(
            s,
            "this suppression matches no finding".to_string(),
            "remove it: a finding on this line or the next is what it would hide",
        )),
        (None, None) => None,
    }
}

/// The first `chars` characters of `text`, with `…` when something was cut.
fn clipped(text: &str, chars: usize) -> String {
    match text.char_indices().nth(chars) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_string(),
    }
}

/// The finding on a directive; it quotes at most [`QUOTE_CHARS`] of it.
fn warning(s: &Suppression, message: String, help: &str) -> Diagnostic {
    let end = s
        .text
        .char_indices()
        .nth(QUOTE_CHARS)
        .map_or(s.text.len(), |(at, _)| at);
    Diagnostic {
        code: CODE,
        severity: Severity::Warning,
        message,
        help: Some(help.to_string()),
        labels: vec![Label {
            file: s.file.clone(),
            span: Span::new(s.span.start, s.span.start + end),
            text: s.text[..end].to_string(),
            message: "suppression".to_string(),
            primary: true,
        }],
        fixes: vec![],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directives_in_both_comment_forms() {
        let mut sources = Sources::default();
        let text =
            "a <!-- factlint: ignore[date-conflict, name-variant] -->\n# factlint: ignore\nb\n";
        sources.insert("a.txt", text);
        let found = directives(&sources);
        assert_eq!(found.len(), 2);
        assert_eq!(
            found[0].codes,
            Some(vec!["date-conflict".into(), "name-variant".into()])
        );
        assert_eq!(found[0].lines, (1, 1));
        assert_eq!(&text[found[0].span.range()], found[0].text);
        assert_eq!(found[1].codes, None);
        assert_eq!(found[1].lines, (2, 2));
    }
}
