//! Sinks: the only code that turns diagnostics into bytes for the user. One file per format,
//! chosen by one `match` on [`OutputFormat`]. Lines and character columns are computed here, from
//! the byte spans the checks produce, with the texts of the run ([`Sources`]).

use crate::diagnostic::{Diagnostic, Severity};
use crate::source::prose::{Format, comments};
use crate::span::{LineCol, LineIndex, Span};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub mod facts;
pub mod github;
pub mod human;
pub mod json;
pub mod junit;
pub mod sarif;

/// The report formats of `factlint check`. Plain data: the CLI maps its `--format` values onto
/// it, so no sink depends on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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

/// The files of a run by path: what the sinks, suppressions and fixes need of them.
///
/// A file is either *kept* (its text and line index: standard input, tests, small runs) or
/// *dropped*: its text was freed after analysis, and what stays is its line index, the
/// positions of the offsets reports may ask for (computed while the text was there), its
/// comments (for suppressions) and a hash. [`Sources::reload`] reads dropped files again (the
/// human report shows snippets, `--fix` rewrites files) and refuses a file that changed.
#[derive(Debug, Default)]
pub struct Sources {
    files: BTreeMap<String, SourceFile>,
}

#[derive(Debug, Clone)]
struct SourceFile {
    text: Option<String>,
    /// Where to read a dropped file again: the path as the OS gave it (the key is for display).
    origin: Option<PathBuf>,
    index: LineIndex,
    /// Offset → position, for dropped files.
    positions: BTreeMap<usize, LineCol>,
    comments: Vec<Comment>,
    hash: u64,
}

/// A comment of a file, for inline suppressions: span of its trimmed body, the body, and the
/// 1-based first and last line of the comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comment {
    pub span: Span,
    pub body: String,
    pub lines: (usize, usize),
}

impl SourceFile {
    fn new(path: &str, text: &str) -> Self {
        let index = LineIndex::new(text);
        let format = Format::from_path(Path::new(path));
        let comments = comments(text, format)
            .into_iter()
            .map(|(span, body)| Comment {
                lines: (
                    index.line_col(text, span.start).line,
                    index.line_col(text, span.end).line,
                ),
                span,
                body,
            })
            .collect();
        SourceFile {
            text: None,
            origin: None,
            index,
            positions: BTreeMap::new(),
            comments,
            hash: text_hash(text),
        }
    }
}

impl SourceFile {
    /// The position of an offset inside a comment's body, from the kept position of the body's
    /// start and the body text (dropped files keep comments, not every position in them).
    fn position_in_comment(&self, offset: usize) -> Option<LineCol> {
        let i = self.comments.partition_point(|c| c.span.start <= offset);
        let comment = &self.comments[..i].last()?;
        let inside = offset.checked_sub(comment.span.start)?;
        let before = comment.body.get(..inside)?;
        let start = self.positions.get(&comment.span.start)?;
        Some(match before.rfind('\n') {
            Some(newline) => LineCol {
                line: start.line + before.matches('\n').count(),
                column: before[newline + 1..].chars().count() + 1,
            },
            None => LineCol {
                line: start.line,
                column: start.column + before.chars().count(),
            },
        })
    }
}

/// FxHash of a text: tells a re-read file from a changed one.
fn text_hash(text: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = rustc_hash::FxHasher::default();
    text.hash(&mut h);
    h.finish()
}

/// A kept file that could not be read again as it was.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, miette::Diagnostic)]
#[error("{path}: {reason}")]
#[diagnostic(
    code(factlint::input::changed),
    help("the file was read once for checking and again for the report; run factlint again")
)]
pub struct ReloadError {
    pub path: String,
    pub reason: String,
}

impl Sources {
    /// Keep a file with its text.
    pub fn insert(&mut self, path: &str, text: &str) {
        self.insert_owned(path.to_string(), text.to_string());
    }

    /// [`Self::insert`] without copying the text.
    pub fn insert_owned(&mut self, path: String, text: String) {
        let mut file = SourceFile::new(&path, &text);
        file.text = Some(text);
        self.files.insert(path, file);
    }

    /// Add a dropped file, prepared by [`prepare_dropped`] (on a worker thread), to be read
    /// again from `path`.
    pub fn insert_prepared(&mut self, path: String, file: PreparedFile) {
        self.insert_prepared_from(path, None, file);
    }

    /// [`Self::insert_prepared`] for a file to be read again from `origin` (the path as the OS
    /// gave it), not from its display name.
    pub fn insert_prepared_from(
        &mut self,
        path: String,
        origin: Option<PathBuf>,
        file: PreparedFile,
    ) {
        let mut file = file.0;
        file.origin = origin;
        self.files.insert(path, file);
    }

    /// Where a file of the run is on disk (for `--fix`): the path the OS gave, else the name.
    pub fn origin(&self, path: &str) -> PathBuf {
        self.files
            .get(path)
            .and_then(|f| f.origin.clone())
            .unwrap_or_else(|| PathBuf::from(path))
    }

    /// The text of a kept (or reloaded) file.
    pub fn text(&self, path: &str) -> Option<&str> {
        self.files.get(path).and_then(|f| f.text.as_deref())
    }

    pub fn line_index(&self, path: &str) -> Option<&LineIndex> {
        self.files.get(path).map(|f| &f.index)
    }

    /// The comments of a file, in order.
    pub fn comments(&self, path: &str) -> &[Comment] {
        self.files.get(path).map_or(&[], |f| f.comments.as_slice())
    }

    /// 1-based line and character column of a byte offset in a file.
    pub fn line_col(&self, path: &str, offset: usize) -> LineCol {
        let Some(file) = self.files.get(path) else {
            return LineCol { line: 1, column: 1 };
        };
        match &file.text {
            Some(text) => file.index.line_col(text, floor_char(text, offset)),
            None => file
                .positions
                .get(&offset)
                .copied()
                .or_else(|| file.position_in_comment(offset))
                .unwrap_or_else(|| {
                    debug_assert!(false, "no position kept for {path}:{offset}");
                    LineCol {
                        line: file.index.line_of(offset) + 1,
                        column: 1,
                    }
                }),
        }
    }

    /// 1-based line of any byte offset (no column: needs no text).
    pub fn line(&self, path: &str, offset: usize) -> usize {
        self.files
            .get(path)
            .map_or(1, |f| f.index.line_of(offset) + 1)
    }

    /// Read the dropped files among `paths` again, checking that each is the text analysed.
    pub fn reload<'p>(
        &mut self,
        paths: impl IntoIterator<Item = &'p str>,
    ) -> Result<(), ReloadError> {
        for path in paths {
            let Some(file) = self.files.get_mut(path) else {
                continue;
            };
            if file.text.is_some() {
                continue;
            }
            let failed = |reason: String| ReloadError {
                path: path.to_string(),
                reason,
            };
            let origin = file.origin.clone().unwrap_or_else(|| PathBuf::from(path));
            let text = match crate::source::files::Input::File(origin).read() {
                Ok(source) => source.text,
                Err(e) => return Err(failed(e.to_string())),
            };
            if text_hash(&text) != file.hash {
                return Err(failed("changed while factlint was running".to_string()));
            }
            file.text = Some(text);
        }
        Ok(())
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

/// `offset` clamped to the text and moved back onto a char boundary.
fn floor_char(text: &str, offset: usize) -> usize {
    let mut at = offset.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// A dropped file, prepared away from the [`Sources`] it will join.
#[derive(Debug, Clone)]
pub struct PreparedFile(SourceFile);

/// What stays of a file once its text is freed: line index, comments, hash, and the
/// position of every offset in `offsets`.
pub fn prepare_dropped(
    path: &str,
    text: &str,
    offsets: impl IntoIterator<Item = usize>,
) -> PreparedFile {
    let mut file = SourceFile::new(path, text);
    // The start of each comment too: unused-suppression findings point into directives, and
    // positions inside a comment are computed from its start and its kept body.
    let in_comments: Vec<usize> = file.comments.iter().map(|c| c.span.start).collect();
    for offset in offsets.into_iter().chain(in_comments) {
        file.positions
            .entry(offset)
            .or_insert_with(|| file.index.line_col(text, floor_char(text, offset)));
    }
    PreparedFile(file)
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

/// `value` as pretty JSON and a newline, buffered into `out` (the JSON and SARIF sinks).
fn write_pretty_json(
    value: &impl serde::Serialize,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    use std::io::Write as _;
    let mut out = std::io::BufWriter::new(out);
    serde_json::to_writer_pretty(&mut out, value)?;
    out.write_all(b"\n")?;
    out.flush()
}

/// What a writing sink writes, as a string. Writing into a `Vec` cannot fail, nor can
/// serializing the sinks' plain structs of strings and numbers.
fn written(write: impl FnOnce(&mut Vec<u8>) -> std::io::Result<()>) -> String {
    let mut out = Vec::new();
    let _ = write(&mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// Write a whole report in the chosen format to `out`; JSON and SARIF are streamed.
pub fn write(
    format: OutputFormat,
    diagnostics: &[Diagnostic],
    sources: &Sources,
    style: HumanStyle,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    match format {
        OutputFormat::Json => json::write(diagnostics, sources, out),
        OutputFormat::Sarif => sarif::write(diagnostics, sources, out),
        _ => out.write_all(render(format, diagnostics, sources, style).as_bytes()),
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "سطر أول\n<!-- factlint: ignore[name-variant] -->\nفي عام 1949 وُلد.\n";

    #[test]
    fn a_dropped_file_answers_like_a_kept_one_for_the_offsets_it_kept() {
        let offsets: Vec<usize> = TEXT.char_indices().map(|(i, _)| i).collect();
        let mut kept = Sources::default();
        kept.insert("a.md", TEXT);
        let mut dropped = Sources::default();
        dropped.insert_prepared(
            "a.md".into(),
            prepare_dropped("a.md", TEXT, offsets.iter().copied()),
        );
        assert_eq!(dropped.text("a.md"), None);
        for &at in &offsets {
            assert_eq!(
                dropped.line_col("a.md", at),
                kept.line_col("a.md", at),
                "{at}"
            );
            assert_eq!(dropped.line("a.md", at), kept.line("a.md", at));
        }
        assert_eq!(dropped.comments("a.md"), kept.comments("a.md"));
        assert_eq!(kept.comments("a.md").len(), 1);
        let year = TEXT.find("1949").expect("year");
        assert_eq!(kept.line_col("a.md", year), LineCol { line: 3, column: 8 });
    }

    #[test]
    fn reloading_reads_the_same_text_and_refuses_a_changed_one() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("a.md");
        std::fs::write(&path, TEXT).expect("write");
        let name = crate::source::files::display(&path);
        let mut sources = Sources::default();
        sources.insert_prepared(name.clone(), prepare_dropped(&name, TEXT, [0]));
        sources.reload([name.as_str()]).expect("same text");
        assert_eq!(sources.text(&name), Some(TEXT));

        let mut changed = Sources::default();
        changed.insert_prepared(name.clone(), prepare_dropped(&name, TEXT, [0]));
        std::fs::write(&path, "another text\n").expect("write");
        let err = changed.reload([name.as_str()]).expect_err("changed");
        assert!(
            err.to_string()
                .contains("changed while factlint was running"),
            "{err}"
        );
    }
}
