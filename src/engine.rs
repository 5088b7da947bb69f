//! One run: documents in, sorted diagnostics out.
//!
//! Per-document work (normalization, segmentation, mention extraction) runs in parallel with
//! rayon; checks then read all documents together so that cross-document findings are possible.
//! The result is sorted, so it is identical whatever the file order or thread count.

use crate::check::{Analysis, CHECKS};
use crate::diagnostic::{Diagnostic, sort};
use crate::document::Document;
use crate::extract::names::{NameMention, name_mentions};
use crate::lexicon::{Lexicon, TableError};
use crate::segment::Abbreviations;
use rayon::prelude::*;

/// Compiled tables shared by every file of a run.
#[derive(Debug)]
pub struct Engine {
    pub lexicon: Lexicon,
    pub abbreviations: Abbreviations,
}

/// Which checks to run.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    /// Codes to skip.
    pub disabled: Vec<String>,
}

impl Engine {
    pub fn new() -> Result<Self, TableError> {
        let lexicon = Lexicon::shipped()?;
        let abbreviations = Abbreviations::new(lexicon.en.abbreviations.clone());
        Ok(Self {
            lexicon,
            abbreviations,
        })
    }

    /// Run every selected check over the documents.
    pub fn check(&self, documents: &[Document], selection: &Selection) -> Vec<Diagnostic> {
        let names: Vec<Vec<NameMention>> = documents
            .par_iter()
            .map(|d| name_mentions(d, &self.lexicon))
            .collect();
        let analysis = Analysis {
            documents,
            names: &names,
            lexicon: &self.lexicon,
        };
        let mut out: Vec<Diagnostic> = CHECKS
            .par_iter()
            .filter(|c| !selection.disabled.iter().any(|d| d == c.code()))
            .flat_map(|c| c.run(&analysis))
            .collect();
        sort(&mut out);
        out
    }
}
