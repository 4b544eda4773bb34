//! Snapshot of a synthetic news page exercising every boilerplate kind the extractor removes
//! (navigation, share bar, related links, captions, comments, newsletter box, footer) and the
//! metadata sources it reads (JSON-LD, OpenGraph, `<html lang>`), plus `<br>` paragraph runs.

use parallax_core::{DocKind, Document};

const PAGE: &str = r##"<!DOCTYPE html>
<html lang="en-GB"><head>
<title>Council approves budget after long night | The Example Gazette</title>
<meta property="og:site_name" content="The Example Gazette">
<meta property="og:title" content="Council approves budget after long night">
<meta property="article:published_time" content="2024-03-05T22:10:00+00:00">
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle",
 "headline":"Council approves budget after long night","datePublished":"2024-03-05T22:10:00Z",
 "author":[{"@type":"Person","name":"Jane Reporter"},{"@type":"Person","name":"Sam Writer"}],
 "publisher":{"@type":"Organization","name":"The Example Gazette"}}</script>
</head><body>
<nav class="main-menu"><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
<header class="article-header"><h1>Council approves budget after long night</h1>
<p class="standfirst">The city council approved next year's budget at 2am after nine hours of debate over fees.</p>
<div class="byline">By Jane Reporter and Sam Writer</div></header>
<div class="share-tools"><a href="#">Share on Facebook</a> <a href="#">Share on X</a></div>
<article><div class="article-body">
<p>The council voted 31 to 29 in favour of the plan, which raises parking fees, adds a tourist levy and
cuts the road maintenance budget by four percent, according to figures released on Tuesday.</p>
<figure><img src="a.jpg"><figcaption>Councillors debating late into the night. Photo: Gazette</figcaption></figure>
<p>Opponents said the levy would hurt small hotels, while the mayor, speaking after the vote, said the
city had "no other responsible choice" given the deficit left by the previous administration.</p>
<div class="related-links"><h3>Related</h3><ul><li><a href="/a">Mayor faces budget revolt</a></li>
<li><a href="/b">What the tourist levy means for you</a></li></ul></div>
<p>Line one of an address block<br>Line two of the same block<br><br>A new paragraph after a double break,
long enough to be part of the article text and not a fragment.</p>
<p>(Credit: Gazette Graphics)</p>
</div></article>
<div class="newsletter-signup"><p>Sign up for our daily newsletter and never miss a story from the Gazette.</p></div>
<section id="comments"><h2>12 comments</h2><p>Great article, thanks for sharing this with all of us!</p></section>
<footer><p>© 2024 The Example Gazette. All rights reserved.</p></footer>
</body></html>"##;

#[test]
fn synthetic_news_page() {
    let doc = Document { kind: DocKind::Html, ..Document::text("gazette.html", PAGE) };
    let a = parallax_extract::extract(&doc).expect("article");
    insta::assert_yaml_snapshot!(a);
    assert!(a.body.starts_with("The city council approved"), "lead first: {}", a.body);
    for junk in
        ["Share on", "Related", "Mayor faces", "Sign up", "Great article", "All rights", "Photo: Gazette", "Credit:"]
    {
        assert!(!a.body.contains(junk), "{junk} leaked into {}", a.body);
    }
}
