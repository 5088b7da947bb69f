//! factlint: a linter for facts in prose.
//!
//! Pipeline (one module per stage): [`source`] → [`normalize`] → [`segment`] → [`extract`] →
//! [`check`] → [`report`]. Spans are byte offsets into the original text at every step
//! ([`span`]); only sinks turn them into lines and character columns.

pub mod extract;
pub mod normalize;
pub mod span;
