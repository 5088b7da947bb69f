//! The predicate lexicon compiled for lookup, and the word classes of the token layer.
//!
//! English: a verb trigger is found by its base form (irregular forms from
//! `rules/language-en.toml`, regular ones by the Snowball stemmer), its cell symbol by its form
//! (`VD` past or participle, `VPT` past only, `VPP` participle only, `VG` -ing, `VZ` -s, `VB`
//! base); nouns and named-event nouns are exact words (and their plurals), so that "public" is
//! not "publication". Arabic: every listed form is expanded by the endings of
//! `rules/language-ar.toml` (verbs: ت وا ا …; verbal nouns with attached pronouns, ة → ت before
//! them) into one table of normalized forms. Multiword triggers ("pass away", «لقي حتفه») match
//! their first word like a single trigger and the rest word for word.

use crate::lexicon::{FrameWords, Lexicon};
use crate::normalize::key;
use crate::rules::frame::Triggers;
use crate::rules::{Lang, RuleSet};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

/// How a trigger word relates to its predicate's roles.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TriggerKind {
    /// Subject = theme.
    Intransitive,
    /// Subject = agent, object = theme.
    Transitive,
    /// Subject = theme (an Arabic passive or mediopassive form).
    Passive,
    /// A state the event began: its time is an upper bound.
    State,
    Noun,
    /// An adjectival participle after the theme.
    Participle,
    /// The head noun of a named event ("treaty", «معركة»).
    Named,
}

impl TriggerKind {
    fn is_verb(self) -> bool {
        matches!(
            self,
            TriggerKind::Intransitive
                | TriggerKind::Transitive
                | TriggerKind::Passive
                | TriggerKind::State
        )
    }
}

/// One predicate a word triggers.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TriggerHit {
    pub predicate: String,
    pub kind: TriggerKind,
}

/// A multiword trigger: the words after the first, normalized, and the pronoun attached to
/// its first word («عرضه لأول مرة»).
#[derive(Debug, Clone)]
struct Multiword {
    rest: Vec<String>,
    hit: TriggerHit,
    pronoun: Option<String>,
}

/// An English verb form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VerbForm {
    /// Regular -ed: past or participle.
    PastOrParticiple,
    Past,
    Participle,
    Gerund,
    ThirdPerson,
    Base,
}

impl VerbForm {
    pub fn sym(self) -> &'static str {
        match self {
            VerbForm::PastOrParticiple => "VD",
            VerbForm::Past => "VPT",
            VerbForm::Participle => "VPP",
            VerbForm::Gerund => "VG",
            VerbForm::ThirdPerson => "VZ",
            VerbForm::Base => "VB",
        }
    }
}

/// English triggers.
#[derive(Debug, Default)]
struct English {
    /// Stem of a verb's base form → hits.
    verbs: HashMap<String, Vec<TriggerHit>>,
    /// First word's stem → multiword verbs.
    multi: HashMap<String, Vec<Multiword>>,
    /// Exact noun (and plural) → hits.
    nouns: HashMap<String, Vec<TriggerHit>>,
    /// Irregular surface → (base, form).
    irregular: HashMap<String, (String, VerbForm)>,
}

/// Arabic triggers.
#[derive(Debug, Default)]
struct Arabic {
    /// Normalized form (with endings) → (hits, attached pronoun).
    forms: HashMap<String, Vec<(TriggerHit, Option<String>)>>,
    /// Normalized first word (any form) → multiword triggers.
    multi: HashMap<String, Vec<Multiword>>,
}

/// Features of a pronoun.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PronounFeatures {
    pub person: Option<bool>,
    /// `Some(true)` feminine, `Some(false)` masculine.
    pub feminine: Option<bool>,
    pub plural: Option<bool>,
}

/// Word classes of one language, normalized.
#[derive(Debug, Default)]
pub struct WordClasses {
    /// Words written as themselves in cells.
    pub literal: HashSet<String>,
    pub determiners: HashSet<String>,
    pub relatives: HashSet<String>,
    pub prepositions: HashSet<String>,
    pub adverbs: HashSet<String>,
    pub pronouns: HashMap<String, PronounFeatures>,
    pub possessives: HashSet<String>,
    /// Arabic: proclitics, longest first.
    pub proclitics: Vec<String>,
    /// Arabic: attached pronouns, longest first.
    pub suffix_pronouns: Vec<String>,
    pub quantifiers: HashSet<String>,
}

impl WordClasses {
    fn new(table: &crate::lexicon::LanguageTable) -> Self {
        let w = &table.frames;
        let set = |v: &[String]| v.iter().map(|s| key(s)).collect::<HashSet<String>>();
        let mut pronouns = HashMap::default();
        for class in &w.pronouns {
            let features = PronounFeatures {
                person: class.person,
                feminine: class.gender.as_deref().map(|g| g == "f"),
                plural: class.plural,
            };
            for word in &class.words {
                pronouns.insert(key(word), features);
            }
        }
        let mut literal = HashSet::default();
        for list in [
            &w.determiners,
            &w.auxiliaries,
            &w.relatives,
            &w.conjunctions,
            &w.prepositions,
            &w.possessives,
        ] {
            literal.extend(list.iter().map(|s| key(s)));
        }
        literal.extend(pronouns.keys().cloned());
        // The language's function words read as themselves too (negations, particles, …),
        // except adverbs, which read as <RB>.
        let adverbs = set(&w.adverbs);
        literal.extend(
            table
                .function_words()
                .filter(|f| !adverbs.contains(*f))
                .cloned(),
        );
        let longest_first = |v: &[String]| {
            let mut out: Vec<String> = v.iter().map(|s| key(s)).collect();
            out.sort_by(|a, b| b.chars().count().cmp(&a.chars().count()).then(a.cmp(b)));
            out.dedup();
            out
        };
        Self {
            literal,
            determiners: set(&w.determiners),
            relatives: set(&w.relatives),
            prepositions: set(&w.prepositions),
            adverbs: set(&w.adverbs),
            pronouns,
            possessives: set(&w.possessives),
            proclitics: longest_first(&w.proclitics),
            suffix_pronouns: longest_first(&w.suffix_pronouns),
            quantifiers: set(&w.quantifiers),
        }
    }
}

/// The compiled predicate lexicon and word classes of both languages.
pub struct TriggerIndex {
    en: English,
    ar: Arabic,
    pub en_words: WordClasses,
    pub ar_words: WordClasses,
    /// Discourse-order cue words of both languages.
    pub cues: super::discourse::Cues,
    stemmer: rust_stemmers::Stemmer,
}

impl std::fmt::Debug for TriggerIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TriggerIndex")
            .field("en_verbs", &self.en.verbs.len())
            .field("ar_forms", &self.ar.forms.len())
            .finish()
    }
}

impl TriggerIndex {
    pub fn new(rules: &RuleSet, lexicon: &Lexicon) -> Self {
        let mut index = Self {
            en: English::default(),
            ar: Arabic::default(),
            en_words: WordClasses::new(&lexicon.en),
            ar_words: WordClasses::new(&lexicon.ar),
            cues: super::discourse::Cues::new(lexicon),
            stemmer: rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::English),
        };
        for [surface, base, form] in &lexicon.en.frames.irregular {
            let form = match form.as_str() {
                "past" => VerbForm::Past,
                "pp" => VerbForm::Participle,
                "ing" => VerbForm::Gerund,
                "s" => VerbForm::ThirdPerson,
                _ => VerbForm::PastOrParticiple,
            };
            index.en.irregular.insert(key(surface), (key(base), form));
        }
        let ar_endings = ArabicEndings::new(&lexicon.ar.frames);
        for predicate in rules.predicates.values() {
            for (lang, triggers) in &predicate.triggers {
                match lang {
                    Lang::En => index.add_english(&predicate.id, triggers),
                    Lang::Ar => index.add_arabic(&predicate.id, triggers, &ar_endings),
                }
            }
        }
        for hits in index
            .en
            .verbs
            .values_mut()
            .chain(index.en.nouns.values_mut())
        {
            hits.sort();
            hits.dedup();
        }
        // Each list sorted on its own: the map's order does not matter.
        #[allow(clippy::iter_over_hash_type)]
        for hits in index.ar.forms.values_mut() {
            hits.sort();
            hits.dedup();
        }
        index
    }

    fn stem(&self, word: &str) -> String {
        self.stemmer.stem(word).into_owned()
    }

    fn add_english(&mut self, predicate: &str, t: &Triggers) {
        let hit = |kind| TriggerHit {
            predicate: predicate.to_string(),
            kind,
        };
        let verbs = [
            (&t.verbs, TriggerKind::Intransitive),
            (&t.transitive, TriggerKind::Transitive),
            (&t.passives, TriggerKind::Passive),
            (&t.states, TriggerKind::State),
        ];
        for (list, kind) in verbs {
            for entry in list {
                let words: Vec<String> =
                    key(entry).split_whitespace().map(str::to_string).collect();
                let Some((first, rest)) = words.split_first() else {
                    continue;
                };
                let stem = self.stem(first);
                if rest.is_empty() {
                    self.en.verbs.entry(stem).or_default().push(hit(kind));
                } else {
                    self.en.multi.entry(stem).or_default().push(Multiword {
                        rest: rest.to_vec(),
                        hit: hit(kind),
                        pronoun: None,
                    });
                }
            }
        }
        let nouns = [
            (&t.nouns, TriggerKind::Noun),
            (&t.named, TriggerKind::Named),
            (&t.participles, TriggerKind::Participle),
        ];
        for (list, kind) in nouns {
            for entry in list {
                let word = key(entry);
                for form in english_plurals(&word) {
                    self.en.nouns.entry(form).or_default().push(hit(kind));
                }
            }
        }
    }

    fn add_arabic(&mut self, predicate: &str, t: &Triggers, endings: &ArabicEndings) {
        let hit = |kind| TriggerHit {
            predicate: predicate.to_string(),
            kind,
        };
        let lists = [
            (&t.verbs, TriggerKind::Intransitive),
            (&t.transitive, TriggerKind::Transitive),
            (&t.passives, TriggerKind::Passive),
            (&t.states, TriggerKind::State),
            (&t.nouns, TriggerKind::Noun),
            (&t.participles, TriggerKind::Participle),
            (&t.named, TriggerKind::Named),
        ];
        for (list, kind) in lists {
            for entry in list {
                let words: Vec<String> =
                    key(entry).split_whitespace().map(str::to_string).collect();
                let Some((first, rest)) = words.split_first() else {
                    continue;
                };
                let forms = endings.forms(first, kind);
                if rest.is_empty() {
                    for (form, pronoun) in forms {
                        self.ar
                            .forms
                            .entry(form)
                            .or_default()
                            .push((hit(kind), pronoun));
                    }
                } else {
                    for (form, pronoun) in forms {
                        self.ar.multi.entry(form).or_default().push(Multiword {
                            rest: rest.to_vec(),
                            hit: hit(kind),
                            pronoun,
                        });
                    }
                }
            }
        }
    }

    /// English: the triggers of `words[0]` (lower-cased normalized words from here on) and how
    /// many words they take; `nominal` says the context wants a noun (after a determiner or a
    /// possessive), `base_ok` that a bare base form may be a verb (after "to", "did" …).
    pub fn english(&self, words: &[&str], nominal: bool, base_ok: bool) -> Option<EnglishTrigger> {
        let word = *words.first()?;
        let bare = word
            .strip_suffix("'s")
            .or_else(|| word.strip_suffix("’s"))
            .unwrap_or(word);
        let (base_stem, form) = self.english_verb_form(bare);
        // Multiword verbs first: the longest that matches.
        if let (Some(stem), Some(form)) = (&base_stem, form)
            && let Some(multis) = self.en.multi.get(stem)
        {
            let best = multis
                .iter()
                .filter(|m| {
                    m.rest.len() < words.len()
                        && m.rest.iter().zip(&words[1..]).all(|(a, b)| a == b)
                })
                .max_by_key(|m| m.rest.len());
            if let Some(m) = best
                && (form != VerbForm::Base || base_ok)
            {
                let hits: Vec<TriggerHit> = multis
                    .iter()
                    .filter(|o| o.rest == m.rest)
                    .map(|o| o.hit.clone())
                    .collect();
                return Some(EnglishTrigger {
                    hits,
                    sym: form.sym(),
                    words: 1 + m.rest.len(),
                    form: Some(form),
                });
            }
        }
        let noun_hits = self.en.nouns.get(bare);
        let verb_hits = base_stem.as_ref().and_then(|s| self.en.verbs.get(s));
        let as_noun = |hits: &Vec<TriggerHit>| {
            let named = hits.iter().all(|h| h.kind == TriggerKind::Named);
            EnglishTrigger {
                hits: hits.clone(),
                sym: if named { "EVN" } else { "NN" },
                words: 1,
                form: None,
            }
        };
        match (noun_hits, verb_hits, form) {
            (Some(n), _, _) if nominal => Some(as_noun(n)),
            (_, Some(v), Some(VerbForm::Gerund)) if nominal => Some(EnglishTrigger {
                hits: v.clone(),
                sym: "NN",
                words: 1,
                form: Some(VerbForm::Gerund),
            }),
            (_, Some(v), Some(form)) if form != VerbForm::Base || base_ok => Some(EnglishTrigger {
                hits: v.clone(),
                sym: form.sym(),
                words: 1,
                form: Some(form),
            }),
            (Some(n), _, _) => Some(as_noun(n)),
            _ => None,
        }
    }

    /// Whether a word is a verb form by its shape: an irregular form, or a regular past (-ed).
    pub fn is_english_verb_form(&self, word: &str) -> bool {
        self.en.irregular.contains_key(word) || (word.ends_with("ed") && word.chars().count() > 4)
    }

    /// The stem of a word's verb base and its form, if it can be a verb form at all.
    fn english_verb_form(&self, word: &str) -> (Option<String>, Option<VerbForm>) {
        if let Some((base, form)) = self.en.irregular.get(word) {
            return (Some(self.stem(base)), Some(*form));
        }
        let form = if word.ends_with("ed") {
            VerbForm::PastOrParticiple
        } else if word.ends_with("ing") {
            VerbForm::Gerund
        } else if word.ends_with('s') && !word.ends_with("ss") {
            VerbForm::ThirdPerson
        } else {
            VerbForm::Base
        };
        (Some(self.stem(word)), Some(form))
    }

    /// Arabic: the triggers of a normalized base (proclitics already split off), and the
    /// attached pronoun they carry; `words` are the following normalized tokens (for multiword
    /// triggers). Returns the hits, the pronoun, and how many tokens the trigger takes.
    pub fn arabic(&self, base: &str, words: &[&str]) -> Option<ArabicTrigger> {
        if let Some(multis) = self.ar.multi.get(base) {
            let best = multis
                .iter()
                .filter(|m| m.rest.len() <= words.len())
                .filter(|m| {
                    m.rest.iter().zip(words).all(|(want, got)| {
                        *got == want.as_str()
                            || self
                                .ar_words
                                .suffix_pronouns
                                .iter()
                                .any(|p| got.strip_suffix(p.as_str()) == Some(want))
                    })
                })
                .max_by_key(|m| m.rest.len());
            if let Some(m) = best {
                let hits: Vec<TriggerHit> = multis
                    .iter()
                    .filter(|o| o.rest == m.rest)
                    .map(|o| o.hit.clone())
                    .collect();
                return Some(ArabicTrigger {
                    hits,
                    pronoun: m.pronoun.clone(),
                    words: 1 + m.rest.len(),
                });
            }
        }
        let found = self.ar.forms.get(base)?;
        let pronoun = found.iter().find_map(|(_, p)| p.clone());
        Some(ArabicTrigger {
            hits: found.iter().map(|(h, _)| h.clone()).collect(),
            pronoun,
            words: 1,
        })
    }
}

/// An English trigger found at a word.
#[derive(Debug, Clone)]
pub struct EnglishTrigger {
    pub hits: Vec<TriggerHit>,
    pub sym: &'static str,
    /// Words it takes (multiword verbs take more than one).
    pub words: usize,
    pub form: Option<VerbForm>,
}

/// An Arabic trigger found at a base.
#[derive(Debug, Clone)]
pub struct ArabicTrigger {
    pub hits: Vec<TriggerHit>,
    /// The attached pronoun of the form (`ه` in «وفاته»).
    pub pronoun: Option<String>,
    pub words: usize,
}

impl ArabicTrigger {
    /// The cell symbol: a verbal noun, participle or named-event noun if every hit is one,
    /// else a verb (passive forms read their subject as the theme through their kind).
    pub fn sym(&self, definite: bool) -> &'static str {
        let all = |k: TriggerKind| self.hits.iter().all(|h| h.kind == k);
        let any_verb = self.hits.iter().any(|h| h.kind.is_verb());
        let any_noun = self.hits.iter().any(|h| h.kind == TriggerKind::Noun);
        if all(TriggerKind::Named) {
            "EVN"
        } else if all(TriggerKind::Participle) {
            "PT"
        } else if any_noun && (definite || self.pronoun.is_some() || !any_verb) {
            "NN"
        } else if self.hits.iter().all(|h| h.kind == TriggerKind::Passive) {
            "VPS"
        } else {
            "VB"
        }
    }

    /// The hits that fit the chosen symbol.
    pub fn hits_for(&self, sym: &str) -> Vec<TriggerHit> {
        let keep = |k: TriggerKind| match sym {
            "NN" => k == TriggerKind::Noun,
            "PT" => k == TriggerKind::Participle,
            "EVN" => k == TriggerKind::Named,
            _ => k.is_verb(),
        };
        self.hits.iter().filter(|h| keep(h.kind)).cloned().collect()
    }
}

/// English plural forms of a noun (and the noun itself).
fn english_plurals(word: &str) -> Vec<String> {
    let mut out = vec![word.to_string()];
    if word.contains(' ') {
        return out;
    }
    if let Some(stem) = word.strip_suffix('y')
        && !stem.ends_with(['a', 'e', 'o', 'u'])
    {
        out.push(format!("{stem}ies"));
    } else if word.ends_with(['s', 'x', 'z']) || word.ends_with("ch") || word.ends_with("sh") {
        out.push(format!("{word}es"));
    } else {
        out.push(format!("{word}s"));
    }
    out
}

/// Arabic endings from the language table.
struct ArabicEndings {
    verb: Vec<String>,
    noun: Vec<String>,
    pronouns: Vec<String>,
}

impl ArabicEndings {
    fn new(w: &FrameWords) -> Self {
        let norm = |v: &[String]| v.iter().map(|s| key(s)).collect::<Vec<String>>();
        Self {
            verb: norm(&w.verb_endings),
            noun: norm(&w.noun_endings),
            pronouns: norm(&w.suffix_pronouns),
        }
    }

    /// Every form of a normalized entry: verbs with their endings and object pronouns; nouns
    /// and participles with their plural ending and attached pronouns (ة, normalized ه, becomes
    /// ت before a pronoun: وفاة → وفاته).
    fn forms(&self, entry: &str, kind: TriggerKind) -> Vec<(String, Option<String>)> {
        let mut out = vec![(entry.to_string(), None)];
        let with_pronouns = |stem: &str, out: &mut Vec<(String, Option<String>)>| {
            for p in &self.pronouns {
                out.push((format!("{stem}{p}"), Some(p.clone())));
            }
        };
        if kind.is_verb() {
            for e in &self.verb {
                let form = format!("{entry}{e}");
                with_pronouns(&form, &mut out);
                out.push((form, None));
                // Defective verbs lose their final ى/ي before these endings: انتهى → انتهت،
                // انتهوا; توفي → توفوا.
                if let Some(stem) = entry.strip_suffix('ي')
                    && matches!(e.as_str(), "ت" | "وا" | "تا")
                {
                    let form = format!("{stem}{e}");
                    with_pronouns(&form, &mut out);
                    out.push((form, None));
                }
            }
            // An object pronoun after the bare perfect (بلغها), and ى written as ا before it.
            if let Some(stem) = entry.strip_suffix('ي') {
                with_pronouns(&format!("{stem}ا"), &mut out);
            }
        } else {
            let stem = entry.strip_suffix('ه').map(|s| format!("{s}ت"));
            let bound = stem.as_deref().unwrap_or(entry);
            with_pronouns(bound, &mut out);
            for e in &self.noun {
                if e.is_empty() {
                    continue;
                }
                let plural = match &stem {
                    Some(s) => format!("{}{e}", s.strip_suffix('ت').unwrap_or(s)),
                    None => format!("{entry}{e}"),
                };
                out.push((plural, None));
            }
            // The feminine of a participle (المبرم → المبرمة) and the dual/plural of a noun.
            if kind == TriggerKind::Participle {
                out.push((format!("{entry}ه"), None));
            }
        }
        out.sort();
        out.dedup();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index() -> TriggerIndex {
        let rules = RuleSet::shipped().expect("shipped packs load");
        let lexicon = Lexicon::shipped().expect("shipped tables load");
        TriggerIndex::new(&rules, &lexicon)
    }

    fn preds(t: Option<EnglishTrigger>) -> Vec<String> {
        t.map(|t| t.hits.into_iter().map(|h| h.predicate).collect())
            .unwrap_or_default()
    }

    #[test]
    fn english_verbs_nouns_and_multiwords() {
        let ix = index();
        assert_eq!(preds(ix.english(&["died"], false, false)), ["died"]);
        assert_eq!(preds(ix.english(&["death"], true, false)), ["died"]);
        assert_eq!(preds(ix.english(&["deaths"], true, false)), ["died"]);
        assert_eq!(
            preds(ix.english(&["passed", "away"], false, false)),
            ["died"]
        );
        assert_eq!(
            ix.english(&["passed", "away"], false, false)
                .map(|t| t.words),
            Some(2)
        );
        assert_eq!(preds(ix.english(&["founded"], false, false)), ["founded"]);
        // "found" is the past of "find", not of "found".
        assert!(ix.english(&["found"], false, false).is_none());
        // Nouns are exact words: "public" is not "publication".
        assert!(ix.english(&["public"], true, false).is_none());
        // A bare base form is a verb only where the context allows one.
        assert!(ix.english(&["open"], false, false).is_none());
        assert_eq!(preds(ix.english(&["open"], false, true)), ["opened"]);
        assert_eq!(
            ix.english(&["born"], false, false).map(|t| t.sym),
            Some("VPP")
        );
        assert_eq!(
            ix.english(&["edict"], true, false).map(|t| t.sym),
            Some("EVN")
        );
    }

    #[test]
    fn arabic_forms_with_endings_and_pronouns() {
        let ix = index();
        let preds = |w: &str| -> Vec<String> {
            ix.arabic(&key(w), &[])
                .map(|t| t.hits.into_iter().map(|h| h.predicate).collect())
                .unwrap_or_default()
        };
        assert!(preds("توفي").contains(&"died".to_string()));
        assert!(preds("وفاة").contains(&"died".to_string()));
        let t = ix.arabic(&key("وفاته"), &[]).expect("وفاته");
        assert_eq!(t.pronoun.as_deref(), Some("ه"));
        assert!(preds("تأسست").contains(&"founded".to_string()));
        assert!(preds("تأسيسها").contains(&"founded".to_string()));
        let multi = ix.arabic(&key("لقي"), &[&key("حتفه")]).expect("لقي حتفه");
        assert_eq!(multi.words, 2);
        assert!(ix.arabic(&key("كتاب"), &[]).is_none());
    }
}
