//! The live story page: newest reports first, last update, and what changed since the last
//! visit (by cookie or `?since=`).

mod common;

use std::collections::BTreeMap;
use std::sync::Arc;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use parallax_server::live::{live_view, parse_since};
use parallax_server::{AppState, router};
use parallax_store::Store;
use tower::ServiceExt;

async fn page(app: &axum::Router, uri: &str, cookie: Option<&str>) -> (StatusCode, Option<String>, String) {
    let mut req = Request::get(uri);
    if let Some(c) = cookie {
        req = req.header(header::COOKIE, c);
    }
    let resp = app.clone().oneshot(req.body(Body::empty()).unwrap()).await.unwrap();
    let status = resp.status();
    let set = resp.headers().get(header::SET_COOKIE).map(|v| v.to_str().unwrap().to_string());
    let body = axum::body::to_bytes(resp.into_body(), usize::MAX).await.unwrap();
    (status, set, String::from_utf8(body.to_vec()).unwrap())
}

#[test]
fn changes_since_a_visit_name_new_reports_outlets_and_contradictions() {
    let report = common::gold_report("s-gold", &common::seed_articles());
    let mut added: BTreeMap<String, String> =
        report.articles.keys().map(|s| (s.clone(), "2026-01-01T00:00:00Z".to_string())).collect();
    let late = report.articles.keys().find(|s| s.starts_with("003_")).unwrap().clone();
    added.insert(late.clone(), "2026-01-03T00:00:00Z".into());
    let v = live_view(&report, &added, "2026-01-03T00:00:05Z", parse_since("2026-01-02T00:00:00Z"));
    assert_eq!(v.new_reports, 1);
    assert_eq!(v.new_outlets, [report.articles[&late].outlet.clone().unwrap()]);
    let expected: Vec<String> = report
        .contradictions
        .iter()
        .filter(|c| c.claims.iter().any(|cl| cl.source == late))
        .map(|c| c.about.clone())
        .collect();
    assert!(!expected.is_empty() && expected.len() < report.contradictions.len());
    assert_eq!(v.new_contradictions, expected);
    let none = live_view(&report, &added, "x", parse_since("2026-02-01T00:00:00Z"));
    assert_eq!((none.new_reports, none.new_outlets.len(), none.new_contradictions.len()), (0, 0, 0));
    assert_eq!(live_view(&report, &added, "x", None).since, None, "first visit: no changes section");
}

#[tokio::test]
async fn served_story_page_is_newest_first_with_last_update_and_changes() {
    let dir = tempfile::tempdir().unwrap();
    let (store, index, _) = common::seeded_store(dir.path());
    let store = Arc::new(store);
    let gold = common::install_gold_story(store.as_ref());
    let app = router(AppState::new(store.clone(), Some(Arc::new(index))));
    let updated = store.stories().unwrap().into_iter().find(|s| s.id == "s-gold").unwrap().updated_at;

    let (st, cookie, body) = page(&app, "/stories/s-gold", None).await;
    assert_eq!(st, StatusCode::OK);
    assert!(body.contains(&format!("Last updated <time datetime=\"{updated}\">")), "last update shown");
    assert!(!body.contains("Since your last visit"), "first visit");
    let cookie = cookie.expect("visit recorded");
    assert!(cookie.starts_with("px_seen=") && cookie.contains("Path=/stories/s-gold"), "{cookie}");

    // Newest first: publication date descending (stable for equal dates).
    let mut order: Vec<(&String, &String)> =
        gold.articles.iter().map(|(s, a)| (s, a.published.as_ref().unwrap())).collect();
    order.sort_by(|a, b| b.1.cmp(a.1));
    let shown: Vec<usize> = order
        .iter()
        .map(|(src, _)| body.find(&format!("<dt>File</dt><dd>{src}</dd>")).expect("source column"))
        .collect();
    assert!(shown.windows(2).all(|w| w[0] < w[1]), "columns in order {order:?}");

    let since_before = "2000-01-01T00:00:00Z";
    let (_, _, body) = page(&app, &format!("/stories/s-gold?since={since_before}"), None).await;
    assert!(body.contains("Since your last visit") && body.contains("data-new-reports=\"5\""));
    assert_eq!(body.matches("class=\"new-contradiction\"").count(), gold.contradictions.len());
    let (_, _, body) = page(&app, "/stories/s-gold", Some("other=1; px_seen=4102444800")).await;
    assert!(body.contains("Since your last visit") && body.contains("nothing new."), "visited after every report");
}
