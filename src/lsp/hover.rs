//! Hover text: the facts behind a date or a name, where else they are stated, and the rule that
//! read them. One function, [`facts_hover`], builds it from the fields of [`Fact`], so that a new
//! field (a trigger, roles, how a participant was resolved) is one more line here.
//!
//! Not here: finding which facts are under the cursor ([`super::server`]).

use crate::facts::Fact;

/// At most this many places are listed per fact; the rest are counted.
const MAX_PLACES: usize = 12;

/// Markdown for the facts under the cursor (`hovered`), with the places of every fact of the
/// run (`all`) about the same entity and predicate. `place` names where a fact is
/// (`file:line`).
pub fn facts_hover(hovered: &[&Fact], all: &[Fact], place: &dyn Fn(&Fact) -> String) -> String {
    let sections: Vec<String> = hovered
        .iter()
        .map(|fact| fact_section(fact, all, place))
        .collect();
    sections.join("\n\n---\n\n")
}

fn fact_section(fact: &Fact, all: &[Fact], place: &dyn Fn(&Fact) -> String) -> String {
    let mut out = format!(
        "**{}** · {} · **{}** (written «{}»)\n\n",
        fact.subject, fact.predicate, fact.value, fact.value_text
    );
    out.push_str(&format!(
        "Rule `{}` read it at {}:\n> {}\n\n",
        fact.rule,
        place(fact),
        fact.quote
    ));
    let same: Vec<&Fact> = all
        .iter()
        .filter(|f| f.entity == fact.entity && f.predicate == fact.predicate)
        .collect();
    let disagreeing = same
        .iter()
        .filter(|f| f.value.is_disjoint(&fact.value))
        .count();
    out.push_str(&format!(
        "Entity `{}`, {}: stated {} time{}{}:\n",
        fact.entity,
        fact.predicate,
        same.len(),
        if same.len() == 1 { "" } else { "s" },
        match disagreeing {
            0 => String::new(),
            n => format!(", {n} disagreeing with this one"),
        }
    ));
    for other in same.iter().take(MAX_PLACES) {
        let mark = if std::ptr::eq(*other, fact) || *other == fact {
            " (this one)"
        } else if other.value.is_disjoint(&fact.value) {
            " — disagrees"
        } else {
            ""
        };
        out.push_str(&format!(
            "- **{}** «{}» — {}{mark}\n",
            other.value,
            other.value_text,
            place(other)
        ));
    }
    if same.len() > MAX_PLACES {
        out.push_str(&format!("- … and {} more\n", same.len() - MAX_PLACES));
    }
    out
}
