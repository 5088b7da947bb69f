//! Sources: reading files, directories and standard input ([`files`]), and telling prose from
//! markup and code ([`prose`]).

pub mod files;
pub mod prose;
