//! `watch` (follow feeds live), `feeds` (their health), and the URL half of `ingest`.
//!
//! A round polls every due feed of the FEEDS file at once (the fetcher keeps one request at a
//! time per host), and handles each feed as its poll ends, in this order: its new articles
//! are inserted (content-hash idempotent), its items are recorded as handled, then its state
//! (validators, failures, next poll) is saved. Stories are brought up to date once per round.
//! A process killed at any point therefore loses nothing: items not yet recorded are fetched
//! again (their articles are duplicates if they were stored), validators are saved only once
//! every item of that feed version is handled, and articles left without a story are picked
//! up by the next round.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use chrono::{SecondsFormat, Utc};
use parallax_core::{Article, Document, Skipped};
use parallax_fetch::poll::{FeedContent, FeedRequest, ItemDoc, NewItem, PollError};
use parallax_fetch::{FetchConfig, Fetcher, Validators, backoff_delay};
use parallax_search::SearchIndex;
use parallax_store::{FeedState, FeedStore, Fetch, Store};

use super::db::Db;
use super::store::ListFormat;
use crate::output::write_output;

/// Arguments of `watch`.
#[derive(Debug, clap::Args)]
pub struct WatchArgs {
    /// Feed list: one feed URL a line (`#` starts a comment), or an OPML file.
    pub feeds: PathBuf,
    /// Database file or postgres:// URL [default: $PARALLAX_DB, else ./parallax.db].
    #[arg(long, value_name = "FILE|URL")]
    pub db: Option<PathBuf>,
    /// Time between rounds (e.g. 90s, 10m, 1h).
    #[arg(long, default_value = "10m", value_parser = parse_duration)]
    pub interval: Duration,
    /// Do one round and exit.
    #[arg(long)]
    pub once: bool,
    #[command(flatten)]
    pub http: HttpArgs,
}

/// HTTP settings shared by `watch` and `ingest URL`.
#[derive(Debug, Clone, clap::Args)]
pub struct HttpArgs {
    /// Pause between two requests to the same host.
    #[arg(long, default_value = "1s", value_parser = parse_duration)]
    pub pause: Duration,
    /// Wait after a feed's or host's first failure; doubles with each further failure.
    #[arg(long, default_value = "1m", value_parser = parse_duration)]
    pub backoff: Duration,
    /// Longest wait after failures.
    #[arg(long, default_value = "1h", value_parser = parse_duration)]
    pub max_backoff: Duration,
    /// Longest time one request may take.
    #[arg(long, default_value = "30s", value_parser = parse_duration)]
    pub timeout: Duration,
    /// Largest response accepted, in bytes.
    #[arg(long, default_value_t = 8 * 1024 * 1024, value_name = "BYTES")]
    pub max_bytes: usize,
    /// Seed of the backoff jitter.
    #[arg(long, default_value_t = 0x5eed)]
    pub seed: u64,
}

impl HttpArgs {
    fn fetcher(&self) -> anyhow::Result<Arc<Fetcher>> {
        let config = FetchConfig {
            pause: self.pause,
            backoff_base: self.backoff,
            backoff_cap: self.max_backoff.max(self.backoff),
            timeout: self.timeout,
            connect_timeout: self.timeout.min(Duration::from_secs(10)),
            max_bytes: self.max_bytes,
            seed: self.seed,
            ..FetchConfig::default()
        };
        Fetcher::new(config).context("cannot set up the HTTP client")
    }
}

/// Arguments of `feeds`.
#[derive(Debug, clap::Args)]
pub struct FeedsArgs {
    /// Database file or postgres:// URL [default: $PARALLAX_DB, else ./parallax.db].
    #[arg(long, value_name = "FILE|URL")]
    pub db: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    pub format: ListFormat,
}

/// Parses `500ms`, `30s`, `10m`, `2h`, `1d` (a bare number is seconds).
pub fn parse_duration(s: &str) -> Result<Duration, String> {
    let s = s.trim();
    let split = s.find(|c: char| !c.is_ascii_digit() && c != '.').unwrap_or(s.len());
    let (num, unit) = s.split_at(split);
    let n: f64 = num.parse().map_err(|_| format!("not a duration: {s:?} (e.g. 30s, 10m, 1h)"))?;
    let secs = match unit.trim() {
        "ms" => n / 1000.0,
        "" | "s" => n,
        "m" => n * 60.0,
        "h" => n * 3600.0,
        "d" => n * 86400.0,
        u => return Err(format!("unknown duration unit {u:?} in {s:?} (use ms, s, m, h or d)")),
    };
    Ok(Duration::from_secs_f64(secs))
}

fn now() -> chrono::DateTime<Utc> {
    Utc::now()
}

fn rfc3339(t: chrono::DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

fn host_of(url: &str) -> String {
    parallax_fetch::parse_http_url(url).ok().and_then(|u| parallax_fetch::host_key(&u)).unwrap_or_else(|| url.into())
}

/// What one round did.
#[derive(Debug, Default)]
struct Round {
    polled: usize,
    not_modified: usize,
    deferred: usize,
    new_articles: usize,
    from_feed: usize,
    stories: Vec<String>,
    /// host -> error messages.
    errors: BTreeMap<String, Vec<String>>,
    feed_errors: usize,
}

impl Round {
    fn error(&mut self, url: &str, what: String) {
        self.errors.entry(host_of(url)).or_default().push(what);
    }

    fn line(&self, n: usize) -> String {
        let errors = if self.errors.is_empty() {
            "none".to_string()
        } else {
            self.errors
                .iter()
                .map(|(h, es)| {
                    let mut kinds: Vec<&str> = es.iter().map(String::as_str).collect();
                    kinds.dedup();
                    format!("{h} {} ({})", es.len(), kinds.join("; "))
                })
                .collect::<Vec<_>>()
                .join(", ")
        };
        format!(
            "round {n}: {} feed(s) polled, {} not modified, {} deferred, {} new article(s) ({} from feed content), {} story(ies) touched; errors: {errors}",
            self.polled,
            self.not_modified,
            self.deferred,
            self.new_articles,
            self.from_feed,
            self.stories.len()
        )
    }
}

struct Watch {
    db: Db,
    index: Option<SearchIndex>,
    fetcher: Arc<Fetcher>,
    http: HttpArgs,
    urls: Vec<String>,
}

/// Runs `watch`.
pub fn watch(a: WatchArgs) -> anyhow::Result<ExitCode> {
    let text = std::fs::read(&a.feeds).with_context(|| format!("cannot read feed list {}", a.feeds.display()))?;
    let list = parallax_fetch::feedlist::parse_feed_list(&String::from_utf8_lossy(&text));
    for (at, why) in &list.rejected {
        eprintln!("parallax: skipped {} {at}: {why}", a.feeds.display());
    }
    if list.urls.is_empty() {
        anyhow::bail!("no feed URLs in {}", a.feeds.display());
    }
    let db = Db::open(a.db.as_deref(), false, 4)?;
    db.feeds().add_feeds(&list.urls).with_context(|| format!("cannot update database {}", db.label()))?;
    let index = match db.tantivy() {
        Some(Ok(ix)) => Some(ix),
        Some(Err(e)) => {
            eprintln!("parallax: warning: search index unavailable ({e:#}); run `parallax reindex` later");
            None
        }
        None => None,
    };
    let fetcher = a.http.fetcher()?;
    for u in &list.urls {
        fetcher.allow_url(u)?;
    }
    let w = Watch { db, index, fetcher, http: a.http.clone(), urls: list.urls };
    // The runtime only drives the HTTP requests; the store is written from this thread (the
    // PostgreSQL client blocks, so it must not run on the runtime's threads).
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    rt.spawn(async {
        if tokio::signal::ctrl_c().await.is_ok() {
            // Every store write is a transaction, so stopping anywhere is safe.
            eprintln!("parallax: interrupted; the next run continues where this one stopped");
            std::process::exit(0);
        }
    });
    w.run(&rt, a.once, a.interval)
}

impl Watch {
    fn store(&self) -> &dyn Store {
        self.db.store()
    }

    fn feeds(&self) -> &dyn FeedStore {
        self.db.feeds()
    }

    fn run(&self, rt: &tokio::runtime::Runtime, once: bool, interval: Duration) -> anyhow::Result<ExitCode> {
        let mut n = 1;
        loop {
            let round = self.round(rt)?;
            println!("{}", round.line(n));
            for s in &round.stories {
                println!("  {s}");
            }
            if once {
                let all_failed = round.polled > 0 && round.feed_errors == round.polled;
                return Ok(if all_failed { ExitCode::from(1) } else { ExitCode::SUCCESS });
            }
            n += 1;
            std::thread::sleep(interval);
        }
    }

    /// Polls every due feed at once on the runtime and handles each poll here as it ends.
    fn round(&self, rt: &tokio::runtime::Runtime) -> anyhow::Result<Round> {
        let mut round = Round::default();
        let base_generation = self.store().generation()?;
        let now = rfc3339(now());
        let (done, results) = std::sync::mpsc::channel();
        for url in &self.urls {
            let state = self.feeds().feed(url)?.unwrap_or_else(|| FeedState { url: url.clone(), ..Default::default() });
            if state.next_poll_at.as_deref().is_some_and(|t| t > now.as_str()) {
                round.deferred += 1;
                continue;
            }
            let req = FeedRequest {
                url: url.clone(),
                validators: Validators { etag: state.etag.clone(), last_modified: state.last_modified.clone() },
                seen: self.feeds().seen_items(url)?,
            };
            let (fetcher, done) = (self.fetcher.clone(), done.clone());
            rt.spawn(async move {
                let r = parallax_fetch::poll::poll_feed(&fetcher, &req).await;
                let _ = done.send((state, r));
            });
        }
        drop(done);
        let mut added = Vec::new();
        // Ends when every poll has reported (each task drops its sender when done).
        for (state, result) in results {
            round.polled += 1;
            added.extend(self.handle_poll(state, result, &mut round)?);
        }
        self.update_stories(base_generation, &added, &mut round)?;
        Ok(round)
    }

    /// Stores one feed's poll: articles, then handled items, then the feed's state.
    fn handle_poll(
        &self,
        mut state: FeedState,
        result: Result<FeedContent, PollError>,
        round: &mut Round,
    ) -> anyhow::Result<Vec<String>> {
        let t = now();
        state.last_poll_at = Some(rfc3339(t));
        let next = |d: Option<Duration>| {
            d.filter(|d| !d.is_zero())
                .map(|d| rfc3339(t + chrono::Duration::from_std(d).unwrap_or(chrono::Duration::zero())))
        };
        let mut added = Vec::new();
        match result {
            Ok(FeedContent::NotModified { max_age }) => {
                round.not_modified += 1;
                state.next_poll_at = next(max_age);
                state.last_status = Some("not_modified".into());
            }
            Ok(FeedContent::Fetched { title, validators, max_age, new_items, .. }) => {
                let (ids, complete) = self.store_items(&state.url, new_items, round)?;
                added = ids;
                state.title = title.or(state.title);
                // Validators only once every item of this version is handled, so that a
                // 304 never hides an item still to fetch.
                let v = if complete { validators } else { Validators::default() };
                (state.etag, state.last_modified) = (v.etag, v.last_modified);
                state.next_poll_at = next(max_age);
                state.last_status = Some("ok".into());
            }
            Err(e) => {
                round.feed_errors += 1;
                round.error(&state.url, e.to_string());
                let backoff = self.failure_backoff(&mut state, &e);
                state.last_status = Some("error".into());
                state.last_error = Some(e.to_string());
                state.next_poll_at = next(Some(backoff));
                self.feeds().save_feed(&state)?;
                return Ok(added);
            }
        }
        state.last_ok_at = state.last_poll_at.clone();
        state.failures = 0;
        state.last_error = None;
        self.feeds().save_feed(&state)?;
        Ok(added)
    }

    /// How long a feed waits after a failed poll. A host already backing off only defers the
    /// feed; any other failure counts and doubles the feed's own backoff (seeded jitter), or
    /// waits as long as the server's `Retry-After` asks (up to a day) when that is longer.
    fn failure_backoff(&self, state: &mut FeedState, e: &PollError) -> Duration {
        if let PollError::Fetch(parallax_fetch::FetchError::Backoff(s)) = e {
            return Duration::from_secs(*s);
        }
        state.failures += 1;
        let h = &self.http;
        let d = backoff_delay(h.backoff, h.max_backoff.max(h.backoff), state.failures, h.seed, &state.url);
        let retry = match e {
            PollError::Fetch(f) => f.retry_after(),
            PollError::Feed(_) => None,
        };
        retry.map_or(d, |r| r.min(parallax_fetch::host::MAX_RETRY_AFTER).max(d))
    }

    /// Extracts and stores new items; returns the ids of new articles and whether every
    /// item was handled (transient page failures are left for the next round).
    fn store_items(
        &self,
        feed_url: &str,
        items: Vec<NewItem>,
        round: &mut Round,
    ) -> anyhow::Result<(Vec<String>, bool)> {
        let mut articles: Vec<Article> = Vec::new();
        let mut fetches: Vec<Fetch> = Vec::new();
        let mut complete = true;
        for it in items {
            let mut fetch = Fetch {
                url: it.url.clone(),
                fetched_at: it.fetched_at.clone(),
                feed_url: Some(feed_url.to_string()),
                item_key: Some(it.key.clone()),
                article_id: None,
                via: String::new(),
            };
            let where_ = it.url.clone().unwrap_or_else(|| feed_url.to_string());
            let extracted = match &it.doc {
                ItemDoc::Page(d) => match extract(d) {
                    Ok(a) => Ok((a, "page".to_string())),
                    Err(why) => extract_fallback(&it, why),
                },
                ItemDoc::Fallback(_, why) => extract_fallback(&it, why.clone()),
                ItemDoc::Failed { reason, transient } => {
                    complete &= !transient;
                    Err(reason.clone())
                }
            };
            match extracted {
                Ok((a, via)) => {
                    if via != "page" {
                        round.from_feed += 1;
                        eprintln!("parallax: {where_}: {via}");
                    }
                    fetch.via = via;
                    fetch.article_id = Some(a.content_hash());
                    articles.push(a);
                }
                Err(why) => {
                    round.error(&where_, why.clone());
                    eprintln!("parallax: {where_}: {why}");
                    fetch.via = format!("failed: {why}");
                }
            }
            if !matches!(it.doc, ItemDoc::Failed { transient: true, .. }) {
                fetches.push(fetch);
            }
        }
        let mut ids = Vec::new();
        for chunk in articles.chunks(parallax_server::library::CHUNK) {
            ids.extend(
                self.store().insert_articles(chunk)?.into_iter().filter(|i| i.is_added()).map(|i| i.id().to_string()),
            );
        }
        round.new_articles += ids.len();
        self.feeds().record_fetches(&fetches)?;
        Ok((ids, complete))
    }

    /// Re-clusters, re-analyses changed stories and syncs the search index.
    fn update_stories(&self, base_generation: u64, added: &[String], round: &mut Round) -> anyhow::Result<()> {
        if added.is_empty() && self.store().stats()?.unassigned == 0 {
            return Ok(());
        }
        let r = {
            // Other processes sharing a PostgreSQL store wait here (as in `ingest`).
            let _lock = self.store().lock_stories()?;
            parallax_server::library::restory(self.store(), &parallax_pipeline::no_progress)?
        };
        let mut changed: BTreeSet<String> = r.changed_articles.iter().cloned().collect();
        changed.extend(added.iter().cloned());
        let changed: Vec<String> = changed.into_iter().collect();
        if let Some(ix) = &self.index
            && let Err(e) = ix.sync(self.store(), base_generation, &changed)
        {
            eprintln!("parallax: warning: search index not updated ({e}); run `parallax reindex`");
        }
        let mut stories = BTreeSet::new();
        for id in &r.changed_articles {
            if let Some(sid) = self.store().article(id)?.and_then(|a| a.story_id) {
                stories.insert(sid);
            }
        }
        for sid in stories {
            if let Some(s) = self.store().story(&sid)? {
                let s = s.summary;
                round.stories.push(format!(
                    "story {}: {} ({} report(s), {} outlet(s), {} contradiction(s))",
                    s.id, s.headline, s.article_count, s.outlet_count, s.contradiction_count
                ));
            }
        }
        Ok(())
    }
}

fn extract(d: &Document) -> Result<Article, String> {
    parallax_extract::extract(d).map_err(|e| e.to_string())
}

/// The item's own content, when its page gave nothing (`why`); the article comes with its
/// `via`: `feed: WHY`.
fn extract_fallback(it: &NewItem, why: String) -> Result<(Article, String), String> {
    match &it.fallback {
        Some(fb) => match extract(fb) {
            Ok(a) => Ok((a, format!("feed: {why}; used the feed's own content"))),
            Err(e) => Err(format!("{why}; feed content: {e}")),
        },
        None => Err(why),
    }
}

/// Whether an `ingest` argument is a URL rather than a path.
pub fn is_url(arg: &std::path::Path) -> bool {
    let s = arg.to_string_lossy().to_ascii_lowercase();
    s.starts_with("http://") || s.starts_with("https://")
}

/// Fetches the documents behind URLs given to `ingest` (pages or feeds).
pub fn fetch_urls(urls: &[String], http: &HttpArgs) -> anyhow::Result<(Vec<Document>, Vec<Skipped>)> {
    if urls.is_empty() {
        return Ok((Vec::new(), Vec::new()));
    }
    let fetcher = http.fetcher()?;
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    let mut docs = Vec::new();
    let mut skipped = Vec::new();
    for u in urls {
        let (d, s) = rt.block_on(parallax_fetch::poll::fetch_url_documents(&fetcher, u));
        docs.extend(d);
        skipped.extend(s);
    }
    Ok((docs, skipped))
}

/// Records when the articles `ingest` fetched from URLs were fetched.
pub fn record_url_fetches(store: &dyn FeedStore, articles: &[(String, String)]) -> anyhow::Result<()> {
    let at = rfc3339(now());
    let fetches: Vec<Fetch> = articles
        .iter()
        .map(|(url, id)| Fetch {
            url: Some(url.clone()),
            fetched_at: at.clone(),
            article_id: Some(id.clone()),
            via: "page".into(),
            ..Fetch::default()
        })
        .collect();
    store.record_fetches(&fetches)?;
    Ok(())
}

/// Runs `feeds`.
pub fn feeds(a: FeedsArgs) -> anyhow::Result<ExitCode> {
    let db = Db::open(a.db.as_deref(), true, 2)?;
    let list = db.feeds().feeds()?;
    let content = match a.format {
        ListFormat::Json => serde_json::to_string_pretty(&list)?,
        ListFormat::Text => {
            let mut s = format!(
                "{:<12}  {:>5}  {:>8}  {:<20}  {:<20}  {}\n",
                "HEALTH", "FAILS", "ARTICLES", "LAST POLL", "NEXT POLL", "FEED"
            );
            for f in &list {
                s.push_str(&format!(
                    "{:<12}  {:>5}  {:>8}  {:<20}  {:<20}  {}{}\n",
                    health(f),
                    f.failures,
                    f.articles,
                    f.last_poll_at.as_deref().unwrap_or("never"),
                    f.next_poll_at.as_deref().unwrap_or("next round"),
                    f.url,
                    f.last_error.as_deref().map(|e| format!("  ({e})")).unwrap_or_default()
                ));
            }
            if list.is_empty() {
                s.push_str("(no feeds; run `parallax watch FEEDS`)\n");
            }
            s
        }
    };
    write_output(None, &content)?;
    Ok(ExitCode::SUCCESS)
}

/// One word for a feed's health: `new` (never polled), `ok`, `failing` (its last poll
/// failed) or `down` (five or more failures in a row).
pub fn health(f: &FeedState) -> &'static str {
    match (f.last_poll_at.is_some(), f.failures) {
        (false, _) => "new",
        (true, 0) => "ok",
        (true, 1..=4) => "failing",
        _ => "down",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        assert_eq!(parse_duration("10m"), Ok(Duration::from_secs(600)));
        assert_eq!(parse_duration("1.5s"), Ok(Duration::from_millis(1500)));
        assert_eq!(parse_duration("250ms"), Ok(Duration::from_millis(250)));
        assert_eq!(parse_duration("45"), Ok(Duration::from_secs(45)));
        assert!(parse_duration("10 parsecs").is_err());
        assert!(parse_duration("m").is_err());
    }
}
