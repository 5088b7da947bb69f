//! factlint: a linter for facts in prose.
//!
//! Pipeline (one module per stage): [`source`] → [`normalize`] → [`segment`] → [`extract`] →
//! [`resolve`] → [`check`] → [`report`]. Between the checks and the sinks, the [`gate`] decides
//! what a run acts on (inline suppressions, changed lines, baseline) and applies fixes. Spans are
//! byte offsets into the original text at every step ([`span`]); only sinks turn them into lines
//! and character columns.

pub mod check;
pub mod cli;
pub mod compare;
pub mod diagnostic;
pub mod document;
pub mod engine;
pub mod extract;
pub mod facts;
pub mod frames;
pub mod gate;
pub mod lexicon;
pub mod lsp;
pub mod normalize;
pub mod relaxed;
pub mod report;
pub mod resolve;
pub mod rules;
pub mod segment;
pub mod sheet;
pub mod source;
pub mod span;
pub mod transliteration;
