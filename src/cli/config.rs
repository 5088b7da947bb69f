//! `factlint.toml`: found by walking up from the working directory (`--config FILE` overrides,
//! `--no-config` ignores it). Unknown keys are errors pointing into the file.
//!
//! Keys today: `packs` (user rule packs, paths relative to the config file). Checks, severities,
//! globs, fact sheets and aliases come with the CI-gate work.

use crate::rules::PackError;
use serde::Deserialize;
use std::path::{Path, PathBuf};

pub const FILE_NAME: &str = "factlint.toml";

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    #[serde(default)]
    packs: Vec<String>,
    #[serde(default)]
    facts: Vec<String>,
}

/// A loaded configuration (defaults when no file was found).
#[derive(Debug, Clone, Default)]
pub struct Config {
    /// The file it came from, if any.
    pub path: Option<PathBuf>,
    pub packs: Vec<PathBuf>,
    /// Reference fact sheets.
    pub facts: Vec<PathBuf>,
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
        let name = path.to_string_lossy().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| {
            Box::new(PackError::new(
                &name,
                "",
                None,
                format!("cannot read config: {e}"),
            ))
        })?;
        let raw: RawConfig = toml::from_str(&text).map_err(|e| {
            Box::new(
                PackError::new(&name, &text, e.span(), e.message().trim().to_string()).with_help(
                    "factlint.toml keys: packs = [\"pack.toml\", …], facts = [\"sheet.toml\", …]",
                ),
            )
        })?;
        let base = path.parent().unwrap_or(Path::new("."));
        Ok(Config {
            path: Some(path.to_path_buf()),
            packs: raw.packs.iter().map(|p| base.join(p)).collect(),
            facts: raw.facts.iter().map(|p| base.join(p)).collect(),
        })
    }

    /// The user packs as `(name, TOML text)`.
    pub fn user_packs(&self) -> Result<Vec<(String, String)>, Box<PackError>> {
        self.read_all(&self.packs, "packs")
    }

    /// The fact sheets (config ones, then `extra`) as `(name, TOML text)`.
    pub fn fact_sheets(&self, extra: &[PathBuf]) -> Result<Vec<(String, String)>, Box<PackError>> {
        let all: Vec<PathBuf> = self.facts.iter().chain(extra).cloned().collect();
        self.read_all(&all, "facts")
    }

    fn read_all(
        &self,
        paths: &[PathBuf],
        key: &str,
    ) -> Result<Vec<(String, String)>, Box<PackError>> {
        paths
            .iter()
            .map(|p| {
                let name = p.to_string_lossy().to_string();
                std::fs::read_to_string(p)
                    .map(|text| (name.clone(), text))
                    .map_err(|e| {
                        let config = self
                            .path
                            .as_ref()
                            .map_or(String::new(), |c| c.to_string_lossy().to_string());
                        Box::new(
                            PackError::new(&name, "", None, format!("cannot read {name}: {e}"))
                                .with_help(format!(
                                    "listed in `{key}` of {config} or given with --facts"
                                )),
                        )
                    })
            })
            .collect()
    }
}
