//! # translation-mismatch
//!
//! ## What it does
//! Compares a text with its translation (`factlint compare SOURCE TRANSLATION`, or the
//! `[[translation]]` tables of `factlint.toml` during `factlint check`) and reports every year,
//! date, month or number that the two versions state differently, labelled in both files, with
//! the source's value as the fix.
//!
//! ## Why is this bad?
//! A fact copied wrong is the commonest translation error that QA tools miss: they compare digit
//! strings per segment, so «مع نهاية عام ١٩٤٩» and "late 1949" look different and «1952» for
//! "1949" in a re-split paragraph goes unseen. factlint compares values: Arabic-Indic digits,
//! Hijri and Gregorian dates, month families, decades and scale words are read as what they
//! mean.
//!
//! ## Example
//! ```text
//! source.md:      The army took control of Xinjiang in late 1949.
//! translation.md: سيطر الجيش على شينجيانغ مع نهاية عام ١٩٥٢.
//! ```
//! is reported: the translation gives the year as «مع نهاية عام ١٩٥٢», the source as «late 1949»; the fix
//! writes «١٩٤٩».
//!
//! ## Not flagged
//! Values that agree as values ("1949" and «مع نهاية عام ١٩٤٩», "three" and «3», "2.5 million"
//! and «2٫5 مليون»), a value repeated in one version only, values present in one version only
//! (reported as notes with `--report-missing`), and values too far apart in size or place to be
//! one value translated wrong.
//!
//! The check needs a pair of texts: in a plain `factlint check` without `[[translation]]` tables
//! it finds nothing.

use super::{Analysis, Check};
use crate::diagnostic::{Diagnostic, Severity};

pub struct TranslationMismatch;

impl Check for TranslationMismatch {
    fn code(&self) -> &'static str {
        crate::compare::CODE
    }

    fn documentation(&self) -> &'static str {
        include_str!("translation_mismatch.rs")
    }

    fn severity(&self) -> Severity {
        Severity::Error
    }

    /// Pairs of texts are compared by [`crate::compare`]; the fact table of a run has none.
    fn run(&self, _analysis: &Analysis<'_>) -> Vec<Diagnostic> {
        Vec::new()
    }
}
