//! The Parallax pipeline: ingest → extract → dedup → cluster → analyze, and the text and
//! Markdown renderers of its report. Used by the CLI and the server.

use std::path::PathBuf;

use parallax_core::report::{AnalysisOutput, StoryReport};
use parallax_core::{Article, Document, Skipped};
use rayon::prelude::*;

pub mod render;

/// Progress callback: called with (stage name, done, total).
pub type Progress<'a> = &'a (dyn Fn(&str, usize, usize) + Sync);

/// Extracts articles from documents in parallel (order preserved). Documents that yield no
/// article are returned as skipped, with the reason.
pub fn extract_all(docs: &[Document], progress: Progress<'_>) -> (Vec<Article>, Vec<Skipped>) {
    let done = std::sync::atomic::AtomicUsize::new(0);
    let results: Vec<Result<Article, Skipped>> = docs
        .par_iter()
        .map(|d| {
            let r = parallax_extract::extract(d).map_err(|e| Skipped { path: d.path.clone(), reason: e.to_string() });
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

/// Groups articles into stories and analyses each one.
pub fn analyze_articles(articles: &[Article], progress: Progress<'_>) -> Vec<StoryReport> {
    analyze_groups(articles, &parallax_cluster::cluster(articles), progress)
}

/// Analyses the given groups of articles as stories (each group lists indices into
/// `articles`, in publication order). The store uses this to re-analyse only the stories
/// whose articles changed.
pub fn analyze_groups(articles: &[Article], stories: &[Vec<usize>], progress: Progress<'_>) -> Vec<StoryReport> {
    let done = std::sync::atomic::AtomicUsize::new(0);
    stories
        .par_iter()
        .map(|members| {
            let mut story: Vec<Article> = members.iter().map(|&i| articles[i].clone()).collect();
            // Undated reports get a publication date inferred from the story's dated ones.
            parallax_temporal::infer_story_dates(&mut story);
            let copy_of = parallax_dedup::copy_of(&story);
            let r =
                parallax_analyze::analyze_story(parallax_analyze::StoryInput { articles: &story, copy_of: &copy_of });
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
