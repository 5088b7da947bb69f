//! A weighted edit model over transliteration classes: how far apart two spellings of one name
//! are, and which classes of spelling they differ in.
//!
//! The costs are data (`[variants]` of `rules/language-*.toml`): letters that alternate when one
//! foreign sound is written (ج/غ/ق/ك for g, c/k/q), letters that are added or dropped (long
//! vowels, h, apostrophes), multi-letter rewrites (ch/kh, ph/f, تش/ش, final نغ/ن), a doubled
//! letter, a vowel letter moved past its neighbour. Every step of the cheapest alignment is kept
//! with its class name, so a diagnostic can say why two forms were taken as one name. This module
//! does not decide what is a variant: [`crate::resolve`] weighs the cost with other evidence.

use crate::normalize::key;
use serde::Deserialize;

/// `[variants]` of a language table, as written.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawModel {
    /// Similarity (1 − cost / length, plus evidence) a pair of names needs.
    #[serde(default = "default_threshold")]
    pub threshold: f64,
    #[serde(default)]
    pub substitute: Vec<RawClass>,
    #[serde(default)]
    pub indel: Vec<RawClass>,
    #[serde(default)]
    pub rewrite: Vec<RawRewrite>,
    /// A letter written once or twice (أبولو/أبوللو, Farrel/Farel).
    #[serde(default = "default_one")]
    pub doubled: f64,
    /// A vowel letter swapped with its neighbour (هوارد/هاورد).
    #[serde(default = "default_one")]
    pub transposed_vowel: f64,
    /// What a class step costs at the last letter where the class says `final = false`: an
    /// ending changed is an inflection (Maria/Mario, Calabria/Calabriae), not a respelling.
    #[serde(default = "default_ending")]
    pub ending: f64,
    /// Titles, kinship words and particles that stand before names.
    #[serde(default)]
    pub markers: Vec<String>,
}

fn default_threshold() -> f64 {
    0.85
}
fn default_one() -> f64 {
    1.0
}
fn default_ending() -> f64 {
    3.0
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawClass {
    pub name: String,
    pub letters: Vec<String>,
    pub cost: f64,
    /// Whether the step may touch the last letter at this cost.
    #[serde(default = "default_true", rename = "final")]
    pub at_final: bool,
}

fn default_true() -> bool {
    true
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRewrite {
    pub name: String,
    /// Spellings of one sound, any of which may replace any other.
    pub forms: Vec<String>,
    pub cost: f64,
    /// Only at the end of the word (-sky/-ski, final نغ/ن).
    #[serde(default)]
    pub at_end: bool,
    /// Never at the end of the word (ue/u for ü: Calabriae is Latin case, not an umlaut).
    #[serde(default)]
    pub interior: bool,
}

#[derive(Debug, Clone)]
struct Class {
    name: String,
    letters: Vec<char>,
    cost: f64,
    at_final: bool,
}

#[derive(Debug, Clone)]
struct Rewrite {
    name: String,
    from: Vec<char>,
    to: Vec<char>,
    cost: f64,
    at_end: bool,
    interior: bool,
}

/// The compiled edit model of one language.
#[derive(Debug, Clone)]
pub struct EditModel {
    pub threshold: f64,
    substitute: Vec<Class>,
    indel: Vec<Class>,
    rewrites: Vec<Rewrite>,
    doubled: f64,
    transposed_vowel: f64,
    ending: f64,
}

/// One step of an alignment that is not a plain match.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    /// The class name from the table ("long vowel", "g"), or "other".
    pub class: String,
    /// What one spelling has there and what the other has ("" for nothing).
    pub a: String,
    pub b: String,
    pub cost: f64,
}

/// The cheapest alignment of two spellings.
#[derive(Debug, Clone, PartialEq)]
pub struct Alignment {
    pub cost: f64,
    pub steps: Vec<Step>,
}

const UNRELATED: f64 = 1.0;

impl EditModel {
    pub fn compile(raw: &RawModel) -> Self {
        let chars = |s: &str| key(s).chars().collect::<Vec<char>>();
        let class = |c: &RawClass| Class {
            name: c.name.clone(),
            letters: c.letters.iter().flat_map(|l| chars(l)).collect(),
            cost: c.cost,
            at_final: c.at_final,
        };
        let mut rewrites = Vec::new();
        for r in &raw.rewrite {
            for from in &r.forms {
                for to in &r.forms {
                    if from != to {
                        rewrites.push(Rewrite {
                            name: r.name.clone(),
                            from: chars(from),
                            to: chars(to),
                            cost: r.cost,
                            at_end: r.at_end,
                            interior: r.interior,
                        });
                    }
                }
            }
        }
        Self {
            threshold: raw.threshold,
            substitute: raw.substitute.iter().map(class).collect(),
            indel: raw.indel.iter().map(class).collect(),
            rewrites,
            doubled: raw.doubled,
            transposed_vowel: raw.transposed_vowel,
            ending: raw.ending,
        }
    }

    fn substitution(&self, x: char, y: char, at_final: bool) -> (f64, &str) {
        Self::cheapest(
            &self.substitute,
            |c| c.letters.contains(&x) && c.letters.contains(&y),
            at_final,
            self.ending,
        )
    }

    fn indel_cost(&self, c: char, at_final: bool) -> (f64, &str) {
        Self::cheapest(
            &self.indel,
            |k| k.letters.contains(&c),
            at_final,
            self.ending,
        )
    }

    /// The cheapest class that applies; at the last letter, a class that may not end a word
    /// makes the step an ending change, dearer than an unrelated letter.
    fn cheapest(
        classes: &[Class],
        applies: impl Fn(&Class) -> bool,
        at_final: bool,
        ending: f64,
    ) -> (f64, &str) {
        let mut best = (UNRELATED, "other");
        let mut ending_class = None;
        for c in classes.iter().filter(|c| applies(c)) {
            if at_final && !c.at_final {
                ending_class = Some(c.name.as_str());
            } else if c.cost < best.0 {
                best = (c.cost, c.name.as_str());
            }
        }
        match ending_class {
            Some(name) if best.1 == "other" => (ending, name),
            _ => best,
        }
    }

    fn is_indel_letter(&self, c: char) -> bool {
        self.indel
            .iter()
            .any(|k| k.letters.contains(&c) && k.cost < 1.0)
    }

    /// The cheapest alignment of `a` and `b` (matching keys) under the model.
    pub fn align(&self, a: &str, b: &str) -> Alignment {
        let a: Vec<char> = a.chars().collect();
        let b: Vec<char> = b.chars().collect();
        let (n, m) = (a.len(), b.len());
        let width = m + 1;
        let mut cost = vec![f64::INFINITY; (n + 1) * width];
        // For every cell: the cell it came from and the step taken (None for a match).
        let mut back: Vec<(usize, usize, Option<Step>)> = vec![(0, 0, None); (n + 1) * width];
        cost[0] = 0.0;
        let step = |class: &str, x: &[char], y: &[char], c: f64| Step {
            class: class.to_string(),
            a: x.iter().collect(),
            b: y.iter().collect(),
            cost: c,
        };
        for i in 0..=n {
            for j in 0..=m {
                let here = cost[i * width + j];
                if !here.is_finite() {
                    continue;
                }
                let mut relax = |ni: usize, nj: usize, c: f64, s: Option<Step>| {
                    let at = ni * width + nj;
                    if here + c < cost[at] - 1e-12 {
                        cost[at] = here + c;
                        back[at] = (i, j, s);
                    }
                };
                if i < n && j < m {
                    if a[i] == b[j] {
                        relax(i + 1, j + 1, 0.0, None);
                    } else {
                        let (c, name) = self.substitution(a[i], b[j], i + 1 == n || j + 1 == m);
                        relax(i + 1, j + 1, c, Some(step(name, &a[i..=i], &b[j..=j], c)));
                    }
                }
                if i < n {
                    let (c, name) = self.gap(&a, i, j == m);
                    relax(i + 1, j, c, Some(step(name, &a[i..=i], &[], c)));
                }
                if j < m {
                    let (c, name) = self.gap(&b, j, i == n);
                    relax(i, j + 1, c, Some(step(name, &[], &b[j..=j], c)));
                }
                if i + 1 < n
                    && j + 1 < m
                    && a[i] == b[j + 1]
                    && a[i + 1] == b[j]
                    && (self.is_indel_letter(a[i]) || self.is_indel_letter(a[i + 1]))
                {
                    let c = self.transposed_vowel;
                    relax(
                        i + 2,
                        j + 2,
                        c,
                        Some(step("vowel moved", &a[i..i + 2], &b[j..j + 2], c)),
                    );
                }
                for r in &self.rewrites {
                    let (fl, tl) = (r.from.len(), r.to.len());
                    if i + fl <= n
                        && j + tl <= m
                        && a[i..i + fl] == r.from[..]
                        && b[j..j + tl] == r.to[..]
                        && (!r.at_end || (i + fl == n && j + tl == m))
                        && (!r.interior || (i + fl < n && j + tl < m))
                    {
                        relax(
                            i + fl,
                            j + tl,
                            r.cost,
                            Some(step(&r.name, &a[i..i + fl], &b[j..j + tl], r.cost)),
                        );
                    }
                }
            }
        }
        let mut steps = Vec::new();
        let (mut i, mut j) = (n, m);
        while i > 0 || j > 0 {
            let (pi, pj, s) = back[i * width + j].clone();
            if let Some(s) = s {
                steps.push(s);
            }
            if (pi, pj) == (i, j) {
                break;
            }
            (i, j) = (pi, pj);
        }
        steps.reverse();
        Alignment {
            cost: cost[n * width + m],
            steps,
        }
    }

    /// Adding or dropping `word[at]`: a doubled letter, a letter of an indel class, or another.
    fn gap(&self, word: &[char], at: usize, at_end: bool) -> (f64, &str) {
        let c = word[at];
        let doubled = (at > 0 && word[at - 1] == c) || word.get(at + 1) == Some(&c);
        let is_final = at + 1 == word.len() && at_end;
        let (class_cost, name) = self.indel_cost(c, is_final);
        if doubled && self.doubled < class_cost {
            (self.doubled, "doubled letter")
        } else {
            (class_cost, name)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn model() -> EditModel {
        let raw: RawModel = toml::from_str(
            r#"
            substitute = [{ name = "g", letters = ["ج", "غ"], cost = 0.3 },
                          { name = "vowel", letters = ["a", "o"], cost = 0.6, final = false }]
            indel = [{ name = "long vowel", letters = ["ي"], cost = 0.3, final = false }]
            rewrite = [{ name = "ch", forms = ["ch", "kh"], cost = 0.3 }]
            doubled = 0.2
            transposed_vowel = 0.4
            "#,
        )
        .expect("test model parses");
        EditModel::compile(&raw)
    }

    #[test]
    fn classes_are_cheap_and_named() {
        let m = model();
        let a = m.align(&key("درينغوت"), &key("درينجوت"));
        assert!((a.cost - 0.3).abs() < 1e-9);
        assert_eq!(a.steps[0].class, "g");
        let a = m.align(&key("فاريل"), &key("فارل"));
        assert!((a.cost - 0.3).abs() < 1e-9, "{a:?}");
        assert_eq!(a.steps[0].class, "long vowel");
        assert!((m.align("abcho", "abkho").cost - 0.3).abs() < 1e-9);
    }

    #[test]
    fn doubled_moved_and_final() {
        let m = model();
        assert!((m.align(&key("أبولو"), &key("أبوللو")).cost - 0.2).abs() < 1e-9);
        // A vowel changed at the end is an ending, not a respelling.
        assert!(m.align("maria", "mario").cost >= 1.0);
        assert!((m.align("mara", "mora").cost - 0.6).abs() < 1e-9);
    }

    #[test]
    fn unrelated_letters_cost_one() {
        let m = model();
        assert!((m.align("abc", "abd").cost - 1.0).abs() < 1e-9);
        assert_eq!(m.align("", "").cost, 0.0);
        assert!((m.align("", "ab").cost - 2.0).abs() < 1e-9);
    }
}
