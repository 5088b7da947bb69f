//! Variant detection: which name-like mentions are one name written in different ways.
//!
//! Mentions are grouped by base key; keys are then compared in blocks that share a consonant
//! skeleton (or a skeleton with one letter wild), never all pairs. Two keys are variants when:
//! - **names** (at least one unknown to the dictionary): the skeletons are equal under the
//!   transliteration classes (شيتساي/شيتشاي, شينجيانغ/سينكيانج, Qaddafi/Gaddafi) and the spellings
//!   are similar, or — for two names of four or more consonants — the skeletons differ in one
//!   letter and the spellings are very similar (بوفانج/بوهانج);
//! - **dictionary words** (both known): they differ only by long vowels inserted inside a vowel
//!   cluster and have different stems (السوفيتي/السوفياتي, سبعينات/سبعينيات) — so inflections
//!   (حكومة/حكومية) and different words (كتب/كتاب, إدارة/دائرة) stay apart;
//! - never when one is the other plus an inflection suffix (الأويغور/الأويغوري, Norman/Normans).
//!
//! Latin keys that are equal but written differently (Dvořák/Dvorak) are variants too.

use crate::extract::names::NameMention;
use crate::extract::tokens::Script;
use crate::lexicon::{LanguageTable, Lexicon};
use rustc_hash::{FxHashMap, FxHasher};
use std::collections::BTreeMap;
use std::hash::{Hash, Hasher};

/// One spelling of a name and where it occurs.
#[derive(Debug, Clone)]
pub struct Form {
    pub key: String,
    pub spelling: String,
    pub script: Script,
    /// Indices into the mention list, in text order.
    pub mentions: Vec<usize>,
    pub known_word: bool,
}

/// Several forms judged to be one name.
#[derive(Debug, Clone)]
pub struct VariantCluster {
    /// Most frequent first; ties by key.
    pub forms: Vec<Form>,
}

/// 1 − transliteration distance / length, for names with one skeleton.
const NAME_SIMILARITY: f64 = 0.85;
/// Names whose skeletons differ in one consonant must be this long (بوفانج/بوهانج).
const MIN_ONE_LETTER_LENGTH: f64 = 6.0;
const MIN_SKELETON: usize = 3;
/// Shorter dictionary words have too many look-alikes (جيش/جيوش) to call vowel variants.
const MIN_VOWEL_VARIANT_LETTERS: usize = 5;
/// Long vowels a shorter dictionary word must already spell to be a loanword-like candidate.
const MIN_LONG_VOWELS: usize = 2;

/// Cluster mentions into variant groups with at least two forms. `glossed(a, b)` says whether
/// mention `a` stands right beside mention `b` as an alternative given in passing.
pub fn variant_clusters(mentions: &[NameMention], lexicon: &Lexicon) -> Vec<VariantCluster> {
    let forms = forms_of(mentions);
    let skeletons: Vec<Vec<char>> = forms
        .iter()
        .map(|f| table(lexicon, f.script).skeleton(&f.key).chars().collect())
        .collect();
    let mut parent: Vec<usize> = (0..forms.len()).collect();
    for (a, b) in candidate_pairs(&forms, &skeletons) {
        if are_variants(
            (&forms[a], &skeletons[a]),
            (&forms[b], &skeletons[b]),
            lexicon,
        ) {
            union(&mut parent, a, b);
        }
    }
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for i in 0..forms.len() {
        let root = find(&mut parent, i);
        groups.entry(root).or_default().push(i);
    }
    let mut clusters: Vec<VariantCluster> = groups
        .into_values()
        .filter(|g| g.len() > 1)
        .map(|g| {
            let mut forms: Vec<Form> = g.into_iter().map(|i| forms[i].clone()).collect();
            forms.sort_by(|a, b| {
                b.mentions
                    .len()
                    .cmp(&a.mentions.len())
                    .then(a.mentions[0].cmp(&b.mentions[0]))
            });
            VariantCluster { forms }
        })
        .collect();
    clusters.sort_by_key(|c| c.forms.iter().map(|f| f.mentions[0]).min());
    clusters
}

/// The cluster without the forms that only ever appear beside another of its forms: an
/// alternative given as a gloss ("Amazonia (Portuguese: Amazônia)", "Tran (Chen) … Chén Jīng") is
/// an explanation, not an inconsistency. If every form is such a gloss, the most frequent one
/// stays. `None` when fewer than two forms remain. `glossed(a, b)` says whether mention `a`
/// stands right beside mention `b`.
pub fn without_glosses(
    cluster: &VariantCluster,
    glossed: &dyn Fn(usize, usize) -> bool,
) -> Option<VariantCluster> {
    let forms = &cluster.forms;
    let beside_other = |form: usize| {
        forms[form].mentions.iter().all(|&m| {
            (0..forms.len())
                .filter(|&g| g != form)
                .any(|g| forms[g].mentions.iter().any(|&o| glossed(m, o)))
        })
    };
    let glosses: Vec<usize> = (0..forms.len()).filter(|&f| beside_other(f)).collect();
    // Forms are sorted most frequent first, so form 0 is the one to keep if all are glosses.
    let keep_one = glosses.len() == forms.len();
    let kept: Vec<Form> = forms
        .iter()
        .enumerate()
        .filter(|(i, _)| !glosses.contains(i) || (keep_one && *i == 0))
        .map(|(_, f)| f.clone())
        .collect();
    (kept.len() > 1).then_some(VariantCluster { forms: kept })
}

/// Distinct keys, with Latin keys split further by surface spelling so that accent and case
/// variants of one key become separate forms.
fn forms_of(mentions: &[NameMention]) -> Vec<Form> {
    let mut by_key: BTreeMap<(Script, &str), Form> = BTreeMap::new();
    for (i, m) in mentions.iter().enumerate() {
        let form = by_key
            .entry((m.script, m.spelling.as_str()))
            .or_insert_with(|| Form {
                key: m.key.clone(),
                spelling: m.spelling.clone(),
                script: m.script,
                mentions: Vec::new(),
                known_word: m.known_word,
            });
        form.mentions.push(i);
        form.known_word |= m.known_word;
    }
    by_key.into_values().collect()
}

fn table(lexicon: &Lexicon, script: Script) -> &LanguageTable {
    match script {
        Script::Arabic => &lexicon.ar,
        Script::Latin => &lexicon.en,
    }
}

/// Pairs of forms that share a key, a skeleton or a skeleton with one letter wild, sorted.
/// Blocks are keyed by a hash of (script, kind, letters): a collision only adds a pair for
/// [`are_variants`] to reject, it never hides one.
fn candidate_pairs(forms: &[Form], skeletons: &[Vec<char>]) -> Vec<(usize, usize)> {
    let mut blocks: FxHashMap<u64, Vec<usize>> = FxHashMap::default();
    let block_of = |script: Script, kind: u8, letters: &mut dyn Iterator<Item = char>| {
        let mut h = FxHasher::default();
        (script as u8, kind).hash(&mut h);
        for c in letters {
            c.hash(&mut h);
        }
        h.finish()
    };
    for (i, (f, chars)) in forms.iter().zip(skeletons).enumerate() {
        let mut key = f.key.chars();
        blocks
            .entry(block_of(f.script, 0, &mut key))
            .or_default()
            .push(i);
        if chars.len() < MIN_SKELETON {
            continue;
        }
        let mut all = chars.iter().copied();
        blocks
            .entry(block_of(f.script, 1, &mut all))
            .or_default()
            .push(i);
        for k in 0..chars.len() {
            let mut wild = chars
                .iter()
                .enumerate()
                .map(|(j, &c)| if j == k { '*' } else { c });
            blocks
                .entry(block_of(f.script, 2, &mut wild))
                .or_default()
                .push(i);
        }
    }
    let mut pairs = Vec::new();
    // Hash order is not text order; the pairs are sorted below, so it does not matter.
    #[allow(clippy::iter_over_hash_type)]
    for members in blocks.values() {
        for (x, &a) in members.iter().enumerate() {
            for &b in &members[x + 1..] {
                if a != b {
                    pairs.push((a.min(b), a.max(b)));
                }
            }
        }
    }
    pairs.sort_unstable();
    pairs.dedup();
    pairs
}

fn are_variants((a, sa): (&Form, &[char]), (b, sb): (&Form, &[char]), lexicon: &Lexicon) -> bool {
    let t = table(lexicon, a.script);
    if a.script != b.script {
        return false;
    }
    if a.key == b.key {
        return a.spelling != b.spelling;
    }
    if t.are_inflections(&a.key, &b.key) || !same_initial(&a.key, &b.key, t) {
        return false;
    }
    if a.known_word || b.known_word {
        // Dictionary words only vary as loanwords do: inside a vowel cluster.
        // Two dictionary words are compared on stems, so that verb and plural endings
        // (تزوجوا/تزاوجوا) do not count as the long vowels of a loanword.
        let (x, y) = if a.known_word && b.known_word {
            (lexicon.arabic_stem(&a.key), lexicon.arabic_stem(&b.key))
        } else {
            (a.key.clone(), b.key.clone())
        };
        return a.script == Script::Arabic && vowel_cluster_variant(&x, &y, t);
    }
    let longest = a.key.chars().count().max(b.key.chars().count()) as f64;
    if sa == sb {
        let similarity = 1.0 - t.transliteration_distance(&a.key, &b.key) / longest;
        return similarity >= NAME_SIMILARITY;
    }
    let one_letter_apart = sa.len() == sb.len()
        && sa.len() > MIN_SKELETON
        && sa.iter().zip(sb).filter(|(x, y)| x != y).count() == 1;
    one_letter_apart && strsim::levenshtein(&a.key, &b.key) == 1 && longest >= MIN_ONE_LETTER_LENGTH
}

/// Spelling variants keep their first sound: same letter class, or both open with a vowel.
fn same_initial(a: &str, b: &str, t: &LanguageTable) -> bool {
    match (a.chars().next(), b.chars().next()) {
        (Some(x), Some(y)) => {
            t.class_of(x) == t.class_of(y) || (t.is_vowel_letter(x) && t.is_vowel_letter(y))
        }
        _ => false,
    }
}

/// `longer` is `shorter` with long vowels inserted, each inside the word and right after another
/// long vowel: a vowel cluster spelled longer (سوفيتي → سوفياتي, سوفيتي → سوفييتي), not a new
/// syllable (كتب → كتاب). Only loanword-like words qualify: the shorter one already spells two
/// long vowels after its first letter (native words spell short vowels not at all, so قادة/قيادة,
/// صيدلة/صيادلة are different words, not spellings).
fn vowel_cluster_variant(a: &str, b: &str, t: &LanguageTable) -> bool {
    let (short, long): (Vec<char>, Vec<char>) = if a.chars().count() <= b.chars().count() {
        (a.chars().collect(), b.chars().collect())
    } else {
        (b.chars().collect(), a.chars().collect())
    };
    if short.len() == long.len()
        || short.len() < MIN_VOWEL_VARIANT_LETTERS
        || short[1..].iter().filter(|&&c| t.is_long_vowel(c)).count() < MIN_LONG_VOWELS
    {
        return false;
    }
    let mut i = 0;
    let mut inserted = Vec::new();
    for (j, &c) in long.iter().enumerate() {
        if i < short.len() && short[i] == c {
            i += 1;
        } else {
            inserted.push(j);
        }
    }
    i == short.len()
        && inserted.iter().all(|&j| {
            let interior = j > 0 && j + 1 < long.len();
            interior
                && t.is_long_vowel(long[j])
                && (t.is_long_vowel(long[j - 1]) || t.is_long_vowel(long[j + 1]))
        })
}

fn find(parent: &mut [usize], mut i: usize) -> usize {
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}

fn union(parent: &mut [usize], a: usize, b: usize) {
    let (ra, rb) = (find(parent, a), find(parent, b));
    if ra != rb {
        parent[ra.max(rb)] = ra.min(rb);
    }
}
