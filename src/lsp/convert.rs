//! factlint's findings as LSP diagnostics: the range of the label in the document at hand, the
//! other labels as related information (in this file or another, open or not), the code with a
//! link to its `factlint explain` text, severity and source.
//!
//! Not here: which findings a document gets or when they are sent ([`super::server`]).

use super::position::{Encoding, PositionIndex};
use super::workspace::{Problem, uri_of};
use crate::check::{CHECKS, module_doc};
use crate::diagnostic::{Diagnostic, Label, Severity};
use crate::gate::suppress;
use crate::report::message_with_help;
use crate::span::Span;
use lsp_types::{
    CodeDescription, DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString,
    Range, Url,
};
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

pub const SOURCE: &str = "factlint";

/// The label a finding is shown at in document `key`: its primary label when that is in the
/// document, else its first label there; `None` when no label is in the document.
pub fn anchor<'d>(diagnostic: &'d Diagnostic, key: &str) -> Option<&'d Label> {
    diagnostic
        .primary()
        .filter(|l| l.file == key)
        .or_else(|| diagnostic.labels.iter().find(|l| l.file == key))
}

/// Texts to place spans in: the open documents as analysed, and files read from disk when a
/// label points into one (each read once per use of this value).
pub struct Texts {
    encoding: Encoding,
    open: BTreeMap<String, (Arc<String>, PositionIndex)>,
    disk: RefCell<BTreeMap<String, Option<(String, PositionIndex)>>>,
}

impl Texts {
    pub fn new(encoding: Encoding) -> Self {
        Self {
            encoding,
            open: BTreeMap::new(),
            disk: RefCell::new(BTreeMap::new()),
        }
    }

    pub fn insert_open(&mut self, key: String, text: Arc<String>) {
        let index = PositionIndex::new(&text, self.encoding);
        self.open.insert(key, (text, index));
    }

    /// The range of a span in a file; `None` for a file that cannot be read.
    pub fn range(&self, file: &str, span: Span) -> Option<Range> {
        if let Some((text, index)) = self.open.get(file) {
            return Some(index.range(text, span.start, span.end));
        }
        let mut disk = self.disk.borrow_mut();
        let entry = disk.entry(file.to_string()).or_insert_with(|| {
            let text = std::fs::read_to_string(file).ok()?;
            let index = PositionIndex::new(&text, self.encoding);
            Some((text, index))
        });
        entry
            .as_ref()
            .map(|(text, index)| index.range(text, span.start, span.end))
    }

    pub fn location(&self, file: &str, span: Span) -> Option<Location> {
        Some(Location::new(uri_of(file)?, self.range(file, span)?))
    }
}

/// Where each code's `factlint explain` text is, as a file the editor can open.
#[derive(Debug, Clone, Default)]
pub struct ExplainLinks(BTreeMap<String, Url>);

impl ExplainLinks {
    /// Write every check's documentation (and `unused-suppression`'s) as `CODE.md` into `dir`;
    /// codes whose file cannot be written get no link.
    pub fn write(dir: &Path) -> Self {
        let docs = CHECKS
            .iter()
            .map(|c| (c.code(), c.documentation()))
            .chain([(suppress::CODE, suppress::DOCUMENTATION)]);
        let mut links = BTreeMap::new();
        if std::fs::create_dir_all(dir).is_err() {
            return Self(links);
        }
        for (code, source) in docs {
            let path = dir.join(format!("{code}.md"));
            let text = format!("# {code}\n\n{}\n", module_doc(source));
            let same = std::fs::read_to_string(&path).is_ok_and(|t| t == text);
            // Written aside and renamed, so that two servers never leave half a file.
            let aside = dir.join(format!(".{code}.{}.tmp", std::process::id()));
            let written = same
                || (std::fs::write(&aside, &text).is_ok()
                    && std::fs::rename(&aside, &path).is_ok());
            if written && let Ok(url) = Url::from_file_path(&path) {
                links.insert(code.to_string(), url);
            }
        }
        Self(links)
    }

    pub fn get(&self, code: &str) -> Option<&Url> {
        self.0.get(code)
    }
}

/// A finding as an LSP diagnostic in document `key`, or `None` when it has no label there.
pub fn to_lsp(
    diagnostic: &Diagnostic,
    key: &str,
    texts: &Texts,
    explain: &ExplainLinks,
) -> Option<lsp_types::Diagnostic> {
    let anchor = anchor(diagnostic, key)?;
    let range = texts.range(key, anchor.span)?;
    let related: Vec<DiagnosticRelatedInformation> = diagnostic
        .labels
        .iter()
        .filter(|l| !std::ptr::eq(*l, anchor))
        .filter_map(|l| {
            Some(DiagnosticRelatedInformation {
                location: texts.location(&l.file, l.span)?,
                message: if l.message.is_empty() {
                    format!("«{}»", l.text)
                } else {
                    l.message.clone()
                },
            })
        })
        .collect();
    Some(lsp_types::Diagnostic {
        range,
        severity: Some(severity(diagnostic.severity)),
        code: Some(NumberOrString::String(diagnostic.code.to_string())),
        code_description: explain
            .get(diagnostic.code)
            .map(|href| CodeDescription { href: href.clone() }),
        source: Some(SOURCE.to_string()),
        message: message_with_help(diagnostic),
        related_information: (!related.is_empty()).then_some(related),
        tags: None,
        data: None,
    })
}

fn severity(severity: Severity) -> DiagnosticSeverity {
    match severity {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
    }
}

/// A settings problem as a diagnostic on its file.
pub fn problem_to_lsp(problem: &Problem, encoding: Encoding) -> lsp_types::Diagnostic {
    let index = PositionIndex::new(&problem.text, encoding);
    let range = problem.span.as_ref().map_or_else(Range::default, |span| {
        index.range(&problem.text, span.start, span.end)
    });
    let message = match &problem.help {
        Some(help) => format!("{}\n{help}", problem.message),
        None => problem.message.clone(),
    };
    lsp_types::Diagnostic {
        range,
        severity: Some(DiagnosticSeverity::ERROR),
        code: Some(NumberOrString::String("settings".to_string())),
        source: Some(SOURCE.to_string()),
        message,
        ..Default::default()
    }
}

/// The one diagnostic of an open document that was not checked (too large, unreadable).
pub fn note_to_lsp(note: &str) -> lsp_types::Diagnostic {
    lsp_types::Diagnostic {
        range: Range::default(),
        severity: Some(DiagnosticSeverity::INFORMATION),
        code: Some(NumberOrString::String("not-checked".to_string())),
        source: Some(SOURCE.to_string()),
        message: note.to_string(),
        ..Default::default()
    }
}
