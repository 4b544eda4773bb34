//! Extraction from raw plain-text page dumps.

use parallax_core::{Article, Document};

use crate::ExtractError;

/// Extracts an article from a plain-text page dump.
pub fn extract_text(doc: &Document) -> Result<Article, ExtractError> {
    // Placeholder: every non-empty line is a paragraph.
    let body = doc.text.lines().map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join("\n\n");
    Ok(Article { source: doc.source.clone(), url: doc.url.clone(), body, ..Default::default() })
}
