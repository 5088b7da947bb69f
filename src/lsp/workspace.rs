//! The workspace as the server sees it: where `factlint.toml` is, the engine built from it (its
//! packs and fact sheets), which files are documents to check, and how paths and URIs map.
//!
//! A broken config, pack or sheet never stops the server: it becomes a [`Problem`] (published
//! as a diagnostic on that file) and checking goes on with the last settings that loaded, or
//! the shipped defaults.
//!
//! Not here: reading or analysing documents ([`super::server`]).

use crate::cli::config::{Config, FILE_NAME};
use crate::engine::{Engine, Selection, SetupError};
use crate::rules::PackError;
use crate::source::files::{Input, read_inputs_excluding};
use lsp_types::Url;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The engine and the settings it was built from.
pub struct Setup {
    pub engine: Arc<Engine>,
    pub config: Config,
    pub selection: Selection,
    /// Files whose change means building the engine again: the config (or where one would be
    /// found), its packs and fact sheets.
    pub inputs: Vec<PathBuf>,
    /// What went wrong loading them (empty when all is well).
    pub problems: Vec<Problem>,
}

/// A mistake in a settings file, to show as a diagnostic on it.
#[derive(Debug, Clone)]
pub struct Problem {
    /// The file's key ([`key_of_path`]); `None` when no file is to blame (shipped tables).
    pub file: Option<String>,
    /// The file's text, to turn `span` into a position.
    pub text: String,
    pub span: Option<Range<usize>>,
    pub message: String,
    pub help: Option<String>,
}

/// Load the settings of the workspace whose folders are `roots` (the first one's
/// `factlint.toml`, found as the CLI finds it: that folder, then upwards). On a problem, the
/// engine and config are `fallback`'s, or the shipped defaults.
pub fn load(roots: &[PathBuf], fallback: Option<&Setup>) -> Result<Setup, SetupError> {
    let config_path = find_config(roots);
    let mut problems = Vec::new();
    let loaded = config_path
        .as_deref()
        .map_or_else(|| Ok(Config::default()), Config::load)
        .map_err(|e| pack_problem(&e, None));
    let mut inputs: Vec<PathBuf> = config_path.iter().cloned().collect();
    let built = loaded.and_then(|config| {
        inputs.extend(config.packs.iter().chain(&config.facts).cloned());
        let files = config
            .user_packs()
            .and_then(|packs| Ok((packs, config.fact_sheets(&[])?)))
            .map_err(|e| pack_problem(&e, config.path.as_deref()))?;
        match Engine::new(files.0, &files.1) {
            Ok(engine) => Ok((engine, config)),
            Err(SetupError::Pack(e)) => Err(pack_problem(&e, config.path.as_deref())),
            Err(e) => Err(Problem {
                file: None,
                text: String::new(),
                span: None,
                message: e.to_string(),
                help: None,
            }),
        }
    });
    let (engine, config) = match built {
        Ok((engine, config)) => (Arc::new(engine), config),
        Err(problem) => {
            problems.push(problem);
            match fallback {
                Some(previous) => (previous.engine.clone(), previous.config.clone()),
                None => (Arc::new(Engine::new(Vec::new(), &[])?), Config::default()),
            }
        }
    };
    let selection = Selection {
        disabled: config.disable.clone(),
    };
    Ok(Setup {
        engine,
        config,
        selection,
        inputs,
        problems,
    })
}

/// The nearest `factlint.toml` from the first workspace folder upwards.
fn find_config(roots: &[PathBuf]) -> Option<PathBuf> {
    let start = roots.first()?;
    start
        .ancestors()
        .map(|dir| dir.join(FILE_NAME))
        .find(|p| p.is_file())
}

/// A pack, sheet or config error as a problem on its file. An unreadable file (a pack listed in
/// the config that is not there) is blamed on the config, where its name is written.
fn pack_problem(error: &PackError, config: Option<&Path>) -> Problem {
    let name = error.source_code.name();
    let mut text = error.source_code.inner().clone();
    let mut span = error
        .span
        .map(|s| s.offset()..s.offset() + s.len())
        .filter(|r| r.end <= text.len());
    let mut file = name.to_string();
    let message = error
        .message
        .strip_prefix(&format!("{name}: "))
        .unwrap_or(&error.message)
        .to_string();
    if text.is_empty()
        && let Some(config) = config.filter(|c| *c != Path::new(name))
        && let Ok(config_text) = std::fs::read_to_string(config)
    {
        let listed = Path::new(name)
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        span = config_text
            .find(&listed)
            .filter(|_| !listed.is_empty())
            .map(|at| at..at + listed.len());
        file = key_of_path(config);
        text = config_text;
    } else if text.is_empty() {
        text = std::fs::read_to_string(name).unwrap_or_default();
    }
    Problem {
        file: Some(key_of_path(Path::new(&file))),
        text,
        span,
        message,
        help: error.help.clone(),
    }
}

/// The documents of the workspace: Markdown and text files under its folders, as `factlint
/// check FOLDER` finds them (`.gitignore` honoured, the config's `exclude` applied), as keys.
pub fn documents(roots: &[PathBuf], config: &Config) -> Vec<String> {
    let inputs = read_inputs_excluding(roots, &config.exclude);
    let mut keys: Vec<String> = inputs
        .sources
        .iter()
        .filter_map(|input| match input {
            Input::File(path) => Some(key_of_path(path)),
            Input::Read(_) => None,
        })
        .collect();
    keys.sort();
    keys.dedup();
    keys
}

/// The key the engine knows a document by: its path for `file:` URIs, the URI otherwise
/// (an unsaved buffer).
pub fn key_of(uri: &Url) -> String {
    match uri.to_file_path() {
        Ok(path) if uri.scheme() == "file" => key_of_path(&path),
        _ => uri.to_string(),
    }
}

pub fn key_of_path(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

/// The URI of a key ([`key_of`] backwards).
pub fn uri_of(key: &str) -> Option<Url> {
    if Path::new(key).is_absolute() {
        Url::from_file_path(key).ok()
    } else {
        Url::parse(key).ok()
    }
}

/// A key for display: relative to the first workspace folder when it is inside it.
pub fn display(key: &str, roots: &[PathBuf]) -> String {
    roots
        .iter()
        .find_map(|root| Path::new(key).strip_prefix(root).ok())
        .map_or_else(|| key.to_string(), key_of_path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_and_uris_round_trip() {
        let uri = Url::parse("file:///tmp/a%20b/%D9%86%D8%B5.md").expect("uri");
        let key = key_of(&uri);
        assert_eq!(key, "/tmp/a b/نص.md");
        assert_eq!(uri_of(&key), Some(uri));
        let untitled = Url::parse("untitled:Untitled-1").expect("uri");
        assert_eq!(uri_of(&key_of(&untitled)), Some(untitled));
    }

    #[test]
    fn a_broken_config_is_a_problem_on_it_and_defaults_are_used() {
        let dir = tempfile::tempdir().expect("tempdir");
        let config = dir.path().join(FILE_NAME);
        std::fs::write(
            &config,
            "packs = [\"missing.toml\"]\ndisable = [\"nope\"]\n",
        )
        .expect("w");
        let setup = load(&[dir.path().to_path_buf()], None).expect("shipped engine");
        assert_eq!(setup.problems.len(), 1);
        let problem = &setup.problems[0];
        assert_eq!(problem.file.as_deref(), Some(key_of_path(&config).as_str()));
        let span = problem.span.clone().expect("points at the code");
        assert_eq!(&problem.text[span], "\"nope\"");
        assert!(setup.config.disable.is_empty());
    }

    #[test]
    fn a_missing_pack_is_blamed_on_the_line_that_lists_it() {
        let dir = tempfile::tempdir().expect("tempdir");
        let config = dir.path().join(FILE_NAME);
        std::fs::write(&config, "packs = [\"rules/missing.toml\"]\n").expect("write");
        let setup = load(&[dir.path().to_path_buf()], None).expect("shipped engine");
        let problem = &setup.problems[0];
        assert_eq!(problem.file.as_deref(), Some(key_of_path(&config).as_str()));
        let span = problem.span.clone().expect("points at the name");
        assert_eq!(&problem.text[span], "missing.toml");
        assert!(
            problem.message.contains("cannot read"),
            "{}",
            problem.message
        );
    }
}
