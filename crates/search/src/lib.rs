//! Full-text search over stored articles: the [`Search`] interface, with two backends chosen
//! with the store — a tantivy index beside a SQLite store ([`SearchIndex`], below) and
//! PostgreSQL full-text search inside a PostgreSQL store ([`PgSearch`], `pg.rs`).
//!
//! ## The tantivy index (BM25)
//!
//! The index is derived data: everything in it comes from a [`Store`], and
//! [`SearchIndex::rebuild`] recreates it from scratch. Each commit records the store
//! [generation](Store::generation) it reflects (the commit payload), so
//! [`SearchIndex::sync`] knows whether an incremental update is safe or a full rebuild is
//! needed (e.g. after a crash between the store commit and the index commit).
//!
//! Fields: `id` (content hash), `story`, `outlet` (tokenised, for the outlet filter),
//! `day` (publication date as `YYYYMMDD`, for date ranges), `title` and `body`
//! (English-stemmed, searched), plus stored `source`, `published` and `published_inferred`.
//!
//! A report without a date of its own is indexed with the date its story's analysis inferred
//! for it (the stored [`StoryReport`](parallax_core::report::StoryReport) keeps it per
//! source), marked `published_inferred`, so date filters keep it.

use std::collections::HashMap;
use std::ops::Bound;
use std::path::{Path, PathBuf};

pub use chrono::NaiveDate as Date;
use chrono::{Datelike, NaiveDate};
use parallax_store::{Store, StoredArticle};
use serde::{Deserialize, Serialize};
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, Occur, Query, QueryParser, RangeQuery, TermQuery};
use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions, Value,
};
use tantivy::snippet::SnippetGenerator;
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, Term};

/// Errors of the search index.
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    /// Tantivy failed.
    #[error("search index error: {0}")]
    Index(#[from] tantivy::TantivyError),
    /// The store failed while (re)building the index.
    #[error(transparent)]
    Store(#[from] parallax_store::StoreError),
    /// Filesystem error.
    #[error("search index directory {path}: {source}")]
    Io {
        /// The directory.
        path: String,
        /// The cause.
        source: std::io::Error,
    },
    /// The query is empty or unusable.
    #[error("bad query: {0}")]
    BadQuery(String),
}

/// Result alias.
pub type Result<T> = std::result::Result<T, SearchError>;

mod pg;
pub use pg::PgSearch;

/// A full-text search backend: one query contract, whatever the engine.
pub trait Search: Send + Sync {
    /// Runs a query.
    fn search(&self, q: &SearchQuery) -> Result<SearchResults>;
}

impl Search for SearchIndex {
    fn search(&self, q: &SearchQuery) -> Result<SearchResults> {
        SearchIndex::search(self, q)
    }
}

/// The index directory that belongs to a database file: `parallax.db` → `parallax.db.index/`.
pub fn index_dir_for(db: &Path) -> PathBuf {
    let mut s = db.as_os_str().to_os_string();
    s.push(".index");
    PathBuf::from(s)
}

/// A search request.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchQuery {
    /// Query text (tantivy syntax: words, "phrases", -exclusions; all words required).
    pub text: String,
    /// Only articles from outlets whose name contains these words.
    pub outlet: Option<String>,
    /// Only articles published on or after this date.
    pub since: Option<NaiveDate>,
    /// Only articles published on or before this date.
    pub until: Option<NaiveDate>,
    /// Only articles of this story.
    pub story: Option<String>,
    /// Maximum number of hits (default 20, at most 1000).
    pub limit: usize,
}

/// A highlighted excerpt: text plus byte ranges of the matched words.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Snippet {
    /// The excerpt (verbatim article text).
    pub text: String,
    /// Byte ranges in `text` to highlight.
    pub highlights: Vec<(usize, usize)>,
}

impl Snippet {
    /// The excerpt with each highlight wrapped in `open`/`close` (text not escaped).
    pub fn marked(&self, open: &str, close: &str) -> String {
        self.render(open, close, |s| s.to_string())
    }

    /// HTML: the excerpt escaped, highlights in `<mark>`.
    pub fn to_html(&self) -> String {
        self.render("<mark>", "</mark>", escape_html)
    }

    fn render(&self, open: &str, close: &str, esc: impl Fn(&str) -> String) -> String {
        let mut out = String::new();
        let mut at = 0;
        for &(s, e) in &self.highlights {
            if s < at || e > self.text.len() || !self.text.is_char_boundary(s) || !self.text.is_char_boundary(e) {
                continue;
            }
            out.push_str(&esc(&self.text[at..s]));
            out.push_str(open);
            out.push_str(&esc(&self.text[s..e]));
            out.push_str(close);
            at = e;
        }
        out.push_str(&esc(&self.text[at..]));
        out
    }
}

/// Escapes text for HTML element content and attribute values.
pub fn escape_html(t: &str) -> String {
    let mut o = String::with_capacity(t.len());
    for c in t.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            c => o.push(c),
        }
    }
    o
}

/// One search hit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Hit {
    /// Article id (content hash).
    pub id: String,
    /// Story id, when assigned.
    pub story_id: Option<String>,
    /// Source name.
    pub source: String,
    /// Headline.
    pub title: Option<String>,
    /// Outlet.
    pub outlet: Option<String>,
    /// Publication date (ISO).
    pub published: Option<String>,
    /// Whether `published` was inferred at story level (the report gives no date itself).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub published_inferred: bool,
    /// BM25 score.
    pub score: f32,
    /// Highlighted excerpt of the body.
    pub snippet: Snippet,
}

/// A hit's facts for a result line: outlet (else "unknown outlet"), date (marked when
/// inferred), and last the source name for reference.
pub fn hit_meta(h: &Hit) -> Vec<String> {
    let date = h.published.as_ref().map(|p| if h.published_inferred { format!("{p} (inferred)") } else { p.clone() });
    let outlet = h.outlet.clone().unwrap_or_else(|| "unknown outlet".into());
    [Some(outlet), date, Some(format!("file {}", h.source))].into_iter().flatten().collect()
}

/// Search results.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchResults {
    /// Hits, best first.
    pub hits: Vec<Hit>,
    /// Parts of the query that could not be parsed and were ignored.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
}

/// What [`SearchIndex::sync`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SyncOutcome {
    /// Nothing to do: the index was current.
    Current,
    /// Some articles were re-indexed.
    Incremental(usize),
    /// The index was rebuilt with this many articles.
    Rebuilt(usize),
}

#[derive(Debug, Clone, Copy)]
struct Fields {
    id: Field,
    story: Field,
    source: Field,
    outlet: Field,
    published: Field,
    published_inferred: Field,
    day: Field,
    title: Field,
    body: Field,
}

fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let stemmed = TextOptions::default()
        .set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer("en_stem")
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        )
        .set_stored();
    let plain = TextOptions::default()
        .set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer("default")
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        )
        .set_stored();
    let f = Fields {
        id: b.add_text_field("id", STRING | STORED),
        story: b.add_text_field("story", STRING | STORED),
        source: b.add_text_field("source", STORED),
        outlet: b.add_text_field("outlet", plain),
        published: b.add_text_field("published", STORED),
        published_inferred: b.add_bool_field("published_inferred", STORED),
        day: b.add_u64_field("day", INDEXED | FAST),
        title: b.add_text_field("title", stemmed.clone()),
        body: b.add_text_field("body", stemmed),
    };
    (b.build(), f)
}

fn day_number(d: NaiveDate) -> u64 {
    (d.year().max(0) as u64) * 10_000 + d.month() as u64 * 100 + d.day() as u64
}

/// A tantivy index of stored articles.
pub struct SearchIndex {
    index: Index,
    reader: IndexReader,
    f: Fields,
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SearchIndex")
    }
}

/// Writer heap budget.
const WRITER_HEAP: usize = 50_000_000;

impl SearchIndex {
    /// Opens the index in `dir`, creating it when missing. An unreadable index or one with
    /// another schema is wiped and recreated empty (it is derived data; [`sync`](Self::sync)
    /// then rebuilds it).
    pub fn open(dir: &Path) -> Result<Self> {
        let io = |source| SearchError::Io { path: dir.display().to_string(), source };
        std::fs::create_dir_all(dir).map_err(io)?;
        let (schema, f) = schema();
        let index = match Index::open_in_dir(dir) {
            Ok(ix) if ix.schema() == schema => ix,
            // Missing, unreadable or another schema: the files are unusable; start afresh.
            _ => {
                std::fs::remove_dir_all(dir).map_err(io)?;
                std::fs::create_dir_all(dir).map_err(io)?;
                Index::create_in_dir(dir, schema)?
            }
        };
        Self::from_index(index, f)
    }

    /// An in-memory index (tests).
    pub fn in_memory() -> Result<Self> {
        let (schema, f) = schema();
        Self::from_index(Index::create_in_ram(schema), f)
    }

    fn from_index(index: Index, f: Fields) -> Result<Self> {
        let reader = index.reader_builder().reload_policy(ReloadPolicy::OnCommitWithDelay).try_into()?;
        Ok(SearchIndex { index, reader, f })
    }

    /// The store generation the last commit reflects.
    pub fn indexed_generation(&self) -> Result<Option<u64>> {
        Ok(self.index.load_metas()?.payload.and_then(|p| p.parse().ok()))
    }

    /// Number of indexed articles.
    pub fn len(&self) -> usize {
        self.reader.searcher().num_docs() as usize
    }

    /// Whether the index is empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn writer(&self) -> Result<IndexWriter> {
        Ok(self.index.writer_with_num_threads(1, WRITER_HEAP)?)
    }

    fn doc(&self, a: &StoredArticle, inferred: &InferredDates) -> TantivyDocument {
        let f = &self.f;
        let mut d = TantivyDocument::new();
        d.add_text(f.id, &a.id);
        if let Some(s) = &a.story_id {
            d.add_text(f.story, s);
        }
        d.add_text(f.source, &a.article.source);
        if let Some(o) = &a.article.outlet {
            d.add_text(f.outlet, o);
        }
        let story_date = match (&a.article.published, &a.story_id) {
            (None, Some(sid)) => inferred.get(&(sid.clone(), a.article.source.clone())),
            _ => None,
        };
        if let Some(p) = a.article.published.as_ref().or(story_date) {
            d.add_text(f.published, p);
            d.add_bool(f.published_inferred, story_date.is_some());
            if let Some(day) = p.get(..10).and_then(|x| NaiveDate::parse_from_str(x, "%Y-%m-%d").ok()) {
                d.add_u64(f.day, day_number(day));
            }
        }
        if let Some(t) = &a.article.title {
            d.add_text(f.title, t);
        }
        d.add_text(f.body, &a.article.body);
        d
    }

    fn commit(&self, mut w: IndexWriter, generation: u64) -> Result<()> {
        let mut c = w.prepare_commit()?;
        c.set_payload(&generation.to_string());
        c.commit()?;
        w.wait_merging_threads()?;
        self.reader.reload()?;
        Ok(())
    }

    /// Rebuilds the whole index from the store. Returns the number of articles indexed.
    pub fn rebuild(&self, store: &dyn Store) -> Result<usize> {
        let generation = store.generation()?;
        let articles = store.articles()?;
        let w = self.writer()?;
        w.delete_all_documents()?;
        let inferred = inferred_dates(store, &articles)?;
        for a in &articles {
            w.add_document(self.doc(a, &inferred))?;
        }
        self.commit(w, generation)?;
        Ok(articles.len())
    }

    /// Brings the index up to the store's current generation. When the index reflects
    /// `base_generation` (the store generation before the caller's changes) and `changed`
    /// lists every article added or moved since, only those are re-indexed; otherwise the
    /// index is rebuilt.
    pub fn sync(&self, store: &dyn Store, base_generation: u64, changed: &[String]) -> Result<SyncOutcome> {
        let now = store.generation()?;
        let indexed = self.indexed_generation()?;
        if indexed == Some(now) {
            return Ok(SyncOutcome::Current);
        }
        if indexed != Some(base_generation) {
            return Ok(SyncOutcome::Rebuilt(self.rebuild(store)?));
        }
        let mut articles = Vec::with_capacity(changed.len());
        for id in changed {
            articles.push((id, store.article(id)?));
        }
        let found: Vec<StoredArticle> = articles.iter().filter_map(|(_, a)| a.clone()).collect();
        let inferred = inferred_dates(store, &found)?;
        let w = self.writer()?;
        let mut n = 0;
        for (id, a) in &articles {
            w.delete_term(Term::from_field_text(self.f.id, id));
            if let Some(a) = a {
                w.add_document(self.doc(a, &inferred))?;
                n += 1;
            }
        }
        self.commit(w, now)?;
        Ok(SyncOutcome::Incremental(n))
    }

    /// Runs a query.
    pub fn search(&self, q: &SearchQuery) -> Result<SearchResults> {
        let text = q.text.trim();
        if text.is_empty() {
            return Err(SearchError::BadQuery("empty query".into()));
        }
        let f = &self.f;
        let mut parser = QueryParser::for_index(&self.index, vec![f.title, f.body]);
        parser.set_conjunction_by_default();
        parser.set_field_boost(f.title, 2.0);
        let (main, errors) = parser.parse_query_lenient(text);
        let warnings: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, main.box_clone())];
        if let Some(outlet) = q.outlet.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            let mut terms = Vec::new();
            let mut tok = self.index.tokenizer_for_field(f.outlet)?;
            let mut stream = tok.token_stream(outlet);
            while let Some(t) = stream.next() {
                terms.push(t.text.clone());
            }
            if terms.is_empty() {
                return Err(SearchError::BadQuery(format!("outlet filter {outlet:?} has no words")));
            }
            for t in terms {
                clauses.push((
                    Occur::Must,
                    Box::new(TermQuery::new(Term::from_field_text(f.outlet, &t), IndexRecordOption::Basic)),
                ));
            }
        }
        if q.since.is_some() || q.until.is_some() {
            let lo = q.since.map_or(Bound::Unbounded, |d| Bound::Included(Term::from_field_u64(f.day, day_number(d))));
            let hi = q.until.map_or(Bound::Unbounded, |d| Bound::Included(Term::from_field_u64(f.day, day_number(d))));
            clauses.push((Occur::Must, Box::new(RangeQuery::new(lo, hi))));
        }
        if let Some(story) = q.story.as_deref().filter(|s| !s.is_empty()) {
            clauses.push((
                Occur::Must,
                Box::new(TermQuery::new(Term::from_field_text(f.story, story), IndexRecordOption::Basic)),
            ));
        }
        let query = BooleanQuery::new(clauses);
        let searcher = self.reader.searcher();
        let limit = if q.limit == 0 { 20 } else { q.limit.min(1000) };
        let top = searcher.search(&query, &TopDocs::with_limit(limit).order_by_score())?;
        let mut snippets = SnippetGenerator::create(&searcher, &*main, f.body)?;
        snippets.set_max_num_chars(240);
        let mut hits = Vec::with_capacity(top.len());
        for (score, addr) in top {
            let d: TantivyDocument = searcher.doc(addr)?;
            let get = |field: Field| d.get_first(field).and_then(|v| v.as_str().map(str::to_string));
            let body = get(f.body).unwrap_or_default();
            let sn = snippets.snippet(&body);
            let snippet = if sn.fragment().is_empty() {
                Snippet { text: head(&body, 240), highlights: vec![] }
            } else {
                Snippet {
                    text: sn.fragment().to_string(),
                    highlights: sn.highlighted().iter().map(|r| (r.start, r.end)).collect(),
                }
            };
            hits.push(Hit {
                id: get(f.id).unwrap_or_default(),
                story_id: get(f.story),
                source: get(f.source).unwrap_or_default(),
                title: get(f.title),
                outlet: get(f.outlet),
                published: get(f.published),
                published_inferred: d.get_first(f.published_inferred).and_then(|v| v.as_bool()).unwrap_or(false),
                score,
                snippet,
            });
        }
        Ok(SearchResults { hits, warnings })
    }
}

/// Publication dates inferred at story level, keyed by (story id, source name).
type InferredDates = HashMap<(String, String), String>;

/// The dates the stored story analyses give to those of `articles` that have no date of
/// their own (each needed story is read once).
fn inferred_dates(store: &dyn Store, articles: &[StoredArticle]) -> Result<InferredDates> {
    let mut stories: Vec<&str> =
        articles.iter().filter(|a| a.article.published.is_none()).filter_map(|a| a.story_id.as_deref()).collect();
    stories.sort_unstable();
    stories.dedup();
    let mut out = HashMap::new();
    for sid in stories {
        let Some(story) = store.story(sid)? else { continue };
        for (src, a) in story.report.articles {
            if let Some(p) = a.published {
                out.insert((sid.to_string(), src), p);
            }
        }
    }
    Ok(out)
}

/// The first `max` bytes of `s` (on a char boundary, at a word end when possible).
fn head(s: &str, max: usize) -> String {
    if s.len() <= max {
        return s.to_string();
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    let cut = s[..end].rfind(' ').filter(|&i| i > max / 2).unwrap_or(end);
    format!("{}…", &s[..cut])
}

/// Parses a `YYYY-MM-DD` date (for `--since`/`--until` and the API).
pub fn parse_date(s: &str) -> std::result::Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").map_err(|_| format!("expected a date YYYY-MM-DD, got {s:?}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippet_html_escapes_and_marks() {
        let s = Snippet { text: "a <b> Smith & co".into(), highlights: vec![(6, 11)] };
        assert_eq!(s.to_html(), "a &lt;b&gt; <mark>Smith</mark> &amp; co");
        assert_eq!(s.marked("[", "]"), "a <b> [Smith] & co");
        let bad = Snippet { text: "é".into(), highlights: vec![(1, 2), (0, 9)] };
        assert_eq!(bad.to_html(), "é");
    }

    #[test]
    fn head_cuts_on_char_boundary() {
        let s = "é".repeat(200);
        assert!(head(&s, 241).len() <= 244);
        assert_eq!(head("short", 10), "short");
    }
}
