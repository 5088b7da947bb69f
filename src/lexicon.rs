//! Language tables (`rules/language-*.toml`) and the Arabic dictionary and stemmer.
//!
//! The tables say which words are never names, which clitics and suffixes inflect a word, and
//! which letters transliterations alternate between. The Hunspell Arabic dictionary (Ayaspell,
//! `data/hunspell-ar`) tells ordinary words from transliterated names; it loads once (~80 ms) on
//! first use and every answer is memoized, because an unknown word costs ~30 µs to check. This
//! module does not decide what is a variant of what: that is [`crate::resolve`].

use crate::normalize::key;
use crate::transliteration::{EditModel, RawModel};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use serde::Deserialize;
use std::sync::{OnceLock, RwLock};

const LANGUAGE_AR: &str = include_str!("../rules/language-ar.toml");
const LANGUAGE_EN: &str = include_str!("../rules/language-en.toml");
const HUNSPELL_AR_AFF: &str = include_str!("../data/hunspell-ar/ar.aff");
/// Most inflection suffixes one word takes (nisba + plural: الهوغونوتيين).
const MAX_SUFFIX_CHAIN: usize = 2;
/// Shortest base that inflection suffixes may hang on (in letters).
const MIN_INFLECTION_BASE: usize = 3;
const HUNSPELL_AR_DIC: &str = include_str!("../data/hunspell-ar/ar.dic");
/// Debian's `wamerican` list (SCOWL): lower-case entries are words, capitalised ones known names.
const WORDLIST_EN: &str = include_str!("../data/wordlist-en/american-english");

/// The embedded language tables, by file name (for `rules list` and the drift test).
pub const SHIPPED_TABLES: &[(&str, &str)] = &[
    ("language-ar.toml", LANGUAGE_AR),
    ("language-en.toml", LANGUAGE_EN),
];

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTable {
    id: String,
    #[serde(default)]
    proclitics: Vec<String>,
    #[serde(default)]
    abbreviations: Vec<String>,
    #[serde(default)]
    inflection_suffixes: Vec<String>,
    #[serde(default)]
    function_words: Vec<String>,
    #[serde(default)]
    name_words: Vec<String>,
    skeleton: RawSkeleton,
    #[serde(default)]
    frames: FrameWords,
    #[serde(default)]
    variants: RawModel,
}

/// Word classes of the token layer event frames are read from (`[frames]` of a language table).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrameWords {
    #[serde(default)]
    pub determiners: Vec<String>,
    #[serde(default)]
    pub auxiliaries: Vec<String>,
    #[serde(default)]
    pub relatives: Vec<String>,
    #[serde(default)]
    pub conjunctions: Vec<String>,
    #[serde(default)]
    pub prepositions: Vec<String>,
    #[serde(default)]
    pub adverbs: Vec<String>,
    #[serde(default)]
    pub pronouns: Vec<PronounClass>,
    #[serde(default)]
    pub possessives: Vec<String>,
    /// `[surface, base, form]`.
    #[serde(default)]
    pub irregular: Vec<[String; 3]>,
    #[serde(default)]
    pub proclitics: Vec<String>,
    #[serde(default)]
    pub suffix_pronouns: Vec<String>,
    #[serde(default)]
    pub verb_endings: Vec<String>,
    #[serde(default)]
    pub noun_endings: Vec<String>,
    /// Words of quantity ("many", «عدد»): a participant headed by one is its of-phrase or none.
    #[serde(default)]
    pub quantifiers: Vec<String>,
    /// Discourse order (src/frames/discourse.rs): words that put what follows after what came
    /// before ("later", «ثم»), words that do so after "and" or a comma ("then"), "after" and
    /// "before" words, and duration nouns that make «بعد» a sequence cue («بعد شهرين»).
    #[serde(default)]
    pub sequence_cues: Vec<String>,
    #[serde(default)]
    pub then_cues: Vec<String>,
    #[serde(default)]
    pub after_words: Vec<String>,
    #[serde(default)]
    pub before_words: Vec<String>,
    #[serde(default)]
    pub durations: Vec<String>,
}

/// Pronouns and what they can stand for.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PronounClass {
    pub words: Vec<String>,
    /// Stands for a person (true), a thing (false) or either (absent).
    #[serde(default)]
    pub person: Option<bool>,
    /// "m" or "f" where marked.
    #[serde(default)]
    pub gender: Option<String>,
    #[serde(default)]
    pub plural: Option<bool>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSkeleton {
    drop: Vec<String>,
    classes: Vec<Vec<String>>,
    #[serde(default)]
    long_vowels: Vec<String>,
}

/// One language's table, with every entry normalized to matching keys.
#[derive(Debug, Clone)]
pub struct LanguageTable {
    pub id: String,
    /// Longest first.
    pub proclitics: Vec<String>,
    pub abbreviations: Vec<String>,
    /// Longest first.
    pub inflection_suffixes: Vec<String>,
    function_words: HashSet<String>,
    name_words: HashSet<String>,
    skeleton_drop: HashSet<char>,
    skeleton_class: HashMap<char, char>,
    long_vowels: HashSet<char>,
    /// Word classes for event frames, as written (normalized where they are compiled).
    pub frames: FrameWords,
    /// The weighted edit model of name variants (`[variants]`).
    pub model: EditModel,
    name_markers: HashSet<String>,
}

/// A language table that failed to parse (only possible for user-supplied tables).
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
#[error("invalid language table `{name}`: {message}")]
#[diagnostic(code(factlint::rules::language_table))]
pub struct TableError {
    pub name: String,
    pub message: String,
}

impl LanguageTable {
    pub fn parse(name: &str, text: &str) -> Result<Self, TableError> {
        let raw: RawTable = toml::from_str(text).map_err(|e| TableError {
            name: name.to_string(),
            message: e.to_string(),
        })?;
        let single = |s: &String| -> Result<char, TableError> {
            let k = key(s);
            let mut chars = k.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) => Ok(c),
                _ => Err(TableError {
                    name: name.to_string(),
                    message: format!("skeleton entry `{s}` must be one letter"),
                }),
            }
        };
        let mut skeleton_class = HashMap::default();
        for class in &raw.skeleton.classes {
            let letters: Vec<char> = class.iter().map(single).collect::<Result<_, _>>()?;
            if let Some(&first) = letters.first() {
                for &l in &letters {
                    skeleton_class.insert(l, first);
                }
            }
        }
        let by_length_desc = |v: Vec<String>| {
            let mut v: Vec<String> = v.iter().map(|s| key(s)).collect();
            v.sort_by(|a, b| b.chars().count().cmp(&a.chars().count()).then(a.cmp(b)));
            v.dedup();
            v
        };
        Ok(Self {
            id: raw.id,
            proclitics: by_length_desc(raw.proclitics),
            abbreviations: raw.abbreviations,
            inflection_suffixes: by_length_desc(raw.inflection_suffixes),
            function_words: raw.function_words.iter().map(|w| key(w)).collect(),
            name_words: raw.name_words.iter().map(|w| key(w)).collect(),
            skeleton_drop: raw
                .skeleton
                .drop
                .iter()
                .map(single)
                .collect::<Result<_, _>>()?,
            skeleton_class,
            long_vowels: raw
                .skeleton
                .long_vowels
                .iter()
                .map(single)
                .collect::<Result<_, _>>()?,
            frames: raw.frames,
            model: EditModel::compile(&raw.variants),
            name_markers: raw.variants.markers.iter().map(|w| key(w)).collect(),
        })
    }

    /// Every function word (normalized), for the token layer of frames.
    pub fn function_words(&self) -> impl Iterator<Item = &String> {
        self.function_words.iter()
    }

    pub fn is_function_word(&self, normalized: &str) -> bool {
        self.function_words.contains(normalized)
    }

    /// A word that may sit inside a name ("Treaty of Versailles") but is no name alone.
    pub fn is_name_word(&self, normalized: &str) -> bool {
        self.name_words.contains(normalized)
    }

    /// A title, kinship word or particle that stands before names (`[variants] markers`).
    pub fn is_name_marker(&self, normalized: &str) -> bool {
        self.name_markers.contains(normalized)
    }

    pub fn is_long_vowel(&self, c: char) -> bool {
        self.long_vowels.contains(&c)
    }

    /// The consonant skeleton of a normalized word: dropped letters removed, letters mapped to
    /// their class representative, directly doubled letters collapsed (not letters that only
    /// meet once a vowel between them is dropped: طرسوس keeps both س).
    pub fn skeleton(&self, normalized: &str) -> String {
        let mut out = String::with_capacity(normalized.len());
        let mut previous = None;
        for c in normalized.chars() {
            let class = self.class_of(c);
            if !self.skeleton_drop.contains(&c) && previous != Some(class) {
                out.push(class);
            }
            previous = Some(class);
        }
        out
    }

    /// The representative of `c`'s transliteration class (itself if it has none).
    pub fn class_of(&self, c: char) -> char {
        *self.skeleton_class.get(&c).unwrap_or(&c)
    }

    /// Whether a letter is dropped from skeletons (a vowel letter or hamza carrier).
    pub fn is_vowel_letter(&self, c: char) -> bool {
        self.skeleton_drop.contains(&c)
    }

    /// Whether two words are inflections of one base: each is the base plus a (possibly empty)
    /// chain of inflection suffixes (ألمانيا/ألمان, الهوغونوتيين/الهوغونوتيون, Norman/Normans).
    pub fn are_inflections(&self, a: &str, b: &str) -> bool {
        let common = a
            .char_indices()
            .zip(b.chars())
            .take_while(|((_, x), y)| x == y)
            .last()
            .map_or(0, |((i, x), _)| i + x.len_utf8());
        (MIN_INFLECTION_BASE..=common).rev().any(|cut| {
            a.is_char_boundary(cut)
                && a[..cut].chars().count() >= MIN_INFLECTION_BASE
                && self.is_suffix_chain(&a[cut..])
                && self.is_suffix_chain(&b[cut..])
        })
    }

    /// Whether `rest` is at most [`MAX_SUFFIX_CHAIN`] inflection suffixes (كارولاينا is not
    /// كارول + ا + ين + ا).
    fn is_suffix_chain(&self, rest: &str) -> bool {
        self.is_suffix_chain_of(rest, MAX_SUFFIX_CHAIN)
    }

    fn is_suffix_chain_of(&self, rest: &str, left: usize) -> bool {
        rest.is_empty()
            || left > 0
                && self.inflection_suffixes.iter().any(|s| {
                    rest.strip_prefix(s.as_str())
                        .is_some_and(|r| self.is_suffix_chain_of(r, left - 1))
                })
    }

    /// Suffixes of `word` that leave at least `min_letters` letters, longest first.
    pub fn suffix_splits<'w>(&self, word: &'w str, min_letters: usize) -> Vec<&'w str> {
        self.inflection_suffixes
            .iter()
            .filter_map(|s| word.strip_suffix(s.as_str()))
            .filter(|rest| rest.chars().count() >= min_letters)
            .collect()
    }
}

/// Shipped language tables plus the lazily loaded Arabic dictionary, shared by all files of a run.
pub struct Lexicon {
    pub ar: LanguageTable,
    pub en: LanguageTable,
    dictionary: OnceLock<Option<spellbook::Dictionary>>,
    english: OnceLock<EnglishWords>,
    /// Memo tables, read far more than written: readers on both threads do not wait.
    known: RwLock<HashMap<String, bool>>,
    stems: RwLock<HashMap<String, String>>,
    stemmer: rust_stemmers::Stemmer,
}

impl std::fmt::Debug for Lexicon {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Lexicon")
            .field("ar", &self.ar.id)
            .field("en", &self.en.id)
            .finish()
    }
}

impl Lexicon {
    pub fn shipped() -> Result<Self, TableError> {
        Ok(Self {
            ar: LanguageTable::parse("language-ar.toml", LANGUAGE_AR)?,
            en: LanguageTable::parse("language-en.toml", LANGUAGE_EN)?,
            dictionary: OnceLock::new(),
            english: OnceLock::new(),
            known: RwLock::new(HashMap::default()),
            stems: RwLock::new(HashMap::default()),
            stemmer: rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::Arabic),
        })
    }

    fn dictionary(&self) -> Option<&spellbook::Dictionary> {
        self.dictionary
            .get_or_init(|| spellbook::Dictionary::new(HUNSPELL_AR_AFF, HUNSPELL_AR_DIC).ok())
            .as_ref()
    }

    fn english(&self) -> &EnglishWords {
        self.english
            .get_or_init(|| EnglishWords::parse(WORDLIST_EN))
    }

    /// Whether `key` (a folded Latin key) is an ordinary English word: written in lower case in
    /// the word list.
    pub fn is_english_word(&self, key: &str) -> bool {
        self.english().words.contains(key)
    }

    /// Whether `key` is a well-known proper name: capitalised in the word list (William, Kublai,
    /// Portugal).
    pub fn is_english_name(&self, key: &str) -> bool {
        self.english().names.contains(key)
    }

    /// Whether the Arabic dictionary knows `word` (any surface form; memoized).
    pub fn is_arabic_word(&self, word: &str) -> bool {
        if let Ok(cache) = self.known.read()
            && let Some(&known) = cache.get(word)
        {
            return known;
        }
        let known = self.dictionary().is_some_and(|d| d.check(word));
        if let Ok(mut cache) = self.known.write() {
            cache.insert(word.to_string(), known);
        }
        known
    }

    /// Snowball Arabic stem (memoized): one stem for inflections (حكومة/حكومية), distinct stems for
    /// spelling variants (السوفيتي/السوفياتي).
    pub fn arabic_stem(&self, word: &str) -> String {
        if let Ok(cache) = self.stems.read()
            && let Some(stem) = cache.get(word)
        {
            return stem.clone();
        }
        let stem = self.stemmer.stem(word).into_owned();
        if let Ok(mut cache) = self.stems.write() {
            cache.insert(word.to_string(), stem.clone());
        }
        stem
    }
}

/// The English word list split into lower-case words and capitalised names, by folded key.
struct EnglishWords {
    words: HashSet<String>,
    names: HashSet<String>,
}

impl EnglishWords {
    fn parse(list: &str) -> Self {
        let mut words = HashSet::default();
        let mut names = HashSet::default();
        for line in list.lines() {
            let capitalised = line.chars().next().is_some_and(char::is_uppercase);
            if capitalised {
                names.insert(key(line));
            } else {
                words.insert(key(line));
            }
        }
        Self { words, names }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lexicon() -> Lexicon {
        Lexicon::shipped().expect("shipped tables parse")
    }

    #[test]
    fn arabic_skeleton_classes() {
        let lx = lexicon();
        assert_eq!(
            lx.ar.skeleton(&key("شيتساي")),
            lx.ar.skeleton(&key("شيتشاي"))
        );
        assert_eq!(
            lx.ar.skeleton(&key("شينجيانغ")),
            lx.ar.skeleton(&key("سينكيانج"))
        );
        assert_ne!(
            lx.ar.skeleton(&key("بوفانج")),
            lx.ar.skeleton(&key("بوهانج"))
        );
    }

    #[test]
    fn latin_skeleton_classes() {
        let lx = lexicon();
        assert_eq!(lx.en.skeleton("dostoevsky"), lx.en.skeleton("dostoyevsky"));
        assert_eq!(lx.en.skeleton("qaddafi"), lx.en.skeleton("gaddafi"));
        assert_eq!(
            lx.en.skeleton("tchaikovsky"),
            lx.en.skeleton("tchaikovskii")
        );
        assert_ne!(lx.ar.skeleton(&key("طوروس")), lx.ar.skeleton(&key("طرسوس")));
    }

    #[test]
    fn dictionary_tells_words_from_names() {
        let lx = lexicon();
        assert!(lx.is_arabic_word("حكومة"));
        assert!(lx.is_arabic_word("السوفيتي"));
        assert!(!lx.is_arabic_word("شيتساي"));
        assert!(!lx.is_arabic_word("سينكيانج"));
    }

    #[test]
    fn english_list_tells_words_from_names() {
        let lx = lexicon();
        assert!(lx.is_english_word("nevertheless"));
        assert!(!lx.is_english_word("portugal"));
        assert!(lx.is_english_name("portugal"));
        assert!(lx.is_english_name("william") && lx.is_english_name("wilhelm"));
        assert!(!lx.is_english_name("sacagawea") && !lx.is_english_word("sacagawea"));
    }

    #[test]
    fn stemmer_joins_inflections_only() {
        let lx = lexicon();
        assert_eq!(lx.arabic_stem("حكومة"), lx.arabic_stem("حكومية"));
        assert_eq!(lx.arabic_stem("سياسيين"), lx.arabic_stem("سياسيون"));
        assert_ne!(lx.arabic_stem("السوفيتي"), lx.arabic_stem("السوفياتي"));
    }

    #[test]
    fn suffix_inflections() {
        let lx = lexicon();
        assert!(lx.ar.are_inflections(&key("الأويغوري"), &key("الأويغور")));
        assert!(lx.en.are_inflections("normans", "norman"));
        assert!(!lx.en.are_inflections("normandy", "norman"));
        assert!(lx.ar.are_inflections(&key("ألمانيا"), &key("ألمان")));
        assert!(
            lx.ar
                .are_inflections(&key("الهوغونوتيين"), &key("الهوغونوتيون"))
        );
        assert!(!lx.ar.are_inflections(&key("شيتساي"), &key("شيتشاي")));
    }

    #[test]
    fn shipped_variant_models_weigh_classes() {
        let lx = lexicon();
        let ar = |a: &str, b: &str| lx.ar.model.align(&key(a), &key(b)).cost;
        assert!(ar("شيتساي", "شيتشاي") < 0.5);
        assert!(ar("فاريل", "فارل") < 0.5);
        let xinjiang = ar("شينجيانغ", "سينكيانج");
        assert!(xinjiang <= 1.0, "{xinjiang}");
        assert!(ar("تونغ", "تانغ") >= 0.5);
        let en = |a: &str, b: &str| lx.en.model.align(&key(a), &key(b)).cost;
        assert!(en("Kublai", "Khubilai") <= 1.0);
        assert!(en("Tchaikovsky", "Tchaikovskii") < 0.5);
        assert!(en("Maria", "Mario") >= 1.0);
        assert!(en("Skłodowska", "Skłodowski") >= 1.0);
    }
}
