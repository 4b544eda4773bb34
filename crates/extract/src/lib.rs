//! Extraction: one [`Document`] → one [`Article`] (body without boilerplate, plus
//! title, byline, dateline, publication date, outlet, wire agency, language).
//!
//! * [`text`]: raw plain-text page dumps (what a browser's "save as text" gives).
//! * [`html`]: HTML pages (main-content scoring on a parsed DOM, JSON-LD/OpenGraph metadata).
//! * [`meta`]: shared metadata helpers (dates, outlet and agency lists kept as data files).

use parallax_core::{Article, DocKind, Document};

pub mod html;
pub mod meta;
pub mod text;

/// Why a document yielded no article.
#[derive(Debug, thiserror::Error)]
pub enum ExtractError {
    /// Nothing that looks like article text was found.
    #[error("no article text found")]
    NoContent,
    /// The markup could not be used.
    #[error("unusable markup: {0}")]
    Markup(String),
}

/// Extracts the article from a document, dispatching on its kind.
pub fn extract(doc: &Document) -> Result<Article, ExtractError> {
    let mut article = match doc.kind {
        DocKind::Text => text::extract_text(doc)?,
        DocKind::Html => html::extract_html(doc)?,
    };
    if article.body.trim().is_empty() {
        return Err(ExtractError::NoContent);
    }
    if article.language.is_none() {
        article.language = meta::detect_language(&article.body);
    }
    Ok(article)
}
