//! Test fixtures: the in-repo seeds, a story report built from the seeds' hand-made gold
//! analysis (so the page has contradictions and quote groups whatever the live analysis
//! produces), and a hostile article.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use parallax_core::Article;
use parallax_core::report::{Contradiction, ContradictionClaim, QuoteGroup, StoryReport};
use parallax_search::SearchIndex;
use parallax_store::{SqliteStore, Store, StoryUpdate, StoryWrite};

pub const HOSTILE_SCRIPT: &str = "<script>window.__pwned = 1; document.title = 'PWNED';</script>";
pub const HOSTILE_IMG: &str = "\"><img src=x onerror=\"window.__pwned = 2; document.title = 'PWNED'\">";

pub fn seeds_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/seeds")
}

/// The seed articles, extracted.
pub fn seed_articles() -> Vec<Article> {
    let ingested = parallax_ingest::ingest_paths(&[seeds_dir()]);
    let docs: Vec<_> = ingested.documents.into_iter().filter(|d| d.source.ends_with(".txt")).collect();
    let (articles, skipped) = parallax_pipeline::extract_all(&docs, &parallax_pipeline::no_progress);
    assert!(skipped.is_empty(), "{skipped:?}");
    assert_eq!(articles.len(), 5);
    articles
}

/// The gold analysis of the seeds as a StoryReport, bodies taken from `articles`.
pub fn gold_report(id: &str, articles: &[Article]) -> StoryReport {
    let text = std::fs::read_to_string(seeds_dir().join("gold.json")).unwrap();
    let mut v: serde_json::Value = serde_json::from_str(&text).unwrap();
    v["story"]["id"] = serde_json::json!(id);
    v["summary"] = serde_json::json!([]);
    for (src, a) in v["articles"].as_object_mut().unwrap() {
        let body = articles.iter().find(|x| &x.source == src).map(|x| x.body.clone()).unwrap_or_default();
        a["body"] = serde_json::json!(body);
    }
    for t in v["text_reuse"].as_array_mut().into_iter().flatten() {
        let words = t["passage"].as_str().unwrap_or("").split_whitespace().count();
        if t.get("length").is_none() {
            t["length"] = serde_json::json!(words);
        }
        if t.get("credited").is_none() {
            t["credited"] = serde_json::json!(false);
        }
    }
    let r: StoryReport = serde_json::from_value(v).expect("gold.json fits StoryReport");
    assert!(!r.contradictions.is_empty() && !r.quotes.is_empty());
    r
}

/// A store (on disk in `dir`) with the seeds ingested through the library, plus a story
/// `s-gold` holding the gold analysis over the same articles. Returns the live story ids.
pub fn seeded_store(dir: &Path) -> (SqliteStore, SearchIndex, Vec<String>) {
    let db = dir.join("p.db");
    let store = SqliteStore::open(&db).unwrap();
    let index = SearchIndex::open(&parallax_search::index_dir_for(&db)).unwrap();
    let articles = seed_articles();
    let r = parallax_server::library::add_articles(&store, Some(&index), &articles, &parallax_pipeline::no_progress)
        .unwrap();
    assert_eq!(r.added(), 5);
    let live: Vec<String> = store.stories().unwrap().into_iter().map(|s| s.id).collect();
    (store, index, live)
}

/// Moves every seed article into one story carrying the gold analysis (`s-gold`).
pub fn install_gold_story(store: &dyn Store) -> StoryReport {
    let articles: Vec<Article> = store.articles().unwrap().into_iter().map(|a| a.article).collect();
    let report = gold_report("s-gold", &articles);
    let existing: Vec<String> = store.stories().unwrap().into_iter().map(|s| s.id).collect();
    store
        .apply_stories(&StoryUpdate {
            upserts: vec![StoryWrite {
                id: "s-gold".into(),
                members: articles.iter().map(Article::content_hash).collect(),
                report: report.clone(),
            }],
            deletes: existing,
        })
        .unwrap();
    report
}

/// An article whose text and metadata try to inject markup.
pub fn hostile_article() -> Article {
    Article {
        source: format!("evil{HOSTILE_IMG}.txt"),
        url: Some("javascript:window.__pwned=3".into()),
        title: Some(format!("Headline {HOSTILE_SCRIPT}")),
        outlet: Some(format!("Outlet {HOSTILE_IMG}")),
        byline: Some(HOSTILE_SCRIPT.into()),
        published: Some("2024-06-01".into()),
        body: format!(
            "The minister said on Monday that {HOSTILE_SCRIPT} talks would resume.\n\n\"We will not yield {HOSTILE_IMG},\" the minister said.\n\nMore text </p></div><style>body{{display:none}}</style> after."
        ),
        ..Default::default()
    }
}

/// A report over the hostile article with hostile strings in every section.
pub fn hostile_report(id: &str, a: &Article) -> StoryReport {
    let mut r = parallax_store::conformance::report(
        id,
        &format!("Story {HOSTILE_SCRIPT}{HOSTILE_IMG}"),
        Some("2024-06-01"),
        &[a],
    );
    let src = a.source.clone();
    r.quotes = vec![QuoteGroup {
        id: "q1".into(),
        speaker: Some(format!("Speaker {HOSTILE_IMG}")),
        via: Some(HOSTILE_SCRIPT.into()),
        same_statement_in: [(src.clone(), format!("We will not yield {HOSTILE_IMG}"))].into_iter().collect(),
        ..Default::default()
    }];
    r.contradictions = vec![Contradiction {
        id: "c1".into(),
        kind: "date".into(),
        about: format!("when {HOSTILE_SCRIPT}"),
        claims: vec![ContradictionClaim {
            source: src.clone(),
            says: format!("on Monday {HOSTILE_IMG}"),
            resolves_to: Some("2024-05-27".into()),
            error: Some(HOSTILE_SCRIPT.into()),
        }],
    }];
    r.summary =
        vec![parallax_core::report::SummarySentence { sentence: HOSTILE_IMG.into(), sources: vec![src.clone()] }];
    r.agreements = vec![parallax_core::report::Agreement { claim: HOSTILE_SCRIPT.into(), sources: vec![src.clone()] }];
    r
}

/// Stores the hostile article as story `id`.
pub fn install_hostile_story(store: &dyn Store, id: &str) -> StoryReport {
    let a = hostile_article();
    store.insert_articles(std::slice::from_ref(&a)).unwrap();
    let r = hostile_report(id, &a);
    store
        .apply_stories(&StoryUpdate {
            upserts: vec![StoryWrite { id: id.into(), members: vec![a.content_hash()], report: r.clone() }],
            deletes: vec![],
        })
        .unwrap();
    r
}
