//! The analysis report: one [`StoryReport`] per story, in the shape of
//! `examples/seeds/gold.json` plus `summary` and per-article `body`.
//! Documented by `schema/analysis.schema.json`.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::Article;

/// Top-level JSON output of `parallax analyze --format json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AnalysisOutput {
    /// Always [`crate::SCHEMA_VERSION`].
    pub schema_version: u32,
    /// One entry per story.
    pub stories: Vec<StoryReport>,
    /// Inputs that could not be used, with reasons.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub skipped: Vec<crate::Skipped>,
}

/// Headline facts about a story.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoryHeader {
    /// Stable story id (derived from its earliest member).
    #[serde(default)]
    pub id: String,
    /// A headline for the story.
    pub headline: String,
    /// Date of the story (earliest publication date among its reports), ISO.
    pub date: Option<String>,
    /// Number of articles.
    pub article_count: usize,
}

/// Per-article entry of a story report (keyed by source file name).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleReport {
    /// Outlet name, when known.
    pub outlet: Option<String>,
    /// Why the outlet was chosen.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outlet_evidence: Option<String>,
    /// Wire agency.
    pub wire_agency: Option<String>,
    /// `live_blog` for multi-post pages.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// Headline.
    pub title: Option<String>,
    /// Byline.
    pub byline: Option<String>,
    /// Dateline.
    pub dateline: Option<String>,
    /// Publication date (ISO).
    pub published: Option<String>,
    /// Evidence for an inferred publication date.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub published_evidence: Option<String>,
    /// Credit line.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub credit_line: Option<String>,
    /// Language (ISO 639-1).
    pub language: Option<String>,
    /// URL.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Source this article is a (near-)copy of; copies are not independent sources.
    pub copy_of: Option<String>,
    /// First sentence of the body.
    pub body_first_sentence: Option<String>,
    /// Last sentence of the body.
    pub body_last_sentence: Option<String>,
    /// Posts on other subjects (live blogs), first sentence of each.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub off_story_posts: Vec<String>,
    /// The body: paragraphs separated by a blank line.
    pub body: String,
}

/// A named entity merged across the story's reports.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entity {
    /// Canonical name (the fullest form).
    pub name: String,
    /// `person`, `organisation` or `place`.
    #[serde(rename = "type")]
    pub kind: String,
    /// Other surface forms seen in the story.
    pub aliases: Vec<String>,
    /// Role or title where a report states it ("Kremlin spokesman").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// Mentions per source.
    #[serde(default)]
    pub mentions: BTreeMap<String, usize>,
    /// Grammatical gender of a person (`'m'`, `'f'`) when the reports' pronouns agree on it:
    /// an inference later stages read (resolving "the 21-year-old"), not part of the output.
    #[serde(skip)]
    pub gender: Option<char>,
}

/// One statement quoted by one or more reports.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuoteGroup {
    /// Stable id within the story.
    pub id: String,
    /// Canonical speaker name, when known.
    pub speaker: Option<String>,
    /// Relay ("quoted by Interfax").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub via: Option<String>,
    /// Medium ("X", "Truth Social", "nightly video address").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub medium: Option<String>,
    /// `direct`, `partial` or `indirect` (of the first instance).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// Source file name → verbatim quote text in that report.
    pub same_statement_in: BTreeMap<String, String>,
}

/// A passage one report took from another.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextReuse {
    /// Origin report (source file name).
    pub from: String,
    /// Report that carries the copied text.
    pub to: String,
    /// The passage as it stands in `to` (verbatim).
    pub passage: String,
    /// Passage length in words.
    pub length: usize,
    /// Whether `to` names the origin's outlet or agency near the passage.
    pub credited: bool,
}

/// One dated event of the story timeline.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelineEntry {
    /// ISO date.
    pub date: String,
    /// What happened (a clause from the reports).
    pub event: String,
    /// Reports that place this event on this date.
    pub sources: Vec<String>,
    /// How the date was resolved, per source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<String>,
}

/// A claim that two or more independent reports support.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Agreement {
    /// The claim (a sentence from one of the reports).
    pub claim: String,
    /// Supporting reports.
    pub sources: Vec<String>,
}

/// A substantive detail that only one report gives.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SingleSourceDetail {
    /// The detail (a sentence or clause from the report).
    pub detail: String,
    /// The only report that gives it.
    pub source: String,
}

/// One side of a contradiction: what a source says.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContradictionClaim {
    /// Source file name.
    pub source: String,
    /// The report's own words.
    pub says: String,
    /// Resolved value (ISO date for date contradictions).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resolves_to: Option<String>,
    /// An inconsistency inside this claim itself (e.g. weekday vs date).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

/// Incompatible values for the same event or slot.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contradiction {
    /// Stable id within the story.
    pub id: String,
    /// `date`, `number`, `place`, `fact`...
    pub kind: String,
    /// What the disagreement is about.
    pub about: String,
    /// Each source's words.
    pub claims: Vec<ContradictionClaim>,
}

/// One sentence of the cited summary.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SummarySentence {
    /// The sentence.
    pub sentence: String,
    /// Reports that support it.
    pub sources: Vec<String>,
}

/// The full analysis of one story (gold.json's shape plus `summary`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoryReport {
    /// Headline facts.
    pub story: StoryHeader,
    /// Articles keyed by source file name.
    pub articles: BTreeMap<String, ArticleReport>,
    /// Entities.
    pub entities: Vec<Entity>,
    /// Quote groups.
    pub quotes: Vec<QuoteGroup>,
    /// Copied passages.
    pub text_reuse: Vec<TextReuse>,
    /// Dated events.
    pub timeline: Vec<TimelineEntry>,
    /// Claims with two or more sources.
    pub agreements: Vec<Agreement>,
    /// Details only one report gives.
    pub single_source_details: Vec<SingleSourceDetail>,
    /// Contradictions.
    pub contradictions: Vec<Contradiction>,
    /// Cited summary.
    pub summary: Vec<SummarySentence>,
}

impl ArticleReport {
    /// Builds the report entry of an article (`copy_of` left empty).
    pub fn from_article(a: &Article) -> Self {
        let paras: Vec<&str> = a.paragraphs().collect();
        let first = paras.first().map(|p| first_sentence(p).to_string());
        let last = paras.last().map(|p| last_sentence(p).to_string());
        ArticleReport {
            outlet: a.outlet.clone(),
            outlet_evidence: a.outlet_evidence.clone(),
            wire_agency: a.wire_agency.clone(),
            kind: a.kind.clone(),
            title: a.title.clone(),
            byline: a.byline.clone(),
            dateline: a.dateline.clone(),
            published: a.published.clone(),
            published_evidence: a.published_evidence.clone(),
            credit_line: a.credit_line.clone(),
            language: a.language.clone(),
            url: a.url.clone(),
            copy_of: None,
            body_first_sentence: first,
            body_last_sentence: last,
            off_story_posts: a.off_story_posts.iter().map(|p| first_sentence(p.text.trim()).to_string()).collect(),
            body: a.body.clone(),
        }
    }
}

/// The first sentence of a paragraph (up to and including the first `.`, `!` or `?`
/// that is followed by white space and an upper-case letter or a quote mark).
pub fn first_sentence(p: &str) -> &str {
    let b = p.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if matches!(b[i], b'.' | b'!' | b'?') && !(b[i] == b'.' && is_abbreviation(&p[..i])) {
            let mut j = i + 1;
            while j < b.len() && matches!(b[j], b'"' | b'\'' | b')') {
                j += 1;
            }
            if j >= b.len() {
                return p;
            }
            if b[j] == b' ' {
                let rest = &p[j + 1..];
                if rest.chars().next().is_some_and(|c| c.is_uppercase() || "\"“'‘".contains(c)) {
                    return &p[..j];
                }
            }
        }
        i += 1;
    }
    p
}

/// Whether the word ending at the end of `before` is a common abbreviation ("Mr", "U.S").
fn is_abbreviation(before: &str) -> bool {
    let word = before.rsplit(|c: char| c.is_whitespace() || c == '(').next().unwrap_or("");
    const ABBR: &[&str] = &[
        "Mr", "Mrs", "Ms", "Dr", "St", "Jr", "Sr", "Prof", "Gen", "Col", "Lt", "Sgt", "Capt", "Rep", "Sen", "Gov",
        "No", "Vol", "vs", "etc", "Inc", "Ltd", "Co", "Corp", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep",
        "Sept", "Oct", "Nov", "Dec",
    ];
    ABBR.contains(&word)
        || (word.len() <= 4 && word.contains('.'))
        || (word.len() == 1 && word.chars().all(|c| c.is_uppercase()))
}

/// The last sentence of a paragraph.
pub fn last_sentence(p: &str) -> &str {
    let mut start = 0;
    let mut rest = p;
    loop {
        let s = first_sentence(rest);
        if s.len() >= rest.len() {
            return p[start..].trim();
        }
        let adv = s.len();
        let next = rest[adv..].trim_start();
        start += rest.len() - next.len();
        rest = next;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences() {
        let p = "Mr. Smith went. He said \"Yes.\" Then it ended.";
        assert_eq!(first_sentence(p), "Mr. Smith went.");
        assert_eq!(first_sentence("The U.S. said no. Yes."), "The U.S. said no.");
        assert_eq!(last_sentence("One two. Three four."), "Three four.");
        assert_eq!(first_sentence("No end"), "No end");
    }
}
