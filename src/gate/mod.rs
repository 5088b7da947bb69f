//! Gates: what a run does with its findings once the checks have made them.
//!
//! The pipeline stages (`source` → … → `check`) say what is inconsistent in the text; a gate
//! decides what of that a run acts on, so that factlint can fail a CI job only on what a change
//! introduced and can repair what is safe to repair. Gates read and return [`Diagnostic`]s and
//! never extract facts or print:
//!
//! - [`suppress`]: inline `factlint: ignore[…]` comments drop findings (and report the unused
//!   ones as `unused-suppression`);
//! - [`changed`]: `--changed-since REF` keeps findings on lines changed since a git revision;
//! - [`baseline`]: `--baseline FILE` drops findings a project has accepted for now;
//! - [`fix`]: `--diff` / `--fix` turn the safe fixes findings carry into new texts and diffs.
//!
//! The CLI applies them in that order, then hands what is left to a sink (`report`).
//!
//! [`Diagnostic`]: crate::diagnostic::Diagnostic

pub mod baseline;
pub mod changed;
pub mod fix;
pub mod suppress;
