//! Feed items through extraction: every item with text gives an article that keeps the
//! item's link and date (the feed's date wins over a date mentioned in the text).

use parallax_extract::extract;
use parallax_ingest::documents_from_bytes;

#[test]
fn every_item_with_text_gives_an_article_with_link_and_date() {
    let rss = r#"<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Items</title><link>https://i.example/</link>
<item><title>Short</title><link>/a</link><pubDate>Sat, Dec 16 2023 02:02:33 PM</pubDate><description>Council approves the bridge.</description></item>
<item><title>Escaped</title><link>https://i.example/b</link><pubDate>Mon, 18 Dec 2023 09:00:00 +0100</pubDate><description>&lt;p&gt;First paragraph of the item.&lt;/p&gt;&lt;p&gt;On 3 May 2019 the old bridge closed.&lt;/p&gt;</description></item>
<item><title>Plain</title><link>https://i.example/c</link><pubDate>2023-12-19T10:00:00Z</pubDate><description>Plain text with no markup &amp; an ampersand.</description></item>
<item><title>Image only</title><link>https://i.example/d</link><pubDate>2023-12-20</pubDate><description>&lt;img src="x.jpg"&gt; Photo caption words here.</description></item>
</channel></rss>"#;
    let r = documents_from_bytes("items.xml", "items.xml", rss.as_bytes()).unwrap();
    assert_eq!(r.documents.len(), 4);
    let want = [
        ("https://i.example/a", "2023-12-16"),
        ("https://i.example/b", "2023-12-18"),
        ("https://i.example/c", "2023-12-19"),
        ("https://i.example/d", "2023-12-20"),
    ];
    for (doc, (url, date)) in r.documents.iter().zip(want) {
        let a = extract(doc).unwrap_or_else(|e| panic!("{}: {e}", doc.source));
        assert!(!a.body.trim().is_empty(), "{}", doc.source);
        assert_eq!(a.url.as_deref(), Some(url));
        assert_eq!(a.published.as_deref(), Some(date), "{}", doc.source);
    }
}
