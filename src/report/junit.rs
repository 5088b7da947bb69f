//! `--format junit`: JUnit XML for CI test-report views. One `<testsuite name="factlint">`
//! (inside the usual `<testsuites>`), one `<testcase classname="factlint" name=PATH>` per
//! checked file, in path order. A file's test case fails with one `<failure type=CODE>` per
//! diagnostic whose primary label is in that file; a file without findings passes. `tests`
//! counts test cases and `failures` failing test cases (JUnit's meaning), not diagnostics.
//!
//! Hand-written XML: the document is a few elements deep and escaping is the whole difficulty,
//! which an XML writer crate would not remove (it still leaves XML-1.0-illegal control characters
//! to the caller). Diagnostics without a label, or on a file that is not in the run, get a test
//! case of their own so that no finding is lost.

use super::{Sources, message_with_help};
use crate::diagnostic::Diagnostic;
use std::collections::BTreeMap;
use std::fmt::Write;

/// The test-case name of diagnostics that have no label.
const NO_FILE: &str = "(no file)";

pub fn render(diagnostics: &[Diagnostic], sources: &Sources) -> String {
    let mut cases: BTreeMap<&str, Vec<&Diagnostic>> =
        sources.paths().map(|p| (p, Vec::new())).collect();
    for d in diagnostics {
        let file = d.primary().map_or(NO_FILE, |l| l.file.as_str());
        cases.entry(file).or_default().push(d);
    }
    let tests = cases.len();
    let failures = cases.values().filter(|ds| !ds.is_empty()).count();
    let counts = format!("tests=\"{tests}\" failures=\"{failures}\" errors=\"0\"");

    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    // Writing to a String cannot fail.
    let _ = writeln!(out, "<testsuites name=\"factlint\" {counts}>");
    let _ = writeln!(
        out,
        "  <testsuite name=\"factlint\" {counts} skipped=\"0\">"
    );
    for (file, found) in &cases {
        let name = escape(file);
        if found.is_empty() {
            let _ = writeln!(
                out,
                "    <testcase classname=\"factlint\" name=\"{name}\"/>"
            );
            continue;
        }
        let _ = writeln!(out, "    <testcase classname=\"factlint\" name=\"{name}\">");
        for d in found {
            let _ = writeln!(
                out,
                "      <failure type=\"{}\" message=\"{}\">{}</failure>",
                escape(d.code),
                escape(&d.message),
                escape_text(&body(d, sources))
            );
        }
        out.push_str("    </testcase>\n");
    }
    out.push_str("  </testsuite>\n</testsuites>\n");
    out
}

/// `file:line:col: code: message`, then the help on the next line.
fn body(d: &Diagnostic, sources: &Sources) -> String {
    let place = d.primary().map_or_else(
        || NO_FILE.to_string(),
        |l| {
            let at = sources.line_col(&l.file, l.span.start);
            format!("{}:{}:{}", l.file, at.line, at.column)
        },
    );
    format!("{place}: {}: {}", d.code, message_with_help(d))
}

/// Escape an attribute value: see [`escape_text`]; tab and LF also become character references,
/// or attribute-value normalization would turn them into spaces.
pub fn escape(text: &str) -> String {
    escape_xml(text, true)
}

/// Escape element content: the five markup characters as entities, CR as a character reference
/// (parsers would fold CRLF into LF), and characters XML 1.0 forbids even as references (other
/// C0 controls, U+FFFE, U+FFFF) spelled out as `\u{…}`.
pub fn escape_text(text: &str) -> String {
    escape_xml(text, false)
}

fn escape_xml(text: &str, attribute: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' if attribute => out.push_str("&#9;"),
            '\n' if attribute => out.push_str("&#10;"),
            '\t' | '\n' => out.push(c),
            '\r' => out.push_str("&#13;"),
            '\u{0}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}' => {
                let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
            }
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_controls() {
        assert_eq!(
            escape("a&b<c>\"d'\te\nf\r\u{1b}g\u{ffff}"),
            "a&amp;b&lt;c&gt;&quot;d&apos;&#9;e&#10;f&#13;\\u{1b}g\\u{ffff}"
        );
        assert_eq!(escape_text("a\tb\nc\r<"), "a\tb\nc&#13;&lt;");
        assert_eq!(escape("شيتساي"), "شيتساي");
    }
}
