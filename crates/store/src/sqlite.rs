//! The SQLite backend: one file, WAL journal, foreign keys on, versioned migrations
//! (`PRAGMA user_version`), every write in a transaction so a killed process leaves the
//! file consistent.

use std::path::Path;
use std::sync::{Mutex, MutexGuard};

use parallax_core::Article;
use rusqlite::{Connection, OptionalExtension, params};

use crate::{
    Inserted, Result, Store, StoreError, StoreStats, StoredArticle, StoredStory, StorySummary, StoryUpdate,
    now_rfc3339, outlet_count,
};

/// Schema migrations, in order; migration `i` brings the schema to version `i + 1`.
const MIGRATIONS: &[&str] = &[
    // v1: articles keyed by content hash, stories with their whole report, a generation counter.
    "CREATE TABLE stories (
        id TEXT PRIMARY KEY,
        headline TEXT NOT NULL,
        date TEXT,
        article_count INTEGER NOT NULL,
        outlet_count INTEGER NOT NULL,
        contradiction_count INTEGER NOT NULL,
        updated_at TEXT NOT NULL,
        report_json TEXT NOT NULL
    );
    CREATE TABLE articles (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        source TEXT NOT NULL,
        url TEXT,
        title TEXT,
        outlet TEXT,
        published TEXT,
        language TEXT,
        story_id TEXT REFERENCES stories(id) ON DELETE SET NULL,
        added_at TEXT NOT NULL,
        article_json TEXT NOT NULL
    );
    CREATE INDEX articles_story ON articles(story_id);
    CREATE INDEX stories_date ON stories(date);
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    INSERT INTO meta (key, value) VALUES ('generation', '0');",
    // v2: feed state and fetches (`FeedStore`, `parallax watch`).
    crate::feeds::MIGRATION_V2,
    // v3: stubs (feed items without text, waiting for their page) and articles by URL.
    crate::feeds::MIGRATION_V3,
];

/// The SQLite [`Store`].
pub struct SqliteStore {
    conn: Mutex<Connection>,
}

impl std::fmt::Debug for SqliteStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SqliteStore")
    }
}

impl SqliteStore {
    /// Opens (creating if needed) the database file and brings its schema up to date.
    pub fn open(path: &Path) -> Result<Self> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)
                .map_err(|source| StoreError::Io { path: dir.display().to_string(), source })?;
        }
        let conn = Connection::open(path)?;
        Self::init(conn, true)
    }

    /// An in-memory store (tests).
    pub fn open_in_memory() -> Result<Self> {
        Self::init(Connection::open_in_memory()?, false)
    }

    fn init(conn: Connection, wal: bool) -> Result<Self> {
        conn.busy_timeout(std::time::Duration::from_secs(10))?;
        if wal {
            let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
            if !mode.eq_ignore_ascii_case("wal") {
                return Err(StoreError::Invalid(format!("could not enable WAL journal (got {mode})")));
            }
            // In WAL mode NORMAL is safe against process crashes (not power loss).
            conn.pragma_update(None, "synchronous", "NORMAL")?;
        }
        conn.pragma_update(None, "foreign_keys", "ON")?;
        let mut store = SqliteStore { conn: Mutex::new(conn) };
        store.migrate()?;
        Ok(store)
    }

    /// Schema version of the file.
    pub fn schema_version(&self) -> Result<i64> {
        Ok(self.lock().query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }

    /// Highest schema version this build knows.
    pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

    fn migrate(&mut self) -> Result<()> {
        let conn = self.conn.get_mut().unwrap_or_else(|e| e.into_inner());
        loop {
            // IMMEDIATE: two processes opening a new file at once migrate one after the other.
            let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
            let current: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
            if current > Self::SCHEMA_VERSION {
                return Err(StoreError::TooNew { found: current, supported: Self::SCHEMA_VERSION });
            }
            let Some(sql) = MIGRATIONS.get(current as usize) else { return Ok(()) };
            tx.execute_batch(sql)?;
            tx.pragma_update(None, "user_version", current + 1)?;
            tx.commit()?;
        }
    }

    pub(crate) fn lock(&self) -> MutexGuard<'_, Connection> {
        self.conn.lock().unwrap_or_else(|e| e.into_inner())
    }
}

fn bump_generation(conn: &Connection) -> rusqlite::Result<()> {
    conn.execute("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'generation'", []).map(|_| ())
}

fn row_to_article(id: String, story_id: Option<String>, added_at: String, json: &str) -> Result<StoredArticle> {
    Ok(StoredArticle { id, story_id, added_at, article: serde_json::from_str(json)? })
}

fn row_to_summary(r: &rusqlite::Row<'_>) -> rusqlite::Result<StorySummary> {
    Ok(StorySummary {
        id: r.get(0)?,
        headline: r.get(1)?,
        date: r.get(2)?,
        article_count: r.get::<_, i64>(3)? as usize,
        outlet_count: r.get::<_, i64>(4)? as usize,
        contradiction_count: r.get::<_, i64>(5)? as usize,
        updated_at: r.get(6)?,
    })
}

const SUMMARY_COLS: &str = "id, headline, date, article_count, outlet_count, contradiction_count, updated_at";

impl Store for SqliteStore {
    fn insert_articles(&self, articles: &[Article]) -> Result<Vec<Inserted>> {
        let mut conn = self.lock();
        let tx = conn.transaction()?;
        let mut out = Vec::with_capacity(articles.len());
        let mut added = false;
        {
            let mut find = tx.prepare_cached("SELECT source FROM articles WHERE id = ?1")?;
            let mut filled = tx.prepare_cached("DELETE FROM stubs WHERE url = ?1")?;
            let mut insert = tx.prepare_cached(
                "INSERT INTO articles (id, source, url, title, outlet, published, language, added_at, article_json)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )?;
            let now = now_rfc3339();
            for a in articles {
                let id = a.content_hash();
                // The article fills the stub at its URL (a duplicate too: its text is stored).
                if let Some(url) = &a.url {
                    filled.execute([url])?;
                }
                if let Some(first_source) = find.query_row([&id], |r| r.get::<_, String>(0)).optional()? {
                    out.push(Inserted::Duplicate { id, first_source });
                    continue;
                }
                insert.execute(params![
                    id,
                    a.source,
                    a.url,
                    a.title,
                    a.outlet,
                    a.published,
                    a.language,
                    now,
                    serde_json::to_string(a)?
                ])?;
                added = true;
                out.push(Inserted::Added { id });
            }
        }
        if added {
            bump_generation(&tx)?;
        }
        tx.commit()?;
        Ok(out)
    }

    fn article(&self, id: &str) -> Result<Option<StoredArticle>> {
        let conn = self.lock();
        let row = conn
            .query_row("SELECT id, story_id, added_at, article_json FROM articles WHERE id = ?1", [id], |r| {
                Ok((r.get::<_, String>(0)?, r.get(1)?, r.get(2)?, r.get::<_, String>(3)?))
            })
            .optional()?;
        row.map(|(id, s, t, j)| row_to_article(id, s, t, &j)).transpose()
    }

    fn articles(&self) -> Result<Vec<StoredArticle>> {
        let conn = self.lock();
        let mut stmt = conn.prepare("SELECT id, story_id, added_at, article_json FROM articles ORDER BY seq")?;
        let rows =
            stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get(1)?, r.get(2)?, r.get::<_, String>(3)?)))?;
        let mut out = Vec::new();
        for row in rows {
            let (id, s, t, j) = row?;
            out.push(row_to_article(id, s, t, &j)?);
        }
        Ok(out)
    }

    fn stories(&self) -> Result<Vec<StorySummary>> {
        let conn = self.lock();
        let mut stmt = conn
            .prepare(&format!("SELECT {SUMMARY_COLS} FROM stories ORDER BY date IS NULL, date DESC, headline, id"))?;
        let rows = stmt.query_map([], row_to_summary)?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    fn story(&self, id: &str) -> Result<Option<StoredStory>> {
        let conn = self.lock();
        let row = conn
            .query_row(&format!("SELECT {SUMMARY_COLS}, report_json FROM stories WHERE id = ?1"), [id], |r| {
                Ok((row_to_summary(r)?, r.get::<_, String>(7)?))
            })
            .optional()?;
        let Some((summary, json)) = row else { return Ok(None) };
        let mut stmt = conn.prepare_cached("SELECT id FROM articles WHERE story_id = ?1 ORDER BY id")?;
        let members = stmt.query_map([id], |r| r.get::<_, String>(0))?.collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(Some(StoredStory { summary, members, report: serde_json::from_str(&json)? }))
    }

    fn story_json(&self, id: &str) -> Result<Option<String>> {
        let conn = self.lock();
        let row = conn
            .query_row(&format!("SELECT {SUMMARY_COLS}, report_json FROM stories WHERE id = ?1"), [id], |r| {
                Ok((row_to_summary(r)?, r.get::<_, String>(7)?))
            })
            .optional()?;
        let Some((summary, json)) = row else { return Ok(None) };
        let mut stmt = conn.prepare_cached("SELECT id FROM articles WHERE story_id = ?1 ORDER BY id")?;
        let members = stmt.query_map([id], |r| r.get::<_, String>(0))?.collect::<rusqlite::Result<Vec<_>>>()?;
        // `report_json` was written by serde_json from a StoryReport: splice it in unparsed.
        Ok(Some(format!(
            "{{\"summary\":{},\"members\":{},\"report\":{}}}",
            serde_json::to_string(&summary)?,
            serde_json::to_string(&members)?,
            json
        )))
    }

    fn apply_stories(&self, update: &StoryUpdate) -> Result<()> {
        let mut conn = self.lock();
        let tx = conn.transaction()?;
        for id in &update.deletes {
            tx.execute("UPDATE articles SET story_id = NULL WHERE story_id = ?1", [id])?;
            tx.execute("DELETE FROM stories WHERE id = ?1", [id])?;
        }
        for w in &update.upserts {
            if w.id != w.report.story.id {
                return Err(StoreError::Invalid(format!(
                    "story id {} differs from its report's id {}",
                    w.id, w.report.story.id
                )));
            }
            tx.execute("UPDATE articles SET story_id = NULL WHERE story_id = ?1", [&w.id])?;
        }
        let now = now_rfc3339();
        for w in &update.upserts {
            let r = &w.report;
            tx.execute(
                "INSERT INTO stories (id, headline, date, article_count, outlet_count, contradiction_count, updated_at, report_json)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
                 ON CONFLICT(id) DO UPDATE SET headline = excluded.headline, date = excluded.date,
                   article_count = excluded.article_count, outlet_count = excluded.outlet_count,
                   contradiction_count = excluded.contradiction_count, updated_at = excluded.updated_at,
                   report_json = excluded.report_json",
                params![
                    w.id,
                    r.story.headline,
                    r.story.date,
                    w.members.len() as i64,
                    outlet_count(r) as i64,
                    r.contradictions.len() as i64,
                    now,
                    serde_json::to_string(r)?
                ],
            )?;
            let mut set = tx.prepare_cached("UPDATE articles SET story_id = ?1 WHERE id = ?2")?;
            for m in &w.members {
                if set.execute([&w.id, m])? == 0 {
                    return Err(StoreError::Invalid(format!("story {} names unknown article {m}", w.id)));
                }
            }
        }
        if !update.is_empty() {
            bump_generation(&tx)?;
        }
        tx.commit()?;
        Ok(())
    }

    fn generation(&self) -> Result<u64> {
        let conn = self.lock();
        let v: String = conn.query_row("SELECT value FROM meta WHERE key = 'generation'", [], |r| r.get(0))?;
        v.parse().map_err(|_| StoreError::Invalid(format!("bad generation counter {v:?}")))
    }

    fn stats(&self) -> Result<StoreStats> {
        let conn = self.lock();
        let (articles, unassigned): (i64, i64) =
            conn.query_row("SELECT COUNT(*), COALESCE(SUM(story_id IS NULL), 0) FROM articles", [], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })?;
        let stories: i64 = conn.query_row("SELECT COUNT(*) FROM stories", [], |r| r.get(0))?;
        Ok(StoreStats { articles: articles as usize, stories: stories as usize, unassigned: unassigned as usize })
    }

    fn check_integrity(&self) -> Result<std::result::Result<(), String>> {
        let conn = self.lock();
        let mut problems = Vec::new();
        let mut stmt = conn.prepare("PRAGMA integrity_check")?;
        for row in stmt.query_map([], |r| r.get::<_, String>(0))? {
            let row = row?;
            if row != "ok" {
                problems.push(row);
            }
        }
        let mut stmt = conn.prepare("PRAGMA foreign_key_check")?;
        let fk = stmt.query_map([], |r| r.get::<_, String>(0))?.count();
        if fk > 0 {
            problems.push(format!("{fk} foreign key violation(s)"));
        }
        Ok(if problems.is_empty() { Ok(()) } else { Err(problems.join("; ")) })
    }
}
