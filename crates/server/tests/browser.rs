//! End to end in a real browser: the server on loopback, headless Chromium loads story pages
//! inside a same-origin check page whose script measures what is actually visible.
//!
//! Skips (with a message) when no Chromium is installed; CI installs the Debian `chromium`
//! package (.ci/run). Set PARALLAX_CHROMIUM to use another binary, PARALLAX_SCREENSHOT_DIR
//! to keep the screenshots (default: a temporary directory).

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use std::collections::HashMap;

use axum::extract::{Path as UrlPath, Query};
use axum::response::Html;
use axum::routing::get;
use parallax_server::{AppState, router};

fn chromium() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("PARALLAX_CHROMIUM") {
        return Some(PathBuf::from(p));
    }
    let path = std::env::var_os("PATH")?;
    for dir in std::env::split_paths(&path) {
        for name in ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"] {
            let p = dir.join(name);
            if p.is_file() {
                return Some(p);
            }
        }
    }
    None
}

/// Runs Chromium headless with the flags CI uses plus `extra`, returning stdout.
fn run_chromium(bin: &Path, extra: &[String]) -> String {
    let profile = tempfile::tempdir().unwrap();
    let mut cmd = Command::new(bin);
    cmd.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--no-first-run",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--hide-scrollbars",
    ])
    .arg(format!("--user-data-dir={}", profile.path().display()))
    .args(extra)
    .stdout(Stdio::piped())
    .stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("start chromium");
    let start = Instant::now();
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if start.elapsed() > Duration::from_secs(90) {
            let _ = child.kill();
            panic!("chromium did not finish in 90 s");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let out = child.wait_with_output().unwrap();
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The check page: loads `/stories/{id}` in an iframe `w` pixels wide (`?w=`, default 1400)
/// and reports, as JSON in `#result`, how many elements of each kind are rendered with a
/// non-zero box and visible style, the visible text of the contradictions and quotes, every
/// label (badges, SVG text), the page's scroll width against its viewport, and whether any
/// injected script ran.
async fn check_page(UrlPath(id): UrlPath<String>, Query(q): Query<HashMap<String, String>>) -> Html<String> {
    let width: u32 = q.get("w").and_then(|w| w.parse().ok()).unwrap_or(1400);
    let src = if q.contains_key("standalone") { "../standalone".to_string() } else { format!("../stories/{id}") };
    Html(format!(
        r#"<!doctype html><meta charset=utf-8><title>check</title>
<pre id="result">pending</pre>
<iframe id="f" src="{src}" style="width:{width}px;height:4000px;border:0"></iframe>
<script>
function visible(el) {{
  const st = el.ownerDocument.defaultView.getComputedStyle(el);
  const r = el.getBoundingClientRect();
  return st.display !== 'none' && st.visibility !== 'hidden' && parseFloat(st.opacity) > 0 && r.width > 0 && r.height > 0;
}}
document.getElementById('f').addEventListener('load', () => {{
  const w = document.getElementById('f').contentWindow, d = w.document;
  const count = sel => Array.from(d.querySelectorAll(sel)).filter(visible).length;
  const text = sel => Array.from(d.querySelectorAll(sel)).filter(visible).map(e => e.innerText).join('\n');
  const wide = Array.from(d.querySelectorAll('body *')).filter(e => e.getBoundingClientRect().right > w.innerWidth + 1 && !e.closest('.figure, .scroll'));
  document.getElementById('result').textContent = JSON.stringify({{
    title: d.title,
    contradictions: count('.contradiction'),
    contradiction_claims: count('.contradiction tr'),
    quotes: d.querySelectorAll('.quote').length,
    quotes_visible: count('.quote'),
    quote_instances: count('.quote blockquote'),
    sections: count('section h2'),
    index: count('nav.index'),
    sources: count('.source'),
    coverage_svg: count('svg.coverage'),
    timeline_svg: count('svg.timeline'),
    strip_svg: count('svg.strip'),
    labels: Array.from(d.querySelectorAll('.badge, svg text')).map(e => e.textContent.trim()),
    scroll_width: d.documentElement.scrollWidth,
    viewport: w.innerWidth,
    too_wide: wide.slice(0, 5).map(e => e.tagName + '.' + e.className + ': ' + (e.textContent || '').slice(0, 60)),
    contradiction_text: text('.contradiction'),
    quote_text: text('.quote'),
    pwned: (w.__pwned === undefined ? null : w.__pwned),
    scripts: d.querySelectorAll('script').length,
    imgs: d.querySelectorAll('img').length,
    body_visible: visible(d.body)
  }});
}});
</script>"#
    ))
}

struct Server {
    addr: std::net::SocketAddr,
    _dir: tempfile::TempDir,
    live: Vec<String>,
    /// Per live story: (contradictions, quote groups, sources) of its stored report.
    live_counts: Vec<(usize, usize, usize)>,
    _rt: tokio::runtime::Runtime,
}

fn start_server() -> Server {
    let dir = tempfile::tempdir().unwrap();
    let (store, index, live) = common::seeded_store(dir.path());
    // The gold analysis lives in a second store (same articles) served under /gold, so the
    // live analysis of the seeds and the gold fixture can both be checked.
    let gold_store = parallax_store::SqliteStore::open(&dir.path().join("gold.db")).unwrap();
    parallax_server::library::add_articles(
        &gold_store,
        None,
        &common::seed_articles(),
        &parallax_pipeline::no_progress,
    )
    .unwrap();
    common::install_gold_story(&gold_store);
    let live_counts = live
        .iter()
        .map(|id| {
            let r = parallax_store::Store::story(&store, id).unwrap().unwrap().report;
            (r.contradictions.len(), r.quotes.len(), r.articles.len())
        })
        .collect();
    // The standalone page of `analyze --format html` over two stories (live and gold).
    let reports = [&store as &dyn parallax_store::Store, &gold_store]
        .iter()
        .zip([live[0].as_str(), "s-gold"])
        .map(|(s, id)| s.story(id).unwrap().unwrap().report)
        .collect();
    let out = parallax_core::report::AnalysisOutput { schema_version: 1, stories: reports, skipped: vec![] };
    let standalone = Html(parallax_server::render_report_html(&out));
    common::install_hostile_story(&store, "s-evil");
    let store = Arc::new(store);
    let state = AppState::new(store.clone(), Some(Arc::new(index)));
    let gold_state = AppState::new(Arc::new(gold_store), None);
    let app = router(state)
        .route("/__check/{id}", get(check_page))
        .route("/standalone", get(move || std::future::ready(standalone.clone())))
        .nest("/gold", router(gold_state).route("/__check/{id}", get(check_page)));
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    let listener = rt.block_on(tokio::net::TcpListener::bind("127.0.0.1:0")).unwrap();
    let addr = listener.local_addr().unwrap();
    rt.spawn(async move { axum::serve(listener, app).await.unwrap() });
    Server { addr, _dir: dir, live, live_counts, _rt: rt }
}

fn check(bin: &Path, url: &str) -> serde_json::Value {
    let dom = run_chromium(bin, &["--virtual-time-budget=15000".into(), "--dump-dom".into(), url.into()]);
    let start = dom.find("<pre id=\"result\">").unwrap_or_else(|| panic!("no result in DOM of {url}:\n{dom}")) + 17;
    let end = start + dom[start..].find("</pre>").unwrap();
    let json = dom[start..end].replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"");
    serde_json::from_str(&json).unwrap_or_else(|e| panic!("bad result JSON ({e}) from {url}: {json}"))
}

fn screenshot(bin: &Path, url: &str, width: u32, name: &str) -> PathBuf {
    let dir = std::env::var_os("PARALLAX_SCREENSHOT_DIR").map(PathBuf::from).unwrap_or_else(std::env::temp_dir);
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    let _ = std::fs::remove_file(&path);
    run_chromium(bin, &[format!("--screenshot={}", path.display()), format!("--window-size={width},4200"), url.into()]);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("no screenshot at {}: {e}", path.display()));
    assert!(bytes.starts_with(b"\x89PNG") && bytes.len() > 20_000, "screenshot looks empty");
    eprintln!("screenshot: {}", path.display());
    path
}

#[test]
fn story_pages_in_headless_chromium() {
    let Some(bin) = chromium() else {
        eprintln!("SKIP story_pages_in_headless_chromium: chromium not installed (apt-get install chromium)");
        return;
    };
    let server = start_server();
    let base = format!("http://{}", server.addr);

    // The gold fixture: contradictions and grouped quotes visible, with each outlet's words.
    let r = check(&bin, &format!("{base}/gold/__check/s-gold"));
    assert_eq!(r["body_visible"], true, "{r}");
    assert_eq!(r["contradictions"], 3, "{r}");
    assert!(r["contradiction_claims"].as_u64().unwrap() >= 9, "{r}");
    let ct = r["contradiction_text"].as_str().unwrap();
    for words in ["on Tuesday", "on Monday", "meet in London on Thursday 23 April", "weekday and date disagree"] {
        assert!(ct.contains(words), "contradiction text lacks {words:?}: {ct}");
    }
    assert!(r["quotes_visible"].as_u64().unwrap() >= 3, "{r}");
    assert!(r["quote_instances"].as_u64().unwrap() >= 9, "{r}");
    let qt = r["quote_text"].as_str().unwrap();
    assert!(qt.contains("Dmitry Peskov") && qt.contains("positive attitude towards"), "{qt}");
    assert_eq!(r["sources"], 5, "{r}");
    assert_eq!(r["sections"], SECTIONS, "every section has a visible heading: {r}");

    // The live analysis of the seeds, at a desktop and a phone width: every section and both
    // pictures visible, nothing wider than the viewport, sources named by outlet.
    let files: Vec<String> = common::seed_articles().into_iter().map(|a| a.source).collect();
    for (id, &(contradictions, quotes, sources)) in server.live.iter().zip(&server.live_counts) {
        for width in WIDTHS {
            let r = check(&bin, &format!("{base}/__check/{id}?w={width}"));
            eprintln!(
                "live story {id} at {width} px: {contradictions} contradiction(s), {quotes} quote group(s), {sources} source(s); scrollWidth {} / viewport {}",
                r["scroll_width"], r["viewport"]
            );
            assert_eq!(r["body_visible"], true, "{r}");
            assert_eq!(r["sections"], SECTIONS, "{r}");
            assert_eq!(r["contradictions"].as_u64().unwrap() as usize, contradictions, "{r}");
            assert_eq!(r["quotes"].as_u64().unwrap() as usize, quotes, "{r}");
            assert_eq!(r["sources"].as_u64().unwrap() as usize, sources, "{r}");
            assert_eq!((r["coverage_svg"].as_u64(), r["timeline_svg"].as_u64()), (Some(1), Some(1)), "{r}");
            assert_eq!(r["strip_svg"], 1, "{r}");
            assert_eq!(r["viewport"], width, "{r}");
            assert!(r["scroll_width"].as_u64().unwrap() <= width as u64, "page wider than {width} px: {r}");
            assert_eq!(r["too_wide"].as_array().unwrap().len(), 0, "{r}");
            for label in r["labels"].as_array().unwrap() {
                let label = label.as_str().unwrap();
                assert!(!files.iter().any(|f| label.contains(f.as_str())), "file name as a label: {label:?}");
            }
            assert_eq!(r["pwned"], serde_json::Value::Null);
        }
    }

    // The page `analyze --format html` writes for two stories: an index on top, every section
    // and picture of both stories, nothing wider than the viewport.
    for width in WIDTHS {
        let r = check(&bin, &format!("{base}/__check/x?w={width}&standalone"));
        eprintln!("standalone page at {width} px: scrollWidth {} / viewport {}", r["scroll_width"], r["viewport"]);
        assert_eq!(r["index"], 1, "{r}");
        assert_eq!(r["sections"], 2 * SECTIONS, "{r}");
        assert_eq!((r["coverage_svg"].as_u64(), r["timeline_svg"].as_u64()), (Some(2), Some(2)), "{r}");
        assert_eq!(r["viewport"], width, "{r}");
        assert!(r["scroll_width"].as_u64().unwrap() <= width as u64, "page wider than {width} px: {r}");
        assert_eq!(r["too_wide"].as_array().unwrap().len(), 0, "{r}");
        for label in r["labels"].as_array().unwrap() {
            let label = label.as_str().unwrap();
            assert!(!files.iter().any(|f| label.contains(f.as_str())), "file name as a label: {label:?}");
        }
    }

    // Hostile text stays inert: no script ran, no element was injected.
    let r = check(&bin, &format!("{base}/__check/s-evil"));
    assert_eq!(r["pwned"], serde_json::Value::Null, "injected script ran: {r}");
    assert_eq!(r["scripts"], 0, "{r}");
    assert_eq!(r["imgs"], 0, "{r}");
    assert_eq!(r["body_visible"], true, "injected style must not hide the page: {r}");
    assert_ne!(r["title"], "PWNED");
    assert!(r["contradiction_text"].as_str().unwrap().contains("<img src=x onerror="), "shown as text: {r}");

    screenshot(&bin, &format!("{base}/gold/stories/s-gold"), 1400, "parallax-seeds-gold-story.png");
    for (i, id) in server.live.iter().enumerate() {
        for width in WIDTHS {
            screenshot(
                &bin,
                &format!("{base}/stories/{id}"),
                width,
                &format!("parallax-seeds-live-story-{i}-{width}.png"),
            );
        }
    }
}

/// Visible section headings of a story page.
const SECTIONS: u64 = 10;
/// Page widths checked: a desktop window and a phone.
const WIDTHS: [u32; 2] = [1400, 390];
