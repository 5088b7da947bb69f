//! Mention extractors: time (with its calendar arithmetic); entities and numbers come later.
pub mod calendar;
pub mod time;
