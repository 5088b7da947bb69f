//! The one finding type every check returns and every sink renders.
//!
//! Plain data: code, severity, message, help, labels (file, byte span, quoted text, message,
//! primary or not), an optional fix, and a fingerprint that survives unrelated edits (code +
//! normalized label texts, no offsets). Lines and columns are not stored: sinks derive them.

use crate::normalize::key;
use crate::span::Span;
use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        })
    }
}

/// A place in a file that a diagnostic points at.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Label {
    pub file: String,
    pub span: Span,
    /// The original text under the span.
    pub text: String,
    pub message: String,
    pub primary: bool,
}

/// A replacement that resolves the finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fix {
    pub file: String,
    pub span: Span,
    pub replacement: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub code: &'static str,
    pub severity: Severity,
    pub message: String,
    pub help: Option<String>,
    pub labels: Vec<Label>,
    pub fixes: Vec<Fix>,
}

impl Diagnostic {
    /// The primary label (the first one marked primary, else the first label).
    pub fn primary(&self) -> Option<&Label> {
        self.labels
            .iter()
            .find(|l| l.primary)
            .or(self.labels.first())
    }

    /// Code plus the sorted, deduplicated normalized label texts: no offsets, no line numbers,
    /// so the fingerprint survives edits elsewhere in the file. FNV-1a, 64 bits, hex.
    pub fn fingerprint(&self) -> String {
        let mut texts: Vec<String> = self.labels.iter().map(|l| key(&l.text)).collect();
        texts.sort();
        texts.dedup();
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        for part in std::iter::once(self.code).chain(texts.iter().map(String::as_str)) {
            for byte in part.bytes().chain([0]) {
                hash ^= u64::from(byte);
                hash = hash.wrapping_mul(0x0100_0000_01b3);
            }
        }
        format!("{hash:016x}")
    }

    /// Sort key: file and position of the primary label, then code and message.
    pub fn sort_key(&self) -> (String, usize, usize, &'static str, String) {
        let (file, span) = self
            .primary()
            .map_or((String::new(), Span::new(0, 0)), |l| {
                (l.file.clone(), l.span)
            });
        (file, span.start, span.end, self.code, self.message.clone())
    }
}

/// Put diagnostics in the one deterministic order every sink uses.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by_cached_key(Diagnostic::sort_key);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn diag(spans: &[(usize, &str)]) -> Diagnostic {
        Diagnostic {
            code: "name-variant",
            severity: Severity::Warning,
            message: "m".into(),
            help: None,
            labels: spans
                .iter()
                .map(|&(at, text)| Label {
                    file: "a.md".into(),
                    span: Span::new(at, at + text.len()),
                    text: text.into(),
                    message: String::new(),
                    primary: false,
                })
                .collect(),
            fixes: vec![],
        }
    }

    #[test]
    fn fingerprint_ignores_offsets_and_diacritics() {
        let a = diag(&[(10, "شيتساي"), (90, "شيتشاي")]);
        let b = diag(&[(400, "شيتشاي"), (12, "شِيتساي")]);
        assert_eq!(a.fingerprint(), b.fingerprint());
        assert_ne!(a.fingerprint(), diag(&[(10, "شيتساي")]).fingerprint());
    }
}
