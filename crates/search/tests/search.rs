//! Search over a real SQLite store: BM25 ranking, snippets, filters, incremental sync and
//! rebuild from the store.

use chrono::NaiveDate;
use parallax_search::{SearchIndex, SearchQuery, SyncOutcome, index_dir_for};
use parallax_store::{SqliteStore, Store, StoryUpdate, StoryWrite, conformance};

fn q(text: &str) -> SearchQuery {
    SearchQuery { text: text.into(), ..Default::default() }
}

fn ids(index: &SearchIndex, query: &SearchQuery) -> Vec<String> {
    index.search(query).unwrap().hits.into_iter().map(|h| h.source).collect()
}

fn setup() -> (SqliteStore, SearchIndex, u64) {
    let store = SqliteStore::open_in_memory().unwrap();
    let a = conformance::article(
        "a.txt",
        "The Kremlin spokesman Dmitry Peskov said talks were possible.\n\nOther words about weather.",
        Some("BBC News"),
        Some("2025-01-10"),
    );
    let b = conformance::article(
        "b.txt",
        "Peskov repeated the line. Peskov again. Peskov, Peskov.",
        Some("The Independent"),
        Some("2025-02-01"),
    );
    let c = conformance::article("c.txt", "Negotiations about a ceasefire continued.", None, None);
    let base = store.generation().unwrap();
    store.insert_articles(&[a.clone(), b.clone(), c.clone()]).unwrap();
    store
        .apply_stories(&StoryUpdate {
            upserts: vec![
                StoryWrite {
                    id: "s-1".into(),
                    members: vec![a.content_hash(), b.content_hash()],
                    report: conformance::report("s-1", "H1", None, &[&a, &b]),
                },
                StoryWrite {
                    id: "s-2".into(),
                    members: vec![c.content_hash()],
                    report: conformance::report("s-2", "H2", None, &[&c]),
                },
            ],
            deletes: vec![],
        })
        .unwrap();
    let index = SearchIndex::in_memory().unwrap();
    let changed: Vec<String> = store.articles().unwrap().into_iter().map(|a| a.id).collect();
    // A fresh index reflects no generation: sync rebuilds.
    assert_eq!(index.sync(&store, base, &changed).unwrap(), SyncOutcome::Rebuilt(3));
    (store, index, base)
}

#[test]
fn bm25_ranks_and_highlights() {
    let (_s, index, _) = setup();
    let r = index.search(&q("Peskov")).unwrap();
    assert_eq!(r.hits.iter().map(|h| h.source.as_str()).collect::<Vec<_>>(), ["b.txt", "a.txt"]);
    let a = &r.hits[1];
    assert_eq!(a.story_id.as_deref(), Some("s-1"));
    assert_eq!(a.outlet.as_deref(), Some("BBC News"));
    let marked = a.snippet.marked("[", "]");
    assert!(marked.contains("[Peskov]"), "{marked}");
    assert!(a.snippet.to_html().contains("<mark>Peskov</mark>"));
    // Stemming: "negotiation" finds "Negotiations".
    assert_eq!(ids(&index, &q("negotiation")), ["c.txt"]);
    // All words required.
    assert!(ids(&index, &q("Peskov ceasefire")).is_empty());
    assert!(index.search(&q("   ")).is_err());
}

#[test]
fn filters_by_outlet_date_and_story() {
    let (_s, index, _) = setup();
    let mut query = q("Peskov");
    query.outlet = Some("bbc".into());
    assert_eq!(ids(&index, &query), ["a.txt"]);
    query.outlet = Some("independent".into());
    assert_eq!(ids(&index, &query), ["b.txt"]);
    query.outlet = Some("reuters".into());
    assert!(ids(&index, &query).is_empty());
    let mut query = q("Peskov");
    query.since = NaiveDate::from_ymd_opt(2025, 1, 15);
    assert_eq!(ids(&index, &query), ["b.txt"]);
    query.since = None;
    query.until = NaiveDate::from_ymd_opt(2025, 1, 10);
    assert_eq!(ids(&index, &query), ["a.txt"]);
    let mut query = q("ceasefire OR Peskov");
    query.story = Some("s-2".into());
    assert_eq!(ids(&index, &query), ["c.txt"]);
}

#[test]
fn hostile_query_syntax_is_tolerated() {
    let (_s, index, _) = setup();
    for text in ["Peskov)", "\"unterminated", "title:", "AND OR", "(((", "<script>"] {
        let r = index.search(&q(text));
        assert!(r.is_ok() || matches!(r, Err(parallax_search::SearchError::BadQuery(_))), "{text}: {r:?}");
    }
}

#[test]
fn incremental_sync_then_stale_index_rebuilds_on_disk() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("p.db");
    let store = SqliteStore::open(&db).unwrap();
    let index = SearchIndex::open(&index_dir_for(&db)).unwrap();
    let a = conformance::article("a.txt", "Zeta particle discovered.", None, None);
    let g0 = store.generation().unwrap();
    store.insert_articles(std::slice::from_ref(&a)).unwrap();
    assert_eq!(index.sync(&store, g0, &[a.content_hash()]).unwrap(), SyncOutcome::Rebuilt(1));
    assert_eq!(index.sync(&store, g0, &[]).unwrap(), SyncOutcome::Current);
    let g1 = store.generation().unwrap();
    let b = conformance::article("b.txt", "Another zeta result.", None, None);
    store.insert_articles(std::slice::from_ref(&b)).unwrap();
    assert_eq!(index.sync(&store, g1, &[b.content_hash()]).unwrap(), SyncOutcome::Incremental(1));
    assert_eq!(ids(&index, &q("zeta")).len(), 2);
    // The store moves on without the index (e.g. a crash before the index commit).
    let c = conformance::article("c.txt", "Third zeta.", None, None);
    let g2 = store.generation().unwrap();
    store.insert_articles(std::slice::from_ref(&c)).unwrap();
    let d = conformance::article("d.txt", "Fourth zeta.", None, None);
    store.insert_articles(std::slice::from_ref(&d)).unwrap();
    let g3 = store.generation().unwrap();
    assert!(g3 > g2);
    // Caller claims base g3-ish but the index is at g2: rebuild, not a partial update.
    assert_eq!(index.sync(&store, g3, &[d.content_hash()]).unwrap(), SyncOutcome::Rebuilt(4));
    drop(index);
    // Reopening keeps the data and the generation.
    let index = SearchIndex::open(&index_dir_for(&db)).unwrap();
    assert_eq!(index.indexed_generation().unwrap(), Some(g3));
    assert_eq!(index.len(), 4);
    // A corrupt index directory is recreated (derived data).
    drop(index);
    std::fs::write(index_dir_for(&db).join("meta.json"), b"{not json").unwrap();
    let index = SearchIndex::open(&index_dir_for(&db)).unwrap();
    assert!(index.is_empty());
    assert_eq!(index.sync(&store, g3, &[]).unwrap(), SyncOutcome::Rebuilt(4));
}
