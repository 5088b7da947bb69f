//! `factlint.toml`: found by walking up from the working directory (`--config FILE` overrides,
//! `--no-config` ignores it). Unknown keys and bad values are errors pointing into the file.
//!
//! Keys: `packs` (user rule packs) and `facts` (reference fact sheets), paths relative to the
//! config file; `disable` (codes of checks to skip), `severity` (a code → `"error"` or
//! `"warning"`, overriding the check's own), `exclude` (globs, matched against paths found by
//! directory walks; files named on the command line are always read). `factlint init` writes a
//! commented starter file ([`STARTER`]).

use crate::check::by_code;
use crate::diagnostic::Severity;
use crate::gate::suppress;
use crate::rules::{FileKind, PackError};
use crate::source::files::{display, read_settings};
use globset::{Glob, GlobSet, GlobSetBuilder};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use toml::Spanned;

pub const FILE_NAME: &str = "factlint.toml";

const KEYS_HELP: &str = "factlint.toml keys: packs = [\"pack.toml\", …], facts = [\"sheet.toml\", …], \
     disable = [\"code\", …], severity = { code = \"error\" | \"warning\" }, exclude = [\"glob\", …], \
     translation = [{ source = \"glob\", translation = \"glob\" }, …]";

/// What `factlint init` writes: every key, commented out, with what it does.
pub const STARTER: &str = r#"# factlint configuration (https://github.com/factlint/factlint).
# factlint finds this file by walking up from the working directory; unknown keys are errors.

# User rule packs, relative to this file.
# packs = ["rules/my-pack.toml"]

# Reference fact sheets: known-good facts the text must agree with (reference-conflict).
# facts = ["refs/facts.toml"]

# Checks to skip (see `factlint explain` for the codes).
# disable = ["weekday-mismatch"]

# Severity overrides: "error" fails the run (with the default --fail-on error), "warning" does not.
# severity = { name-variant = "error", unused-suppression = "error" }

# Globs of files that directory walks skip (files named on the command line are always read).
# exclude = ["drafts/**", "**/CHANGELOG.md"]

# Texts and their translations, compared by `factlint check` (translation-mismatch) whenever one
# of a pair is checked; files pair by path relative to each glob's folder, else by stem.
# translation = [{ source = "en/**/*.md", translation = "ar/**/*.md" }]
"#;

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    #[serde(default)]
    packs: Vec<Spanned<String>>,
    #[serde(default)]
    facts: Vec<Spanned<String>>,
    #[serde(default)]
    disable: Vec<Spanned<String>>,
    #[serde(default)]
    severity: BTreeMap<Spanned<String>, Severity>,
    #[serde(default)]
    exclude: Vec<Spanned<String>>,
    #[serde(default)]
    translation: Vec<RawTranslation>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTranslation {
    source: Spanned<String>,
    translation: Spanned<String>,
}

/// A `[[translation]]` table: globs of source texts and of their translations, relative to
/// [`Config::base`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Translation {
    pub source: String,
    pub translation: String,
}

/// A loaded configuration (defaults when no file was found).
#[derive(Debug, Clone, Default)]
pub struct Config {
    /// The file it came from, if any.
    pub path: Option<PathBuf>,
    pub packs: Vec<PathBuf>,
    /// Reference fact sheets.
    pub facts: Vec<PathBuf>,
    /// Codes of checks to skip.
    pub disable: Vec<String>,
    /// Severity per code, replacing the check's own.
    pub severity: BTreeMap<String, Severity>,
    /// Globs that directory walks skip (empty set: nothing excluded).
    pub exclude: GlobSet,
    /// Texts and their translations (`[[translation]]`), compared by `factlint check`.
    pub translations: Vec<Translation>,
    /// The folder of the config file: `translation` globs are relative to it.
    pub base: PathBuf,
}

/// A code that `disable` and `severity` accept: a registered check or `unused-suppression`.
pub fn is_known_code(code: &str) -> bool {
    by_code(code).is_some() || code == suppress::CODE
}

impl Config {
    /// `explicit`, else the nearest `factlint.toml` from the working directory upwards.
    pub fn discover(explicit: Option<&Path>) -> Result<Config, Box<PackError>> {
        let path = match explicit {
            Some(p) => Some(p.to_path_buf()),
            None => std::env::current_dir().ok().and_then(|dir| {
                dir.ancestors()
                    .map(|d| d.join(FILE_NAME))
                    .find(|p| p.is_file())
            }),
        };
        match path {
            Some(p) => Config::load(&p),
            None => Ok(Config::default()),
        }
    }

    pub fn load(path: &Path) -> Result<Config, Box<PackError>> {
        let name = display(path);
        let text = read_settings(path).map_err(|e| {
            Box::new(
                PackError::new(
                    &name,
                    "",
                    None,
                    format!("cannot read the configuration: {e}"),
                )
                .in_file(FileKind::Config),
            )
        })?;
        let mut config = Config::parse(&name, &text, path.parent().unwrap_or(Path::new(".")))?;
        config.path = Some(path.to_path_buf());
        Ok(config)
    }

    /// Parse the text of a config file named `name`; relative paths are resolved against `base`.
    pub fn parse(name: &str, text: &str, base: &Path) -> Result<Config, Box<PackError>> {
        let error = |span: Option<std::ops::Range<usize>>, message: String| {
            Box::new(
                PackError::new(name, text, span, message)
                    .with_help(KEYS_HELP)
                    .in_file(FileKind::Config),
            )
        };
        let raw: RawConfig =
            toml::from_str(text).map_err(|e| error(e.span(), e.message().trim().to_string()))?;
        let unknown = |code: &Spanned<String>| {
            error(
                Some(code.span()),
                format!(
                    "unknown check `{}` (see `factlint explain`)",
                    code.get_ref()
                ),
            )
        };
        for code in raw.disable.iter().chain(raw.severity.keys()) {
            if !is_known_code(code.get_ref()) {
                return Err(unknown(code));
            }
        }
        for path in raw.packs.iter().chain(&raw.facts) {
            if path.get_ref().trim().is_empty() {
                return Err(error(
                    Some(path.span()),
                    "an empty path; name a TOML file relative to this file".to_string(),
                ));
            }
        }
        let mut globs = GlobSetBuilder::new();
        for pattern in &raw.exclude {
            let glob = Glob::new(pattern.get_ref())
                .map_err(|e| error(Some(pattern.span()), format!("invalid glob: {}", e.kind())))?;
            globs.add(glob);
        }
        let exclude = globs
            .build()
            .map_err(|e| error(None, format!("invalid globs: {e}")))?;
        for t in &raw.translation {
            for pattern in [&t.source, &t.translation] {
                if pattern.get_ref().trim().is_empty() {
                    return Err(error(
                        Some(pattern.span()),
                        "an empty glob; name the files relative to this file".to_string(),
                    ));
                }
                Glob::new(pattern.get_ref()).map_err(|e| {
                    error(Some(pattern.span()), format!("invalid glob: {}", e.kind()))
                })?;
            }
        }
        Ok(Config {
            path: Some(PathBuf::from(name)),
            packs: raw.packs.iter().map(|p| base.join(p.get_ref())).collect(),
            facts: raw.facts.iter().map(|p| base.join(p.get_ref())).collect(),
            disable: raw.disable.into_iter().map(Spanned::into_inner).collect(),
            severity: raw
                .severity
                .into_iter()
                .map(|(code, severity)| (code.into_inner(), severity))
                .collect(),
            exclude,
            translations: raw
                .translation
                .into_iter()
                .map(|t| Translation {
                    source: t.source.into_inner(),
                    translation: t.translation.into_inner(),
                })
                .collect(),
            base: base.to_path_buf(),
        })
    }

    /// The user packs as `(name, TOML text)`.
    pub fn user_packs(&self) -> Result<Vec<(String, String)>, Box<PackError>> {
        let listed = self.listed_in("packs");
        self.packs
            .iter()
            .map(|p| read_listed(p, FileKind::Pack, &listed))
            .collect()
    }

    /// The fact sheets (config ones, then `extra`, from `--facts`) as `(name, TOML text)`.
    pub fn fact_sheets(&self, extra: &[PathBuf]) -> Result<Vec<(String, String)>, Box<PackError>> {
        let listed = self.listed_in("facts");
        let configured = self.facts.iter().map(|p| (p, listed.as_str()));
        let given = extra.iter().map(|p| (p, "given with --facts"));
        configured
            .chain(given)
            .map(|(p, origin)| read_listed(p, FileKind::Sheet, origin))
            .collect()
    }

    /// Where the paths of `key` come from, for messages.
    fn listed_in(&self, key: &str) -> String {
        match &self.path {
            Some(config) => format!("listed in `{key}` of {}", display(config)),
            None => format!("listed in `{key}`"),
        }
    }
}

/// A settings file named by the configuration or the command line, as `(name, text)`.
fn read_listed(
    path: &Path,
    kind: FileKind,
    origin: &str,
) -> Result<(String, String), Box<PackError>> {
    let name = display(path);
    match read_settings(path) {
        Ok(text) => Ok((name, text)),
        Err(e) => Err(Box::new(
            PackError::new(&name, "", None, format!("cannot read: {e}"))
                .with_help(origin.to_string())
                .in_file(kind),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn starter_parses_and_every_commented_key_is_accepted() {
        let starter = Config::parse("s.toml", STARTER, Path::new(".")).expect("starter parses");
        assert!(starter.disable.is_empty() && starter.exclude.is_empty());
        let uncommented: String = STARTER
            .lines()
            .filter_map(|l| l.strip_prefix("# "))
            .filter(|l| l.contains(" = "))
            .map(|l| format!("{l}\n"))
            .collect();
        let all = Config::parse("s.toml", &uncommented, Path::new(".")).expect("keys parse");
        assert_eq!(all.disable, ["weekday-mismatch"]);
        assert_eq!(all.severity.get("name-variant"), Some(&Severity::Error));
        assert!(all.exclude.is_match("drafts/a.md"));
        assert_eq!(all.translations.len(), 1);
    }

    #[test]
    fn a_bad_translation_glob_points_into_the_file() {
        let text = "[[translation]]\nsource = \"en/[*.md\"\ntranslation = \"ar/*.md\"\n";
        let err = Config::parse("f.toml", text, Path::new(".")).expect_err("bad glob");
        assert!(err.to_string().contains("invalid glob"), "{err}");
        let text = "[[translation]]\nsource = \"en/*.md\"\n";
        assert!(Config::parse("f.toml", text, Path::new(".")).is_err());
    }
}
