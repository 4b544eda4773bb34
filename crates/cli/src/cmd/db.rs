//! The store named by `--db` (else `$PARALLAX_DB`, else `./parallax.db`): a SQLite file, with
//! its tantivy index beside it in `FILE.index/`, or a PostgreSQL database given as a
//! `postgres://` URL, whose full-text search lives in the database itself.

use std::path::{Path, PathBuf};

use anyhow::Context;
use parallax_search::{PgSearch, Search, SearchIndex, index_dir_for};
use parallax_store::pg::redact_url;
use parallax_store::{FeedStore, PgStore, SqliteStore, Store, is_postgres_url, resolve_db_path};

/// An open store.
pub enum Db {
    /// A SQLite file.
    Sqlite {
        /// The file.
        path: PathBuf,
        /// The store.
        store: SqliteStore,
    },
    /// A PostgreSQL database.
    Pg {
        /// The URL, password hidden (for messages).
        label: String,
        /// The store.
        store: PgStore,
    },
}

impl Db {
    /// Opens (creating if needed) the store; `must_exist` refuses a missing SQLite file.
    /// `connections` bounds the PostgreSQL pool.
    pub fn open(db: Option<&Path>, must_exist: bool, connections: u32) -> anyhow::Result<Db> {
        let path = resolve_db_path(db);
        let s = path.to_string_lossy();
        if is_postgres_url(&s) {
            let label = redact_url(&s);
            let store = PgStore::open(&s, connections).with_context(|| format!("cannot open database {label}"))?;
            return Ok(Db::Pg { label, store });
        }
        if must_exist && !path.exists() {
            anyhow::bail!("no database at {} (run `parallax ingest PATH` first, or pass --db FILE)", path.display());
        }
        let store = SqliteStore::open(&path).with_context(|| format!("cannot open database {}", path.display()))?;
        Ok(Db::Sqlite { path, store })
    }

    /// The store.
    pub fn store(&self) -> &dyn Store {
        match self {
            Db::Sqlite { store, .. } => store,
            Db::Pg { store, .. } => store,
        }
    }

    /// The store's feed state (`watch`, `feeds`, `ingest URL`).
    pub fn feeds(&self) -> &dyn FeedStore {
        match self {
            Db::Sqlite { store, .. } => store,
            Db::Pg { store, .. } => store,
        }
    }

    /// The file name or the URL (password hidden).
    pub fn label(&self) -> String {
        match self {
            Db::Sqlite { path, .. } => path.display().to_string(),
            Db::Pg { label, .. } => label.clone(),
        }
    }

    /// The PostgreSQL store, or an error naming the command that needs one.
    pub fn pg(&self, command: &str) -> anyhow::Result<&PgStore> {
        match self {
            Db::Pg { store, .. } => Ok(store),
            Db::Sqlite { path, .. } => anyhow::bail!(
                "`parallax {command}` needs a PostgreSQL database (--db postgres://...), not the file {}",
                path.display()
            ),
        }
    }

    /// The tantivy index of a SQLite store (`None` for PostgreSQL, which searches itself).
    pub fn tantivy(&self) -> Option<anyhow::Result<SearchIndex>> {
        let Db::Sqlite { path, .. } = self else { return None };
        Some(SearchIndex::open(&index_dir_for(path)).context("cannot open the search index"))
    }

    /// [`tantivy`](Self::tantivy), rebuilt first when it is out of date.
    pub fn current_index(&self) -> anyhow::Result<Option<SearchIndex>> {
        let (Db::Sqlite { store, .. }, Some(index)) = (self, self.tantivy()) else { return Ok(None) };
        let index = index?;
        if index.indexed_generation()? != Some(store.generation()?) {
            eprintln!("parallax: search index is out of date; rebuilding it from the store");
            index.rebuild(store)?;
        }
        Ok(Some(index))
    }

    /// The search backend chosen with the store.
    pub fn search(&self) -> anyhow::Result<Box<dyn Search>> {
        match (self, self.current_index()?) {
            (Db::Pg { store, .. }, _) => Ok(Box::new(PgSearch::new(store.clone()))),
            (_, Some(index)) => Ok(Box::new(index)),
            (Db::Sqlite { .. }, None) => anyhow::bail!("no search index"),
        }
    }
}
