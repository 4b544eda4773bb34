//! Work-queue commands over a PostgreSQL store: `enqueue` adds raw documents, `worker`
//! processes them (see `parallax_server::worker`). Many workers, on one or many machines,
//! may share one database.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::AtomicBool;
use std::time::Duration;

use parallax_core::text::plural;
use parallax_server::worker::{self, WorkerEvent, WorkerOptions};
use parallax_store::pg::queue::Enqueued;

use super::db::Db;
use crate::output::report_skipped;

/// Arguments of `enqueue`.
#[derive(Debug, clap::Args)]
pub struct EnqueueArgs {
    /// Files or directories (text dumps, HTML, feeds, WARC, JSONL; gzip allowed).
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// PostgreSQL database URL (postgres://user@host/db) [default: $PARALLAX_DB].
    #[arg(long, value_name = "URL")]
    pub db: Option<PathBuf>,
}

/// Arguments of `worker`.
#[derive(Debug, clap::Args)]
pub struct WorkerArgs {
    /// PostgreSQL database URL (postgres://user@host/db) [default: $PARALLAX_DB].
    #[arg(long, value_name = "URL")]
    pub db: Option<PathBuf>,
    /// Exit once no job is waiting or being worked on (otherwise wait for more).
    #[arg(long)]
    pub until_empty: bool,
    /// Jobs claimed at a time.
    #[arg(long, default_value_t = 16, value_parser = clap::value_parser!(u16).range(1..=1000))]
    pub batch: u16,
    /// Seconds a claim lasts unless renewed; a killed worker's jobs are retried after this.
    #[arg(long, value_name = "SECONDS", default_value_t = 120.0)]
    pub lease: f64,
    /// Seconds between polls of an empty queue.
    #[arg(long, value_name = "SECONDS", default_value_t = 2.0)]
    pub poll: f64,
    /// Name recorded on leased jobs [default: HOST-PID].
    #[arg(long)]
    pub name: Option<String>,
}

/// Documents enqueued per transaction.
const ENQUEUE_CHUNK: usize = 256;

/// Runs `enqueue`.
pub fn enqueue(a: EnqueueArgs) -> anyhow::Result<ExitCode> {
    let db = Db::open(a.db.as_deref(), false, 2)?;
    let store = db.pg("enqueue")?;
    let ingested = parallax_ingest::ingest_paths(&a.paths);
    let (mut added, mut duplicates) = (0, 0);
    for chunk in ingested.documents.chunks(ENQUEUE_CHUNK) {
        for (doc, e) in chunk.iter().zip(store.enqueue(chunk)?) {
            match e {
                Enqueued::Added { .. } => added += 1,
                Enqueued::Duplicate { first_source, .. } => {
                    duplicates += 1;
                    if first_source != doc.source {
                        eprintln!("parallax: {} duplicates queued {first_source}", doc.source);
                    }
                }
            }
        }
    }
    // Stubs wait in the store itself; the article a worker stores at the same URL drops it.
    let new_stubs = parallax_store::FeedStore::record_stubs(store, &super::store::stubs_of(&ingested.stubs))?;
    report_skipped(&ingested.skipped);
    let q = store.queue_stats()?;
    let n_skipped = ingested.skipped.iter().filter(|s| s.class != parallax_core::SkipClass::NoText).count();
    println!(
        "{added} enqueued, {duplicates} already queued, {n_skipped} skipped{}; queue {}: {} ready, {} leased, {} done, {} skipped, {} failed",
        super::store::without_text(ingested.stubs.len(), new_stubs),
        db.label(),
        q.ready,
        q.leased,
        q.done,
        q.skipped,
        q.failed
    );
    let nothing = ingested.documents.is_empty() && ingested.stubs.is_empty();
    Ok(if nothing { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

fn seconds(name: &str, v: f64) -> anyhow::Result<Duration> {
    Duration::try_from_secs_f64(v)
        .ok()
        .filter(|d| !d.is_zero())
        .ok_or_else(|| anyhow::anyhow!("--{name} must be a positive number of seconds, got {v}"))
}

/// Runs `worker`.
pub fn worker(a: WorkerArgs) -> anyhow::Result<ExitCode> {
    let db = Db::open(a.db.as_deref(), false, 4)?;
    let store = db.pg("worker")?;
    let opts = WorkerOptions {
        name: a.name.clone().unwrap_or_else(worker::default_worker_name),
        batch: a.batch as usize,
        lease: seconds("lease", a.lease)?,
        poll: seconds("poll", a.poll)?,
        until_empty: a.until_empty,
        ..WorkerOptions::default()
    };
    eprintln!("parallax: worker {} on {}", opts.name, db.label());
    let stop = AtomicBool::new(false);
    let report = worker::run(store, &opts, &stop, &|e| match e {
        WorkerEvent::Batch(b) => {
            for (path, reason) in &b.skipped_reasons {
                eprintln!("parallax: skipped {path}: {reason}");
            }
            eprintln!(
                "parallax: {}: {} added, {}, {} skipped, {} lost to another worker; stories: {} created, {} updated, {} removed; \
             seconds: extract {:.3}, store {:.3}, lock wait {:.3}, assign {:.3}",
                plural(b.jobs, "job"),
                b.added,
                plural(b.duplicates, "duplicate"),
                b.skipped,
                b.lost,
                b.stories.created,
                b.stories.analysed - b.stories.created,
                b.stories.deleted,
                b.timings.extract,
                b.timings.store,
                b.timings.lock_wait,
                b.timings.assign
            )
        }
        WorkerEvent::Error(e) => eprintln!("parallax: batch released for retry: {e}"),
    })?;
    let stats = parallax_store::Store::stats(store)?;
    println!(
        "worker {}: {} in {}: {} added, {}, {} skipped, {}; store: {} in {}",
        opts.name,
        plural(report.jobs, "job"),
        plural(report.batches, "batch"),
        report.added,
        plural(report.duplicates, "duplicate"),
        report.skipped,
        plural(report.errors, "error"),
        plural(stats.articles, "article"),
        plural(stats.stories, "story")
    );
    Ok(ExitCode::SUCCESS)
}
