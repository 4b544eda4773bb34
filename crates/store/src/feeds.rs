//! Feed state for `parallax watch`, kept beside the articles: each feed's validators, last
//! poll, failures and next allowed poll, one row per fetch (a feed item handled, or a URL
//! given to `ingest`) with the article it produced and when it was fetched, and the
//! [`Stub`]s: feed items with a title and link but no text, waiting for a fetch of their page.
//!
//! Kept apart from [`Store`](crate::Store) so that a backend can hold articles without feeds;
//! both [`SqliteStore`] (schema version 2, stubs from version 3) and [`PgStore`](crate::PgStore)
//! implement it, and both run the feed checks of the [`conformance`](crate::conformance) suite.
//!
//! Stubs are not articles: they never enter stories, clustering or the search index. A stub
//! is dropped when an article with the same URL is stored ([`Store::insert_articles`](crate::Store::insert_articles)),
//! and a stub whose URL already has an article is not recorded.

use std::collections::BTreeSet;

use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};

use crate::{Result, SqliteStore, now_rfc3339};

/// Schema v2 of the SQLite backend.
pub(crate) const MIGRATION_V2: &str = "CREATE TABLE feeds (
        url TEXT PRIMARY KEY,
        title TEXT,
        etag TEXT,
        last_modified TEXT,
        added_at TEXT NOT NULL,
        last_poll_at TEXT,
        last_ok_at TEXT,
        last_status TEXT,
        last_error TEXT,
        failures INTEGER NOT NULL DEFAULT 0,
        next_poll_at TEXT
    );
    CREATE TABLE fetches (
        seq INTEGER PRIMARY KEY,
        url TEXT,
        fetched_at TEXT NOT NULL,
        feed_url TEXT,
        item_key TEXT,
        article_id TEXT,
        via TEXT NOT NULL,
        UNIQUE (feed_url, item_key)
    );
    CREATE INDEX fetches_article ON fetches(article_id);";

/// Schema v3 of the SQLite backend: stubs, and the index that finds an article by URL.
pub(crate) const MIGRATION_V3: &str = "CREATE TABLE stubs (
        seq INTEGER PRIMARY KEY,
        url TEXT NOT NULL UNIQUE,
        source TEXT NOT NULL,
        title TEXT,
        byline TEXT,
        outlet TEXT,
        published TEXT,
        added_at TEXT NOT NULL
    );
    CREATE INDEX articles_url ON articles(url);";

/// A feed item with a title and link but no text, kept until its page is fetched (see the
/// module documentation).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stub {
    /// The item's link (the key): an article stored with this URL replaces the stub.
    pub url: String,
    /// Where the item was read (`FILE#N` or the feed URL).
    pub source: String,
    /// The item's title.
    pub title: Option<String>,
    /// The item's authors.
    pub byline: Option<String>,
    /// The feed's title.
    pub outlet: Option<String>,
    /// The item's date (RFC 3339), when it gives one.
    pub published: Option<String>,
    /// When it was stored (RFC 3339, UTC; set by the store).
    pub added_at: String,
}

/// The state of one feed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedState {
    /// Feed URL (the key).
    pub url: String,
    /// Feed title, from its last successful poll.
    pub title: Option<String>,
    /// `ETag` of the last successful poll.
    pub etag: Option<String>,
    /// `Last-Modified` of the last successful poll.
    pub last_modified: Option<String>,
    /// When the feed was first listed (RFC 3339, UTC).
    pub added_at: String,
    /// Last poll, successful or not.
    pub last_poll_at: Option<String>,
    /// Last successful poll.
    pub last_ok_at: Option<String>,
    /// Outcome of the last poll: `ok`, `not_modified`, or `error`.
    pub last_status: Option<String>,
    /// Why the last poll failed.
    pub last_error: Option<String>,
    /// Consecutive failed polls.
    pub failures: u32,
    /// Not polled before this time (backoff, `Retry-After`, `Cache-Control`).
    pub next_poll_at: Option<String>,
    /// Articles this feed produced (read-only; counted from the fetches).
    pub articles: usize,
}

/// One fetch: a feed item handled, or a URL given to `ingest`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fetch {
    /// The page URL (the item's link), when there is one.
    pub url: Option<String>,
    /// When it was fetched (RFC 3339, UTC).
    pub fetched_at: String,
    /// The feed it came from.
    pub feed_url: Option<String>,
    /// The item's key within the feed.
    pub item_key: Option<String>,
    /// The article it produced (content hash), if any.
    pub article_id: Option<String>,
    /// `page`, `feed: REASON` (the item's own content, because of REASON) or `failed: REASON`.
    pub via: String,
}

/// Feed state storage (see the module documentation).
pub trait FeedStore: Send + Sync {
    /// Lists feeds (already listed ones keep their state).
    fn add_feeds(&self, urls: &[String]) -> Result<()>;
    /// Every feed, by URL.
    fn feeds(&self) -> Result<Vec<FeedState>>;
    /// One feed.
    fn feed(&self, url: &str) -> Result<Option<FeedState>>;
    /// Writes a feed's state (all columns but `added_at`).
    fn save_feed(&self, state: &FeedState) -> Result<()>;
    /// Keys of the items of a feed already handled.
    fn seen_items(&self, feed_url: &str) -> Result<BTreeSet<String>>;
    /// Records fetches in one transaction (an item already recorded is left as it was).
    fn record_fetches(&self, fetches: &[Fetch]) -> Result<()>;
    /// The fetches that produced an article.
    fn article_fetches(&self, article_id: &str) -> Result<Vec<Fetch>>;
    /// Records stubs in one transaction; a stub whose URL is already a stub or a stored
    /// article's URL is left out. Returns how many were recorded.
    fn record_stubs(&self, stubs: &[Stub]) -> Result<usize>;
    /// Every stub still waiting for its text, oldest first.
    fn stubs(&self) -> Result<Vec<Stub>>;
    /// How many stubs are waiting for their text (what [`stubs`](Self::stubs) would list).
    fn stub_count(&self) -> Result<usize>;
}

const STUB_COLS: &str = "url, source, title, byline, outlet, published, added_at";

const FEED_COLS: &str = "url, title, etag, last_modified, added_at, last_poll_at, last_ok_at, last_status, last_error,
    failures, next_poll_at, (SELECT COUNT(DISTINCT article_id) FROM fetches f WHERE f.feed_url = feeds.url)";

fn row_to_feed(r: &rusqlite::Row<'_>) -> rusqlite::Result<FeedState> {
    Ok(FeedState {
        url: r.get(0)?,
        title: r.get(1)?,
        etag: r.get(2)?,
        last_modified: r.get(3)?,
        added_at: r.get(4)?,
        last_poll_at: r.get(5)?,
        last_ok_at: r.get(6)?,
        last_status: r.get(7)?,
        last_error: r.get(8)?,
        failures: r.get::<_, i64>(9)? as u32,
        next_poll_at: r.get(10)?,
        articles: r.get::<_, i64>(11)? as usize,
    })
}

impl FeedStore for SqliteStore {
    fn add_feeds(&self, urls: &[String]) -> Result<()> {
        let mut conn = self.lock();
        let tx = conn.transaction()?;
        let now = now_rfc3339();
        for u in urls {
            tx.execute("INSERT OR IGNORE INTO feeds (url, added_at) VALUES (?1, ?2)", params![u, now])?;
        }
        tx.commit()?;
        Ok(())
    }

    fn feeds(&self) -> Result<Vec<FeedState>> {
        let conn = self.lock();
        let mut stmt = conn.prepare(&format!("SELECT {FEED_COLS} FROM feeds ORDER BY url"))?;
        let rows = stmt.query_map([], row_to_feed)?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    fn feed(&self, url: &str) -> Result<Option<FeedState>> {
        let conn = self.lock();
        Ok(conn.query_row(&format!("SELECT {FEED_COLS} FROM feeds WHERE url = ?1"), [url], row_to_feed).optional()?)
    }

    fn save_feed(&self, s: &FeedState) -> Result<()> {
        let conn = self.lock();
        conn.execute(
            "INSERT INTO feeds (url, title, etag, last_modified, added_at, last_poll_at, last_ok_at, last_status,
               last_error, failures, next_poll_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
             ON CONFLICT(url) DO UPDATE SET title = excluded.title, etag = excluded.etag,
               last_modified = excluded.last_modified, last_poll_at = excluded.last_poll_at,
               last_ok_at = excluded.last_ok_at, last_status = excluded.last_status,
               last_error = excluded.last_error, failures = excluded.failures, next_poll_at = excluded.next_poll_at",
            params![
                s.url,
                s.title,
                s.etag,
                s.last_modified,
                if s.added_at.is_empty() { now_rfc3339() } else { s.added_at.clone() },
                s.last_poll_at,
                s.last_ok_at,
                s.last_status,
                s.last_error,
                s.failures as i64,
                s.next_poll_at
            ],
        )?;
        Ok(())
    }

    fn seen_items(&self, feed_url: &str) -> Result<BTreeSet<String>> {
        let conn = self.lock();
        let mut stmt =
            conn.prepare_cached("SELECT item_key FROM fetches WHERE feed_url = ?1 AND item_key IS NOT NULL")?;
        let rows = stmt.query_map([feed_url], |r| r.get::<_, String>(0))?;
        Ok(rows.collect::<rusqlite::Result<BTreeSet<_>>>()?)
    }

    fn record_fetches(&self, fetches: &[Fetch]) -> Result<()> {
        let mut conn = self.lock();
        let tx = conn.transaction()?;
        {
            let mut ins = tx.prepare_cached(
                "INSERT OR IGNORE INTO fetches (url, fetched_at, feed_url, item_key, article_id, via)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?;
            for f in fetches {
                ins.execute(params![f.url, f.fetched_at, f.feed_url, f.item_key, f.article_id, f.via])?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    fn article_fetches(&self, article_id: &str) -> Result<Vec<Fetch>> {
        let conn = self.lock();
        let mut stmt = conn.prepare_cached(
            "SELECT url, fetched_at, feed_url, item_key, article_id, via FROM fetches WHERE article_id = ?1 ORDER BY seq",
        )?;
        let rows = stmt.query_map([article_id], |r| {
            Ok(Fetch {
                url: r.get(0)?,
                fetched_at: r.get(1)?,
                feed_url: r.get(2)?,
                item_key: r.get(3)?,
                article_id: r.get(4)?,
                via: r.get(5)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    fn record_stubs(&self, stubs: &[Stub]) -> Result<usize> {
        let mut conn = self.lock();
        let tx = conn.transaction()?;
        let mut n = 0;
        {
            let mut ins = tx.prepare_cached(&format!(
                "INSERT OR IGNORE INTO stubs ({STUB_COLS}) SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7
                 WHERE NOT EXISTS (SELECT 1 FROM articles WHERE url = ?1)"
            ))?;
            let now = now_rfc3339();
            for s in stubs {
                n += ins.execute(params![s.url, s.source, s.title, s.byline, s.outlet, s.published, now])?;
            }
        }
        tx.commit()?;
        Ok(n)
    }

    fn stub_count(&self) -> Result<usize> {
        let n: i64 = self.lock().query_row("SELECT COUNT(*) FROM stubs", [], |r| r.get(0))?;
        Ok(n as usize)
    }

    fn stubs(&self) -> Result<Vec<Stub>> {
        let conn = self.lock();
        let mut stmt = conn.prepare(&format!("SELECT {STUB_COLS} FROM stubs ORDER BY seq"))?;
        let rows = stmt.query_map([], |r| {
            Ok(Stub {
                url: r.get(0)?,
                source: r.get(1)?,
                title: r.get(2)?,
                byline: r.get(3)?,
                outlet: r.get(4)?,
                published: r.get(5)?,
                added_at: r.get(6)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }
}
