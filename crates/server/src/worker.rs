//! The loop of `parallax worker`: many worker processes, on one or many machines, share the
//! work queue of one PostgreSQL store ([`parallax_store::pg::queue`]).
//!
//! Each round a worker claims a batch of jobs (`FOR UPDATE SKIP LOCKED`, leased), keeps the
//! leases alive from a side thread while it works, and then:
//! 1. extracts an article from each raw document (in parallel; a document with no article is
//!    finished as *skipped* with the reason);
//! 2. stores the articles (idempotent per content hash: a copy is a duplicate of the stored
//!    article, so it shares that article's story);
//! 3. holding the store's story lock ([`Store::lock_stories`], a PostgreSQL advisory lock),
//!    brings the stories up to date with [`library::restory`], which re-analyses only the
//!    stories whose membership changed;
//! 4. finishes the jobs it still holds.
//!
//! A worker killed at any point loses nothing: its leases run out and another worker (or the
//! same one, restarted) claims the jobs again; storing is idempotent and `restory` completes
//! whatever story update was missing. Errors release the batch for a retry; a job that keeps
//! failing is marked failed after `max_attempts` claims.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use parallax_store::pg::queue::{Job, JobOutcome};
use parallax_store::{PgStore, Store, StoreError};
use rayon::prelude::*;
use serde::Serialize;

use crate::library::{self, RestoryReport};

/// Settings of a worker.
#[derive(Debug, Clone)]
pub struct WorkerOptions {
    /// Name recorded on the jobs it leases (unique per process).
    pub name: String,
    /// Jobs claimed at once.
    pub batch: usize,
    /// How long a claim lasts without renewal.
    pub lease: Duration,
    /// Wait between claims when the queue is empty.
    pub poll: Duration,
    /// Stop once no job is ready or leased.
    pub until_empty: bool,
    /// Claims after which a job that keeps failing is given up.
    pub max_attempts: i32,
}

impl Default for WorkerOptions {
    fn default() -> Self {
        WorkerOptions {
            name: default_worker_name(),
            batch: 16,
            lease: Duration::from_secs(120),
            poll: Duration::from_secs(2),
            until_empty: false,
            max_attempts: 5,
        }
    }
}

/// `host-pid`, unique among the workers of one database.
pub fn default_worker_name() -> String {
    let host = std::fs::read_to_string("/etc/hostname").map(|h| h.trim().to_string()).unwrap_or_default();
    let host = if host.is_empty() { "worker".to_string() } else { host };
    format!("{host}-{}", std::process::id())
}

/// What one batch did.
#[derive(Debug, Clone, Default, Serialize)]
pub struct BatchReport {
    /// Jobs in the batch.
    pub jobs: usize,
    /// New articles stored.
    pub added: usize,
    /// Articles already stored (copies).
    pub duplicates: usize,
    /// Documents with no article.
    pub skipped: usize,
    /// Each skipped document's path and the reason.
    pub skipped_reasons: Vec<(String, String)>,
    /// Jobs whose lease was lost to another worker before they were finished.
    pub lost: usize,
    /// Story changes.
    pub stories: RestoryReport,
    /// Seconds spent extracting, storing, waiting for the story lock and assigning stories.
    pub timings: Timings,
}

/// Where a batch's time went, in seconds.
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct Timings {
    /// Extracting articles.
    pub extract: f64,
    /// Storing them.
    pub store: f64,
    /// Waiting for the story lock (other workers assigning stories).
    pub lock_wait: f64,
    /// Re-clustering and analysing changed stories, under the lock.
    pub assign: f64,
}

/// Totals of a worker run.
#[derive(Debug, Clone, Default, Serialize)]
pub struct WorkerReport {
    /// Batches processed.
    pub batches: usize,
    /// Jobs finished.
    pub jobs: usize,
    /// New articles stored.
    pub added: usize,
    /// Duplicates.
    pub duplicates: usize,
    /// Documents with no article.
    pub skipped: usize,
    /// Batches given back after an error.
    pub errors: usize,
}

/// Something a worker reports as it runs (the CLI prints these).
#[derive(Debug)]
pub enum WorkerEvent<'a> {
    /// A batch was processed.
    Batch(&'a BatchReport),
    /// A batch failed and was released for a retry.
    Error(&'a StoreError),
}

/// Consecutive failed rounds after which the worker gives up.
const MAX_CONSECUTIVE_ERRORS: usize = 10;

/// Runs the worker loop until `stop` is set or, with `until_empty`, the queue is empty.
pub fn run(
    store: &PgStore,
    opts: &WorkerOptions,
    stop: &AtomicBool,
    on_event: &dyn Fn(WorkerEvent<'_>),
) -> Result<WorkerReport, StoreError> {
    let mut total = WorkerReport::default();
    let mut errors_in_a_row = 0;
    while !stop.load(Ordering::Relaxed) {
        let round = claim_and_process(store, opts);
        match round {
            Ok(Some(b)) => {
                errors_in_a_row = 0;
                total.batches += 1;
                total.jobs += b.jobs - b.lost;
                total.added += b.added;
                total.duplicates += b.duplicates;
                total.skipped += b.skipped;
                on_event(WorkerEvent::Batch(&b));
            }
            Ok(None) => {
                errors_in_a_row = 0;
                if opts.until_empty && store.queue_stats()?.unfinished() == 0 {
                    break;
                }
                std::thread::sleep(opts.poll);
            }
            Err(e) => {
                total.errors += 1;
                errors_in_a_row += 1;
                on_event(WorkerEvent::Error(&e));
                if errors_in_a_row >= MAX_CONSECUTIVE_ERRORS {
                    return Err(e);
                }
                std::thread::sleep(opts.poll);
            }
        }
    }
    Ok(total)
}

/// One round: claim, process, finish. `None` when no job was ready.
fn claim_and_process(store: &PgStore, opts: &WorkerOptions) -> Result<Option<BatchReport>, StoreError> {
    let jobs = store.claim(&opts.name, opts.batch, opts.lease)?;
    if jobs.is_empty() {
        return Ok(None);
    }
    let ids: Vec<i64> = jobs.iter().map(|j| j.id).collect();
    let renewer = Renewer::start(store.clone(), opts.name.clone(), ids.clone(), opts.lease);
    let result = process(store, opts, &jobs);
    drop(renewer);
    match result {
        Ok(b) => Ok(Some(b)),
        Err(e) => {
            store.release(&opts.name, &ids, &e.to_string(), opts.max_attempts)?;
            Err(e)
        }
    }
}

/// Processes claimed jobs (steps 1–4 of the module documentation).
pub fn process(store: &PgStore, opts: &WorkerOptions, jobs: &[Job]) -> Result<BatchReport, StoreError> {
    let mut t = Timings::default();
    let mut clock = Instant::now();
    let mut lap = |slot: &mut f64| {
        *slot = clock.elapsed().as_secs_f64();
        clock = Instant::now();
    };
    let extracted: Vec<_> = jobs.par_iter().map(|j| parallax_extract::extract(&j.document)).collect();
    let articles: Vec<_> = extracted.iter().filter_map(|r| r.as_ref().ok().cloned()).collect();
    lap(&mut t.extract);
    let inserted = store.insert_articles(&articles)?;
    lap(&mut t.store);
    let stories = {
        let _lock = store.lock_stories()?;
        lap(&mut t.lock_wait);
        library::restory(store, &parallax_pipeline::no_progress)?
    };
    lap(&mut t.assign);
    let mut stored = inserted.iter();
    let outcomes: Vec<(i64, JobOutcome)> = jobs
        .iter()
        .zip(&extracted)
        .map(|(j, r)| {
            let outcome = match r {
                Ok(_) => {
                    JobOutcome::Stored { article_id: stored.next().map(|i| i.id().to_string()).unwrap_or_default() }
                }
                Err(e) => JobOutcome::Skipped { reason: e.to_string() },
            };
            (j.id, outcome)
        })
        .collect();
    let finished = store.finish(&opts.name, &outcomes)?;
    let added = inserted.iter().filter(|i| i.is_added()).count();
    Ok(BatchReport {
        jobs: jobs.len(),
        added,
        duplicates: inserted.len() - added,
        skipped: extracted.iter().filter(|r| r.is_err()).count(),
        skipped_reasons: jobs
            .iter()
            .zip(&extracted)
            .filter_map(|(j, r)| r.as_ref().err().map(|e| (j.document.path.clone(), e.to_string())))
            .collect(),
        lost: jobs.len() - finished,
        stories,
        timings: t,
    })
}

/// Renews a batch's leases every third of the lease until dropped.
struct Renewer {
    stop: Option<mpsc::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Renewer {
    fn start(store: PgStore, worker: String, jobs: Vec<i64>, lease: Duration) -> Self {
        let (tx, rx) = mpsc::channel::<()>();
        let thread = std::thread::spawn(move || {
            while let Err(mpsc::RecvTimeoutError::Timeout) = rx.recv_timeout(lease / 3) {
                // A failed renewal is not fatal: at worst another worker redoes the jobs.
                let _ = store.renew(&worker, &jobs, lease);
            }
        });
        Renewer { stop: Some(tx), thread: Some(thread) }
    }
}

impl Drop for Renewer {
    fn drop(&mut self) {
        drop(self.stop.take());
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}
