//! `--format github`: GitHub Actions workflow commands, one line per diagnostic, which the
//! runner turns into annotations on the file:
//!
//! ```text
//! ::error file=PATH,line=L,col=C,endLine=L2,endColumn=C2,title=CODE::MESSAGE
//! ```
//!
//! The position is the primary label's (columns in characters, `endColumn` after the last
//! character); the message is the message and the help on a new line. Data is escaped as the
//! runner expects (`%`, CR, LF), property values also `:` and `,`. Nothing else is printed: no
//! summary line, since the runner would take it for a log line anyway.

use super::{Sources, message_with_help};
use crate::diagnostic::{Diagnostic, Severity};
use std::fmt::Write;

pub fn render(diagnostics: &[Diagnostic], sources: &Sources) -> String {
    let mut out = String::new();
    for d in diagnostics {
        out.push_str(&command(d, sources));
        out.push('\n');
    }
    out
}

/// The workflow command of one diagnostic, without the line terminator.
pub fn command(d: &Diagnostic, sources: &Sources) -> String {
    let kind = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let mut properties = String::new();
    if let Some(label) = d.primary() {
        let start = sources.line_col(&label.file, label.span.start);
        let end = sources.line_col(&label.file, label.span.end);
        // Writing to a String cannot fail.
        let _ = write!(
            properties,
            "file={},line={},col={},endLine={},endColumn={},",
            escape_property(&label.file),
            start.line,
            start.column,
            end.line,
            end.column
        );
    }
    let _ = write!(properties, "title={}", escape_property(d.code));
    format!(
        "::{kind} {properties}::{}",
        escape_data(&message_with_help(d))
    )
}

/// Escape a command's message (`%`, CR and LF), as the Actions toolkit does.
pub fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escape a property value: as data, plus `:` and `,` which delimit properties.
pub fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Label;
    use crate::span::Span;

    fn diagnostic(file: &str, message: &str, help: Option<&str>) -> Diagnostic {
        Diagnostic {
            code: "date-conflict",
            severity: Severity::Error,
            message: message.into(),
            help: help.map(Into::into),
            labels: vec![Label {
                file: file.into(),
                span: Span::new(4, 8),
                text: "1949".into(),
                message: String::new(),
                primary: true,
            }],
            fixes: vec![],
        }
    }

    #[test]
    fn message_escapes_percent_and_line_breaks() {
        let mut sources = Sources::default();
        sources.insert("a.md", "Now 1949 and 1950\n");
        let d = diagnostic("a.md", "50% of\r\nthe: text, here", Some("fix it"));
        assert_eq!(
            command(&d, &sources),
            "::error file=a.md,line=1,col=5,endLine=1,endColumn=9,title=date-conflict\
             ::50%25 of%0D%0Athe: text, here%0Afix it"
        );
    }

    #[test]
    fn path_escapes_colon_comma_and_percent() {
        let mut sources = Sources::default();
        sources.insert("C:/x,y%z.md", "Now 1949\n");
        let d = diagnostic("C:/x,y%z.md", "m", None);
        assert_eq!(
            command(&d, &sources),
            "::error file=C%3A/x%2Cy%25z.md,line=1,col=5,endLine=1,endColumn=9,\
             title=date-conflict::m"
        );
    }

    #[test]
    fn warnings_and_diagnostics_without_labels() {
        let mut d = diagnostic("a.md", "m", None);
        d.severity = Severity::Warning;
        d.labels.clear();
        assert_eq!(
            command(&d, &Sources::default()),
            "::warning title=date-conflict::m"
        );
    }
}
