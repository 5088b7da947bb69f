//! Relaxed regexes: the same pattern without its look-around assertions (word boundaries) and
//! without capture groups. A relaxed regex matches wherever its pattern does (and a little more),
//! and it runs on the lazy DFA on any text, which the exact pattern cannot: Unicode `\b` makes
//! the regex engine leave its DFA as soon as the haystack is not ASCII, and fall back to the
//! PikeVM or the backtracker, one to two orders of magnitude slower on Arabic prose.
//!
//! So the expensive exact patterns run only where their relaxed form matched: time expressions
//! ([`crate::extract::time`]) and the claim patterns of the rule packs ([`crate::facts`]).

use regex_automata::nfa::thompson::WhichCaptures;
use regex_automata::{MatchKind, meta};
use regex_syntax::hir::{Hir, HirKind, Repetition};

/// One multi-pattern regex for all `sources` (pattern ids in order), relaxed. Leftmost-first,
/// like the `regex` crate; errors are the parser's or the compiler's message.
pub fn relaxed(sources: &[&str]) -> Result<meta::Regex, String> {
    build(sources, MatchKind::LeftmostFirst)
}

/// [`relaxed`] for asking which of many patterns match somewhere in a text, in one pass
/// ([`meta::Regex::which_overlapping_matches`]).
pub fn relaxed_set(sources: &[&str]) -> Result<meta::Regex, String> {
    build(sources, MatchKind::All)
}

fn build(sources: &[&str], kind: MatchKind) -> Result<meta::Regex, String> {
    let hirs = sources
        .iter()
        .map(|src| match regex_syntax::parse(src) {
            Ok(h) => Ok(without_looks(&h)),
            Err(e) => Err(e.to_string()),
        })
        .collect::<Result<Vec<Hir>, String>>()?;
    let config = meta::Config::new()
        .match_kind(kind)
        .which_captures(WhichCaptures::Implicit)
        .hybrid_cache_capacity(16 << 20);
    meta::Regex::builder()
        .configure(config)
        .build_many_from_hir(&hirs)
        .map_err(|e| e.to_string())
}

/// `hir` without look-around assertions and capture groups.
fn without_looks(hir: &Hir) -> Hir {
    match hir.kind() {
        HirKind::Look(_) => Hir::empty(),
        HirKind::Capture(c) => without_looks(&c.sub),
        HirKind::Repetition(r) => Hir::repetition(Repetition {
            sub: Box::new(without_looks(&r.sub)),
            ..r.clone()
        }),
        HirKind::Concat(subs) => Hir::concat(subs.iter().map(without_looks).collect()),
        HirKind::Alternation(subs) => Hir::alternation(subs.iter().map(without_looks).collect()),
        HirKind::Empty | HirKind::Literal(_) | HirKind::Class(_) => hir.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relaxed_matches_where_the_pattern_matches_and_past_word_boundaries() {
        let exact = regex::Regex::new(r"\bفي (?P<y>[0-9]{4})\b").expect("valid");
        let loose = relaxed(&[exact.as_str()]).expect("valid");
        for text in ["ولد في 1949 م", "في 1949", "يكفي 1949"] {
            let e = exact.find(text).map(|m| m.range());
            let l = loose.find(text).map(|m| m.range());
            assert!(e.is_none() || e == l, "{text}: {e:?} vs {l:?}");
        }
        assert!(exact.find("يكفي 1949").is_none());
        assert!(loose.find("يكفي 1949").is_some(), "no boundary needed");
        assert!(
            loose.find("في 19").is_none(),
            "the rest of the pattern still counts"
        );
    }

    #[test]
    fn many_patterns_report_which_one_matched() {
        let loose = relaxed(&[r"\bborn\b", r"\bdied\b"]).expect("valid");
        let m = loose.find("he died").expect("a match");
        assert_eq!(m.pattern().as_usize(), 1);
    }

    #[test]
    fn a_set_reports_every_pattern_that_matches() {
        let set = relaxed_set(&[r"\bborn\b", r"\bdied\b", r"\bmarried\b"]).expect("valid");
        let mut found = regex_automata::PatternSet::new(set.pattern_len());
        set.which_overlapping_matches(
            &regex_automata::Input::new("born 1900, died 1950"),
            &mut found,
        );
        let ids: Vec<usize> = found.iter().map(|p| p.as_usize()).collect();
        assert_eq!(ids, [0, 1]);
    }

    #[test]
    fn a_bad_pattern_is_an_error_not_a_panic() {
        assert!(relaxed(&["(unclosed"]).is_err());
    }
}
