//! Cross-source analysis of one story.
//!
//! * [`who`]: entities with aliases, quotes with speakers, the same statement across outlets.
//! * [`when`]: dates resolved against each report's publication date, timeline, agreements,
//!   single-source details, contradictions, cited summary.
//!
//! Every function here is pure and deterministic: the same articles give the same report.

pub use parallax_annotate::Doc;
use parallax_core::Article;
use parallax_core::report::{ArticleReport, StoryHeader, StoryReport};

mod dsu;
mod memo;
mod rx;
mod sorted;
pub mod when;
pub mod who;

/// The input of one story: its articles, their annotated texts (see [`annotate`]) and, for
/// each, the article it copies (if any).
#[derive(Debug, Clone, Copy)]
pub struct StoryInput<'a> {
    /// The story's articles.
    pub articles: &'a [Article],
    /// `docs[i]` is the annotation of `articles[i]` (body, then its off-story posts).
    pub docs: &'a [Doc],
    /// `copy_of[i] = Some(j)`: article `i` is a near-copy of article `j` (not independent).
    pub copy_of: &'a [Option<usize>],
}

impl StoryInput<'_> {
    /// Whether article `i` is an independent source (not a syndicated copy).
    pub fn independent(&self, i: usize) -> bool {
        self.copy_of.get(i).copied().flatten().is_none()
    }
}

/// Builds the process-wide tables the analysis reads (gazetteers, synonym classes) ahead of
/// the first story, so that a caller can overlap their loading with other work (clustering).
/// Results never depend on it.
pub fn warm_up() {
    who::warm_up();
}

/// Analyses one story.
pub fn analyze_story(input: StoryInput<'_>) -> StoryReport {
    let articles = input.articles;
    let mut report = StoryReport {
        story: header(articles),
        articles: articles
            .iter()
            .enumerate()
            .map(|(i, a)| {
                let mut r = ArticleReport::from_article(a);
                r.copy_of = input.copy_of.get(i).copied().flatten().map(|j| articles[j].source.clone());
                (a.source.clone(), r)
            })
            .collect(),
        ..Default::default()
    };
    // Who said what covers the whole text a report carries, including live-blog posts on
    // other subjects (the annotated text holds them after the body): their people and quotes
    // are real content of the page; the claim analysis stays on the story's own body.
    let who = who::analyze(input);
    report.entities = who.entities;
    report.quotes = who.quote_groups;
    report.text_reuse = parallax_dedup::text_reuse(articles, input.docs);
    let when = when::analyze(input, &report.entities, &report.quotes);
    report.timeline = when.timeline;
    report.agreements = when.agreements;
    report.single_source_details = when.single_source_details;
    report.contradictions = when.contradictions;
    report.summary = when.summary;
    report
}

pub use parallax_annotate::article as annotate;

/// Annotates every article of a story (see [`annotate`]).
pub fn annotate_all(articles: &[Article]) -> Vec<Doc> {
    articles.iter().map(annotate).collect()
}

/// Story header: headline from the earliest titled report, date = earliest publication.
fn header(articles: &[Article]) -> StoryHeader {
    let mut order: Vec<&Article> = articles.iter().collect();
    order.sort_by(|a, b| {
        (a.published.is_none(), &a.published, &a.source).cmp(&(b.published.is_none(), &b.published, &b.source))
    });
    let headline = order
        .iter()
        .find_map(|a| a.title.clone())
        .or_else(|| {
            order
                .first()
                .map(|a| parallax_core::report::first_sentence(a.paragraphs().next().unwrap_or("")).to_string())
        })
        .unwrap_or_default();
    let id = order.first().map(|a| format!("s-{}", &a.content_hash()[..12])).unwrap_or_default();
    StoryHeader { id, headline, date: order.iter().find_map(|a| a.published.clone()), article_count: articles.len() }
}
