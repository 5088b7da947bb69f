//! Pattern compilation: a pack's `match` string with typed slots (`{subject:person}`,
//! `{value:time}`) becomes a regex over the *tagged* sentence (see [`crate::facts`]), in which
//! every time mention reads `\u{E000}T<n>\u{E001}` and every entity mention `\u{E000}E<n>\u{E001}`.
//!
//! Literal letters are normalized like the text (Arabic diacritics dropped, hamza/alef forms,
//! ة → ه, ى → ي, Latin lower-cased), so a pattern is written naturally (`وُلِد`, `Born`). Regex
//! syntax (escapes, `(?:…)`, classes, quantifiers) is kept. In Arabic, an entity slot also accepts
//! a bare noun phrase of up to four words (names among them) when no single entity mention
//! stands there (Arabic has no capitals to find names by); `{subject:place!}` accepts only an
//! entity mention, for word orders where a noun phrase would have no edge (VSO without a
//! preposition: «سيطر الجيش المدينة»).

use crate::normalize::key;

/// Slot names a pattern may use.
pub const SLOT_NAMES: &[&str] = &["subject", "value", "object"];

/// What a slot accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SlotType {
    Time,
    Person,
    Place,
    Org,
    Entity,
}

impl SlotType {
    pub const ALL: &[(&str, SlotType)] = &[
        ("time", SlotType::Time),
        ("person", SlotType::Person),
        ("place", SlotType::Place),
        ("org", SlotType::Org),
        ("entity", SlotType::Entity),
    ];

    pub fn parse(s: &str) -> Option<SlotType> {
        Self::ALL.iter().find(|(n, _)| *n == s).map(|&(_, t)| t)
    }

    pub fn is_entity(self) -> bool {
        self != SlotType::Time
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slot {
    pub name: String,
    pub kind: SlotType,
    /// `{object:place!}`: only an entity mention, never a bare Arabic noun phrase.
    pub mention_only: bool,
}

/// A pattern translated to regex source, with its slots in order.
#[derive(Debug, Clone)]
pub struct Translated {
    pub regex: String,
    pub slots: Vec<Slot>,
}

/// Why a pattern could not be translated: a message and a byte range in the pattern string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SlotError {
    pub message: String,
    pub at: std::ops::Range<usize>,
}

pub const OPEN: char = '\u{E000}';
pub const CLOSE: char = '\u{E001}';

/// Words of a bare Arabic noun phrase: no punctuation and no time tags; an entity tag may be
/// one of its words («تمرد إيلي» where إيلي is a name).
const NP_WORD: &str = r"(?:[^\s\x{E000}\x{E001}،؛.,;:!?؟()«»]+|\x{E000}E\d+\x{E001})";

pub fn translate(pattern: &str, arabic: bool) -> Result<Translated, SlotError> {
    let translated = translate_any(pattern, arabic)?;
    for required in ["subject", "value"] {
        if !translated.slots.iter().any(|s| s.name == required) {
            return Err(SlotError {
                message: format!("pattern has no `{{{required}:…}}` slot"),
                at: 0..pattern.len(),
            });
        }
    }
    Ok(translated)
}

/// An age phrase (`at the age of {age}`, «عن عمر يناهز {age}»): literals normalized like a
/// pattern's, `{age}` a number of one to three digits, no other slot.
pub fn translate_age(pattern: &str) -> Result<String, SlotError> {
    let translated = translate_any(pattern, false)?;
    if !translated.slots.is_empty() || translated.regex.matches("{age}").count() != 1 {
        return Err(SlotError {
            message: "an age phrase has exactly one `{age}` and no other slot".to_string(),
            at: 0..pattern.len(),
        });
    }
    Ok(translated.regex.replace("{age}", "(?P<age>[0-9]{1,3})"))
}

fn translate_any(pattern: &str, arabic: bool) -> Result<Translated, SlotError> {
    let mut out = String::with_capacity(pattern.len() * 2);
    let mut slots: Vec<Slot> = Vec::new();
    let chars: Vec<(usize, char)> = pattern.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (at, c) = chars[i];
        match c {
            '\\' => {
                let end = escape_end(&chars, i);
                out.push_str(&pattern[at..byte_at(pattern, &chars, end)]);
                i = end;
            }
            '(' if chars.get(i + 1).is_some_and(|&(_, n)| n == '?') => {
                let mut end = i + 2;
                while chars
                    .get(end)
                    .is_some_and(|&(_, n)| n.is_ascii_alphabetic() || n == '-')
                {
                    end += 1;
                }
                out.push_str(&pattern[at..byte_at(pattern, &chars, end)]);
                i = end;
            }
            '{' => {
                let close = chars[i..]
                    .iter()
                    .position(|&(_, n)| n == '}')
                    .map(|p| i + p);
                let inner = close.map(|e| &pattern[chars[i].0 + 1..chars[e].0]);
                match inner.and_then(|s| s.split_once(':')) {
                    Some((name, kind)) => {
                        let end = close.unwrap_or(i) + 1;
                        let span = at..byte_at(pattern, &chars, end);
                        let slot = parse_slot(name, kind, &slots, span)?;
                        out.push_str(&slot_regex(&slot, arabic));
                        slots.push(slot);
                        i = end;
                    }
                    None => {
                        out.push('{');
                        i += 1;
                    }
                }
            }
            ' ' => {
                while chars.get(i + 1).is_some_and(|&(_, n)| n == ' ') {
                    i += 1;
                }
                // A quantifier after a space applies to the whole run of spaces: `a ?b`.
                let quantified = chars
                    .get(i + 1)
                    .is_some_and(|&(_, n)| matches!(n, '?' | '*'));
                out.push_str(if quantified { "(?: +)" } else { " +" });
                i += 1;
            }
            _ if c.is_alphabetic() || ('\u{064B}'..='\u{0652}').contains(&c) || c == '\u{0640}' => {
                out.push_str(&regex::escape(&key(&c.to_string())));
                i += 1;
            }
            _ => {
                out.push(c);
                i += 1;
            }
        }
    }
    Ok(Translated { regex: out, slots })
}

fn parse_slot(
    name: &str,
    kind: &str,
    existing: &[Slot],
    at: std::ops::Range<usize>,
) -> Result<Slot, SlotError> {
    if !SLOT_NAMES.contains(&name) {
        return Err(SlotError {
            message: format!(
                "unknown slot name `{name}`; expected one of {}",
                SLOT_NAMES.join(", ")
            ),
            at,
        });
    }
    let (kind, mention_only) = match kind.strip_suffix('!') {
        Some(k) => (k, true),
        None => (kind, false),
    };
    let Some(kind) = SlotType::parse(kind) else {
        let known: Vec<&str> = SlotType::ALL.iter().map(|(n, _)| *n).collect();
        return Err(SlotError {
            message: format!(
                "unknown slot type `{kind}`; expected one of {}",
                known.join(", ")
            ),
            at,
        });
    };
    if existing.iter().any(|s| s.name == name) {
        return Err(SlotError {
            message: format!("slot `{name}` appears twice"),
            at,
        });
    }
    Ok(Slot {
        name: name.to_string(),
        kind,
        mention_only,
    })
}

fn slot_regex(slot: &Slot, arabic: bool) -> String {
    let name = &slot.name;
    match slot.kind {
        SlotType::Time => format!(r"\x{{E000}}T(?P<{name}>\d+)\x{{E001}}"),
        _ if arabic && !slot.mention_only => format!(
            r"(?:\x{{E000}}E(?P<{name}>\d+)\x{{E001}}|(?P<{name}_np>{NP_WORD}(?: {NP_WORD}){{0,3}}))"
        ),
        _ => format!(r"\x{{E000}}E(?P<{name}>\d+)\x{{E001}}"),
    }
}

/// Index (in `chars`) just past an escape starting at `i` (`\d`, `\.`, `\p{L}`, `\x{E000}`).
fn escape_end(chars: &[(usize, char)], i: usize) -> usize {
    let next = chars.get(i + 1).map(|&(_, c)| c);
    let braced = matches!(next, Some('p' | 'P' | 'x' | 'u'))
        && chars.get(i + 2).is_some_and(|&(_, c)| c == '{');
    if braced {
        chars[i..]
            .iter()
            .position(|&(_, c)| c == '}')
            .map_or(chars.len(), |p| i + p + 1)
    } else {
        (i + 2).min(chars.len())
    }
}

fn byte_at(pattern: &str, chars: &[(usize, char)], i: usize) -> usize {
    chars.get(i).map_or(pattern.len(), |&(b, _)| b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals_are_normalized_and_slots_become_groups() {
        let t = translate("{subject:person} (?:was )?Born in {value:time}", false).unwrap();
        assert!(t.regex.contains("born"));
        assert!(t.regex.contains("(?P<subject>"));
        assert!(t.regex.contains("(?:was +)?"));
        assert_eq!(t.slots.len(), 2);
        regex::Regex::new(&t.regex).unwrap();
    }

    #[test]
    fn arabic_literals_lose_diacritics_and_entities_accept_noun_phrases() {
        let t = translate("وُلِدَ {subject:person} عام {value:time}", true).unwrap();
        assert!(t.regex.starts_with("ولد"));
        assert!(t.regex.contains("subject_np"));
        regex::Regex::new(&t.regex).unwrap();
    }

    #[test]
    fn an_optional_space_stays_optional() {
        let t = translate("{subject:person} ?born {value:time}", false).unwrap();
        assert!(t.regex.contains("(?: +)?born"));
        let re = regex::Regex::new(&t.regex).unwrap();
        assert!(re.is_match("\u{E000}E0\u{E001}born \u{E000}T0\u{E001}"));
    }

    #[test]
    fn mention_only_slots_take_no_noun_phrase() {
        let t = translate("سيطر {subject:place!} عام {value:time}", true).unwrap();
        assert!(!t.regex.contains("subject_np"));
        assert!(t.slots[0].mention_only);
    }

    #[test]
    fn age_phrases_become_a_number_group() {
        let re = regex::Regex::new(&translate_age("at the Age of {age}").unwrap()).unwrap();
        assert_eq!(&re.captures("died at the age of 70").unwrap()["age"], "70");
        let re = regex::Regex::new(&translate_age("عن عُمر يناهز {age}").unwrap()).unwrap();
        assert_eq!(
            &re.captures("توفي عن عمر يناهز 82 عاما").unwrap()["age"],
            "82"
        );
        assert!(translate_age("aged").is_err());
        assert!(translate_age("{subject:person} aged {age}").is_err());
    }

    #[test]
    fn escapes_and_quantifiers_survive() {
        let t = translate(r"{subject:entity}\s*\p{L}{2,3} {value:time}", false).unwrap();
        assert!(t.regex.contains(r"\s*\p{L}{2,3}"));
    }

    #[test]
    fn bad_slots_are_located() {
        let e = translate("{subject:persn} born {value:time}", false).unwrap_err();
        assert!(e.message.contains("unknown slot type `persn`"));
        assert_eq!(e.at, 0..15);
        let e = translate("{who:person} born {value:time}", false).unwrap_err();
        assert!(e.message.contains("unknown slot name"));
        let e = translate("{subject:person} born", false).unwrap_err();
        assert!(e.message.contains("{value:…}"));
    }
}
