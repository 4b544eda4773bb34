//! RSS 0.9x / 1.0 / 2.0, Atom and JSON Feed (via feed-rs). Each item becomes an HTML document:
//! the body from `content:encoded` / `content` or the description / summary, with the item's
//! title, link, date and author as hints (the feed title as outlet).

use parallax_core::{DocHints, DocKind, Document, Skipped};

use crate::{IngestError, IngestReport};

/// One feed item, as the feed gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedItem {
    /// Position in the feed (1-based).
    pub n: usize,
    /// The item's id (`guid` / `id`; feed-rs derives one when the feed has none).
    pub id: String,
    /// Link to the item's page.
    pub url: Option<String>,
    /// Title.
    pub title: Option<String>,
    /// Publication (else update) time, RFC 3339.
    pub published: Option<String>,
    /// Authors, comma-separated.
    pub author: Option<String>,
    /// The item's own HTML content (`content:encoded` / `content`, else description / summary).
    pub body: Option<String>,
}

/// A parsed feed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedFeed {
    /// The feed's title (used as the outlet of its items).
    pub title: Option<String>,
    /// Items in feed order.
    pub items: Vec<FeedItem>,
}

impl FeedItem {
    /// The item as an HTML document of its own content (`None` when it has no text).
    pub fn document(&self, source: &str, path: &str, outlet: Option<&str>) -> Option<Document> {
        let body = self.body.as_deref().filter(|b| !b.trim().is_empty())?;
        Some(Document {
            source: source.to_string(),
            path: path.to_string(),
            url: self.url.clone(),
            kind: DocKind::Html,
            text: format!("<html><body><article>{body}</article></body></html>"),
            hints: self.hints(outlet),
        })
    }

    /// The item's metadata as hints for its page.
    pub fn hints(&self, outlet: Option<&str>) -> DocHints {
        DocHints {
            title: self.title.clone(),
            published: self.published.clone(),
            author: self.author.clone(),
            outlet: outlet.map(str::to_string),
        }
    }
}

/// Parses a feed (RSS, Atom, JSON Feed) into its items.
pub fn parse_feed(text: &str) -> Result<ParsedFeed, IngestError> {
    let feed = feed_rs::parser::Builder::new()
        .sanitize_content(false)
        .build()
        .parse(text.as_bytes())
        .map_err(|e| IngestError::Format(format!("malformed feed: {e}")))?;
    let nonempty = |s: &str| Some(s.trim().to_string()).filter(|t| !t.is_empty());
    let items = feed
        .entries
        .iter()
        .enumerate()
        .map(|(k, entry)| FeedItem {
            n: k + 1,
            id: entry.id.clone(),
            body: entry
                .content
                .as_ref()
                .and_then(|c| c.body.clone())
                .filter(|b| !b.trim().is_empty())
                .or_else(|| entry.summary.as_ref().map(|s| s.content.clone()))
                .filter(|b| !b.trim().is_empty()),
            title: entry.title.as_ref().and_then(|t| nonempty(&t.content)),
            url: entry
                .links
                .iter()
                .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
                .or(entry.links.first())
                .map(|l| l.href.clone()),
            author: nonempty(
                &entry
                    .authors
                    .iter()
                    .filter_map(|p| p.name.as_deref().and_then(nonempty))
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
            published: entry.published.or(entry.updated).map(|d| d.to_rfc3339()),
        })
        .collect();
    Ok(ParsedFeed { title: feed.title.as_ref().and_then(|t| nonempty(&t.content)), items })
}

/// Parses a feed into one document per item. Items with no text are reported as skipped.
pub fn read_feed(source: &str, path: &str, text: &str) -> Result<IngestReport, IngestError> {
    let feed = parse_feed(text)?;
    let mut report = IngestReport::default();
    let mut empty = 0usize;
    for item in &feed.items {
        match item.document(&format!("{source}#{}", item.n), path, feed.title.as_deref()) {
            Some(doc) => report.documents.push(doc),
            None => empty += 1,
        }
    }
    if empty > 0 {
        report.skipped.push(Skipped { path: path.to_string(), reason: format!("{empty} feed item(s) without text") });
    }
    Ok(report)
}

/// Whether decoded text looks like a feed (RSS, RDF, Atom or JSON Feed).
pub fn looks_like_feed(text: &str) -> bool {
    let head: String = text.trim_start().chars().take(2048).collect::<String>().to_ascii_lowercase();
    if head.starts_with('{') {
        return head.contains("jsonfeed.org/version");
    }
    if !head.starts_with('<') {
        return false;
    }
    head.contains("<rss") || head.contains("<rdf:rdf") || (head.contains("<feed") && head.contains("atom"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rss_atom_and_json_feed() {
        let rss = r#"<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Daily Example</title>
<item><title>First</title><link>http://e.example/1</link><pubDate>Mon, 06 May 2024 10:00:00 GMT</pubDate><author>Ann Writer</author>
<description>Short.</description><content:encoded><![CDATA[<p>Full first body.</p>]]></content:encoded></item>
<item><title>Second</title><link>http://e.example/2</link><description>&lt;p&gt;Second body.&lt;/p&gt;</description></item>
<item><title>Empty</title></item></channel></rss>"#;
        let r = read_feed("f.xml", "/d/f.xml", rss).unwrap();
        assert_eq!(r.documents.len(), 2);
        let d = &r.documents[0];
        assert_eq!(d.source, "f.xml#1");
        assert_eq!(d.url.as_deref(), Some("http://e.example/1"));
        assert!(d.text.contains("Full first body."));
        assert_eq!(d.hints.title.as_deref(), Some("First"));
        assert_eq!(d.hints.outlet.as_deref(), Some("Daily Example"));
        assert!(d.hints.published.as_deref().unwrap().starts_with("2024-05-06"));
        assert!(r.documents[1].text.contains("Second body."));
        assert_eq!(r.skipped.len(), 1);
        assert!(looks_like_feed(rss));

        let atom = r#"<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>A</title><id>x</id><updated>2024-01-01T00:00:00Z</updated>
<entry><title>E</title><id>e1</id><link href="http://a.example/e"/><updated>2024-01-02T00:00:00Z</updated><content type="html">&lt;p&gt;Atom body&lt;/p&gt;</content></entry></feed>"#;
        assert!(looks_like_feed(atom));
        let r = read_feed("a.xml", "a.xml", atom).unwrap();
        assert_eq!(r.documents.len(), 1);
        assert_eq!(r.documents[0].url.as_deref(), Some("http://a.example/e"));

        let json = r#"{"version": "https://jsonfeed.org/version/1.1", "title": "J", "items": [{"id": "1", "url": "http://j.example/1", "title": "T", "content_html": "<p>Json body</p>", "date_published": "2024-02-03T04:05:06Z"}]}"#;
        assert!(looks_like_feed(json));
        let r = read_feed("j.json", "j.json", json).unwrap();
        assert_eq!(r.documents.len(), 1);
        assert!(r.documents[0].text.contains("Json body"));
    }

    #[test]
    fn malformed_feed_is_an_error() {
        let bad = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>x</title><item><title>unclosed";
        assert!(matches!(read_feed("b.xml", "b.xml", bad), Err(IngestError::Format(_))));
    }
}
