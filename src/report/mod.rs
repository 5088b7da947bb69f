//! Sinks: the only code that turns diagnostics into bytes for the user. One file per format,
//! chosen by one `match` on [`OutputFormat`]. Lines and character columns are computed here, from
//! the byte spans the checks produce, with the texts of the run ([`Sources`]).

use crate::diagnostic::{Diagnostic, Severity};
use crate::span::{LineCol, LineIndex};
use std::collections::BTreeMap;

pub mod facts;
pub mod github;
pub mod human;
pub mod json;
pub mod junit;
pub mod sarif;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    /// Annotated snippets for a terminal.
    Human,
    /// The versioned factlint report (schema/report-v1.json).
    Json,
    /// SARIF 2.1.0, for code-scanning tools.
    Sarif,
    /// GitHub Actions workflow commands (annotations on the changed files).
    Github,
    /// JUnit XML: one test case per checked file.
    Junit,
}

/// The texts of a run by path, with their line indexes, for line/column and snippets.
#[derive(Debug, Default)]
pub struct Sources {
    files: BTreeMap<String, (String, LineIndex)>,
}

impl Sources {
    pub fn insert(&mut self, path: &str, text: &str) {
        self.insert_owned(path.to_string(), text.to_string());
    }

    /// [`Self::insert`] without copying the text.
    pub fn insert_owned(&mut self, path: String, text: String) {
        let index = LineIndex::new(&text);
        self.files.insert(path, (text, index));
    }

    pub fn text(&self, path: &str) -> Option<&str> {
        self.files.get(path).map(|(t, _)| t.as_str())
    }

    pub fn line_index(&self, path: &str) -> Option<&LineIndex> {
        self.files.get(path).map(|(_, i)| i)
    }

    /// 1-based line and character column of a byte offset in a file.
    pub fn line_col(&self, path: &str, offset: usize) -> LineCol {
        self.files
            .get(path)
            .map_or(LineCol { line: 1, column: 1 }, |(t, i)| {
                i.line_col(t, offset)
            })
    }

    /// The paths of the run, in sorted order.
    pub fn paths(&self) -> impl Iterator<Item = &str> {
        self.files.keys().map(String::as_str)
    }

    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }
}

/// Counts for the summary line and the JSON `summary` object.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Summary {
    pub files: usize,
    pub diagnostics: usize,
    pub errors: usize,
    pub warnings: usize,
}

impl Summary {
    pub fn of(files: usize, diagnostics: &[Diagnostic]) -> Self {
        let errors = diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count();
        Summary {
            files,
            diagnostics: diagnostics.len(),
            errors,
            warnings: diagnostics.len() - errors,
        }
    }
}

/// Options that change how the human report looks.
#[derive(Debug, Clone, Copy)]
pub struct HumanStyle {
    pub color: bool,
    pub width: usize,
}

/// Render a whole report in the chosen format.
pub fn render(
    format: OutputFormat,
    diagnostics: &[Diagnostic],
    sources: &Sources,
    style: HumanStyle,
) -> String {
    match format {
        OutputFormat::Human => human::render(diagnostics, sources, style),
        OutputFormat::Json => json::render(diagnostics, sources),
        OutputFormat::Sarif => sarif::render(diagnostics, sources),
        OutputFormat::Github => github::render(diagnostics, sources),
        OutputFormat::Junit => junit::render(diagnostics, sources),
    }
}

/// The message, then the help on its own line (when there is one): the text of formats that
/// have a single message field.
pub fn message_with_help(diagnostic: &Diagnostic) -> String {
    match &diagnostic.help {
        Some(help) => format!("{}\n{help}", diagnostic.message),
        None => diagnostic.message.clone(),
    }
}
