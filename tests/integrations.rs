//! The distribution files work as the README documents them.
//!
//! - `action.yml` is valid GitHub Action metadata (Schema Store's schema, vendored as
//!   `schema/github-action.json`), and its steps read only inputs it declares.
//! - The README's workflow snippet names only inputs `action.yml` declares, and keeps its
//!   `OWNER/factlint@TAG` placeholder.

use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag, TagEnd};
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::Path;

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
