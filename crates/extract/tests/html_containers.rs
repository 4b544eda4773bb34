//! Feed items, WARC records and JSONL lines go through ingest and HTML extraction with the
//! container's metadata as fallbacks (title, author, date, outlet, URL).

#[test]
fn feed_item_metadata_falls_back_to_the_container() {
    let rss = br#"<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Daily Example</title>
<item><title>First story</title><link>http://e.example/1</link><pubDate>Mon, 06 May 2024 10:00:00 GMT</pubDate><author>Ann Writer</author>
<content:encoded><![CDATA[<p>Full first body with enough words to count as an article paragraph.</p><p>Second paragraph.</p>]]></content:encoded></item>
</channel></rss>"#;
    let r = parallax_ingest::documents_from_bytes("f.xml", "f.xml", rss).unwrap();
    let a = parallax_extract::extract(&r.documents[0]).unwrap();
    assert_eq!(a.source, "f.xml#1");
    assert_eq!(a.url.as_deref(), Some("http://e.example/1"));
    assert_eq!(a.title.as_deref(), Some("First story"));
    assert_eq!(a.byline.as_deref(), Some("Ann Writer"));
    assert_eq!(a.published.as_deref(), Some("2024-05-06"));
    assert_eq!(a.outlet.as_deref(), Some("Daily Example"));
    assert_eq!(a.body, "Full first body with enough words to count as an article paragraph.\n\nSecond paragraph.");
}

#[test]
fn jsonl_and_warc_documents_extract() {
    let jl = b"{\"url\":\"https://news.example.org/a\",\"title\":\"Line title\",\"published\":\"2023-02-01T10:00:00Z\",\"html\":\"<html><body><article><p>A body paragraph that is long enough to be kept as article text.</p></article></body></html>\"}\n";
    let r = parallax_ingest::documents_from_bytes("a.jsonl", "a.jsonl", jl).unwrap();
    let a = parallax_extract::extract(&r.documents[0]).unwrap();
    assert_eq!(a.published.as_deref(), Some("2023-02-01"));
    assert_eq!(a.outlet.as_deref(), Some("news.example.org"));
    assert_eq!(a.title.as_deref(), Some("Line title"));

    let html = "<html><head><title>Warc page</title></head><body><p>Archived article text, long enough to be an article paragraph.</p></body></html>";
    let block = format!("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n{html}");
    let warc = format!(
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: http://w.example/x\r\nWARC-Date: 2022-07-08T09:10:11Z\r\nContent-Length: {}\r\n\r\n{block}\r\n\r\n",
        block.len()
    );
    let r = parallax_ingest::documents_from_bytes("x.warc", "x.warc", warc.as_bytes()).unwrap();
    let a = parallax_extract::extract(&r.documents[0]).unwrap();
    assert_eq!(a.url.as_deref(), Some("http://w.example/x"));
    assert_eq!(a.published.as_deref(), Some("2022-07-08"));
    assert!(a.body.starts_with("Archived article text"));
}
