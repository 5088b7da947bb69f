//! Latin ↔ Arabic transliteration skeletons: a name and its transliteration are one participant
//! when their consonant skeletons are close ("Sheng Shicai" ~ «شنغ شيتساي», "Luther" ~ «لوثر»).
//!
//! The classes are data (`rules/translit.toml`): each Latin letter group and each Arabic letter
//! maps to a class letter; vowels, long-vowel letters and hamza carriers drop. Two skeletons
//! match when their edit distance is within one edit per `letters_per_edit` letters. Inputs are
//! matching keys ([`crate::normalize::key`]). This is for aligning a text with its
//! translation; spelling variants *within* one script are `name-variant`'s business.

use serde::Deserialize;
use std::collections::BTreeMap;

const TRANSLIT_TOML: &str = include_str!("../../rules/translit.toml");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTables {
    latin: BTreeMap<String, String>,
    arabic: BTreeMap<String, String>,
    #[serde(rename = "match")]
    matching: RawMatch,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMatch {
    min_length: usize,
    letters_per_edit: usize,
}

/// The compiled transliteration classes.
#[derive(Debug)]
pub struct Transliterator {
    /// Latin groups, longest first.
    latin: Vec<(String, String)>,
    arabic: BTreeMap<char, String>,
    min_length: usize,
    letters_per_edit: usize,
}

impl Transliterator {
    pub fn shipped() -> Result<Self, String> {
        Self::from_toml(TRANSLIT_TOML).map_err(|e| format!("rules/translit.toml: {e}"))
    }

    pub fn from_toml(text: &str) -> Result<Self, String> {
        let raw: RawTables = toml::from_str(text).map_err(|e| e.message().to_string())?;
        let mut latin: Vec<(String, String)> = raw.latin.into_iter().collect();
        latin.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(&b.0)));
        let mut arabic = BTreeMap::new();
        for (letter, class) in raw.arabic {
            let mut chars = letter.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) => {
                    arabic.insert(c, class);
                }
                _ => return Err(format!("`{letter}` in [arabic] is not one letter")),
            }
        }
        if raw.matching.letters_per_edit == 0 {
            return Err("letters_per_edit must be at least 1".into());
        }
        Ok(Self {
            latin,
            arabic,
            min_length: raw.matching.min_length,
            letters_per_edit: raw.matching.letters_per_edit,
        })
    }

    /// The consonant skeleton of a matching key in either script (other characters drop).
    pub fn skeleton(&self, name: &str) -> String {
        let mut out = String::new();
        let mut rest = name;
        while let Some(c) = rest.chars().next() {
            if c.is_ascii_alphabetic() {
                if let Some((group, class)) = self
                    .latin
                    .iter()
                    .find(|(g, _)| rest.starts_with(g.as_str()))
                {
                    push_class(&mut out, class);
                    rest = &rest[group.len()..];
                    continue;
                }
            } else if let Some(class) = self.arabic.get(&c) {
                push_class(&mut out, class);
            }
            rest = &rest[c.len_utf8()..];
        }
        out
    }

    /// Whether two skeletons are one name.
    pub fn skeletons_match(&self, a: &str, b: &str) -> bool {
        let longest = a.chars().count().max(b.chars().count());
        if a.is_empty() || b.is_empty() {
            return false;
        }
        if longest < self.min_length {
            return a == b;
        }
        let allowed = longest / self.letters_per_edit;
        strsim::levenshtein(a, b) <= allowed
    }

    /// Whether two names (matching keys, any scripts) are one name across scripts.
    pub fn same_name(&self, a: &str, b: &str) -> bool {
        self.skeletons_match(&self.skeleton(a), &self.skeleton(b))
    }
}

/// Append a class, collapsing a doubled consonant ("Hamm" ~ «هام»).
fn push_class(out: &mut String, class: &str) {
    for c in class.chars() {
        if !out.ends_with(c) {
            out.push(c);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::key;

    fn same(a: &str, b: &str) -> bool {
        let t = Transliterator::shipped().expect("shipped table");
        t.same_name(&key(a), &key(b))
    }

    #[test]
    fn transliterations_match_across_scripts() {
        assert!(same("Sheng Shicai", "شنغ شيتساي"));
        assert!(same("Martin Luther", "مارتن لوثر"));
        assert!(same("Fresno", "فريسنو"));
        assert!(same("Normandy", "نورماندي"));
        assert!(same("Denver", "دنفر"));
    }

    #[test]
    fn distinct_names_do_not() {
        assert!(!same("Luther", "كالفن"));
        assert!(!same("Denver", "كارولينا"));
        assert!(!same("Normans", "فرنسا"));
    }

    #[test]
    fn a_broken_table_is_an_error() {
        let err = Transliterator::from_toml(
            "[latin]\n[arabic]\n\"بب\" = \"B\"\n[match]\nmin_length = 2\nletters_per_edit = 3\n",
        )
        .expect_err("two letters");
        assert!(err.contains("not one letter"), "{err}");
    }
}
