//! RSS 0.9x / 1.0 / 2.0, Atom and JSON Feed (via feed-rs). Each item becomes an HTML document:
//! the body from `content:encoded` / `content` or the description / summary, with the item's
//! title, link, date and author as hints (the feed title as outlet).

use feed_rs::model::{Entry, Feed};
use parallax_core::{DocHints, DocKind, Document, SkipClass, Skipped};

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
            ..Default::default()
        }
    }
}

/// Parses a feed (RSS, Atom, JSON Feed) into its items, with the same repairs as
/// [`read_feed`] (declared encoding, namespaces, entities, item-by-item salvage) and item links
/// made absolute against the feed's address.
pub fn parse_feed(text: &str) -> Result<ParsedFeed, IngestError> {
    let feed = parse_lenient(text)?.0;
    let base = feed_base(&feed);
    let items = feed
        .entries
        .iter()
        .enumerate()
        .map(|(k, entry)| FeedItem {
            n: k + 1,
            id: entry.id.clone(),
            body: Some(entry_body(entry)).filter(|b| !b.trim().is_empty()),
            title: entry.title.as_ref().and_then(|t| meta_text(&t.content)),
            url: entry_link(entry, base.as_ref()),
            author: entry_authors(entry),
            published: entry.published.or(entry.updated).map(|d| d.to_rfc3339()),
        })
        .collect();
    Ok(ParsedFeed { title: feed.title.as_ref().and_then(|t| meta_text(&t.content)), items })
}

/// The repaired feed and the number of its items whose XML was broken.
fn parse_lenient(text: &str) -> Result<(Feed, usize), IngestError> {
    let json = text.trim_start().starts_with('{');
    let input = if json { text.to_string() } else { crate::feed_xml::repair(text) };
    match parse(&input) {
        Ok(f) => Ok((f, 0)),
        // The item-by-item salvage reads XML: text that only looked like JSON gets the XML
        // repairs first (a declaration left mid-stream makes the XML parser panic).
        Err(e) => match salvage(&if json { crate::feed_xml::repair(text) } else { input }) {
            Some((f, broken)) if !f.entries.is_empty() => Ok((f, broken)),
            _ => Err(IngestError::Format(format!("malformed feed: {e}"))),
        },
    }
}

/// Parses a feed into one document per item with text. Items with a title and link but no
/// text are counted apart ([`SkipClass::NoText`]) and kept in [`IngestReport::stubs`]; a feed
/// whose XML is broken is read item by item, keeping the items that parse.
pub fn read_feed(source: &str, path: &str, text: &str) -> Result<IngestReport, IngestError> {
    let (feed, broken) = parse_lenient(text)?;
    let mut report = entries_to_documents(source, path, &feed);
    if broken > 0 {
        report.skipped.push(Skipped::new(path, format!("{broken} feed item(s) with broken XML")));
    }
    if report.documents.is_empty() && report.stubs.is_empty() {
        let why = if feed.entries.is_empty() {
            "feed without items".to_string()
        } else {
            format!("none of the feed's {} item(s) has text or a link", feed.entries.len())
        };
        return Err(IngestError::Format(why));
    }
    Ok(report)
}

fn parse(input: &str) -> Result<Feed, String> {
    let run = || {
        feed_rs::parser::Builder::new()
            .sanitize_content(false)
            .timestamp_parser(crate::dates::parse_feed_date)
            .build()
            .parse(input.as_bytes())
    };
    // A panic inside the third-party parser on hostile input becomes an error for this input.
    match std::panic::catch_unwind(run) {
        Ok(r) => r.map_err(|e| e.to_string()),
        Err(_) => Err("the feed parser failed on this input".into()),
    }
}

fn entries_to_documents(source: &str, path: &str, feed: &Feed) -> IngestReport {
    let outlet = feed.title.as_ref().and_then(|t| meta_text(&t.content));
    let base = feed_base(feed);
    let mut report = IngestReport::default();
    let mut empty = 0usize;
    for (k, entry) in feed.entries.iter().enumerate() {
        let body = entry_body(entry);
        let title = entry.title.as_ref().and_then(|t| meta_text(&t.content));
        let url = entry_link(entry, base.as_ref());
        let author = entry_authors(entry);
        let published = entry.published.or(entry.updated).map(|d| d.to_rfc3339());
        let no_text = body.trim().is_empty();
        if no_text && (title.is_none() || url.is_none()) {
            empty += 1;
            continue;
        }
        let doc = Document {
            source: format!("{source}#{}", k + 1),
            path: path.to_string(),
            url,
            kind: DocKind::Html,
            text: if no_text { String::new() } else { format!("<html><body><article>{body}</article></body></html>") },
            hints: DocHints { title, published, author, outlet: outlet.clone(), ..Default::default() },
        };
        if no_text { report.stubs.push(doc) } else { report.documents.push(doc) }
    }
    if !report.stubs.is_empty() {
        let n = report.stubs.len();
        let reason = "feed item(s) with a title and link but no text (kept for a later fetch)";
        report.skipped.push(Skipped::of(SkipClass::NoText, path, format!("{n} {reason}"), n));
    }
    if empty > 0 {
        report.skipped.push(Skipped::of(
            SkipClass::Unusable,
            path,
            format!("{empty} feed item(s) without text and without a title and link"),
            empty,
        ));
    }
    report
}

/// A title or name as plain text: trimmed, with the entities of double-escaped feeds
/// (`&amp;amp;`, `&amp;#8217;`) decoded; `None` when empty.
fn meta_text(raw: &str) -> Option<String> {
    let t = parallax_core::entities::decode_entities(raw.trim()).trim().to_string();
    (!t.is_empty()).then_some(t)
}

/// The item's authors, comma-separated. RSS 2.0 writes `email (Name)`: the name is kept.
fn entry_authors(entry: &Entry) -> Option<String> {
    let names: Vec<String> = entry.authors.iter().filter_map(|p| p.name.as_deref().and_then(author_name)).collect();
    (!names.is_empty()).then(|| names.join(", "))
}

/// One author's name: `ed@x.example (Eda Wren)` and `(Eda Wren)` give `Eda Wren`.
fn author_name(raw: &str) -> Option<String> {
    let t = meta_text(raw)?;
    if let Some((before, inner)) = t.split_once('(')
        && let Some(inner) = inner.strip_suffix(')')
        && (before.trim().is_empty() || before.contains('@'))
        && !inner.trim().is_empty()
    {
        return Some(inner.trim().to_string());
    }
    Some(t)
}

/// The item text: full content, else the summary, else a media description.
fn entry_body(entry: &Entry) -> String {
    entry
        .content
        .as_ref()
        .and_then(|c| c.body.clone())
        .filter(|b| !b.trim().is_empty())
        .or_else(|| entry.summary.as_ref().map(|s| s.content.clone()).filter(|b| !b.trim().is_empty()))
        .or_else(|| entry.media.iter().find_map(|m| m.description.as_ref().map(|d| d.content.clone())))
        .unwrap_or_default()
}

/// The feed's own address (its alternate link, else its self link), for relative item links.
fn feed_base(feed: &Feed) -> Option<url::Url> {
    let absolute = |rel_ok: &dyn Fn(Option<&str>) -> bool| {
        feed.links.iter().filter(|l| rel_ok(l.rel.as_deref())).find_map(|l| url::Url::parse(l.href.trim()).ok())
    };
    absolute(&|r| r.is_none_or(|r| r == "alternate")).or_else(|| absolute(&|_| true))
}

/// The item's link (alternate first), made absolute against `base`; a permalink id
/// (`<guid isPermaLink>`, an `http` Atom id) when the item has no link.
fn entry_link(entry: &Entry, base: Option<&url::Url>) -> Option<String> {
    let href = entry
        .links
        .iter()
        .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
        .or(entry.links.first())
        .map(|l| l.href.trim().to_string())
        .filter(|h| !h.is_empty())
        .or_else(|| (entry.id.starts_with("http://") || entry.id.starts_with("https://")).then(|| entry.id.clone()))?;
    match url::Url::parse(&href) {
        Ok(u) => Some(u.to_string()),
        Err(url::ParseError::RelativeUrlWithoutBase) => {
            Some(base.and_then(|b| b.join(&href).ok()).map_or(href, |u| u.to_string()))
        }
        Err(_) => Some(href),
    }
}

/// Reads a feed whose XML does not parse item by item: each `<item>` / `<entry>` is parsed
/// inside a copy of the feed's head. Returns the feed and the number of broken items.
fn salvage(xml: &str) -> Option<(Feed, usize)> {
    let (s, e) = crate::feed_xml::root_tag(xml)?;
    let root = &xml[s..e];
    let name: String = root[1..].chars().take_while(|c| !c.is_whitespace() && *c != '>' && *c != '/').collect();
    let local = name.rsplit(':').next()?.to_ascii_lowercase();
    let item = if local == "feed" { "entry" } else { "item" };
    // Items inside the root element only (a "root" found after a broken prolog may follow
    // text that looks like an item).
    let chunks: Vec<(usize, usize)> = item_chunks(xml, item).into_iter().filter(|&(a, _)| a >= e).collect();
    let first = chunks.first()?.0;
    let close = if local == "rss" { "</channel></rss>".to_string() } else { format!("</{name}>") };
    let minimal_open = if local == "rss" { format!("{root}<channel>") } else { root.to_string() };
    let head_open = &xml[s..first];
    let mut feed: Option<Feed> = None;
    let mut broken = 0;
    for (a, b) in chunks {
        let chunk = &xml[a..b];
        let parsed =
            parse(&format!("{head_open}{chunk}{close}")).or_else(|_| parse(&format!("{minimal_open}{chunk}{close}")));
        match (parsed, feed.as_mut()) {
            (Ok(f), Some(acc)) => acc.entries.extend(f.entries),
            (Ok(f), None) => feed = Some(f),
            (Err(_), _) => broken += 1,
        }
    }
    feed.map(|f| (f, broken))
}

/// Byte spans of each `<item>…</item>` (any prefix); an unclosed item runs to the next one.
fn item_chunks(xml: &str, item: &str) -> Vec<(usize, usize)> {
    let starts: Vec<(usize, String)> = tag_starts(xml, item);
    let mut out = Vec::new();
    for (k, (start, name)) in starts.iter().enumerate() {
        let limit = starts.get(k + 1).map_or(xml.len(), |n| n.0);
        let close = format!("</{name}>");
        let end = xml[*start..limit].find(&close).map_or(limit, |i| start + i + close.len());
        out.push((*start, end));
    }
    out
}

/// Positions and qualified names of start tags whose local name is `local`.
fn tag_starts(xml: &str, local: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut pos = 0;
    while let Some(i) = xml[pos..].find('<').map(|i| i + pos) {
        pos = i + 1;
        let name: String =
            xml[i + 1..].chars().take_while(|c| c.is_alphanumeric() || matches!(c, ':' | '_' | '-' | '.')).collect();
        if name.rsplit(':').next() == Some(local) && !xml[i + 1 + name.len()..].starts_with("/>") {
            out.push((i, name));
        }
    }
    out
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
    let atom = (head.contains("<feed") || head.contains(":feed")) && head.contains("atom");
    head.contains("<rss") || head.contains("<rdf:rdf") || atom
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
