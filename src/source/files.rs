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
    /// What to read, in run order (files sorted, deduplicated; standard input already read).
    pub sources: Vec<Input>,
    /// What went wrong finding them (missing paths, unreadable directories).
    pub events: Vec<InputEvent>,
}

/// One input of a run, read when its turn comes ([`Input::read`]) so that a run over a large
/// tree never holds every file at once.
#[derive(Debug, Clone)]
pub enum Input {
    File(PathBuf),
    /// Standard input, read (and decoded) while the inputs were gathered.
    Read(Result<SourceText, InputEvent>),
}

impl Input {
    /// The text, or why there is none (an error, or a binary file skipped).
    pub fn read(self) -> Result<SourceText, InputEvent> {
        match self {
            Input::File(path) => read_file(&path),
            Input::Read(read) => read,
        }
    }

    /// The path as reports show it.
    pub fn path(&self) -> String {
        match self {
            Input::File(path) => display(path),
            Input::Read(Ok(text)) => text.path.clone(),
            Input::Read(Err(_)) => "-".to_string(),
        }
    }
}

pub fn read_inputs(paths: &[PathBuf]) -> Inputs {
    read_inputs_excluding(paths, &GlobSet::empty())
}

/// The inputs named by `paths` (directories walked, `exclude` applied), not read yet.
pub fn read_inputs_excluding(paths: &[PathBuf], exclude: &GlobSet) -> Inputs {
    let mut files = Vec::new();
    let mut inputs = Inputs::default();
    let mut stdin = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            let mut bytes = Vec::new();
            let read = match std::io::stdin()
                .take(MAX_FILE_BYTES + 1)
                .read_to_end(&mut bytes)
            {
                Ok(_) => decode("-".into(), bytes),
                Err(e) => Err(unreadable("-", &e)),
            };
            stdin.push(Input::Read(read));
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
    inputs.sources = stdin
        .into_iter()
        .chain(files.into_iter().map(Input::File))
        .collect();
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

fn read_file(path: &Path) -> Result<SourceText, InputEvent> {
    let name = display(path);
    match std::fs::metadata(path) {
        Ok(meta) if meta.len() > MAX_FILE_BYTES => {
            return Err(InputEvent::TooLarge {
                path: name,
                size: meta.len(),
                limit: MAX_FILE_BYTES,
            });
        }
        Ok(_) => {}
        Err(e) => return Err(unreadable(&name, &e)),
    }
    match std::fs::read(path) {
        Ok(bytes) => decode(name, bytes),
        Err(e) => Err(unreadable(&name, &e)),
    }
}

fn decode(path: String, bytes: Vec<u8>) -> Result<SourceText, InputEvent> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        Err(InputEvent::TooLarge {
            path,
            size: bytes.len() as u64,
            limit: MAX_FILE_BYTES,
        })
    } else if bytes[..bytes.len().min(BINARY_PROBE)].contains(&0) {
        Err(InputEvent::Binary { path })
    } else {
        match String::from_utf8(bytes) {
            Ok(mut text) => {
                if text.starts_with('\u{FEFF}') {
                    text.replace_range(0..3, "   ");
                }
                Ok(SourceText { path, text })
            }
            Err(e) => Err(InputEvent::InvalidUtf8 {
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
        assert_eq!(
            decode("a.txt".into(), b"abc\xff".to_vec()).map(|t| t.text),
            Err(InputEvent::InvalidUtf8 {
                path: "a.txt".into(),
                offset: 3
            })
        );
        assert_eq!(
            decode("b.bin".into(), b"ab\0c".to_vec()).map(|t| t.text),
            Err(InputEvent::Binary {
                path: "b.bin".into()
            })
        );
        let bom = decode("c.txt".into(), "\u{FEFF}نص".as_bytes().to_vec());
        assert_eq!(bom.map(|t| t.text), Ok("   نص".to_string()));
    }
}
