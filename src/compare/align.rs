//! Segments of a text and its translation, aligned.
//!
//! Segments are paragraphs (blank-line separated; a text without blank lines is split at line
//! ends). Translations are mostly paragraph-parallel, but a translator may split or join a
//! paragraph, or leave one out: segments are aligned by dynamic programming over 1–1, 1–2, 2–1,
//! 1–0 and 0–1 steps, scored by shared anchors (values that agree: years, dates, numbers, and
//! names whose transliteration skeletons match) and by length. Not done: sentence alignment
//! inside a paragraph (pairing there goes by relative position, see `super`).

use crate::span::Span;

/// Paragraph spans of `text` (trimmed, never empty), in order.
pub fn paragraphs(text: &str) -> Vec<Span> {
    let blank_separated = split(text, true);
    if blank_separated.len() > 1 {
        blank_separated
    } else {
        split(text, false)
    }
}

/// Split at blank lines (`blank`) or at every line end.
fn split(text: &str, blank: bool) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut end = 0;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let content = line.trim();
        if content.is_empty() {
            if let Some(s) = start.take() {
                out.push(Span::new(s, end));
            }
        } else {
            let lead = line.len() - line.trim_start().len();
            if start.is_none() {
                start = Some(offset + lead);
            }
            end = offset + line.trim_end().len();
            if !blank && let Some(s) = start.take() {
                out.push(Span::new(s, end));
            }
        }
        offset += line.len();
    }
    if let Some(s) = start {
        out.push(Span::new(s, end));
    }
    out
}

/// One aligned step: source paragraphs and translation paragraphs (index ranges; either may
/// be empty when a paragraph has no counterpart).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    pub source: std::ops::Range<usize>,
    pub translation: std::ops::Range<usize>,
}

/// Align `n` source paragraphs with `m` translation paragraphs. `similarity(s, t)` scores two
/// groups of paragraphs in [0, 1] (anchors and length); the alignment maximises the total.
pub fn align(
    n: usize,
    m: usize,
    similarity: &dyn Fn(std::ops::Range<usize>, std::ops::Range<usize>) -> f64,
) -> Vec<Step> {
    const SKIP: f64 = 0.0;
    const MERGE_PENALTY: f64 = 0.15;
    let moves: [(usize, usize); 5] = [(1, 1), (1, 2), (2, 1), (1, 0), (0, 1)];
    // best[i][j]: best score aligning the first i source and j translation paragraphs.
    let mut best = vec![vec![f64::NEG_INFINITY; m + 1]; n + 1];
    let mut back = vec![vec![(0usize, 0usize); m + 1]; n + 1];
    best[0][0] = 0.0;
    for i in 0..=n {
        for j in 0..=m {
            if i == 0 && j == 0 {
                continue;
            }
            for &(di, dj) in &moves {
                if di > i || dj > j || best[i - di][j - dj] == f64::NEG_INFINITY {
                    continue;
                }
                let gain = match (di, dj) {
                    (1, 0) | (0, 1) => SKIP,
                    (1, 1) => similarity(i - 1..i, j - 1..j),
                    _ => similarity(i - di..i, j - dj..j) - MERGE_PENALTY,
                };
                let score = best[i - di][j - dj] + gain;
                // Ties go to the earlier move in `moves` (1–1 first): strictly greater only.
                if score > best[i][j] {
                    best[i][j] = score;
                    back[i][j] = (di, dj);
                }
            }
        }
    }
    let mut steps = Vec::new();
    let (mut i, mut j) = (n, m);
    while i > 0 || j > 0 {
        let (di, dj) = back[i][j];
        steps.push(Step {
            source: i - di..i,
            translation: j - dj..j,
        });
        i -= di;
        j -= dj;
    }
    steps.reverse();
    steps
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_split_at_blank_lines_else_lines() {
        let text = "one\ntwo\n\n  three  \n\n\nfour";
        let spans: Vec<&str> = paragraphs(text).iter().map(|s| &text[s.range()]).collect();
        assert_eq!(spans, ["one\ntwo", "three", "four"]);
        let lines = "a\nb\n";
        let spans: Vec<&str> = paragraphs(lines)
            .iter()
            .map(|s| &lines[s.range()])
            .collect();
        assert_eq!(spans, ["a", "b"]);
    }

    #[test]
    fn a_split_paragraph_aligns_one_to_two() {
        // Source 0 = translation 0 + 1; source 1 = translation 2.
        let sim = |s: std::ops::Range<usize>, t: std::ops::Range<usize>| -> f64 {
            match (s.start, s.end, t.start, t.end) {
                (0, 1, 0, 2) => 1.0,
                (0, 1, 0, 1) => 0.4,
                (1, 2, 2, 3) => 1.0,
                _ => 0.0,
            }
        };
        let steps = align(2, 3, &sim);
        assert_eq!(
            steps,
            [
                Step {
                    source: 0..1,
                    translation: 0..2
                },
                Step {
                    source: 1..2,
                    translation: 2..3
                },
            ]
        );
    }
}
