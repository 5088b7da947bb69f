//! Facts: `(entity, predicate) → value` with provenance, extracted by the rule packs' patterns.
//!
//! Each sentence is *tagged*: its normalized text with every time mention replaced by
//! `\u{E000}T<n>\u{E001}` and every entity mention by `\u{E000}E<n>\u{E001}` (time wins where they
//! overlap), whitespace collapsed. Patterns (see [`crate::rules::pattern`]) run over the tagged
//! sentence, so `{value:time}` can only match a whole time mention and a claim never crosses a
//! sentence. A byte map takes every match back to the original text.
//!
//! Subjects resolve to a declared entity id when they are a declared name, else to their
//! normalized text with spelling variants replaced by the majority form (so facts about
//! سينكيانج and شينجيانغ share one key). Pronouns are never resolved (precision first).

use crate::document::Document;
use crate::extract::calendar::Interval;
use crate::extract::entities::{DeclaredNames, EntityMention, entity_mentions};
use crate::extract::time::{TimeExtractor, TimeMention};
use crate::frames::discourse::{self, Earlier, Sequence};
use crate::frames::lexicon::TriggerIndex;
use crate::frames::{Bound, Frame, FrameExtractor, Participant};
use crate::lexicon::Lexicon;
use crate::normalize::{is_arabic_letter, key};
use crate::rules::frame::{FrameRule, Role};
use crate::rules::pattern::{CLOSE, OPEN, SlotType};
use crate::rules::{Lang, Pattern, RuleSet};
use crate::span::Span;
use serde::Serialize;
use std::collections::BTreeMap;
use std::ops::Range;

/// Normalized words a pattern's subject noun phrase cannot start with: prepositions and time
/// words.
const NOT_A_SUBJECT_START: &[&str] = &[
    "في", "من", "الي", "علي", "عن", "منذ", "حتي", "مع", "يوم", "عام", "سنه", "شهر", "in", "on",
    "at", "from", "since", "during",
];

/// One fact with its evidence.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Fact {
    /// Resolved entity: a declared id, or the normalized name with variants unified.
    pub entity: String,
    /// The subject as written.
    pub subject: String,
    pub predicate: String,
    pub value: Interval,
    /// The time expression as written.
    pub value_text: String,
    pub file: String,
    /// The whole matched claim in the original text.
    pub evidence: Span,
    /// The claim as written, whitespace collapsed (reports quote it; texts are not kept).
    #[serde(skip)]
    pub quote: String,
    pub subject_span: Span,
    pub value_span: Span,
    pub rule: String,
    pub confidence: f64,
    /// An age given right after the claim ("died in 1881 at the age of 70").
    pub age: Option<u32>,
    /// How the time dates the event: within it, or no later / no earlier than it.
    pub bound: Bound,
    /// The role the entity plays in the event (the theme for most predicates).
    pub role: Role,
    /// The trigger word(s) as written, for facts read from event frames.
    pub trigger: Option<String>,
    #[serde(skip)]
    pub trigger_span: Option<Span>,
    /// The agent (founder, captor, discoverer) where the frame names one: its matching key.
    pub agent: Option<String>,
    /// The other participants of the frame: role, text as written, matching key.
    pub roles: Vec<FactRole>,
    /// How the participant was resolved: "her → Marie Curie (line 3)".
    pub resolved: Option<String>,
}

/// A participant of a fact's event other than its entity.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FactRole {
    pub role: Role,
    pub text: String,
    pub key: String,
}

/// Spelling variants to unify in entity keys: variant key → majority key.
pub type VariantMap = BTreeMap<String, String>;

/// The compiled pieces fact extraction needs; built once per run.
pub struct FactExtractor<'a> {
    pub rules: &'a RuleSet,
    pub time: &'a TimeExtractor,
    pub lexicon: &'a Lexicon,
    pub frames: FrameExtractor<'a>,
    declared: DeclaredNames,
}

/// Which extractors an inline test runs.
pub enum Only<'p> {
    /// Patterns and frames (a whole run).
    Everything,
    /// One whole-claim pattern.
    Pattern(&'p dyn Fn(&Pattern) -> bool),
    /// Frame rules only (every rule: a test names the facts a text yields).
    Frames(&'p dyn Fn(&FrameRule) -> bool),
}

/// What one tagged sentence stands for.
struct Tagged {
    text: String,
    /// Per byte of `text`: the normalized range it stands for.
    origin: Vec<Range<usize>>,
    times: Vec<usize>,
    entities: Vec<usize>,
}

impl<'a> FactExtractor<'a> {
    pub fn new(
        rules: &'a RuleSet,
        time: &'a TimeExtractor,
        lexicon: &'a Lexicon,
        triggers: &'a TriggerIndex,
    ) -> Self {
        Self {
            rules,
            time,
            lexicon,
            frames: FrameExtractor::new(rules, triggers),
            declared: DeclaredNames::new(&rules.entities),
        }
    }

    /// The entity mentions of a document (declared names first, then discovered runs).
    pub fn entities(&self, doc: &Document) -> Vec<EntityMention> {
        entity_mentions(doc, self.lexicon, &self.declared, &self.rules.entities)
    }

    /// Every fact of a document, in text order, given its time and entity mentions; entities
    /// are resolved later, against the spelling variants of the whole run
    /// ([`DocumentFacts::resolve`]).
    pub fn facts(
        &self,
        doc: &Document,
        times: &[TimeMention],
        entities: &[EntityMention],
    ) -> DocumentFacts {
        self.facts_with(doc, times, entities, &Only::Everything)
    }

    /// Facts from the extractors `only` selects (inline tests run one pattern, or the frames).
    pub fn facts_with(
        &self,
        doc: &Document,
        times: &[TimeMention],
        entities: &[EntityMention],
        only: &Only<'_>,
    ) -> DocumentFacts {
        let mut found = match only {
            Only::Frames(_) => Vec::new(),
            Only::Pattern(keep) => self.pattern_facts(doc, times, entities, *keep),
            Only::Everything => self.pattern_facts(doc, times, entities, &|_| true),
        };
        let keep_frame: &dyn Fn(&FrameRule) -> bool = match only {
            Only::Frames(keep) => *keep,
            Only::Everything => &|_| true,
            Only::Pattern(_) => &|_| false,
        };
        let mut sequences = Vec::new();
        if !matches!(only, Only::Pattern(_)) {
            let (rows, frames) = self.frames.frames(doc, times, entities, keep_frame);
            sequences = discourse::sequences(doc, &rows, &frames, times, &self.frames.index.cues);
            // A claim both a frame and a sentence pattern read is the frame's: frames know the
            // roles (agent, theme) a pattern's single subject slot runs together.
            let mut seen: Vec<(String, String, Span)> = Vec::new();
            let mut from_frames = Vec::new();
            for pending in frames.iter().flat_map(|f| self.frame_facts(doc, f, times)) {
                let f = &pending.fact;
                // Two triggers of one claim («انعقد مؤتمر برلين عام 1884») give one fact.
                let again = (f.predicate.clone(), f.entity.clone(), f.value_span);
                if !seen.contains(&again) {
                    seen.push(again);
                    from_frames.push(pending);
                }
            }
            found.retain(|p: &Pending| {
                let covered = from_frames.iter_mut().find(|f: &&mut Pending| {
                    f.fact.predicate == p.fact.predicate && f.fact.value_span == p.fact.value_span
                });
                match covered {
                    Some(f) => {
                        // The pattern may have read an age after the claim ("at the age of 70").
                        f.fact.age = f.fact.age.or(p.fact.age);
                        false
                    }
                    None => true,
                }
            });
            found.extend(from_frames);
        }
        // Only multi-word Latin names can stand behind a short name (see short_name_map);
        // unifying variants keeps both the words and the script.
        let names = entities
            .iter()
            .filter(|m| m.declared.is_none())
            .filter(|m| m.key.contains(' ') && !m.key.chars().any(is_arabic_letter))
            .map(|m| m.key.clone())
            .collect::<std::collections::BTreeSet<String>>()
            .into_iter()
            .collect();
        DocumentFacts {
            found,
            names,
            sequences,
        }
    }

    /// The facts of one frame: one per filler of each of its predicate's key roles, if it has a
    /// time.
    fn frame_facts(&self, doc: &Document, frame: &Frame, times: &[TimeMention]) -> Vec<Pending> {
        let (Some(interval), Some(mention)) =
            (frame.interval, frame.time.and_then(|i| times.get(i)))
        else {
            return Vec::new();
        };
        let Some(predicate) = self.rules.predicates.get(&frame.predicate) else {
            return Vec::new();
        };
        let agent = frame.fillers(Role::Agent).next().map(|p| {
            if p.aliases.is_empty() {
                p.key.clone()
            } else {
                format!("{} {}", p.aliases.join(" "), p.key)
            }
        });
        let mut out = Vec::new();
        for role in &predicate.key {
            for p in frame.fillers(*role) {
                // A named event needs its name ("a flood" dates nothing that can be restated).
                if (predicate.named || frame.named_event) && !p.named {
                    continue;
                }
                let evidence = Span::new(
                    frame
                        .trigger
                        .start
                        .min(mention.span.start)
                        .min(p.span.start),
                    frame.trigger.end.max(mention.span.end).max(p.span.end),
                );
                let others = frame
                    .roles
                    .iter()
                    .filter(|(r, q)| !(r == role && q == p))
                    .map(|(r, q)| FactRole {
                        role: *r,
                        text: q.text.clone(),
                        key: q.key.clone(),
                    })
                    .collect();
                let (entity, declared) = self.participant_entity(p);
                out.push(Pending {
                    fact: Fact {
                        entity,
                        subject: p.text.clone(),
                        predicate: frame.predicate.clone(),
                        value: interval,
                        value_text: doc.quote(mention.span).to_string(),
                        file: doc.path.clone(),
                        evidence,
                        quote: doc.text[evidence.range()]
                            .split_whitespace()
                            .collect::<Vec<_>>()
                            .join(" "),
                        subject_span: p.span,
                        value_span: mention.span,
                        rule: frame.rule.clone(),
                        confidence: frame.confidence,
                        age: None,
                        bound: frame.bound,
                        role: *role,
                        trigger: Some(frame.trigger_text.clone()),
                        trigger_span: Some(frame.trigger),
                        agent: agent.clone().filter(|_| *role != Role::Agent),
                        roles: others,
                        resolved: p.resolved.clone(),
                    },
                    declared,
                });
            }
        }
        out
    }

    /// A participant's entity: its declared id, or its matching key (resolved later).
    fn participant_entity(&self, p: &Participant) -> (String, bool) {
        match p.declared {
            Some(i) => (self.rules.entities[i].id.clone(), true),
            None => (p.key.clone(), false),
        }
    }

    /// Facts from the whole-claim patterns `keep` accepts.
    fn pattern_facts(
        &self,
        doc: &Document,
        times: &[TimeMention],
        entities: &[EntityMention],
        keep: &dyn Fn(&Pattern) -> bool,
    ) -> Vec<Pending> {
        let times: Vec<(Range<usize>, TimeMention)> = times
            .iter()
            .map(|m| (doc.norm.to_normalized(m.span), m.clone()))
            .collect();
        let mut found = Vec::new();
        for sentence in &doc.sentences {
            let range = doc.norm.to_normalized(*sentence);
            let first = times.partition_point(|(r, _)| r.start < range.start);
            if times.get(first).is_none_or(|(r, _)| r.start >= range.end) {
                continue; // no time mention, no dated fact
            }
            let tagged = tag(doc.norm.as_str(), range, &times, entities);
            if tagged.times.is_empty() {
                continue;
            }
            let langs = languages(&tagged.text);
            for pattern in self
                .rules
                .candidates(&tagged.text, &langs)
                .into_iter()
                .map(|i| &self.rules.patterns[i])
                .filter(|p| keep(p))
            {
                for caps in pattern.regex.captures_iter(&tagged.text) {
                    if let Some((mut fact, declared)) =
                        self.fact(doc, pattern, &caps, &tagged, &times, entities)
                    {
                        let end = caps.get(0).map_or(0, |m| m.end());
                        fact.age = self.age_after(&tagged.text, end, &langs);
                        found.push(Pending { fact, declared });
                    }
                }
            }
        }
        found
    }

    /// An age phrase starting within a few words after `at` in the tagged sentence.
    fn age_after(&self, tagged: &str, at: usize, langs: &[Lang]) -> Option<u32> {
        const NEAR: usize = 40;
        self.rules
            .ages
            .iter()
            .filter(|a| langs.contains(&a.lang))
            .filter_map(|a| a.regex.captures_at(tagged, at))
            .filter(|c| c.get(0).is_some_and(|m| m.start() <= at + NEAR))
            .filter(|c| {
                c.get(0)
                    .is_some_and(|m| !tagged[at..m.start()].contains(OPEN))
            })
            .find_map(|c| c.name("age")?.as_str().parse().ok())
    }

    /// The declared entity one of whose names is exactly this key (variants unified).
    fn declared_id(&self, key: &str) -> Option<String> {
        self.declared
            .index_of(key)
            .map(|i| self.rules.entities[i].id.clone())
    }

    /// A fact, with its entity a declared id (`true`) or the subject's key, still unresolved.
    fn fact(
        &self,
        doc: &Document,
        pattern: &Pattern,
        caps: &regex::Captures<'_>,
        tagged: &Tagged,
        times: &[(Range<usize>, TimeMention)],
        entities: &[EntityMention],
    ) -> Option<(Fact, bool)> {
        let whole = caps.get(0)?;
        let value_slot = pattern.slots.iter().find(|s| s.name == "value")?;
        let subject_slot = pattern.slots.iter().find(|s| s.name == "subject")?;
        if value_slot.kind != SlotType::Time {
            return None;
        }
        let time_index: usize = caps.name("value")?.as_str().parse().ok()?;
        let (time_range, time) = times.get(*tagged.times.get(time_index)?)?;
        let (subject_range, entity, declared) = if let Some(e) = caps.name("subject") {
            let mention = entities.get(*tagged.entities.get(e.as_str().parse::<usize>().ok()?)?)?;
            if !kind_fits(subject_slot.kind, mention.kind) {
                return None;
            }
            match mention.declared {
                Some(i) => (
                    mention.norm.clone(),
                    self.rules.entities[i].id.clone(),
                    true,
                ),
                None => (mention.norm.clone(), mention.key.clone(), false),
            }
        } else {
            let np = caps.name("subject_np")?;
            let range = norm_range(tagged, np.range())?;
            let subject = key(&doc.norm.as_str()[range.clone()]);
            // A noun phrase that starts with a preposition or a time word is a place or a date
            // the pattern read as the subject («توفي في مازندران يوم الجمعة»), not who died.
            let first = subject.split(' ').next().unwrap_or("");
            if subject.is_empty() || NOT_A_SUBJECT_START.contains(&first) {
                return None;
            }
            (range, subject, false)
        };
        let evidence = doc.norm.to_original(norm_range(tagged, whole.range())?);
        let subject_span = doc.norm.to_original(subject_range);
        let fact = Fact {
            entity,
            subject: doc.quote(subject_span).to_string(),
            predicate: pattern.predicate.clone(),
            value: time.interval,
            value_text: doc.quote(time.span).to_string(),
            file: doc.path.clone(),
            evidence,
            quote: doc.text[evidence.range()]
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" "),
            subject_span,
            value_span: doc.norm.to_original(time_range.clone()),
            rule: pattern.id.clone(),
            confidence: pattern.confidence,
            age: None,
            bound: Bound::Point,
            role: Role::Theme,
            trigger: None,
            trigger_span: None,
            agent: None,
            roles: Vec::new(),
            resolved: None,
        };
        Some((fact, declared))
    }
}

/// A fact whose entity is not resolved yet.
#[derive(Debug, Clone)]
struct Pending {
    fact: Fact,
    /// `fact.entity` is a declared id (final), not a subject key.
    declared: bool,
}

/// The facts of one document before entity resolution, which needs the spelling variants of
/// the whole run: documents are analysed one at a time and dropped, these stay.
#[derive(Debug, Clone, Default)]
pub struct DocumentFacts {
    found: Vec<Pending>,
    /// Keys of the document's undeclared entity mentions, sorted (for one-word short names).
    names: Vec<String>,
    /// The orderings the document states (discourse cues).
    sequences: Vec<Sequence>,
}

impl DocumentFacts {
    /// Every span the facts point at (evidence, subject, value), for positions in reports.
    pub fn spans(&self) -> impl Iterator<Item = Span> + '_ {
        let facts = self.found.iter().flat_map(|p| {
            [p.fact.evidence, p.fact.subject_span, p.fact.value_span]
                .into_iter()
                .chain(p.fact.trigger_span)
        });
        let sequences = self.sequences.iter().flat_map(|s| {
            let earlier = match &s.earlier {
                Earlier::Time(t) => Some(t.span),
                Earlier::Event { .. } => None,
            };
            [s.cue_span, s.later.span].into_iter().chain(earlier)
        });
        facts.chain(sequences)
    }

    /// The facts with their entities resolved: subject keys with spelling variants replaced by
    /// the majority form, then a declared id if that is a declared name, then a one-word
    /// Latin name widened to the one longer name of the document ending in it. Sorted by
    /// evidence, one fact per claim, predicate and entity.
    pub fn resolve(self, extractor: &FactExtractor<'_>, variants: &VariantMap) -> Vec<Fact> {
        self.resolve_all(extractor, variants).0
    }

    /// [`Self::resolve`], and the document's orderings with their events' participants resolved
    /// the same way.
    pub fn resolve_all(
        self,
        extractor: &FactExtractor<'_>,
        variants: &VariantMap,
    ) -> (Vec<Fact>, Vec<Sequence>) {
        let short_names = short_name_map(&self.names, variants, false);
        let first_names = short_name_map(&self.names, variants, true);
        let person = |name: &str| -> Option<&String> {
            short_names.get(name).or_else(|| first_names.get(name))
        };
        let mut out: Vec<Fact> = self
            .found
            .into_iter()
            .map(|Pending { mut fact, declared }| {
                if !declared {
                    let key = unify(&fact.entity, variants);
                    fact.entity = extractor.declared_id(&key).unwrap_or(key);
                }
                if fact.trigger.is_none() {
                    if let Some(full) = short_names.get(&fact.entity) {
                        fact.entity = full.clone();
                    }
                } else {
                    // Frames: only people go by one of their names ("Toussaint", "Dostoevsky");
                    // a place or organisation keeps its own ("Timbuktu" is not "Europeans
                    // Timbuktu").
                    let about_person = PERSON_PREDICATES.contains(&fact.predicate.as_str());
                    if about_person && let Some(full) = person(&fact.entity) {
                        fact.entity = full.clone();
                    }
                    if let Some(agent) = &fact.agent {
                        let agent = unify(agent, variants);
                        fact.agent = Some(person(&agent).cloned().unwrap_or(agent));
                    }
                }
                fact
            })
            .collect();
        out.sort_by(|a, b| a.evidence.cmp(&b.evidence).then(a.rule.cmp(&b.rule)));
        out.dedup_by(|a, b| {
            a.evidence == b.evidence
                && a.predicate == b.predicate
                && a.entity == b.entity
                && a.value == b.value
        });
        let sequences = self
            .sequences
            .into_iter()
            .map(|mut s| {
                if let Earlier::Event {
                    predicate, entity, ..
                } = &mut s.earlier
                {
                    let key = unify(entity, variants);
                    let about_person = PERSON_PREDICATES.contains(&predicate.as_str());
                    *entity = match person(&key) {
                        Some(full) if about_person => full.clone(),
                        _ => extractor.declared_id(&key).unwrap_or(key),
                    };
                }
                s
            })
            .collect();
        (out, sequences)
    }
}

/// Predicates whose participant is a person (who may go by one of their names).
const PERSON_PREDICATES: &[&str] = &[
    "born",
    "died",
    "married",
    "deported",
    "abdicated",
    "acceded",
    "elected",
];

/// One-word Latin names that stand for the one longer name of the document ending in that word
/// ("Dostoevsky" → "fyodor dostoevsky"), or with `first` beginning with it ("Toussaint" →
/// "toussaint louverture"); ambiguous words map to nothing. Arabic is left alone: its
/// multi-word names are as often places ("شينجيانغ ألتاي") as people.
fn short_name_map(
    names: &[String],
    variants: &VariantMap,
    first: bool,
) -> BTreeMap<String, String> {
    let mut longer: BTreeMap<String, Option<String>> = BTreeMap::new();
    for name in names {
        let full = unify(name, variants);
        if full.chars().any(is_arabic_letter) {
            continue;
        }
        let split = if first {
            full.split_once(' ').map(|(a, _)| a)
        } else {
            full.rsplit_once(' ').map(|(_, b)| b)
        };
        let Some(last) = split else {
            continue;
        };
        let slot = longer
            .entry(last.to_string())
            .or_insert_with(|| Some(full.clone()));
        if slot.as_deref() != Some(full.as_str()) {
            *slot = None;
        }
    }
    longer
        .into_iter()
        .filter_map(|(word, full)| full.map(|f| (word, f)))
        .collect()
}

fn kind_fits(slot: SlotType, mention: Option<SlotType>) -> bool {
    match mention {
        None | Some(SlotType::Entity) => true,
        Some(kind) => slot == SlotType::Entity || slot == kind,
    }
}

/// Replace each word that is a known spelling variant by its majority form.
fn unify(name: &str, variants: &VariantMap) -> String {
    let name = key(name);
    name.split(' ')
        .map(|w| variants.get(w).map_or(w, String::as_str))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Languages whose patterns can apply to a sentence, by the scripts it contains.
fn languages(text: &str) -> Vec<Lang> {
    let mut out = Vec::new();
    if text.chars().any(is_arabic_letter) {
        out.push(Lang::Ar);
    }
    if text.chars().any(|c| c.is_ascii_alphabetic()) {
        out.push(Lang::En);
    }
    out
}

/// The normalized range a tagged byte range stands for.
fn norm_range(tagged: &Tagged, r: Range<usize>) -> Option<Range<usize>> {
    if r.is_empty() {
        return None;
    }
    let first = tagged.origin.get(r.start)?;
    let last = tagged.origin.get(r.end - 1)?;
    Some(first.start..last.end)
}

fn tag(
    norm: &str,
    sentence: Range<usize>,
    times: &[(Range<usize>, TimeMention)],
    entities: &[EntityMention],
) -> Tagged {
    // (range, is_time, index) of mentions inside the sentence; times first where they overlap.
    // Both lists are sorted by start: only the slice inside the sentence is looked at.
    let mut marks: Vec<(Range<usize>, bool, usize)> = Vec::new();
    let first_time = times.partition_point(|(r, _)| r.start < sentence.start);
    for (i, (r, _)) in times.iter().enumerate().skip(first_time) {
        if r.start >= sentence.end {
            break;
        }
        if r.end <= sentence.end && !r.is_empty() {
            marks.push((r.clone(), true, i));
        }
    }
    let first_entity = entities.partition_point(|e| e.norm.start < sentence.start);
    for (i, e) in entities.iter().enumerate().skip(first_entity) {
        let r = &e.norm;
        if r.start >= sentence.end {
            break;
        }
        let inside = sentence.start <= r.start && r.end <= sentence.end && !r.is_empty();
        if inside
            && !marks
                .iter()
                .any(|(m, _, _)| m.start < r.end && r.start < m.end)
        {
            marks.push((r.clone(), false, i));
        }
    }
    marks.sort_by_key(|(r, _, _)| r.start);
    let mut tagged = Tagged {
        text: String::new(),
        origin: Vec::new(),
        times: Vec::new(),
        entities: Vec::new(),
    };
    let mut at = sentence.start;
    for (r, is_time, index) in marks {
        push_text(&mut tagged, norm, at..r.start);
        let label = if is_time {
            tagged.times.push(index);
            format!("{OPEN}T{}{CLOSE}", tagged.times.len() - 1)
        } else {
            tagged.entities.push(index);
            format!("{OPEN}E{}{CLOSE}", tagged.entities.len() - 1)
        };
        tagged.text.push_str(&label);
        tagged
            .origin
            .extend(std::iter::repeat_n(r.clone(), label.len()));
        at = r.end;
    }
    push_text(&mut tagged, norm, at..sentence.end);
    tagged
}

/// Append normalized text with whitespace runs collapsed to one space.
fn push_text(tagged: &mut Tagged, norm: &str, r: Range<usize>) {
    for (i, original) in norm[r.clone()].char_indices() {
        let at = r.start + i;
        let c = if original.is_whitespace() {
            ' '
        } else {
            original
        };
        if c == ' ' && tagged.text.ends_with(' ') {
            continue;
        }
        tagged.text.push(c);
        let source = at..at + original.len_utf8();
        tagged
            .origin
            .extend(std::iter::repeat_n(source, c.len_utf8()));
    }
}
