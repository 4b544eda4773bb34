//! The PostgreSQL backend against a real server (see `parallax_store::testing`): the same
//! conformance suite as SQLite, migrations, and the work queue's claiming and leases.
//! Every test skips with a visible message when no server can be had.

use std::sync::{Arc, Barrier};
use std::time::{Duration, Instant};

use parallax_core::Document;
use parallax_store::pg::queue::{Enqueued, JobOutcome};
use parallax_store::{PgStore, Store, conformance, testing};

fn fresh() -> Option<PgStore> {
    Some(PgStore::open(&testing::fresh_url()?, 4).expect("open a fresh PostgreSQL store"))
}

fn docs(n: usize) -> Vec<Document> {
    (0..n).map(|i| Document::text(format!("d{i}.txt"), format!("Report number {i} about the harbour fire."))).collect()
}

#[test]
fn conformance_on_postgres() {
    if testing::pg_url().is_none() {
        return;
    }
    conformance::run_all(&mut || Box::new(fresh().unwrap()) as Box<dyn Store>);
}

#[test]
fn feed_conformance_on_postgres() {
    if testing::pg_url().is_none() {
        return;
    }
    conformance::run_feed_checks(&mut || Box::new(fresh().unwrap()) as Box<dyn parallax_store::FeedStore>);
}

#[test]
fn stub_conformance_on_postgres() {
    if testing::pg_url().is_none() {
        return;
    }
    conformance::run_stub_checks(&mut || fresh().unwrap());
}

#[test]
fn migrations_are_versioned_and_reopen_keeps_data() {
    let Some(url) = testing::fresh_url() else { return };
    let a = conformance::article("a.txt", "Body.", Some("O"), Some("2024-01-01"));
    {
        let s = PgStore::open(&url, 2).unwrap();
        assert_eq!(s.schema_version().unwrap(), PgStore::SCHEMA_VERSION);
        s.insert_articles(std::slice::from_ref(&a)).unwrap();
    }
    // Several processes opening at once migrate once (advisory lock): simulate with threads.
    let handles: Vec<_> = (0..4)
        .map(|_| {
            let url = url.clone();
            std::thread::spawn(move || PgStore::open(&url, 1).map(|s| s.schema_version().unwrap()))
        })
        .collect();
    for h in handles {
        assert_eq!(h.join().unwrap().unwrap(), PgStore::SCHEMA_VERSION);
    }
    let s = PgStore::open(&url, 2).unwrap();
    assert_eq!(s.stats().unwrap().articles, 1);
    assert!(!s.insert_articles(&[a]).unwrap()[0].is_added());
}

#[test]
fn newer_schema_is_refused() {
    let Some(url) = testing::fresh_url() else { return };
    let s = PgStore::open(&url, 1).unwrap();
    s.conn().unwrap().execute("INSERT INTO parallax_migrations (version) VALUES (99)", &[]).unwrap();
    let err = PgStore::open(&url, 1).unwrap_err();
    assert!(err.to_string().contains("newer"), "{err}");
}

#[test]
fn bad_url_and_unreachable_server_are_clear_errors() {
    let err = PgStore::open("postgres://nobody@127.0.0.1:1/none", 1).unwrap_err();
    assert!(err.to_string().contains("PostgreSQL"), "{err}");
    let err = PgStore::open("postgres://a@b/c?sslmode=bogus", 1).unwrap_err();
    assert!(err.to_string().contains("URL"), "{err}");
}

#[test]
fn enqueue_is_idempotent_per_document_content() {
    let Some(s) = fresh() else { return };
    let mut d = docs(3);
    let first = s.enqueue(&d).unwrap();
    assert!(first.iter().all(|e| matches!(e, Enqueued::Added { .. })), "{first:?}");
    d[0].source = "renamed.txt".into(); // same content under another name
    let again = s.enqueue(&d).unwrap();
    assert!(matches!(&again[0], Enqueued::Duplicate { first_source, .. } if first_source == "d0.txt"), "{again:?}");
    assert_eq!(s.queue_stats().unwrap().ready, 3);
}

#[test]
fn claims_skip_locked_rows_instead_of_waiting() {
    let Some(s) = fresh() else { return };
    s.enqueue(&docs(3)).unwrap();
    // Another transaction holds a row lock on the oldest job (as a concurrent claim would).
    let mut other = s.conn().unwrap();
    let mut tx = other.transaction().unwrap();
    let locked: i64 = tx.query_one("SELECT id FROM jobs ORDER BY id LIMIT 1 FOR UPDATE", &[]).unwrap().get(0);
    let t0 = Instant::now();
    let got = s.claim("w1", 10, Duration::from_secs(60)).unwrap();
    assert!(t0.elapsed() < Duration::from_secs(5), "claim waited on the locked row");
    let ids: Vec<i64> = got.iter().map(|j| j.id).collect();
    assert_eq!(ids.len(), 2, "{ids:?}");
    assert!(!ids.contains(&locked));
    tx.rollback().unwrap();
    assert_eq!(s.claim("w2", 10, Duration::from_secs(60)).unwrap().iter().map(|j| j.id).collect::<Vec<_>>(), [locked]);
}

#[test]
fn concurrent_claims_take_every_job_exactly_once() {
    let Some(s) = fresh() else { return };
    s.enqueue(&docs(120)).unwrap();
    let start = Arc::new(Barrier::new(4));
    let handles: Vec<_> = (0..4)
        .map(|w| {
            let (s, start) = (s.clone(), start.clone());
            std::thread::spawn(move || {
                start.wait();
                let mut mine = Vec::new();
                loop {
                    let got = s.claim(&format!("w{w}"), 3, Duration::from_secs(60)).unwrap();
                    if got.is_empty() {
                        return mine;
                    }
                    mine.extend(got.into_iter().map(|j| j.id));
                }
            })
        })
        .collect();
    let mut all: Vec<i64> = handles.into_iter().flat_map(|h| h.join().unwrap()).collect();
    let n = all.len();
    all.sort();
    all.dedup();
    assert_eq!((n, all.len()), (120, 120), "a job was claimed twice or never");
}

#[test]
fn expired_lease_is_retried_by_another_worker() {
    let Some(s) = fresh() else { return };
    s.enqueue(&docs(1)).unwrap();
    let lease = Duration::from_millis(400);
    let first = s.claim("dead", 5, lease).unwrap();
    assert_eq!(first.len(), 1);
    assert!(s.claim("alive", 5, lease).unwrap().is_empty(), "a live lease is respected");
    assert_eq!(s.queue_stats().unwrap().leased, 1);
    std::thread::sleep(lease + Duration::from_millis(200));
    let retried = s.claim("alive", 5, Duration::from_secs(60)).unwrap();
    assert_eq!(retried.iter().map(|j| (j.id, j.attempts)).collect::<Vec<_>>(), [(first[0].id, 2)]);
    // The dead worker's late answer is ignored; the new holder's counts.
    let out = |w| vec![(first[0].id, JobOutcome::Stored { article_id: w })];
    assert_eq!(s.finish("dead", &out("x".into())).unwrap(), 0);
    assert_eq!(s.finish("alive", &out("y".into())).unwrap(), 1);
    let st = s.queue_stats().unwrap();
    assert_eq!((st.done, st.unfinished()), (1, 0));
}

#[test]
fn renewed_lease_keeps_the_job_and_release_fails_it_after_max_attempts() {
    let Some(s) = fresh() else { return };
    s.enqueue(&docs(1)).unwrap();
    let lease = Duration::from_millis(500);
    let j = s.claim("w1", 1, lease).unwrap()[0].id;
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(s.renew("w1", &[j], lease).unwrap(), 1);
    std::thread::sleep(Duration::from_millis(300));
    assert!(s.claim("w2", 1, lease).unwrap().is_empty(), "renewed lease still holds");
    s.release("w1", &[j], "boom", 2).unwrap();
    assert_eq!(s.queue_stats().unwrap().ready, 1, "released job is ready again at once");
    let again = s.claim("w2", 1, lease).unwrap();
    assert_eq!(again[0].attempts, 2);
    s.release("w2", &[j], "boom again", 2).unwrap();
    let st = s.queue_stats().unwrap();
    assert_eq!((st.failed, st.unfinished()), (1, 0));
}

#[test]
fn story_lock_is_exclusive_between_connections() {
    let Some(s) = fresh() else { return };
    let held = s.lock_stories().unwrap();
    let s2 = s.clone();
    let (tx, rx) = std::sync::mpsc::channel();
    let h = std::thread::spawn(move || {
        let _l = s2.lock_stories().unwrap();
        tx.send(Instant::now()).unwrap();
    });
    std::thread::sleep(Duration::from_millis(300));
    assert!(rx.try_recv().is_err(), "second holder got the lock while the first held it");
    let released = Instant::now();
    drop(held);
    let got = rx.recv_timeout(Duration::from_secs(10)).unwrap();
    assert!(got >= released);
    h.join().unwrap();
}
