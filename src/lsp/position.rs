//! Byte offsets ⇄ LSP positions (line, character) in the negotiated encoding.
//!
//! The engine's spans are UTF-8 byte offsets. An LSP `character` counts UTF-16 code units unless
//! client and server agreed on `utf-8` (bytes) or `utf-32` (Unicode scalar values) at
//! `initialize` ([`Encoding::negotiate`]). Arabic letters are one UTF-16 unit and two bytes, an
//! emoji is two UTF-16 units and four bytes, a combining mark (a haraka, an acute accent) is a
//! character of its own in every encoding: counting is exact as long as it is done per `char`,
//! which is what this module does. Lines end at `\n`, `\r\n` or a lone `\r`, as the protocol says.
//!
//! Not here: which text a position refers to (the server keeps the texts it analysed).

use lsp_types::{Position, PositionEncodingKind, Range};

/// How a position's `character` is counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16,
    Utf32,
}

impl Encoding {
    /// The first of the client's offered encodings that is UTF-8 or UTF-32 (cheaper for us, and
    /// what the client prefers first), else UTF-16, which every client must support.
    pub fn negotiate(offered: Option<&[PositionEncodingKind]>) -> Encoding {
        offered
            .unwrap_or_default()
            .iter()
            .find_map(|kind| match kind.as_str() {
                "utf-8" => Some(Encoding::Utf8),
                "utf-32" => Some(Encoding::Utf32),
                _ => None,
            })
            .unwrap_or(Encoding::Utf16)
    }

    pub fn kind(self) -> PositionEncodingKind {
        match self {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
            Encoding::Utf32 => PositionEncodingKind::UTF32,
        }
    }

    fn width(self, c: char) -> u32 {
        match self {
            Encoding::Utf8 => c.len_utf8() as u32,
            Encoding::Utf16 => c.len_utf16() as u32,
            Encoding::Utf32 => 1,
        }
    }
}

/// Line starts of one text, to convert positions in either direction.
#[derive(Debug, Clone)]
pub struct PositionIndex {
    /// Byte offset of the start of every line; the first is 0.
    starts: Vec<usize>,
    encoding: Encoding,
}

impl PositionIndex {
    pub fn new(text: &str, encoding: Encoding) -> Self {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        for (i, &b) in bytes.iter().enumerate() {
            let ends_line = b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n'));
            if ends_line {
                starts.push(i + 1);
            }
        }
        Self { starts, encoding }
    }

    /// The position of a byte offset (clamped to the text, moved back onto a char boundary).
    pub fn position(&self, text: &str, offset: usize) -> Position {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let character = text[self.starts[line]..offset]
            .chars()
            .map(|c| self.encoding.width(c))
            .sum();
        Position::new(line as u32, character)
    }

    pub fn range(&self, text: &str, start: usize, end: usize) -> Range {
        Range::new(self.position(text, start), self.position(text, end))
    }

    /// The byte offset of a position. A line past the end means the end of the text; a
    /// character past the end of its line means the end of the line (the protocol's rule); a
    /// character inside a char (half a surrogate pair, a byte inside a letter) means its start.
    pub fn offset(&self, text: &str, position: Position) -> usize {
        let Some(&start) = self.starts.get(position.line as usize) else {
            return text.len();
        };
        let end = self.line_end(text, position.line as usize);
        let mut counted = 0;
        for (at, c) in text[start..end].char_indices() {
            let width = self.encoding.width(c);
            if counted + width > position.character {
                return start + at;
            }
            counted += width;
        }
        end
    }

    /// End of a line's content, before its terminator.
    fn line_end(&self, text: &str, line: usize) -> usize {
        let next = self.starts.get(line + 1).copied().unwrap_or(text.len());
        let content = &text.as_bytes()[self.starts[line]..next];
        let terminator = if content.ends_with(b"\r\n") {
            2
        } else {
            usize::from(content.ends_with(b"\n") || content.ends_with(b"\r"))
        };
        next - terminator
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Arabic with harakat (combining marks), an emoji (two UTF-16 units), a ZWJ emoji sequence,
    /// e + combining acute, CRLF and a lone CR.
    const TEXT: &str = "وُلِدَ في 1815 😀\r\nAda 👩‍💻 Love\u{301}lace\rسطر 📜 ثالث\nend";

    /// The character of every char boundary, counted independently of the index.
    fn expected(text: &str, offset: usize, encoding: Encoding) -> Position {
        let before = &text[..offset];
        let line_start = before.rfind(['\n', '\r']).map_or(0, |i| i + 1);
        let line = before
            .char_indices()
            .filter(|&(i, c)| c == '\n' || (c == '\r' && !text[i + 1..].starts_with('\n')))
            .count();
        let part = &text[line_start..offset];
        let character = match encoding {
            Encoding::Utf8 => part.len(),
            Encoding::Utf16 => part.encode_utf16().count(),
            Encoding::Utf32 => part.chars().count(),
        };
        Position::new(line as u32, character as u32)
    }

    #[test]
    fn every_char_boundary_round_trips_in_every_encoding() {
        for encoding in [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32] {
            let index = PositionIndex::new(TEXT, encoding);
            for offset in (0..=TEXT.len()).filter(|&i| TEXT.is_char_boundary(i)) {
                // Between the CR and LF of a CRLF: not a place a client can name.
                if TEXT[..offset].ends_with('\r') && TEXT[offset..].starts_with('\n') {
                    continue;
                }
                let position = index.position(TEXT, offset);
                assert_eq!(
                    position,
                    expected(TEXT, offset, encoding),
                    "{encoding:?} {offset}"
                );
                assert_eq!(
                    index.offset(TEXT, position),
                    offset,
                    "{encoding:?} {position:?}"
                );
            }
        }
    }

    #[test]
    fn emoji_and_arabic_widths() {
        let text = "😀 شيتساي";
        let at = text.find('ش').expect("letter");
        let columns = |encoding| {
            PositionIndex::new(text, encoding)
                .position(text, at)
                .character
        };
        assert_eq!(columns(Encoding::Utf16), 3);
        assert_eq!(columns(Encoding::Utf8), 5);
        assert_eq!(columns(Encoding::Utf32), 2);
    }

    #[test]
    fn out_of_range_positions_clamp() {
        let text = "ab\r\nc😀d";
        let index = PositionIndex::new(text, Encoding::Utf16);
        assert_eq!(index.offset(text, Position::new(0, 99)), 2);
        assert_eq!(index.offset(text, Position::new(7, 0)), text.len());
        // Inside the surrogate pair of the emoji: its start.
        assert_eq!(
            index.offset(text, Position::new(1, 2)),
            text.find('😀').expect("emoji")
        );
        assert_eq!(index.position(text, 99), Position::new(1, 4));
    }

    #[test]
    fn negotiation_prefers_the_clients_first_cheap_encoding() {
        let kinds = |v: &[&'static str]| -> Vec<PositionEncodingKind> {
            v.iter().map(|&s| PositionEncodingKind::from(s)).collect()
        };
        assert_eq!(Encoding::negotiate(None), Encoding::Utf16);
        assert_eq!(
            Encoding::negotiate(Some(&kinds(&["utf-16", "utf-32", "utf-8"]))),
            Encoding::Utf32
        );
        assert_eq!(
            Encoding::negotiate(Some(&kinds(&["utf-8"]))),
            Encoding::Utf8
        );
        assert_eq!(
            Encoding::negotiate(Some(&kinds(&["utf-16"]))),
            Encoding::Utf16
        );
    }
}
