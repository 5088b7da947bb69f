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

use crate::diagnostic::{Diagnostic, Label, Severity, sort};
use crate::report::Sources;
use crate::span::Span;
use regex::Regex;
use std::sync::LazyLock;

pub const CODE: &str = "unused-suppression";

/// This file, whose `//!` header `factlint explain unused-suppression` prints.
pub const DOCUMENTATION: &str = include_str!("suppress.rs");

static DIRECTIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"factlint:\s*ignore(?:\[([^\]]*)\])?")
        .expect("DIRECTIVE is a constant, valid regex")
});

/// One `factlint: ignore` directive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suppression {
    pub file: String,
    /// The directive text (`factlint: ignore[…]`) in the file.
    pub span: Span,
    pub text: String,
    /// First and last line of the comment (1-based).
    pub lines: (usize, usize),
    /// `None`: every code.
    pub codes: Option<Vec<String>>,
}

impl Suppression {
    fn covers(&self, d: &Diagnostic) -> bool {
        let Some(label) = d.primary() else {
            return false;
        };
        label.file == self.file
            && self
                .codes
                .as_ref()
                .is_none_or(|codes| codes.iter().any(|c| c == d.code))
    }
}

/// Every directive in every file of the run.
pub fn directives(sources: &Sources) -> Vec<Suppression> {
    let mut out = Vec::new();
    for path in sources.paths() {
        for comment in sources.comments(path) {
            let (span, body, lines) = (comment.span, &comment.body, comment.lines);
            for caps in DIRECTIVE.captures_iter(body) {
                let Some(whole) = caps.get(0) else { continue };
                let codes = caps.get(1).map(|list| {
                    list.as_str()
                        .split(',')
                        .map(|c| c.trim().to_string())
                        .filter(|c| !c.is_empty())
                        .collect()
                });
                out.push(Suppression {
                    file: path.to_string(),
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

/// Drop the suppressed diagnostics; add an `unused-suppression` warning for each directive that
/// suppressed nothing (unless every code it names is in `disabled`) and for each unknown code.
/// `known` tells which codes exist.
pub fn apply(
    diagnostics: Vec<Diagnostic>,
    sources: &Sources,
    disabled: &[String],
    known: &dyn Fn(&str) -> bool,
) -> Vec<Diagnostic> {
    let directives = directives(sources);
    let mut used = vec![false; directives.len()];
    let mut kept = Vec::with_capacity(diagnostics.len());
    for d in diagnostics {
        let line = d.primary().map(|l| sources.line(&l.file, l.span.start));
        let by = line.and_then(|line| {
            directives
                .iter()
                .position(|s| s.lines.0 <= line && line <= s.lines.1 + 1 && s.covers(&d))
        });
        match by {
            Some(i) => used[i] = true,
            None => kept.push(d),
        }
    }
    for (s, used) in directives.iter().zip(used) {
        let codes = s.codes.as_deref().unwrap_or_default();
        for code in codes.iter().filter(|c| !known(c)) {
            kept.push(warning(
                s,
                format!("`{code}` in a suppression is not a factlint code"),
                "see `factlint explain` for the codes",
            ));
        }
        let all_disabled = !codes.is_empty() && codes.iter().all(|c| disabled.contains(c));
        if !used && !all_disabled && !disabled.iter().any(|c| c == CODE) {
            kept.push(warning(
                s,
                "this suppression matches no finding".to_string(),
                "remove it: a finding on this line or the next is what it would hide",
            ));
        }
    }
    sort(&mut kept);
    kept
}

fn warning(s: &Suppression, message: String, help: &str) -> Diagnostic {
    Diagnostic {
        code: CODE,
        severity: Severity::Warning,
        message,
        help: Some(help.to_string()),
        labels: vec![Label {
            file: s.file.clone(),
            span: s.span,
            text: s.text.clone(),
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
