//! `parallax extract PATH...`: one object per article with its body and metadata.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::ValueEnum;
use parallax_core::Article;

use crate::output::{report_skipped, write_output};
use crate::progress::Bar;

/// Output format of `extract`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// One JSON object per line.
    Jsonl,
    /// A JSON array of objects.
    Json,
    /// Readable text: a header per article, then the body.
    Text,
}

/// Arguments of `extract`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Files or directories (HTML, text dumps, RSS/Atom/JSON feeds, WARC, JSONL; gzip allowed).
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "jsonl")]
    pub format: Format,
    /// Write to FILE instead of stdout.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Worker threads (default: all cores).
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,
}

/// The printed shape of one article.
#[derive(serde::Serialize)]
struct Out<'a> {
    source: &'a str,
    url: Option<&'a str>,
    title: Option<&'a str>,
    byline: Option<&'a str>,
    published: Option<&'a str>,
    outlet: Option<&'a str>,
    wire_agency: Option<&'a str>,
    language: Option<&'a str>,
    body: &'a str,
    /// A feed item with a title and link but no text: a record a later fetch can fill.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    no_text: bool,
}

fn out(a: &Article) -> Out<'_> {
    Out {
        source: &a.source,
        url: a.url.as_deref(),
        title: a.title.as_deref(),
        byline: a.byline.as_deref(),
        published: a.published.as_deref(),
        outlet: a.outlet.as_deref(),
        wire_agency: a.wire_agency.as_deref(),
        language: a.language.as_deref(),
        body: &a.body,
        no_text: a.body.is_empty(),
    }
}

/// The record of a feed item that gives a title and link but no text (its body empty).
fn stub_article(d: &parallax_core::Document) -> Article {
    let h = &d.hints;
    Article {
        source: d.source.clone(),
        url: d.url.clone(),
        title: h.title.clone(),
        byline: h.author.clone(),
        published: h.published.clone(),
        outlet: h.outlet.clone(),
        ..Default::default()
    }
}

/// Renders articles in the chosen format.
fn render(articles: &[Article], format: Format) -> anyhow::Result<String> {
    Ok(match format {
        Format::Jsonl => {
            let mut s = String::new();
            for a in articles {
                s.push_str(&serde_json::to_string(&out(a))?);
                s.push('\n');
            }
            s
        }
        Format::Json => serde_json::to_string_pretty(&articles.iter().map(out).collect::<Vec<_>>())? + "\n",
        Format::Text => {
            let mut s = String::new();
            for a in articles {
                s.push_str(&format!("== {}\n", a.source));
                let fields = [
                    ("url", &a.url),
                    ("title", &a.title),
                    ("byline", &a.byline),
                    ("published", &a.published),
                    ("outlet", &a.outlet),
                    ("wire agency", &a.wire_agency),
                    ("language", &a.language),
                ];
                for (k, v) in fields {
                    if let Some(v) = v {
                        // One line per field: control characters from scraped text are dropped.
                        let clean: String = v.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
                        s.push_str(&format!("{k}: {clean}\n"));
                    }
                }
                s.push('\n');
                let body: String = a.body.chars().filter(|c| !c.is_control() || *c == '\n' || *c == '\t').collect();
                s.push_str(&body);
                s.push_str("\n\n");
            }
            s
        }
    })
}

/// Runs `extract`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    if let Some(n) = args.threads {
        // Ignored if the global pool already exists (only one `extract` per process).
        let _ = rayon::ThreadPoolBuilder::new().num_threads(n.max(1)).build_global();
    }
    let started = std::time::Instant::now();
    let bar = Bar::new();
    let ingested = parallax_ingest::ingest_paths(&args.paths);
    let mut skipped = ingested.skipped;
    let (articles, extract_skipped) =
        parallax_pipeline::extract_pages(&ingested.documents, &|s, d, t| bar.update(s, d, t));
    bar.finish();
    skipped.extend(extract_skipped);
    let elapsed = started.elapsed().as_secs_f64();
    report_skipped(&skipped);
    // Items without text are listed after the articles (counted apart in the summary).
    let n_articles = articles.len();
    let mut records = articles;
    records.extend(ingested.stubs.iter().map(stub_article));
    write_output(args.output.as_deref(), &render(&records, args.format)?)?;
    eprintln!(
        "parallax: {} from {} in {:.3} s ({:.1} documents/s); {}",
        parallax_core::text::plural(n_articles, "article"),
        parallax_core::text::plural(ingested.documents.len(), "document"),
        elapsed,
        ingested.documents.len() as f64 / elapsed.max(1e-9),
        parallax_core::skip_summary(&skipped)
    );
    Ok(if records.is_empty() { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        let a = Article {
            source: "a.html".into(),
            title: Some("T\u{7}itle".into()),
            body: "One.\n\nTwo.".into(),
            ..Default::default()
        };
        let jl = render(std::slice::from_ref(&a), Format::Jsonl).unwrap();
        let v: serde_json::Value = serde_json::from_str(jl.lines().next().unwrap()).unwrap();
        for k in ["source", "url", "title", "byline", "published", "outlet", "wire_agency", "language", "body"] {
            assert!(v.get(k).is_some(), "missing {k}");
        }
        assert_eq!(v["body"], "One.\n\nTwo.");
        let j: serde_json::Value =
            serde_json::from_str(&render(std::slice::from_ref(&a), Format::Json).unwrap()).unwrap();
        assert_eq!(j.as_array().unwrap().len(), 1);
        let t = render(&[a], Format::Text).unwrap();
        assert!(t.contains("title: T itle\n") && t.contains("One.\n\nTwo."));
    }
}
