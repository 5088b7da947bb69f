//! Mention extractors: name-like words ([`names`]) and time expressions ([`time`], with its
//! calendar arithmetic in [`calendar`]). Numbers with units come later.

pub mod calendar;
pub mod entities;
pub mod names;
pub mod time;
pub mod tokens;
