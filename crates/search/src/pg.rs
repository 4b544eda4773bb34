//! PostgreSQL full-text search: the same [`SearchQuery`] → [`SearchResults`] contract as the
//! tantivy index, over the `articles.search` column of a [`PgStore`] (a stored `tsvector`
//! generated from the title, weight A, and the body, weight B, with a GIN index). The column
//! is maintained by PostgreSQL in the transaction that stores the article, so this backend is
//! never stale and needs no rebuild.
//!
//! Query syntax as for tantivy: words (all required), `"a phrase"`, `-excluded` (PostgreSQL's
//! `websearch_to_tsquery`), and `title:word` (the word restricted to the title, weight A).
//! Ranking is `ts_rank_cd` with the title weighted twice the body; snippets come from
//! `ts_headline` on the body. A report without a date of its own is found and filtered under
//! the day its story's analysis inferred (the store keeps it in `articles.day` while
//! `published` stays empty), and its hit says `published_inferred`.

use parallax_store::PgStore;

use crate::{Hit, Result, Search, SearchError, SearchQuery, SearchResults, Snippet};

/// Highlight markers (control characters removed from the text before highlighting).
const OPEN: char = '\u{1}';
const CLOSE: char = '\u{2}';

/// Search over a PostgreSQL store.
#[derive(Debug, Clone)]
pub struct PgSearch {
    store: PgStore,
}

impl PgSearch {
    /// Search over `store`'s articles.
    pub fn new(store: PgStore) -> Self {
        PgSearch { store }
    }
}

/// The parts of a query: free text for `websearch_to_tsquery`, title-only words, warnings.
fn split_query(text: &str) -> (String, Vec<String>, Vec<String>) {
    let (mut rest, mut title, mut warnings) = (Vec::new(), Vec::new(), Vec::new());
    for tok in text.split_whitespace() {
        match tok.strip_prefix("title:") {
            Some(w) => {
                let word: String = w.chars().filter(|c| c.is_alphanumeric()).collect();
                if word.is_empty() {
                    warnings.push(format!("{tok:?}: no word after title:"));
                } else {
                    title.push(format!("{word}:A"));
                }
            }
            None => rest.push(tok),
        }
    }
    (rest.join(" "), title, warnings)
}

/// Splits `ts_headline` output into text and highlight byte ranges.
fn parse_headline(h: &str) -> Snippet {
    let mut text = String::with_capacity(h.len());
    let mut highlights = Vec::new();
    let mut start = None;
    for c in h.chars() {
        match c {
            OPEN => start = Some(text.len()),
            CLOSE => {
                if let Some(s) = start.take() {
                    highlights.push((s, text.len()));
                }
            }
            c => text.push(c),
        }
    }
    Snippet { text: text.trim().to_string(), highlights: shift_trimmed(h, highlights) }
}

/// Highlights were measured before leading white space was trimmed.
fn shift_trimmed(h: &str, hl: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
    let lead = h.len() - h.trim_start_matches(|c: char| c.is_whitespace()).len();
    hl.into_iter().filter(|&(s, _)| s >= lead).map(|(s, e)| (s - lead, e - lead)).collect()
}

impl Search for PgSearch {
    fn search(&self, q: &SearchQuery) -> Result<SearchResults> {
        let text = q.text.trim();
        if text.is_empty() {
            return Err(SearchError::BadQuery("empty query".into()));
        }
        let (free, title, warnings) = split_query(text);
        let mut params: Vec<Box<dyn postgres::types::ToSql + Sync>> = Vec::new();
        let mut arg = |v: Box<dyn postgres::types::ToSql + Sync>| {
            params.push(v);
            format!("${}", params.len())
        };
        let mut parts = Vec::new();
        if !free.is_empty() {
            parts.push(format!("websearch_to_tsquery('english', {})", arg(Box::new(free))));
        }
        if !title.is_empty() {
            parts.push(format!("to_tsquery('english', {})", arg(Box::new(title.join(" & ")))));
        }
        if parts.is_empty() {
            return Err(SearchError::BadQuery(format!("no words in {text:?}")));
        }
        let mut filters = vec!["a.search @@ q.q".to_string()];
        if let Some(outlet) = q.outlet.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            if !outlet.chars().any(char::is_alphanumeric) {
                return Err(SearchError::BadQuery(format!("outlet filter {outlet:?} has no words")));
            }
            filters.push(format!(
                "to_tsvector('simple', coalesce(a.outlet, '')) @@ plainto_tsquery('simple', {})",
                arg(Box::new(outlet.to_string()))
            ));
        }
        if let Some(d) = q.since {
            filters.push(format!("a.day >= {}", arg(Box::new(d.format("%Y-%m-%d").to_string()))));
        }
        if let Some(d) = q.until {
            filters.push(format!("a.day <= {}", arg(Box::new(d.format("%Y-%m-%d").to_string()))));
        }
        if let Some(story) = q.story.as_deref().filter(|s| !s.is_empty()) {
            filters.push(format!("a.story_id = {}", arg(Box::new(story.to_string()))));
        }
        let limit = if q.limit == 0 { 20 } else { q.limit.min(1000) } as i64;
        let limit = arg(Box::new(limit));
        let opts = arg(Box::new(format!("StartSel={OPEN}, StopSel={CLOSE}, MinWords=20, MaxWords=40, MaxFragments=1")));
        let sql = format!(
            "WITH q AS (SELECT {query} AS q),
             top AS (SELECT a.seq, ts_rank_cd('{{0.1, 0.2, 0.5, 1.0}}', a.search, q.q) AS score
                     FROM articles a, q WHERE {filters} ORDER BY score DESC, a.seq LIMIT {limit})
             SELECT a.id, a.story_id, a.source, a.title, a.outlet, coalesce(a.published, a.day),
                    a.published IS NULL AND a.day IS NOT NULL, top.score,
                    ts_headline('english', translate(left(a.body, 20000), E'\\x01\\x02', ''), q.q, {opts})
             FROM top JOIN articles a ON a.seq = top.seq, q ORDER BY top.score DESC, a.seq",
            query = parts.join(" && "),
            filters = filters.join(" AND "),
        );
        let refs: Vec<&(dyn postgres::types::ToSql + Sync)> = params.iter().map(|p| p.as_ref()).collect();
        let rows = self.store.conn()?.query(&sql, &refs).map_err(parallax_store::StoreError::from)?;
        let hits = rows
            .iter()
            .map(|r| Hit {
                id: r.get(0),
                story_id: r.get(1),
                source: r.get(2),
                title: r.get(3),
                outlet: r.get(4),
                published: r.get(5),
                published_inferred: r.get(6),
                score: r.get(7),
                snippet: parse_headline(r.get(8)),
            })
            .collect();
        Ok(SearchResults { hits, warnings })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_words_are_split_out_and_sanitised() {
        let (free, title, warn) = split_query("harbour \"big fire\" title:Port's -smoke title:!!");
        assert_eq!(free, "harbour \"big fire\" -smoke");
        assert_eq!(title, ["Ports:A"]);
        assert_eq!(warn.len(), 1);
    }

    #[test]
    fn headline_markers_become_byte_ranges() {
        let s = parse_headline("  the \u{1}Größe\u{2} of \u{1}it\u{2}");
        assert_eq!(s.text, "the Größe of it");
        assert_eq!(s.marked("[", "]"), "the [Größe] of [it]");
    }
}
