//! Persistent storage: the [`Store`] trait, its SQLite backend ([`SqliteStore`], one file) and
//! its PostgreSQL backend ([`PgStore`], shared by many processes; it also holds the work queue,
//! [`pg::queue`]).
//!
//! What is stored:
//! * **articles**, keyed by [`Article::content_hash`]: inserting the same article twice adds
//!   nothing (the second insert reports [`Inserted::Duplicate`]). The whole article is kept as
//!   JSON plus normalised columns (source, title, outlet, published...) for listing.
//! * **stories**: the whole [`StoryReport`] as JSON, its member articles, and summary columns
//!   (headline, date, number of outlets, contradictions) for the story list.
//!
//! Story membership changes only through [`Store::apply_stories`], which replaces the
//! membership of the stories it names and deletes the stories it is told to, in one
//! transaction; each call bumps the store [`generation`](Store::generation), which derived
//! data (the search index) records to know whether it is current.
//!
//! Every backend must pass the [`conformance`] suite, written against `&dyn Store`.

use std::path::{Path, PathBuf};

use parallax_core::Article;
use parallax_core::report::StoryReport;
use serde::{Deserialize, Serialize};

pub mod conformance;
mod feeds;
pub mod pg;
mod sqlite;
#[doc(hidden)]
pub mod testing;

pub use feeds::{FeedState, FeedStore, Fetch, Stub};
pub use pg::{PgStore, is_postgres_url};
pub use sqlite::SqliteStore;

/// Environment variable naming the database file when `--db` is not given.
pub const DB_ENV: &str = "PARALLAX_DB";

/// Default database file (relative to the working directory) when neither `--db` nor
/// `$PARALLAX_DB` is given.
pub const DEFAULT_DB_FILE: &str = "parallax.db";

/// The database path to use: the explicit one, else `$PARALLAX_DB`, else `./parallax.db`.
pub fn resolve_db_path(explicit: Option<&Path>) -> PathBuf {
    if let Some(p) = explicit {
        return p.to_path_buf();
    }
    match std::env::var_os(DB_ENV) {
        Some(v) if !v.is_empty() => PathBuf::from(v),
        _ => PathBuf::from(DEFAULT_DB_FILE),
    }
}

/// Errors of a store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database could not be opened, read or written.
    #[error("database error: {0}")]
    Db(#[from] rusqlite::Error),
    /// A stored JSON document could not be (de)serialised.
    #[error("stored JSON is invalid: {0}")]
    Json(#[from] serde_json::Error),
    /// PostgreSQL refused or failed a statement.
    #[error("PostgreSQL error: {0}")]
    Pg(#[from] postgres::Error),
    /// No PostgreSQL connection could be had from the pool.
    #[error("PostgreSQL connection: {0}")]
    Pool(String),
    /// The database was written by a newer Parallax.
    #[error("database schema version {found} is newer than this program supports ({supported})")]
    TooNew {
        /// Version found in the file.
        found: i64,
        /// Highest version this build knows.
        supported: i64,
    },
    /// A request that makes no sense (e.g. a story member that is not stored).
    #[error("invalid request: {0}")]
    Invalid(String),
    /// Filesystem error around the database file.
    #[error("cannot open {path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// The cause.
        source: std::io::Error,
    },
}

/// Result alias.
pub type Result<T> = std::result::Result<T, StoreError>;

/// Outcome of inserting one article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum Inserted {
    /// New article.
    Added {
        /// Content hash (the article id).
        id: String,
    },
    /// An article with the same content hash was already stored (or earlier in this batch).
    Duplicate {
        /// Content hash (the article id).
        id: String,
        /// Source name under which it was first stored.
        first_source: String,
    },
}

impl Inserted {
    /// The article id.
    pub fn id(&self) -> &str {
        match self {
            Inserted::Added { id } | Inserted::Duplicate { id, .. } => id,
        }
    }
    /// Whether the article was new.
    pub fn is_added(&self) -> bool {
        matches!(self, Inserted::Added { .. })
    }
}

/// One stored article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredArticle {
    /// Content hash ([`Article::content_hash`]); the article id.
    pub id: String,
    /// Story the article belongs to, once stories have been computed.
    pub story_id: Option<String>,
    /// When it was stored (RFC 3339, UTC).
    pub added_at: String,
    /// The article.
    pub article: Article,
}

/// One row of the story list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StorySummary {
    /// Story id.
    pub id: String,
    /// Headline.
    pub headline: String,
    /// Story date (ISO), when known.
    pub date: Option<String>,
    /// Number of articles.
    pub article_count: usize,
    /// Number of distinct outlets (articles with no known outlet count once each).
    pub outlet_count: usize,
    /// Number of contradictions found.
    pub contradiction_count: usize,
    /// When the analysis was last computed (RFC 3339, UTC).
    pub updated_at: String,
}

/// One stored story.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredStory {
    /// List-row facts.
    pub summary: StorySummary,
    /// Member article ids, sorted.
    pub members: Vec<String>,
    /// The analysis.
    pub report: StoryReport,
}

/// A story to write: its id, its member article ids and its analysis.
#[derive(Debug, Clone, PartialEq)]
pub struct StoryWrite {
    /// Story id (must equal `report.story.id`).
    pub id: String,
    /// Member article ids.
    pub members: Vec<String>,
    /// The analysis.
    pub report: StoryReport,
}

/// A batch of story changes, applied atomically.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct StoryUpdate {
    /// Stories to insert or replace (membership replaced by `members`).
    pub upserts: Vec<StoryWrite>,
    /// Stories to delete (their articles become unassigned unless an upsert claims them).
    pub deletes: Vec<String>,
}

impl StoryUpdate {
    /// Whether the update changes nothing.
    pub fn is_empty(&self) -> bool {
        self.upserts.is_empty() && self.deletes.is_empty()
    }
}

/// Counts of what a store holds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoreStats {
    /// Articles.
    pub articles: usize,
    /// Stories.
    pub stories: usize,
    /// Articles not yet assigned to a story.
    pub unassigned: usize,
}

/// Held while stories are being reassigned (see [`Store::lock_stories`]); dropping it
/// releases the lock.
pub struct StoriesLock<'a> {
    _held: Option<Box<dyn Send + 'a>>,
}

impl<'a> StoriesLock<'a> {
    /// No lock (a backend used by one process at a time).
    pub fn none() -> Self {
        StoriesLock { _held: None }
    }
    /// A lock released when `guard` is dropped.
    pub fn held(guard: Box<dyn Send + 'a>) -> Self {
        StoriesLock { _held: Some(guard) }
    }
}

impl std::fmt::Debug for StoriesLock<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("StoriesLock")
    }
}

/// A persistent store of articles and story analyses.
///
/// Implementations are shared between threads (the server), so every method takes `&self`.
pub trait Store: Send + Sync {
    /// Inserts articles (one transaction per call); existing content hashes are duplicates.
    /// An article with a URL drops the [`Stub`] at that URL, if any (its text has arrived).
    fn insert_articles(&self, articles: &[Article]) -> Result<Vec<Inserted>>;
    /// One article by id (content hash).
    fn article(&self, id: &str) -> Result<Option<StoredArticle>>;
    /// All articles in insertion order.
    fn articles(&self) -> Result<Vec<StoredArticle>>;
    /// The story list, newest story date first (then headline, then id).
    fn stories(&self) -> Result<Vec<StorySummary>>;
    /// One story by id.
    fn story(&self, id: &str) -> Result<Option<StoredStory>>;
    /// One story serialised as JSON (the [`StoredStory`] shape). Backends that keep the report
    /// as JSON override this to skip a parse and re-serialisation (the API serves it as is).
    fn story_json(&self, id: &str) -> Result<Option<String>> {
        self.story(id)?.map(|s| serde_json::to_string(&s).map_err(StoreError::from)).transpose()
    }
    /// Applies story changes in one transaction and bumps the generation.
    fn apply_stories(&self, update: &StoryUpdate) -> Result<()>;
    /// A counter bumped by every change to articles or stories.
    fn generation(&self) -> Result<u64>;
    /// Counts.
    fn stats(&self) -> Result<StoreStats>;
    /// Serialises story assignment between processes sharing the store: the caller holds the
    /// returned guard while it reads articles, clusters them and writes the story update, so
    /// two processes never open two stories for one event. The default is no lock (SQLite is
    /// written by one process at a time).
    fn lock_stories(&self) -> Result<StoriesLock<'_>> {
        Ok(StoriesLock::none())
    }
    /// Runs the backend's own consistency check; `Ok(())` when it passes, otherwise the
    /// problems found.
    fn check_integrity(&self) -> Result<std::result::Result<(), String>>;
}

/// Number of distinct outlets among a report's articles (unknown outlets count once each).
pub fn outlet_count(report: &StoryReport) -> usize {
    let mut names = std::collections::BTreeSet::new();
    let mut unknown = 0;
    for (src, a) in &report.articles {
        match a.outlet.as_deref().map(str::trim).filter(|o| !o.is_empty()) {
            Some(o) => {
                names.insert(o.to_lowercase());
            }
            None => {
                let _ = src;
                unknown += 1;
            }
        }
    }
    names.len() + unknown
}

fn now_rfc3339() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}
