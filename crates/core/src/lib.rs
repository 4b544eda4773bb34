//! Domain types shared by every Parallax stage.
//!
//! The pipeline is `ingest → extract → dedup/cluster → analyze → store/search/serve`.
//! Each stage is a pure function over the types defined here:
//!
//! * [`Document`]: one raw input (a text dump, an HTML page, a feed item, a WARC record,
//!   a JSONL line) after decoding to UTF-8, with whatever metadata the container gave.
//! * [`Article`]: one extracted report: clean body plus metadata.
//! * [`report::StoryReport`]: the analysis of one story, in the shape of the seed gold file
//!   (`examples/seeds/gold.json`), serialised as `{"schema_version": 1, "stories": [...]}`.

pub mod entities;
pub mod report;
pub mod text;

use serde::{Deserialize, Serialize};

/// Version of the JSON output documented in `schema/analysis.schema.json`.
pub const SCHEMA_VERSION: u32 = 1;

/// What kind of content a [`Document`] carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocKind {
    /// A plain-text page dump (the text a browser shows, boilerplate included).
    Text,
    /// An HTML page.
    Html,
}

/// Metadata that the container of a document already states (a feed item, a JSONL line,
/// a WARC header). Extraction prefers page evidence but falls back to these.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocHints {
    /// Title given by the container.
    pub title: Option<String>,
    /// Publication date or timestamp as the container gave it (unparsed).
    pub published: Option<String>,
    /// Author given by the container.
    pub author: Option<String>,
    /// Outlet / site name given by the container.
    pub outlet: Option<String>,
    /// The document is a crawled web page (from a WARC archive): any page of a site, so the
    /// non-article rules (too short, contact/legal/navigation, index of links) apply.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub crawled: bool,
}

/// One raw input after decoding to UTF-8.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    /// How the user names this input: the file name for a file (e.g. `000_abc.txt`), or
    /// `file.warc.gz#3` / `feed.xml#2` for the n-th record of a container.
    pub source: String,
    /// Full path of the file this came from (for messages).
    pub path: String,
    /// URL of the page, when known.
    pub url: Option<String>,
    /// Content kind.
    pub kind: DocKind,
    /// The decoded text (for HTML: the markup).
    pub text: String,
    /// Metadata given by the container.
    pub hints: DocHints,
}

impl Document {
    /// A plain-text document with no hints.
    pub fn text(source: impl Into<String>, text: impl Into<String>) -> Self {
        let source = source.into();
        Document {
            path: source.clone(),
            source,
            url: None,
            kind: DocKind::Text,
            text: text.into(),
            hints: DocHints::default(),
        }
    }
}

/// A block of a live blog or multi-post page that is about another subject.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OffStoryPost {
    /// The post's text (paragraphs separated by a blank line).
    pub text: String,
}

/// One extracted article.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Article {
    /// Same as [`Document::source`].
    pub source: String,
    /// URL, when known.
    pub url: Option<String>,
    /// Headline.
    pub title: Option<String>,
    /// Author(s) as printed, without a leading "by".
    pub byline: Option<String>,
    /// Place line, e.g. `MOSCOW/KYIV` or `Washington DC`.
    pub dateline: Option<String>,
    /// Publication date, ISO `YYYY-MM-DD`.
    pub published: Option<String>,
    /// Why the date was chosen when the text does not state it plainly.
    pub published_evidence: Option<String>,
    /// Outlet (publication) name.
    pub outlet: Option<String>,
    /// Why the outlet was chosen, when the page does not name itself plainly.
    pub outlet_evidence: Option<String>,
    /// Wire agency whose copy this is (UPI, Reuters, AFP...).
    pub wire_agency: Option<String>,
    /// ISO 639-1 language code.
    pub language: Option<String>,
    /// A line that credits the reporting (e.g. `(Reporting by ...; Editing by ...)`).
    pub credit_line: Option<String>,
    /// `live_blog` for multi-post pages; `None` for a single article.
    pub kind: Option<String>,
    /// The article body: paragraphs separated by one blank line, boilerplate removed.
    /// Paragraph text is verbatim from the input (white space trimmed).
    pub body: String,
    /// Posts on other subjects (live blogs); not part of `body`.
    pub off_story_posts: Vec<OffStoryPost>,
}

impl Article {
    /// Body paragraphs.
    pub fn paragraphs(&self) -> impl Iterator<Item = &str> {
        self.body.split("\n\n").map(str::trim).filter(|p| !p.is_empty())
    }

    /// Publication date parsed, if any.
    pub fn published_date(&self) -> Option<chrono::NaiveDate> {
        self.published.as_deref().and_then(|d| chrono::NaiveDate::parse_from_str(d.get(..10)?, "%Y-%m-%d").ok())
    }

    /// Stable content hash of the article (source-independent), hex.
    pub fn content_hash(&self) -> String {
        format!("{:016x}", xxhash_rust::xxh3::xxh3_64(text::normalize_for_hash(&self.body).as_bytes()))
    }
}

/// Why an input was left out, for the separate counts a run prints.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SkipClass {
    /// The input could not be used (unreadable, broken, junk, no text found).
    #[default]
    Unusable,
    /// A readable page that is not an article (too short, contact/legal/navigation page,
    /// index page of links).
    NotArticle,
    /// A copy of an input already read (same URI or payload).
    Duplicate,
    /// A feed item with a title and link but no text: kept for a later fetch.
    NoText,
    /// Archive records that are not pages (request, metadata, DNS, revisit, images...).
    NonPage,
}

impl SkipClass {
    /// Plural label used in counts ("3 not articles").
    /// `n` inputs of this class, with the right plural ("1 duplicate", "3 non-page records").
    pub fn counted(self, n: usize) -> String {
        match self {
            SkipClass::Unusable => format!("{} skipped", text::plural(n, "input")),
            SkipClass::NotArticle => text::plural(n, "non-article page"),
            SkipClass::Duplicate => text::plural(n, "duplicate"),
            SkipClass::NoText => format!("{} without text", text::plural(n, "feed item")),
            SkipClass::NonPage => text::plural(n, "non-page record"),
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            SkipClass::Unusable => "skipped",
            SkipClass::NotArticle => "not article(s)",
            SkipClass::Duplicate => "duplicate(s)",
            SkipClass::NoText => "feed item(s) without text",
            SkipClass::NonPage => "non-page record(s)",
        }
    }
}

fn is_default_class(c: &SkipClass) -> bool {
    *c == SkipClass::Unusable
}

fn one() -> usize {
    1
}

fn is_one(n: &usize) -> bool {
    *n == 1
}

/// An input that was skipped, with the reason (never silently dropped).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Skipped {
    /// File (or record) the user gave.
    pub path: String,
    /// Human-readable reason.
    pub reason: String,
    /// Kind of skip (omitted in JSON when `unusable`).
    #[serde(default, skip_serializing_if = "is_default_class")]
    pub class: SkipClass,
    /// How many inputs (records, items) this entry stands for (omitted when 1).
    #[serde(default = "one", skip_serializing_if = "is_one")]
    pub count: usize,
}

impl Skipped {
    /// An unusable input.
    pub fn new(path: impl Into<String>, reason: impl Into<String>) -> Self {
        Skipped { path: path.into(), reason: reason.into(), class: SkipClass::Unusable, count: 1 }
    }

    /// An entry of a given class standing for `count` inputs.
    pub fn of(class: SkipClass, path: impl Into<String>, reason: impl Into<String>, count: usize) -> Self {
        Skipped { path: path.into(), reason: reason.into(), class, count }
    }
}

/// Counts per class (each entry weighs its `count`).
pub fn skip_counts(skipped: &[Skipped]) -> std::collections::BTreeMap<SkipClass, usize> {
    let mut m = std::collections::BTreeMap::new();
    for s in skipped {
        *m.entry(s.class).or_insert(0) += s.count;
    }
    m
}

/// "2 input(s) skipped, 3 not article(s), 1 duplicate(s)": the unusable count always, then
/// every other class present.
pub fn skip_summary(skipped: &[Skipped]) -> String {
    let counts = skip_counts(skipped);
    let unusable = counts.get(&SkipClass::Unusable).copied().unwrap_or(0);
    let mut parts = vec![format!("{} skipped", text::plural(unusable, "input"))];
    for (class, &n) in counts.iter().filter(|(c, _)| **c != SkipClass::Unusable) {
        parts.push(class.counted(n));
    }
    parts.join(", ")
}
