//! The Parallax pipeline: ingest → extract → dedup → cluster → analyze, and the text and
//! Markdown renderers of its report. Used by the CLI and the server.

use std::path::PathBuf;

pub use parallax_analyze::Doc;
use parallax_core::report::{AnalysisOutput, StoryReport};
use parallax_core::{Article, Document, SkipClass, Skipped};
use rayon::prelude::*;

pub mod render;

/// Progress callback: called with (stage name, done, total).
pub type Progress<'a> = &'a (dyn Fn(&str, usize, usize) + Sync);

/// Extracts articles from documents in parallel (order preserved). Documents that yield no
/// article are returned as skipped, with the reason.
pub fn extract_all(docs: &[Document], progress: Progress<'_>) -> (Vec<Article>, Vec<Skipped>) {
    extract_each(docs, progress, true)
}

/// [`extract_all`] without the non-article rules: every page that has text gives an article
/// (what `parallax extract` prints).
pub fn extract_pages(docs: &[Document], progress: Progress<'_>) -> (Vec<Article>, Vec<Skipped>) {
    extract_each(docs, progress, false)
}

fn extract_each(docs: &[Document], progress: Progress<'_>, articles_only: bool) -> (Vec<Article>, Vec<Skipped>) {
    let done = std::sync::atomic::AtomicUsize::new(0);
    let results: Vec<Result<Article, Skipped>> = docs
        .par_iter()
        .map(|d| {
            let r = if articles_only {
                extract_article(d)
            } else {
                parallax_extract::extract(d).map_err(|e| Skipped::new(skip_name(d), e.to_string()))
            };
            let n = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
            progress("extract", n, docs.len());
            r
        })
        .collect();
    let mut articles = Vec::new();
    let mut skipped = Vec::new();
    for r in results {
        match r {
            Ok(a) => articles.push(a),
            Err(s) => skipped.push(s),
        }
    }
    (articles, skipped)
}

/// Extracts one document; a page that is not an article (see
/// [`parallax_extract::page_kind`]) is skipped as [`SkipClass::NotArticle`].
pub fn extract_article(d: &Document) -> Result<Article, Skipped> {
    let name = skip_name(d);
    let article = parallax_extract::extract(d).map_err(|e| Skipped::new(name.clone(), e.to_string()))?;
    match parallax_extract::page_kind::not_article_reason(d, &article) {
        Some(why) => Err(Skipped::of(SkipClass::NotArticle, name, why, 1)),
        None => Ok(article),
    }
}

/// The name a skipped document is reported under: its path, plus the record or item number
/// for documents from containers (`/d/crawl.warc.gz#12`).
fn skip_name(d: &Document) -> String {
    match d.source.rsplit_once('#') {
        Some((_, n)) if !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) => format!("{}#{n}", d.path),
        _ => d.path.clone(),
    }
}

/// Annotates every article once, in parallel (order preserved): the one tokenisation that
/// every later stage reads.
pub fn annotate_all(articles: &[Article]) -> Vec<Doc> {
    articles.par_iter().map(parallax_annotate::article).collect()
}

/// [`annotate_all`] without the temporal layer: [`analyze_groups`] adds it to the articles of
/// the stories it analyses.
pub fn annotate_all_undated(articles: &[Article]) -> Vec<Doc> {
    articles.par_iter().map(parallax_annotate::article_undated).collect()
}

/// Groups articles into stories and analyses each one.
pub fn analyze_articles(articles: &[Article], progress: Progress<'_>) -> Vec<StoryReport> {
    let docs = annotate_all(articles);
    // The analysis tables load on the other core while the stories are formed.
    let (stories, ()) = rayon::join(|| parallax_cluster::cluster_docs(articles, &docs), parallax_analyze::warm_up);
    analyze_groups(articles, &docs, &stories, progress)
}

/// Analyses the given groups of articles as stories (each group lists indices into
/// `articles`, in publication order); `docs[i]` is the annotation of `articles[i]` (see
/// [`annotate_all`]). The store uses this to re-analyse only the stories whose articles changed.
pub fn analyze_groups(
    articles: &[Article],
    docs: &[Doc],
    stories: &[Vec<usize>],
    progress: Progress<'_>,
) -> Vec<StoryReport> {
    let done = std::sync::atomic::AtomicUsize::new(0);
    stories
        .par_iter()
        .map(|members| {
            let mut story: Vec<Article> = members.iter().map(|&i| articles[i].clone()).collect();
            // Undated reports get a publication date inferred from the story's dated ones;
            // their dates are then resolved again against it.
            parallax_temporal::infer_story_dates(&mut story);
            let story_docs: Vec<Doc> = members
                .iter()
                .zip(&story)
                .map(|(&i, a)| {
                    let mut d = docs[i].clone();
                    d.set_dct(a.published_date());
                    d
                })
                .collect();
            let copy_of = parallax_dedup::copy_of_docs(&story, &story_docs);
            let r = parallax_analyze::analyze_story(parallax_analyze::StoryInput {
                articles: &story,
                docs: &story_docs,
                copy_of: &copy_of,
            });
            let n = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
            progress("analyze", n, stories.len());
            r
        })
        .collect()
}

/// Runs the whole pipeline over paths.
pub fn analyze_paths(paths: &[PathBuf], progress: Progress<'_>) -> AnalysisOutput {
    let ingested = parallax_ingest::ingest_paths(paths);
    let mut skipped = ingested.skipped;
    let (articles, extract_skipped) = extract_all(&ingested.documents, progress);
    skipped.extend(extract_skipped);
    let stories = analyze_articles(&articles, progress);
    AnalysisOutput { schema_version: parallax_core::SCHEMA_VERSION, stories, skipped }
}

/// A progress callback that does nothing.
pub fn no_progress(_: &str, _: usize, _: usize) {}
