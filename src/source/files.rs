//! Reading the inputs of a run: files, directories (recursive, honouring `.gitignore` via the
//! `ignore` crate, as ripgrep does) and `-` for standard input; and every other file factlint
//! reads ([`read_limited`]: configuration, rule packs, fact sheets, baselines).
//!
//! Text must be UTF-8: invalid UTF-8 is an error that names the file and the byte offset. Files
//! that look binary (a NUL byte in the first 8 KiB) are skipped with a note. In directories only
//! `.txt` and Markdown files are read; a file named explicitly is read whatever its extension.
//! Nothing here interprets the text.
//!
//! **Limits, in one place.** Inputs over [`MAX_FILE_BYTES`] and settings files (configuration,
//! packs, sheets, baselines) over [`MAX_SETTINGS_BYTES`] are refused, whatever their size claims
//! to be (reads stop at the limit, so `/dev/zero` cannot exhaust memory). Only regular files are
//! read: FIFOs, sockets and devices found by a directory walk are skipped with a note, and named
//! on the command line are an error (standard input, `-`, is the way to pipe text in), so a run
//! never blocks on a pipe nobody writes to.
//!
//! **Names.** A file keeps the path the OS gave ([`Input::File`]); reports show it with
//! [`display`], which keeps every separator as it is and writes bytes that are not UTF-8 as
//! `\xNN`, and every re-read (reports, `--fix`) uses the original path.

use globset::GlobSet;
use std::io::Read;
use std::path::{Path, PathBuf};

/// Larger inputs are refused with an error rather than read into memory.
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;
/// Larger configuration files, rule packs, fact sheets and baselines are refused.
pub const MAX_SETTINGS_BYTES: u64 = 64 * 1024 * 1024;
const BINARY_PROBE: usize = 8 * 1024;
const TEXT_EXTENSIONS: &[&str] = &["txt", "text", "md", "markdown", "mdown", "mkd"];

/// Why a file could not be read by [`read_limited`].
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("not a regular file ({kind}); factlint reads files, directories and `-`")]
    NotRegular { kind: &'static str },
    #[error("larger than the {limit}-byte limit")]
    TooLarge { size: u64, limit: u64 },
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

/// The bytes of a regular file, at most `limit` of them: anything else is an error, decided
/// before the file is opened (opening a FIFO would block) and while reading (a file may grow, a
/// device may claim any size).
pub fn read_limited(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let meta = std::fs::metadata(path)?;
    if !meta.is_file() {
        return Err(ReadError::NotRegular {
            kind: file_kind(&meta.file_type()),
        });
    }
    if meta.len() > limit {
        return Err(ReadError::TooLarge {
            size: meta.len(),
            limit,
        });
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    std::fs::File::open(path)?
        .take(limit + 1)
        .read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge {
            size: bytes.len() as u64,
            limit,
        });
    }
    Ok(bytes)
}

/// [`read_limited`] for a settings file, as UTF-8 text.
pub fn read_settings(path: &Path) -> Result<String, ReadError> {
    let bytes = read_limited(path, MAX_SETTINGS_BYTES)?;
    String::from_utf8(bytes).map_err(|e| {
        ReadError::Io(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!("invalid UTF-8 at byte {}", e.utf8_error().valid_up_to()),
        ))
    })
}

/// What kind of file a non-regular file is, for messages.
fn file_kind(file_type: &std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return "a FIFO";
        }
        if file_type.is_char_device() || file_type.is_block_device() {
            return "a device";
        }
        if file_type.is_socket() {
            return "a socket";
        }
    }
    if file_type.is_dir() {
        "a directory"
    } else {
        "a special file"
    }
}

/// A text read successfully.
#[derive(Debug, Clone)]
pub struct SourceText {
    /// As given on the command line or found by the walk, for display ([`display`]); `-` for
    /// standard input.
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
    #[error("{path}: skipped, not a regular file ({kind})")]
    #[diagnostic(code(factlint::input::special), severity(Advice))]
    Special { path: String, kind: &'static str },
    #[error("{path}: not a regular file ({kind}); pipe its text to `factlint check -` instead")]
    #[diagnostic(code(factlint::input::special))]
    NotRegular { path: String, kind: &'static str },
}

impl InputEvent {
    /// Errors make the run exit with status 2; notes don't.
    pub fn is_error(&self) -> bool {
        !matches!(self, InputEvent::Binary { .. } | InputEvent::Special { .. })
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

    /// The path to read the file from again (none for standard input).
    pub fn origin(&self) -> Option<PathBuf> {
        match self {
            Input::File(path) => Some(path.clone()),
            Input::Read(_) => None,
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
        } else {
            match std::fs::metadata(path) {
                Ok(meta) if meta.is_dir() => files.extend(walk(path, exclude, &mut inputs.events)),
                Ok(_) => files.push(path.clone()),
                // A dangling or looping symlink exists, and says why it cannot be read.
                Err(e) if std::fs::symlink_metadata(path).is_ok() => {
                    inputs.events.push(unreadable(&display(path), &e));
                }
                Err(_) => inputs.events.push(InputEvent::Missing {
                    path: display(path),
                }),
            }
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
            Ok(e) if !has_text_extension(e.path()) => {}
            Ok(e) => match e.file_type() {
                Some(t) if t.is_file() => out.push(e.into_path()),
                Some(t) if !t.is_dir() && !t.is_symlink() => events.push(InputEvent::Special {
                    path: display(e.path()),
                    kind: file_kind(&t),
                }),
                _ => {}
            },
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
    match read_limited(path, MAX_FILE_BYTES) {
        Ok(bytes) => decode(name, bytes),
        Err(ReadError::TooLarge { size, limit }) => Err(InputEvent::TooLarge {
            path: name,
            size,
            limit,
        }),
        Err(ReadError::NotRegular { kind }) => Err(InputEvent::NotRegular { path: name, kind }),
        Err(ReadError::Io(e)) => Err(unreadable(&name, &e)),
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
            // A byte-order mark stays: offsets and character columns are the file's own, and
            // normalization drops it as an invisible character.
            Ok(text) => Ok(SourceText { path, text }),
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

/// A path as reports show it: as the OS gave it, separators untouched; bytes that are not
/// UTF-8 are written `\xNN`, so two names never show the same (only display: files are read
/// through the original path).
pub fn display(path: &Path) -> String {
    let bytes = path.as_os_str().as_encoded_bytes();
    let mut out = String::with_capacity(bytes.len());
    for chunk in bytes.utf8_chunks() {
        out.push_str(chunk.valid());
        for byte in chunk.invalid() {
            out.push_str(&format!("\\x{byte:02X}"));
        }
    }
    out
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
        assert_eq!(bom.map(|t| t.text), Ok("\u{FEFF}نص".to_string()));
    }

    #[test]
    fn names_keep_their_separators() {
        assert_eq!(display(Path::new("a\\b.md")), "a\\b.md");
        assert_eq!(display(Path::new("د/ملف.md")), "د/ملف.md");
    }

    #[cfg(unix)]
    #[test]
    fn names_that_are_not_utf8_are_escaped_for_display() {
        use std::os::unix::ffi::OsStrExt;
        let name = std::ffi::OsStr::from_bytes(b"a\xffb.md");
        assert_eq!(display(Path::new(name)), "a\\xFFb.md");
    }

    #[cfg(unix)]
    #[test]
    fn devices_are_refused_without_reading_them() {
        let zero = Path::new("/dev/zero");
        if zero.exists() {
            assert!(matches!(
                read_limited(zero, 16),
                Err(ReadError::NotRegular { kind: "a device" })
            ));
        }
    }

    #[test]
    fn reads_stop_at_the_limit() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("big.toml");
        std::fs::write(&path, "x".repeat(100)).expect("write");
        assert!(matches!(
            read_limited(&path, 99),
            Err(ReadError::TooLarge { size: 100, .. })
        ));
        assert_eq!(read_limited(&path, 100).map(|b| b.len()).ok(), Some(100));
    }
}
