//! The PostgreSQL backend: a pool of connections (`postgres` — the synchronous face of
//! tokio-postgres 0.7 — pooled by r2d2), versioned migrations applied under an advisory lock,
//! every write in a transaction. The same database holds the work queue ([`queue`]) and the
//! full-text search column (`articles.search`, a `tsvector` with a GIN index, read by
//! `parallax-search`).
//!
//! Many processes may share one database: article inserts are idempotent per content hash
//! (`ON CONFLICT DO NOTHING`), and story assignment is serialised between processes by
//! [`Store::lock_stories`] (a session advisory lock, released by the server if the process dies).
//!
//! The URL is a libpq-style `postgres://user[:password]@host[:port]/dbname[?options]`; the
//! tables live in the first schema of the connection's `search_path` (`public` by default;
//! `?options=-csearch_path%3Dname` picks another), so one database can hold several stores.

use std::time::Duration;

use parallax_core::Article;
use postgres::{NoTls, Transaction};
use r2d2_postgres::PostgresConnectionManager;

use crate::{
    Inserted, Result, Store, StoreError, StoreStats, StoredArticle, StoredStory, StoriesLock, StorySummary,
    StoryUpdate, now_rfc3339, outlet_count,
};

mod feeds;
pub mod queue;

type Pool = r2d2::Pool<PostgresConnectionManager<NoTls>>;
/// A pooled connection.
pub type PgConn = r2d2::PooledConnection<PostgresConnectionManager<NoTls>>;

/// Schema migrations, in order; migration `i` brings the schema to version `i + 1`.
/// Text columns that are sorted on use the "C" collation so orders match the SQLite backend.
const MIGRATIONS: &[&str] = &[
    // v1: articles (with the full-text column), stories, the generation counter, the job queue.
    r#"CREATE TABLE stories (
        id TEXT COLLATE "C" PRIMARY KEY,
        headline TEXT COLLATE "C" NOT NULL,
        date TEXT COLLATE "C",
        article_count BIGINT NOT NULL,
        outlet_count BIGINT NOT NULL,
        contradiction_count BIGINT NOT NULL,
        updated_at TEXT NOT NULL,
        report_json TEXT NOT NULL
    );
    CREATE TABLE articles (
        seq BIGSERIAL PRIMARY KEY,
        id TEXT COLLATE "C" NOT NULL UNIQUE,
        source TEXT NOT NULL,
        url TEXT,
        title TEXT,
        outlet TEXT,
        published TEXT,
        day TEXT COLLATE "C",
        language TEXT,
        story_id TEXT COLLATE "C" REFERENCES stories(id) ON DELETE SET NULL,
        added_at TEXT NOT NULL,
        body TEXT NOT NULL,
        article_json TEXT NOT NULL,
        search TSVECTOR GENERATED ALWAYS AS (
            setweight(to_tsvector('english', coalesce(title, '')), 'A')
            || setweight(to_tsvector('english', left(body, 200000)), 'B')) STORED
    );
    CREATE INDEX articles_story ON articles (story_id);
    CREATE INDEX articles_search ON articles USING GIN (search);
    CREATE INDEX articles_day ON articles (day);
    CREATE INDEX stories_date ON stories (date);
    CREATE SEQUENCE parallax_generation;
    CREATE TABLE jobs (
        id BIGSERIAL PRIMARY KEY,
        doc_hash TEXT NOT NULL UNIQUE,
        source TEXT NOT NULL,
        document_json TEXT NOT NULL,
        state TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'done', 'skipped', 'failed')),
        attempts INTEGER NOT NULL DEFAULT 0,
        leased_by TEXT,
        lease_until TIMESTAMPTZ,
        article_id TEXT,
        error TEXT,
        enqueued_at TIMESTAMPTZ NOT NULL DEFAULT now(),
        finished_at TIMESTAMPTZ
    );
    CREATE INDEX jobs_queued ON jobs (id) WHERE state = 'queued';"#,
    // v2: feed state and fetches (`FeedStore`, `parallax watch`), as in the SQLite schema v2.
    r#"CREATE TABLE feeds (
        url TEXT COLLATE "C" PRIMARY KEY,
        title TEXT,
        etag TEXT,
        last_modified TEXT,
        added_at TEXT NOT NULL,
        last_poll_at TEXT,
        last_ok_at TEXT,
        last_status TEXT,
        last_error TEXT,
        failures BIGINT NOT NULL DEFAULT 0,
        next_poll_at TEXT
    );
    CREATE TABLE fetches (
        seq BIGSERIAL PRIMARY KEY,
        url TEXT,
        fetched_at TEXT NOT NULL,
        feed_url TEXT,
        item_key TEXT,
        article_id TEXT,
        via TEXT NOT NULL,
        UNIQUE (feed_url, item_key)
    );
    CREATE INDEX fetches_article ON fetches (article_id);"#,
    // v3: stubs (feed items without text, waiting for their page) and articles by URL, as in
    // the SQLite schema v3.
    r#"CREATE TABLE stubs (
        seq BIGSERIAL PRIMARY KEY,
        url TEXT NOT NULL UNIQUE,
        source TEXT NOT NULL,
        title TEXT,
        byline TEXT,
        outlet TEXT,
        published TEXT,
        added_at TEXT NOT NULL
    );
    CREATE INDEX articles_url ON articles (url);"#,
];

/// Advisory-lock class of migrations (the second key is the schema's hash).
const LOCK_MIGRATE: i32 = 0x5058_0001;
/// Advisory-lock class of story assignment.
const LOCK_STORIES: i32 = 0x5058_0002;

/// Whether a `--db` value names a PostgreSQL database rather than a file.
pub fn is_postgres_url(s: &str) -> bool {
    let l = s.trim_start().to_ascii_lowercase();
    l.starts_with("postgres://") || l.starts_with("postgresql://")
}

/// The URL with its password replaced by `***` (for messages).
pub fn redact_url(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else { return url.to_string() };
    let (auth, host) = match rest.rsplit_once('@') {
        Some((a, h)) => (a, h),
        None => return url.to_string(),
    };
    match auth.split_once(':') {
        Some((user, _)) => format!("{scheme}://{user}:***@{host}"),
        None => url.to_string(),
    }
}

/// The PostgreSQL [`Store`] (cheap to clone: clones share the pool).
#[derive(Clone)]
pub struct PgStore {
    pool: Pool,
}

impl std::fmt::Debug for PgStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PgStore")
    }
}

fn pool_err(e: r2d2::Error) -> StoreError {
    StoreError::Pool(e.to_string())
}

impl PgStore {
    /// Highest schema version this build knows.
    pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

    /// Connects (pool of at most `max_connections`) and brings the schema up to date.
    pub fn open(url: &str, max_connections: u32) -> Result<Self> {
        let config: postgres::Config =
            url.parse().map_err(|e| StoreError::Invalid(format!("bad PostgreSQL URL: {e}")))?;
        // One direct connection first: an unreachable server is reported at once, not after
        // the pool's timeout.
        let mut client = config.connect(NoTls)?;
        migrate(&mut client)?;
        let pool = r2d2::Pool::builder()
            .max_size(max_connections.max(1))
            .min_idle(Some(0))
            .connection_timeout(Duration::from_secs(30))
            .build_unchecked(PostgresConnectionManager::new(config, NoTls));
        Ok(PgStore { pool })
    }

    /// A connection from the pool (for the search backend and the queue).
    pub fn conn(&self) -> Result<PgConn> {
        self.pool.get().map_err(pool_err)
    }

    /// Schema version of the database.
    pub fn schema_version(&self) -> Result<i64> {
        let mut c = self.conn()?;
        Ok(c.query_one("SELECT COALESCE(MAX(version), 0)::BIGINT FROM parallax_migrations", &[])?.get(0))
    }
}

/// Brings the schema up to date (one transaction, under an advisory lock).
fn migrate(c: &mut postgres::Client) -> Result<()> {
    let mut tx = c.transaction()?;
    // Concurrent first starts (many workers) migrate one after the other.
    tx.execute("SELECT pg_advisory_xact_lock($1, hashtext(current_schema()))", &[&LOCK_MIGRATE])?;
    tx.batch_execute(
        "CREATE TABLE IF NOT EXISTS parallax_migrations (version BIGINT PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())",
    )?;
    let current: i64 = tx.query_one("SELECT COALESCE(MAX(version), 0)::BIGINT FROM parallax_migrations", &[])?.get(0);
    if current > PgStore::SCHEMA_VERSION {
        return Err(StoreError::TooNew { found: current, supported: PgStore::SCHEMA_VERSION });
    }
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(current as usize) {
        tx.batch_execute(sql)?;
        tx.execute("INSERT INTO parallax_migrations (version) VALUES ($1)", &[&(i as i64 + 1)])?;
    }
    tx.commit()?;
    Ok(())
}

/// Runs `f` in a transaction, again (up to 5 times) when PostgreSQL aborts it for a deadlock
/// or a serialisation failure, which concurrent writers can cause.
fn in_tx<T>(c: &mut postgres::Client, mut f: impl FnMut(&mut Transaction<'_>) -> Result<T>) -> Result<T> {
    let mut attempt = 0;
    loop {
        attempt += 1;
        let mut tx = c.transaction()?;
        let r = f(&mut tx).and_then(|v| Ok((v, tx.commit()?)));
        match r {
            Ok((v, ())) => return Ok(v),
            Err(StoreError::Pg(e)) if attempt < 5 && is_retryable(&e) => {
                std::thread::sleep(Duration::from_millis(20 * attempt));
            }
            Err(e) => return Err(e),
        }
    }
}

fn is_retryable(e: &postgres::Error) -> bool {
    use postgres::error::SqlState;
    e.code().is_some_and(|c| *c == SqlState::T_R_DEADLOCK_DETECTED || *c == SqlState::T_R_SERIALIZATION_FAILURE)
}

fn bump_generation(tx: &mut Transaction<'_>) -> Result<()> {
    tx.execute("SELECT nextval('parallax_generation')", &[])?;
    Ok(())
}

const SUMMARY_COLS: &str = "id, headline, date, article_count, outlet_count, contradiction_count, updated_at";

fn row_to_summary(r: &postgres::Row) -> StorySummary {
    StorySummary {
        id: r.get(0),
        headline: r.get(1),
        date: r.get(2),
        article_count: r.get::<_, i64>(3) as usize,
        outlet_count: r.get::<_, i64>(4) as usize,
        contradiction_count: r.get::<_, i64>(5) as usize,
        updated_at: r.get(6),
    }
}

fn row_to_article(r: &postgres::Row) -> Result<StoredArticle> {
    Ok(StoredArticle {
        id: r.get(0),
        story_id: r.get(1),
        added_at: r.get(2),
        article: serde_json::from_str(r.get::<_, &str>(3))?,
    })
}

fn insert_batch(tx: &mut Transaction<'_>, articles: &[Article]) -> Result<Vec<Inserted>> {
    let insert = tx.prepare(
        "INSERT INTO articles (id, source, url, title, outlet, published, day, language, added_at, body, article_json)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT (id) DO NOTHING RETURNING seq",
    )?;
    let find = tx.prepare("SELECT source FROM articles WHERE id = $1")?;
    // The article fills the stub at its URL (a duplicate too: its text is stored).
    let filled = tx.prepare("DELETE FROM stubs WHERE url = $1")?;
    let now = now_rfc3339();
    let mut out = Vec::with_capacity(articles.len());
    for a in articles {
        let id = a.content_hash();
        let day = a.published_date().map(|d| d.format("%Y-%m-%d").to_string());
        let json = serde_json::to_string(a)?;
        let (source, body) = (no_nul(&a.source), no_nul(&a.body));
        let [url, title, outlet, published, language] =
            [&a.url, &a.title, &a.outlet, &a.published, &a.language].map(|o| o.as_deref().map(no_nul));
        if let Some(u) = &url {
            tx.execute(&filled, &[u])?;
        }
        let rows =
            tx.query(&insert, &[&id, &source, &url, &title, &outlet, &published, &day, &language, &now, &body, &json])?;
        if rows.is_empty() {
            let first_source: String = tx.query_one(&find, &[&id])?.get(0);
            out.push(Inserted::Duplicate { id, first_source });
        } else {
            out.push(Inserted::Added { id });
        }
    }
    if out.iter().any(Inserted::is_added) {
        bump_generation(tx)?;
    }
    Ok(out)
}

/// PostgreSQL text cannot hold NUL; the listing columns drop it (the article JSON keeps it,
/// escaped).
fn no_nul(s: &str) -> String {
    s.replace('\0', "")
}

fn apply_update(tx: &mut Transaction<'_>, update: &StoryUpdate) -> Result<()> {
    for id in &update.deletes {
        tx.execute(UNASSIGN, &[id])?;
        tx.execute("DELETE FROM stories WHERE id = $1", &[id])?;
    }
    for w in &update.upserts {
        if w.id != w.report.story.id {
            return Err(StoreError::Invalid(format!(
                "story id {} differs from its report's id {}",
                w.id, w.report.story.id
            )));
        }
        tx.execute(UNASSIGN, &[&w.id])?;
    }
    let now = now_rfc3339();
    for w in &update.upserts {
        let r = &w.report;
        tx.execute(
            "INSERT INTO stories (id, headline, date, article_count, outlet_count, contradiction_count, updated_at, report_json)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
             ON CONFLICT (id) DO UPDATE SET headline = excluded.headline, date = excluded.date,
               article_count = excluded.article_count, outlet_count = excluded.outlet_count,
               contradiction_count = excluded.contradiction_count, updated_at = excluded.updated_at,
               report_json = excluded.report_json",
            &[
                &w.id,
                &r.story.headline,
                &r.story.date,
                &(w.members.len() as i64),
                &(outlet_count(r) as i64),
                &(r.contradictions.len() as i64),
                &now,
                &serde_json::to_string(r)?,
            ],
        )?;
        let set =
            tx.query("UPDATE articles SET story_id = $1 WHERE id = ANY($2) RETURNING id", &[&w.id, &w.members])?;
        if set.len() < w.members.len() {
            let found: std::collections::BTreeSet<String> = set.iter().map(|r| r.get(0)).collect();
            let missing = w.members.iter().find(|m| !found.contains(*m)).cloned().unwrap_or_default();
            return Err(StoreError::Invalid(format!("story {} names unknown article {missing}", w.id)));
        }
        set_inferred_days(tx, w)?;
    }
    if !update.is_empty() {
        bump_generation(tx)?;
    }
    Ok(())
}

/// Takes a story's articles out of it; a day that was only inferred from the story goes too.
const UNASSIGN: &str =
    "UPDATE articles SET story_id = NULL, day = CASE WHEN published IS NULL THEN NULL ELSE day END WHERE story_id = $1";

/// Gives the story's members without a date of their own the day its analysis inferred for
/// them (`day` set while `published` stays NULL marks the day as inferred), so date filters of
/// the full-text search keep them.
fn set_inferred_days(tx: &mut Transaction<'_>, w: &crate::StoryWrite) -> Result<()> {
    for (source, a) in &w.report.articles {
        let Some(day) = a.published.as_deref().and_then(|p| p.get(..10)) else { continue };
        if chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d").is_err() {
            continue;
        }
        tx.execute(
            "UPDATE articles SET day = $1 WHERE story_id = $2 AND source = $3 AND published IS NULL",
            &[&day, &w.id, source],
        )?;
    }
    Ok(())
}

/// Holds the story-assignment advisory lock on one pooled connection until dropped.
struct AdvisoryLock(PgConn);

impl Drop for AdvisoryLock {
    fn drop(&mut self) {
        // If this fails the connection is broken, and the server drops the lock with it.
        let _ = self.0.execute("SELECT pg_advisory_unlock($1, hashtext(current_schema()))", &[&LOCK_STORIES]);
    }
}

impl Store for PgStore {
    fn insert_articles(&self, articles: &[Article]) -> Result<Vec<Inserted>> {
        in_tx(&mut *self.conn()?, |tx| insert_batch(tx, articles))
    }

    fn article(&self, id: &str) -> Result<Option<StoredArticle>> {
        let rows =
            self.conn()?.query("SELECT id, story_id, added_at, article_json FROM articles WHERE id = $1", &[&id])?;
        rows.first().map(row_to_article).transpose()
    }

    fn articles(&self) -> Result<Vec<StoredArticle>> {
        let rows = self.conn()?.query("SELECT id, story_id, added_at, article_json FROM articles ORDER BY seq", &[])?;
        rows.iter().map(row_to_article).collect()
    }

    fn stories(&self) -> Result<Vec<StorySummary>> {
        let sql = format!("SELECT {SUMMARY_COLS} FROM stories ORDER BY date IS NULL, date DESC, headline, id");
        Ok(self.conn()?.query(&sql, &[])?.iter().map(row_to_summary).collect())
    }

    fn story(&self, id: &str) -> Result<Option<StoredStory>> {
        let Some((summary, members, json)) = self.story_parts(id)? else { return Ok(None) };
        Ok(Some(StoredStory { summary, members, report: serde_json::from_str(&json)? }))
    }

    fn story_json(&self, id: &str) -> Result<Option<String>> {
        let Some((summary, members, json)) = self.story_parts(id)? else { return Ok(None) };
        // `report_json` was written by serde_json from a StoryReport: splice it in unparsed.
        Ok(Some(format!(
            "{{\"summary\":{},\"members\":{},\"report\":{}}}",
            serde_json::to_string(&summary)?,
            serde_json::to_string(&members)?,
            json
        )))
    }

    fn apply_stories(&self, update: &StoryUpdate) -> Result<()> {
        in_tx(&mut *self.conn()?, |tx| apply_update(tx, update))
    }

    fn generation(&self) -> Result<u64> {
        let r = self.conn()?.query_one("SELECT last_value, is_called FROM parallax_generation", &[])?;
        Ok(if r.get::<_, bool>(1) { r.get::<_, i64>(0) as u64 } else { 0 })
    }

    fn stats(&self) -> Result<StoreStats> {
        let r = self.conn()?.query_one(
            "SELECT (SELECT COUNT(*) FROM articles), (SELECT COUNT(*) FROM stories),
                    (SELECT COUNT(*) FROM articles WHERE story_id IS NULL)",
            &[],
        )?;
        Ok(StoreStats {
            articles: r.get::<_, i64>(0) as usize,
            stories: r.get::<_, i64>(1) as usize,
            unassigned: r.get::<_, i64>(2) as usize,
        })
    }

    fn check_integrity(&self) -> Result<std::result::Result<(), String>> {
        let mut c = self.conn()?;
        let mut problems = Vec::new();
        let orphans: i64 = c
            .query_one(
                "SELECT COUNT(*) FROM articles a LEFT JOIN stories s ON s.id = a.story_id
                 WHERE a.story_id IS NOT NULL AND s.id IS NULL",
                &[],
            )?
            .get(0);
        if orphans > 0 {
            problems.push(format!("{orphans} article(s) name a missing story"));
        }
        let bad_ids: i64 = c.query_one("SELECT COUNT(*) FROM articles WHERE id !~ '^[0-9a-f]{16}$'", &[])?.get(0);
        if bad_ids > 0 {
            problems.push(format!("{bad_ids} article id(s) are not content hashes"));
        }
        Ok(if problems.is_empty() { Ok(()) } else { Err(problems.join("; ")) })
    }

    fn lock_stories(&self) -> Result<StoriesLock<'_>> {
        let mut c = self.conn()?;
        c.execute("SELECT pg_advisory_lock($1, hashtext(current_schema()))", &[&LOCK_STORIES])?;
        Ok(StoriesLock::held(Box::new(AdvisoryLock(c))))
    }
}

impl PgStore {
    fn story_parts(&self, id: &str) -> Result<Option<(StorySummary, Vec<String>, String)>> {
        let mut c = self.conn()?;
        // One snapshot for the story row and its members.
        let mut tx =
            c.build_transaction().isolation_level(postgres::IsolationLevel::RepeatableRead).read_only(true).start()?;
        let sql = format!("SELECT {SUMMARY_COLS}, report_json FROM stories WHERE id = $1");
        let rows = tx.query(&sql, &[&id])?;
        let Some(row) = rows.first() else { return Ok(None) };
        let members = tx.query("SELECT id FROM articles WHERE story_id = $1 ORDER BY id", &[&id])?;
        Ok(Some((row_to_summary(row), members.iter().map(|r| r.get(0)).collect(), row.get(7))))
    }
}
