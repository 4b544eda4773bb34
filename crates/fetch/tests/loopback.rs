//! The fetcher against real HTTP servers on 127.0.0.1 started by the test: new items and
//! their pages, conditional GET and 304, a failing and a slow host backing off while other
//! feeds proceed, redirect loops and oversized pages refused with a reason, a 404 page
//! falling back to the item's content, robots.txt, and hosts nobody listed left alone.

use std::collections::BTreeSet;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use parallax_fetch::poll::{FeedContent, FeedRequest, ItemDoc, poll_feed};
use parallax_fetch::{FetchConfig, FetchError, Fetcher, Outcome, Validators};

/// Requests a server saw: path and headers.
type Log = Arc<Mutex<Vec<(String, HeaderMap)>>>;

struct Server {
    base: String,
    log: Log,
}

impl Server {
    fn paths(&self) -> Vec<String> {
        self.log.lock().unwrap().iter().map(|(p, _)| p.clone()).collect()
    }
    fn headers_of(&self, path: &str) -> Vec<HeaderMap> {
        self.log.lock().unwrap().iter().filter(|(p, _)| p == path).map(|(_, h)| h.clone()).collect()
    }
}

async fn start() -> Server {
    let log: Log = Arc::default();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let app = Router::new().fallback(site).with_state((log.clone(), base.clone()));
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    Server { base, log }
}

fn rss(base: &str, items: &[(&str, &str, &str)]) -> String {
    let items: String = items
        .iter()
        .map(|(id, link, body)| {
            format!("<item><guid>{id}</guid><title>Item {id}</title><link>{base}{link}</link><description>{body}</description></item>")
        })
        .collect();
    format!("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Test Wire</title>{items}</channel></rss>")
}

const ETAG: &str = "\"feed-v1\"";
const LAST_MODIFIED: &str = "Tue, 01 Dec 2026 10:00:00 GMT";

async fn site(State((log, base)): State<(Log, String)>, req: Request) -> Response {
    let path = req.uri().path().to_string();
    log.lock().unwrap().push((path.clone(), req.headers().clone()));
    let html = |s: String| ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], s).into_response();
    match path.as_str() {
        "/feed.xml" => {
            if req.headers().get(header::IF_NONE_MATCH).is_some_and(|v| v == ETAG) {
                return StatusCode::NOT_MODIFIED.into_response();
            }
            let items: Vec<(String, String, &str)> =
                (1..=5).map(|i| (format!("a{i}"), format!("/page/{i}"), "Feed summary.")).collect();
            let items: Vec<(&str, &str, &str)> = items.iter().map(|(a, b, c)| (a.as_str(), b.as_str(), *c)).collect();
            ([(header::ETAG, ETAG), (header::LAST_MODIFIED, LAST_MODIFIED)], rss(&base, &items)).into_response()
        }
        "/mixed.xml" => rss(
            &base,
            &[
                ("m1", "/missing", "The feed's own text of item one."),
                ("m2", "/loop/a", "The feed's own text of item two."),
                ("m3", "/big", "The feed's own text of item three."),
                ("m4", "/private/p", "The feed's own text of item four."),
                ("m5", "/missing", ""),
            ],
        )
        .into_response(),
        "/robots.txt" => "User-agent: *\nDisallow: /private/\n".into_response(),
        "/err.xml" => (StatusCode::INTERNAL_SERVER_ERROR, "down").into_response(),
        "/slow.xml" => {
            tokio::time::sleep(Duration::from_secs(3)).await;
            rss(&base, &[]).into_response()
        }
        "/loop/a" => (StatusCode::FOUND, [(header::LOCATION, "/loop/b")]).into_response(),
        "/loop/b" => (StatusCode::FOUND, [(header::LOCATION, "/loop/a")]).into_response(),
        "/big" => html(format!("<html><body><p>{}</p></body></html>", "x".repeat(300_000))),
        "/latin1.gz" => {
            use std::io::Write;
            let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
            e.write_all(b"<html><body><p>Caf\xe9 cr\xe8me</p></body></html>").unwrap();
            let body = e.finish().unwrap();
            ([(header::CONTENT_TYPE, "text/html; charset=ISO-8859-1"), (header::CONTENT_ENCODING, "gzip")], body)
                .into_response()
        }
        p if p.starts_with("/page/") => html(format!("<html><body><article><p>Page {p}.</p></article></body></html>")),
        _ => (StatusCode::NOT_FOUND, "no such page").into_response(),
    }
}

fn fetcher() -> Arc<Fetcher> {
    Fetcher::new(FetchConfig {
        pause: Duration::from_millis(5),
        timeout: Duration::from_millis(800),
        max_bytes: 100_000,
        backoff_base: Duration::from_secs(60),
        ..FetchConfig::default()
    })
    .unwrap()
}

fn feed(url: String) -> FeedRequest {
    FeedRequest { url, ..FeedRequest::default() }
}

#[tokio::test]
async fn new_items_then_conditional_get_gets_304() {
    let s = start().await;
    let f = fetcher();
    let url = format!("{}/feed.xml", s.base);
    f.allow_url(&url).unwrap();
    let FeedContent::Fetched { validators, new_items, .. } = poll_feed(&f, &feed(url.clone())).await.unwrap() else {
        panic!("first poll fetches the feed")
    };
    assert_eq!(new_items.len(), 5);
    for (i, it) in new_items.iter().enumerate() {
        let ItemDoc::Page(d) = &it.doc else { panic!("page of item {i}: {:?}", it.doc) };
        assert_eq!(d.url.as_deref(), Some(format!("{}/page/{}", s.base, i + 1).as_str()));
        assert!(d.text.contains(&format!("Page /page/{}.", i + 1)));
        assert_eq!(d.hints.outlet.as_deref(), Some("Test Wire"));
        assert_eq!(it.key, format!("a{}", i + 1));
    }
    assert_eq!(validators, Validators { etag: Some(ETAG.into()), last_modified: Some(LAST_MODIFIED.into()) });
    let first_headers = &s.headers_of("/feed.xml")[0];
    let ua = first_headers[header::USER_AGENT].to_str().unwrap();
    assert!(ua.starts_with("parallax/"), "clear User-Agent: {ua}");
    assert!(first_headers.get(header::IF_NONE_MATCH).is_none());

    let again = FeedRequest { url: url.clone(), validators, seen: BTreeSet::new() };
    assert!(matches!(poll_feed(&f, &again).await.unwrap(), FeedContent::NotModified { .. }));
    let second = &s.headers_of("/feed.xml")[1];
    assert_eq!(second[header::IF_NONE_MATCH], ETAG);
    assert_eq!(second[header::IF_MODIFIED_SINCE], LAST_MODIFIED);
    assert_eq!(s.paths().iter().filter(|p| p.starts_with("/page/")).count(), 5, "no page fetched again");
    assert_eq!(s.paths().iter().filter(|p| *p == "/robots.txt").count(), 1, "robots.txt fetched once per host");

    // Without validators but with every item seen: the feed is fetched, nothing is new.
    let seen: BTreeSet<String> = (1..=5).map(|i| format!("a{i}")).collect();
    let r = poll_feed(&f, &FeedRequest { url, validators: Validators::default(), seen }).await.unwrap();
    assert!(matches!(r, FeedContent::Fetched { ref new_items, .. } if new_items.is_empty()), "{r:?}");
}

#[tokio::test]
async fn refused_pages_fall_back_to_the_items_own_content_with_a_reason() {
    let s = start().await;
    let f = fetcher();
    let url = format!("{}/mixed.xml", s.base);
    f.allow_url(&url).unwrap();
    let FeedContent::Fetched { new_items, .. } = poll_feed(&f, &feed(url)).await.unwrap() else { panic!() };
    let reasons: Vec<(String, String)> = new_items
        .iter()
        .map(|it| match &it.doc {
            ItemDoc::Fallback(d, why) => (d.text.clone(), why.clone()),
            ItemDoc::Failed { reason, transient } => {
                assert!(!transient, "a 404 will not get better");
                (String::new(), reason.clone())
            }
            ItemDoc::Page(_) => panic!("{} should not have a page", it.key),
        })
        .collect();
    assert!(
        reasons[0].0.contains("The feed's own text of item one.") && reasons[0].1.contains("HTTP 404"),
        "{reasons:?}"
    );
    assert!(reasons[1].1.contains("redirect loop"), "{:?}", reasons[1]);
    assert!(reasons[2].1.contains("larger than 100000 bytes"), "{:?}", reasons[2]);
    assert!(reasons[3].1.contains("robots.txt disallows"), "{:?}", reasons[3]);
    assert!(reasons[4].0.is_empty() && reasons[4].1.contains("HTTP 404"), "no content, no fallback: {:?}", reasons[4]);
    assert!(!s.paths().contains(&"/private/p".to_string()), "robots.txt respected");
}

#[tokio::test]
async fn redirect_loops_oversized_bodies_and_unlisted_hosts_are_refused() {
    let s = start().await;
    let other = start().await;
    let f = fetcher();
    f.allow_url(&s.base).unwrap();
    let none = Validators::default();
    let e = f.get(&format!("{}/loop/a", s.base), &none).await.unwrap_err();
    assert_eq!(e, FetchError::RedirectLoop(format!("{}/loop/a", s.base)));
    assert_eq!(s.paths().iter().filter(|p| p.starts_with("/loop/")).count(), 2);
    assert_eq!(f.get(&format!("{}/big", s.base), &none).await.unwrap_err(), FetchError::TooLarge(100_000));
    let e = f.get(&format!("{}/feed.xml", other.base), &none).await.unwrap_err();
    assert!(matches!(e, FetchError::NotAllowed(_)), "{e:?}");
    assert!(other.paths().is_empty(), "no request to a host nobody listed");

    // gzip transfer and a charset from the header.
    let Outcome::Fetched(page) = f.get(&format!("{}/latin1.gz", s.base), &none).await.unwrap() else { panic!() };
    assert!(page.text().unwrap().contains("Café crème"));
}

#[tokio::test]
async fn failing_and_slow_hosts_back_off_while_other_feeds_proceed() {
    let (bad, slow, good) = (start().await, start().await, start().await);
    let f = fetcher();
    let urls = [format!("{}/err.xml", bad.base), format!("{}/slow.xml", slow.base), format!("{}/feed.xml", good.base)];
    for u in &urls {
        f.allow_url(u).unwrap();
    }
    let started = std::time::Instant::now();
    let mut set = tokio::task::JoinSet::new();
    for (i, u) in urls.iter().enumerate() {
        let (f, req) = (f.clone(), feed(u.clone()));
        set.spawn(async move { (i, poll_feed(&f, &req).await) });
    }
    let mut results: Vec<_> = set.join_all().await;
    results.sort_by_key(|(i, _)| *i);
    assert!(started.elapsed() < Duration::from_secs(3), "the slow host did not hold up the others");
    let err = |i: usize| results[i].1.as_ref().unwrap_err().to_string();
    assert_eq!(err(0), "HTTP 500");
    assert_eq!(err(1), "timed out");
    assert!(matches!(&results[2].1, Ok(FeedContent::Fetched { new_items, .. }) if new_items.len() == 5));

    // Both failing hosts now back off: no request reaches them; the good one still answers.
    for (server, u) in [(&bad, &urls[0]), (&slow, &urls[1])] {
        let before = server.paths().len();
        let e = poll_feed(&f, &feed(u.clone())).await.unwrap_err().to_string();
        assert!(e.starts_with("host backing off for "), "{e}");
        assert_eq!(server.paths().len(), before);
    }
    let seen = (1..=5).map(|i| format!("a{i}")).collect();
    assert!(
        poll_feed(&f, &FeedRequest { url: urls[2].clone(), validators: Validators::default(), seen }).await.is_ok()
    );
}
