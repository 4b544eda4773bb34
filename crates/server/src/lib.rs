//! HTTP API and HTML pages (axum + askama), and the story-keeping logic shared with the CLI.
//!
//! * [`library`]: adding articles to a store, keeping its stories and search index current.
//! * [`svg`]: the story page's pictures (coverage grid, timeline strip, source strip).
//! * [`html`]: the story list, story page and search page (also [`render_report_html`], the
//!   standalone page written by `parallax analyze --format html`).
//! * [`worker`]: the loop of `parallax worker` over a PostgreSQL work queue.
//! * [`router`]: the JSON API and pages, for [`serve`] or in-process tests.
//!
//! ## API
//! | Method | Path | Answer |
//! |---|---|---|
//! | GET | `/api/stories` | `[StorySummary]` (newest first) |
//! | GET | `/api/stories/{id}` | `{summary, members, report}` |
//! | GET | `/api/articles/{id}` | `{id, story_id, added_at, article}` (id = content hash) |
//! | GET | `/api/search?q=&outlet=&since=&until=&story=&limit=` | `{hits, warnings}` |
//! | POST | `/api/articles?source=NAME&url=URL` | body: one report (text, HTML; gzip allowed); `201 {status:"added", id, story_id}` or `200 {status:"duplicate", ...}` |
//! | GET | `/`, `/stories/{id}[?since=T]`, `/search?q=` | HTML pages (the story page: newest reports first, last update, changes since the last visit, kept in a cookie) |
//!
//! Errors are JSON `{"error": {"code": "...", "message": "..."}}` (on every path that starts
//! with `/api`, known or not) with stable codes:
//! `not_found`, `bad_request`, `payload_too_large`, `no_article`, `timeout`, `internal`.
//! Request bodies are limited to [`MAX_BODY_BYTES`]; every request to [`REQUEST_TIMEOUT`].

use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::extract::{Path, Query, Request, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use parallax_search::{Search, SearchIndex, SearchQuery};
use parallax_store::Store;
use serde::{Deserialize, Serialize};
use serde_json::json;

pub mod html;
pub mod library;
pub mod live;
pub mod svg;
pub mod worker;

pub use html::render_report_html;

/// Largest accepted request body.
pub const MAX_BODY_BYTES: usize = 4 * 1024 * 1024;
/// Longest time a request may take.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

/// Shared state of the server.
#[derive(Clone)]
pub struct AppState {
    store: Arc<dyn Store>,
    /// The tantivy index kept in step with the store on writes (SQLite).
    index: Option<Arc<SearchIndex>>,
    /// What answers searches: the tantivy index, or a backend the store maintains itself.
    search: Option<Arc<dyn Search>>,
    writes: Arc<Mutex<()>>,
}

impl AppState {
    /// State over a store and (optionally) its tantivy search index.
    pub fn new(store: Arc<dyn Store>, index: Option<Arc<SearchIndex>>) -> Self {
        let search = index.clone().map(|ix| ix as Arc<dyn Search>);
        AppState { store, index, search, writes: Arc::new(Mutex::new(())) }
    }

    /// State over a store whose search backend maintains itself (PostgreSQL full-text).
    pub fn with_search(store: Arc<dyn Store>, search: Arc<dyn Search>) -> Self {
        AppState { store, index: None, search: Some(search), writes: Arc::new(Mutex::new(())) }
    }
}

/// Server errors.
#[derive(Debug, thiserror::Error)]
pub enum ServerError {
    /// Binding or serving failed.
    #[error("server error: {0}")]
    Io(#[from] std::io::Error),
}

/// An API error with a stable code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiError {
    /// HTTP status.
    #[serde(skip)]
    pub status: u16,
    /// Stable machine-readable code.
    pub code: &'static str,
    /// Human-readable message.
    pub message: String,
}

impl ApiError {
    fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        ApiError { status: status.as_u16(), code, message: message.into() }
    }
    fn not_found(what: &str) -> Self {
        Self::new(StatusCode::NOT_FOUND, "not_found", format!("{what} not found"))
    }
    fn bad_request(m: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, "bad_request", m)
    }
    fn internal(m: impl std::fmt::Display) -> Self {
        Self::new(StatusCode::INTERNAL_SERVER_ERROR, "internal", m.to_string())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        (status, axum::Json(json!({"error": {"code": self.code, "message": self.message}}))).into_response()
    }
}

type ApiResult = Result<Response, ApiError>;

/// Runs blocking store work off the async threads.
async fn blocking<T: Send + 'static>(f: impl FnOnce() -> Result<T, ApiError> + Send + 'static) -> Result<T, ApiError> {
    tokio::task::spawn_blocking(f).await.map_err(ApiError::internal)?
}

/// The router: JSON API and HTML pages.
pub fn router(state: AppState) -> Router {
    Router::new()
        .route("/", get(page_stories))
        .route("/stories/{id}", get(page_story))
        .route("/search", get(page_search))
        .route("/api/stories", get(api_stories))
        .route("/api/stories/{id}", get(api_story))
        .route("/api/articles/{id}", get(api_article))
        .route("/api/articles", axum::routing::post(api_post_article))
        .route("/api/search", get(api_search))
        .fallback(fallback)
        .layer(middleware::from_fn(timeout_and_headers))
        .with_state(state)
}

async fn timeout_and_headers(req: Request, next: Next) -> Response {
    let mut resp = match tokio::time::timeout(REQUEST_TIMEOUT, next.run(req)).await {
        Ok(r) => r,
        Err(_) => ApiError::new(StatusCode::REQUEST_TIMEOUT, "timeout", "request took too long").into_response(),
    };
    let h = resp.headers_mut();
    h.insert("x-content-type-options", header::HeaderValue::from_static("nosniff"));
    h.insert("referrer-policy", header::HeaderValue::from_static("no-referrer"));
    resp
}

async fn fallback(req: Request) -> Response {
    if is_api_path(req.uri().path()) {
        ApiError::not_found("endpoint").into_response()
    } else {
        html_error(StatusCode::NOT_FOUND, "Not found", "There is no page here.")
    }
}

/// Whether a path belongs to the JSON API (`/api`, `/api/...`, and any other `/api...` path),
/// so unknown API paths answer a JSON error rather than an HTML page.
fn is_api_path(path: &str) -> bool {
    path.starts_with("/api")
}

fn html_error(status: StatusCode, title: &str, message: &str) -> Response {
    (status, Html(html::render(&html::MessagePage { title: title.into(), message: message.into() }))).into_response()
}

async fn api_stories(State(st): State<AppState>) -> ApiResult {
    let list = blocking(move || st.store.stories().map_err(ApiError::internal)).await?;
    Ok(axum::Json(list).into_response())
}

async fn api_story(State(st): State<AppState>, Path(id): Path<String>) -> ApiResult {
    let s = blocking(move || st.store.story_json(&id).map_err(ApiError::internal)).await?;
    let json = s.ok_or_else(|| ApiError::not_found("story"))?;
    Ok(([(header::CONTENT_TYPE, "application/json")], json).into_response())
}

async fn api_article(State(st): State<AppState>, Path(id): Path<String>) -> ApiResult {
    let a = blocking(move || st.store.article(&id).map_err(ApiError::internal)).await?;
    Ok(axum::Json(a.ok_or_else(|| ApiError::not_found("article"))?).into_response())
}

/// Query string of the search endpoints.
#[derive(Debug, Default, Deserialize)]
pub struct SearchParams {
    /// Query text.
    #[serde(default)]
    pub q: String,
    /// Outlet filter.
    pub outlet: Option<String>,
    /// Earliest date (YYYY-MM-DD).
    pub since: Option<String>,
    /// Latest date (YYYY-MM-DD).
    pub until: Option<String>,
    /// Story id.
    pub story: Option<String>,
    /// Maximum hits.
    pub limit: Option<usize>,
}

fn parse_date(name: &str, v: &Option<String>) -> Result<Option<chrono::NaiveDate>, ApiError> {
    match v.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(s) => chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
            .map(Some)
            .map_err(|_| ApiError::bad_request(format!("{name} must be a date YYYY-MM-DD, got {s:?}"))),
    }
}

impl SearchParams {
    fn to_query(&self) -> Result<SearchQuery, ApiError> {
        if self.q.trim().is_empty() {
            return Err(ApiError::bad_request("missing query parameter q"));
        }
        Ok(SearchQuery {
            text: self.q.clone(),
            outlet: self.outlet.clone().filter(|s| !s.trim().is_empty()),
            since: parse_date("since", &self.since)?,
            until: parse_date("until", &self.until)?,
            story: self.story.clone().filter(|s| !s.trim().is_empty()),
            limit: self.limit.unwrap_or(20).clamp(1, 100),
        })
    }
}

fn run_search(st: &AppState, q: &SearchQuery) -> Result<parallax_search::SearchResults, ApiError> {
    let ix = st.search.as_ref().ok_or_else(|| {
        ApiError::new(StatusCode::SERVICE_UNAVAILABLE, "search_unavailable", "no search index; run `parallax reindex`")
    })?;
    ix.search(q).map_err(|e| match e {
        parallax_search::SearchError::BadQuery(m) => ApiError::bad_request(m),
        e => ApiError::internal(e),
    })
}

async fn api_search(State(st): State<AppState>, Query(p): Query<SearchParams>) -> ApiResult {
    let q = p.to_query()?;
    let r = blocking(move || run_search(&st, &q)).await?;
    Ok(axum::Json(r).into_response())
}

/// Query string of `POST /api/articles`.
#[derive(Debug, Default, Deserialize)]
pub struct PostParams {
    /// Name of the report (default: `posted-<first 12 hex of its bytes' hash>`).
    pub source: Option<String>,
    /// URL of the page.
    pub url: Option<String>,
}

async fn api_post_article(
    State(st): State<AppState>,
    Query(p): Query<PostParams>,
    headers: HeaderMap,
    body: Body,
) -> ApiResult {
    let bytes = axum::body::to_bytes(body, MAX_BODY_BYTES).await.map_err(|_| {
        ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "payload_too_large",
            format!("request body over {MAX_BODY_BYTES} bytes"),
        )
    })?;
    if bytes.is_empty() {
        return Err(ApiError::bad_request("empty body: send the report's text or HTML"));
    }
    let html_declared = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.to_ascii_lowercase().contains("html"));
    let (status, value) = blocking(move || post_article(&st, &p, html_declared, &bytes)).await?;
    Ok((status, axum::Json(value)).into_response())
}

fn post_article(
    st: &AppState,
    p: &PostParams,
    html_declared: bool,
    bytes: &[u8],
) -> Result<(StatusCode, serde_json::Value), ApiError> {
    let source = p
        .source
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| s.chars().take(200).collect::<String>())
        .unwrap_or_else(|| format!("posted-{:016x}", xxhash_rust::xxh3::xxh3_64(bytes)));
    let ingested = parallax_ingest::documents_from_bytes(&source, &source, bytes)
        .map_err(|e| ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, "no_article", format!("{source}: {e}")))?;
    let mut docs = ingested.documents;
    if docs.len() != 1 {
        return Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "no_article",
            format!("expected one report, the body holds {}", docs.len()),
        ));
    }
    if html_declared {
        docs[0].kind = parallax_core::DocKind::Html;
    }
    if let Some(u) = p.url.as_deref().filter(|u| !u.trim().is_empty()) {
        docs[0].url = Some(u.trim().to_string());
    }
    let (articles, skipped) = parallax_pipeline::extract_all(&docs, &parallax_pipeline::no_progress);
    if let Some(s) = skipped.first() {
        return Err(ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, "no_article", format!("{}: {}", s.path, s.reason)));
    }
    let _guard = st.writes.lock().unwrap_or_else(|e| e.into_inner());
    let report =
        library::add_articles(st.store.as_ref(), st.index.as_deref(), &articles, &parallax_pipeline::no_progress)
            .map_err(ApiError::internal)?;
    let outcome = report.inserted.first().ok_or_else(|| ApiError::internal("nothing inserted"))?;
    let story_id = st.store.article(outcome.id()).map_err(ApiError::internal)?.and_then(|a| a.story_id);
    let status = if outcome.is_added() { StatusCode::CREATED } else { StatusCode::OK };
    let mut v = serde_json::to_value(outcome).map_err(ApiError::internal)?;
    v["story_id"] = json!(story_id);
    v["source"] = json!(source);
    if let Some(e) = report.index_error {
        v["index_error"] = json!(e);
    }
    Ok((status, v))
}

async fn page_stories(State(st): State<AppState>) -> Response {
    match blocking(move || st.store.stories().map_err(ApiError::internal)).await {
        Ok(stories) => Html(html::render(&html::StoriesPage { stories })).into_response(),
        Err(e) => html_error(StatusCode::INTERNAL_SERVER_ERROR, "Error", &e.message),
    }
}

/// The live story page; records the visit in a cookie scoped to the page.
async fn page_story(
    State(st): State<AppState>,
    Path(id): Path<String>,
    Query(q): Query<StoryPageParams>,
    headers: HeaderMap,
) -> Response {
    let since = q.since.as_deref().or_else(|| {
        headers.get(header::COOKIE).and_then(|v| v.to_str().ok()).and_then(|c| live::cookie(c, live::COOKIE))
    });
    let since = since.and_then(live::parse_since);
    let cookie_id = id.clone();
    match blocking(move || live_page(st.store.as_ref(), &id, since).map_err(ApiError::internal)).await {
        Ok(Some(page)) => {
            let cookie = live::visit_cookie(&cookie_id, chrono::Utc::now());
            ([(header::SET_COOKIE, cookie)], Html(page)).into_response()
        }
        Ok(None) => html_error(StatusCode::NOT_FOUND, "Story not found", "No story has this id."),
        Err(e) => html_error(StatusCode::INTERNAL_SERVER_ERROR, "Error", &e.message),
    }
}

/// Query string of the story page.
#[derive(Debug, Default, Deserialize)]
pub struct StoryPageParams {
    /// Show changes since this time (RFC 3339 or Unix seconds) instead of the last visit.
    pub since: Option<String>,
}

fn live_page(
    store: &dyn Store,
    id: &str,
    since: Option<chrono::DateTime<chrono::Utc>>,
) -> Result<Option<String>, parallax_store::StoreError> {
    let Some(s) = store.story(id)? else { return Ok(None) };
    let mut added = std::collections::BTreeMap::new();
    for m in &s.members {
        if let Some(a) = store.article(m)? {
            added.insert(a.article.source, a.added_at);
        }
    }
    Ok(Some(html::live_story_page(&s.report, &added, &s.summary.updated_at, since)))
}

async fn page_search(State(st): State<AppState>, Query(p): Query<SearchParams>) -> Response {
    let q = p.q.clone();
    let outlet = p.outlet.clone().unwrap_or_default();
    if q.trim().is_empty() {
        return Html(html::render(&html::SearchPage::new("", &outlet, Err("Type something to search for.".into()))))
            .into_response();
    }
    let r = match p.to_query() {
        Ok(query) => blocking(move || run_search(&st, &query)).await,
        Err(e) => Err(e),
    };
    Html(html::render(&html::SearchPage::new(&q, &outlet, r.map_err(|e| e.message)))).into_response()
}

/// Serves the router on `addr` until Ctrl-C. `ready` is called with the bound address.
pub async fn serve(state: AppState, addr: &str, ready: impl FnOnce(std::net::SocketAddr)) -> Result<(), ServerError> {
    let listener = tokio::net::TcpListener::bind(addr).await?;
    ready(listener.local_addr()?);
    axum::serve(listener, router(state))
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await?;
    Ok(())
}
