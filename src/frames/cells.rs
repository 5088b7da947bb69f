//! The token layer event frames are read from: every sentence as a row of *cells*.
//!
//! A cell is one word, mention or punctuation mark with a symbol: `T` a time mention, `E` an
//! entity mention (`EV` when its head names an event: "Treaty of Paris", «معركة …»), a trigger
//! of the predicate lexicon (`VD`, `VPT`, `VPP`, `VG`, `VZ`, `VB`, `VPS`, `NN`, `PT`, `EVN`), a
//! function word or pronoun written as itself (`the`, `was`, `his`, «الذي», «في»), an adverb
//! (`RB`), a number (`#`), punctuation (`,` `(` `)` `;` `:` `-` `/` `Q` for quotes, `'s`), an
//! Arabic proclitic (`و` `ف` `ب` `ل` `ك` `ال`) or attached pronoun (`+ه` `+ها` …), or any other
//! word (`w`). The row is written `<sym><sym>…`, which is what frame rules match; each cell
//! keeps its span in the original text and its normalized words.
//!
//! Cells are computed once per document from its word tokens, time mentions and entity
//! mentions; nothing here decides roles (that is [`super::FrameExtractor`]).

use super::lexicon::{PronounFeatures, TriggerHit, TriggerIndex, VerbForm, WordClasses};
use crate::document::Document;
use crate::extract::entities::EntityMention;
use crate::extract::time::TimeMention;
use crate::extract::tokens::Script;
use crate::span::Span;
use rustc_hash::FxHashSet as HashSet;
use std::ops::Range;

/// What a cell stands for.
#[derive(Debug, Clone, PartialEq)]
pub enum CellKind {
    /// The start of a sentence (`^`).
    Start,
    Word,
    Trigger {
        hits: Vec<TriggerHit>,
        form: Option<VerbForm>,
    },
    /// Index into the document's time mentions.
    Time(usize),
    /// Index into the document's entity mentions; `event` lists the predicates its head noun
    /// names (empty for an ordinary name).
    Entity {
        index: usize,
        event: Vec<String>,
    },
    Pronoun(PronounFeatures),
    Punct,
    Number,
}

/// One cell of a sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    pub sym: String,
    pub kind: CellKind,
    /// In the original text.
    pub span: Span,
    /// The normalized words it stands for (lower-cased, Arabic clitics split off).
    pub words: String,
    pub script: Option<Script>,
}

/// The cells of one sentence and their rendering for frame rules.
#[derive(Debug, Clone)]
pub struct Row {
    pub sentence: Span,
    pub cells: Vec<Cell>,
    /// `<sym><sym>…`.
    pub text: String,
    /// Byte offset of each cell in `text` (and the end, one past the last cell).
    pub starts: Vec<usize>,
}

impl Row {
    fn new(sentence: Span, cells: Vec<Cell>) -> Self {
        let mut text = String::new();
        let mut starts = Vec::with_capacity(cells.len() + 1);
        for c in &cells {
            starts.push(text.len());
            text.push('<');
            text.push_str(&c.sym);
            text.push('>');
        }
        starts.push(text.len());
        Self {
            sentence,
            cells,
            text,
            starts,
        }
    }

    /// The languages of its words (Arabic script → ar, Latin → en).
    pub fn languages(&self) -> Vec<crate::rules::Lang> {
        let mut out = Vec::new();
        if self.cells.iter().any(|c| c.script == Some(Script::Arabic)) {
            out.push(crate::rules::Lang::Ar);
        }
        if self.cells.iter().any(|c| c.script == Some(Script::Latin)) {
            out.push(crate::rules::Lang::En);
        }
        out
    }

    /// The cell range a byte range of `text` covers (`None` unless it starts and ends at cells).
    pub fn cells_of(&self, bytes: Range<usize>) -> Option<Range<usize>> {
        let first = self.starts.binary_search(&bytes.start).ok()?;
        let last = self.starts.binary_search(&bytes.end).ok()?;
        (first < last).then_some(first..last)
    }
}

/// What builds rows: the trigger index and the documents' mentions.
pub struct RowBuilder<'a> {
    pub index: &'a TriggerIndex,
}

/// A piece of the sentence before cells are made: a token, a mention, or a gap.
enum Piece {
    Token(usize),
    Time(usize),
    Entity(usize),
}

impl RowBuilder<'_> {
    /// The rows of every sentence of a document.
    pub fn rows(
        &self,
        doc: &Document,
        times: &[TimeMention],
        entities: &[EntityMention],
    ) -> Vec<Row> {
        let norm = doc.norm.as_str();
        let standalone: HashSet<&str> = doc
            .tokens
            .iter()
            .filter(|t| t.script == Script::Arabic)
            .map(|t| &norm[t.norm.clone()])
            .collect();
        let mut rows = Vec::with_capacity(doc.sentences.len());
        let (mut ti, mut ei, mut ki) = (0, 0, 0);
        for sentence in &doc.sentences {
            let mut pieces: Vec<(Span, Piece)> = Vec::new();
            while ti < times.len() && times[ti].span.start < sentence.start {
                ti += 1;
            }
            while ti < times.len() && times[ti].span.end <= sentence.end {
                pieces.push((times[ti].span, Piece::Time(ti)));
                ti += 1;
            }
            while ei < entities.len() && entities[ei].span.start < sentence.start {
                ei += 1;
            }
            while ei < entities.len() && entities[ei].span.end <= sentence.end {
                let e = &entities[ei];
                if !pieces.iter().any(|(s, _)| overlaps(*s, e.span)) {
                    pieces.push((e.span, Piece::Entity(ei)));
                }
                ei += 1;
            }
            while ki < doc.tokens.len() && doc.tokens[ki].span.start < sentence.start {
                ki += 1;
            }
            let mut kj = ki;
            while kj < doc.tokens.len() && doc.tokens[kj].span.end <= sentence.end {
                let t = &doc.tokens[kj];
                if !pieces.iter().any(|(s, _)| overlaps(*s, t.span)) {
                    pieces.push((t.span, Piece::Token(kj)));
                }
                kj += 1;
            }
            pieces.sort_by_key(|(s, _)| s.start);
            // A one-word "name" that is a word of the token layer (a capitalised verb opening a
            // sentence or a field: "Deported", "Made", "Born") is read as that word.
            for (span, piece) in pieces.iter_mut() {
                if let Piece::Entity(e) = piece
                    && let Some(k) = self.demoted(doc, &entities[*e])
                {
                    *piece = Piece::Token(k);
                    *span = doc.tokens[k].span;
                }
            }
            let cells = self.cells(doc, *sentence, &pieces, times, entities, &standalone);
            rows.push(Row::new(*sentence, cells));
        }
        rows
    }

    fn cells(
        &self,
        doc: &Document,
        sentence: Span,
        pieces: &[(Span, Piece)],
        _times: &[TimeMention],
        entities: &[EntityMention],
        standalone: &HashSet<&str>,
    ) -> Vec<Cell> {
        let norm = doc.norm.as_str();
        let mut out = vec![Cell {
            sym: "^".to_string(),
            kind: CellKind::Start,
            span: Span::new(sentence.start, sentence.start),
            words: String::new(),
            script: None,
        }];
        let mut at = sentence.start;
        let mut i = 0;
        while i < pieces.len() {
            let (span, piece) = &pieces[i];
            gap_cells(&doc.text, at..span.start, &mut out);
            at = span.end;
            match piece {
                Piece::Time(t) => out.push(Cell {
                    sym: "T".to_string(),
                    kind: CellKind::Time(*t),
                    span: *span,
                    words: String::new(),
                    script: None,
                }),
                Piece::Entity(e) => self.entity_cells(doc, *e, &entities[*e], standalone, &mut out),
                Piece::Token(k) => {
                    let token = &doc.tokens[*k];
                    // Words ahead, for multiword triggers: consecutive tokens only.
                    let ahead: Vec<&str> = pieces[i..]
                        .iter()
                        .take(4)
                        .map_while(|(_, p)| match p {
                            Piece::Token(j) => Some(&norm[doc.tokens[*j].norm.clone()]),
                            _ => None,
                        })
                        .collect();
                    let taken = match token.script {
                        Script::Latin => self.english_cells(doc, &ahead, *k, &mut out),
                        Script::Arabic => self.arabic_cells(doc, &ahead, *k, standalone, &mut out),
                    };
                    if taken > 1 {
                        let last = i + taken - 1;
                        at = pieces[last].0.end;
                        if let Some(cell) = out
                            .iter_mut()
                            .rev()
                            .find(|c| matches!(c.kind, CellKind::Trigger { .. }))
                        {
                            cell.span = Span::new(cell.span.start, at);
                        }
                        i = last;
                    }
                }
            }
            i += 1;
        }
        gap_cells(&doc.text, at..sentence.end, &mut out);
        out
    }

    /// The token a one-word undeclared Latin "name" is, when that word is a function word,
    /// an adverb or pronoun, a trigger, or a verb form (irregular or -ed).
    fn demoted(&self, doc: &Document, e: &EntityMention) -> Option<usize> {
        let arabic = e.key.chars().any(crate::normalize::is_arabic_letter);
        if arabic || e.key.contains(' ') || e.declared.is_some() {
            return None;
        }
        let bare = strip_possessive(&e.key);
        let words = &self.index.en_words;
        let is_word = words.literal.contains(bare)
            || words.adverbs.contains(bare)
            || self.index.is_english_verb_form(bare)
            || self.index.english(&[bare], true, false).is_some();
        if !is_word {
            return None;
        }
        doc.tokens
            .iter()
            .position(|t| e.span.start <= t.span.start && t.span.end <= e.span.end)
    }

    /// An entity mention: one `E`/`EV` cell, with a possessive `'s` or an Arabic proclitic split
    /// off.
    fn entity_cells(
        &self,
        doc: &Document,
        index: usize,
        e: &EntityMention,
        standalone: &HashSet<&str>,
        out: &mut Vec<Cell>,
    ) {
        let arabic = e.key.chars().any(crate::normalize::is_arabic_letter);
        let (mut span, mut key) = (e.span, e.key.clone());
        let mut trailing = None;
        if !arabic && let Some(stripped) = strip_possessive_opt(&key) {
            let cut = key.len() - stripped.len();
            key = stripped.to_string();
            let end = span.end;
            let start = end.saturating_sub(cut);
            if doc.text.is_char_boundary(start) {
                span = Span::new(span.start, start);
                trailing = Some(Span::new(start, end));
            }
        }
        if arabic
            && e.declared.is_none()
            && let Some((clitic, rest)) = split_name_clitic(&key, &self.index.ar_words, standalone)
        {
            let letters = clitic.chars().count();
            let cut = doc.text[span.range()]
                .char_indices()
                .filter(|(_, c)| crate::normalize::is_arabic_letter(*c))
                .nth(letters)
                .map_or(0, |(i, _)| i);
            let clitic_span = Span::new(span.start, span.start + cut);
            push_clitics(&clitic, clitic_span, out);
            span = Span::new(span.start + cut, span.end);
            key = rest;
        }
        let event = self.event_predicates(&key, arabic);
        out.push(Cell {
            sym: if event.is_empty() { "E" } else { "EV" }.to_string(),
            kind: CellKind::Entity { index, event },
            span,
            words: key,
            script: Some(if arabic {
                Script::Arabic
            } else {
                Script::Latin
            }),
        });
        if let Some(s) = trailing {
            out.push(punct("'s", s));
        }
    }

    /// The predicates named by the head nouns of a name ("treaty of paris" → signed).
    fn event_predicates(&self, key: &str, arabic: bool) -> Vec<String> {
        let mut out = Vec::new();
        let words: Vec<&str> = key.split(' ').collect();
        for w in words {
            let w = if arabic {
                w.strip_prefix("ال").unwrap_or(w)
            } else {
                w
            };
            let hits = if arabic {
                self.index.arabic(w, &[]).map(|t| t.hits)
            } else {
                self.index.english(&[w], true, false).map(|t| t.hits)
            };
            for h in hits.unwrap_or_default() {
                if h.kind == super::lexicon::TriggerKind::Named && !out.contains(&h.predicate) {
                    out.push(h.predicate);
                }
            }
        }
        out
    }

    /// One English token (or a multiword trigger starting at it); returns tokens taken.
    fn english_cells(
        &self,
        doc: &Document,
        ahead: &[&str],
        k: usize,
        out: &mut Vec<Cell>,
    ) -> usize {
        let token = &doc.tokens[k];
        let word = ahead.first().copied().unwrap_or("");
        let words = &self.index.en_words;
        let previous = out.last().map(|c| c.sym.as_str()).unwrap_or("^");
        let (bare, possessive) = match strip_possessive_opt(word) {
            Some(b) => (b, true),
            None => (word, false),
        };
        let span_of_bare = if possessive {
            let end = token.span.end - (word.len() - bare.len());
            Span::new(token.span.start, end.max(token.span.start))
        } else {
            token.span
        };
        let push_possessive = |out: &mut Vec<Cell>| {
            if possessive {
                out.push(punct("'s", Span::new(span_of_bare.end, token.span.end)));
            }
        };
        if let Some(&features) = words.pronouns.get(bare) {
            out.push(Cell {
                sym: bare.to_string(),
                kind: CellKind::Pronoun(features),
                span: token.span,
                words: bare.to_string(),
                script: Some(Script::Latin),
            });
            return 1;
        }
        let nominal = words.determiners.contains(previous)
            || words.possessives.contains(previous)
            || previous == "'s"
            || previous == "T"
            || previous == "w" && ahead.get(1).is_some_and(|n| *n == "of");
        let base_ok = matches!(
            previous,
            "to" | "will"
                | "would"
                | "did"
                | "does"
                | "do"
                | "could"
                | "can"
                | "may"
                | "might"
                | "shall"
                | "should"
                | "must"
        );
        let mut lookahead: Vec<&str> = vec![bare];
        lookahead.extend(ahead.iter().skip(1).copied());
        if let Some(t) = self.index.english(&lookahead, nominal, base_ok) {
            out.push(Cell {
                sym: t.sym.to_string(),
                kind: CellKind::Trigger {
                    hits: t.hits,
                    form: t.form,
                },
                span: span_of_bare,
                words: lookahead[..t.words.min(lookahead.len())].join(" "),
                script: Some(Script::Latin),
            });
            push_possessive(out);
            return t.words;
        }
        let sym = if words.literal.contains(bare) {
            bare.to_string()
        } else if words.adverbs.contains(bare) || is_ly_adverb(bare) {
            "RB".to_string()
        } else {
            "w".to_string()
        };
        out.push(Cell {
            sym,
            kind: CellKind::Word,
            span: span_of_bare,
            words: bare.to_string(),
            script: Some(Script::Latin),
        });
        push_possessive(out);
        1
    }

    /// One Arabic token: proclitic cells, its base (trigger, function word or word) and an
    /// attached pronoun; returns tokens taken.
    fn arabic_cells(
        &self,
        doc: &Document,
        ahead: &[&str],
        k: usize,
        standalone: &HashSet<&str>,
        out: &mut Vec<Cell>,
    ) -> usize {
        let token = &doc.tokens[k];
        let word = ahead.first().copied().unwrap_or("");
        let words = &self.index.ar_words;
        // Candidate splits: no proclitic first, then each proclitic (longest first).
        let mut splits: Vec<(&str, &str)> = vec![("", word)];
        for c in &words.proclitics {
            if let Some(rest) = word.strip_prefix(c.as_str())
                && rest.chars().count() >= 2
            {
                splits.push((c.as_str(), rest));
            }
        }
        let rest_words = &ahead[1..];
        // «للجنة» is ل + اللجنة with one lam of three dropped: read the base as «لجنة» when the
        // document writes «اللجنة» too.
        let lam_base: Option<String> = ["لل", "ولل", "فلل"].iter().find_map(|c| {
            let rest = word.strip_prefix(c)?;
            standalone
                .contains(format!("الل{rest}").as_str())
                .then(|| format!("ل{rest}"))
        });
        if let Some(base) = &lam_base {
            let clitic_len = word.chars().count() - base.chars().count() + 1;
            let clitic: String = word.chars().take(clitic_len).collect();
            if let Some(pos) = splits.iter().position(|(c, _)| *c == clitic.as_str()) {
                splits[pos].1 = base.as_str();
            }
        }
        for &(clitic, base) in &splits {
            if let Some(t) = self.index.arabic(base, rest_words) {
                let definite = clitic.ends_with("ال") || clitic == "لل";
                let sym = t.sym(definite);
                let hits = t.hits_for(sym);
                // No verb after a preposition or the article («بشكل», «للنشر»).
                let nominal_clitic = !clitic.trim_start_matches(['و', 'ف']).is_empty();
                if hits.is_empty() || (nominal_clitic && matches!(sym, "VB" | "VPS")) {
                    continue;
                }
                // A definite verbal noun right after an indefinite noun names something: «جيش
                // التحرير», «حزب الاستقلال» are an army and a party, not events.
                let construct = definite
                    && clitic == "ال"
                    && sym == "NN"
                    && out.last().is_some_and(|c| c.sym == "w")
                    && out.len() >= 2
                    && out[out.len() - 2].sym != "ال";
                if construct {
                    continue;
                }
                let (clitic_span, rest_span) = split_span(doc, token.span, clitic.chars().count());
                push_clitics(clitic, clitic_span, out);
                let pronoun = t.pronoun.clone();
                let (base_span, pronoun_span) = match &pronoun {
                    Some(p) => {
                        let letters = base.chars().count() - p.chars().count();
                        split_span(doc, rest_span, letters)
                    }
                    None => (rest_span, Span::new(rest_span.end, rest_span.end)),
                };
                out.push(Cell {
                    sym: sym.to_string(),
                    kind: CellKind::Trigger { hits, form: None },
                    span: base_span,
                    words: base.to_string(),
                    script: Some(Script::Arabic),
                });
                if let Some(p) = pronoun {
                    out.push(self.suffix_cell(&p, pronoun_span));
                }
                return t.words;
            }
        }
        for &(clitic, base) in &splits {
            if words.literal.contains(base) || words.adverbs.contains(base) {
                let (clitic_span, rest_span) = split_span(doc, token.span, clitic.chars().count());
                push_clitics(clitic, clitic_span, out);
                let sym = if words.adverbs.contains(base) {
                    "RB"
                } else {
                    base
                };
                out.push(Cell {
                    sym: sym.to_string(),
                    kind: match words.pronouns.get(base) {
                        Some(f) => CellKind::Pronoun(*f),
                        None => CellKind::Word,
                    },
                    span: rest_span,
                    words: base.to_string(),
                    script: Some(Script::Arabic),
                });
                return 1;
            }
            // A preposition with an attached pronoun (منه، عنها، فيها).
            for p in &words.suffix_pronouns {
                if let Some(prep) = base.strip_suffix(p.as_str())
                    && words.prepositions.contains(prep)
                {
                    let (clitic_span, rest_span) =
                        split_span(doc, token.span, clitic.chars().count());
                    push_clitics(clitic, clitic_span, out);
                    let (prep_span, pron_span) = split_span(doc, rest_span, prep.chars().count());
                    out.push(Cell {
                        sym: prep.to_string(),
                        kind: CellKind::Word,
                        span: prep_span,
                        words: prep.to_string(),
                        script: Some(Script::Arabic),
                    });
                    out.push(self.suffix_cell(p, pron_span));
                    return 1;
                }
            }
        }
        // Any other word: the article (with its conjunction or preposition) is split off always;
        // a lone conjunction or preposition letter only where the rest stands on its own in the
        // document.
        let split = splits
            .iter()
            .skip(1)
            .find(|(c, rest)| c.ends_with("ال") || *c == "لل" || standalone.contains(rest));
        let (clitic, base) = split.copied().unwrap_or(("", word));
        let (clitic_span, rest_span) = split_span(doc, token.span, clitic.chars().count());
        push_clitics(clitic, clitic_span, out);
        out.push(Cell {
            sym: "w".to_string(),
            kind: CellKind::Word,
            span: rest_span,
            words: base.to_string(),
            script: Some(Script::Arabic),
        });
        1
    }

    fn suffix_cell(&self, pronoun: &str, span: Span) -> Cell {
        let features = self
            .index
            .ar_words
            .pronouns
            .get(pronoun)
            .copied()
            .unwrap_or_default();
        Cell {
            sym: format!("+{pronoun}"),
            kind: CellKind::Pronoun(features),
            span,
            words: pronoun.to_string(),
            script: Some(Script::Arabic),
        }
    }
}

/// An -ly adverb ("formally", "eventually"), not a noun that ends in -ly ("family", "assembly").
fn is_ly_adverb(word: &str) -> bool {
    const NOUNS: &[&str] = &[
        "family",
        "assembly",
        "supply",
        "anomaly",
        "monopoly",
        "butterfly",
        "homily",
        "reply",
    ];
    word.strip_suffix("ly")
        .is_some_and(|stem| stem.chars().count() >= 4)
        && !NOUNS.contains(&word)
}

fn overlaps(a: Span, b: Span) -> bool {
    a.start < b.end && b.start < a.end
}

fn punct(sym: &str, span: Span) -> Cell {
    Cell {
        sym: sym.to_string(),
        kind: CellKind::Punct,
        span,
        words: String::new(),
        script: None,
    }
}

fn strip_possessive(word: &str) -> &str {
    strip_possessive_opt(word).unwrap_or(word)
}

fn strip_possessive_opt(word: &str) -> Option<&str> {
    word.strip_suffix("'s")
        .or_else(|| word.strip_suffix("’s"))
        .filter(|w| !w.is_empty())
}

/// Split an original span after `letters` Arabic letters (diacritics and tatweel stay with the
/// letter before them).
fn split_span(doc: &Document, span: Span, letters: usize) -> (Span, Span) {
    if letters == 0 {
        return (Span::new(span.start, span.start), span);
    }
    let text = &doc.text[span.range()];
    let cut = text
        .char_indices()
        .filter(|(_, c)| crate::normalize::is_arabic_letter(*c))
        .nth(letters)
        .map_or(text.len(), |(i, _)| i);
    (
        Span::new(span.start, span.start + cut),
        Span::new(span.start + cut, span.end),
    )
}

/// Proclitic cells: a conjunction (و ف), a preposition (ب ل ك) and the article (ال), in order;
/// «لل» is ل + ال.
fn push_clitics(clitic: &str, span: Span, out: &mut Vec<Cell>) {
    if clitic.is_empty() {
        return;
    }
    let mut parts: Vec<&str> = Vec::new();
    let mut rest = clitic;
    if let Some(r) = rest.strip_prefix('و').or_else(|| rest.strip_prefix('ف')) {
        parts.push(&clitic[..clitic.len() - r.len()]);
        rest = r;
    }
    if rest == "لل" {
        parts.push("ل");
        parts.push("ال");
        rest = "";
    }
    if let Some(r) = rest
        .strip_prefix('ب')
        .or_else(|| rest.strip_prefix('ل'))
        .or_else(|| rest.strip_prefix('ك'))
        && (r.is_empty() || r == "ال")
    {
        parts.push(&rest[..rest.len() - r.len()]);
        rest = r;
    }
    if rest == "ال" {
        parts.push("ال");
    }
    for p in parts {
        out.push(Cell {
            sym: p.to_string(),
            kind: CellKind::Word,
            span,
            words: p.to_string(),
            script: Some(Script::Arabic),
        });
    }
}

/// A conjunction or preposition glued to an Arabic name (وجوزيف، لبريستلي): split off where the
/// name without it stands on its own in the document.
fn split_name_clitic(
    key: &str,
    words: &WordClasses,
    standalone: &HashSet<&str>,
) -> Option<(String, String)> {
    let first = key.split(' ').next()?;
    for c in words.proclitics.iter().filter(|c| c.chars().count() <= 2) {
        if let Some(rest) = first.strip_prefix(c.as_str())
            && rest.chars().count() >= 3
            && standalone.contains(rest)
        {
            return Some((c.clone(), key[c.len()..].to_string()));
        }
    }
    None
}

/// Cells for the characters between two pieces: punctuation and numbers.
fn gap_cells(text: &str, range: Range<usize>, out: &mut Vec<Cell>) {
    let gap = &text[range.clone()];
    let mut chars = gap.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let at = range.start + i;
        let one = |sym: &str| punct(sym, Span::new(at, at + c.len_utf8()));
        match c {
            ',' | '،' => out.push(one(",")),
            ';' | '؛' => out.push(one(";")),
            ':' => out.push(one(":")),
            '(' | '[' => out.push(one("(")),
            ')' | ']' => out.push(one(")")),
            '-' | '–' | '—' | '−' => out.push(one("-")),
            '/' => out.push(one("/")),
            '"' | '“' | '”' | '«' | '»' | '„' => out.push(one("Q")),
            _ if c.is_ascii_digit() || ('\u{0660}'..='\u{0669}').contains(&c) => {
                let mut end = at + c.len_utf8();
                while let Some(&(j, d)) = chars.peek() {
                    if d.is_ascii_digit()
                        || ('\u{0660}'..='\u{0669}').contains(&d)
                        || d == '.'
                        || d == ','
                    {
                        end = range.start + j + d.len_utf8();
                        chars.next();
                    } else {
                        break;
                    }
                }
                out.push(Cell {
                    sym: "#".to_string(),
                    kind: CellKind::Number,
                    span: Span::new(at, end),
                    words: String::new(),
                    script: None,
                });
            }
            _ => {}
        }
    }
}
