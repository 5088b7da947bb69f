//! Frame rules and the predicate lexicon, as packs declare them.
//!
//! A frame rule is a regex over the *cells* of a sentence (see [`crate::frames::cells`]): every
//! cell reads `<sym>` (`<E>` an entity mention, `<T>` a time mention, `<VD>` a past verb trigger,
//! `<NN>` a noun trigger, `<the>` a function word as itself …), so a rule names constructions,
//! not sentences: `(?P<subject>{np})(?:<was>|<were>)(?P<trigger><VD>)`. Named groups give the
//! roles (`trigger`, `subject`, `object`, `possessor`, `theme`, `agent`, `place`, `partner`,
//! `time`, and `pp_<preposition>` for a prepositional object); `{name}` expands a macro of the
//! rule's language (`[macros.en]`). Rules run anchored at every cell of a sentence.
//!
//! The predicate lexicon (`en = { verbs = […], nouns = […] }` in a `[[predicate]]`) lists the
//! words that trigger each predicate; [`crate::frames::lexicon`] compiles it against the
//! language tables (stemmer, irregular forms, Arabic endings).

use super::{Lang, PackError};
use regex_automata::meta;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::ops::Range;
use toml::Spanned;

/// Roles a frame rule may capture (besides `pp_<preposition>`).
pub const ROLE_GROUPS: &[&str] = &[
    "trigger",
    "subject",
    "object",
    "possessor",
    "theme",
    "agent",
    "place",
    "partner",
    "time",
];

/// The trigger words of one predicate in one language.
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Triggers {
    /// Intransitive verbs (and multiword verbs): the subject is the theme.
    #[serde(default)]
    pub verbs: Vec<String>,
    /// Transitive verbs: subject = agent, object = theme (passive: subject = theme).
    #[serde(default)]
    pub transitive: Vec<String>,
    /// Arabic forms whose subject is the theme (passive or mediopassive).
    #[serde(default)]
    pub passives: Vec<String>,
    /// Verbs of a state the event began: their time is an upper bound of the event.
    #[serde(default)]
    pub states: Vec<String>,
    #[serde(default)]
    pub nouns: Vec<String>,
    #[serde(default)]
    pub participles: Vec<String>,
    /// Head nouns of named events of this predicate ("Treaty of …", «معركة …»).
    #[serde(default)]
    pub named: Vec<String>,
}

impl Triggers {
    pub fn is_empty(&self) -> bool {
        self.verbs.is_empty()
            && self.transitive.is_empty()
            && self.passives.is_empty()
            && self.states.is_empty()
            && self.nouns.is_empty()
            && self.participles.is_empty()
            && self.named.is_empty()
    }
}

/// A thematic role of a frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// What the fact is about: the one born, the org founded, the treaty signed.
    Theme,
    /// Who did it: the founder, the captor, the discoverer.
    Agent,
    /// Where: the place reached, left or taken.
    Place,
    /// With whom: the other party of a merger.
    Partner,
}

impl Role {
    pub const ALL: &[(&str, Role)] = &[
        ("theme", Role::Theme),
        ("agent", Role::Agent),
        ("place", Role::Place),
        ("partner", Role::Partner),
    ];

    pub fn parse(s: &str) -> Option<Role> {
        Self::ALL.iter().find(|(n, _)| *n == s).map(|&(_, r)| r)
    }

    pub fn name(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(_, r)| *r == self)
            .map_or("theme", |(n, _)| n)
    }
}

/// What a rule's theme must be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ThemeKind {
    /// A person, dated by a range (life dates).
    Person,
    /// A work or anything but a person, dated by a single time.
    Title,
}

/// Which end of a range a rule reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimePart {
    Start,
    End,
}

/// How a rule reads its `subject`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Voice {
    /// By the trigger: the theme for intransitive verbs and passive forms, else the agent.
    Active,
    /// Always the theme ("was founded", "founded in 1890", «الذي أنشئ»).
    Passive,
    /// The one noun phrase after an Arabic verb whose subject may be dropped: the predicate's
    /// `lone` role (the theme, unless the predicate says otherwise: «وصل إنجلترا» is a place).
    Lone,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawFrame {
    pub id: Spanned<String>,
    pub lang: Spanned<String>,
    #[serde(rename = "match")]
    pub pattern: Spanned<String>,
    #[serde(default)]
    pub voice: Option<Spanned<String>>,
    /// A rule without a trigger group states this predicate itself (life dates "X (1838–1881)").
    #[serde(default)]
    pub predicate: Option<Spanned<String>>,
    /// `person`: the theme must look like a person and the time be a range (life dates);
    /// `title`: the theme must not look like a person and the time must not be a range.
    #[serde(default)]
    pub theme_kind: Option<Spanned<String>>,
    /// `start` / `end`: the year a range starts or ends with (life dates).
    #[serde(default)]
    pub time_part: Option<Spanned<String>>,
    #[serde(default = "default_confidence")]
    pub confidence: f64,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub test: Vec<RawFrameTest>,
}

fn default_confidence() -> f64 {
    0.8
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawFrameTest {
    pub text: Spanned<String>,
    pub facts: Vec<[String; 3]>,
}

/// An inline test of a frame rule or predicate: the facts a text must yield.
#[derive(Debug, Clone)]
pub struct FrameTest {
    pub text: String,
    /// `[participant, predicate, value]`.
    pub facts: Vec<[String; 3]>,
    pub span: Range<usize>,
}

/// A compiled frame rule.
#[derive(Debug, Clone)]
pub struct FrameRule {
    pub id: String,
    pub lang: Lang,
    pub source: String,
    pub regex: meta::Regex,
    pub voice: Voice,
    pub predicate: Option<String>,
    /// What the theme must be.
    pub theme_kind: Option<ThemeKind>,
    /// Which end of a range the time gives.
    pub time_part: Option<TimePart>,
    pub confidence: f64,
    pub description: String,
    pub tests: Vec<FrameTest>,
    pub pack: String,
}

/// Expand `{name}` macros (recursively, up to a depth) in a rule's pattern.
pub(super) fn expand_macros(
    source: &str,
    macros: &BTreeMap<String, String>,
    depth: usize,
) -> Result<String, String> {
    if depth > 8 {
        return Err("macros nest too deep (a macro refers to itself?)".to_string());
    }
    let mut out = String::with_capacity(source.len());
    let mut rest = source;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let close = after.find('}');
        let name = close.map(|c| &after[..c]);
        match name {
            Some(n)
                if !n.is_empty() && n.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') =>
            {
                if n.chars().all(|c| c.is_ascii_digit() || c == ',') {
                    // A repetition count `{2}` / `{1,3}`, not a macro.
                    out.push('{');
                    out.push_str(n);
                    out.push('}');
                } else {
                    let body = macros
                        .get(n)
                        .ok_or_else(|| format!("unknown macro `{{{n}}}`"))?;
                    out.push_str("(?:");
                    out.push_str(&expand_macros(body, macros, depth + 1)?);
                    out.push(')');
                }
                rest = &after[n.len() + 1..];
            }
            _ => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    Ok(out)
}

/// Wrap every cell atom `<…>` of an expanded rule in a group, so that a quantifier after it
/// applies to the whole cell (`<,>?` is an optional comma, not `<,` and an optional `>`).
/// Named groups (`(?P<name>`), escapes and character classes are left as they are.
pub(super) fn wrap_cells(source: &str) -> String {
    let chars: Vec<char> = source.chars().collect();
    let mut out = String::with_capacity(source.len() * 2);
    let mut i = 0;
    let mut in_class = false;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '\\' => {
                out.push(c);
                if let Some(&n) = chars.get(i + 1) {
                    out.push(n);
                }
                i += 2;
                continue;
            }
            '[' if !in_class => in_class = true,
            ']' if in_class => in_class = false,
            '<' if !in_class => {
                let named = out.ends_with("(?P") || out.ends_with("(?");
                if !named {
                    let end = atom_end(&chars, i);
                    out.push_str("(?:");
                    out.extend(&chars[i..=end]);
                    out.push(')');
                    i = end + 1;
                    continue;
                }
            }
            _ => {}
        }
        out.push(c);
        i += 1;
    }
    out
}

/// The index of the `>` that closes the cell atom opening at `start` (classes and escapes
/// inside skipped), or the last index.
fn atom_end(chars: &[char], start: usize) -> usize {
    let mut i = start + 1;
    let mut in_class = false;
    while i < chars.len() {
        match chars[i] {
            '\\' => i += 1,
            '[' if !in_class => in_class = true,
            ']' if in_class => in_class = false,
            '>' if !in_class => return i,
            _ => {}
        }
        i += 1;
    }
    chars.len() - 1
}

/// Compile one raw frame rule of a pack.
pub(super) fn compile_frame(
    pack: &str,
    text: &str,
    raw: &RawFrame,
    macros: &BTreeMap<Lang, BTreeMap<String, String>>,
    predicates: &BTreeMap<String, super::Predicate>,
) -> Result<FrameRule, Box<PackError>> {
    let err =
        |span: Range<usize>, msg: String| Box::new(PackError::new(pack, text, Some(span), msg));
    let lang = Lang::parse(raw.lang.get_ref()).ok_or_else(|| {
        err(
            raw.lang.span(),
            format!(
                "unknown language `{}`; expected ar or en",
                raw.lang.get_ref()
            ),
        )
    })?;
    let empty = BTreeMap::new();
    let expanded = expand_macros(
        raw.pattern.get_ref(),
        macros.get(&lang).unwrap_or(&empty),
        0,
    )
    .map_err(|m| err(raw.pattern.span(), m))?;
    let expanded = wrap_cells(&expanded);
    let regex = meta::Regex::new(&expanded)
        .map_err(|e| err(raw.pattern.span(), format!("invalid frame rule: {e}")))?;
    let names: Vec<&str> = regex
        .group_info()
        .pattern_names(regex_automata::PatternID::ZERO)
        .flatten()
        .collect();
    for name in &names {
        if !ROLE_GROUPS.contains(name) && !name.starts_with("pp_") {
            return Err(Box::new(
                PackError::new(
                    pack,
                    text,
                    Some(raw.pattern.span()),
                    format!("unknown role `{name}`"),
                )
                .with_help(format!(
                    "roles: {}, pp_<preposition>",
                    ROLE_GROUPS.join(", ")
                )),
            ));
        }
    }
    let predicate = match &raw.predicate {
        Some(p) => {
            if !predicates.contains_key(p.get_ref()) {
                return Err(err(
                    p.span(),
                    format!("unknown predicate `{}`", p.get_ref()),
                ));
            }
            Some(p.get_ref().clone())
        }
        None => None,
    };
    if predicate.is_none() && !names.contains(&"trigger") {
        return Err(err(
            raw.pattern.span(),
            "a frame rule needs a `trigger` group, or a `predicate` it states itself".to_string(),
        ));
    }
    if predicate.is_some() && !names.contains(&"time") {
        return Err(err(
            raw.pattern.span(),
            "a rule that states its predicate must capture its `time`".to_string(),
        ));
    }
    let voice = match raw.voice.as_ref().map(|v| v.get_ref().as_str()) {
        None | Some("active") => Voice::Active,
        Some("passive") => Voice::Passive,
        Some("lone") => Voice::Lone,
        Some(other) => {
            let span = raw.voice.as_ref().map_or(0..0, |v| v.span());
            return Err(err(
                span,
                format!("unknown voice `{other}`; expected active, passive or lone"),
            ));
        }
    };
    let theme_kind = match raw.theme_kind.as_ref().map(|k| k.get_ref().as_str()) {
        None => None,
        Some("person") => Some(ThemeKind::Person),
        Some("title") => Some(ThemeKind::Title),
        Some(other) => {
            let span = raw.theme_kind.as_ref().map_or(0..0, |v| v.span());
            return Err(err(
                span,
                format!("unknown theme kind `{other}`; expected person or title"),
            ));
        }
    };
    let time_part = match raw.time_part.as_ref().map(|k| k.get_ref().as_str()) {
        None => None,
        Some("start") => Some(TimePart::Start),
        Some("end") => Some(TimePart::End),
        Some(other) => {
            let span = raw.time_part.as_ref().map_or(0..0, |v| v.span());
            return Err(err(
                span,
                format!("unknown time part `{other}`; expected start or end"),
            ));
        }
    };
    Ok(FrameRule {
        id: raw.id.get_ref().clone(),
        lang,
        source: raw.pattern.get_ref().clone(),
        regex,
        voice,
        predicate,
        theme_kind,
        time_part,
        confidence: raw.confidence,
        description: raw.description.clone(),
        tests: raw
            .test
            .iter()
            .map(|t| FrameTest {
                text: t.text.get_ref().clone(),
                facts: t.facts.clone(),
                span: t.text.span(),
            })
            .collect(),
        pack: pack.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn macros_expand_and_repetitions_stay() {
        let mut m = BTreeMap::new();
        m.insert("np".to_string(), "<E>|<w>".to_string());
        m.insert("two".to_string(), "{np}{np}".to_string());
        assert_eq!(
            expand_macros("(?P<s>{np}){1,3}<x>{2}", &m, 0).as_deref(),
            Ok("(?P<s>(?:<E>|<w>)){1,3}<x>{2}")
        );
        assert_eq!(
            expand_macros("{two}", &m, 0).as_deref(),
            Ok("(?:(?:<E>|<w>)(?:<E>|<w>))")
        );
        assert!(expand_macros("{nope}", &m, 0).is_err());
        m.insert("loop".to_string(), "{loop}".to_string());
        assert!(expand_macros("{loop}", &m, 0).is_err());
    }

    #[test]
    fn cell_atoms_take_quantifiers_whole() {
        assert_eq!(wrap_cells("<,>?<E>"), "(?:<,>)?(?:<E>)");
        assert_eq!(wrap_cells("(?P<subject><E>)"), "(?P<subject>(?:<E>))");
        assert_eq!(wrap_cells("<[^,;>]+>*"), "(?:<[^,;>]+>)*");
        assert_eq!(wrap_cells(r"<\(>[<>]"), r"(?:<\(>)[<>]");
    }
}
