//! Store-backed commands: `ingest`, `stories`, `show`, `search`, `reindex`, `serve`.
//!
//! The database is `--db FILE`, else `$PARALLAX_DB`, else `./parallax.db`; its search index
//! lives beside it in `FILE.index/` (derived data, rebuilt by `reindex`). A `postgres://` URL
//! instead of a file selects the PostgreSQL store and its full-text search (see [`super::db`]).

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::Context;
use clap::ValueEnum;
use parallax_core::report::AnalysisOutput;
use parallax_core::text::plural;
use parallax_pipeline::render::{self, Style};
use parallax_search::SearchQuery;
use parallax_store::Store;

use super::db::Db;

use crate::output::{ReportArgs, report_skipped, write_output};
use crate::progress::Bar;

/// Arguments of `ingest`.
#[derive(Debug, clap::Args)]
pub struct IngestArgs {
    /// Files or directories (text dumps, HTML, feeds, WARC, JSONL; gzip allowed), or
    /// http(s) URLs of pages or feeds.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Database file or postgres:// URL [default: $PARALLAX_DB, else ./parallax.db].
    #[arg(long, value_name = "FILE|URL")]
    pub db: Option<PathBuf>,
    #[command(flatten)]
    pub http: super::watch::HttpArgs,
}

/// Output format of list commands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    /// A table.
    Text,
    /// JSON.
    Json,
}

/// Arguments of `stories`.
#[derive(Debug, clap::Args)]
pub struct StoriesArgs {
    /// Database file or postgres:// URL [default: $PARALLAX_DB, else ./parallax.db].
    #[arg(long, value_name = "FILE|URL")]
    pub db: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    pub format: ListFormat,
}

/// Output format of `show`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ShowFormat {
    /// Readable terminal report.
    Text,
    /// The story's report as JSON (`{"schema_version": 1, "stories": [...]}`).
    Json,
    /// Markdown.
    Md,
    /// Standalone HTML story page.
    Html,
}

/// Arguments of `show`.
#[derive(Debug, clap::Args)]
pub struct ShowArgs {
    /// Story id (or a unique prefix of one), as listed by `parallax stories`.
    pub story: String,
    /// Database file or postgres:// URL [default: $PARALLAX_DB, else ./parallax.db].
    #[arg(long, value_name = "FILE|URL")]
    pub db: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    pub format: ShowFormat,
    /// Write to FILE instead of stdout.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub report: ReportArgs,
}

/// Arguments of `search`.
#[derive(Debug, clap::Args)]
pub struct SearchArgs {
    /// Query: words (all required), "a phrase", -excluded, title:word.
    pub query: String,
    /// Database file or postgres:// URL [default: $PARALLAX_DB, else ./parallax.db].
    #[arg(long, value_name = "FILE|URL")]
    pub db: Option<PathBuf>,
    /// Only articles from outlets whose name contains these words (case-insensitive).
    #[arg(long)]
    pub outlet: Option<String>,
    /// Only articles published on or after DATE (YYYY-MM-DD).
    #[arg(long, value_name = "DATE", value_parser = parallax_search::parse_date)]
    pub since: Option<parallax_search::Date>,
    /// Only articles published on or before DATE (YYYY-MM-DD).
    #[arg(long, value_name = "DATE", value_parser = parallax_search::parse_date)]
    pub until: Option<parallax_search::Date>,
    /// Only articles of this story.
    #[arg(long, value_name = "ID")]
    pub story: Option<String>,
    /// Maximum number of hits.
    #[arg(long, default_value_t = 20)]
    pub limit: usize,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    pub format: ListFormat,
}

/// Arguments of `reindex`.
#[derive(Debug, clap::Args)]
pub struct ReindexArgs {
    /// Database file or postgres:// URL [default: $PARALLAX_DB, else ./parallax.db].
    #[arg(long, value_name = "FILE|URL")]
    pub db: Option<PathBuf>,
}

/// Arguments of `serve`.
#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    /// Database file or postgres:// URL [default: $PARALLAX_DB, else ./parallax.db].
    #[arg(long, value_name = "FILE|URL")]
    pub db: Option<PathBuf>,
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub addr: String,
}

/// Runs `ingest`.
pub fn ingest(a: IngestArgs) -> anyhow::Result<ExitCode> {
    let db = Db::open(a.db.as_deref(), false, 4)?;
    let (store, path) = (db.store(), db.label());
    let index = match db.tantivy() {
        Some(Ok(ix)) => Some(ix),
        Some(Err(e)) => {
            eprintln!("parallax: warning: search index unavailable ({e:#}); run `parallax reindex` later");
            None
        }
        None => None,
    };
    let bar = Bar::new();
    let progress = |s: &str, d: usize, t: usize| bar.update(s, d, t);
    let (urls, paths): (Vec<PathBuf>, Vec<PathBuf>) = a.paths.iter().cloned().partition(|p| super::watch::is_url(p));
    let urls: Vec<String> = urls.iter().map(|u| u.to_string_lossy().into_owned()).collect();
    let mut ingested = parallax_ingest::ingest_paths(&paths);
    let (url_docs, url_skipped) = super::watch::fetch_urls(&urls, &a.http)?;
    ingested.documents.extend(url_docs);
    let mut skipped = ingested.skipped;
    skipped.extend(url_skipped);
    let (articles, extract_skipped) = parallax_pipeline::extract_all(&ingested.documents, &progress);
    skipped.extend(extract_skipped);
    let report = parallax_server::library::add_articles(store, index.as_ref(), &articles, &progress)
        .with_context(|| format!("cannot update database {path}"))?;
    bar.finish();
    report_skipped(&skipped);
    for (art, ins) in articles.iter().zip(&report.inserted) {
        if let parallax_store::Inserted::Duplicate { first_source, .. } = ins
            && *first_source != art.source
        {
            eprintln!("parallax: {} duplicates {first_source}", art.source);
        }
    }
    let fetched: Vec<(String, String)> = articles
        .iter()
        .zip(&report.inserted)
        .filter(|(a, _)| super::watch::is_url(std::path::Path::new(&a.source)))
        .map(|(a, i)| (a.url.clone().unwrap_or_else(|| a.source.clone()), i.id().to_string()))
        .collect();
    super::watch::record_url_fetches(db.feeds(), &fetched)?;
    // After the articles: a stub whose page is already stored is not kept.
    let new_stubs = db.feeds().record_stubs(&stubs_of(&ingested.stubs))?;
    if let Some(e) = &report.index_error {
        eprintln!("parallax: warning: search index not updated ({e}); run `parallax reindex`");
    }
    let stats = store.stats()?;
    let stored_stubs = db.feeds().stub_count()?;
    let st = &report.stories;
    let n_skipped = skipped.iter().filter(|s| s.class != parallax_core::SkipClass::NoText).count();
    let without_text = without_text(ingested.stubs.len(), new_stubs);
    let stub_total = if stored_stubs == 0 { String::new() } else { format!(", {}", plural(stored_stubs, "stub")) };
    println!(
        "{} added, {}, {} skipped{without_text}; stories: {} created, {} updated, {} unchanged, {} removed; store {}: {} in {}{stub_total}",
        report.added(),
        plural(report.duplicates(), "duplicate"),
        n_skipped,
        st.created,
        st.analysed - st.created,
        st.unchanged,
        st.deleted,
        path,
        plural(stats.articles, "article"),
        plural(stats.stories, "story")
    );
    let nothing = articles.is_empty() && ingested.stubs.is_empty();
    Ok(if nothing { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

/// The summary's count of feed items without text (`n`, of which `new` became new stubs);
/// empty when there were none.
pub(crate) fn without_text(n: usize, new: usize) -> String {
    match n {
        0 => String::new(),
        n => format!(", {n} without text ({} kept for a later fetch)", plural(new, "new stub")),
    }
}

/// Feed items with a title and link but no text, as stubs a later fetch of the link fills
/// (they never enter stories: only articles do).
pub(crate) fn stubs_of(docs: &[parallax_core::Document]) -> Vec<parallax_store::Stub> {
    docs.iter()
        .filter_map(|d| {
            let h = &d.hints;
            Some(parallax_store::Stub {
                url: d.url.clone()?,
                source: d.source.clone(),
                title: h.title.clone(),
                byline: h.author.clone(),
                outlet: h.outlet.clone(),
                published: h.published.clone(),
                added_at: String::new(),
            })
        })
        .collect()
}

fn clip(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let mut o: String = s.chars().take(max - 1).collect();
        o.push('…');
        o
    }
}

/// Runs `stories`.
pub fn stories(a: StoriesArgs) -> anyhow::Result<ExitCode> {
    let db = Db::open(a.db.as_deref(), true, 2)?;
    let list = db.store().stories()?;
    let content = match a.format {
        ListFormat::Json => serde_json::to_string_pretty(&list)?,
        ListFormat::Text => {
            let mut s = format!(
                "{:<10}  {:<60}  {:>8}  {:>7}  {:>14}  {}\n",
                "DATE", "HEADLINE", "ARTICLES", "OUTLETS", "CONTRADICTIONS", "ID"
            );
            for st in &list {
                s.push_str(&format!(
                    "{:<10}  {:<60}  {:>8}  {:>7}  {:>14}  {}\n",
                    st.date.as_deref().unwrap_or("-"),
                    clip(&st.headline, 60),
                    st.article_count,
                    st.outlet_count,
                    st.contradiction_count,
                    st.id
                ));
            }
            if list.is_empty() {
                s.push_str("(no stories)\n");
            }
            s
        }
    };
    write_output(None, &content)?;
    Ok(ExitCode::SUCCESS)
}

/// Finds a story by id or unique id prefix.
fn find_story(store: &dyn Store, key: &str) -> anyhow::Result<parallax_store::StoredStory> {
    if let Some(s) = store.story(key)? {
        return Ok(s);
    }
    let matches: Vec<String> = store.stories()?.into_iter().map(|s| s.id).filter(|id| id.starts_with(key)).collect();
    match matches.as_slice() {
        [one] => Ok(store.story(one)?.context("story vanished")?),
        [] => anyhow::bail!("no story {key:?} (see `parallax stories`)"),
        many => anyhow::bail!("{key:?} matches {} stories: {}", many.len(), many.join(", ")),
    }
}

/// Runs `show`.
pub fn show(a: ShowArgs) -> anyhow::Result<ExitCode> {
    let db = Db::open(a.db.as_deref(), true, 2)?;
    let story = find_story(db.store(), &a.story)?;
    let out =
        AnalysisOutput { schema_version: parallax_core::SCHEMA_VERSION, stories: vec![story.report], skipped: vec![] };
    let content = match a.format {
        ShowFormat::Json => serde_json::to_string_pretty(&out)?,
        ShowFormat::Text => render::render_with(&out, Style::Text, &a.report.options(a.output.as_deref())),
        ShowFormat::Md => render::render(&out, Style::Markdown),
        ShowFormat::Html => parallax_server::render_report_html(&out),
    };
    write_output(a.output.as_deref(), &content)?;
    Ok(ExitCode::SUCCESS)
}

/// Runs `search`.
pub fn search(a: SearchArgs) -> anyhow::Result<ExitCode> {
    let db = Db::open(a.db.as_deref(), true, 2)?;
    let index = db.search()?;
    let q = SearchQuery {
        text: a.query.clone(),
        outlet: a.outlet.clone(),
        since: a.since,
        until: a.until,
        story: a.story.clone(),
        limit: a.limit.max(1),
    };
    let results = index.search(&q)?;
    for w in &results.warnings {
        eprintln!("parallax: query: ignored {w}");
    }
    let content = match a.format {
        ListFormat::Json => serde_json::to_string_pretty(&results)?,
        ListFormat::Text => {
            let tty = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
            let (open, close) = if tty { ("\x1b[1;33m", "\x1b[0m") } else { ("**", "**") };
            let mut s = String::new();
            for h in &results.hits {
                let meta = parallax_search::hit_meta(h);
                s.push_str(&format!(
                    "{:.2}  {}\n      {}\n      story {}  article {}\n      {}\n\n",
                    h.score,
                    h.title.as_deref().unwrap_or("(no headline)"),
                    meta.join(" · "),
                    h.story_id.as_deref().unwrap_or("-"),
                    h.id,
                    h.snippet.marked(open, close).replace('\n', " ")
                ));
            }
            s.push_str(&format!("{}\n", plural(results.hits.len(), "hit")));
            s
        }
    };
    write_output(None, &content)?;
    Ok(if results.hits.is_empty() { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

/// Runs `reindex`.
pub fn reindex(a: ReindexArgs) -> anyhow::Result<ExitCode> {
    let db = Db::open(a.db.as_deref(), true, 2)?;
    let Db::Sqlite { path, store } = &db else {
        println!("{}: PostgreSQL keeps its full-text index current itself; nothing to rebuild", db.label());
        return Ok(ExitCode::SUCCESS);
    };
    let dir = parallax_search::index_dir_for(path);
    let index = parallax_search::SearchIndex::open(&dir).context("cannot open the search index")?;
    let n = index.rebuild(store)?;
    println!("indexed {} into {}", plural(n, "article"), dir.display());
    Ok(ExitCode::SUCCESS)
}

/// Runs `serve`.
pub fn serve(a: ServeArgs) -> anyhow::Result<ExitCode> {
    let db = Db::open(a.db.as_deref(), false, 16)?;
    let (path, index) = (db.label(), db.current_index()?);
    let state = match (db, index) {
        (Db::Pg { store, .. }, _) => {
            let search = Arc::new(parallax_search::PgSearch::new(store.clone()));
            parallax_server::AppState::with_search(Arc::new(store), search)
        }
        (Db::Sqlite { store, .. }, index) => parallax_server::AppState::new(Arc::new(store), index.map(Arc::new)),
    };
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    rt.block_on(parallax_server::serve(state, &a.addr, |addr| {
        eprintln!("parallax: serving {path} on http://{addr}/ (Ctrl-C to stop)");
    }))
    .with_context(|| format!("cannot serve on {}", a.addr))?;
    Ok(ExitCode::SUCCESS)
}
