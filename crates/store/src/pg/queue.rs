//! The work queue in the PostgreSQL store: raw documents waiting to be extracted, stored and
//! assigned to stories by `parallax worker` processes.
//!
//! * [`PgStore::enqueue`] adds documents keyed by a hash of their decoded text (and kind and
//!   container metadata): enqueueing the same document again adds nothing.
//! * [`PgStore::claim`] takes up to `n` ready jobs with `SELECT ... FOR UPDATE SKIP LOCKED`, so
//!   concurrent workers never wait on or take the same job, and leases them until
//!   `now() + lease`. A job whose lease ran out (its worker died or hung) is ready again.
//! * [`PgStore::renew`] extends the leases of jobs still being worked on; [`PgStore::finish`]
//!   records the outcome, only for jobs the worker still holds; [`PgStore::release`] gives
//!   jobs back after an error (failed for good after `max_attempts`).

use std::time::Duration;

use parallax_core::Document;
use serde::{Deserialize, Serialize};

use super::{PgStore, in_tx};
use crate::{Result, StoreError};

/// Outcome of enqueueing one document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum Enqueued {
    /// A new job.
    Added {
        /// Job id.
        job: i64,
    },
    /// The same document is already queued (or was processed).
    Duplicate {
        /// The existing job.
        job: i64,
        /// Its source name.
        first_source: String,
    },
}

/// One claimed job.
#[derive(Debug, Clone, PartialEq)]
pub struct Job {
    /// Job id.
    pub id: i64,
    /// How many times it has been claimed (this claim included).
    pub attempts: i32,
    /// The raw document.
    pub document: Document,
}

/// What became of a finished job.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JobOutcome {
    /// Stored as (or as a duplicate of) this article.
    Stored {
        /// Article id (content hash).
        article_id: String,
    },
    /// No article could be extracted, for this reason.
    Skipped {
        /// The reason.
        reason: String,
    },
}

/// Counts of jobs by state.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueStats {
    /// Waiting, with no live lease.
    pub ready: usize,
    /// Held by a worker whose lease has not run out.
    pub leased: usize,
    /// Stored.
    pub done: usize,
    /// No article in the document.
    pub skipped: usize,
    /// Given up after repeated errors.
    pub failed: usize,
}

impl QueueStats {
    /// Jobs not yet finished (ready or leased).
    pub fn unfinished(&self) -> usize {
        self.ready + self.leased
    }
}

/// Idempotency key of a document: a hash of what extraction reads from it.
pub fn document_hash(d: &Document) -> String {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    for part in [
        serde_json::to_string(&d.kind).unwrap_or_default().as_str(),
        d.url.as_deref().unwrap_or(""),
        &serde_json::to_string(&d.hints).unwrap_or_default(),
        &d.text,
    ] {
        h.update(&(part.len() as u64).to_le_bytes());
        h.update(part.as_bytes());
    }
    format!("{:032x}", h.digest128())
}

fn secs(d: Duration) -> f64 {
    d.as_secs_f64().max(0.001)
}

impl PgStore {
    /// Adds documents to the queue (one transaction); documents already queued are duplicates.
    pub fn enqueue(&self, docs: &[Document]) -> Result<Vec<Enqueued>> {
        in_tx(&mut *self.conn()?, |tx| {
            let insert = tx.prepare(
                "INSERT INTO jobs (doc_hash, source, document_json) VALUES ($1, $2, $3)
                 ON CONFLICT (doc_hash) DO NOTHING RETURNING id",
            )?;
            let find = tx.prepare("SELECT id, source FROM jobs WHERE doc_hash = $1")?;
            let mut out = Vec::with_capacity(docs.len());
            for d in docs {
                let hash = document_hash(d);
                let rows = tx.query(&insert, &[&hash, &super::no_nul(&d.source), &serde_json::to_string(d)?])?;
                out.push(match rows.first() {
                    Some(r) => Enqueued::Added { job: r.get(0) },
                    None => {
                        let r = tx.query_one(&find, &[&hash])?;
                        Enqueued::Duplicate { job: r.get(0), first_source: r.get(1) }
                    }
                });
            }
            Ok(out)
        })
    }

    /// Claims up to `n` ready jobs for `worker`, leased for `lease`, oldest first.
    pub fn claim(&self, worker: &str, n: usize, lease: Duration) -> Result<Vec<Job>> {
        let rows = self.conn()?.query(
            "UPDATE jobs SET leased_by = $1, lease_until = now() + make_interval(secs => $2),
                    attempts = attempts + 1
             WHERE id IN (
                 SELECT id FROM jobs
                 WHERE state = 'queued' AND (lease_until IS NULL OR lease_until < now())
                 ORDER BY id LIMIT $3
                 FOR UPDATE SKIP LOCKED)
             RETURNING id, attempts, document_json",
            &[&worker, &secs(lease), &(n.max(1) as i64)],
        )?;
        let mut jobs = rows
            .iter()
            .map(|r| {
                let document: Document = serde_json::from_str(r.get::<_, &str>(2))?;
                Ok(Job { id: r.get(0), attempts: r.get(1), document })
            })
            .collect::<Result<Vec<_>>>()?;
        jobs.sort_by_key(|j| j.id);
        Ok(jobs)
    }

    /// Extends the leases `worker` still holds on `jobs`; returns how many it still holds.
    pub fn renew(&self, worker: &str, jobs: &[i64], lease: Duration) -> Result<usize> {
        let n = self.conn()?.execute(
            "UPDATE jobs SET lease_until = now() + make_interval(secs => $3)
             WHERE id = ANY($2) AND leased_by = $1 AND state = 'queued'",
            &[&worker, &jobs, &secs(lease)],
        )?;
        Ok(n as usize)
    }

    /// Records outcomes of jobs `worker` still holds; returns how many were recorded (a job
    /// whose lease expired and was taken by another worker is left to that worker).
    pub fn finish(&self, worker: &str, outcomes: &[(i64, JobOutcome)]) -> Result<usize> {
        in_tx(&mut *self.conn()?, |tx| {
            let stmt = tx.prepare(
                "UPDATE jobs SET state = $3, article_id = $4, error = $5, leased_by = NULL, lease_until = NULL,
                        finished_at = now()
                 WHERE id = $2 AND leased_by = $1 AND state = 'queued'",
            )?;
            let mut n = 0;
            for (id, o) in outcomes {
                let (state, article, reason) = match o {
                    JobOutcome::Stored { article_id } => ("done", Some(article_id.as_str()), None),
                    JobOutcome::Skipped { reason } => ("skipped", None, Some(super::no_nul(reason))),
                };
                n += tx.execute(&stmt, &[&worker, id, &state, &article, &reason])?;
            }
            Ok(n as usize)
        })
    }

    /// Gives jobs back after an error: they are ready again at once, or failed for good once
    /// they have been tried `max_attempts` times.
    pub fn release(&self, worker: &str, jobs: &[i64], error: &str, max_attempts: i32) -> Result<()> {
        self.conn()?.execute(
            "UPDATE jobs SET leased_by = NULL, lease_until = NULL, error = $3,
                    state = CASE WHEN attempts >= $4 THEN 'failed' ELSE 'queued' END,
                    finished_at = CASE WHEN attempts >= $4 THEN now() END
             WHERE id = ANY($2) AND leased_by = $1 AND state = 'queued'",
            &[&worker, &jobs, &super::no_nul(error), &max_attempts],
        )?;
        Ok(())
    }

    /// Job counts by state.
    pub fn queue_stats(&self) -> Result<QueueStats> {
        let rows = self.conn()?.query(
            "SELECT CASE WHEN state = 'queued' AND lease_until > now() THEN 'leased'
                         WHEN state = 'queued' THEN 'ready' ELSE state END AS s, COUNT(*)
             FROM jobs GROUP BY s",
            &[],
        )?;
        let mut st = QueueStats::default();
        for r in rows {
            let n = r.get::<_, i64>(1) as usize;
            match r.get::<_, &str>(0) {
                "ready" => st.ready = n,
                "leased" => st.leased = n,
                "done" => st.done = n,
                "skipped" => st.skipped = n,
                "failed" => st.failed = n,
                other => return Err(StoreError::Invalid(format!("unknown job state {other:?}"))),
            }
        }
        Ok(st)
    }
}
