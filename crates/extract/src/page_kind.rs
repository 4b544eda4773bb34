//! Pages that are not articles: too short, a site's contact / legal / cookie / navigation
//! page, or an index page listing links to articles. Documented in `docs/minimum-content.md`.

use parallax_core::{Article, Document};

/// Fewest words a crawled web page (WARC) needs to count as an article.
pub const MIN_CRAWLED_WORDS: usize = 50;
/// Fewest words a page read from its own file needs (plain-text files are held to
/// `parallax_ingest::junk::MIN_TEXT_WORDS` when read).
pub const MIN_FILE_WORDS: usize = 10;

/// URL path segments (without extension) of site pages that are not news.
const SITE_PAGES: [&str; 52] = [
    "contact",
    "contact-us",
    "contacts",
    "kontakt",
    "contacto",
    "contato",
    "contatti",
    "impressum",
    "imprint",
    "privacy",
    "privacy-policy",
    "privacy-notice",
    "datenschutz",
    "datenschutzerklaerung",
    "privacidad",
    "politica-de-privacidad",
    "cookies",
    "cookie",
    "cookie-policy",
    "cookie-settings",
    "cookie-notice",
    "terms",
    "terms-of-use",
    "terms-of-service",
    "terms-and-conditions",
    "tos",
    "legal",
    "legal-notice",
    "mentions-legales",
    "aviso-legal",
    "agb",
    "disclaimer",
    "about",
    "about-us",
    "ueber-uns",
    "quienes-somos",
    "login",
    "signin",
    "sign-in",
    "register",
    "signup",
    "sign-up",
    "subscribe",
    "newsletter",
    "search",
    "sitemap",
    "accessibility",
    "faq",
    "help",
    "careers",
    "jobs",
    "advertise",
];

/// URL path segments that introduce listing pages.
const LISTING: [&str; 10] =
    ["tag", "tags", "category", "categories", "author", "authors", "topic", "topics", "archive", "page"];

/// Titles of site pages (lower case, whole title).
const SITE_TITLES: [&str; 16] = [
    "contact",
    "contact us",
    "about us",
    "about",
    "privacy policy",
    "privacy notice",
    "cookie policy",
    "cookie settings",
    "terms of use",
    "terms of service",
    "terms and conditions",
    "impressum",
    "imprint",
    "datenschutz",
    "datenschutzerklärung",
    "legal notice",
];

/// Longest paragraph an article may have (a whole article in one paragraph is ~20 000
/// characters); longer ones are data or a dump, whatever the container.
pub const MAX_PARAGRAPH_CHARS: usize = 100_000;

/// Why the extracted `article` of `doc` is not a news article, or `None` when it may be one.
/// Feed and JSONL items (whose container vouches for them) are held only to the paragraph
/// length.
pub fn not_article_reason(doc: &Document, article: &Article) -> Option<String> {
    if article.body.split("\n\n").any(|p| p.len() > MAX_PARAGRAPH_CHARS && p.chars().count() > MAX_PARAGRAPH_CHARS) {
        return Some(format!("a paragraph of over {MAX_PARAGRAPH_CHARS} characters (data or a dump, not prose)"));
    }
    let words = article.body.split_whitespace().count();
    let standalone = !doc.source.contains('#');
    let min = if doc.hints.crawled {
        MIN_CRAWLED_WORDS
    } else if standalone {
        MIN_FILE_WORDS
    } else {
        0
    };
    if words < min {
        return Some(format!("too short to be an article ({words} word(s); minimum {min})"));
    }
    if !doc.hints.crawled && !standalone {
        return None;
    }
    if let Some(why) = doc.url.as_deref().or(article.url.as_deref()).and_then(site_page_url) {
        return Some(why);
    }
    if let Some(t) = &article.title {
        let t = t.trim().trim_end_matches(['.', '!']).to_lowercase();
        if SITE_TITLES.contains(&t.as_str()) {
            return Some(format!("a site page ({t}), not an article"));
        }
    }
    if doc.hints.crawled && link_index(&article.body) {
        return Some("an index page of headlines and links, not an article".into());
    }
    None
}

/// A contact/legal/navigation or listing page by its URL path.
fn site_page_url(url: &str) -> Option<String> {
    let path = url.split_once("://").map_or(url, |(_, rest)| rest.split_once('/').map_or("", |(_, p)| p));
    let path = path.split(['?', '#']).next().unwrap_or("").trim_end_matches('/');
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let last = segments.last()?.to_ascii_lowercase();
    let stem = last.split('.').next().unwrap_or(&last);
    if SITE_PAGES.contains(&stem) {
        return Some(format!("a site page (/{last}), not an article"));
    }
    let n = segments.len();
    let listing_at = |i: usize| LISTING.contains(&segments[i].to_ascii_lowercase().as_str());
    let numbered = segments[n - 1].chars().all(|c| c.is_ascii_digit());
    if (n >= 2 && listing_at(n - 2)) || (n >= 3 && listing_at(n - 3) && numbered) {
        return Some(format!("a listing page (/{path}), not an article"));
    }
    None
}

/// A body made of many short lines that do not read as sentences: headlines of other pages.
fn link_index(body: &str) -> bool {
    let paras: Vec<&str> = body.split("\n\n").map(str::trim).filter(|p| !p.is_empty()).collect();
    if paras.len() < 8 {
        return false;
    }
    let short = paras
        .iter()
        .filter(|p| p.split_whitespace().count() <= 14 && !p.ends_with(['.', '!', '?', '"', '”', '»', ':']))
        .count();
    short * 10 >= paras.len() * 8
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(url: &str, crawled: bool) -> Document {
        let mut d = Document::text("x.warc#1", "");
        d.url = Some(url.into());
        d.hints.crawled = crawled;
        d
    }

    fn art(title: &str, body: &str) -> Article {
        Article { title: Some(title.into()), body: body.into(), ..Default::default() }
    }

    #[test]
    fn classes() {
        let long = "A sentence with some words in it that goes on. ".repeat(8);
        let d = doc("https://e.example/news/2024/storm-hits", true);
        assert_eq!(not_article_reason(&d, &art("Storm hits", &long)), None);
        assert!(not_article_reason(&d, &art("Storm", "Five words only here now")).unwrap().starts_with("too short"));
        let c = doc("https://e.example/contact-us/", true);
        assert!(not_article_reason(&c, &art("Reach us", &long)).unwrap().contains("site page"));
        let p = doc("https://e.example/legal/privacy-policy.html", true);
        assert!(not_article_reason(&p, &art("Policy", &long)).is_some());
        let t = doc("https://e.example/tag/weather", true);
        assert!(not_article_reason(&t, &art("Weather", &long)).unwrap().contains("listing"));
        let cookie = doc("https://e.example/p?id=3", true);
        assert!(not_article_reason(&cookie, &art("Cookie Policy", &long)).is_some());
        let index = (0..12).map(|k| format!("Headline number {k} about a thing")).collect::<Vec<_>>().join("\n\n");
        assert!(not_article_reason(&doc("https://e.example/", true), &art("Home", &index)).unwrap().contains("index"));
        // Feed items are not held to a length.
        let item = Document { source: "f.xml#2".into(), ..Document::text("f.xml#2", "") };
        assert_eq!(not_article_reason(&item, &art("Brief", "Short feed summary.")), None);
        // One endless paragraph is a dump in any container; the same words in paragraphs are not.
        let dump = "word ".repeat(30_000);
        assert!(not_article_reason(&item, &art("Dump", &dump)).unwrap().contains("paragraph of over"));
        let paragraphs = "Word after word in a sentence that ends. ".repeat(40);
        let split: Vec<String> = (0..60).map(|_| paragraphs.clone()).collect();
        assert_eq!(not_article_reason(&d, &art("Long read", &split.join("\n\n"))), None);
    }
}
