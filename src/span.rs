//! Byte spans into a source text, and the line/column arithmetic that sinks need.
//!
//! Every stage of the pipeline carries [`Span`]s as UTF-8 byte offsets into the *original* text;
//! lines and character columns are derived only when a report is written ([`LineIndex`]).

use serde::{Deserialize, Serialize};
use std::ops::Range;

/// A half-open byte range `[start, end)` into one source text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end, "span start {start} after end {end}");
        Self { start, end }
    }

    pub fn len(&self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }

    /// Whether `other` lies entirely inside `self`.
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
}

impl From<Range<usize>> for Span {
    fn from(r: Range<usize>) -> Self {
        Span::new(r.start, r.end)
    }
}

/// 1-based line and character column of a byte offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineCol {
    pub line: usize,
    /// Counted in Unicode scalar values, which is what editors show for Arabic.
    pub column: usize,
}

/// Bytes between two character-count checkpoints of a [`LineIndex`]: a column costs at most this
/// many bytes of counting, however long the line (one-line documents of megabytes exist).
const CHAR_BLOCK: usize = 1024;

/// Line starts of one text, and how many characters precede every [`CHAR_BLOCK`]th byte, for
/// turning byte offsets into line and character column in time independent of the line length.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
    /// `block_chars[k]`: characters in `text[..k * CHAR_BLOCK]` (counting char starts).
    block_chars: Vec<usize>,
}

/// Characters that start in `bytes` (bytes that are not UTF-8 continuation bytes).
fn char_starts(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b & 0xC0) != 0x80).count()
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        let mut block_chars = Vec::with_capacity(text.len() / CHAR_BLOCK + 1);
        let mut seen = 0;
        block_chars.push(0);
        for block in text.as_bytes().chunks(CHAR_BLOCK) {
            seen += char_starts(block);
            block_chars.push(seen);
        }
        Self {
            starts,
            block_chars,
        }
    }

    /// Characters in `text[..offset]`, counting at most [`CHAR_BLOCK`] bytes.
    fn chars_before(&self, text: &str, offset: usize) -> usize {
        let offset = offset.min(text.len());
        let block = offset / CHAR_BLOCK;
        let counted = self.block_chars.get(block).copied().unwrap_or(0);
        counted + char_starts(&text.as_bytes()[block * CHAR_BLOCK..offset])
    }

    /// The 0-based line holding `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset) - 1
    }

    /// Byte range of the 0-based line `line`, without its line terminator.
    pub fn line_range(&self, text: &str, line: usize) -> Range<usize> {
        let start = self.starts[line];
        let mut end = self.starts.get(line + 1).map_or(text.len(), |&s| s - 1);
        if end > start && text.as_bytes()[end - 1] == b'\r' {
            end -= 1;
        }
        start..end.max(start)
    }

    pub fn line_col(&self, text: &str, offset: usize) -> LineCol {
        let line = self.line_of(offset);
        let start = self.starts[line];
        let column = self.chars_before(text, offset) - self.chars_before(text, start) + 1;
        LineCol {
            line: line + 1,
            column,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters_not_bytes() {
        let text = "سطر أول\nفي عام 1949";
        let idx = LineIndex::new(text);
        let offset = text.find("1949").unwrap();
        assert_eq!(idx.line_col(text, offset), LineCol { line: 2, column: 8 });
        assert_eq!(idx.line_col(text, 0), LineCol { line: 1, column: 1 });
    }

    #[test]
    fn columns_on_a_long_line_cross_checkpoints() {
        let text = format!("x\n{}", "أب1".repeat(2000));
        let idx = LineIndex::new(&text);
        for (offset, _) in text.char_indices().step_by(97) {
            let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
            let column = text[line_start..offset].chars().count() + 1;
            let line = 1 + text[..offset].matches('\n').count();
            assert_eq!(idx.line_col(&text, offset), LineCol { line, column });
        }
    }

    #[test]
    fn line_range_strips_crlf() {
        let text = "a\r\nbc\r\n";
        let idx = LineIndex::new(text);
        assert_eq!(&text[idx.line_range(text, 0)], "a");
        assert_eq!(&text[idx.line_range(text, 1)], "bc");
        assert_eq!(&text[idx.line_range(text, 2)], "");
    }
}
