//! `parallax watch` end to end against news sites served on 127.0.0.1 by the test: three
//! feeds of five items each linking to local pages, plus one feed that fails; conditional
//! GET on the second round; retry after the backoff; a watch killed with SIGKILL mid-round;
//! `parallax ingest URL`.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::Router;
use axum::extract::{Request, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use parallax_store::{FeedStore, SqliteStore, Store};

const OUTLETS: [&str; 4] = ["Northern Ledger", "Coastal Herald", "Valley Courier", "Harbour Gazette"];

/// Five unrelated events (fictional): headline and paragraphs; `{o}` is the outlet.
const EVENTS: [(&str, [&str; 3]); 5] = [
    (
        "Varnholt bridge shut after cracks found",
        [
            "Engineers in Varnholt closed the Tessel river bridge on Monday after inspectors found cracks in two of its steel girders, the town council said, a decision {o} understands was taken late on Sunday.",
            "Council leader Mira Halloran told reporters the bridge would stay shut for at least three weeks while repairs are costed, and that ferries would run every twenty minutes.",
            "Commuters described queues of more than an hour. \"We were given no warning at all,\" one driver told {o}.",
        ],
    ),
    (
        "Quellbrook orchestra wins national prize",
        [
            "The Quellbrook Philharmonic won the national ensemble prize in Aldergate on Saturday night, the jury announced, beating eleven other orchestras in a final that {o} attended.",
            "Conductor Tomas Ebberling dedicated the award to the players' families and said the prize money of 40,000 crowns would fund a children's music school.",
            "The orchestra, founded in 1911, last reached the final in 1987. Its next concert is in the cathedral of Quellbrook, the jury chairman Ines Korvald told {o}.",
        ],
    ),
    (
        "Ostmere harbour strike enters second week",
        [
            "Dock workers at Ostmere harbour extended their strike into a second week on Tuesday, leaving forty container ships waiting offshore, the port authority told {o}.",
            "The union leader, Mira Strenk, said members rejected a pay offer of four percent and demanded talks with the harbour board in Ostmere.",
            "Fruit importers warned of shortages within days. The harbour board chairman Ruth Anselm said she would meet the union on Thursday, according to {o}.",
        ],
    ),
    (
        "Dravik research team finds new beetle species",
        [
            "Biologists from Dravik University described a new species of cave beetle found in the Morrow Hills, in a paper published on Wednesday and seen by {o}.",
            "The blind beetle, named Troglops dravikensis, is three millimetres long. Lead author Sanna Velt said it lives only in two caves and may be endangered.",
            "The team spent four years mapping the caves of the Morrow Hills with volunteers from Dravik, the university press office told {o}.",
        ],
    ),
    (
        "Lindqvale wildfire forces evacuation of villages",
        [
            "Firefighters battled a wildfire near Lindqvale on Thursday as strong winds pushed flames towards three villages, and about 2,000 residents were evacuated, officials told {o}.",
            "Regional fire chief Oskar Brandtner said 300 firefighters and six aircraft were fighting the blaze, which had burned 1,200 hectares of pine forest around Lindqvale.",
            "Emergency shelters opened in schools. No injuries were reported, a spokesperson for the Lindqvale district told {o} on Thursday evening.",
        ],
    ),
];

/// A feed request: the status answered, and the If-None-Match and If-Modified-Since sent.
type FeedHit = (u16, Option<String>, Option<String>);

/// One outlet's site: a feed of five items and their pages.
#[derive(Default)]
struct Site {
    outlet: usize,
    base: Mutex<String>,
    /// Answer the feed with 500 while set.
    failing: AtomicBool,
    /// A header the feed's answers carry (e.g. `Retry-After` with the 500, `Cache-Control`).
    feed_header: Mutex<Option<(header::HeaderName, &'static str)>>,
    /// Delay before each page, in milliseconds.
    page_delay_ms: AtomicU64,
    /// The page of this item answers 404.
    missing_page: Mutex<Option<usize>>,
    pages_served: AtomicUsize,
    /// Each feed request.
    feed_log: Mutex<Vec<FeedHit>>,
}

fn page(outlet: usize, i: usize) -> String {
    let (o, (headline, paras)) = (OUTLETS[outlet], EVENTS[i]);
    let body: String = paras.iter().map(|p| format!("<p>{}</p>\n", p.replace("{o}", o))).collect();
    let day = 10 + i;
    format!(
        "<!doctype html><html><head><title>{headline} | {o}</title>\
         <meta property=\"og:site_name\" content=\"{o}\">\
         <meta property=\"article:published_time\" content=\"2026-11-{day}T09:00:00Z\"></head>\
         <body><nav>Home | World | Sport</nav><article><h1>{headline}</h1>\n{body}</article>\
         <footer>© {o}</footer></body></html>"
    )
}

fn feed(site: &Site, base: &str) -> String {
    let items: String = (0..5)
        .map(|i| {
            format!(
                "<item><guid>{base}/news/{i}.html</guid><title>{}</title><link>{base}/news/{i}.html</link>\
                 <description>{}</description></item>",
                EVENTS[i].0,
                EVENTS[i].1[0].replace("{o}", OUTLETS[site.outlet])
            )
        })
        .collect();
    format!(
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>{}</title>{items}</channel></rss>",
        OUTLETS[site.outlet]
    )
}

async fn handle(State(site): State<Arc<Site>>, req: Request) -> Response {
    let base = site.base.lock().unwrap().clone();
    let path = req.uri().path().to_string();
    let h = |n: header::HeaderName| req.headers().get(n).and_then(|v| v.to_str().ok()).map(str::to_string);
    if path == "/feed.xml" {
        let etag = format!("\"v-{}\"", site.outlet);
        let (inm, ims) = (h(header::IF_NONE_MATCH), h(header::IF_MODIFIED_SINCE));
        let status = if site.failing.load(Ordering::SeqCst) {
            500
        } else if inm.as_deref() == Some(etag.as_str()) {
            304
        } else {
            200
        };
        site.feed_log.lock().unwrap().push((status, inm, ims));
        let mut extra = axum::http::HeaderMap::new();
        if let Some((name, value)) = site.feed_header.lock().unwrap().clone() {
            extra.insert(name, value.parse().unwrap());
        }
        let answer = match status {
            500 => (StatusCode::INTERNAL_SERVER_ERROR, "feed generator down").into_response(),
            304 => StatusCode::NOT_MODIFIED.into_response(),
            _ => (
                [(header::ETAG, etag.as_str()), (header::LAST_MODIFIED, "Mon, 16 Nov 2026 08:00:00 GMT")],
                feed(&site, &base),
            )
                .into_response(),
        };
        return (extra, answer).into_response();
    }
    if let Some(i) = path.strip_prefix("/news/").and_then(|p| p.strip_suffix(".html")).and_then(|n| n.parse().ok())
        && i < 5
        && *site.missing_page.lock().unwrap() != Some(i)
    {
        tokio::time::sleep(Duration::from_millis(site.page_delay_ms.load(Ordering::SeqCst))).await;
        site.pages_served.fetch_add(1, Ordering::SeqCst);
        return ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], page(site.outlet, i)).into_response();
    }
    (StatusCode::NOT_FOUND, "not found").into_response()
}

/// Starts `n` sites, each on its own port of 127.0.0.1, served from a background thread.
fn start_sites(n: usize) -> Vec<Arc<Site>> {
    let sites: Vec<Arc<Site>> = (0..n).map(|k| Arc::new(Site { outlet: k % 4, ..Site::default() })).collect();
    let (tx, rx) = std::sync::mpsc::channel();
    let for_thread = sites.clone();
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
        rt.block_on(async move {
            for site in for_thread {
                let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
                *site.base.lock().unwrap() = format!("http://{}", listener.local_addr().unwrap());
                let app = Router::new().fallback(handle).with_state(site);
                tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
            }
            tx.send(()).unwrap();
            std::future::pending::<()>().await;
        });
    });
    rx.recv().unwrap();
    sites
}

fn feed_url(s: &Site) -> String {
    format!("{}/feed.xml", s.base.lock().unwrap())
}

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_parallax"));
    c.env_remove("PARALLAX_DB");
    c
}

const FAST: [&str; 6] = ["--pause", "0s", "--backoff", "30s", "--timeout", "10s"];

fn watch_once(feeds: &Path, db: impl AsRef<std::ffi::OsStr>) -> Output {
    let out = bin().arg("watch").arg(feeds).arg("--db").arg(db).arg("--once").args(FAST).output().unwrap();
    eprintln!(
        "$ parallax watch --once\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn write_feeds(dir: &Path, sites: &[Arc<Site>]) -> std::path::PathBuf {
    let list: String = sites.iter().map(|s| format!("{}  # {}\n", feed_url(s), OUTLETS[s.outlet])).collect();
    let p = dir.join("feeds.txt");
    std::fs::write(&p, format!("# feeds under test\n{list}")).unwrap();
    p
}

fn first_line(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).lines().next().unwrap_or("").to_string()
}

#[test]
fn three_feeds_once_then_304_and_a_failing_feed_retried_later() {
    let sites = start_sites(4);
    sites[3].failing.store(true, Ordering::SeqCst);
    let dir = tempfile::tempdir().unwrap();
    let feeds = write_feeds(dir.path(), &sites);
    let db = dir.path().join("w.db");
    let bad_host = sites[3].base.lock().unwrap().trim_start_matches("http://").to_string();

    let first = watch_once(&feeds, &db);
    assert!(first.status.success());
    let line = first_line(&first);
    assert!(line.starts_with("round 1: 4 feed(s) polled, 0 not modified, 0 deferred, 15 new article(s)"), "{line}");
    assert!(line.ends_with(&format!("errors: {bad_host} 1 (HTTP 500)")), "{line}");
    let stories: Vec<String> = String::from_utf8_lossy(&first.stdout)
        .lines()
        .filter(|l| l.starts_with("  story "))
        .map(String::from)
        .collect();
    let store = SqliteStore::open(&db).unwrap();
    let stats = store.stats().unwrap();
    assert_eq!((stats.articles, stats.unassigned), (15, 0));
    assert_eq!(stories.len(), stats.stories, "every story reported: {stories:?}");
    assert!(stories.iter().any(|s| s.contains("3 report(s), 3 outlet(s)")), "{stories:?}");
    let failing = store.feed(&feed_url(&sites[3])).unwrap().unwrap();
    assert_eq!((failing.failures, failing.last_error.as_deref()), (1, Some("HTTP 500")));
    assert!(failing.next_poll_at > failing.last_poll_at, "backing off: {failing:?}");
    let listing =
        String::from_utf8_lossy(&bin().args(["feeds", "--db"]).arg(&db).output().unwrap().stdout).into_owned();
    assert!(listing.lines().any(|l| l.starts_with("failing") && l.contains("(HTTP 500)")), "{listing}");
    assert_eq!(listing.lines().filter(|l| l.starts_with("ok ")).count(), 3, "{listing}");

    // Second round: validators sent, 304 for every feed, nothing added; the failing feed waits.
    let second = watch_once(&feeds, &db);
    assert!(second.status.success());
    let line = first_line(&second);
    assert!(
        line.starts_with("round 1: 3 feed(s) polled, 3 not modified, 1 deferred, 0 new article(s)")
            && line.ends_with("errors: none"),
        "{line}"
    );
    for s in &sites[..3] {
        let log = s.feed_log.lock().unwrap();
        assert_eq!(log.len(), 2);
        let (status, inm, ims) = &log[1];
        assert_eq!(*status, 304);
        assert_eq!(inm.as_deref(), Some(format!("\"v-{}\"", s.outlet).as_str()));
        assert_eq!(ims.as_deref(), Some("Mon, 16 Nov 2026 08:00:00 GMT"));
        assert_eq!(s.pages_served.load(Ordering::SeqCst), 5, "no page fetched twice");
    }
    assert_eq!(store.stats().unwrap().articles, 15);

    // Later (the backoff expired) the feed works again: it is retried and its items arrive.
    sites[3].failing.store(false, Ordering::SeqCst);
    let mut st = store.feed(&feed_url(&sites[3])).unwrap().unwrap();
    st.next_poll_at = Some("2000-01-01T00:00:00Z".into());
    store.save_feed(&st).unwrap();
    let third = watch_once(&feeds, &db);
    let line = first_line(&third);
    assert!(line.starts_with("round 1: 4 feed(s) polled, 3 not modified, 0 deferred, 5 new article(s)"), "{line}");
    assert_eq!(store.stats().unwrap().articles, 20);
    let back = store.feed(&feed_url(&sites[3])).unwrap().unwrap();
    assert_eq!((back.failures, back.last_status.as_deref(), back.articles), (0, Some("ok"), 5));
    assert!(store.check_integrity().unwrap().is_ok());
}

#[test]
fn sigkill_mid_round_loses_and_duplicates_nothing() {
    let sites = start_sites(3);
    for (k, s) in sites.iter().enumerate() {
        s.page_delay_ms.store(100 + 250 * k as u64, Ordering::SeqCst);
    }
    let dir = tempfile::tempdir().unwrap();
    let feeds = write_feeds(dir.path(), &sites);
    let db = dir.path().join("k.db");
    let mut child = bin()
        .arg("watch")
        .arg(&feeds)
        .arg("--db")
        .arg(&db)
        .arg("--once")
        .args(FAST)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let served = || sites.iter().map(|s| s.pages_served.load(Ordering::SeqCst)).sum::<usize>();
    let t0 = Instant::now();
    while served() < 8 && t0.elapsed() < Duration::from_secs(60) {
        std::thread::sleep(Duration::from_millis(10));
    }
    let killed_mid_round = child.try_wait().unwrap().is_none();
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    assert!(killed_mid_round, "the round ended before the kill");
    let mid = SqliteStore::open(&db).unwrap().stats().unwrap();
    eprintln!("killed after {} page(s): {mid:?}", served());
    assert!(mid.articles < 15, "the kill landed mid-round: {mid:?}");

    for s in &sites {
        s.page_delay_ms.store(0, Ordering::SeqCst);
    }
    let again = watch_once(&feeds, &db);
    assert!(again.status.success());
    let store = SqliteStore::open(&db).unwrap();
    let stats = store.stats().unwrap();
    assert_eq!((stats.articles, stats.unassigned), (15, 0), "nothing lost");
    let urls: BTreeSet<String> = store.articles().unwrap().into_iter().filter_map(|a| a.article.url).collect();
    assert_eq!(urls.len(), 15, "nothing duplicated");
    assert!(store.check_integrity().unwrap().is_ok());
    // The same result as an uninterrupted run.
    let clean = dir.path().join("clean.db");
    assert!(watch_once(&feeds, &clean).status.success());
    let reference = SqliteStore::open(&clean).unwrap();
    let ids = |s: &SqliteStore| s.articles().unwrap().into_iter().map(|a| a.id).collect::<BTreeSet<_>>();
    assert_eq!(ids(&store), ids(&reference));
    assert_eq!(stats.stories, reference.stats().unwrap().stories);
    let third = watch_once(&feeds, &db);
    assert!(first_line(&third).contains("3 not modified, 0 deferred, 0 new article(s)"), "{}", first_line(&third));
}

#[test]
fn ingest_accepts_page_and_feed_urls() {
    let sites = start_sites(2);
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("i.db");
    let page_url = format!("{}/news/2.html", sites[0].base.lock().unwrap());
    let out = bin().arg("ingest").arg(&page_url).arg(feed_url(&sites[1])).arg("--db").arg(&db).output().unwrap();
    eprintln!("{}", String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("6 added, 0 duplicates, 0 skipped"));
    let store = SqliteStore::open(&db).unwrap();
    let a = store.articles().unwrap();
    assert_eq!(a[0].article.url.as_deref(), Some(page_url.as_str()));
    assert_eq!(store.article_fetches(&a[0].id).unwrap().len(), 1, "fetch time recorded");
    let missing = format!("{}/news/9.html", sites[0].base.lock().unwrap());
    let out = bin().arg("ingest").arg(&missing).arg("--db").arg(&db).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("HTTP 404"), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn an_item_whose_page_is_missing_falls_back_to_the_feed_content() {
    let sites = start_sites(1);
    *sites[0].missing_page.lock().unwrap() = Some(4);
    let dir = tempfile::tempdir().unwrap();
    let feeds = write_feeds(dir.path(), &sites);
    let db = dir.path().join("f.db");
    let out = watch_once(&feeds, &db);
    assert!(out.status.success());
    let line = first_line(&out);
    assert!(
        line.starts_with(
            "round 1: 1 feed(s) polled, 0 not modified, 0 deferred, 5 new article(s) (1 from feed content)"
        ),
        "{line}"
    );
    let missing = format!("{}/news/4.html", sites[0].base.lock().unwrap());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains(&format!("{missing}: feed: page: HTTP 404; used the feed's own content")), "{stderr}");
    let store = SqliteStore::open(&db).unwrap();
    let a = store.articles().unwrap().into_iter().find(|a| a.article.url.as_deref() == Some(missing.as_str()));
    let a = a.expect("the item is stored from its feed content");
    assert!(a.article.body.contains("Firefighters battled a wildfire"), "{}", a.article.body);
    assert!(!a.article.body.contains("Regional fire chief"), "only the feed's own text: {}", a.article.body);
    let fetches = store.article_fetches(&a.id).unwrap();
    assert_eq!(fetches.len(), 1);
    assert!(fetches[0].via.starts_with("feed: page: HTTP 404"), "{:?}", fetches[0]);
}

#[test]
fn watch_on_postgres_keeps_feed_state_in_the_database() {
    let Some(url) = parallax_store::testing::fresh_url() else { return };
    let sites = start_sites(3);
    let dir = tempfile::tempdir().unwrap();
    let feeds = write_feeds(dir.path(), &sites);
    let first = watch_once(&feeds, &url);
    assert!(first.status.success());
    assert!(first_line(&first).starts_with("round 1: 3 feed(s) polled, 0 not modified, 0 deferred, 15 new article(s)"));
    let second = watch_once(&feeds, &url);
    let line = first_line(&second);
    assert!(line.starts_with("round 1: 3 feed(s) polled, 3 not modified, 0 deferred, 0 new article(s)"), "{line}");
    let store = parallax_store::PgStore::open(&url, 1).unwrap();
    assert_eq!(store.stats().unwrap().articles, 15);
    assert_eq!(store.stats().unwrap().unassigned, 0);
    let listing = bin().args(["feeds", "--db", &url]).output().unwrap();
    let listing = String::from_utf8_lossy(&listing.stdout);
    assert_eq!(listing.lines().filter(|l| l.starts_with("ok ")).count(), 3, "{listing}");
    assert!(FeedStore::feeds(&store).unwrap().iter().all(|f| f.articles == 5 && f.etag.is_some()));
}

#[test]
fn retry_after_and_cache_control_set_the_next_poll() {
    let sites = start_sites(2);
    sites[0].failing.store(true, Ordering::SeqCst);
    *sites[0].feed_header.lock().unwrap() = Some((header::RETRY_AFTER, "7200"));
    *sites[1].feed_header.lock().unwrap() = Some((header::CACHE_CONTROL, "public, max-age=3600"));
    let dir = tempfile::tempdir().unwrap();
    let feeds = write_feeds(dir.path(), &sites);
    let db = dir.path().join("r.db");
    let first = watch_once(&feeds, &db);
    assert!(first_line(&first).contains("5 new article(s)"), "{}", first_line(&first));
    let store = SqliteStore::open(&db).unwrap();
    let wait = |url: String| {
        let f = store.feed(&url).unwrap().unwrap();
        let t = |s: Option<String>| chrono::DateTime::parse_from_rfc3339(&s.unwrap()).unwrap();
        (t(f.next_poll_at) - t(f.last_poll_at)).num_seconds()
    };
    assert_eq!(wait(feed_url(&sites[0])), 7200, "Retry-After is longer than the 30s backoff: it wins");
    assert_eq!(wait(feed_url(&sites[1])), 3600, "max-age: not polled again before an hour");
    let second = watch_once(&feeds, &db);
    let line = first_line(&second);
    assert!(line.starts_with("round 1: 0 feed(s) polled, 0 not modified, 2 deferred"), "{line}");
    assert_eq!(sites.iter().map(|s| s.feed_log.lock().unwrap().len()).sum::<usize>(), 2, "no request sent");
}
