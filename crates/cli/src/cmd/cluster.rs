//! `parallax cluster PATH...`

use std::path::PathBuf;
use std::process::ExitCode;

use serde::Serialize;

use parallax_core::text::plural;

use crate::output::{report_skipped, write_output};
use crate::progress::Bar;

/// Output format of `cluster`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// One block per story: headline, then one line per article.
    Text,
    /// `{"stories": [{id, headline, articles: [{source, published, outlet, copy_of}]}]}`.
    Json,
}

/// Arguments of `cluster`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Files or directories.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
    /// Write to FILE instead of stdout.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Serialize)]
struct Output {
    stories: Vec<StoryOut>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    skipped: Vec<parallax_core::Skipped>,
}

#[derive(Serialize)]
struct StoryOut {
    id: String,
    headline: String,
    articles: Vec<ArticleOut>,
}

#[derive(Serialize)]
struct ArticleOut {
    source: String,
    published: Option<String>,
    outlet: Option<String>,
    copy_of: Option<String>,
}

/// Runs `cluster`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let bar = Bar::new();
    let ingested = parallax_ingest::ingest_paths(&args.paths);
    let mut skipped = ingested.skipped;
    let (articles, extract_skipped) =
        parallax_pipeline::extract_all(&ingested.documents, &|s, d, t| bar.update(s, d, t));
    skipped.extend(extract_skipped);
    bar.finish();
    report_skipped(&skipped);
    let (groups, copies) = parallax_cluster::stories(&articles);
    let stories: Vec<StoryOut> = groups
        .into_iter()
        .map(|g| StoryOut {
            id: g.id,
            headline: g.headline,
            articles: g
                .members
                .iter()
                .map(|&i| {
                    let a = &articles[i];
                    ArticleOut {
                        source: a.source.clone(),
                        published: a.published.clone(),
                        outlet: a.outlet.clone(),
                        copy_of: copies[i].map(|j| articles[j].source.clone()),
                    }
                })
                .collect(),
        })
        .collect();
    let n_stories = stories.len();
    let out = Output { stories, skipped };
    let content = match args.format {
        Format::Json => serde_json::to_string_pretty(&out)?,
        Format::Text => text(&out.stories),
    };
    write_output(args.output.as_deref(), &content)?;
    eprintln!(
        "parallax: {} in {}; {}",
        plural(articles.len(), "article"),
        plural(n_stories, "story"),
        parallax_core::skip_summary(&out.skipped)
    );
    Ok(if articles.is_empty() { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

/// The text listing: per story its headline, id and article count, then one line per
/// article (date, outlet or "unknown outlet", source name, copy mark).
fn text(stories: &[StoryOut]) -> String {
    let mut s = String::new();
    for st in stories {
        s.push_str(&format!("{}  ({}, {})\n", st.headline, plural(st.articles.len(), "article"), st.id));
        for a in &st.articles {
            let copy = a.copy_of.as_ref().map(|c| format!("  copy of {c}")).unwrap_or_default();
            s.push_str(&format!(
                "  {:<10}  {:<24}  {}{copy}\n",
                a.published.as_deref().map(|p| p.get(..10).unwrap_or(p)).unwrap_or("-"),
                a.outlet.as_deref().unwrap_or("unknown outlet"),
                a.source
            ));
        }
        s.push('\n');
    }
    if stories.is_empty() {
        s.push_str("(no stories)\n");
    }
    s
}
