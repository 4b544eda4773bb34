//! PostgreSQL full-text search against a real server: the same queries give the same hits
//! as the tantivy index over the same articles, and snippets mark the matched words.
//! Skips with a visible message when no PostgreSQL server can be had.

use chrono::NaiveDate;
use parallax_search::{PgSearch, Search, SearchIndex, SearchQuery};
use parallax_store::{PgStore, SqliteStore, Store, StoryUpdate, StoryWrite, conformance, testing};

fn populate(store: &dyn Store) {
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
    let c = conformance::article("c.txt", "Negotiations about a ceasefire continued: 1 < 2 & \"x\".", None, None);
    let mut d = conformance::article("d.txt", "A harbour report with no names.", Some("Harbour Times"), None);
    d.title = Some("Peskov in the headline".into());
    store.insert_articles(&[a.clone(), b.clone(), c.clone(), d.clone()]).unwrap();
    let story = |id: &str, m: &[&parallax_core::Article]| StoryWrite {
        id: id.into(),
        members: m.iter().map(|a| a.content_hash()).collect(),
        report: conformance::report(id, id, None, m),
    };
    // The story analysis dated d.txt, which gives no date itself.
    let mut s1 = story("s-1", &[&a, &b, &d]);
    let dated = s1.report.articles.get_mut("d.txt").unwrap();
    dated.published = Some("2025-01-20".into());
    dated.published_evidence = Some("inferred from the story".into());
    store.apply_stories(&StoryUpdate { upserts: vec![s1, story("s-2", &[&c])], deletes: vec![] }).unwrap();
}

fn q(text: &str) -> SearchQuery {
    SearchQuery { text: text.into(), ..Default::default() }
}

fn sources(s: &dyn Search, query: &SearchQuery) -> Vec<String> {
    let mut v: Vec<String> = s.search(query).unwrap().hits.into_iter().map(|h| h.source).collect();
    v.sort();
    v
}

#[test]
fn postgres_search_matches_tantivy_on_the_same_articles() {
    let Some(url) = testing::fresh_url() else { return };
    let pg = PgStore::open(&url, 2).unwrap();
    populate(&pg);
    let pg_search = PgSearch::new(pg.clone());
    let sqlite = SqliteStore::open_in_memory().unwrap();
    populate(&sqlite);
    let tantivy = SearchIndex::in_memory().unwrap();
    tantivy.rebuild(&sqlite).unwrap();

    let day = |m, d| NaiveDate::from_ymd_opt(2025, m, d);
    let mut queries = vec![
        q("Peskov"),
        q("negotiation"),
        q("Peskov ceasefire"),
        q("\"Kremlin spokesman\""),
        q("Peskov -weather"),
        q("title:peskov"),
        q("harbour"),
    ];
    for (outlet, since, until, story) in [
        (Some("bbc"), None, None, None),
        (Some("independent"), None, None, None),
        (Some("reuters"), None, None, None),
        (None, day(1, 15), None, None),
        (None, None, day(1, 10), None),
        (None, None, None, Some("s-2")),
    ] {
        let mut query = q("Peskov");
        query.outlet = outlet.map(str::to_string);
        query.since = since;
        query.until = until;
        query.story = story.map(str::to_string);
        queries.push(query);
    }
    for query in &queries {
        assert_eq!(sources(&pg_search, query), sources(&tantivy, query), "{query:?}");
    }
    // Ranking: the report that repeats the name beats the one that says it once.
    let r = pg_search.search(&q("Peskov spokesman")).unwrap();
    assert_eq!(r.hits[0].source, "a.txt");
    let r = pg_search.search(&q("Peskov")).unwrap();
    let b = r.hits.iter().position(|h| h.source == "b.txt").unwrap();
    let a = r.hits.iter().position(|h| h.source == "a.txt").unwrap();
    assert!(b < a, "{r:?}");
    let a = &r.hits[a];
    assert_eq!(a.story_id.as_deref(), Some("s-1"));
    assert_eq!(a.outlet.as_deref(), Some("BBC News"));
    assert!(a.snippet.marked("[", "]").contains("[Peskov]"), "{:?}", a.snippet);
    // The snippet is verbatim body text (escaping is `Snippet::to_html`'s, unit-tested).
    let c = &pg_search.search(&q("ceasefire")).unwrap().hits[0];
    assert!(c.snippet.marked("[", "]").contains("a [ceasefire] continued"), "{:?}", c.snippet);
}

#[test]
fn postgres_search_rejects_empty_and_tolerates_hostile_queries() {
    let Some(url) = testing::fresh_url() else { return };
    let pg = PgStore::open(&url, 2).unwrap();
    populate(&pg);
    let s = PgSearch::new(pg);
    assert!(s.search(&q("   ")).is_err());
    let mut query = q("Peskov");
    query.outlet = Some("--".into());
    assert!(s.search(&query).is_err());
    for text in
        ["Peskov)", "\"unterminated", "title:", "AND OR", "(((", "<script>", "'; DROP TABLE articles; --", "a:*"]
    {
        let r = s.search(&q(text));
        assert!(r.is_ok() || matches!(r, Err(parallax_search::SearchError::BadQuery(_))), "{text}: {r:?}");
    }
    assert_eq!(s.search(&q("Peskov")).unwrap().hits.len(), 3, "the table survived");
}

/// A report dated only by its story's analysis is found by date filters in both backends,
/// under the inferred day and marked as inferred; the day goes when it leaves the story.
#[test]
fn inferred_days_are_searchable_in_both_backends() {
    let Some(url) = testing::fresh_url() else { return };
    let pg = PgStore::open(&url, 2).unwrap();
    populate(&pg);
    let sqlite = SqliteStore::open_in_memory().unwrap();
    populate(&sqlite);
    let tantivy = SearchIndex::in_memory().unwrap();
    tantivy.rebuild(&sqlite).unwrap();
    let mut query = q("harbour");
    query.since = NaiveDate::from_ymd_opt(2025, 1, 15);
    query.until = NaiveDate::from_ymd_opt(2025, 1, 25);
    for s in [&PgSearch::new(pg.clone()) as &dyn Search, &tantivy] {
        let hits = s.search(&query).unwrap().hits;
        assert_eq!(hits.len(), 1, "{hits:?}");
        assert_eq!(hits[0].published.as_deref(), Some("2025-01-20"));
        assert!(hits[0].published_inferred);
        let dated = s.search(&q("Peskov repeated")).unwrap().hits;
        assert!(dated.iter().all(|h| !h.published_inferred), "{dated:?}");
    }
    // The story is removed: d.txt has no date any more, so the filter drops it.
    pg.apply_stories(&StoryUpdate { upserts: vec![], deletes: vec!["s-1".into()] }).unwrap();
    assert!(PgSearch::new(pg).search(&query).unwrap().hits.is_empty());
}
