//! Code actions: every safe fix a finding carries (a weekday, a preferred name, …) as a quick
//! fix; "suppress on this line", which writes the inline suppression comment that
//! `factlint check` honours (`<!-- factlint: ignore[CODE] -->`, see `factlint explain
//! unused-suppression`); and "apply all safe fixes" for the whole document.
//!
//! Not here: which findings are under the cursor ([`super::server`]).

use super::position::PositionIndex;
use crate::diagnostic::{Diagnostic, Fix};
use crate::gate::suppress;
use lsp_types::{CodeAction, CodeActionKind, TextEdit, Url, WorkspaceEdit};
use regex::Regex;
use std::collections::HashMap;
use std::sync::LazyLock;

/// The kind of the "apply all safe fixes" action (a `source.fixAll` kind, as Ruff's and
/// ESLint's servers name theirs).
pub const FIX_ALL: &str = "source.fixAll.factlint";

/// A directive with a code list on a line: new codes join the list.
static CODE_LIST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"factlint:\s*ignore\[([^\]]*)\]").expect("CODE_LIST is a constant, valid regex")
});

/// One document as its findings were computed: its URI, text and index.
pub struct Document<'a> {
    pub uri: &'a Url,
    pub text: &'a str,
    pub index: &'a PositionIndex,
}

impl Document<'_> {
    fn edit(&self, edits: Vec<TextEdit>) -> WorkspaceEdit {
        WorkspaceEdit {
            changes: Some(HashMap::from([(self.uri.clone(), edits)])),
            ..Default::default()
        }
    }

    fn text_edit(&self, start: usize, end: usize, new_text: String) -> TextEdit {
        TextEdit::new(self.index.range(self.text, start, end), new_text)
    }
}

/// A quick fix for one of a finding's fixes in this document.
pub fn fix_action(
    doc: &Document<'_>,
    fix: &Fix,
    shown: &lsp_types::Diagnostic,
    preferred: bool,
) -> Option<CodeAction> {
    let old = doc.text.get(fix.span.range())?;
    let title = if old.is_empty() {
        format!("Insert «{}»", fix.replacement)
    } else {
        format!("Replace «{old}» with «{}»", fix.replacement)
    };
    let edit = doc.text_edit(fix.span.start, fix.span.end, fix.replacement.clone());
    Some(CodeAction {
        title,
        kind: Some(CodeActionKind::QUICKFIX),
        diagnostics: Some(vec![shown.clone()]),
        edit: Some(doc.edit(vec![edit])),
        is_preferred: Some(preferred),
        ..Default::default()
    })
}

/// "Suppress CODE on this line": a comment at the end of the line where the finding's primary
/// label starts, or the code added to a directive already there. `None` when the primary
/// label is in another file, or for `unused-suppression` itself.
pub fn suppress_action(
    doc: &Document<'_>,
    key: &str,
    diagnostic: &Diagnostic,
    shown: &lsp_types::Diagnostic,
) -> Option<CodeAction> {
    let primary = diagnostic.primary().filter(|l| l.file == key)?;
    if diagnostic.code == suppress::CODE {
        return None;
    }
    let line = doc.index.position(doc.text, primary.span.start).line;
    let start = doc
        .index
        .offset(doc.text, lsp_types::Position::new(line, 0));
    let end = doc
        .index
        .offset(doc.text, lsp_types::Position::new(line, u32::MAX));
    let content = &doc.text[start..end];
    let edit = match CODE_LIST.captures(content).and_then(|c| c.get(1)) {
        Some(list) => {
            let at = start + list.end();
            let separator = if list.as_str().trim().is_empty() {
                ""
            } else {
                ", "
            };
            doc.text_edit(at, at, format!("{separator}{}", diagnostic.code))
        }
        None => {
            let space = if content.is_empty() || content.ends_with(' ') {
                ""
            } else {
                " "
            };
            let comment = format!("{space}<!-- factlint: ignore[{}] -->", diagnostic.code);
            doc.text_edit(end, end, comment)
        }
    };
    Some(CodeAction {
        title: format!("Suppress {} on this line", diagnostic.code),
        kind: Some(CodeActionKind::QUICKFIX),
        diagnostics: Some(vec![shown.clone()]),
        edit: Some(doc.edit(vec![edit])),
        ..Default::default()
    })
}

/// Every safe fix in this document at once (overlapping ones after the first are left out, as
/// `factlint check --fix` does); `None` when there is none.
pub fn fix_all_action<'d>(
    doc: &Document<'_>,
    key: &str,
    diagnostics: impl Iterator<Item = &'d Diagnostic>,
) -> Option<CodeAction> {
    let mut fixes: Vec<&Fix> = diagnostics
        .flat_map(|d| &d.fixes)
        .filter(|f| f.file == key && doc.text.get(f.span.range()).is_some())
        .collect();
    fixes.sort_by(|a, b| a.span.cmp(&b.span).then(a.replacement.cmp(&b.replacement)));
    let mut edits = Vec::new();
    let mut at = 0;
    for fix in fixes {
        if fix.span.start < at {
            continue;
        }
        edits.push(doc.text_edit(fix.span.start, fix.span.end, fix.replacement.clone()));
        at = fix.span.end.max(fix.span.start + 1);
    }
    if edits.is_empty() {
        return None;
    }
    Some(CodeAction {
        title: format!("Apply {} safe factlint fix(es) in this file", edits.len()),
        kind: Some(CodeActionKind::new(FIX_ALL)),
        edit: Some(doc.edit(edits)),
        ..Default::default()
    })
}
