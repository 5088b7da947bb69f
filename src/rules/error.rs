//! Errors in the TOML files factlint reads (rule packs, fact sheets, `factlint.toml`), each
//! pointing into the file with a span (miette), so a user sees the line and column of the mistake
//! and what was expected. The code names the kind of file: `factlint::rules::pack`,
//! `factlint::sheet` or `factlint::config`.

use miette::{LabeledSpan, NamedSource, SourceCode, SourceSpan};
use std::fmt;

/// Which kind of file an error is in; it decides the error's code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Pack,
    Sheet,
    Config,
}

impl FileKind {
    fn code(self) -> &'static str {
        match self {
            FileKind::Pack => "factlint::rules::pack",
            FileKind::Sheet => "factlint::sheet",
            FileKind::Config => "factlint::config",
        }
    }
}

#[derive(Debug, thiserror::Error)]
#[error("{message}")]
pub struct PackError {
    pub message: String,
    pub source_code: NamedSource<String>,
    pub span: Option<SourceSpan>,
    pub label: String,
    pub help: Option<String>,
    pub kind: FileKind,
}

impl PackError {
    /// An error in the rule pack (or other file) `pack`; the message is prefixed with its name.
    pub fn new(
        pack: &str,
        text: &str,
        span: Option<std::ops::Range<usize>>,
        message: impl Into<String>,
    ) -> Self {
        let message = message.into();
        Self {
            label: "here".to_string(),
            message: format!("{pack}: {message}"),
            source_code: NamedSource::new(pack, text.to_string()),
            span: span.map(|r| SourceSpan::from((r.start, r.end - r.start))),
            help: None,
            kind: FileKind::Pack,
        }
    }

    pub fn with_label(mut self, label: impl Into<String>) -> Self {
        self.label = label.into();
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// The same error, in a file of another kind (a fact sheet, the configuration).
    pub fn in_file(mut self, kind: FileKind) -> Self {
        self.kind = kind;
        self
    }
}

impl miette::Diagnostic for PackError {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(self.kind.code()))
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display + 'a>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(&self.source_code)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let span = self.span?;
        Some(Box::new(std::iter::once(LabeledSpan::new_with_span(
            Some(self.label.clone()),
            span,
        ))))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use miette::Diagnostic;

    #[test]
    fn the_code_names_the_kind_of_file() {
        let pack = PackError::new("p.toml", "x = 1", Some(0..1), "bad");
        assert_eq!(
            pack.code().map(|c| c.to_string()),
            Some("factlint::rules::pack".into())
        );
        let sheet = PackError::new("s.toml", "", None, "bad").in_file(FileKind::Sheet);
        assert_eq!(
            sheet.code().map(|c| c.to_string()),
            Some("factlint::sheet".into())
        );
        assert!(sheet.labels().is_none());
    }
}
