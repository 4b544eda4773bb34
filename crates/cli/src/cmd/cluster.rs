//! `parallax cluster PATH...`

use std::path::PathBuf;
use std::process::ExitCode;

use serde::Serialize;

use crate::output::{report_skipped, write_output};
use crate::progress::Bar;

/// Arguments of `cluster`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Files or directories.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Output format (only `json`).
    #[arg(long, default_value = "json")]
    pub format: String,
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
    if args.format != "json" {
        anyhow::bail!("unsupported format `{}` for cluster (use json)", args.format);
    }
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
    write_output(args.output.as_deref(), &serde_json::to_string_pretty(&out)?)?;
    eprintln!(
        "parallax: {} article(s) in {n_stories} story(ies); {}",
        articles.len(),
        parallax_core::skip_summary(&out.skipped)
    );
    Ok(if articles.is_empty() { ExitCode::from(1) } else { ExitCode::SUCCESS })
}
