//! Extraction: one [`Document`] → one [`Article`] (body without boilerplate, plus
//! title, byline, dateline, publication date, outlet, wire agency, language).
//!
//! * [`text`]: raw plain-text page dumps (what a browser's "save as text" gives).
//! * [`html`]: HTML pages (main-content scoring on a parsed DOM, JSON-LD/OpenGraph metadata).
//! * [`meta`]: shared metadata helpers (dates, outlet and agency lists kept as data files).

use parallax_core::{Article, DocKind, Document};

pub mod html;
pub mod meta;
pub mod page_kind;
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

/// Longest headline kept, in characters (longer ones are cut at a word boundary with `…`).
pub const MAX_HEADLINE_CHARS: usize = 300;

/// Decodes entities left in a metadata value, collapses white space and caps its length.
pub fn cap_headline(t: &str) -> String {
    let t = parallax_core::entities::decode_entities(t);
    let t: String = t.split_whitespace().collect::<Vec<_>>().join(" ");
    if t.chars().count() <= MAX_HEADLINE_CHARS {
        return t;
    }
    let cut: String = t.chars().take(MAX_HEADLINE_CHARS).collect();
    let cut = match cut.rfind(' ') {
        Some(i) if i > MAX_HEADLINE_CHARS / 2 => &cut[..i],
        _ => cut.as_str(),
    };
    format!("{}…", cut.trim_end_matches([',', ';', ':', '-', ' ']))
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
    if let std::borrow::Cow::Owned(b) = parallax_core::text::unify_spaces(&article.body) {
        article.body = b;
    }
    article.title = article.title.take().map(|t| cap_headline(&t)).filter(|t| !t.is_empty());
    if article.language.is_none() {
        article.language = meta::detect_language(&article.body);
    }
    Ok(article)
}
