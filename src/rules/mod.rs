//! Rule packs: TOML files that declare predicates, patterns with typed slots, order constraints,
//! entities and inline tests. The shipped packs (`rules/packs/*.toml`) are embedded at build time;
//! user packs are added through `factlint.toml` (`packs = [...]`) without recompiling.
//!
//! Loading is strict: unknown keys, bad regexes, unknown slot types or predicates, duplicate ids
//! and malformed constraints are [`PackError`]s that point into the TOML with a span.

pub mod error;
pub mod frame;
pub mod inline;
pub mod pattern;

pub use error::{FileKind, PackError};
use frame::{FrameRule, FrameTest, RawFrame, Role, Triggers};
use pattern::{Slot, SlotType, translate};
use regex::Regex;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::ops::Range;
use toml::Spanned;

/// The shipped packs, by file name; a test checks this list against `rules/packs/`.
pub const SHIPPED_PACKS: &[(&str, &str)] = &[
    (
        "frames-ar.toml",
        include_str!("../../rules/packs/frames-ar.toml"),
    ),
    (
        "frames-en.toml",
        include_str!("../../rules/packs/frames-en.toml"),
    ),
    (
        "history-ar.toml",
        include_str!("../../rules/packs/history-ar.toml"),
    ),
    (
        "history-en.toml",
        include_str!("../../rules/packs/history-en.toml"),
    ),
    (
        "predicates.toml",
        include_str!("../../rules/packs/predicates.toml"),
    ),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Ar,
    En,
}

impl Lang {
    pub fn parse(s: &str) -> Option<Lang> {
        match s {
            "ar" => Some(Lang::Ar),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::Ar => "ar",
            Lang::En => "en",
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPack {
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    predicate: Vec<RawPredicate>,
    #[serde(default)]
    pattern: Vec<RawPattern>,
    #[serde(default)]
    order: Vec<RawOrder>,
    #[serde(default)]
    entity: Vec<RawEntity>,
    #[serde(default)]
    age: Vec<RawAge>,
    #[serde(default)]
    frame: Vec<RawFrame>,
    /// `[macros.en]` / `[macros.ar]`: named regex pieces for frame rules.
    #[serde(default)]
    macros: BTreeMap<String, BTreeMap<String, String>>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAge {
    lang: Spanned<String>,
    #[serde(rename = "match")]
    pattern: Spanned<String>,
}

/// A phrase giving someone's age at the event of a fact ("at the age of 70", «عن عمر يناهز 70»).
#[derive(Debug, Clone)]
pub struct AgePattern {
    pub lang: Lang,
    pub regex: Regex,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPredicate {
    id: Spanned<String>,
    #[serde(default)]
    functional: bool,
    value: Spanned<String>,
    #[serde(default)]
    description: String,
    #[serde(default)]
    key: Option<Spanned<Vec<String>>>,
    #[serde(default)]
    possessor: Option<Spanned<String>>,
    #[serde(default)]
    object: Option<Spanned<String>>,
    #[serde(default)]
    lone: Option<Spanned<String>>,
    #[serde(default)]
    named: bool,
    #[serde(default)]
    agent_required: bool,
    #[serde(default)]
    distinct_agents: bool,
    #[serde(default)]
    window: Option<u32>,
    #[serde(default)]
    agrees_with: Vec<Spanned<String>>,
    #[serde(default)]
    span: Option<Spanned<BTreeMap<String, String>>>,
    #[serde(default)]
    prepositions: Option<Spanned<BTreeMap<String, String>>>,
    #[serde(default)]
    en: Option<Triggers>,
    #[serde(default)]
    ar: Option<Triggers>,
    #[serde(default)]
    test: Vec<frame::RawFrameTest>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPattern {
    id: Spanned<String>,
    predicate: Spanned<String>,
    lang: Spanned<String>,
    #[serde(rename = "match")]
    pattern: Spanned<String>,
    #[serde(default = "default_confidence")]
    confidence: f64,
    #[serde(default)]
    test: Vec<RawTest>,
}

fn default_confidence() -> f64 {
    0.9
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTest {
    text: Spanned<String>,
    facts: Vec<[String; 3]>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOrder {
    constraint: Spanned<String>,
    #[serde(default)]
    description: String,
}

/// An `[[entity]]` table, as packs and fact sheets both write it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawEntity {
    id: Spanned<String>,
    #[serde(default = "default_kind")]
    kind: Spanned<String>,
    names: Vec<String>,
    #[serde(default)]
    preferred: BTreeMap<String, String>,
}

fn default_kind() -> Spanned<String> {
    Spanned::new(0..0, "entity".to_string())
}

/// A predicate: what its value is, which roles identify one event, and its trigger words.
#[derive(Debug, Clone)]
pub struct Predicate {
    pub id: String,
    /// One value per event: two disjoint values are a contradiction.
    pub functional: bool,
    pub value: SlotType,
    pub description: String,
    pub pack: String,
    /// Roles that identify one event (an event is one predicate and one filler of these).
    pub key: Vec<Role>,
    /// What "X's N" / «N X» / "his N" names.
    pub possessor: Role,
    /// What the object of an active verb is.
    pub object: Role,
    /// What the lone noun phrase after an Arabic verb is (its subject may be dropped).
    pub lone: Role,
    /// Its key participants must be names (or resolve to one): "took a degree" is no capture.
    pub named: bool,
    /// Only facts that name their agent are compared (a city is taken many times).
    pub agent_required: bool,
    /// Facts with different agents are different events (two discoverers of one gas).
    pub distinct_agents: bool,
    /// For events that recur (a city entered, a region taken): dates more than this many years
    /// apart are different events, not a conflict.
    pub window: Option<u32>,
    /// Predicates one of whose values this one's value must overlap (a title's year).
    pub agrees_with: Vec<String>,
    /// A range value is the span between two events: its start a fact of one predicate, its end
    /// of another ("reigned 1320–23": acceded 1320, reign ended 1323). A single time is neither,
    /// and gives no fact.
    pub span: Vec<(frame::TimePart, String)>,
    /// Roles of prepositional objects that differ from the defaults.
    pub prepositions: BTreeMap<String, Role>,
    /// Trigger words per language.
    pub triggers: BTreeMap<Lang, Triggers>,
    /// Inline tests of the predicate's triggers through every frame rule.
    pub tests: Vec<FrameTest>,
}

/// `before <= after` for the same subject (born ≤ died).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Order {
    pub before: String,
    pub after: String,
    pub description: String,
    pub pack: String,
}

/// A declared entity: every name it goes by, and preferred forms per language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntityDecl {
    pub id: String,
    pub kind: SlotType,
    pub names: Vec<String>,
    pub preferred: BTreeMap<String, String>,
}

/// An inline test: the facts a text must yield through its pattern (none for a negative case).
#[derive(Debug, Clone)]
pub struct PatternTest {
    pub text: String,
    /// `[subject, predicate, value]`, value in the interval notation (`1821-11-11`, `1949`).
    pub facts: Vec<[String; 3]>,
    pub span: Range<usize>,
}

#[derive(Debug, Clone)]
pub struct Pattern {
    pub id: String,
    pub predicate: String,
    pub lang: Lang,
    pub source: String,
    pub regex: Regex,
    pub slots: Vec<Slot>,
    pub confidence: f64,
    pub tests: Vec<PatternTest>,
    pub pack: String,
}

/// The text of one pack, kept for error reports.
#[derive(Debug, Clone)]
pub struct PackSource {
    pub name: String,
    pub text: String,
    pub description: Option<String>,
}

/// Every pack of a run, merged and validated.
#[derive(Debug, Clone, Default)]
pub struct RuleSet {
    pub packs: Vec<PackSource>,
    pub predicates: BTreeMap<String, Predicate>,
    pub patterns: Vec<Pattern>,
    pub orders: Vec<Order>,
    pub entities: Vec<EntityDecl>,
    /// Age phrases, checked right after a fact's claim.
    pub ages: Vec<AgePattern>,
    /// Frame rules over sentence cells, in pack order (earlier rules win a role).
    pub frames: Vec<FrameRule>,
    /// The patterns of each language relaxed ([`crate::relaxed`]) into one set: one pass over a
    /// sentence tells which exact patterns can match there. One set per language keeps each
    /// lazy DFA small. `None`: try every pattern.
    pub claims: Option<Vec<ClaimSet>>,
}

/// The relaxed patterns of one language, as one multi-pattern regex.
#[derive(Debug, Clone)]
pub struct ClaimSet {
    pub lang: Lang,
    regex: regex_automata::meta::Regex,
    /// Pattern id in `regex` → index into [`RuleSet::patterns`].
    patterns: Vec<usize>,
}

impl RuleSet {
    /// Indices of the patterns of `langs` that may match in `text`, ascending (every pattern of
    /// those languages without a prefilter).
    pub fn candidates(&self, text: &str, langs: &[Lang]) -> Vec<usize> {
        let Some(claims) = &self.claims else {
            return (0..self.patterns.len())
                .filter(|&i| langs.contains(&self.patterns[i].lang))
                .collect();
        };
        let mut out = Vec::new();
        for set in claims.iter().filter(|c| langs.contains(&c.lang)) {
            let mut found = regex_automata::PatternSet::new(set.regex.pattern_len());
            set.regex
                .which_overlapping_matches(&regex_automata::Input::new(text), &mut found);
            out.extend(found.iter().map(|p| set.patterns[p.as_usize()]));
        }
        out.sort_unstable();
        out
    }

    /// One claim set per language of the patterns; `None` if one does not compile (size
    /// limits: each pattern compiled on its own already).
    fn claim_sets(&self) -> Option<Vec<ClaimSet>> {
        let mut langs: Vec<Lang> = self.patterns.iter().map(|p| p.lang).collect();
        langs.sort();
        langs.dedup();
        langs
            .into_iter()
            .map(|lang| {
                let patterns: Vec<usize> = (0..self.patterns.len())
                    .filter(|&i| self.patterns[i].lang == lang)
                    .collect();
                let sources: Vec<&str> = patterns
                    .iter()
                    .map(|&i| self.patterns[i].regex.as_str())
                    .collect();
                let regex = crate::relaxed::relaxed_set(&sources).ok()?;
                Some(ClaimSet {
                    lang,
                    regex,
                    patterns,
                })
            })
            .collect()
    }
}

fn unknown_role(pack: &str, text: &str, r: &Spanned<String>) -> Box<PackError> {
    Box::new(
        PackError::new(
            pack,
            text,
            Some(r.span()),
            format!("unknown role `{}`", r.get_ref()),
        )
        .with_help("roles: theme, agent, place, partner"),
    )
}

/// A declared entity from its `[[entity]]` table; the kind must be an entity kind.
pub(crate) fn entity_decl(
    pack: &str,
    text: &str,
    e: &RawEntity,
) -> Result<EntityDecl, Box<PackError>> {
    let kind = SlotType::parse(e.kind.get_ref())
        .filter(|k| k.is_entity())
        .ok_or_else(|| {
            Box::new(
                PackError::new(
                    pack,
                    text,
                    Some(e.kind.span()),
                    format!("unknown entity kind `{}`", e.kind.get_ref()),
                )
                .with_help("entity kinds: person, place, org, entity"),
            )
        })?;
    Ok(EntityDecl {
        id: e.id.get_ref().clone(),
        kind,
        names: e.names.clone(),
        preferred: e.preferred.clone(),
    })
}

impl RuleSet {
    /// The embedded packs.
    pub fn shipped() -> Result<Self, Box<PackError>> {
        Self::load(
            SHIPPED_PACKS
                .iter()
                .map(|(n, t)| (format!("rules/packs/{n}"), t.to_string())),
        )
    }

    /// Load packs in order; predicates may be used by patterns of later packs.
    pub fn load(packs: impl IntoIterator<Item = (String, String)>) -> Result<Self, Box<PackError>> {
        let mut set = RuleSet::default();
        let mut raws = Vec::new();
        for (name, text) in packs {
            let raw: RawPack = toml::from_str(&text).map_err(|e| {
                Box::new(
                    PackError::new(&name, &text, e.span(), e.message().trim().to_string())
                        .with_help("see rules/packs/predicates.toml for the pack format"),
                )
            })?;
            set.packs.push(PackSource {
                name: name.clone(),
                text: text.clone(),
                description: raw.description.clone(),
            });
            raws.push((name, text, raw));
        }
        for (name, text, raw) in &raws {
            set.add_predicates(name, text, &raw.predicate)?;
        }
        for (name, text, raw) in &raws {
            set.check_predicate_references(name, text, &raw.predicate)?;
        }
        let mut macros: BTreeMap<Lang, BTreeMap<String, String>> = BTreeMap::new();
        for (_, _, raw) in &raws {
            for (lang, table) in &raw.macros {
                if let Some(lang) = Lang::parse(lang) {
                    macros.entry(lang).or_default().extend(table.clone());
                }
            }
        }
        for (name, text, raw) in &raws {
            for lang in raw.macros.keys() {
                if Lang::parse(lang).is_none() {
                    return Err(Box::new(PackError::new(
                        name,
                        text,
                        None,
                        format!("unknown macro language `{lang}`; expected ar or en"),
                    )));
                }
            }
            for f in &raw.frame {
                if set.frames.iter().any(|r| &r.id == f.id.get_ref()) {
                    return Err(Box::new(PackError::new(
                        name,
                        text,
                        Some(f.id.span()),
                        format!("frame rule `{}` is declared twice", f.id.get_ref()),
                    )));
                }
                let rule = frame::compile_frame(name, text, f, &macros, &set.predicates)?;
                set.frames.push(rule);
            }
        }
        for (name, text, raw) in &raws {
            set.add_orders(name, text, &raw.order)?;
            set.add_entities(name, text, &raw.entity)?;
            set.add_patterns(name, text, &raw.pattern)?;
            set.add_ages(name, text, &raw.age)?;
        }
        set.claims = set.claim_sets();
        Ok(set)
    }

    fn add_predicates(
        &mut self,
        pack: &str,
        text: &str,
        raw: &[RawPredicate],
    ) -> Result<(), Box<PackError>> {
        for p in raw {
            let id = p.id.get_ref();
            if self.predicates.contains_key(id) {
                return Err(Box::new(PackError::new(
                    pack,
                    text,
                    Some(p.id.span()),
                    format!("predicate `{id}` is declared twice"),
                )));
            }
            let value = SlotType::parse(p.value.get_ref()).ok_or_else(|| {
                Box::new(
                    PackError::new(
                        pack,
                        text,
                        Some(p.value.span()),
                        format!("unknown value type `{}`", p.value.get_ref()),
                    )
                    .with_help("value types: time, person, place, org, entity"),
                )
            })?;
            let role = |field: &Option<Spanned<String>>, default: Role| match field {
                None => Ok(default),
                Some(r) => Role::parse(r.get_ref()).ok_or_else(|| unknown_role(pack, text, r)),
            };
            let key = match &p.key {
                None => vec![Role::Theme],
                Some(k) => {
                    let mut roles = Vec::new();
                    for name in k.get_ref() {
                        let spanned = Spanned::new(k.span(), name.clone());
                        roles.push(
                            Role::parse(name).ok_or_else(|| unknown_role(pack, text, &spanned))?,
                        );
                    }
                    roles
                }
            };
            let mut prepositions = BTreeMap::new();
            if let Some(table) = &p.prepositions {
                for (word, r) in table.get_ref() {
                    let spanned = Spanned::new(table.span(), r.clone());
                    let r = Role::parse(r).ok_or_else(|| unknown_role(pack, text, &spanned))?;
                    prepositions.insert(crate::normalize::key(word), r);
                }
            }
            let mut span = Vec::new();
            if let Some(table) = &p.span {
                for (part, predicate) in table.get_ref() {
                    let part = match part.as_str() {
                        "start" => frame::TimePart::Start,
                        "end" => frame::TimePart::End,
                        other => {
                            return Err(Box::new(
                                PackError::new(
                                    pack,
                                    text,
                                    Some(table.span()),
                                    format!("unknown span part `{other}`"),
                                )
                                .with_help(
                                    "a span reads { start = \"predicate\", end = \"predicate\" }",
                                ),
                            ));
                        }
                    };
                    span.push((part, predicate.clone()));
                }
            }
            let mut triggers = BTreeMap::new();
            for (lang, t) in [(Lang::En, &p.en), (Lang::Ar, &p.ar)] {
                if let Some(t) = t.as_ref().filter(|t| !t.is_empty()) {
                    triggers.insert(lang, t.clone());
                }
            }
            self.predicates.insert(
                id.clone(),
                Predicate {
                    id: id.clone(),
                    functional: p.functional,
                    value,
                    description: p.description.clone(),
                    pack: pack.to_string(),
                    key,
                    possessor: role(&p.possessor, Role::Theme)?,
                    object: role(&p.object, Role::Theme)?,
                    lone: role(&p.lone, Role::Theme)?,
                    named: p.named,
                    agent_required: p.agent_required,
                    distinct_agents: p.distinct_agents || p.agent_required,
                    window: p.window,
                    agrees_with: p.agrees_with.iter().map(|a| a.get_ref().clone()).collect(),
                    span,
                    prepositions,
                    triggers,
                    tests: p
                        .test
                        .iter()
                        .map(|t| FrameTest {
                            text: t.text.get_ref().clone(),
                            facts: t.facts.clone(),
                            span: t.text.span(),
                        })
                        .collect(),
                },
            );
        }
        Ok(())
    }

    /// Predicates named by other predicates (`agrees_with`, `span`) exist, in any pack.
    fn check_predicate_references(
        &self,
        pack: &str,
        text: &str,
        raw: &[RawPredicate],
    ) -> Result<(), Box<PackError>> {
        for p in raw {
            let mut named: Vec<(String, std::ops::Range<usize>)> = p
                .agrees_with
                .iter()
                .map(|a| (a.get_ref().clone(), a.span()))
                .collect();
            if let Some(table) = &p.span {
                named.extend(table.get_ref().values().map(|v| (v.clone(), table.span())));
            }
            for (id, at) in named {
                if !self.predicates.contains_key(&id) {
                    return Err(Box::new(PackError::new(
                        pack,
                        text,
                        Some(at),
                        format!("unknown predicate `{id}`"),
                    )));
                }
            }
        }
        Ok(())
    }

    fn add_orders(
        &mut self,
        pack: &str,
        text: &str,
        raw: &[RawOrder],
    ) -> Result<(), Box<PackError>> {
        for o in raw {
            let parts: Vec<&str> = o.constraint.get_ref().split("<=").map(str::trim).collect();
            let [before, after] = parts.as_slice() else {
                return Err(Box::new(PackError::new(
                    pack,
                    text,
                    Some(o.constraint.span()),
                    "an order constraint reads `a <= b`",
                )));
            };
            for p in [before, after] {
                if !self.predicates.contains_key(*p) {
                    return Err(Box::new(PackError::new(
                        pack,
                        text,
                        Some(o.constraint.span()),
                        format!("unknown predicate `{p}` in constraint"),
                    )));
                }
            }
            self.orders.push(Order {
                before: before.to_string(),
                after: after.to_string(),
                description: o.description.clone(),
                pack: pack.to_string(),
            });
        }
        Ok(())
    }

    fn add_entities(
        &mut self,
        pack: &str,
        text: &str,
        raw: &[RawEntity],
    ) -> Result<(), Box<PackError>> {
        for e in raw {
            self.entities.push(entity_decl(pack, text, e)?);
        }
        Ok(())
    }

    fn add_patterns(
        &mut self,
        pack: &str,
        text: &str,
        raw: &[RawPattern],
    ) -> Result<(), Box<PackError>> {
        for p in raw {
            let err = |span: Range<usize>, msg: String| {
                Box::new(PackError::new(pack, text, Some(span), msg))
            };
            let id = p.id.get_ref();
            if self.patterns.iter().any(|q| &q.id == id) {
                return Err(err(
                    p.id.span(),
                    format!("pattern `{id}` is declared twice"),
                ));
            }
            let Some(predicate) = self.predicates.get(p.predicate.get_ref()) else {
                return Err(err(
                    p.predicate.span(),
                    format!("unknown predicate `{}`", p.predicate.get_ref()),
                ));
            };
            let lang = Lang::parse(p.lang.get_ref()).ok_or_else(|| {
                err(
                    p.lang.span(),
                    format!("unknown language `{}`; expected ar or en", p.lang.get_ref()),
                )
            })?;
            let source = p.pattern.get_ref();
            let translated = translate(source, lang == Lang::Ar).map_err(|e| {
                Box::new(
                    PackError::new(pack, text, Some(p.pattern.span()), e.message)
                        .with_label(format!("in `{}`", &source[e.at.clone()])),
                )
            })?;
            if let Some(slot) = translated.slots.iter().find(|s| s.name == "value")
                && slot.kind != predicate.value
                && !(slot.kind.is_entity() && predicate.value == SlotType::Entity)
            {
                return Err(err(
                    p.pattern.span(),
                    format!(
                        "predicate `{}` takes a {:?} value, the pattern gives {:?}",
                        predicate.id, predicate.value, slot.kind
                    ),
                ));
            }
            let regex = Regex::new(&translated.regex)
                .map_err(|e| err(p.pattern.span(), format!("invalid regex: {e}")))?;
            self.patterns.push(Pattern {
                id: id.clone(),
                predicate: predicate.id.clone(),
                lang,
                source: source.clone(),
                regex,
                slots: translated.slots,
                confidence: p.confidence,
                tests: p
                    .test
                    .iter()
                    .map(|t| PatternTest {
                        text: t.text.get_ref().clone(),
                        facts: t.facts.clone(),
                        span: t.text.span(),
                    })
                    .collect(),
                pack: pack.to_string(),
            });
        }
        Ok(())
    }

    fn add_ages(&mut self, pack: &str, text: &str, raw: &[RawAge]) -> Result<(), Box<PackError>> {
        for a in raw {
            let err = |span: Range<usize>, msg: String| {
                Box::new(PackError::new(pack, text, Some(span), msg))
            };
            let lang = Lang::parse(a.lang.get_ref()).ok_or_else(|| {
                err(
                    a.lang.span(),
                    format!("unknown language `{}`; expected ar or en", a.lang.get_ref()),
                )
            })?;
            let source = pattern::translate_age(a.pattern.get_ref())
                .map_err(|e| err(a.pattern.span(), e.message))?;
            let regex = Regex::new(&source)
                .map_err(|e| err(a.pattern.span(), format!("invalid regex: {e}")))?;
            self.ages.push(AgePattern { lang, regex });
        }
        Ok(())
    }

    pub fn pack_text(&self, name: &str) -> &str {
        self.packs
            .iter()
            .find(|p| p.name == name)
            .map_or("", |p| p.text.as_str())
    }
}
