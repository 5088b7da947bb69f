//! Which file is the translation of which: two files, two directories (files pair by relative
//! path, else by relative folder and stem, the name up to its first dot, so `ch1.en.md` pairs
//! with `ch1.ar.md`), or the `source` and `translation` globs of a `[[translation]]` table
//! (paired the same way, relative to the literal folder each glob starts with).

use crate::source::files::display;
use globset::Glob;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pair {
    pub source: PathBuf,
    pub translation: PathBuf,
}

/// The pairs found, and the files of either side left without a partner.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Pairing {
    pub pairs: Vec<Pair>,
    pub unpaired: Vec<PathBuf>,
}

/// Pair `factlint compare SOURCE TRANSLATION`: two files, or two directories.
pub fn pair_paths(source: &Path, translation: &Path) -> Result<Pairing, String> {
    let kind = |p: &Path| -> Result<bool, String> {
        std::fs::metadata(p)
            .map(|m| m.is_dir())
            .map_err(|e| format!("{}: {e}", display(p)))
    };
    match (kind(source)?, kind(translation)?) {
        (false, false) => Ok(Pairing {
            pairs: vec![Pair {
                source: source.to_path_buf(),
                translation: translation.to_path_buf(),
            }],
            unpaired: Vec::new(),
        }),
        (true, true) => {
            let s = files_under(source, &|_| true)?;
            let t = files_under(translation, &|_| true)?;
            Ok(pair_files(source, &s, translation, &t))
        }
        _ => Err(format!(
            "{} and {} must both be files or both be directories",
            display(source),
            display(translation)
        )),
    }
}

/// Pair the files matched by the two globs of a `[[translation]]` table, relative to `base`
/// (the folder of factlint.toml).
pub fn pair_globs(base: &Path, source: &str, translation: &str) -> Result<Pairing, String> {
    let (s_root, s_files) = glob_files(base, source)?;
    let (t_root, t_files) = glob_files(base, translation)?;
    Ok(pair_files(&s_root, &s_files, &t_root, &t_files))
}

/// The literal folder a glob starts with, and the files under it that it matches.
fn glob_files(base: &Path, pattern: &str) -> Result<(PathBuf, Vec<PathBuf>), String> {
    let glob = Glob::new(pattern)
        .map_err(|e| format!("invalid glob `{pattern}`: {}", e.kind()))?
        .compile_matcher();
    let literal: Vec<&str> = pattern
        .split('/')
        .take_while(|c| !c.contains(['*', '?', '[', '{']))
        .collect();
    if literal.len() == pattern.split('/').count() {
        // No wildcard: one file.
        let file = base.join(pattern);
        let root = file
            .parent()
            .map_or_else(|| base.to_path_buf(), Path::to_path_buf);
        return Ok((root, vec![file]));
    }
    let root = base.join(literal.join("/"));
    if !root.is_dir() {
        return Ok((root, Vec::new()));
    }
    let files = files_under(&root, &|p: &Path| {
        p.strip_prefix(base).is_ok_and(|r| glob.is_match(r))
    })?;
    Ok((root, files))
}

/// Regular files under `dir` (hidden ones skipped) that `keep` accepts, sorted.
fn files_under(dir: &Path, keep: &dyn Fn(&Path) -> bool) -> Result<Vec<PathBuf>, String> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let entries = std::fs::read_dir(&d).map_err(|e| format!("{}: {e}", display(&d)))?;
        for entry in entries {
            let entry = entry.map_err(|e| format!("{}: {e}", display(&d)))?;
            let path = entry.path();
            if entry.file_name().to_string_lossy().starts_with('.') {
                continue;
            }
            let meta = std::fs::metadata(&path).map_err(|e| format!("{}: {e}", display(&path)))?;
            if meta.is_dir() {
                stack.push(path);
            } else if meta.is_file() && keep(&path) {
                out.push(path);
            }
        }
    }
    out.sort();
    Ok(out)
}

/// Relative folder and stem (name up to the first dot): the key of the second pairing rule.
fn stem_key(relative: &Path) -> String {
    let name = relative
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let stem = name.split('.').next().unwrap_or("").to_string();
    let parent = relative.parent().map_or(String::new(), display);
    format!("{parent}/{stem}")
}

fn pair_files(s_root: &Path, s: &[PathBuf], t_root: &Path, t: &[PathBuf]) -> Pairing {
    let relative = |root: &Path, p: &Path| p.strip_prefix(root).unwrap_or(p).to_path_buf();
    let mut by_path: BTreeMap<PathBuf, usize> = BTreeMap::new();
    let mut by_stem: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, p) in t.iter().enumerate() {
        let r = relative(t_root, p);
        by_stem.entry(stem_key(&r)).or_default().push(i);
        by_path.insert(r, i);
    }
    let mut taken = vec![false; t.len()];
    let mut out = Pairing::default();
    for p in s {
        let r = relative(s_root, p);
        let found = by_path.get(&r).copied().filter(|&i| !taken[i]).or_else(|| {
            by_stem
                .get(&stem_key(&r))
                .and_then(|c| c.iter().copied().find(|&i| !taken[i]))
        });
        match found {
            Some(i) => {
                taken[i] = true;
                out.pairs.push(Pair {
                    source: p.clone(),
                    translation: t[i].clone(),
                });
            }
            None => out.unpaired.push(p.clone()),
        }
    }
    out.unpaired.extend(
        t.iter()
            .zip(&taken)
            .filter(|(_, k)| !**k)
            .map(|(p, _)| p.clone()),
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directories_pair_by_path_then_stem() {
        let dir = tempfile::tempdir().expect("tempdir");
        let (en, ar) = (dir.path().join("en"), dir.path().join("ar"));
        for (d, names) in [
            (&en, ["a.md", "ch1.en.md", "only-en.md"]),
            (&ar, ["a.md", "ch1.ar.md", "only-ar.md"]),
        ] {
            std::fs::create_dir_all(d).expect("mkdir");
            for n in names {
                std::fs::write(d.join(n), "x").expect("write");
            }
        }
        let pairing = pair_paths(&en, &ar).expect("pairs");
        let names: Vec<(String, String)> = pairing
            .pairs
            .iter()
            .map(|p| (display(&p.source), display(&p.translation)))
            .map(|(s, t)| {
                (
                    s.rsplit('/').next().unwrap_or("").into(),
                    t.rsplit('/').next().unwrap_or("").into(),
                )
            })
            .collect();
        assert_eq!(
            names,
            [
                ("a.md".to_string(), "a.md".to_string()),
                ("ch1.en.md".to_string(), "ch1.ar.md".to_string())
            ]
        );
        assert_eq!(pairing.unpaired.len(), 2);
        let globbed = pair_globs(dir.path(), "en/*.md", "ar/*.md").expect("globs");
        assert_eq!(globbed.pairs, pairing.pairs);
        assert!(pair_paths(&en, &ar.join("a.md")).is_err());
    }
}
