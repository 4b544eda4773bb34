//! Extraction from HTML pages.

use parallax_core::{Article, Document};

use crate::ExtractError;

/// Extracts an article from an HTML page.
pub fn extract_html(doc: &Document) -> Result<Article, ExtractError> {
    // Placeholder: visible text of <p> elements.
    let html = scraper::Html::parse_document(&doc.text);
    let sel = scraper::Selector::parse("p").map_err(|e| ExtractError::Markup(e.to_string()))?;
    let body = html
        .select(&sel)
        .map(|p| p.text().collect::<String>().split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n");
    Ok(Article { source: doc.source.clone(), url: doc.url.clone(), body, ..Default::default() })
}
