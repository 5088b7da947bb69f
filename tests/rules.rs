//! Rule packs: every shipped pack's inline tests pass, the embedded list matches `rules/packs/`,
//! and malformed packs are reported with a span into the TOML, never a panic.

use factlint::engine::Engine;
use factlint::rules::inline::run_inline_tests;
use factlint::rules::{RuleSet, SHIPPED_PACKS};

#[test]
fn shipped_inline_tests_pass() {
    let engine = Engine::new(Vec::new(), &[]).expect("shipped packs load");
    let report = run_inline_tests(
        &engine.rules,
        &engine.fact_extractor(),
        &engine.abbreviations,
    );
    assert!(report.passed > 0);
    assert!(report.failures.is_empty(), "{:#?}", report.failures);
}

#[test]
fn every_pattern_has_tests_and_every_predicate_a_pattern_per_language() {
    let rules = RuleSet::shipped().expect("shipped packs load");
    for p in &rules.patterns {
        assert!(!p.tests.is_empty(), "pattern {} has no inline test", p.id);
    }
}

#[test]
fn embedded_packs_match_the_directory() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/rules/packs");
    let mut on_disk: Vec<String> = std::fs::read_dir(dir)
        .expect("rules/packs exists")
        .map(|e| e.expect("entry").file_name().to_string_lossy().to_string())
        .filter(|n| n.ends_with(".toml"))
        .collect();
    on_disk.sort();
    let embedded: Vec<String> = SHIPPED_PACKS.iter().map(|(n, _)| n.to_string()).collect();
    assert_eq!(
        embedded, on_disk,
        "SHIPPED_PACKS must list rules/packs/*.toml, sorted"
    );
    for (name, text) in SHIPPED_PACKS {
        let on_disk = std::fs::read_to_string(format!("{dir}/{name}")).expect("readable");
        assert_eq!(&on_disk, text);
    }
}

fn load_error(pack: &str) -> (String, Option<(usize, usize)>) {
    let base = SHIPPED_PACKS
        .iter()
        .find(|(n, _)| *n == "predicates.toml")
        .expect("predicates pack")
        .1;
    let err = RuleSet::load([
        ("predicates.toml".to_string(), base.to_string()),
        ("user.toml".to_string(), pack.to_string()),
    ])
    .expect_err("pack must be rejected");
    let span = err.span.map(|s| (s.offset(), s.len()));
    (err.message.clone(), span)
}

#[test]
fn malformed_packs_point_into_the_toml() {
    let cases: &[(&str, &str, &str)] = &[
        (
            "[[pattern]]\nid = 'x'\npredicate = 'born'\nlang = 'en'\nmatch = '{subject:person} born {value:time}'\ncolour = 'red'\n",
            "unknown field `colour`",
            "colour",
        ),
        (
            "[[pattern]]\nid = 'x'\npredicate = 'born'\nlang = 'en'\nmatch = '{subject:persn} born {value:time}'\n",
            "unknown slot type `persn`",
            "'{subject:persn} born {value:time}'",
        ),
        (
            "[[pattern]]\nid = 'x'\npredicate = 'born'\nlang = 'en'\nmatch = '{subject:person} (born {value:time}'\n",
            "invalid regex",
            "'{subject:person} (born {value:time}'",
        ),
        (
            "[[pattern]]\nid = 'x'\npredicate = 'bron'\nlang = 'en'\nmatch = '{subject:person} born {value:time}'\n",
            "unknown predicate `bron`",
            "'bron'",
        ),
        (
            "[[pattern]]\nid = 'x'\npredicate = 'born'\nlang = 'fr'\nmatch = '{subject:person} né {value:time}'\n",
            "unknown language `fr`",
            "'fr'",
        ),
        (
            "[[order]]\nconstraint = 'born => died'\n",
            "a <= b",
            "'born => died'",
        ),
        ("[[predicate]\nid = 'x'\n", "", "]"),
        (
            "[[frame]]\nid = 'x'\nlang = 'en'\nmatch = '(?P<actor><E>)(?P<trigger><VD>)'\n",
            "unknown role `actor`",
            "actor",
        ),
        (
            "[[frame]]\nid = 'x'\nlang = 'en'\nmatch = '(?P<subject><E>)(?P<trigger><VD>'\n",
            "",
            "'(?P<subject><E>)(?P<trigger><VD>'",
        ),
        (
            "[[frame]]\nid = 'x'\nlang = 'en'\nmatch = '(?P<subject>{nounphrase})(?P<trigger><VD>)'\n",
            "unknown macro",
            "'(?P<subject>{nounphrase})(?P<trigger><VD>)'",
        ),
        (
            "[[predicate]]\nid = 'x'\nvalue = 'time'\nverbs = ['perish']\n",
            "unknown field `verbs`",
            "verbs",
        ),
        (
            "[[predicate]]\nid = 'x'\nvalue = 'time'\nfr = { verbs = ['périr'] }\n",
            "unknown field `fr`",
            "fr",
        ),
        (
            "[[predicate]]\nid = 'x'\nvalue = 'time'\nspan = { start = 'born', end = 'dide' }\n",
            "unknown predicate `dide`",
            "{ start = 'born', end = 'dide' }",
        ),
        (
            "[[predicate]]\nid = 'x'\nvalue = 'time'\nspan = { begin = 'born' }\n",
            "unknown span part `begin`",
            "{ begin = 'born' }",
        ),
        (
            "[[predicate]]\nid = 'x'\nvalue = 'time'\nagrees_with = ['publishd']\n",
            "unknown predicate `publishd`",
            "'publishd'",
        ),
    ];
    for (pack, message, spanned) in cases {
        let (got, span) = load_error(pack);
        assert!(got.contains(message), "{got:?} lacks {message:?}");
        let (start, len) = span.expect("error has a span");
        assert!(
            pack[start..start + len].contains(spanned)
                || spanned.contains(&pack[start..start + len]),
            "span {:?} of {pack:?} is not at {spanned:?}",
            &pack[start..start + len]
        );
    }
}

#[test]
fn a_user_pack_from_factlint_toml_adds_patterns_without_recompiling() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        dir.path().join("factlint.toml"),
        "packs = [\"packs/crowned.toml\"]\n",
    )
    .expect("write config");
    std::fs::create_dir(dir.path().join("packs")).expect("mkdir");
    std::fs::write(
        dir.path().join("packs/crowned.toml"),
        r#"
[[predicate]]
id = "crowned"
functional = true
value = "time"

[[pattern]]
id = "user-crowned"
predicate = "crowned"
lang = "en"
match = "{subject:person} was crowned (?:on |in )?{value:time}"

[[pattern.test]]
text = "Charlemagne was crowned on 25 December 800."
facts = [["Charlemagne", "crowned", "0800-12-25"]]
"#,
    )
    .expect("write pack");
    std::fs::write(
        dir.path().join("doc.md"),
        "Charlemagne was crowned on 25 December 800. Later, Charlemagne was crowned in 801 AD.\n",
    )
    .expect("write doc");
    let bin = assert_cmd::cargo::cargo_bin("factlint");
    let run = |args: &[&str]| {
        std::process::Command::new(&bin)
            .args(args)
            .current_dir(dir.path())
            .output()
            .expect("runs")
    };
    let test = run(&["rules", "test"]);
    let stdout = String::from_utf8_lossy(&test.stdout);
    assert!(
        test.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&test.stderr)
    );
    let facts = run(&["facts", "--format", "jsonl", "doc.md"]);
    let lines = String::from_utf8_lossy(&facts.stdout);
    assert_eq!(
        lines
            .lines()
            .filter(|l| l.contains("\"predicate\":\"crowned\""))
            .count(),
        2,
        "{lines}"
    );
    let check = run(&["check", "--format", "json", "doc.md"]);
    assert_eq!(check.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&check.stdout).contains("date-conflict"));
    let ignored = run(&["facts", "--no-config", "--format", "jsonl", "doc.md"]);
    // Without the user pack no fact has its predicate (the shipped lexicon reads "crowned" as
    // `elected`).
    assert!(!String::from_utf8_lossy(&ignored.stdout).contains("\"predicate\":\"crowned\""));
}

#[test]
fn the_claim_prefilter_changes_no_fact() {
    use factlint::source::files::Input;
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let inputs = || -> Vec<Input> {
        [
            "fixtures/000_767ff41110f38e2c.txt",
            "tests/corpus/xquad-ar/20-Black_Death.txt",
            "tests/corpus/xquad-ar/46-French_and_Indian_War.txt",
            "tests/corpus/xquad-en/20-Black_Death.txt",
            "tests/corpus/xquad-en/46-French_and_Indian_War.txt",
            "tests/corpus/xquad-en/36-Yuan_dynasty.txt",
        ]
        .iter()
        .map(|p| Input::File(root.join(p)))
        .collect()
    };
    let prefiltered = Engine::new(Vec::new(), &[]).expect("shipped packs load");
    assert!(prefiltered.rules.claims.is_some(), "the set compiles");
    let mut everywhere = Engine::new(Vec::new(), &[]).expect("shipped packs load");
    everywhere.rules.claims = None;
    let found = prefiltered.run(inputs(), None).facts;
    assert!(found.len() >= 10, "{} facts", found.len());
    assert_eq!(found, everywhere.run(inputs(), None).facts);
}

mod random_frame_rules {
    use super::*;
    use proptest::prelude::*;

    /// Pieces of frame-rule regexes over cells: atoms, groups, macros, operators, and broken
    /// pieces (unbalanced parentheses, unknown groups and macros).
    fn piece() -> impl Strategy<Value = &'static str> {
        prop::sample::select(vec![
            "<E>",
            "<VD>",
            "<NN>",
            "<T>",
            "<the>",
            "<,>",
            "<\\(>",
            "(?P<subject>",
            "(?P<trigger>",
            "(?P<time>",
            "(?P<actor>",
            "(?:",
            ")",
            ")?",
            ")*",
            "|",
            "{np}",
            "{nope}",
            "{",
            "}",
            "<[^;>]+>",
            "+",
            "?",
            "{1,3}",
            "[",
            "\\",
            "(?P<subject><E>)",
            "(?P<trigger><VD>)",
        ])
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// Whatever a frame rule's `match` holds, loading the pack gives a rule set or an error
        /// with a span inside the pack, never a panic.
        #[test]
        fn any_frame_rule_loads_or_is_reported(pieces in prop::collection::vec(piece(), 0..12)) {
            let rule = pieces.concat().replace('\'', "");
            let pack = format!(
                "[macros.en]\nnp = '<the>?<E>'\n\n[[frame]]\nid = 'x'\nlang = 'en'\nmatch = '{rule}'\n"
            );
            let base = SHIPPED_PACKS
                .iter()
                .find(|(n, _)| *n == "predicates.toml")
                .expect("predicates pack")
                .1;
            let loaded = RuleSet::load([
                ("predicates.toml".to_string(), base.to_string()),
                ("user.toml".to_string(), pack.clone()),
            ]);
            if let Err(err) = loaded
                && let Some(span) = err.span
            {
                prop_assert!(span.offset() + span.len() <= err.source_code.inner().len());
            }
        }
    }
}
