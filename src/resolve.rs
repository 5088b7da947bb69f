//! Variant detection: which name-like mentions are one name written in different ways.
//!
//! Mentions are grouped by spelling; spellings are then compared in blocks that share a
//! consonant skeleton (or a skeleton with one letter wild or dropped), never all pairs. A pair is
//! weighed on evidence, not distance alone:
//! - the **edit cost** of the weighted model over transliteration classes
//!   ([`crate::transliteration`], costs in `[variants]` of `rules/language-*.toml`), as a
//!   similarity 1 − cost / length;
//! - **context**: a neighbouring word both forms share, a title or particle before both
//!   (`markers`), a form written once beside one written often;
//! - **words are not names**: an ordinary word (Hunspell-ar, or lower case in the English word
//!   list) is a variant only with strong evidence, two known names (William/Wilhelm,
//!   Portugal/Portuguese) and inflections (الأويغور/الأويغوري, Norman/Normans) never are, and two
//!   dictionary words only differ as loanwords do, inside a vowel cluster
//!   (السوفيتي/السوفياتي, سبعينات/سبعينيات);
//! - **side by side as distinct** ("Maria and Mario", «X وY») they are never one name.
//!
//! Spellings with one key that are written differently are variants too: accents and ligatures
//! (Dvořák/Dvorak, Ælius/Aelius), hyphens and spaces (Bergen-op-Zoom/Bergen op Zoom), hamza
//! seats and final ة/ه, ى/ي (إصفهان/أصفهان, بريستلى/بريستلي) — but not a hamza merely left off.
//! Each link keeps the classes that differ and the context shared, so the diagnostic can say why.

use crate::extract::names::NameMention;
use crate::extract::tokens::Script;
use crate::lexicon::{LanguageTable, Lexicon};
use crate::transliteration::Step;
use rustc_hash::{FxHashMap, FxHasher};
use std::collections::BTreeMap;
use std::collections::BTreeSet;
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
    pub known_name: bool,
    /// Words right before and after its mentions.
    pub before: BTreeSet<String>,
    pub after: BTreeSet<String>,
    /// Keys of names it stands beside as a distinct name.
    pub coordinated_with: BTreeSet<String>,
    /// The key without a leading conjunction or article (Arabic «و», «ال» …), for comparing
    /// «والخييتان» with «خيتان»; the key itself otherwise.
    pub bare: String,
    /// Every mention is inside parentheses (a gloss or an alternative given in passing).
    pub parenthesized: bool,
}

/// Why two forms were taken as one name.
#[derive(Debug, Clone, PartialEq)]
pub struct Link {
    /// Spellings of the two forms.
    pub a: String,
    pub b: String,
    /// The classes of spelling they differ in (the steps of the cheapest alignment).
    pub steps: Vec<Step>,
    /// Words both forms stand beside, and name markers before both.
    pub context: Vec<String>,
    /// Similarity with the evidence added, against the language's threshold.
    pub score: f64,
}

/// Several forms judged to be one name.
#[derive(Debug, Clone)]
pub struct VariantCluster {
    /// Most frequent first; ties by key.
    pub forms: Vec<Form>,
    /// The pairs that joined the forms, in form order.
    pub links: Vec<Link>,
}

const MIN_SKELETON: usize = 2;
/// Shorter dictionary words have too many look-alikes (جيش/جيوش) to call vowel variants.
const MIN_VOWEL_VARIANT_LETTERS: usize = 5;
/// Long vowels a shorter dictionary word must already spell to be a loanword-like candidate.
const MIN_LONG_VOWELS: usize = 2;
/// Names shorter than this are compared only when written with one key (Chén/Chen).
const MIN_NAME_LETTERS: usize = 4;
/// Evidence, added to the similarity: a neighbouring word both forms share, a name marker before
/// both, one form written once beside one written more often.
const SHARED_CONTEXT: f64 = 0.05;
const MARKER_BEFORE_BOTH: f64 = 0.04;
const SINGLE_RESPELLING: f64 = 0.02;
/// How much more an ordinary word needs than a name, besides shared context.
const WORD_MARGIN: f64 = 0.06;

/// Cluster mentions into variant groups with at least two forms. `glossed(a, b)` says whether
/// mention `a` stands right beside mention `b` as an alternative given in passing.
pub fn variant_clusters(mentions: &[NameMention], lexicon: &Lexicon) -> Vec<VariantCluster> {
    let forms = forms_of(mentions);
    let mut forms = forms;
    for f in &mut forms {
        f.bare = bare_key(&f.key, f.script, table(lexicon, f.script));
    }
    // Each form is blocked under the skeleton of its key and of its bare key.
    let skeletons: Vec<Vec<Vec<char>>> = forms
        .iter()
        .map(|f| {
            let t = table(lexicon, f.script);
            let mut all = vec![t.skeleton(&f.key).chars().collect::<Vec<char>>()];
            if f.bare != f.key {
                all.push(t.skeleton(&f.bare).chars().collect());
            }
            all
        })
        .collect();
    let mut parent: Vec<usize> = (0..forms.len()).collect();
    let mut links: Vec<(usize, usize, Link)> = Vec::new();
    for (a, b) in candidate_pairs(&forms, &skeletons) {
        if let Some(link) = variant_link(&forms[a], &forms[b], lexicon) {
            union(&mut parent, a, b);
            links.push((a, b, link));
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
            let links = links
                .iter()
                .filter(|(a, _, _)| g.contains(a))
                .map(|(_, _, l)| l.clone())
                .collect();
            let mut forms: Vec<Form> = g.into_iter().map(|i| forms[i].clone()).collect();
            forms.sort_by(|a, b| {
                b.mentions
                    .len()
                    .cmp(&a.mentions.len())
                    .then(a.mentions[0].cmp(&b.mentions[0]))
            });
            VariantCluster { forms, links }
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
    let links = cluster
        .links
        .iter()
        .filter(|l| {
            kept.iter().any(|f| f.spelling == l.a) && kept.iter().any(|f| f.spelling == l.b)
        })
        .cloned()
        .collect();
    (kept.len() > 1).then_some(VariantCluster { forms: kept, links })
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
                known_name: m.known_name,
                before: BTreeSet::new(),
                after: BTreeSet::new(),
                coordinated_with: BTreeSet::new(),
                parenthesized: true,
                bare: m.key.clone(),
            });
        form.mentions.push(i);
        form.known_word |= m.known_word;
        form.known_name |= m.known_name;
        form.before.extend(m.before.iter().cloned());
        form.after.extend(m.after.iter().cloned());
        form.coordinated_with
            .extend(m.coordinated_with.iter().cloned());
        form.parenthesized &= m.parenthesized;
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
/// [`variant_link`] to reject, it never hides one.
fn candidate_pairs(forms: &[Form], skeletons: &[Vec<Vec<char>>]) -> Vec<(usize, usize)> {
    let mut blocks: FxHashMap<u64, Vec<usize>> = FxHashMap::default();
    let block_of = |script: Script, kind: u8, letters: &mut dyn Iterator<Item = char>| {
        let mut h = FxHasher::default();
        (script as u8, kind).hash(&mut h);
        for c in letters {
            c.hash(&mut h);
        }
        h.finish()
    };
    let with_skeletons = forms.iter().zip(skeletons).enumerate();
    for (i, chars, f) in with_skeletons.flat_map(|(i, (f, all))| all.iter().map(move |c| (i, c, f)))
    {
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
            let mut dropped = chars
                .iter()
                .enumerate()
                .filter(|&(j, _)| j != k)
                .map(|(_, &c)| c);
            blocks
                .entry(block_of(f.script, 3, &mut dropped))
                .or_default()
                .push(i);
        }
        let mut whole = chars.iter().copied();
        blocks
            .entry(block_of(f.script, 3, &mut whole))
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
    pairs.retain(|(a, b)| a != b);
    pairs
}

/// Whether two forms are one name, and why.
fn variant_link(a: &Form, b: &Form, lexicon: &Lexicon) -> Option<Link> {
    if a.script != b.script {
        return None;
    }
    let t = table(lexicon, a.script);
    let link = |steps: Vec<Step>, context: Vec<String>, score: f64| Link {
        a: a.spelling.clone(),
        b: b.spelling.clone(),
        steps,
        context,
        score,
    };
    if a.key == b.key {
        if a.script == Script::Arabic && a.known_word && b.known_word {
            // Two dictionary words, not a name (تولى/تولي, كتابه/كتابة): ة/ه and ى/ي tell words
            // apart there.
            return None;
        }
        let steps = written_differences(&a.spelling, &b.spelling, a.script);
        return (!steps.is_empty()).then(|| link(steps, Vec::new(), 1.0));
    }
    if a.coordinated_with.contains(&b.key) || b.coordinated_with.contains(&a.key) {
        return None;
    }
    if a.parenthesized && b.parenthesized {
        // Two glosses, each of what stands before it: "(Zhongshu Sheng)" … "(Shangshu Sheng)".
        return None;
    }
    if t.are_inflections(&a.key, &b.key)
        || t.are_inflections(&a.bare, &b.bare)
        || !same_initial(&a.key, &b.key, t)
    {
        return None;
    }
    let shortest = a.key.chars().count().min(b.key.chars().count());
    if shortest < MIN_NAME_LETTERS || (a.known_name && b.known_name) {
        return None;
    }
    if a.known_word && b.known_word {
        // Dictionary words only vary as loanwords do: inside a vowel cluster. Two dictionary
        // words are compared on stems, so that verb and plural endings (تزوجوا/تزاوجوا) do not
        // count as the long vowels of a loanword.
        if a.script != Script::Arabic {
            return None;
        }
        let (x, y) = (lexicon.arabic_stem(&a.key), lexicon.arabic_stem(&b.key));
        if x == y {
            return None;
        }
        let alignment = t.model.align(&a.key, &b.key);
        let variant = vowel_cluster_variant(&x, &y, t) && vowel_cluster_variant(&a.key, &b.key, t);
        return variant.then(|| link(alignment.steps, Vec::new(), 1.0));
    }
    if a.bare == b.bare || a.bare == b.key || b.bare == a.key {
        // One word with and without a conjunction or article.
        return None;
    }
    let (alignment, longest) = [
        (&a.key, &b.key),
        (&a.bare, &b.key),
        (&a.key, &b.bare),
        (&a.bare, &b.bare),
    ]
    .into_iter()
    .map(|(x, y)| {
        (
            t.model.align(x, y),
            x.chars().count().max(y.chars().count()) as f64,
        )
    })
    .min_by(|(x, lx), (y, ly)| (x.cost / lx).total_cmp(&(y.cost / ly)))
    .expect("four candidate pairs");
    let similarity = 1.0 - alignment.cost / longest;
    let (context, bonus) = shared_context(a, b, t);
    let score = similarity + bonus;
    let needed = if a.known_word || b.known_word {
        // A word is taken for a respelled name only on strong evidence: shared context, or a
        // spelling nearly the same.
        if context.is_empty() {
            t.model.threshold + 2.0 * WORD_MARGIN
        } else {
            t.model.threshold + WORD_MARGIN
        }
    } else {
        t.model.threshold
    };
    (score >= needed).then(|| link(alignment.steps, context, score))
}

/// Conjunctions and articles a bare key is taken without (Arabic); they must leave a name of
/// [`MIN_NAME_LETTERS`] letters.
const BARE_PREFIXES: &[&str] = &["وال", "فال", "بال", "كال", "لل", "ال", "و"];

fn bare_key(key: &str, script: Script, t: &LanguageTable) -> String {
    if script != Script::Arabic {
        return key.to_string();
    }
    BARE_PREFIXES
        .iter()
        .filter(|p| t.proclitics.iter().any(|c| c == *p))
        .find_map(|p| key.strip_prefix(p))
        .filter(|rest| rest.chars().count() >= MIN_NAME_LETTERS)
        .unwrap_or(key)
        .to_string()
}

/// Shared neighbouring words and name markers before both forms, with the evidence they add.
fn shared_context(a: &Form, b: &Form, t: &LanguageTable) -> (Vec<String>, f64) {
    let mut context = Vec::new();
    let mut bonus = 0.0;
    let content = |w: &&String| !t.is_function_word(w) || t.is_name_marker(w);
    let shared: Vec<&String> = a
        .before
        .intersection(&b.before)
        .chain(a.after.intersection(&b.after))
        .filter(content)
        .collect();
    if !shared.is_empty() {
        bonus += SHARED_CONTEXT;
        context.extend(shared.into_iter().cloned());
    }
    let marked = |f: &Form| f.before.iter().any(|w| t.is_name_marker(w));
    if marked(a) && marked(b) {
        bonus += MARKER_BEFORE_BOTH;
        for f in [a, b] {
            for w in f.before.iter().filter(|w| t.is_name_marker(w)) {
                if !context.contains(w) {
                    context.push(w.clone());
                }
            }
        }
    }
    let (na, nb) = (a.mentions.len(), b.mentions.len());
    if na.min(nb) == 1 && na.max(nb) > 1 {
        bonus += SINGLE_RESPELLING;
    }
    (context, bonus)
}

/// How two spellings of one key differ as written: accents, ligatures, hyphens and spaces
/// (Latin); hamza seats, final ة/ه and ى/ي (Arabic). A hamza left off an alef (أ → ا) is not a
/// different spelling: Arabic writers omit it freely.
fn written_differences(a: &str, b: &str, script: Script) -> Vec<Step> {
    let step = |class: &str, x: &str, y: &str| Step {
        class: class.to_string(),
        a: x.to_string(),
        b: y.to_string(),
        cost: 0.0,
    };
    match script {
        Script::Latin => {
            let separators = |s: &str| {
                s.chars()
                    .filter(|c| matches!(c, '-' | ' '))
                    .collect::<String>()
            };
            let unspaced = |s: &str| s.replace(['-', ' '], "");
            let mut steps = Vec::new();
            if separators(a) != separators(b) || (a != b && unspaced(a) == unspaced(b)) {
                steps.push(step("hyphen or space", a, b));
            }
            if unspaced(a) != unspaced(b) {
                steps.push(step("accent or ligature", &unspaced(a), &unspaced(b)));
            }
            steps
        }
        Script::Arabic => {
            let mut steps = Vec::new();
            if a.chars().count() != b.chars().count() {
                return steps;
            }
            for (x, y) in a.chars().zip(b.chars()).filter(|(x, y)| x != y) {
                let class = match (x, y) {
                    ('ا', _) | (_, 'ا') => continue,
                    ('ى', 'ي') | ('ي', 'ى') => "final ى/ي",
                    ('ة', 'ه') | ('ه', 'ة') => "final ة/ه",
                    _ => "hamza seat",
                };
                steps.push(step(class, &x.to_string(), &y.to_string()));
            }
            steps
        }
    }
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
