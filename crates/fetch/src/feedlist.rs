//! The FEEDS file of `parallax watch`: one feed URL a line (blank lines and `#` comments
//! ignored, also after a URL), or an OPML subscription list (`<outline xmlUrl="...">`).

use quick_xml::events::Event;

use crate::parse_http_url;

/// The feeds of a FEEDS file, and the entries that are not usable feed URLs.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct FeedList {
    /// Feed URLs, first occurrence order, no repeats.
    pub urls: Vec<String>,
    /// `(line or entry, reason)` for what could not be used.
    pub rejected: Vec<(String, String)>,
}

impl FeedList {
    fn push(&mut self, where_: String, raw: &str) {
        match parse_http_url(raw) {
            Ok(u) => {
                let u = u.to_string();
                if !self.urls.contains(&u) {
                    self.urls.push(u);
                }
            }
            Err(e) => self.rejected.push((where_, e.to_string())),
        }
    }
}

/// Parses a FEEDS file (text or OPML, told apart by content).
pub fn parse_feed_list(text: &str) -> FeedList {
    let head = text.trim_start().get(..text.trim_start().len().min(512)).unwrap_or("").to_ascii_lowercase();
    if head.starts_with("<?xml") || head.starts_with("<opml") { parse_opml(text) } else { parse_lines(text) }
}

fn parse_lines(text: &str) -> FeedList {
    let mut out = FeedList::default();
    for (i, line) in text.lines().enumerate() {
        // A comment starts a line or follows white space ('#' inside a URL is a fragment).
        let line = line.trim();
        let cut = if line.starts_with('#') {
            0
        } else {
            line.find([' ', '\t']).and_then(|w| line[w..].find('#').map(|h| w + h)).unwrap_or(line.len())
        };
        let url = line[..cut].trim();
        if !url.is_empty() {
            out.push(format!("line {}", i + 1), url);
        }
    }
    out
}

fn parse_opml(text: &str) -> FeedList {
    let mut out = FeedList::default();
    let mut reader = quick_xml::Reader::from_str(text);
    let mut n = 0;
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) | Ok(Event::Empty(e))
                if e.local_name().into_inner().eq_ignore_ascii_case("outline") =>
            {
                n += 1;
                let url = e.attributes().flatten().find(|a| a.key.into_inner().eq_ignore_ascii_case("xmlurl"));
                if let Some(a) = url {
                    let v = a
                        .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                        .map(|v| v.into_owned())
                        .unwrap_or_default();
                    out.push(format!("outline {n}"), &v);
                }
            }
            Ok(Event::Eof) => break,
            Err(e) => {
                out.rejected.push((format!("byte {}", reader.buffer_position()), format!("malformed OPML: {e}")));
                break;
            }
            Ok(_) => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_lists_with_comments() {
        let l = parse_feed_list(
            "# my feeds\nhttps://a.example/feed.xml\n\n  http://b.example/rss # news\nhttps://a.example/feed.xml\nnot a url\nhttps://c.example/x#frag\n",
        );
        assert_eq!(l.urls, ["https://a.example/feed.xml", "http://b.example/rss", "https://c.example/x#frag"]);
        assert_eq!(l.rejected, [("line 6".to_string(), "not an http(s) URL: not a url".to_string())]);
    }

    #[test]
    fn opml_outlines() {
        let opml = r#"<?xml version="1.0"?><opml version="2.0"><head><title>t</title></head><body>
<outline text="News"><outline text="A" type="rss" xmlUrl="https://a.example/feed?x=1&amp;y=2"/>
<outline text="B" xmlUrl="ftp://b.example/f"/></outline></body></opml>"#;
        let l = parse_feed_list(opml);
        assert_eq!(l.urls, ["https://a.example/feed?x=1&y=2"]);
        assert_eq!(l.rejected.len(), 1);
        assert!(l.rejected[0].0 == "outline 3" && l.rejected[0].1.contains("ftp://"));
    }
}
