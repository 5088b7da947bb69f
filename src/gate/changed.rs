//! `--changed-since REF`: which lines of which files changed since a git revision, so that a CI
//! gate reports only the findings a change introduced.
//!
//! Facts still come from the whole text; this module only filters diagnostics afterwards: one is
//! kept when at least one of its labels touches a changed line. So a new "founded in 1892" is
//! reported against an untouched "founded in 1890", and an untouched contradiction is not.
//!
//! It shells out to `git` (on every CI machine, and it knows the user's repository setup —
//! worktrees, `safe.directory`, sparse checkouts — which no library reimplements exactly):
//! `git diff --unified=0 REF --` gives the added/changed lines as hunks `@@ -a,b +c,d @@`, and
//! untracked files (`git ls-files --others --exclude-standard`) count as changed throughout.
//! Deleted lines change nothing: removing text adds no claim. Standard input counts as changed
//! throughout (there is nothing to compare it with).

use crate::diagnostic::{Diagnostic, Label};
use crate::report::Sources;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Why the changed lines could not be found.
#[derive(Debug, thiserror::Error)]
pub enum ChangedError {
    #[error("--changed-since: cannot run git: {0}")]
    NoGit(String),
    #[error("--changed-since: {dir} is not inside a git repository")]
    NotARepository { dir: String },
    #[error("--changed-since: `{reference}` is not a commit in {repo}: {message}")]
    BadRef {
        reference: String,
        repo: String,
        message: String,
    },
    #[error("--changed-since: git {args} failed: {message}")]
    Failed { args: String, message: String },
}

/// Changed lines per file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileChange {
    /// New (untracked) file: every line.
    All,
    /// 1-based inclusive line ranges.
    Lines(Vec<(usize, usize)>),
}

/// The changes of a repository since a revision, by path relative to the repository root.
#[derive(Debug, Clone, Default)]
pub struct Changes {
    pub root: PathBuf,
    pub files: BTreeMap<String, FileChange>,
}

fn git(dir: &Path, args: &[&str]) -> Result<std::process::Output, ChangedError> {
    Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(["-c", "core.quotePath=false"])
        .args(args)
        .output()
        .map_err(|e| ChangedError::NoGit(e.to_string()))
}

fn stderr_of(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).trim().to_string()
}

impl Changes {
    /// Ask git, in the repository that contains `near` (a file or directory), what changed since
    /// `reference`.
    pub fn since(reference: &str, near: &Path) -> Result<Self, ChangedError> {
        let dir = if near.is_dir() {
            near.to_path_buf()
        } else {
            near.parent()
                .filter(|p| !p.as_os_str().is_empty())
                .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
        };
        let top = git(&dir, &["rev-parse", "--show-toplevel"])?;
        if !top.status.success() {
            return Err(ChangedError::NotARepository {
                dir: dir.to_string_lossy().to_string(),
            });
        }
        let root = PathBuf::from(String::from_utf8_lossy(&top.stdout).trim());
        let repo = root.to_string_lossy().to_string();
        let commit = format!("{reference}^{{commit}}");
        let verify = git(
            &root,
            &["rev-parse", "--verify", "--end-of-options", &commit],
        )?;
        if !verify.status.success() {
            return Err(ChangedError::BadRef {
                reference: reference.to_string(),
                repo,
                message: stderr_of(&verify),
            });
        }
        let diff_args = [
            "diff",
            "--unified=0",
            "--no-color",
            "--no-ext-diff",
            "--no-renames",
            "--src-prefix=a/",
            "--dst-prefix=b/",
            reference,
            "--",
        ];
        let diff = git(&root, &diff_args)?;
        if !diff.status.success() {
            return Err(ChangedError::Failed {
                args: diff_args.join(" "),
                message: stderr_of(&diff),
            });
        }
        let mut files = parse_diff(&String::from_utf8_lossy(&diff.stdout));
        let others_args = ["ls-files", "--others", "--exclude-standard", "-z"];
        let others = git(&root, &others_args)?;
        if !others.status.success() {
            return Err(ChangedError::Failed {
                args: others_args.join(" "),
                message: stderr_of(&others),
            });
        }
        for path in String::from_utf8_lossy(&others.stdout).split('\0') {
            if !path.is_empty() {
                files.insert(path.to_string(), FileChange::All);
            }
        }
        Ok(Changes { root, files })
    }

    /// The path of a checked file relative to the repository root, `/`-separated.
    fn relative(&self, file: &str) -> Option<String> {
        let absolute = std::fs::canonicalize(file).ok()?;
        let root = std::fs::canonicalize(&self.root).ok()?;
        let relative = absolute.strip_prefix(root).ok()?;
        Some(relative.to_string_lossy().replace('\\', "/"))
    }

    /// Keep the diagnostics with at least one label on a changed line.
    pub fn filter(&self, diagnostics: Vec<Diagnostic>, sources: &Sources) -> Vec<Diagnostic> {
        let mut cache: BTreeMap<String, Option<&FileChange>> = BTreeMap::new();
        let mut touches = |label: &Label| {
            if label.file == "-" {
                return true;
            }
            let change = *cache.entry(label.file.clone()).or_insert_with(|| {
                self.relative(&label.file)
                    .and_then(|rel| self.files.get(&rel))
            });
            match change {
                None => false,
                Some(FileChange::All) => true,
                Some(FileChange::Lines(ranges)) => {
                    let first = sources.line(&label.file, label.span.start);
                    let last_byte = label.span.end.max(label.span.start + 1) - 1;
                    let last = sources.line(&label.file, last_byte).max(first);
                    ranges.iter().any(|&(a, b)| a <= last && first <= b)
                }
            }
        };
        diagnostics
            .into_iter()
            .filter(|d| d.labels.iter().any(&mut touches))
            .collect()
    }
}

/// Added line ranges per new-side path from `git diff --unified=0` output.
pub fn parse_diff(diff: &str) -> BTreeMap<String, FileChange> {
    let mut files: BTreeMap<String, FileChange> = BTreeMap::new();
    let mut current: Option<String> = None;
    // Between `diff --git` and the first hunk: where `+++ ` names a file rather than adds a line.
    let mut in_header = false;
    for line in diff.lines() {
        if line.starts_with("diff --git ") {
            in_header = true;
            current = None;
        } else if !in_header {
            if let Some(hunk) = line.strip_prefix("@@ ") {
                push_hunk(&mut files, current.as_deref(), hunk);
            }
        } else if let Some(hunk) = line.strip_prefix("@@ ") {
            in_header = false;
            push_hunk(&mut files, current.as_deref(), hunk);
        } else if let Some(path) = line.strip_prefix("+++ ") {
            current = path.strip_prefix("b/").map(str::to_string);
            if let Some(path) = &current {
                files
                    .entry(path.clone())
                    .or_insert_with(|| FileChange::Lines(Vec::new()));
            }
        }
    }
    files
}

fn push_hunk(files: &mut BTreeMap<String, FileChange>, path: Option<&str>, hunk: &str) {
    let (Some(path), Some((start, count))) = (path, new_side(hunk)) else {
        return;
    };
    if count == 0 {
        return;
    }
    if let Some(FileChange::Lines(ranges)) = files.get_mut(path) {
        ranges.push((start, start + count - 1));
    }
}

/// `(c, d)` of a hunk header's `+c,d` (`d` is 1 when omitted).
fn new_side(hunk: &str) -> Option<(usize, usize)> {
    let plus = hunk.split_whitespace().find_map(|w| w.strip_prefix('+'))?;
    let (start, count) = match plus.split_once(',') {
        Some((s, c)) => (s.parse().ok()?, c.parse().ok()?),
        None => (plus.parse().ok()?, 1),
    };
    Some((start, count))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hunks_become_line_ranges() {
        let diff = "diff --git a/doc.md b/doc.md\n\
                    index 1..2 100644\n\
                    --- a/doc.md\n\
                    +++ b/doc.md\n\
                    @@ -3 +3 @@ old\n\
                    -x\n\
                    +y\n\
                    @@ -10,0 +11,3 @@\n\
                    +a\n\
                    ++++ not a header\n\
                    @@ -20,2 +22,0 @@\n\
                    -gone\n\
                    -gone\n\
                    diff --git a/old.md b/old.md\n\
                    --- a/old.md\n\
                    +++ /dev/null\n\
                    @@ -1 +0,0 @@\n\
                    -z\n";
        let files = parse_diff(diff);
        assert_eq!(files.len(), 1);
        assert_eq!(
            files.get("doc.md"),
            Some(&FileChange::Lines(vec![(3, 3), (11, 13)]))
        );
    }
}
