//! One loaded document as the pipeline sees it: the original text, the prose-only view (non-prose
//! blanked out, offsets kept), its normalized matching key and its sentences.

use crate::extract::tokens::{Token, word_tokens};
use crate::normalize::{Normalized, normalize};
use crate::segment::{Abbreviations, sentences};
use crate::source::files::SourceText;
use crate::source::prose::{Format, mask_non_prose, prose_ranges};
use crate::span::Span;
use std::path::Path;

#[derive(Debug, Clone)]
pub struct Document {
    /// Path as shown in reports (`-` for standard input).
    pub path: String,
    /// The original text, exactly as read.
    pub text: String,
    /// Normalized key of the prose view (same byte offsets as `text` after mapping back).
    pub norm: Normalized,
    /// Sentences of the prose view, as spans of `text`.
    pub sentences: Vec<Span>,
    /// Word tokens of the normalized key, in order (names and entities both read them).
    pub tokens: Vec<Token>,
}

impl Document {
    /// `prose` is `text` with everything that is not prose replaced by spaces (same length, same
    /// newlines), so that every span found in it is a span of `text`.
    pub fn new(path: String, text: String, prose: &str, abbrev: &Abbreviations) -> Self {
        debug_assert_eq!(prose.len(), text.len(), "the prose view must keep offsets");
        let norm = normalize(prose);
        let sentences = sentences(prose, abbrev);
        let tokens = word_tokens(&norm);
        Self {
            path,
            text,
            norm,
            sentences,
            tokens,
        }
    }

    /// Read a source as its format says (Markdown: prose only; plain text: all but addresses).
    pub fn from_source(source: SourceText, abbrev: &Abbreviations) -> Self {
        let format = Format::from_path(Path::new(&source.path));
        let prose = mask_non_prose(&source.text, &prose_ranges(&source.text, format));
        Self::new(source.path, source.text, &prose, abbrev)
    }

    /// The original text under a span.
    pub fn quote(&self, span: Span) -> &str {
        &self.text[span.range()]
    }
}
