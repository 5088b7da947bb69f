//! factlint: a linter for facts in prose.
//!
//! Pipeline (one module per stage): [`source`] → [`normalize`] → [`segment`] → [`extract`] →
//! [`resolve`] → [`check`] → [`report`]. Spans are byte offsets into the original text at every
//! step ([`span`]); only sinks turn them into lines and character columns.

pub mod baseline;
pub mod changed;
pub mod check;
pub mod cli;
pub mod diagnostic;
pub mod document;
pub mod engine;
pub mod extract;
pub mod facts;
pub mod fix;
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
pub mod suppress;
