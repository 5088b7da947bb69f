//! Applying fixes: safe replacements that diagnostics carry (a weekday, a preferred name).
//!
//! Nothing is written here: [`apply`] returns the new text and [`unified_diff`] shows the change.
//! The CLI writes files only with `--fix`.

use crate::diagnostic::{Diagnostic, Fix};
use std::collections::BTreeMap;

/// The fixes of all diagnostics, by file, sorted by position.
pub fn fixes_by_file(diagnostics: &[Diagnostic]) -> BTreeMap<&str, Vec<&Fix>> {
    let mut out: BTreeMap<&str, Vec<&Fix>> = BTreeMap::new();
    for fix in diagnostics.iter().flat_map(|d| &d.fixes) {
        out.entry(fix.file.as_str()).or_default().push(fix);
    }
    for fixes in out.values_mut() {
        fixes.sort_by(|a, b| a.span.cmp(&b.span).then(a.replacement.cmp(&b.replacement)));
        fixes.dedup_by(|a, b| a.span == b.span && a.replacement == b.replacement);
    }
    out
}

/// `text` with the fixes applied; a fix that overlaps an earlier one, or that does not lie on
/// char boundaries, is skipped. Returns the new text and how many fixes were applied.
pub fn apply(text: &str, fixes: &[&Fix]) -> (String, usize) {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    let mut applied = 0;
    for fix in fixes {
        let span = fix.span;
        let valid = span.start >= at
            && span.end <= text.len()
            && text.is_char_boundary(span.start)
            && text.is_char_boundary(span.end);
        if !valid {
            continue;
        }
        out.push_str(&text[at..span.start]);
        out.push_str(&fix.replacement);
        at = span.end;
        applied += 1;
    }
    out.push_str(&text[at..]);
    (out, applied)
}

/// A unified diff (`--- a/PATH`, `+++ b/PATH`) of one file's change, empty if none.
pub fn unified_diff(path: &str, old: &str, new: &str) -> String {
    if old == new {
        return String::new();
    }
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(1)
        .header(&format!("a/{path}"), &format!("b/{path}"))
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::span::Span;

    fn fix(start: usize, end: usize, replacement: &str) -> Fix {
        Fix {
            file: "a.md".into(),
            span: Span::new(start, end),
            replacement: replacement.into(),
        }
    }

    #[test]
    fn applies_in_order_and_skips_overlaps() {
        let text = "الأربعاء 4 يوليو 1826 and Newtun";
        let day = "الأربعاء".len();
        let at = text.find("Newtun").unwrap();
        let fixes = [
            fix(0, day, "الثلاثاء"),
            fix(2, 4, "x"),
            fix(at, at + 6, "Newton"),
        ];
        let refs: Vec<&Fix> = fixes.iter().collect();
        let (new, applied) = apply(text, &refs);
        assert_eq!(new, "الثلاثاء 4 يوليو 1826 and Newton");
        assert_eq!(applied, 2);
    }

    #[test]
    fn diff_shows_the_changed_line() {
        let diff = unified_diff("doc.md", "a\nold\nb\n", "a\nnew\nb\n");
        assert!(diff.contains("--- a/doc.md"));
        assert!(diff.contains("-old\n+new"));
        assert_eq!(unified_diff("doc.md", "same", "same"), "");
    }
}
