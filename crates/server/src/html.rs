//! HTML pages (askama templates in `templates/`, compiled and auto-escaping): the story list,
//! the story page, search results. Every section of a [`StoryReport`] is rendered generically;
//! pages carry their CSS inline and load nothing from elsewhere, so they work offline and as
//! one standalone file.

use std::collections::BTreeMap;

use askama::Template;
use parallax_core::report::{AnalysisOutput, StoryReport};
use parallax_core::text::{fold, plural};
use parallax_pipeline::render::SourceLabel;
use parallax_search::SearchResults;
use parallax_store::StorySummary;

use crate::svg;

/// Number of badge colours in the stylesheet.
const COLOURS: usize = 8;

/// A source badge: short label, colour class, full source name (tooltip).
#[derive(Debug, Clone)]
pub struct Badge {
    /// Short label (outlet, else source name).
    pub label: String,
    /// CSS class (`b0`..`b7`).
    pub class: String,
    /// Source name (file).
    pub source: String,
}

/// One source column.
#[derive(Debug, Clone)]
pub struct SourceView {
    /// Badge.
    pub badge: Badge,
    /// Anchor id.
    pub anchor: String,
    /// Headline.
    pub title: Option<String>,
    /// Metadata lines ("Byline: ...").
    pub meta: Vec<(String, String)>,
    /// Link, only for http(s) URLs.
    pub url: Option<String>,
    /// Label of the source this one copies.
    pub copy_of: Option<String>,
    /// Body paragraphs.
    pub paragraphs: Vec<String>,
    /// Off-story posts.
    pub off_story: Vec<String>,
}

/// Text with source badges.
#[derive(Debug, Clone)]
pub struct Cited {
    /// The text.
    pub text: String,
    /// Supporting sources.
    pub badges: Vec<Badge>,
    /// Extra note (evidence).
    pub note: Option<String>,
    /// Leading label (a date for timeline entries).
    pub label: Option<String>,
}

/// One side of a contradiction.
#[derive(Debug, Clone)]
pub struct ClaimView {
    /// Source.
    pub badge: Badge,
    /// The source's own words.
    pub says: String,
    /// Resolved value.
    pub resolves_to: Option<String>,
    /// Internal inconsistency.
    pub error: Option<String>,
}

/// A contradiction.
#[derive(Debug, Clone)]
pub struct ContradictionView {
    /// Kind (date, number...).
    pub kind: String,
    /// Subject.
    pub about: String,
    /// Claims.
    pub claims: Vec<ClaimView>,
}

/// A quote group.
#[derive(Debug, Clone)]
pub struct QuoteView {
    /// Speaker.
    pub speaker: String,
    /// "via X", medium, kind.
    pub context: Vec<String>,
    /// Each source's wording.
    pub instances: Vec<(Badge, String)>,
    /// "3 sources".
    pub count: String,
    /// Reported speech (`indirect`): shown without quotation marks.
    pub reported: bool,
    /// Carried by two or more outlets.
    pub multi: bool,
}

/// An entity row.
#[derive(Debug, Clone)]
pub struct EntityView {
    /// Name.
    pub name: String,
    /// Type.
    pub kind: String,
    /// Role.
    pub role: Option<String>,
    /// Aliases, comma-separated.
    pub aliases: String,
    /// Sources mentioning it.
    pub badges: Vec<Badge>,
}

/// A copied passage.
#[derive(Debug, Clone)]
pub struct ReuseView {
    /// Origin.
    pub from: Badge,
    /// Copier.
    pub to: Badge,
    /// Passage.
    pub passage: String,
    /// Words.
    pub length: usize,
    /// Credited?
    pub credited: bool,
}

/// Everything the story template shows for one story.
#[derive(Debug, Clone)]
pub struct StoryView {
    /// Story id.
    pub id: String,
    /// Headline.
    pub headline: String,
    /// Date.
    pub date: Option<String>,
    /// Articles.
    pub article_count: usize,
    /// "5 reports".
    pub reports: String,
    /// Quote groups carried by one outlet only (shown folded).
    pub single_quotes: usize,
    /// Coverage grid (inline SVG, text escaped).
    pub coverage_svg: Option<String>,
    /// Timeline strip (inline SVG, text escaped).
    pub timeline_svg: Option<String>,
    /// Source strip (inline SVG, text escaped).
    pub strip_svg: Option<String>,
    /// Sources (columns).
    pub sources: Vec<SourceView>,
    /// Cited summary.
    pub summary: Vec<Cited>,
    /// Contradictions.
    pub contradictions: Vec<ContradictionView>,
    /// Quote groups.
    pub quotes: Vec<QuoteView>,
    /// Timeline.
    pub timeline: Vec<Cited>,
    /// Agreements.
    pub agreements: Vec<Cited>,
    /// Single-source details.
    pub single_source: Vec<Cited>,
    /// Entities.
    pub entities: Vec<EntityView>,
    /// Copied passages.
    pub reuse: Vec<ReuseView>,
    /// Live-page facts (served pages only): last update, changes since the last visit.
    pub live: Option<crate::live::LiveView>,
}

fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let mut o: String = s.chars().take(max - 1).collect();
    o.push('…');
    o
}

/// `text` with every source file name it mentions replaced by that source's label (evidence
/// notes name their sources by file; the page cites outlets).
fn relabel(text: &str, labels: &BTreeMap<String, SourceLabel>) -> String {
    let mut srcs: Vec<&String> = labels.keys().filter(|s| !s.is_empty()).collect();
    srcs.sort_by_key(|s| std::cmp::Reverse(s.len()));
    srcs.into_iter().fold(text.to_string(), |t, src| t.replace(src.as_str(), &labels[src].label))
}

fn safe_url(u: &str) -> Option<String> {
    let l = u.trim().to_ascii_lowercase();
    (l.starts_with("http://") || l.starts_with("https://")).then(|| u.trim().to_string())
}

impl StoryView {
    /// Builds the view of a report.
    pub fn new(r: &StoryReport) -> Self {
        let labels = parallax_pipeline::render::source_labels(r);
        let label_of = |src: &str| labels.get(src).map(|l| l.label.clone()).unwrap_or_else(|| "unknown outlet".into());
        let mut badges: BTreeMap<&str, Badge> = BTreeMap::new();
        for (i, src) in r.articles.keys().enumerate() {
            let label = shorten(&label_of(src), 28);
            badges.insert(src, Badge { label, class: format!("b{}", i % COLOURS), source: src.clone() });
        }
        let badge = |src: &str| {
            badges.get(src).cloned().unwrap_or_else(|| Badge {
                label: "unknown outlet".into(),
                class: "bx".into(),
                source: src.to_string(),
            })
        };
        let cite = |text: &str, sources: &[String], note: Option<&String>, label: Option<&String>| Cited {
            text: text.to_string(),
            badges: sources.iter().map(|s| badge(s)).collect(),
            note: note.cloned(),
            label: label.cloned(),
        };
        let sources = r
            .articles
            .iter()
            .enumerate()
            .map(|(i, (src, a))| {
                let mut meta = Vec::new();
                let mut push = |k: &str, v: &Option<String>| {
                    if let Some(v) = v.as_deref().filter(|v| !v.trim().is_empty()) {
                        meta.push((k.to_string(), v.to_string()));
                    }
                };
                push("Outlet", &a.outlet);
                push("Outlet evidence", &a.outlet_evidence);
                push("Wire", &a.wire_agency);
                push("Byline", &a.byline);
                push("Dateline", &a.dateline);
                push("Published", &a.published);
                push("Date evidence", &a.published_evidence);
                push("Language", &a.language);
                push("Kind", &a.kind);
                push("Credit", &a.credit_line);
                meta.push(("File".into(), src.clone()));
                SourceView {
                    badge: badge(src),
                    anchor: format!("src-{i}"),
                    title: a.title.clone(),
                    meta,
                    url: a.url.as_deref().and_then(safe_url),
                    copy_of: a.copy_of.as_deref().map(|c| badge(c).label),
                    paragraphs: a
                        .body
                        .split("\n\n")
                        .map(str::trim)
                        .filter(|p| !p.is_empty())
                        .map(String::from)
                        .collect(),
                    off_story: a.off_story_posts.clone(),
                }
            })
            .collect();
        let cols = svg::columns(r, label_of);
        let quotes = quote_views(r, &badge);
        StoryView {
            id: r.story.id.clone(),
            headline: r.story.headline.clone(),
            date: r.story.date.clone(),
            article_count: r.story.article_count.max(r.articles.len()),
            reports: plural(r.story.article_count.max(r.articles.len()), "report"),
            single_quotes: quotes.iter().filter(|q| !q.multi).count(),
            coverage_svg: svg::coverage(r, &cols),
            timeline_svg: svg::timeline(r, &cols),
            strip_svg: svg::source_strip(&cols),
            sources,
            summary: r.summary.iter().map(|s| cite(&s.sentence, &s.sources, None, None)).collect(),
            contradictions: r
                .contradictions
                .iter()
                .map(|c| ContradictionView {
                    kind: c.kind.clone(),
                    about: c.about.clone(),
                    claims: c
                        .claims
                        .iter()
                        .map(|cl| ClaimView {
                            badge: badge(&cl.source),
                            says: cl.says.clone(),
                            resolves_to: cl.resolves_to.clone(),
                            error: cl.error.clone(),
                        })
                        .collect(),
                })
                .collect(),
            quotes,
            timeline: r
                .timeline
                .iter()
                .map(|t| {
                    let note = t.evidence.as_deref().map(|e| relabel(e, &labels));
                    cite(&t.event, &t.sources, note.as_ref(), Some(&t.date))
                })
                .collect(),
            // The summary draws on the agreements: those it (or the timeline) already states
            // are not repeated.
            agreements: r
                .agreements
                .iter()
                .filter(|a| !r.summary.iter().any(|s| same_sentence(&s.sentence, &a.claim)))
                .filter(|a| !r.timeline.iter().any(|t| same_sentence(&t.event, &a.claim)))
                .map(|a| cite(&a.claim, &a.sources, None, None))
                .collect(),
            single_source: r
                .single_source_details
                .iter()
                .map(|d| cite(&d.detail, std::slice::from_ref(&d.source), None, None))
                .collect(),
            entities: r
                .entities
                .iter()
                .map(|e| EntityView {
                    name: e.name.clone(),
                    kind: e.kind.clone(),
                    role: e.role.clone(),
                    aliases: e.aliases.join(", "),
                    badges: e.mentions.keys().map(|s| badge(s)).collect(),
                })
                .collect(),
            reuse: r
                .text_reuse
                .iter()
                .map(|t| ReuseView {
                    from: badge(&t.from),
                    to: badge(&t.to),
                    passage: t.passage.clone(),
                    length: t.length,
                    credited: t.credited,
                })
                .collect(),
            live: None,
        }
    }
}

/// Whether two sentences are the same up to typography and case.
fn same_sentence(a: &str, b: &str) -> bool {
    fold(a).to_lowercase() == fold(b).to_lowercase()
}

/// Quote groups as shown: those carried by two or more outlets first (report order kept
/// within each part).
fn quote_views(r: &StoryReport, badge: &dyn Fn(&str) -> Badge) -> Vec<QuoteView> {
    let mut views: Vec<QuoteView> = r
        .quotes
        .iter()
        .map(|q| {
            let mut context = Vec::new();
            if let Some(v) = &q.via {
                context.push(format!("via {v}"));
            }
            if let Some(m) = &q.medium {
                context.push(format!("on {m}"));
            }
            if let Some(k) = &q.kind {
                context.push(if k == "indirect" { "reported speech".into() } else { k.clone() });
            }
            let instances: Vec<(Badge, String)> =
                q.same_statement_in.iter().map(|(s, t)| (badge(s), t.clone())).collect();
            let outlets: std::collections::BTreeSet<&str> = instances.iter().map(|(b, _)| b.label.as_str()).collect();
            QuoteView {
                speaker: q.speaker.clone().unwrap_or_else(|| "Unattributed".into()),
                context,
                count: plural(instances.len(), "source"),
                reported: q.kind.as_deref() == Some("indirect"),
                multi: outlets.len() >= 2,
                instances,
            }
        })
        .collect();
    views.sort_by_key(|q| !q.multi);
    views
}

/// One line of the index of a page with several stories.
#[derive(Debug, Clone)]
pub struct IndexRow {
    /// Anchor of the story.
    pub anchor: String,
    /// Date.
    pub date: Option<String>,
    /// Headline.
    pub headline: String,
    /// "3 reports".
    pub reports: String,
    /// Number of contradictions.
    pub contradictions: usize,
}

/// The story page (one or more stories).
#[derive(Template)]
#[template(path = "story.html")]
pub struct StoryPage {
    /// Page title.
    pub title: String,
    /// Stories.
    pub stories: Vec<StoryView>,
    /// Link back to the story list (server pages; not in standalone files).
    pub nav: bool,
    /// Skipped inputs (standalone report).
    pub skipped: Vec<(String, String)>,
    /// Index of the stories, newest first (only when there are several).
    pub index: Vec<IndexRow>,
}

/// The story list.
#[derive(Template)]
#[template(path = "stories.html")]
pub struct StoriesPage {
    /// Stories.
    pub stories: Vec<StorySummary>,
}

/// One search hit as shown.
#[derive(Debug, Clone)]
pub struct HitView {
    /// Article id.
    pub id: String,
    /// Story link target.
    pub story_id: Option<String>,
    /// Title or source.
    pub title: String,
    /// Outlet, date.
    pub meta: String,
    /// Escaped snippet with `<mark>`s (already HTML).
    pub snippet_html: String,
}

/// Search results page.
#[derive(Template)]
#[template(path = "search.html")]
pub struct SearchPage {
    /// The query.
    pub q: String,
    /// Outlet filter.
    pub outlet: String,
    /// Hits.
    pub hits: Vec<HitView>,
    /// Error message.
    pub error: Option<String>,
}

impl SearchPage {
    /// Builds the page from results.
    pub fn new(q: &str, outlet: &str, results: Result<SearchResults, String>) -> Self {
        let (hits, error) = match results {
            Ok(r) => (
                r.hits
                    .into_iter()
                    .map(|h| HitView {
                        title: h.title.clone().unwrap_or_else(|| "(no headline)".into()),
                        meta: parallax_search::hit_meta(&h).join(" · "),
                        snippet_html: h.snippet.to_html(),
                        id: h.id,
                        story_id: h.story_id,
                    })
                    .collect(),
                None,
            ),
            Err(e) => (Vec::new(), Some(e)),
        };
        SearchPage { q: q.to_string(), outlet: outlet.to_string(), hits, error }
    }
}

/// A plain message page (errors).
#[derive(Template)]
#[template(path = "message.html")]
pub struct MessagePage {
    /// Title.
    pub title: String,
    /// Message.
    pub message: String,
}

/// Renders one stored story as a page of the server.
pub fn story_page(r: &StoryReport) -> String {
    render(&StoryPage {
        title: r.story.headline.clone(),
        stories: vec![StoryView::new(r)],
        nav: true,
        skipped: vec![],
        index: vec![],
    })
}

/// Renders one stored story as a live page: reports newest first (`added`: when each report,
/// by source, was added), the last update, and what changed since the reader's last visit.
pub fn live_story_page(
    r: &StoryReport,
    added: &BTreeMap<String, String>,
    updated: &str,
    since: Option<chrono::DateTime<chrono::Utc>>,
) -> String {
    let mut view = StoryView::new(r);
    crate::live::newest_first(&mut view, r, added);
    view.live = Some(crate::live::live_view(r, added, updated, since));
    render(&StoryPage {
        title: r.story.headline.clone(),
        stories: vec![view],
        nav: true,
        skipped: vec![],
        index: vec![],
    })
}

/// Renders an analysis as one standalone HTML page (no external assets).
pub fn render_report_html(out: &AnalysisOutput) -> String {
    let title = match out.stories.as_slice() {
        [one] => one.story.headline.clone(),
        many => format!("Parallax: {} stories", many.len()),
    };
    // Newest first; undated stories last.
    let mut stories: Vec<&StoryReport> = out.stories.iter().collect();
    stories.sort_by(|a, b| b.story.date.is_some().cmp(&a.story.date.is_some()).then(b.story.date.cmp(&a.story.date)));
    let stories: Vec<StoryView> = stories.into_iter().map(StoryView::new).collect();
    let index = if stories.len() > 1 {
        stories
            .iter()
            .map(|s| IndexRow {
                anchor: format!("story-{}", s.id),
                date: s.date.clone(),
                headline: s.headline.clone(),
                reports: s.reports.clone(),
                contradictions: s.contradictions.len(),
            })
            .collect()
    } else {
        Vec::new()
    };
    render(&StoryPage {
        title,
        stories,
        nav: false,
        skipped: out.skipped.iter().map(|s| (s.path.clone(), s.reason.clone())).collect(),
        index,
    })
}

/// Renders a template; a template error (should not happen: templates are compiled) becomes
/// a minimal escaped message.
pub fn render<T: Template>(t: &T) -> String {
    t.render().unwrap_or_else(|e| {
        format!(
            "<!doctype html><title>Error</title><p>template error: {}</p>",
            parallax_search::escape_html(&e.to_string())
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use parallax_core::report::{ArticleReport, StoryHeader};

    fn story(id: &str, date: Option<&str>) -> StoryReport {
        let mut r = StoryReport {
            story: StoryHeader {
                id: id.into(),
                headline: format!("Headline {id}"),
                date: date.map(String::from),
                article_count: 1,
            },
            ..Default::default()
        };
        let a = ArticleReport { url: Some(format!("https://www.{id}.example/x")), ..Default::default() };
        r.articles.insert(format!("00{id}_0123abcd.txt"), a);
        r
    }

    /// Several stories: an index opens the page, newest first, undated last.
    #[test]
    fn several_stories_get_an_index_newest_first() {
        let out = AnalysisOutput {
            schema_version: 1,
            stories: vec![story("old", Some("2024-01-02")), story("none", None), story("new", Some("2025-03-04"))],
            skipped: vec![],
        };
        let page = render_report_html(&out);
        let index = page.find("class=\"index\"").expect("an index");
        let pos = |id: &str| page[index..].find(&format!("href=\"#story-{id}\"")).unwrap();
        assert!(pos("new") < pos("old") && pos("old") < pos("none"), "newest first");
        assert!(index < page.find("<article").unwrap(), "index before the stories");
        // One story: no index.
        let one = render_report_html(&AnalysisOutput { stories: vec![story("new", None)], ..out });
        assert!(!one.contains("class=\"index\""));
    }

    /// Sources without an outlet are named by their site; file names only in titles.
    #[test]
    fn badges_name_sites_not_files() {
        let page = story_page(&story("site", None));
        assert!(page.contains(">site.example</span>"), "{page}");
        assert!(!page.contains(">00site_0123abcd.txt</span>"), "{page}");
    }
}
