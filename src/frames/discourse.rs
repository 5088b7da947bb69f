//! Discourse order: what a text says happened later than something else.
//!
//! - A *sequence cue* between two times ("… in March 1644 and later, in 1641, …"; «انطلق مع
//!   بداية عام 1352 … ثم عاد … في مطلع عام 1351»; «وبعد شهرين … في مايو 1798») says the time
//!   after it is not earlier than the time before it (in its sentence, or the last time of the
//!   sentence before when the cue has none before it in its own).
//! - "after / following / «بعد» + an event noun" ("After his death the country divided in
//!   1805") says the clause's time is not earlier than that event, whose date the facts give;
//!   "before / «قبل»" the reverse.
//!
//! The cue words are in the language tables (`[frames] sequence_cues`, `after_words`,
//! `before_words`). [`crate::check::order_violation`] compares what this finds.

use super::cells::{CellKind, Row};
use super::{Frame, Participant};
use crate::document::Document;
use crate::extract::calendar::Interval;
use crate::extract::time::TimeMention;
use crate::rules::frame::Role;
use crate::span::Span;
use serde::Serialize;

/// A time as stated in the text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stated {
    pub span: Span,
    pub text: String,
    pub interval: Interval,
}

/// What a sequence's later time must not precede.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Earlier {
    /// A time stated before the cue.
    Time(Stated),
    /// An event the facts date: its predicate and participant key ("after his death").
    Event {
        predicate: String,
        entity: String,
        /// The event as written ("his death"), and how its participant was resolved.
        text: String,
        resolved: Option<String>,
    },
}

/// One ordering the text states.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Sequence {
    pub file: String,
    /// The cue as written.
    pub cue: String,
    pub cue_span: Span,
    pub earlier: Earlier,
    pub later: Stated,
    /// The event is *after* the stated time ("before his death, in 1805, …"): the comparison
    /// flips.
    pub flipped: bool,
}

/// Content cells between a cue and the time it orders.
const CUE_REACH: usize = 6;

/// The orderings of one document.
pub fn sequences(
    doc: &Document,
    rows: &[Row],
    frames: &[Frame],
    times: &[TimeMention],
    cues: &Cues,
) -> Vec<Sequence> {
    let mut out = Vec::new();
    let stated = |cell: &super::cells::Cell| -> Option<Stated> {
        let CellKind::Time(i) = cell.kind else {
            return None;
        };
        let m = times.get(i)?;
        Some(Stated {
            span: m.span,
            text: doc.text[m.span.range()].to_string(),
            interval: m.interval,
        })
    };
    for (r, row) in rows.iter().enumerate() {
        let cells = &row.cells;
        for (c, cell) in cells.iter().enumerate() {
            let words = cell.words.as_str();
            let next = cells.get(c + 1).map_or("", |n| n.words.as_str());
            let previous = c.checked_sub(1).map_or("", |p| cells[p].sym.as_str());
            let sequence_cue = cues.sequence.iter().any(|w| w == words)
                || (cues.then.iter().any(|w| w == words) && matches!(previous, "and" | "," | "و"))
                || (cues.after.iter().any(|w| w == words)
                    && cues.durations.iter().any(|d| next.ends_with(d.as_str())));
            if sequence_cue && super::paren_depth_at(cells, c) > 0 {
                // "(later King Trần Hưng Đạo)": a title, not a sequence.
                continue;
            }
            if sequence_cue {
                let later = later_time(row, c + 1).and_then(|i| stated(&cells[i]));
                let earlier = (0..c)
                    .rev()
                    .find(|&i| matches!(cells[i].kind, CellKind::Time(_)))
                    .and_then(|i| stated(&cells[i]))
                    .or_else(|| {
                        let before = rows.get(r.checked_sub(1)?)?;
                        before.cells.iter().rev().find_map(stated)
                    });
                if let (Some(later), Some(earlier)) = (later, earlier) {
                    out.push(Sequence {
                        file: doc.path.clone(),
                        cue: doc.text[cell.span.range()].to_string(),
                        cue_span: cell.span,
                        earlier: Earlier::Time(earlier),
                        later,
                        flipped: false,
                    });
                }
                continue;
            }
            let after = cues.after.iter().any(|w| w == words);
            let before = cues.before.iter().any(|w| w == words);
            if !(after || before) {
                continue;
            }
            // "after his death": the event noun within three cells, with a participant and no
            // time of its own.
            let Some(event) = (c + 1..(c + 4).min(cells.len()))
                .filter(|&i| cells[i].sym == "NN")
                .find_map(|i| {
                    frames
                        .iter()
                        .find(|f| f.row == r && f.trigger == cells[i].span)
                })
            else {
                continue;
            };
            if event.time.is_some() {
                continue;
            }
            let Some(p) = event_participant(event) else {
                continue;
            };
            let noun = cells
                .iter()
                .position(|x| x.span == event.trigger)
                .unwrap_or(c);
            let later = later_time(row, noun + 1)
                .or_else(|| {
                    (0..c)
                        .rev()
                        .find(|&i| matches!(cells[i].kind, CellKind::Time(_)))
                })
                .and_then(|i| stated(&cells[i]));
            let Some(later) = later else { continue };
            out.push(Sequence {
                file: doc.path.clone(),
                cue: doc.text[Span::new(cell.span.start, event.trigger.end).range()].to_string(),
                cue_span: Span::new(cell.span.start, event.trigger.end),
                earlier: Earlier::Event {
                    predicate: event.predicate.clone(),
                    entity: p.key.clone(),
                    text: doc.text[Span::new(cell.span.start, event.trigger.end).range()]
                        .split_whitespace()
                        .collect::<Vec<_>>()
                        .join(" "),
                    resolved: p.resolved.clone(),
                },
                later,
                flipped: before,
            });
        }
    }
    out
}

/// The participant an event noun is about (its theme).
fn event_participant(f: &Frame) -> Option<&Participant> {
    f.fillers(Role::Theme).next().filter(|p| p.named)
}

/// The first time after a cell, within a few content cells and the clause; not a time inside
/// a parenthesis or one that only bounds a state ("in use since 1998").
fn later_time(row: &Row, from: usize) -> Option<usize> {
    let mut seen = 0;
    for (i, c) in row.cells.iter().enumerate().skip(from) {
        if matches!(c.kind, CellKind::Time(_)) {
            let bound = i > 0
                && matches!(
                    row.cells[i - 1].words.as_str(),
                    "since" | "until" | "till" | "منذ" | "حتي"
                );
            return (!bound).then_some(i);
        }
        if matches!(c.sym.as_str(), ";" | ":" | "(") {
            return None;
        }
        if matches!(
            c.kind,
            CellKind::Word | CellKind::Entity { .. } | CellKind::Trigger { .. }
        ) {
            seen += 1;
        }
        if seen > CUE_REACH {
            return None;
        }
    }
    None
}

/// The cue words of both languages, normalized.
#[derive(Debug, Clone, Default)]
pub struct Cues {
    /// Words that say "after that" wherever they stand ("later", «لاحقا», «ثم»).
    pub sequence: Vec<String>,
    /// Words that say it after "and" or a comma ("then").
    pub then: Vec<String>,
    pub after: Vec<String>,
    pub before: Vec<String>,
    /// Duration nouns that make «بعد» a sequence cue («بعد شهرين»).
    pub durations: Vec<String>,
}

impl Cues {
    pub fn new(lexicon: &crate::lexicon::Lexicon) -> Self {
        let norm = |v: &[String]| {
            v.iter()
                .map(|w| crate::normalize::key(w))
                .collect::<Vec<_>>()
        };
        let mut cues = Cues::default();
        for t in [&lexicon.en.frames, &lexicon.ar.frames] {
            cues.sequence.extend(norm(&t.sequence_cues));
            cues.then.extend(norm(&t.then_cues));
            cues.after.extend(norm(&t.after_words));
            cues.before.extend(norm(&t.before_words));
            cues.durations.extend(norm(&t.durations));
        }
        cues
    }
}
