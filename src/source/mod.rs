pub mod prose;
