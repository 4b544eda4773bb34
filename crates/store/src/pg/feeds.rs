//! [`FeedStore`] on PostgreSQL (schema version 2, stubs from 3): the same tables and semantics
//! as SQLite.

use std::collections::BTreeSet;

use crate::{FeedState, FeedStore, Fetch, PgStore, Result, Stub, now_rfc3339};

use super::{in_tx, no_nul};

const FEED_COLS: &str = "url, title, etag, last_modified, added_at, last_poll_at, last_ok_at, last_status, last_error,
    failures, next_poll_at, (SELECT COUNT(DISTINCT article_id) FROM fetches f WHERE f.feed_url = feeds.url)";

fn row_to_feed(r: &postgres::Row) -> FeedState {
    FeedState {
        url: r.get(0),
        title: r.get(1),
        etag: r.get(2),
        last_modified: r.get(3),
        added_at: r.get(4),
        last_poll_at: r.get(5),
        last_ok_at: r.get(6),
        last_status: r.get(7),
        last_error: r.get(8),
        failures: r.get::<_, i64>(9) as u32,
        next_poll_at: r.get(10),
        articles: r.get::<_, i64>(11) as usize,
    }
}

fn opt(s: &Option<String>) -> Option<String> {
    s.as_deref().map(no_nul)
}

impl FeedStore for PgStore {
    fn add_feeds(&self, urls: &[String]) -> Result<()> {
        let now = now_rfc3339();
        in_tx(&mut *self.conn()?, |tx| {
            for u in urls {
                tx.execute(
                    "INSERT INTO feeds (url, added_at) VALUES ($1, $2) ON CONFLICT (url) DO NOTHING",
                    &[&no_nul(u), &now],
                )?;
            }
            Ok(())
        })
    }

    fn feeds(&self) -> Result<Vec<FeedState>> {
        let rows = self.conn()?.query(&format!("SELECT {FEED_COLS} FROM feeds ORDER BY url"), &[])?;
        Ok(rows.iter().map(row_to_feed).collect())
    }

    fn feed(&self, url: &str) -> Result<Option<FeedState>> {
        let rows = self.conn()?.query(&format!("SELECT {FEED_COLS} FROM feeds WHERE url = $1"), &[&url])?;
        Ok(rows.first().map(row_to_feed))
    }

    fn save_feed(&self, s: &FeedState) -> Result<()> {
        let added = if s.added_at.is_empty() { now_rfc3339() } else { s.added_at.clone() };
        self.conn()?.execute(
            "INSERT INTO feeds (url, title, etag, last_modified, added_at, last_poll_at, last_ok_at, last_status,
               last_error, failures, next_poll_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
             ON CONFLICT (url) DO UPDATE SET title = excluded.title, etag = excluded.etag,
               last_modified = excluded.last_modified, last_poll_at = excluded.last_poll_at,
               last_ok_at = excluded.last_ok_at, last_status = excluded.last_status,
               last_error = excluded.last_error, failures = excluded.failures, next_poll_at = excluded.next_poll_at",
            &[
                &no_nul(&s.url),
                &opt(&s.title),
                &opt(&s.etag),
                &opt(&s.last_modified),
                &added,
                &s.last_poll_at,
                &s.last_ok_at,
                &s.last_status,
                &opt(&s.last_error),
                &(s.failures as i64),
                &s.next_poll_at,
            ],
        )?;
        Ok(())
    }

    fn seen_items(&self, feed_url: &str) -> Result<BTreeSet<String>> {
        let rows = self
            .conn()?
            .query("SELECT item_key FROM fetches WHERE feed_url = $1 AND item_key IS NOT NULL", &[&feed_url])?;
        Ok(rows.iter().map(|r| r.get(0)).collect())
    }

    fn record_fetches(&self, fetches: &[Fetch]) -> Result<()> {
        in_tx(&mut *self.conn()?, |tx| {
            let ins = tx.prepare(
                "INSERT INTO fetches (url, fetched_at, feed_url, item_key, article_id, via)
                 VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (feed_url, item_key) DO NOTHING",
            )?;
            for f in fetches {
                let via = no_nul(&f.via);
                tx.execute(
                    &ins,
                    &[&opt(&f.url), &f.fetched_at, &opt(&f.feed_url), &opt(&f.item_key), &f.article_id, &via],
                )?;
            }
            Ok(())
        })
    }

    fn article_fetches(&self, article_id: &str) -> Result<Vec<Fetch>> {
        let rows = self.conn()?.query(
            "SELECT url, fetched_at, feed_url, item_key, article_id, via FROM fetches WHERE article_id = $1 ORDER BY seq",
            &[&article_id],
        )?;
        Ok(rows
            .iter()
            .map(|r| Fetch {
                url: r.get(0),
                fetched_at: r.get(1),
                feed_url: r.get(2),
                item_key: r.get(3),
                article_id: r.get(4),
                via: r.get(5),
            })
            .collect())
    }

    fn record_stubs(&self, stubs: &[Stub]) -> Result<usize> {
        let now = now_rfc3339();
        in_tx(&mut *self.conn()?, |tx| {
            let ins = tx.prepare(
                "INSERT INTO stubs (url, source, title, byline, outlet, published, added_at)
                 SELECT $1::TEXT, $2::TEXT, $3::TEXT, $4::TEXT, $5::TEXT, $6::TEXT, $7::TEXT
                 WHERE NOT EXISTS (SELECT 1 FROM articles WHERE url = $1) ON CONFLICT (url) DO NOTHING",
            )?;
            let mut n = 0;
            for s in stubs {
                let (url, source) = (no_nul(&s.url), no_nul(&s.source));
                let row = [&s.title, &s.byline, &s.outlet, &s.published].map(opt);
                n += tx.execute(&ins, &[&url, &source, &row[0], &row[1], &row[2], &row[3], &now])? as usize;
            }
            Ok(n)
        })
    }

    fn stub_count(&self) -> Result<usize> {
        let n: i64 = self.conn()?.query_one("SELECT COUNT(*) FROM stubs", &[])?.get(0);
        Ok(n as usize)
    }

    fn stubs(&self) -> Result<Vec<Stub>> {
        let rows = self
            .conn()?
            .query("SELECT url, source, title, byline, outlet, published, added_at FROM stubs ORDER BY seq", &[])?;
        Ok(rows
            .iter()
            .map(|r| Stub {
                url: r.get(0),
                source: r.get(1),
                title: r.get(2),
                byline: r.get(3),
                outlet: r.get(4),
                published: r.get(5),
                added_at: r.get(6),
            })
            .collect())
    }
}
