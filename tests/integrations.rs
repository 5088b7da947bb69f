//! The distribution files work as the README documents them.
//!
//! - `action.yml` is valid GitHub Action metadata (Schema Store's schema, vendored as
//!   `schema/github-action.json`), and its steps read only inputs it declares.
//! - The README's workflow and pre-commit snippets name only what `action.yml` and
//!   `.pre-commit-hooks.yaml` define, and keep their `OWNER/factlint` / `TAG` placeholders.
//! - The pre-commit hook is installed and run for real: `pre-commit try-repo` builds this
//!   checkout with cargo (`language: rust`) in a scratch repository and runs it on its files.
//!   That test needs `pre-commit` on PATH (`.ci/run` installs it) and is skipped, saying so,
//!   without it.

use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag, TagEnd};
use serde_json::Value;
use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn read(path: &str) -> String {
    std::fs::read_to_string(root().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// A YAML file of the repository as JSON, the data model the schemas speak.
fn yaml(text: &str, what: &str) -> Value {
    serde_norway::from_str(text).unwrap_or_else(|e| panic!("{what} is not YAML: {e}"))
}

fn action() -> Value {
    yaml(&read("action.yml"), "action.yml")
}

fn action_validator() -> jsonschema::Validator {
    let schema: Value =
        serde_json::from_str(&read("schema/github-action.json")).expect("schema is JSON");
    jsonschema::validator_for(&schema).expect("schema compiles")
}

fn schema_errors(validator: &jsonschema::Validator, instance: &Value) -> Vec<String> {
    validator
        .iter_errors(instance)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect()
}

/// The inputs `action.yml` declares.
fn declared_inputs(action: &Value) -> BTreeSet<String> {
    action["inputs"]
        .as_object()
        .expect("action.yml declares inputs")
        .keys()
        .cloned()
        .collect()
}

/// The YAML code blocks of the README, in order.
fn readme_yaml_blocks() -> Vec<String> {
    let readme = read("README.md");
    let mut blocks = Vec::new();
    let mut current: Option<String> = None;
    for event in Parser::new(&readme) {
        match event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) if &*info == "yaml" => {
                current = Some(String::new());
            }
            Event::Text(text) => {
                if let Some(block) = &mut current {
                    block.push_str(&text);
                }
            }
            Event::End(TagEnd::CodeBlock) => blocks.extend(current.take()),
            _ => {}
        }
    }
    blocks
}

/// The one README YAML block containing `needle`, parsed.
fn readme_snippet(needle: &str) -> Value {
    let blocks: Vec<String> = readme_yaml_blocks()
        .into_iter()
        .filter(|b| b.contains(needle))
        .collect();
    assert_eq!(blocks.len(), 1, "README: one YAML block with {needle:?}");
    yaml(&blocks[0], "the README snippet")
}

#[test]
fn action_yml_is_valid_action_metadata() {
    let errors = schema_errors(&action_validator(), &action());
    assert!(errors.is_empty(), "action.yml: {errors:#?}");
}

#[test]
fn the_action_schema_rejects_broken_metadata() {
    let validator = action_validator();
    let mut no_shell = action();
    let step = &mut no_shell["runs"]["steps"][0];
    step.as_object_mut().expect("a step").remove("shell");
    assert!(!schema_errors(&validator, &no_shell).is_empty());
    let mut unknown_key = action();
    unknown_key["run"] = Value::String("factlint check".into());
    assert!(!schema_errors(&validator, &unknown_key).is_empty());
}

#[test]
fn action_steps_read_only_declared_inputs() {
    let text = read("action.yml");
    let action = action();
    let declared = declared_inputs(&action);
    let used: BTreeSet<String> = regex::Regex::new(r"\$\{\{\s*inputs\.([A-Za-z0-9_-]+)\s*\}\}")
        .expect("a constant, valid regex")
        .captures_iter(&text)
        .map(|c| c[1].to_string())
        .collect();
    assert!(used.len() >= 5, "{used:?}");
    let undeclared: Vec<&String> = used.difference(&declared).collect();
    assert!(undeclared.is_empty(), "action.yml reads {undeclared:?}");
    let unused: Vec<&String> = declared.difference(&used).collect();
    assert!(
        unused.is_empty(),
        "action.yml ignores its inputs {unused:?}"
    );
}

#[test]
fn readme_workflow_uses_the_action_as_declared() {
    let workflow = readme_snippet("OWNER/factlint@TAG");
    let steps = workflow["jobs"]["factlint"]["steps"]
        .as_array()
        .expect("the README job has steps");
    let step = steps
        .iter()
        .find(|s| s["uses"].as_str().is_some_and(|u| u.contains("factlint")))
        .expect("a step uses the action");
    assert_eq!(step["uses"], "OWNER/factlint@TAG", "keep the placeholders");
    let given: BTreeSet<String> = step["with"]
        .as_object()
        .expect("the step passes inputs")
        .keys()
        .cloned()
        .collect();
    let declared = declared_inputs(&action());
    let unknown: Vec<&String> = given.difference(&declared).collect();
    assert!(
        unknown.is_empty(),
        "README passes undeclared inputs {unknown:?}"
    );
}

#[test]
fn readme_pre_commit_snippet_names_a_defined_hook() {
    let config = readme_snippet("id: factlint");
    let repo = &config["repos"][0];
    assert_eq!(repo["repo"], "https://github.com/OWNER/factlint");
    assert_eq!(repo["rev"], "TAG");
    let hooks = yaml(&read(".pre-commit-hooks.yaml"), ".pre-commit-hooks.yaml");
    let defined: BTreeSet<&str> = hooks
        .as_array()
        .expect("a list of hooks")
        .iter()
        .filter_map(|h| h["id"].as_str())
        .collect();
    for hook in repo["hooks"].as_array().expect("hooks") {
        let id = hook["id"].as_str().expect("a hook id");
        assert!(
            defined.contains(id),
            "README uses hook {id}, defined: {defined:?}"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// pre-commit, for real

/// Say on the terminal why a test did nothing. Written to the process's stderr directly: the
/// test harness captures `eprintln!`, and a skip nobody sees looks like a pass.
fn skip(why: &str) {
    let _ = writeln!(std::io::stderr(), "skipped: {why}");
}

fn run(dir: &Path, program: &str, args: &[&str]) -> Output {
    Command::new(program)
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap_or_else(|e| panic!("{program} {args:?}: {e}"))
}

fn git(dir: &Path, args: &[&str]) {
    let out = run(dir, "git", args);
    assert!(out.status.success(), "git {args:?}: {out:?}");
}

fn installed(program: &str) -> bool {
    Command::new(program)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Where the hook's `cargo install` builds: kept across test runs (under Cargo's target
/// directory), so only the first run compiles the dependencies.
fn hook_target_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("pre-commit-hook")
}

/// `cargo install` builds the release profile; unoptimized, the hook's first build takes ~2.5
/// instead of ~6 minutes on one core and a rebuild ~30 s instead of ~100 (what is under test is
/// that the hook builds and runs, not how fast the binary is).
const HOOK_OPT_LEVEL: (&str, &str) = ("CARGO_PROFILE_RELEASE_OPT_LEVEL", "0");

#[test]
fn pre_commit_installs_and_runs_the_hook() {
    if !installed("pre-commit") {
        skip("pre-commit not installed (`pip install pre-commit`; .ci/run does)");
        return;
    }
    if !root().join(".git").exists() {
        skip("not a git checkout: pre-commit try-repo needs one");
        return;
    }
    let scratch = tempfile::tempdir().expect("tempdir");
    let dir = scratch.path();
    git(dir, &["init", "-q"]);
    // One contradiction across two prose files (the hook checks all files in one run), and the
    // same claim in code, which the hook must not be given.
    let files = [
        (
            "docs/history.md",
            "# History\n\nAda Lovelace was born in 1815 in London.\n",
        ),
        (
            "docs/later.txt",
            "Some say Ada Lovelace was born in 1816.\n",
        ),
        (
            "tools/lovelace.py",
            "# Ada Lovelace was born in 1817.\nBORN = 1817\n",
        ),
    ];
    for (name, text) in files {
        let path = dir.join(name);
        std::fs::create_dir_all(path.parent().expect("a parent")).expect("mkdir");
        std::fs::write(path, text).expect("write");
    }
    git(dir, &["add", "."]);

    let repo = root().to_str().expect("a UTF-8 checkout path");
    let out = Command::new("pre-commit")
        .args([
            "try-repo",
            repo,
            "factlint",
            "--all-files",
            "--color",
            "never",
        ])
        .current_dir(dir)
        .env("PRE_COMMIT_HOME", dir.join(".pre-commit-home"))
        .env("CARGO_TARGET_DIR", hook_target_dir())
        .env(HOOK_OPT_LEVEL.0, HOOK_OPT_LEVEL.1)
        .env("NO_COLOR", "1")
        .env("COLUMNS", "100")
        .output()
        .expect("pre-commit runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let all = format!("{stdout}\n{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(
        out.status.code(),
        Some(1),
        "the hook finds the conflict:\n{all}"
    );
    assert!(
        stdout.contains("factlint") && stdout.contains("Failed"),
        "{all}"
    );
    assert!(stdout.contains("date-conflict"), "{all}");
    assert!(
        stdout.contains("docs/history.md") && stdout.contains("docs/later.txt"),
        "both prose files are checked together:\n{all}"
    );
    assert!(!stdout.contains("lovelace.py"), "code is not prose:\n{all}");
}
