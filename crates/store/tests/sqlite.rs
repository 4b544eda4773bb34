//! The SQLite backend against the conformance suite, in memory and on disk, plus
//! file-level behaviour (WAL, migrations, reopen).

use parallax_store::{SqliteStore, Store, StoryUpdate, StoryWrite, conformance};

#[test]
fn conformance_in_memory() {
    conformance::run_all(&mut || Box::new(SqliteStore::open_in_memory().unwrap()) as Box<dyn Store>);
}

#[test]
fn conformance_on_disk() {
    let dir = tempfile::tempdir().unwrap();
    let mut n = 0;
    conformance::run_all(&mut || {
        n += 1;
        Box::new(SqliteStore::open(&dir.path().join(format!("c{n}.db"))).unwrap()) as Box<dyn Store>
    });
}

#[test]
fn file_store_reopens_with_data_wal_and_schema_version() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sub/dir/p.db");
    let a = conformance::article("a.txt", "Body.", Some("O"), Some("2024-01-01"));
    {
        let s = SqliteStore::open(&path).unwrap();
        s.insert_articles(std::slice::from_ref(&a)).unwrap();
        let report = conformance::report("s-1", "H", Some("2024-01-01"), &[&a]);
        s.apply_stories(&StoryUpdate {
            upserts: vec![StoryWrite { id: "s-1".into(), members: vec![a.content_hash()], report }],
            deletes: vec![],
        })
        .unwrap();
    }
    let s = SqliteStore::open(&path).unwrap();
    assert_eq!(s.schema_version().unwrap(), SqliteStore::SCHEMA_VERSION);
    assert_eq!(s.stats().unwrap().articles, 1);
    assert_eq!(s.story("s-1").unwrap().unwrap().members, vec![a.content_hash()]);
    let conn = rusqlite::Connection::open(&path).unwrap();
    let mode: String = conn.query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
    assert_eq!(mode, "wal");
    assert!(!s.insert_articles(&[a]).unwrap()[0].is_added());
}

#[test]
fn newer_schema_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.db");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.pragma_update(None, "user_version", 99).unwrap();
    }
    let err = SqliteStore::open(&path).unwrap_err();
    assert!(err.to_string().contains("newer"), "{err}");
}

#[test]
fn not_a_database_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("junk.db");
    std::fs::write(&path, vec![0x42u8; 8192]).unwrap();
    let err = SqliteStore::open(&path).unwrap_err();
    assert!(err.to_string().contains("database"), "{err}");
}

#[test]
fn feed_conformance_in_memory_and_on_disk() {
    use parallax_store::FeedStore;
    conformance::run_feed_checks(&mut || Box::new(SqliteStore::open_in_memory().unwrap()) as Box<dyn FeedStore>);
    let dir = tempfile::tempdir().unwrap();
    let mut n = 0;
    conformance::run_feed_checks(&mut || {
        n += 1;
        Box::new(SqliteStore::open(&dir.path().join(format!("f{n}.db"))).unwrap()) as Box<dyn FeedStore>
    });
}

#[test]
fn a_version_1_file_gains_the_feed_tables_and_keeps_its_articles() {
    use parallax_store::FeedStore;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v1.db");
    let a = conformance::article("a.txt", "Body.", Some("O"), Some("2024-01-01"));
    SqliteStore::open(&path).unwrap().insert_articles(std::slice::from_ref(&a)).unwrap();
    {
        // Back to what a version-1 build wrote.
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(
            "DROP TABLE stubs; DROP INDEX articles_url; DROP TABLE fetches; DROP TABLE feeds; PRAGMA user_version = 1;",
        )
        .unwrap();
    }
    let s = SqliteStore::open(&path).unwrap();
    assert_eq!(s.schema_version().unwrap(), SqliteStore::SCHEMA_VERSION);
    assert_eq!(s.stats().unwrap().articles, 1);
    s.add_feeds(&["http://h.test/feed".into()]).unwrap();
    assert_eq!(s.feeds().unwrap().len(), 1);
}

#[test]
fn stub_conformance_in_memory_and_on_disk() {
    conformance::run_stub_checks(&mut || SqliteStore::open_in_memory().unwrap());
    let dir = tempfile::tempdir().unwrap();
    let mut n = 0;
    conformance::run_stub_checks(&mut || {
        n += 1;
        SqliteStore::open(&dir.path().join(format!("s{n}.db"))).unwrap()
    });
}

#[test]
fn a_version_2_file_gains_stubs_and_keeps_its_feeds_and_articles() {
    use parallax_store::FeedStore;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v2.db");
    let mut a = conformance::article("a.html", "Body.", Some("O"), Some("2024-01-01"));
    a.url = Some("https://h.test/a".into());
    {
        let s = SqliteStore::open(&path).unwrap();
        s.insert_articles(std::slice::from_ref(&a)).unwrap();
        s.add_feeds(&["http://h.test/feed".into()]).unwrap();
    }
    {
        // Back to what a version-2 build wrote.
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch("DROP TABLE stubs; DROP INDEX articles_url; PRAGMA user_version = 2;").unwrap();
    }
    let s = SqliteStore::open(&path).unwrap();
    assert_eq!(s.schema_version().unwrap(), 3);
    assert_eq!((s.stats().unwrap().articles, s.feeds().unwrap().len()), (1, 1));
    let stubs = [conformance::stub("https://h.test/a", "A"), conformance::stub("https://h.test/b", "B")];
    assert_eq!(s.record_stubs(&stubs).unwrap(), 1, "the stored article's URL is not a stub");
}
