//! `--format json`: the stable, versioned report (schema: `schema/report-v1.json`).
//!
//! `start`/`end` are UTF-8 byte offsets (end exclusive); `line` and `column` are 1-based and
//! `column` counts Unicode characters. Keys appear in a fixed order; output ends with a newline.

use super::{Sources, Summary, write_pretty_json, written};
use crate::diagnostic::Diagnostic;
use serde::Serialize;

pub const VERSION: u32 = 1;

#[derive(Serialize)]
struct Report<'a> {
    version: u32,
    diagnostics: Vec<JsonDiagnostic<'a>>,
    summary: Summary,
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    code: &'a str,
    severity: String,
    message: &'a str,
    help: Option<&'a str>,
    fingerprint: String,
    labels: Vec<JsonLabel<'a>>,
}

#[derive(Serialize)]
struct JsonLabel<'a> {
    file: &'a str,
    start: usize,
    end: usize,
    line: usize,
    column: usize,
    text: &'a str,
    message: &'a str,
    primary: bool,
}

pub fn render(diagnostics: &[Diagnostic], sources: &Sources) -> String {
    written(|out| write(diagnostics, sources, out))
}

/// [`render`] straight into `out`: a large report is never held whole in memory.
pub fn write(
    diagnostics: &[Diagnostic],
    sources: &Sources,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let report = Report {
        version: VERSION,
        diagnostics: diagnostics.iter().map(|d| wire(d, sources)).collect(),
        summary: Summary::of(sources.len(), diagnostics),
    };
    write_pretty_json(&report, out)
}

fn wire<'a>(d: &'a Diagnostic, sources: &Sources) -> JsonDiagnostic<'a> {
    JsonDiagnostic {
        code: d.code,
        severity: d.severity.to_string(),
        message: &d.message,
        help: d.help.as_deref(),
        fingerprint: d.fingerprint(),
        labels: d
            .labels
            .iter()
            .map(|l| {
                let at = sources.line_col(&l.file, l.span.start);
                JsonLabel {
                    file: &l.file,
                    start: l.span.start,
                    end: l.span.end,
                    line: at.line,
                    column: at.column,
                    text: &l.text,
                    message: &l.message,
                    primary: l.primary,
                }
            })
            .collect(),
    }
}
