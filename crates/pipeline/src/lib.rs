//! The Parallax pipeline: ingest → extract → dedup → cluster → analyze, and the text and
//! Markdown renderers of its report. Used by the CLI and the server.

use std::path::PathBuf;

pub use parallax_analyze::Doc;
use parallax_core::report::{AnalysisOutput, StoryReport};
use parallax_core::{Article, Document, SkipClass, Skipped};
use parallax_dedup::Prepared;
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
    // Each article's near-duplicate keys (its MinHash signature) are worked out once, with its
    // annotation, for the grouping and for its story's analysis.
    let (docs, prepared): (Vec<Doc>, Vec<Prepared>) = articles
        .par_iter()
        .map(|a| {
            let d = parallax_annotate::article(a);
            let p = parallax_dedup::prepare(&d);
            (d, p)
        })
        .unzip();
    let copies = parallax_dedup::copy_of_prepared(articles, &prepared);
    // The analysis tables load on the other core while the stories are formed.
    let (stories, ()) =
        rayon::join(|| parallax_cluster::cluster_docs_with(articles, &docs, &copies), parallax_analyze::warm_up);
    analyze_each(articles, &docs, Some(&prepared), &stories, progress)
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
    analyze_each(articles, docs, None, stories, progress)
}

/// [`analyze_groups`], given each article's near-duplicate keys when they are at hand.
fn analyze_each(
    articles: &[Article],
    docs: &[Doc],
    prepared: Option<&[Prepared]>,
    stories: &[Vec<usize>],
    progress: Progress<'_>,
) -> Vec<StoryReport> {
    let done = std::sync::atomic::AtomicUsize::new(0);
    // Longest stories first, so that the last ones to finish are short and neither core
    // waits long for the other; the reports keep the order of `stories`.
    let mut order: Vec<usize> = (0..stories.len()).collect();
    order.sort_by_key(|&s| std::cmp::Reverse(stories[s].iter().map(|&i| docs[i].text.len()).sum::<usize>()));
    let reports: Vec<(usize, StoryReport)> = order
        .par_iter()
        .map(|&s| {
            let r = analyze_group(articles, docs, prepared, &stories[s]);
            let n = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
            progress("analyze", n, stories.len());
            (s, r)
        })
        .collect();
    let mut out: Vec<Option<StoryReport>> = (0..stories.len()).map(|_| None).collect();
    for (s, r) in reports {
        out[s] = Some(r);
    }
    out.into_iter().flatten().collect()
}

/// Analyses one group of articles as a story (see [`analyze_groups`]).
fn analyze_group(articles: &[Article], docs: &[Doc], prepared: Option<&[Prepared]>, members: &[usize]) -> StoryReport {
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
    // The keys depend on the body's words only, not on the (re-)resolved dates.
    let copy_of = match prepared {
        Some(p) => parallax_dedup::copy_of_prepared(&story, &members.iter().map(|&i| p[i].clone()).collect::<Vec<_>>()),
        None => parallax_dedup::copy_of_docs(&story, &story_docs),
    };
    parallax_analyze::analyze_story(parallax_analyze::StoryInput {
        articles: &story,
        docs: &story_docs,
        copy_of: &copy_of,
    })
}

/// Runs the whole pipeline over paths.
pub fn analyze_paths(paths: &[PathBuf], progress: Progress<'_>) -> AnalysisOutput {
    // The analysis tables load on a worker while this thread reads the inputs (the other
    // worker would be idle) and the extraction starts; their first user waits if needed.
    rayon::spawn(parallax_analyze::warm_up);
    // So do the text extraction's patterns, on the other worker.
    rayon::spawn(parallax_extract::text::warm_up);
    let ingested = parallax_ingest::ingest_paths(paths);
    let mut skipped = ingested.skipped;
    let (articles, extract_skipped) = extract_all(&ingested.documents, progress);
    skipped.extend(extract_skipped);
    let stories = analyze_articles(&articles, progress);
    AnalysisOutput { schema_version: parallax_core::SCHEMA_VERSION, stories, skipped }
}

/// The report as pretty-printed JSON, exactly as `serde_json::to_string_pretty` writes it,
/// with the stories serialised in parallel.
pub fn to_json_pretty(out: &AnalysisOutput) -> serde_json::Result<String> {
    let stories: Vec<String> = out.stories.par_iter().map(serde_json::to_string_pretty).collect::<Result<_, _>>()?;
    let shell =
        AnalysisOutput { schema_version: out.schema_version, stories: Vec::new(), skipped: out.skipped.clone() };
    let head = serde_json::to_string_pretty(&shell)?;
    // The empty list of stories, at the top level (two spaces in, after the schema version).
    const EMPTY: &str = "\n  \"stories\": []";
    let Some(at) = head.find(EMPTY).filter(|_| !stories.is_empty()) else { return Ok(head) };
    let mut json = String::with_capacity(head.len() + stories.iter().map(|s| s.len() + s.len() / 8).sum::<usize>());
    json.push_str(&head[..at]);
    json.push_str("\n  \"stories\": [");
    for (k, s) in stories.iter().enumerate() {
        json.push_str(if k == 0 { "\n    " } else { ",\n    " });
        // A story is two levels in; its strings hold no raw line break (JSON escapes them).
        json.push_str(&s.replace('\n', "\n    "));
    }
    json.push_str("\n  ]");
    json.push_str(&head[at + EMPTY.len()..]);
    Ok(json)
}

/// A progress callback that does nothing.
pub fn no_progress(_: &str, _: usize, _: usize) {}
