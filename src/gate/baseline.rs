//! Baselines: the findings a project has accepted for now, so that a CI gate fails only on new
//! ones.
//!
//! `--write-baseline FILE` stores every finding as `{code, fingerprint, file, message}` (sorted,
//! so the file is deterministic and diffs well); `--baseline FILE` drops the findings whose
//! `(code, fingerprint, file)` is in it. The fingerprint has no offsets or line numbers
//! ([`Diagnostic::fingerprint`]), so edits elsewhere in a file keep its findings matched. Entries
//! are counted: a baseline with one entry hides one finding, not every finding with that key.
//! `message` is for the reader of the file and plays no part in matching. `file` is the path as
//! checked (relative to where factlint runs, leading `./` removed): run the gate from the same
//! directory the baseline was written from.

use crate::diagnostic::Diagnostic;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;

pub const VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    pub version: u32,
    pub entries: Vec<Entry>,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub code: String,
    pub fingerprint: String,
    pub file: String,
    pub message: String,
}

impl Entry {
    fn of(d: &Diagnostic) -> Self {
        Entry {
            code: d.code.to_string(),
            fingerprint: d.fingerprint(),
            file: d
                .primary()
                .map_or(String::new(), |l| normalized_path(&l.file)),
            message: d.message.clone(),
        }
    }

    fn key(&self) -> (String, String, String) {
        (
            self.code.clone(),
            self.fingerprint.clone(),
            self.file.clone(),
        )
    }
}

/// A path as stored in a baseline: without leading `./`, so `docs` and `./docs` runs agree.
fn normalized_path(path: &str) -> String {
    let mut rest = path;
    while let Some(stripped) = rest.strip_prefix("./") {
        rest = stripped.trim_start_matches('/');
    }
    rest.to_string()
}

/// Why a baseline could not be read.
#[derive(Debug, thiserror::Error)]
pub enum BaselineError {
    #[error("cannot read baseline {path}: {message}")]
    Read { path: String, message: String },
    #[error(
        "{path}: not a factlint baseline: {message} (expected {{\"version\": 1, \"entries\": [{{\"code\", \"fingerprint\", \"file\", \"message\"}}, …]}}; regenerate it with --write-baseline)"
    )]
    Malformed { path: String, message: String },
}

/// What `--baseline` did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Outcome {
    /// Findings dropped because the baseline has them.
    pub suppressed: usize,
    /// Baseline entries that matched no finding (fixed since, or changed).
    pub stale: usize,
}

impl Baseline {
    /// The baseline of these findings, entries sorted.
    pub fn of(diagnostics: &[Diagnostic]) -> Self {
        let mut entries: Vec<Entry> = diagnostics.iter().map(Entry::of).collect();
        entries.sort();
        Baseline {
            version: VERSION,
            entries,
        }
    }

    /// Pretty JSON with a final newline.
    pub fn to_json(&self) -> String {
        let mut out = serde_json::to_string_pretty(self).unwrap_or_default();
        out.push('\n');
        out
    }

    pub fn parse(path: &str, text: &str) -> Result<Self, BaselineError> {
        let malformed = |message: String| BaselineError::Malformed {
            path: path.to_string(),
            message,
        };
        let baseline: Baseline =
            serde_json::from_str(text).map_err(|e| malformed(e.to_string()))?;
        if baseline.version != VERSION {
            return Err(malformed(format!(
                "version {} is not supported (this factlint reads version {VERSION})",
                baseline.version
            )));
        }
        Ok(baseline)
    }

    pub fn load(path: &Path) -> Result<Self, BaselineError> {
        let name = crate::source::files::display(path);
        let text = crate::source::files::read_settings(path).map_err(|e| BaselineError::Read {
            path: name.clone(),
            message: e.to_string(),
        })?;
        Baseline::parse(&name, &text)
    }

    /// Keep the findings that are not in the baseline (each entry hides at most one finding).
    pub fn filter(&self, diagnostics: Vec<Diagnostic>) -> (Vec<Diagnostic>, Outcome) {
        let mut remaining: BTreeMap<(String, String, String), usize> = BTreeMap::new();
        for entry in &self.entries {
            *remaining.entry(entry.key()).or_default() += 1;
        }
        let mut outcome = Outcome::default();
        let mut kept = Vec::new();
        for d in diagnostics {
            let entry = Entry::of(&d);
            match remaining.get_mut(&entry.key()) {
                Some(n) if *n > 0 => {
                    *n -= 1;
                    outcome.suppressed += 1;
                }
                _ => kept.push(d),
            }
        }
        outcome.stale = remaining.values().sum();
        (kept, outcome)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_lose_leading_dot_slashes() {
        assert_eq!(normalized_path("./docs/a.md"), "docs/a.md");
        assert_eq!(normalized_path(".//./a.md"), "a.md");
        assert_eq!(normalized_path("../a.md"), "../a.md");
        assert_eq!(normalized_path("-"), "-");
    }

    #[test]
    fn malformed_baselines_are_errors() {
        for text in [
            "",
            "[]",
            r#"{"version": 2, "entries": []}"#,
            r#"{"version": 1, "entries": [{"code": "x"}]}"#,
        ] {
            assert!(matches!(
                Baseline::parse("b.json", text),
                Err(BaselineError::Malformed { .. })
            ));
        }
        let empty = Baseline::parse("b.json", r#"{"version": 1, "entries": []}"#);
        assert_eq!(empty.map(|b| b.entries.len()).ok(), Some(0));
    }
}
