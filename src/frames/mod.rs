//! Event frames: claims found however they are phrased.
//!
//! 1. [`cells`]: every sentence becomes a row of cells over the token layer (triggers of the
//!    predicate lexicon, time and entity mentions, function words, punctuation).
//! 2. Frame rules (`[[frame]]` in the packs, regexes over cells) attach roles to each trigger:
//!    subject–verb, passive, "N of X", "X's N", possessive pronoun + N, Arabic iḍāfa and
//!    attached pronoun, relative clauses, participle and apposition clauses, parenthetical life
//!    dates, named events with a year. Earlier rules win a role.
//! 3. A trigger without a time from its rules takes the nearest time mention of its clause
//!    (after it first, then before it), never across another trigger, a relative pronoun or a
//!    semicolon; the words before that time make it a bound ("since", "by", "as early as",
//!    «منذ», «قبل» …).
//! 4. [`reference`]: pronouns, attached pronouns and definite descriptions are resolved to an
//!    antecedent where the choice is clear.
//!
//! The result is one [`Frame`] per trigger and predicate; [`crate::facts`] turns frames with a
//! time and a participant into facts. Nothing here compares frames: that is the checks' job.

pub mod cells;
pub mod discourse;
pub mod lexicon;
pub mod reference;

use crate::document::Document;
use crate::extract::calendar::{Interval, civil_from_days, days_from_civil};
use crate::extract::entities::EntityMention;
use crate::extract::time::{Precision, TimeMention};
use crate::extract::tokens::Script;
use crate::rules::frame::{FrameRule, Role, ThemeKind, TimePart, Voice};
use crate::rules::{Predicate, RuleSet};
use crate::span::Span;
use cells::{Cell, CellKind, Row, RowBuilder};
use lexicon::{TriggerHit, TriggerIndex, TriggerKind};
use regex_automata::{Anchored, Input};
use serde::Serialize;
use std::ops::Range;

/// How a time dates an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum Bound {
    /// The event happened within the interval.
    #[default]
    Point,
    /// No later than the interval ("by 1968", "as early as 1027", «قبل 1900», a state "held").
    NotAfter,
    /// No earlier than the interval ("after 1900", «بعد 1900»).
    NotBefore,
}

/// Someone or something a frame is about, as written and as resolved.
#[derive(Debug, Clone, PartialEq)]
pub struct Participant {
    /// Matching key: a name's normalized words, or a common noun phrase's content words.
    pub key: String,
    /// The text as written (the antecedent's text when resolved).
    pub text: String,
    /// Where it is written (the pronoun's span when resolved).
    pub span: Span,
    /// Index of the declared entity, if the name is declared.
    pub declared: Option<usize>,
    /// A proper name (an entity mention or a quoted title), not a common noun phrase.
    pub named: bool,
    /// A title in quotes.
    pub quoted: bool,
    /// The predicates a named event's head noun names ("treaty" → signed).
    pub event: Vec<String>,
    /// The other names of its noun phrase ("songhai" in "the Songhai ruler Sonni Ali").
    pub aliases: Vec<String>,
    /// How it was resolved: "her → Marie Curie (line 3)".
    pub resolved: Option<String>,
}

/// One trigger read as one predicate, with its roles and time.
#[derive(Debug, Clone, PartialEq)]
pub struct Frame {
    pub predicate: String,
    pub rule: String,
    pub confidence: f64,
    pub trigger: Span,
    pub trigger_text: String,
    /// Index into the document's time mentions.
    pub time: Option<usize>,
    /// The interval it gives (the start or end year of a range for life dates).
    pub interval: Option<Interval>,
    pub bound: Bound,
    pub roles: Vec<(Role, Participant)>,
    /// The sentence (row) it was read in.
    pub row: usize,
    /// Read from a named event's head noun ("the 1686 edict", «معركة …»).
    pub named_event: bool,
    /// An Arabic verb with no subject written after it («…، وتوفي في نيويورك»): the role its
    /// dropped subject fills, taken from the verb before it.
    pub dropped_subject: Option<Role>,
    /// The role its grammatical subject fills (a verb's; none for a noun).
    pub subject_role: Option<Role>,
}

impl Frame {
    pub fn fillers(&self, role: Role) -> impl Iterator<Item = &Participant> {
        self.roles
            .iter()
            .filter(move |(r, _)| *r == role)
            .map(|(_, p)| p)
    }
}

/// A role filler before the predicate is known: a syntactic position and a cell range.
#[derive(Debug, Clone)]
struct Filler {
    role: Syntactic,
    cells: Range<usize>,
}

/// One rule's reading of one trigger.
#[derive(Debug, Clone)]
struct Reading {
    rule: usize,
    trigger: usize,
    fillers: Vec<Filler>,
    time: Option<usize>,
}

/// Frame extraction for a run: the rule set and the trigger index.
pub struct FrameExtractor<'a> {
    pub rules: &'a RuleSet,
    pub index: &'a TriggerIndex,
}

/// Cells a time may be searched for, each way from a trigger.
/// Content cells (words, names, numbers, triggers; not function words or punctuation) a time may
/// be searched across, each way from a trigger.
const TIME_REACH_RIGHT: usize = 14;
const TIME_REACH_LEFT: usize = 10;
/// Content cells a noun trigger's time may be from it, within its noun phrase.
const NOUN_REACH: usize = 8;
/// Cells a named event's time may be from it ("Battle of X in 1760", «عانت في 2008 من العاصفة فاي»).
const NAMED_EVENT_REACH: usize = 4;

impl<'a> FrameExtractor<'a> {
    pub fn new(rules: &'a RuleSet, index: &'a TriggerIndex) -> Self {
        Self { rules, index }
    }

    /// The rows of a document (for frames and for debugging output).
    pub fn rows(
        &self,
        doc: &Document,
        times: &[TimeMention],
        entities: &[EntityMention],
    ) -> Vec<Row> {
        RowBuilder { index: self.index }.rows(doc, times, entities)
    }

    /// Every frame of a document, in text order, with references resolved. `keep` selects the
    /// rules that may read roles (inline tests run one rule at a time).
    pub fn frames(
        &self,
        doc: &Document,
        times: &[TimeMention],
        entities: &[EntityMention],
        keep: &dyn Fn(&FrameRule) -> bool,
    ) -> (Vec<Row>, Vec<Frame>) {
        let rows = self.rows(doc, times, entities);
        let mut frames = Vec::new();
        for (r, row) in rows.iter().enumerate() {
            let readings = self.readings(row, keep);
            frames.extend(self.row_frames(doc, r, row, &readings, times, entities));
        }
        let mut frames = self.split_spans(frames, times);
        reference::resolve(doc, &rows, &mut frames, entities);
        reference::fill_dropped_subjects(doc, &mut frames);
        reference::canonicalize(&rows, &mut frames);
        reference::bridge_themes(doc, &mut frames);
        (rows, frames)
    }

    /// Frames of a span predicate ("his reign (1320–23)") become the frames of its parts, each
    /// dated by its end of the range; with a single time, or none, they say nothing.
    /// A range a span predicate reads is not also someone's life dates ("the reign of Sejong
    /// (1418–1450)").
    fn split_spans(&self, frames: Vec<Frame>, times: &[TimeMention]) -> Vec<Frame> {
        let span_of = |f: &Frame| {
            self.rules
                .predicates
                .get(&f.predicate)
                .map(|p| &p.span)
                .filter(|s| !s.is_empty())
        };
        let spans: Vec<usize> = frames
            .iter()
            .filter(|f| span_of(f).is_some())
            .filter_map(|f| f.time)
            .collect();
        let reads_a_range_part = |f: &Frame| {
            self.rules
                .frames
                .iter()
                .any(|r| r.id == f.rule && r.time_part.is_some())
        };
        let mut out = Vec::with_capacity(frames.len());
        for frame in frames {
            let Some(parts) = span_of(&frame) else {
                if !(frame.time.is_some_and(|t| spans.contains(&t)) && reads_a_range_part(&frame)) {
                    out.push(frame);
                }
                continue;
            };
            let Some(m) = frame.time.and_then(|i| times.get(i)) else {
                continue;
            };
            if m.precision != Precision::Range || frame.bound != Bound::Point {
                continue;
            }
            for (part, predicate) in parts {
                let mut f = frame.clone();
                f.predicate = predicate.clone();
                f.interval = Some(range_part(m.interval, *part));
                out.push(f);
            }
        }
        out
    }

    /// Every rule match in a row, anchored at each cell.
    fn readings(&self, row: &Row, keep: &dyn Fn(&FrameRule) -> bool) -> Vec<Reading> {
        let mut out = Vec::new();
        let langs = row.languages();
        for (ri, rule) in self.rules.frames.iter().enumerate() {
            if !keep(rule) || !langs.contains(&rule.lang) {
                continue;
            }
            let mut caps = rule.regex.create_captures();
            for start in 0..row.cells.len() {
                let input = Input::new(&row.text)
                    .range(row.starts[start]..)
                    .anchored(Anchored::Yes);
                rule.regex.search_captures(&input, &mut caps);
                if !caps.is_match() {
                    continue;
                }
                if let Some(reading) = self.reading(ri, rule, row, &caps) {
                    out.push(reading);
                }
            }
        }
        out
    }

    fn reading(
        &self,
        ri: usize,
        rule: &FrameRule,
        row: &Row,
        caps: &regex_automata::util::captures::Captures,
    ) -> Option<Reading> {
        let group = |name: &str| -> Option<Range<usize>> {
            let span = caps.get_group_by_name(name)?;
            row.cells_of(span.start..span.end)
        };
        let trigger = match group("trigger") {
            Some(cells) => cells.start,
            None => {
                rule.predicate.as_ref()?;
                group("time")?.start
            }
        };
        let time = group("time").map(|c| c.start);
        let mut fillers = Vec::new();
        let names = rule
            .regex
            .group_info()
            .pattern_names(regex_automata::PatternID::ZERO)
            .flatten();
        for name in names {
            if matches!(name, "trigger" | "time") {
                continue;
            }
            let (Some(cells), Some(role)) = (group(name), syntactic_role(name)) else {
                continue;
            };
            fillers.push(Filler { role, cells });
        }
        fillers.sort_by_key(|f| f.cells.start);
        Some(Reading {
            rule: ri,
            trigger,
            fillers,
            time,
        })
    }

    /// The frames of one row: each trigger cell with its readings, one frame per predicate.
    fn row_frames(
        &self,
        doc: &Document,
        r: usize,
        row: &Row,
        readings: &[Reading],
        times: &[TimeMention],
        entities: &[EntityMention],
    ) -> Vec<Frame> {
        let mut out = Vec::new();
        let mut triggers: Vec<usize> = readings.iter().map(|x| x.trigger).collect();
        for (i, cell) in row.cells.iter().enumerate() {
            if matches!(cell.kind, CellKind::Trigger { .. }) {
                triggers.push(i);
            }
        }
        triggers.sort_unstable();
        triggers.dedup();
        for t in triggers {
            let here: Vec<&Reading> = readings.iter().filter(|x| x.trigger == t).collect();
            let at = self.predicates_at(row, t, &here);
            let all_predicates: Vec<String> = at.iter().map(|(p, _, _)| p.clone()).collect();
            for (predicate, kind, rule) in at {
                let Some(pred) = self.rules.predicates.get(&predicate) else {
                    continue;
                };
                let mut roles: Vec<(Role, Range<usize>)> = Vec::new();
                let mut time = None;
                let mut rule_id = rule.map(|ri| self.rules.frames[ri].id.clone());
                let mut confidence = rule.map_or(0.5, |ri| self.rules.frames[ri].confidence);
                for reading in &here {
                    let frame_rule = &self.rules.frames[reading.rule];
                    if let Some(fixed) = &frame_rule.predicate
                        && *fixed != predicate
                    {
                        continue;
                    }
                    let mut gave = false;
                    for f in &reading.fillers {
                        let role = thematic_role(&f.role, kind, frame_rule.voice, pred);
                        let Some(role) = role else { continue };
                        // Places add up ("entered Europe through the port of Marseille"); other
                        // roles take the first rule's filler.
                        let taken = roles
                            .iter()
                            .any(|(r, c)| *r == role && (role != Role::Place || *c == f.cells));
                        if !taken {
                            roles.push((role, f.cells.clone()));
                            gave = true;
                        }
                    }
                    if time.is_none() && reading.time.is_some() {
                        time = reading.time;
                        gave = true;
                    }
                    if gave && rule_id.is_none() {
                        rule_id = Some(frame_rule.id.clone());
                        confidence = frame_rule.confidence;
                    }
                }
                // A named event is its own theme ("the Treaty of Paris", "the 1686 edict").
                let cell = &row.cells[t];
                if (matches!(cell.kind, CellKind::Entity { .. }) || cell.sym == "EVN")
                    && !roles.iter().any(|(r, _)| *r == Role::Theme)
                {
                    roles.push((Role::Theme, t..t + 1));
                }
                let named_event = kind == TriggerKind::Named;
                let free = rule.is_none_or(|ri| self.rules.frames[ri].predicate.is_none());
                let time = time
                    .or_else(|| match (free, named_event) {
                        (false, _) => None,
                        (true, true) => named_event_time(row, t),
                        (true, false) => self.attach_time(row, t),
                    })
                    .or_else(|| coordinated_time(row, t, &out));
                // "until …" dates the end of a state, not the event.
                let Some((time, mut bound)) = time
                    .and_then(|c| bound_before(row, c).map(|b| (Some(c), b)))
                    .or(Some((None, Bound::Point)))
                else {
                    continue;
                };
                if kind == TriggerKind::State && bound == Bound::Point {
                    bound = Bound::NotAfter;
                }
                let mention = time.and_then(|c| match row.cells[c].kind {
                    CellKind::Time(i) => times.get(i).map(|m| (i, m)),
                    _ => None,
                });
                let fixed = rule.map(|ri| &self.rules.frames[ri]);
                let interval = match (mention, fixed.and_then(|r| r.time_part)) {
                    (Some((_, m)), Some(part)) => {
                        if m.precision != Precision::Range {
                            continue;
                        }
                        Some(range_part(m.interval, part))
                    }
                    (Some((_, m)), None) => Some(m.interval),
                    (None, _) => None,
                };
                if let Some(kind) = fixed.and_then(|r| r.theme_kind) {
                    let is_range = mention.is_some_and(|(_, m)| m.precision == Precision::Range);
                    let ok = match kind {
                        ThemeKind::Person => {
                            is_range || fixed.is_some_and(|r| r.time_part.is_none())
                        }
                        ThemeKind::Title => !is_range,
                    };
                    if !ok {
                        continue;
                    }
                }
                let time_index = mention.map(|(i, _)| i);
                let frame_rule = rule_id.unwrap_or_else(|| "trigger".to_string());
                let roles: Vec<(Role, Participant)> = roles
                    .into_iter()
                    .flat_map(|(role, cells)| {
                        conjuncts(row, apposition_head(row, cells))
                            .into_iter()
                            .filter_map(|c| participant(doc, row, c, entities, self.index))
                            .map(move |p| (role, p))
                            .collect::<Vec<_>>()
                    })
                    .collect();
                if fixed.and_then(|r| r.theme_kind) == Some(ThemeKind::Person)
                    && !roles
                        .iter()
                        .filter(|(r, _)| *r == Role::Theme)
                        .all(|(_, p)| looks_like_person(p))
                {
                    continue;
                }
                // A trigger read as several predicates: a named event's own predicate wins
                // («صلح أماسيا الذي وقع»: signed, not occurred).
                let themes_events: Vec<&String> = roles
                    .iter()
                    .filter(|(r, _)| *r == Role::Theme)
                    .flat_map(|(_, p)| &p.event)
                    .collect();
                if !themes_events.is_empty()
                    && !themes_events.contains(&&predicate)
                    && all_predicates.iter().any(|q| themes_events.contains(&q))
                {
                    continue;
                }
                let subject_role = (!matches!(kind, TriggerKind::Noun | TriggerKind::Named))
                    .then(|| {
                        let voice = fixed.map_or(Voice::Active, |r| r.voice);
                        let voice = if voice == Voice::Lone {
                            Voice::Active
                        } else {
                            voice
                        };
                        thematic_role(&Syntactic::Subject, kind, voice, pred)
                    })
                    .flatten();
                let dropped_subject = subject_role.filter(|_| {
                    cell.script == Some(Script::Arabic)
                        && matches!(cell.sym.as_str(), "VB" | "VPS")
                        && !roles
                            .iter()
                            .any(|(r, _)| matches!(r, Role::Theme | Role::Agent))
                        && subject_dropped_after(row, t)
                });
                out.push(Frame {
                    dropped_subject,
                    subject_role,
                    predicate,
                    rule: frame_rule,
                    confidence,
                    trigger: cell.span,
                    trigger_text: doc.text[cell.span.range()].to_string(),
                    time: time_index,
                    interval,
                    bound,
                    roles,
                    row: r,
                    named_event,
                });
            }
        }
        out
    }

    /// The predicates a trigger cell stands for: its lexicon hits, a named entity's event
    /// predicates, or a rule's own predicate; with the kind of trigger and the first rule that
    /// read it.
    fn predicates_at(
        &self,
        row: &Row,
        t: usize,
        readings: &[&Reading],
    ) -> Vec<(String, TriggerKind, Option<usize>)> {
        let mut out: Vec<(String, TriggerKind, Option<usize>)> = Vec::new();
        for reading in readings {
            if let Some(p) = &self.rules.frames[reading.rule].predicate
                && !out.iter().any(|(q, _, _)| q == p)
            {
                out.push((p.clone(), TriggerKind::Noun, Some(reading.rule)));
            }
        }
        let rule_free = readings
            .iter()
            .find(|r| self.rules.frames[r.rule].predicate.is_none())
            .map(|r| r.rule);
        // One kind per predicate: transitive where a rule found an object, else the reading
        // whose subject is the theme (a listed passive form, an intransitive verb).
        let has_object = readings
            .iter()
            .any(|r| r.fillers.iter().any(|f| f.role == Syntactic::Object));
        let rank = |k: TriggerKind| match k {
            TriggerKind::Transitive if has_object => 0,
            TriggerKind::Passive => 1,
            TriggerKind::Intransitive => 2,
            _ => 3,
        };
        match &row.cells[t].kind {
            CellKind::Trigger { hits, .. } => {
                let mut hits: Vec<&TriggerHit> = hits.iter().collect();
                hits.sort_by_key(|h| (h.predicate.clone(), rank(h.kind)));
                for TriggerHit { predicate, kind } in hits {
                    if !out.iter().any(|(q, _, _)| q == predicate) {
                        out.push((predicate.clone(), *kind, rule_free));
                    }
                }
            }
            CellKind::Entity { event, .. } if rule_free.is_some() => {
                for p in event {
                    if !out.iter().any(|(q, _, _)| q == p) {
                        out.push((p.clone(), TriggerKind::Named, rule_free));
                    }
                }
            }
            _ => {}
        }
        out
    }

    /// The nearest time mention of the trigger's clause: after it first, then before it. A noun
    /// trigger takes a time only within its own noun phrase ("his death in 1881", "the
    /// discovery of the gas in 1775", «وفاته عام 1628»), never from the clause it is part of
    /// ("after his death the country divided in 1805").
    fn attach_time(&self, row: &Row, t: usize) -> Option<usize> {
        let cells = &row.cells;
        let noun = cells[t].sym == "NN";
        let inside_parens = paren_depth_at(cells, t) > 0;
        let reach_right = if noun { NOUN_REACH } else { TIME_REACH_RIGHT };
        // A noun's own parenthesised time, after its "of"-name if it has one: "his reign
        // (1320–23)", "the reign of Sejong (1418–1450)".
        if noun {
            let mut at = t + 1;
            if cells.get(at).is_some_and(|c| c.sym == "of")
                && cells
                    .get(at + 1)
                    .is_some_and(|c| matches!(c.kind, CellKind::Entity { .. }))
            {
                at += 2;
            }
            if let [open, time, close, ..] = &cells[at.min(cells.len())..]
                && open.sym == "("
                && close.sym == ")"
                && matches!(time.kind, CellKind::Time(_))
            {
                return Some(at + 1);
            }
        }
        // Right.
        let mut depth = 0usize;
        let mut seen = 0;
        let mut previous = cells[t].sym.as_str();
        for (i, c) in cells.iter().enumerate().skip(t + 1) {
            match c.sym.as_str() {
                "(" => {
                    depth += 1;
                    continue;
                }
                ")" => {
                    if depth == 0 {
                        if inside_parens {
                            break;
                        }
                    } else {
                        depth -= 1;
                    }
                    continue;
                }
                _ => {}
            }
            if depth > 0 {
                continue;
            }
            seen += usize::from(is_content(c));
            if seen > reach_right || ends_clause(self, c) || blocks_at(row, i) {
                break;
            }
            if noun && leaves_noun_phrase(previous, c) {
                break;
            }
            if matches!(c.kind, CellKind::Time(_)) {
                return Some(i);
            }
            previous = c.sym.as_str();
        }
        // Left: a noun only from right before it ("in 1919 the founding of …", «عام 1934 تم
        // قمع …»).
        let reach_left = if noun { 2 } else { TIME_REACH_LEFT };
        let mut depth = 0usize;
        let mut seen = 0;
        let mut i = t;
        while i > 0 {
            i -= 1;
            let c = &cells[i];
            match c.sym.as_str() {
                ")" => {
                    depth += 1;
                    continue;
                }
                "(" => {
                    if depth == 0 {
                        if inside_parens {
                            break;
                        }
                    } else {
                        depth -= 1;
                    }
                    continue;
                }
                _ => {}
            }
            if depth > 0 {
                continue;
            }
            seen += usize::from(is_content(c));
            if seen > reach_left || blocks_at(row, i) || ends_clause(self, c) {
                break;
            }
            if c.sym == "," {
                if noun {
                    break;
                }
                match self.comma_before(row, i) {
                    Comma::Cross => {}
                    Comma::Skip(to) => i = to,
                    Comma::Stop => break,
                }
                continue;
            }
            if matches!(c.kind, CellKind::Time(_)) {
                return (!self.dates_earlier_trigger(row, i)).then_some(i);
            }
        }
        None
    }

    /// What a leftward time search does at the comma at `comma`: go on past a fronted adverbial
    /// ("In 1891, …", "On 7 June 1802, …"); skip an apposition or relative clause and go on
    /// before it ("the town, a World Heritage Site since 1989, fell …"); else stop.
    fn comma_before(&self, row: &Row, comma: usize) -> Comma {
        let cells = &row.cells;
        let start = cells[..comma]
            .iter()
            .rposition(|c| matches!(c.sym.as_str(), "," | ";" | "^" | "("))
            .unwrap_or(0);
        let segment = &cells[start + 1..comma];
        let first = segment.first();
        if cells[start].sym == "^" {
            let fronted = first.is_some_and(|c| {
                matches!(c.kind, CellKind::Time(_))
                    || self.index.en_words.prepositions.contains(&c.sym)
                    || self.index.ar_words.prepositions.contains(&c.sym)
            });
            return if fronted && !segment.iter().any(blocks) {
                Comma::Cross
            } else {
                Comma::Stop
            };
        }
        // A clause-initial time after an earlier clause: "…, and in 1949, he died", «…، مع
        // نهاية عام 1949، توفي»: a time with at most a conjunction or preposition before it.
        let words = &self.index;
        let clause_time = segment.len() <= 3
            && segment
                .last()
                .is_some_and(|c| matches!(c.kind, CellKind::Time(_)))
            && segment[..segment.len() - 1].iter().all(|c| {
                matches!(c.sym.as_str(), "and" | "then" | "و" | "ف" | "ثم")
                    || words.en_words.prepositions.contains(&c.sym)
                    || words.ar_words.prepositions.contains(&c.sym)
            });
        if clause_time && matches!(cells[start].sym.as_str(), "," | ";") {
            return Comma::Cross;
        }
        let inserted = first.is_some_and(|c| {
            matches!(
                c.sym.as_str(),
                "a" | "an" | "the" | "who" | "which" | "whose" | "الذي" | "التي"
            )
        });
        if inserted && cells[start].sym == "," && !segment.iter().any(blocks) {
            Comma::Skip(start)
        } else {
            Comma::Stop
        }
    }

    /// Whether a time cell follows a trigger of its own comma segment ("X, who died in 1294,
    /// was succeeded": 1294 is the death's, not the succession's).
    fn dates_earlier_trigger(&self, row: &Row, time: usize) -> bool {
        for c in row.cells[..time].iter().rev() {
            if blocks(c) {
                return true;
            }
            if matches!(c.sym.as_str(), "," | ";" | ":" | "(" | ")" | "^") {
                return false;
            }
        }
        false
    }
}

/// The time of the verb a coordinated verb shares its clause with: "on 7 June 1802 he was
/// seized and deported" dates the deportation too, where the time stands before the first verb.
fn coordinated_time(row: &Row, t: usize, earlier: &[Frame]) -> Option<usize> {
    let before = row.cells[..t].iter().rev().find(|c| {
        !matches!(
            c.sym.as_str(),
            "RB" | "was" | "were" | "been" | "had" | "has" | "have"
        )
    })?;
    if !matches!(before.sym.as_str(), "and" | "و" | "ثم") {
        return None;
    }
    let previous = earlier
        .iter()
        .rev()
        .find(|f| f.trigger.end <= row.cells[t].span.start)?;
    let first = row.cells.iter().position(|c| c.span == previous.trigger)?;
    row.cells[..first]
        .iter()
        .rposition(|c| matches!(c.kind, CellKind::Time(i) if Some(i) == previous.time))
}

/// Whether a cell, after `previous`, starts something outside a noun trigger's phrase: a new
/// noun phrase that no preposition or "of" introduces ("after his death | the country …"), a
/// comma, a verb.
fn leaves_noun_phrase(previous: &str, c: &Cell) -> bool {
    let introduced = matches!(
        previous,
        "of" | "in"
            | "at"
            | "on"
            | "to"
            | "from"
            | "by"
            | "during"
            | "with"
            | "into"
            | "the"
            | "a"
            | "an"
            | "'s"
            | "في"
            | "من"
            | "علي"
            | "الي"
            | "عن"
            | "مع"
            | "منذ"
            | "ال"
            | "ب"
            | "ل"
    );
    match c.sym.as_str() {
        "the" | "a" | "an" | "this" | "that" | "these" | "those" => !introduced,
        "," | "was" | "were" | "is" | "are" | "had" | "has" | "have" => true,
        _ => matches!(c.kind, CellKind::Pronoun(_)) && !c.sym.starts_with('+'),
    }
}

/// A cell that counts towards a search's reach: a word, name, number or trigger.
fn is_content(c: &Cell) -> bool {
    match c.kind {
        CellKind::Word => matches!(c.sym.as_str(), "w" | "RB"),
        CellKind::Entity { .. }
        | CellKind::Trigger { .. }
        | CellKind::Number
        | CellKind::Time(_) => true,
        _ => false,
    }
}

/// The time mention nearest a named event, within a few cells (after it first).
fn named_event_time(row: &Row, t: usize) -> Option<usize> {
    let is_time = |i: usize| matches!(row.cells.get(i).map(|c| &c.kind), Some(CellKind::Time(_)));
    let stops = |i: usize| {
        row.cells.get(i).is_none_or(|c| {
            blocks(c) || matches!(c.sym.as_str(), "," | ";" | ":" | "(" | ")" | "^")
        })
    };
    for d in 1..=NAMED_EVENT_REACH {
        if is_time(t + d) {
            return Some(t + d);
        }
        if stops(t + d) {
            break;
        }
    }
    for d in 1..=NAMED_EVENT_REACH.min(t) {
        if is_time(t - d) {
            return Some(t - d);
        }
        if stops(t - d) {
            break;
        }
    }
    None
}

/// What a leftward time search does at a comma.
enum Comma {
    Cross,
    /// Go on before the comma at this index.
    Skip(usize),
    Stop,
}

/// Parentheses open at a cell (opened before it in its row and not yet closed).
pub(crate) fn paren_depth_at(cells: &[Cell], at: usize) -> usize {
    let mut depth = 0usize;
    for c in &cells[..at] {
        match c.sym.as_str() {
            "(" => depth += 1,
            ")" => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    depth
}

/// A cell no time search crosses: another trigger.
fn blocks(c: &Cell) -> bool {
    matches!(c.kind, CellKind::Trigger { .. }) && c.sym != "EVN"
}

/// [`blocks`] in context: a noun trigger right after a preposition (and article) is an adverbial
/// ("in the end", «في النهاية»), not an event of its own.
fn blocks_at(row: &Row, i: usize) -> bool {
    let c = &row.cells[i];
    if !blocks(c) {
        return false;
    }
    if c.sym == "NN" {
        let mut j = i;
        while j > 0 && matches!(row.cells[j - 1].sym.as_str(), "the" | "ال") {
            j -= 1;
        }
        let after_preposition = j > 0
            && matches!(
                row.cells[j - 1].sym.as_str(),
                "in" | "at"
                    | "to"
                    | "by"
                    | "for"
                    | "في"
                    | "على"
                    | "الي"
                    | "ب"
                    | "ل"
                    | "حتي"
                    | "منذ"
            );
        let next_is_complement = row.cells.get(i + 1).is_some_and(|n| {
            matches!(n.sym.as_str(), "of" | "E" | "EV" | "w" | "'s") || n.sym.starts_with('+')
        });
        if after_preposition && !next_is_complement {
            return false;
        }
    }
    true
}

/// A cell that ends a clause for time search: a semicolon, a colon, a relative pronoun.
fn ends_clause(fx: &FrameExtractor<'_>, c: &Cell) -> bool {
    matches!(c.sym.as_str(), ";" | ":")
        || fx.index.en_words.relatives.contains(&c.sym)
        || fx.index.ar_words.relatives.contains(&c.sym)
}

/// The bound the words before a time cell make of it; `None` for "until" (an end, not the event).
fn bound_before(row: &Row, time: usize) -> Option<Bound> {
    let modifies_noun = row
        .cells
        .get(time + 1)
        .is_some_and(|c| matches!(c.sym.as_str(), "'s" | "EV" | "EVN" | "E"));
    if modifies_noun {
        return Some(Bound::Point);
    }
    let before: Vec<&str> = row.cells[..time]
        .iter()
        .rev()
        .filter(|c| c.sym != "the")
        .take(3)
        .map(|c| c.words.as_str())
        .collect();
    let first = before.first().copied().unwrap_or("");
    // Read right to left: "as early as" is before = ["as", "early", "as"].
    let as_early_as =
        before.len() >= 3 && before[0] == "as" && before[1] == "early" && before[2] == "as";
    Some(match first {
        "by" | "before" | "قبل" | "قبيل" => Bound::NotAfter,
        _ if as_early_as => Bound::NotAfter,
        "after" | "بعد" | "بعيد" => Bound::NotBefore,
        "until" | "till" | "حتى" | "لغاية" => return None,
        _ => Bound::Point,
    })
}

/// The syntactic position a capture group names.
fn syntactic_role(name: &str) -> Option<Syntactic> {
    Some(match name {
        "subject" => Syntactic::Subject,
        "object" => Syntactic::Object,
        "possessor" => Syntactic::Possessor,
        "theme" => Syntactic::Role(Role::Theme),
        "agent" => Syntactic::Role(Role::Agent),
        "place" => Syntactic::Role(Role::Place),
        "partner" => Syntactic::Role(Role::Partner),
        other => Syntactic::Preposition(other.strip_prefix("pp_")?.to_string()),
    })
}

/// A capture's syntactic position.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Syntactic {
    Subject,
    Object,
    Possessor,
    Preposition(String),
    Role(Role),
}

/// The thematic role of a syntactic position for one predicate and trigger kind.
fn thematic_role(s: &Syntactic, kind: TriggerKind, voice: Voice, p: &Predicate) -> Option<Role> {
    Some(match s {
        Syntactic::Role(r) => *r,
        Syntactic::Subject => match (voice, kind) {
            (Voice::Passive, _) => Role::Theme,
            (Voice::Lone, _) => p.lone,
            (_, TriggerKind::Transitive | TriggerKind::State) => Role::Agent,
            _ => Role::Theme,
        },
        Syntactic::Object => match kind {
            TriggerKind::Transitive | TriggerKind::State => p.object,
            _ => return None,
        },
        Syntactic::Possessor => p.possessor,
        Syntactic::Preposition(word) => match p.prepositions.get(word) {
            Some(r) => *r,
            None => match word.as_str() {
                "of" => Role::Theme,
                "by" => Role::Agent,
                "with" => Role::Partner,
                // Where from is a place only where the predicate says so (departures).
                "from" => return None,
                _ => Role::Place,
            },
        },
    })
}

/// Whether nothing that could be a subject follows an Arabic verb: a preposition, a time,
/// punctuation or the end comes next («وتوفي في نيويورك عام 1931», «ثم توفي عام 1931»), not a
/// noun phrase («توفي أكثر من …», «توفي الملك …»).
fn subject_dropped_after(row: &Row, t: usize) -> bool {
    match row.cells.get(t + 1) {
        None => true,
        Some(c) => {
            matches!(c.kind, CellKind::Time(_) | CellKind::Punct)
                || matches!(
                    c.sym.as_str(),
                    "," | "."
                        | "("
                        | "في"
                        | "ب"
                        | "ل"
                        | "الي"
                        | "من"
                        | "علي"
                        | "عن"
                        | "منذ"
                        | "بعد"
                        | "قبل"
                        | "سنه"
                        | "عام"
                )
        }
    }
}

/// A common noun phrase set off by commas right after a name stands for that name: "Emperor
/// Gegeen Khan, Ayurbarwada's son and successor, ruled" → the emperor, «فيصل، ابن الشريف حسين،
/// حكم» → Faisal; one with a name set off after it is that name ("a second daughter, Ève, was
/// born"). A phrase with a name of its own ("Scheele, Priestley, and") is itself.
fn apposition_head(row: &Row, cells: Range<usize>) -> Range<usize> {
    let is_name = |c: &Cell| matches!(c.kind, CellKind::Entity { .. });
    let closes = row.cells.get(cells.end).is_some_and(|c| c.sym == ",");
    if cells.is_empty() || !closes || row.cells[cells.clone()].iter().any(is_name) {
        return cells;
    }
    // The name set off after it: "a second daughter, Ève, was born" → Ève.
    if let [_, name, comma, ..] = &row.cells[cells.end..]
        && is_name(name)
        && comma.sym == ","
    {
        return cells.end + 1..cells.end + 2;
    }
    let mut i = cells.start;
    let mut seen = 0;
    while i > 0 && seen < 6 {
        i -= 1;
        let c = &row.cells[i];
        if c.sym == "," {
            return match i.checked_sub(1).map(|n| (n, &row.cells[n])) {
                Some((n, name)) if is_name(name) => n..n + 1,
                _ => cells,
            };
        }
        let part_of_phrase = matches!(c.kind, CellKind::Word | CellKind::Entity { .. })
            || matches!(c.kind, CellKind::Pronoun(_))
            || matches!(
                c.sym.as_str(),
                "the" | "a" | "an" | "'s" | "and" | "of" | "ال" | "و"
            );
        if !part_of_phrase {
            return cells;
        }
        seen += 1;
    }
    cells
}

/// A role's cells split into conjuncts at commas and "and"/«و» ("France, England, and Italy").
fn conjuncts(row: &Row, cells: Range<usize>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = cells.start;
    for i in cells.clone() {
        let s = row.cells[i].sym.as_str();
        if matches!(s, "," | "and" | "or" | "و" | "أو") {
            if start < i {
                out.push(start..i);
            }
            start = i + 1;
        }
    }
    if start < cells.end {
        out.push(start..cells.end);
    }
    out
}

/// A participant from a conjunct's cells. A quoted title is itself; a named event noun with a
/// name after it («مؤتمر برلين», "the Battle of X") is that name, with the event's predicates;
/// otherwise the last name before an "of" ("Christian Nobility" of "the Christian Nobility of
/// the German Nation"), else the last name ("Sonni Ali" in "the Songhai ruler Sonni Ali"), else
/// a pronoun (resolved later), else the content words of a common noun phrase.
fn participant(
    doc: &Document,
    row: &Row,
    cells: Range<usize>,
    entities: &[EntityMention],
    index: &TriggerIndex,
) -> Option<Participant> {
    let mut slice = &row.cells[cells.clone()];
    let quoted = slice.first().is_some_and(|c| c.sym == "Q") && slice.len() > 2;
    if quoted {
        let end = slice[1..]
            .iter()
            .position(|c| c.sym == "Q")
            .map_or(slice.len(), |i| i + 1);
        slice = &slice[1..end];
    }
    let mut event: Vec<String> = Vec::new();
    // A named-event noun before a name: the name is the participant.
    if let Some(i) = slice.iter().position(|c| c.sym == "EVN")
        && slice[i + 1..]
            .iter()
            .any(|c| matches!(c.sym.as_str(), "w" | "E" | "EV"))
    {
        if let CellKind::Trigger { hits, .. } = &slice[i].kind {
            event.extend(hits.iter().map(|h| h.predicate.clone()));
        }
        slice = &slice[i + 1..];
    }
    // A quantity is about its of-phrase ("many of the residents", «عدد من القادة»), or about
    // no one in particular.
    let words_of = |c: &Cell| c.words.strip_prefix("ال").unwrap_or(&c.words).to_string();
    if let Some(first) = slice.iter().position(|c| {
        matches!(c.sym.as_str(), "w" | "RB" | "E")
            || index.ar_words.quantifiers.contains(&c.sym)
            || index.en_words.quantifiers.contains(&c.sym)
    }) && {
        let w = words_of(&slice[first]);
        index.en_words.quantifiers.contains(&w) || index.ar_words.quantifiers.contains(&w)
    } {
        let of = slice[first + 1..]
            .iter()
            .position(|c| matches!(c.sym.as_str(), "of" | "من"))
            .map(|i| first + 1 + i + 1)?;
        slice = &slice[of..];
    }
    let span_of = |cs: &[Cell]| -> Option<Span> {
        let first = cs.iter().find(|c| !c.span.is_empty())?;
        let last = cs.iter().rev().find(|c| !c.span.is_empty())?;
        Some(Span::new(first.span.start, last.span.end))
    };
    let of = slice
        .iter()
        .position(|c| c.sym == "of")
        .unwrap_or(slice.len());
    let is_name = |c: &&Cell| matches!(c.kind, CellKind::Entity { .. });
    let name = slice[..of]
        .iter()
        .rev()
        .find(is_name)
        .or_else(|| slice.iter().rev().find(is_name));
    if let Some(c) = name.filter(|_| !quoted || slice.iter().filter(|c| c.sym != "E").count() == 0)
    {
        let CellKind::Entity {
            index,
            event: named,
        } = &c.kind
        else {
            return None;
        };
        event.extend(named.iter().cloned());
        let aliases = slice
            .iter()
            .filter(|o| o.span != c.span && matches!(o.kind, CellKind::Entity { .. }))
            .map(|o| name_key(&o.words))
            .collect();
        return Some(Participant {
            key: name_key(&c.words),
            text: doc.text[c.span.range()].to_string(),
            span: c.span,
            declared: entities.get(*index).and_then(|e| e.declared),
            named: true,
            quoted,
            event,
            aliases,
            resolved: None,
        });
    }
    if !quoted
        && let Some(c) = slice
            .iter()
            .find(|c| matches!(c.kind, CellKind::Pronoun(_)))
    {
        return Some(Participant {
            key: String::new(),
            text: doc.text[c.span.range()].to_string(),
            span: c.span,
            declared: None,
            named: false,
            quoted,
            event,
            aliases: Vec::new(),
            resolved: None,
        });
    }
    let content_syms: &[&str] = if quoted {
        &[
            "w", "E", "EV", "NN", "EVN", "VG", "VD", "VPT", "VPP", "VZ", "VB", "VPS", "PT", "RB",
        ]
    } else {
        &["w", "NN", "EVN", "VG"]
    };
    let key = slice
        .iter()
        .filter(|c| content_syms.contains(&c.sym.as_str()))
        .map(|c| c.words.strip_prefix("ال").unwrap_or(&c.words))
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    if key.is_empty() {
        return None;
    }
    let span = span_of(slice)?;
    // Arabic has no capitals: a short noun phrase without the article is most often a name the
    // dictionary happens to know (صقلية، جبران خليل جبران).
    let arabic_name = slice
        .first()
        .is_some_and(|c| c.sym == "w" && c.script == Some(Script::Arabic))
        && key.split(' ').count() <= 3;
    Some(Participant {
        key,
        text: doc.text[span.range()].to_string(),
        span,
        declared: None,
        named: quoted || arabic_name,
        quoted,
        event,
        aliases: Vec::new(),
        resolved: None,
    })
}

/// A name's matching key: its normalized words, a possessive dropped.
pub fn name_key(words: &str) -> String {
    words
        .strip_suffix("'s")
        .or_else(|| words.strip_suffix("’s"))
        .unwrap_or(words)
        .to_string()
}

/// The year a range starts or ends with.
fn range_part(range: Interval, part: TimePart) -> Interval {
    let (y1, _, _) = civil_from_days(range.start);
    let (y2, _, _) = civil_from_days(range.end);
    match part {
        TimePart::Start => Interval::new(range.start, days_from_civil(y1, 12, 31)),
        TimePart::End => Interval::new(days_from_civil(y2, 1, 1), range.end),
    }
}

/// A participant that reads as a personal name: two to four capitalised words (Latin) with no
/// word that names a thing, or any Arabic name (Arabic has no capitals to tell).
fn looks_like_person(p: &Participant) -> bool {
    if p.quoted || !p.event.is_empty() {
        return false;
    }
    if p.key.chars().any(crate::normalize::is_arabic_letter) {
        // Arabic names the dictionary knows are plain words; a definite phrase is no name.
        return p.named || !crate::normalize::key(&p.text).starts_with("ال");
    }
    if !p.named {
        return false;
    }
    let words: Vec<&str> = p.key.split(' ').collect();
    (1..=4).contains(&words.len()) && !words.iter().any(|w| reference::is_thing_word(w))
}
