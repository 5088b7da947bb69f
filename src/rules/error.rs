//! Errors in rule packs, each pointing into the TOML file with a span (miette), so a user sees
//! the line and column of the mistake and what was expected.

use miette::{NamedSource, SourceSpan};

#[derive(Debug, thiserror::Error, miette::Diagnostic)]
#[error("{message}")]
#[diagnostic(code(factlint::rules::pack))]
pub struct PackError {
    pub message: String,
    #[source_code]
    pub source_code: NamedSource<String>,
    #[label("{label}")]
    pub span: Option<SourceSpan>,
    pub label: String,
    #[help]
    pub help: Option<String>,
}

impl PackError {
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
}
