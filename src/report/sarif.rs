//! `--format sarif`: one SARIF 2.1.0 log with one run, for code-scanning tools (GitHub code
//! scanning, the SARIF viewers of editors). Validated by `tests/formats.rs` against the OASIS
//! schema vendored in `schema/sarif-schema-2.1.0.json`.
//!
//! The rules are the registered checks, described by their module docs. A result's primary label
//! is its `location`; the other labels are `relatedLocations`. Columns count Unicode characters
//! (`run.columnKind = "unicodeCodePoints"`, not SARIF's UTF-16 default); `endColumn` is the
//! column after the last character, as SARIF defines it; `byteOffset`/`byteLength` are the
//! UTF-8 span. The wire types below are a hand-written subset of the schema, not the
//! `serde-sarif` crate: that one generates its types in a build script (schemafy, syn,
//! typed-builder, strum) for a format we write a dozen fields of. Keys come out in field order
//! and absent optional fields are left out, so the output is deterministic.
//!
//! Not here: `artifacts`, invocations, baselines (`baselineState`), or taxonomies.

use super::{Sources, message_with_help, write_pretty_json, written};
use crate::check::{CHECKS, module_doc, summary};
use crate::diagnostic::{Diagnostic, Fix, Label, Severity};
use crate::span::Span;
use serde::Serialize;
use std::collections::BTreeMap;

pub const SCHEMA_URI: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

/// The key of `partialFingerprints` (versioned: a new fingerprint scheme gets a new key).
pub const FINGERPRINT_KEY: &str = "factlint/v1";

#[derive(Serialize)]
struct Log {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run {
    tool: Tool,
    column_kind: &'static str,
    results: Vec<SarifResult>,
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    name: &'static str,
    version: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    information_uri: Option<&'static str>,
    rules: Vec<Rule>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Rule {
    id: &'static str,
    short_description: Text,
    full_description: Text,
    help: Help,
    default_configuration: Configuration,
}

#[derive(Serialize)]
struct Text {
    text: String,
}

#[derive(Serialize)]
struct Help {
    text: String,
    markdown: String,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult {
    rule_id: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    rule_index: Option<usize>,
    level: &'static str,
    message: Text,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    locations: Vec<Location>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<Location>,
    partial_fingerprints: BTreeMap<&'static str, String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    fixes: Vec<SarifFix>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<usize>,
    physical_location: PhysicalLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<Text>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    region: Region,
}

#[derive(Serialize)]
struct ArtifactLocation {
    uri: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    start_column: usize,
    end_line: usize,
    end_column: usize,
    byte_offset: usize,
    byte_length: usize,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifFix {
    artifact_changes: Vec<ArtifactChange>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactChange {
    artifact_location: ArtifactLocation,
    replacements: Vec<Replacement>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Replacement {
    deleted_region: Region,
    inserted_content: Text,
}

pub fn render(diagnostics: &[Diagnostic], sources: &Sources) -> String {
    written(|out| write(diagnostics, sources, out))
}

/// [`render`] straight into `out`: a large log is never held whole in memory.
pub fn write(
    diagnostics: &[Diagnostic],
    sources: &Sources,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let log = Log {
        schema: SCHEMA_URI,
        version: "2.1.0",
        runs: [Run {
            tool: Tool { driver: driver() },
            column_kind: "unicodeCodePoints",
            results: diagnostics.iter().map(|d| result(d, sources)).collect(),
        }],
    };
    write_pretty_json(&log, out)
}

fn driver() -> Driver {
    let homepage = env!("CARGO_PKG_HOMEPAGE");
    Driver {
        name: "factlint",
        version: env!("CARGO_PKG_VERSION"),
        // Only a real address: Cargo.toml declares no homepage yet, and the schema wants a URI.
        information_uri: (!homepage.is_empty()).then_some(homepage),
        rules: CHECKS
            .iter()
            .map(|check| {
                let doc = module_doc(check.documentation());
                Rule {
                    id: check.code(),
                    short_description: Text {
                        text: summary(&doc).to_string(),
                    },
                    full_description: Text { text: doc.clone() },
                    help: Help {
                        text: doc.clone(),
                        markdown: doc,
                    },
                    default_configuration: Configuration {
                        level: level(check.severity()),
                    },
                }
            })
            .collect(),
    }
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

fn result(d: &Diagnostic, sources: &Sources) -> SarifResult {
    let primary = d.primary();
    let related = d
        .labels
        .iter()
        .filter(|l| primary.is_none_or(|p| !std::ptr::eq(*l, p)))
        .enumerate()
        .map(|(i, l)| Location {
            id: Some(i + 1),
            physical_location: physical(&l.file, l.span, sources),
            message: Some(Text {
                text: l.message.clone(),
            }),
        })
        .collect();
    SarifResult {
        rule_id: d.code,
        rule_index: CHECKS.iter().position(|c| c.code() == d.code),
        level: level(d.severity),
        message: Text {
            text: message_with_help(d),
        },
        locations: primary
            .map(|l| primary_location(l, sources))
            .into_iter()
            .collect(),
        related_locations: related,
        partial_fingerprints: BTreeMap::from([(FINGERPRINT_KEY, d.fingerprint())]),
        fixes: fixes(&d.fixes, sources),
    }
}

fn primary_location(label: &Label, sources: &Sources) -> Location {
    Location {
        id: None,
        physical_location: physical(&label.file, label.span, sources),
        message: (!label.message.is_empty()).then(|| Text {
            text: label.message.clone(),
        }),
    }
}

fn physical(file: &str, span: Span, sources: &Sources) -> PhysicalLocation {
    PhysicalLocation {
        artifact_location: ArtifactLocation { uri: uri_of(file) },
        region: region(file, span, sources),
    }
}

fn region(file: &str, span: Span, sources: &Sources) -> Region {
    let start = sources.line_col(file, span.start);
    let end = sources.line_col(file, span.end);
    Region {
        start_line: start.line,
        start_column: start.column,
        end_line: end.line,
        end_column: end.column,
        byte_offset: span.start,
        byte_length: span.len(),
    }
}

/// All fixes of a diagnostic as one SARIF fix: one artifact change per file, in first-seen order.
fn fixes(fixes: &[Fix], sources: &Sources) -> Vec<SarifFix> {
    let mut changes: Vec<ArtifactChange> = Vec::new();
    for fix in fixes {
        let uri = uri_of(&fix.file);
        let replacement = Replacement {
            deleted_region: region(&fix.file, fix.span, sources),
            inserted_content: Text {
                text: fix.replacement.clone(),
            },
        };
        match changes.iter_mut().find(|c| c.artifact_location.uri == uri) {
            Some(change) => change.replacements.push(replacement),
            None => changes.push(ArtifactChange {
                artifact_location: ArtifactLocation { uri },
                replacements: vec![replacement],
            }),
        }
    }
    if changes.is_empty() {
        Vec::new()
    } else {
        vec![SarifFix {
            artifact_changes: changes,
        }]
    }
}

/// A path as a URI reference: `/` separators, relative paths stay relative (SARIF consumers
/// resolve them against the checkout), absolute ones become `file://` URIs, and every byte
/// outside the unreserved set and `/` is percent-encoded (so Arabic file names are valid URIs).
pub fn uri_of(path: &str) -> String {
    let path = path.replace('\\', "/");
    let windows_drive = path.as_bytes().get(1) == Some(&b':');
    let prefix = if path.starts_with('/') {
        "file://"
    } else if windows_drive {
        "file:///"
    } else {
        ""
    };
    let mut uri = String::from(prefix);
    for (i, byte) in path.bytes().enumerate() {
        let keep = byte.is_ascii_alphanumeric()
            || matches!(byte, b'-' | b'.' | b'_' | b'~' | b'/')
            || (windows_drive && i == 1);
        if keep {
            uri.push(char::from(byte));
        } else {
            uri.push_str(&format!("%{byte:02X}"));
        }
    }
    uri
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_become_uri_references() {
        assert_eq!(uri_of("docs/a b.md"), "docs/a%20b.md");
        assert_eq!(uri_of("docs\\x.md"), "docs/x.md");
        assert_eq!(uri_of("/tmp/x#1.md"), "file:///tmp/x%231.md");
        assert_eq!(uri_of("C:\\d\\x.md"), "file:///C:/d/x.md");
        assert_eq!(uri_of("مقال.md"), "%D9%85%D9%82%D8%A7%D9%84.md");
    }
}
