//! Reading the inputs of a run: files, directories (recursive, honouring `.gitignore` via the
//! `ignore` crate, as ripgrep does) and `-` for standard input.
//!
//! Text must be UTF-8: invalid UTF-8 is an error that names the file and the byte offset. Files
//! that look binary (a NUL byte in the first 8 KiB) are skipped with a note. Files over
//! [`MAX_FILE_BYTES`] are refused. In directories only `.txt` and Markdown files are read; a file
//! named explicitly is read whatever its extension. Nothing here interprets the text.

use globset::GlobSet;
use std::io::Read;
use std::path::{Path, PathBuf};

/// Larger files are refused with an error rather than read into memory.
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;
const BINARY_PROBE: usize = 8 * 1024;
const TEXT_EXTENSIONS: &[&str] = &["txt", "text", "md", "markdown", "mdown", "mkd"];

/// A text read successfully.
#[derive(Debug, Clone)]
pub struct SourceText {
    /// As given on the command line or found by the walk; `-` for standard input.
    pub path: String,
    pub text: String,
}

/// Something about an input that is not a finding.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, miette::Diagnostic)]
pub enum InputEvent {
    #[error("{path}: no such file or directory")]
    #[diagnostic(
        code(factlint::input::missing),
        help("check the path; factlint reads files, directories and `-` for standard input")
    )]
    Missing { path: String },
    #[error("{path}: invalid UTF-8 at byte {offset}")]
    #[diagnostic(
        code(factlint::input::encoding),
        help("factlint reads UTF-8 only; convert the file, e.g. `iconv -f WINDOWS-1256 -t UTF-8`")
    )]
    InvalidUtf8 { path: String, offset: usize },
    #[error("{path}: {size} bytes is larger than the {limit}-byte limit")]
    #[diagnostic(
        code(factlint::input::too_large),
        help("split the document, or check that this is really prose")
    )]
    TooLarge { path: String, size: u64, limit: u64 },
    #[error("{path}: {message}")]
    #[diagnostic(code(factlint::input::io))]
    Unreadable { path: String, message: String },
    #[error("{path}: skipped, looks like a binary file")]
    #[diagnostic(code(factlint::input::binary), severity(Advice))]
    Binary { path: String },
}

impl InputEvent {
    /// Errors make the run exit with status 2; notes don't.
    pub fn is_error(&self) -> bool {
        !matches!(self, InputEvent::Binary { .. })
    }
}

/// The texts and input events of a run, in a deterministic (sorted, deduplicated) path order.
#[derive(Debug, Default)]
pub struct Inputs {
    pub texts: Vec<SourceText>,
    pub events: Vec<InputEvent>,
}

/// Read every path (`-` = standard input).
pub fn read_inputs(paths: &[PathBuf]) -> Inputs {
    read_inputs_excluding(paths, &GlobSet::empty())
}

/// Read every path (`-` = standard input); directory walks skip files and directories that match
/// `exclude` (by their path relative to the walked directory, or as displayed). Paths named
/// explicitly are always read.
pub fn read_inputs_excluding(paths: &[PathBuf], exclude: &GlobSet) -> Inputs {
    let mut files = Vec::new();
    let mut inputs = Inputs::default();
    for path in paths {
        if path.as_os_str() == "-" {
            let mut bytes = Vec::new();
            match std::io::stdin()
                .take(MAX_FILE_BYTES + 1)
                .read_to_end(&mut bytes)
            {
                Ok(_) => push_decoded("-".into(), bytes, &mut inputs),
                Err(e) => inputs.events.push(unreadable("-", &e)),
            }
        } else if path.is_dir() {
            files.extend(walk(path, exclude, &mut inputs.events));
        } else if path.exists() {
            files.push(path.clone());
        } else {
            inputs.events.push(InputEvent::Missing {
                path: display(path),
            });
        }
    }
    files.sort();
    files.dedup();
    for file in files {
        read_file(&file, &mut inputs);
    }
    inputs
}

fn walk(dir: &Path, exclude: &GlobSet, events: &mut Vec<InputEvent>) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut builder = ignore::WalkBuilder::new(dir);
    if !exclude.is_empty() {
        let (exclude, root) = (exclude.clone(), dir.to_path_buf());
        builder.filter_entry(move |e| {
            let relative = e.path().strip_prefix(&root).unwrap_or(e.path());
            e.depth() == 0 || !(exclude.is_match(relative) || exclude.is_match(display(e.path())))
        });
    }
    for entry in builder.build() {
        match entry {
            Ok(e) if e.file_type().is_some_and(|t| t.is_file()) && has_text_extension(e.path()) => {
                out.push(e.into_path());
            }
            Ok(_) => {}
            Err(e) => events.push(InputEvent::Unreadable {
                path: display(dir),
                message: e.to_string(),
            }),
        }
    }
    out
}

fn has_text_extension(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| TEXT_EXTENSIONS.iter().any(|t| e.eq_ignore_ascii_case(t)))
}

fn read_file(path: &Path, inputs: &mut Inputs) {
    let name = display(path);
    match std::fs::metadata(path) {
        Ok(meta) if meta.len() > MAX_FILE_BYTES => {
            inputs.events.push(InputEvent::TooLarge {
                path: name,
                size: meta.len(),
                limit: MAX_FILE_BYTES,
            });
            return;
        }
        Ok(_) => {}
        Err(e) => {
            inputs.events.push(unreadable(&name, &e));
            return;
        }
    }
    match std::fs::read(path) {
        Ok(bytes) => push_decoded(name, bytes, inputs),
        Err(e) => inputs.events.push(unreadable(&name, &e)),
    }
}

/// Decode bytes as UTF-8 text, or record why not.
fn push_decoded(path: String, bytes: Vec<u8>, inputs: &mut Inputs) {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        inputs.events.push(InputEvent::TooLarge {
            path,
            size: bytes.len() as u64,
            limit: MAX_FILE_BYTES,
        });
    } else if bytes[..bytes.len().min(BINARY_PROBE)].contains(&0) {
        inputs.events.push(InputEvent::Binary { path });
    } else {
        match String::from_utf8(bytes) {
            Ok(mut text) => {
                if text.starts_with('\u{FEFF}') {
                    // A BOM is not text; replacing it keeps every offset valid.
                    text.replace_range(0..3, "   ");
                }
                inputs.texts.push(SourceText { path, text });
            }
            Err(e) => inputs.events.push(InputEvent::InvalidUtf8 {
                path,
                offset: e.utf8_error().valid_up_to(),
            }),
        }
    }
}

fn unreadable(path: &str, e: &std::io::Error) -> InputEvent {
    InputEvent::Unreadable {
        path: path.to_string(),
        message: e.to_string(),
    }
}

/// Paths as the user typed them, with `/` separators.
fn display(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decoding_reports_offsets_and_binaries() {
        let mut inputs = Inputs::default();
        push_decoded("a.txt".into(), b"abc\xff".to_vec(), &mut inputs);
        push_decoded("b.bin".into(), b"ab\0c".to_vec(), &mut inputs);
        push_decoded(
            "c.txt".into(),
            "\u{FEFF}نص".as_bytes().to_vec(),
            &mut inputs,
        );
        assert_eq!(
            inputs.events,
            [
                InputEvent::InvalidUtf8 {
                    path: "a.txt".into(),
                    offset: 3
                },
                InputEvent::Binary {
                    path: "b.bin".into()
                },
            ]
        );
        assert_eq!(inputs.texts[0].text, "   نص");
    }
}
