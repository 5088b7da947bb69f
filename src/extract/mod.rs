//! Mention extractors: name-like words ([`names`]) and time expressions ([`time`], with its
//! calendar arithmetic in [`calendar`]). Numbers with units come later.

pub mod calendar;
pub mod names;
pub mod time;
