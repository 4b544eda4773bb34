//! HTTP handlers in-process (tower `oneshot`), the ingest library on the seeds, and
//! escaping of hostile text on every page.

mod common;

use std::sync::Arc;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use parallax_server::{AppState, library, router};
use parallax_store::Store;
use serde_json::Value;
use tower::ServiceExt;

struct Fixture {
    _dir: tempfile::TempDir,
    app: axum::Router,
    store: Arc<parallax_store::SqliteStore>,
    live: Vec<String>,
}

fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let (store, index, live) = common::seeded_store(dir.path());
    let store = Arc::new(store);
    let app = router(AppState::new(store.clone(), Some(Arc::new(index))));
    Fixture { _dir: dir, app, store, live }
}

async fn call(app: &axum::Router, req: Request<Body>) -> (StatusCode, String, String) {
    let resp = app.clone().oneshot(req).await.unwrap();
    let status = resp.status();
    let ctype = resp.headers().get("content-type").map(|v| v.to_str().unwrap().to_string()).unwrap_or_default();
    let body = axum::body::to_bytes(resp.into_body(), usize::MAX).await.unwrap();
    (status, ctype, String::from_utf8(body.to_vec()).unwrap())
}

async fn get(app: &axum::Router, uri: &str) -> (StatusCode, String, String) {
    call(app, Request::get(uri).body(Body::empty()).unwrap()).await
}

fn json(s: &str) -> Value {
    serde_json::from_str(s).unwrap_or_else(|e| panic!("not JSON ({e}): {s}"))
}

fn error_code(s: &str) -> String {
    json(s)["error"]["code"].as_str().unwrap().to_string()
}

#[tokio::test]
async fn json_api_reads_stories_articles_and_search() {
    let f = fixture();
    let (st, ct, body) = get(&f.app, "/api/stories").await;
    assert_eq!(st, StatusCode::OK);
    assert!(ct.starts_with("application/json"), "{ct}");
    let list = json(&body);
    let ids: Vec<&str> = list.as_array().unwrap().iter().map(|s| s["id"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), f.live.len());
    let total: u64 = list.as_array().unwrap().iter().map(|s| s["article_count"].as_u64().unwrap()).sum();
    assert_eq!(total, 5);

    let (st, _, body) = get(&f.app, &format!("/api/stories/{}", ids[0])).await;
    assert_eq!(st, StatusCode::OK);
    let story = json(&body);
    assert_eq!(story["report"]["story"]["id"], ids[0]);
    let member = story["members"][0].as_str().unwrap().to_string();

    let (st, _, body) = get(&f.app, &format!("/api/articles/{member}")).await;
    assert_eq!(st, StatusCode::OK);
    assert_eq!(json(&body)["story_id"], ids[0]);

    let (st, _, body) = get(&f.app, "/api/search?q=Peskov").await;
    assert_eq!(st, StatusCode::OK);
    let hits = json(&body)["hits"].as_array().unwrap().clone();
    assert!(hits.len() >= 3, "Peskov is in at least three seed reports: {body}");
    let hits_all = hits.len();
    assert!(hits.iter().all(|h| h["snippet"]["text"].as_str().unwrap().contains("Peskov")));
    let (_, _, body) = get(&f.app, "/api/search?q=Peskov&outlet=BBC").await;
    let hits = json(&body)["hits"].as_array().unwrap().clone();
    assert!(!hits.is_empty() && hits.iter().all(|h| h["outlet"].as_str().unwrap_or("").contains("BBC")), "{body}");
    // Dates inferred at story level are indexed: a date filter keeps every report.
    let (_, _, body) = get(&f.app, "/api/search?q=Peskov&since=2025-04-01").await;
    let dated = json(&body)["hits"].as_array().unwrap().clone();
    assert_eq!(dated.len(), hits_all, "a date filter must not lose reports dated at story level: {body}");
    assert!(dated.iter().all(|h| h["published"].is_string()), "{body}");
    let (_, _, body) = get(&f.app, "/api/search?q=Peskov&since=2030-01-01").await;
    assert!(json(&body)["hits"].as_array().unwrap().is_empty());
}

#[tokio::test]
async fn json_errors_have_stable_codes() {
    let f = fixture();
    for (uri, status, code) in [
        ("/api/stories/s-nope", StatusCode::NOT_FOUND, "not_found"),
        ("/api/articles/0123", StatusCode::NOT_FOUND, "not_found"),
        ("/api/search", StatusCode::BAD_REQUEST, "bad_request"),
        ("/api/search?q=x&since=yesterday", StatusCode::BAD_REQUEST, "bad_request"),
        ("/api/nothing-here", StatusCode::NOT_FOUND, "not_found"),
        ("/api", StatusCode::NOT_FOUND, "not_found"),
        ("/api/", StatusCode::NOT_FOUND, "not_found"),
        ("/apis", StatusCode::NOT_FOUND, "not_found"),
        ("/api/stories/x/y", StatusCode::NOT_FOUND, "not_found"),
    ] {
        let (st, ct, body) = get(&f.app, uri).await;
        assert_eq!(st, status, "{uri}: {body}");
        assert!(ct.starts_with("application/json"), "{uri}: {ct}");
        assert_eq!(error_code(&body), code, "{uri}");
    }
}

#[tokio::test]
async fn post_article_adds_then_reports_duplicate_and_limits_input() {
    let f = fixture();
    let text = "Harbour workers strike\n\nDock workers in the northern port walked out on Friday over pay, the union said.\n\nThe strike is expected to last three days, according to union officials who spoke to reporters.";
    let post = |body: Vec<u8>, ctype: &str| {
        Request::post("/api/articles?source=strike.txt").header("content-type", ctype).body(Body::from(body)).unwrap()
    };
    let (st, _, body) = call(&f.app, post(text.as_bytes().to_vec(), "text/plain")).await;
    assert_eq!(st, StatusCode::CREATED, "{body}");
    let v = json(&body);
    assert_eq!(v["status"], "added");
    let id = v["id"].as_str().unwrap().to_string();
    assert!(v["story_id"].is_string(), "new article joins a story: {body}");
    let (st, _, body) = call(&f.app, post(text.as_bytes().to_vec(), "text/plain")).await;
    assert_eq!(st, StatusCode::OK);
    assert_eq!(json(&body)["status"], "duplicate");
    assert_eq!(f.store.stats().unwrap().articles, 6);
    // Searchable at once.
    let (_, _, body) = get(&f.app, "/api/search?q=dock+workers").await;
    assert_eq!(json(&body)["hits"][0]["id"], id.as_str());

    let (st, _, body) = call(&f.app, post(vec![b'a'; parallax_server::MAX_BODY_BYTES + 10], "text/plain")).await;
    assert_eq!((st, error_code(&body).as_str()), (StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large"));
    let (st, _, body) = call(&f.app, post(vec![], "text/plain")).await;
    assert_eq!((st, error_code(&body).as_str()), (StatusCode::BAD_REQUEST, "bad_request"));
    let (st, _, body) =
        call(&f.app, post(vec![0u8, 159, 146, 150, 0, 1, 2, 3, 0, 0, 0, 7], "application/octet-stream")).await;
    assert_eq!((st, error_code(&body).as_str()), (StatusCode::UNPROCESSABLE_ENTITY, "no_article"), "{body}");
    let html = "<html><head><title>Port strike</title></head><body><article><h1>Port strike ends</h1><p>The strike at the northern port ended on Sunday after the union accepted a new pay offer from the employers.</p><p>Workers return on Monday, officials said, after three days of disruption to shipping.</p></article></body></html>";
    let (st, _, body) = call(&f.app, post(html.as_bytes().to_vec(), "text/html; charset=utf-8")).await;
    assert_eq!(st, StatusCode::CREATED, "{body}");
    let (_, _, body) = get(&f.app, &format!("/api/articles/{}", json(&body)["id"].as_str().unwrap())).await;
    assert!(json(&body)["article"]["body"].as_str().unwrap().contains("northern port ended on Sunday"), "{body}");
    assert!(!json(&body)["article"]["body"].as_str().unwrap().contains("<p>"), "HTML parsed, not stored as text");
}

#[tokio::test]
async fn html_pages_list_show_search_and_404() {
    let f = fixture();
    let (st, ct, body) = get(&f.app, "/").await;
    assert_eq!(st, StatusCode::OK);
    assert!(ct.starts_with("text/html"));
    assert!(body.contains("id=\"stories\""));
    for id in &f.live {
        assert!(body.contains(&format!("/stories/{id}")), "{id} listed");
    }
    let (st, _, body) = get(&f.app, &format!("/stories/{}", f.live[0])).await;
    assert_eq!(st, StatusCode::OK);
    for section in [
        "summary-1",
        "contradictions-1",
        "quotes-1",
        "timeline-1",
        "agreements-1",
        "single-1",
        "entities-1",
        "reuse-1",
        "sources-1",
    ] {
        assert!(body.contains(&format!("id=\"{section}\"")), "section {section}");
    }
    assert!(!body.contains("http://") && !body.contains("https://") || !body.contains("<link"), "no external assets");
    let (st, _, body) = get(&f.app, "/search?q=Peskov").await;
    assert_eq!(st, StatusCode::OK);
    assert!(body.contains("<mark>Peskov</mark>"), "highlighted");
    let (st, ct, _) = get(&f.app, "/stories/s-nope").await;
    assert_eq!(st, StatusCode::NOT_FOUND);
    assert!(ct.starts_with("text/html"));
}

#[tokio::test]
async fn gold_story_page_shows_contradictions_with_each_outlets_words_and_grouped_quotes() {
    let f = fixture();
    let gold = common::install_gold_story(f.store.as_ref());
    let (st, _, body) = get(&f.app, "/stories/s-gold").await;
    assert_eq!(st, StatusCode::OK);
    assert_eq!(body.matches("class=\"contradiction\"").count(), gold.contradictions.len());
    assert_eq!(body.matches("class=\"quote\"").count(), gold.quotes.len());
    assert!(body.contains("on Tuesday") && body.contains("on Monday"));
    assert!(body.contains("23 April 2025 was a Wednesday"), "in-report error shown");
    assert!(body.contains("Dmitry Peskov"));
    // Sources side by side: one column per report.
    assert_eq!(body.matches("class=\"source\"").count(), 5);
}

/// Decodes the entities the escapers use (askama writes `&#60;`, the search snippets `&lt;`).
fn unescape(s: &str) -> String {
    s.replace("&#60;", "<")
        .replace("&lt;", "<")
        .replace("&#62;", ">")
        .replace("&gt;", ">")
        .replace("&#34;", "\"")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#38;", "&")
        .replace("&amp;", "&")
}

fn assert_inert(page: &str) {
    assert!(!page.contains("<script"), "no script element in page");
    assert!(!page.contains("<img"), "no img element in page");
    assert!(!page.contains("<style>body"), "no injected style");
    assert!(!page.contains("href=\"javascript:"), "no javascript: links");
    let page = unescape(page);
    assert!(page.contains("<script>window.__pwned"), "script shown as text");
    assert!(page.contains("<img src=x onerror="), "img shown as text");
}

#[tokio::test]
async fn hostile_article_renders_inert_on_every_page() {
    let f = fixture();
    common::install_hostile_story(f.store.as_ref(), "s-evil");
    let (_, _, page) = get(&f.app, "/stories/s-evil").await;
    assert_inert(&page);
    let (_, _, list) = get(&f.app, "/").await;
    assert!(!list.contains("<script") && unescape(&list).contains("<script>window"));
    // Standalone page of `analyze --format html` and `show --format html`.
    let report = common::hostile_report("s-evil", &common::hostile_article());
    let out = parallax_core::report::AnalysisOutput { schema_version: 1, stories: vec![report], skipped: vec![] };
    assert_inert(&parallax_server::render_report_html(&out));
    // The live analysis of the hostile article, through ingest.
    let dir = tempfile::tempdir().unwrap();
    let store = parallax_store::SqliteStore::open(&dir.path().join("e.db")).unwrap();
    library::add_articles(&store, None, &[common::hostile_article()], &parallax_pipeline::no_progress).unwrap();
    let id = store.stories().unwrap()[0].id.clone();
    let page = parallax_server::html::story_page(&store.story(&id).unwrap().unwrap().report);
    assert_inert(&page);
}

#[test]
fn ingesting_the_seeds_twice_adds_nothing_and_recomputes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (store, index, live) = common::seeded_store(dir.path());
    let before = store.stories().unwrap();
    let r =
        library::add_articles(&store, Some(&index), &common::seed_articles(), &parallax_pipeline::no_progress).unwrap();
    assert_eq!((r.added(), r.duplicates()), (0, 5));
    assert_eq!(r.stories.analysed, 0, "no story changed, none re-analysed");
    assert_eq!(r.stories.unchanged, live.len());
    assert_eq!(store.stories().unwrap(), before);
    assert_eq!(index.len(), 5);
}

#[test]
fn reports_join_existing_stories_incrementally_with_stable_ids() {
    let dir = tempfile::tempdir().unwrap();
    let store = parallax_store::SqliteStore::open(&dir.path().join("p.db")).unwrap();
    let articles = common::seed_articles();
    let (first, rest) = articles.split_at(3);
    library::add_articles(&store, None, first, &parallax_pipeline::no_progress).unwrap();
    let old: std::collections::BTreeMap<String, Option<String>> =
        store.articles().unwrap().into_iter().map(|a| (a.id, a.story_id)).collect();
    let old_ids: std::collections::BTreeSet<String> = store.stories().unwrap().into_iter().map(|s| s.id).collect();
    let r = library::add_articles(&store, None, rest, &parallax_pipeline::no_progress).unwrap();
    assert_eq!(r.added(), 2);
    // Same as analysing everything at once, apart from ids.
    let mut all_at_once: Vec<usize> = parallax_pipeline::analyze_articles(&articles, &parallax_pipeline::no_progress)
        .iter()
        .map(|s| s.story.article_count)
        .collect();
    let mut stored: Vec<usize> = store.stories().unwrap().iter().map(|s| s.article_count).collect();
    all_at_once.sort();
    stored.sort();
    assert_eq!(stored, all_at_once);
    // An earlier story whose articles all stay together keeps an earlier id (a merge keeps
    // one of the merged ids; only a split can mint a new one).
    let now: std::collections::BTreeMap<String, Option<String>> =
        store.articles().unwrap().into_iter().map(|a| (a.id, a.story_id)).collect();
    for sid in &old_ids {
        let new: std::collections::BTreeSet<&Option<String>> =
            old.iter().filter(|(_, s)| s.as_deref() == Some(sid.as_str())).map(|(id, _)| &now[id]).collect();
        if new.len() == 1 {
            let new_id = new.into_iter().next().unwrap().as_deref().unwrap();
            assert!(old_ids.contains(new_id), "story {sid} became {new_id}, a new id");
        }
    }
    assert_eq!(store.stats().unwrap().unassigned, 0);
    // Report ids match the stored ids.
    for s in store.stories().unwrap() {
        assert_eq!(store.story(&s.id).unwrap().unwrap().report.story.id, s.id);
    }
}
