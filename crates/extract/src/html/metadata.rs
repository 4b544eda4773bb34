//! Page metadata: JSON-LD (NewsArticle and friends), OpenGraph and `<meta>` tags, `<title>`,
//! `<h1>`, `<time>`, `itemprop` / `rel=author` / byline-classed elements, `<html lang>`.

use std::collections::BTreeMap;

use serde_json::Value;

use super::dom::{Dom, Kind, push_collapsed};

/// What the page says about itself.
#[derive(Debug, Default)]
pub struct PageMeta {
    /// `<html lang>` (primary subtag, lower case).
    pub lang: Option<String>,
    /// `<title>` text.
    pub title_tag: Option<String>,
    /// `<meta>` values keyed by lower-case name/property/itemprop; first value wins.
    pub metas: BTreeMap<String, String>,
    /// Texts of `<h1>` elements (first few).
    pub h1: Vec<String>,
    /// Headlines (`<h1>`) of later `<article>` elements than the first headline's: the
    /// next articles of an endless-scroll page.
    pub next_headlines: Vec<String>,
    /// JSON-LD article facts.
    pub ld: LdArticle,
    /// `<time datetime>` values in document order (first few).
    pub times: Vec<String>,
    /// Author names from `itemprop=author`, `rel=author`, byline-classed elements.
    pub page_authors: Vec<String>,
    /// `itemprop=datePublished` values on non-meta elements.
    pub itemprop_dates: Vec<String>,
    /// Canonical URL.
    pub canonical: Option<String>,
}

/// Facts from JSON-LD.
#[derive(Debug, Default)]
pub struct LdArticle {
    /// headline / name of the article object.
    pub headline: Option<String>,
    /// Author names.
    pub authors: Vec<String>,
    /// datePublished.
    pub date_published: Option<String>,
    /// dateCreated / uploadDate / dateModified (fallbacks).
    pub date_other: Option<String>,
    /// publisher.name.
    pub publisher: Option<String>,
    /// Whether the object was an article type (vs a WebPage).
    pub is_article: bool,
    /// articleBody (entities decoded, line breaks kept).
    pub body: Option<String>,
}

/// Collapses white space and decodes character references that metadata values carry
/// raw (JSON-LD strings) or escaped twice (`content="R&amp;uuml;ckbau"`).
fn collapse(s: &str) -> String {
    let mut o = String::new();
    push_collapsed(&mut o, &parallax_core::entities::decode_entities(s));
    o.trim().to_string()
}

/// Collects metadata in one pass over the tree.
pub fn collect(dom: &Dom<'_>) -> PageMeta {
    let mut m = PageMeta::default();
    let mut first_article: Option<usize> = None;
    let n = dom.nodes.len();
    let mut i = 0;
    while i < n {
        let node = &dom.nodes[i];
        let Kind::Elem(e) = node.kind else {
            i += 1;
            continue;
        };
        let attr = |k: &str| super::dom::attr(e, k);
        match node.tag {
            "html" if m.lang.is_none() => {
                m.lang = attr("lang").or_else(|| attr("xml:lang")).and_then(|l| {
                    let p = l.split(['-', '_']).next()?.trim().to_ascii_lowercase();
                    (p.len() == 2 || p.len() == 3).then_some(p)
                });
            }
            "title" if m.title_tag.is_none() => {
                let t = dom.text_of(i);
                if !t.is_empty() {
                    m.title_tag = Some(t);
                }
            }
            "meta" => {
                if let Some(content) = attr("content") {
                    let content = collapse(content);
                    for key in ["property", "name", "itemprop"] {
                        if let Some(ks) = attr(key) {
                            // `property="dc:creator og:author"` names several keys.
                            for k in ks.split_whitespace() {
                                let k = k.to_ascii_lowercase();
                                if !content.is_empty() {
                                    m.metas.entry(k).or_insert_with(|| content.clone());
                                }
                            }
                        }
                    }
                }
            }
            "link" if attr("rel").is_some_and(|r| r.eq_ignore_ascii_case("canonical")) && m.canonical.is_none() => {
                m.canonical = attr("href").map(str::to_string);
            }
            "script" => {
                if attr("type").is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json")) {
                    let mut raw = String::new();
                    for j in i + 1..node.end as usize {
                        if let Kind::Text(t) = dom.nodes[j].kind {
                            raw.push_str(t);
                        }
                    }
                    parse_ld(&raw, &mut m.ld);
                }
                i = node.end as usize;
                continue;
            }
            "style" | "svg" | "template" => {
                i = node.end as usize;
                continue;
            }
            "h1" => {
                let t = dom.text_of(i);
                let article = enclosing_article(dom, i);
                if t.is_empty() {
                } else if m.h1.is_empty() {
                    first_article = article;
                    m.h1.push(t);
                } else {
                    if article.is_some()
                        && first_article.is_some()
                        && article != first_article
                        && m.next_headlines.len() < 8
                    {
                        m.next_headlines.push(t.clone());
                    }
                    if m.h1.len() < 4 {
                        m.h1.push(t);
                    }
                }
            }
            "time" if m.times.len() < 8 => {
                if let Some(d) = attr("datetime") {
                    m.times.push(d.trim().to_string());
                }
            }
            _ => {}
        }
        if node.tag != "meta" {
            if let Some(ip) = attr("itemprop") {
                if ip.split_whitespace().any(|p| p == "author" || p == "creator") && m.page_authors.len() < 6 {
                    // The name may sit in a nested itemprop=name.
                    let mut name = None;
                    for j in i + 1..node.end as usize {
                        if dom.attr(j, "itemprop") == Some("name") {
                            name = Some(dom.attr(j, "content").map(collapse).unwrap_or_else(|| dom.text_of(j)));
                            break;
                        }
                    }
                    let t = name.unwrap_or_else(|| dom.text_of(i));
                    if !t.is_empty() && t.chars().count() < 100 {
                        m.page_authors.push(t);
                    }
                }
                if ip == "datePublished" && m.itemprop_dates.len() < 4 {
                    if let Some(d) = attr("datetime").or_else(|| attr("content")) {
                        m.itemprop_dates.push(d.to_string());
                    } else {
                        m.itemprop_dates.push(dom.text_of(i));
                    }
                }
            } else if node.tag == "a" && attr("rel").is_some_and(|r| r.split_whitespace().any(|p| p == "author")) {
                let t = dom.text_of(i);
                if !t.is_empty() && t.chars().count() < 80 && m.page_authors.len() < 6 {
                    m.page_authors.push(t);
                }
            }
        }
        i += 1;
    }
    m
}

/// Index of the nearest `<article>` element holding node `i`.
fn enclosing_article(dom: &Dom<'_>, mut i: usize) -> Option<usize> {
    for _ in 0..200 {
        let parent = dom.nodes[i].parent as usize;
        if parent == i {
            return None;
        }
        if dom.nodes[parent].tag == "article" {
            return Some(parent);
        }
        i = parent;
    }
    None
}

fn str_of(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => {
            let s = collapse(s);
            (!s.is_empty()).then_some(s)
        }
        Value::Array(a) => a.iter().find_map(str_of),
        Value::Object(o) => o.get("name").and_then(str_of).or_else(|| o.get("@value").and_then(str_of)),
        _ => None,
    }
}

fn names_of(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::String(s) => {
            let s = collapse(s);
            if !s.is_empty() && !s.starts_with("http") {
                out.push(s);
            }
        }
        Value::Array(a) => a.iter().take(10).for_each(|x| names_of(x, out)),
        Value::Object(o) => {
            if let Some(n) = o.get("name") {
                names_of(n, out);
            }
        }
        _ => {}
    }
}

fn type_names(o: &serde_json::Map<String, Value>) -> Vec<String> {
    match o.get("@type") {
        Some(Value::String(s)) => vec![s.clone()],
        Some(Value::Array(a)) => a.iter().filter_map(|x| x.as_str().map(str::to_string)).collect(),
        _ => Vec::new(),
    }
}

fn is_article_type(t: &str) -> bool {
    t.ends_with("Article") || matches!(t, "BlogPosting" | "LiveBlogPosting" | "Report" | "SocialMediaPosting")
}

/// Parses one JSON-LD script into `ld` (article objects win over page objects).
pub fn parse_ld(raw: &str, ld: &mut LdArticle) {
    let raw = raw.trim().trim_start_matches("<!--").trim_end_matches("-->").trim();
    if raw.len() > 2_000_000 {
        return;
    }
    let Ok(v) = serde_json::from_str::<Value>(raw) else { return };
    // Iterative walk over objects (no recursion on hostile nesting).
    let mut stack: Vec<(&Value, u32)> = vec![(&v, 0)];
    let mut seen = 0;
    while let Some((x, depth)) = stack.pop() {
        seen += 1;
        if seen > 5000 || depth > 8 {
            continue;
        }
        match x {
            Value::Array(a) => a.iter().rev().for_each(|y| stack.push((y, depth + 1))),
            Value::Object(o) => {
                let types = type_names(o);
                let article = types.iter().any(|t| is_article_type(t));
                let page = types.iter().any(|t| t == "WebPage" || t == "ItemPage");
                if article && !ld.is_article {
                    *ld = LdArticle { is_article: true, ..Default::default() };
                }
                if article || (page && !ld.is_article) {
                    fill(o, ld);
                }
                if let Some(g) = o.get("@graph") {
                    stack.push((g, depth + 1));
                }
                if let Some(me) = o.get("mainEntity").or_else(|| o.get("mainEntityOfPage"))
                    && me.is_object()
                {
                    stack.push((me, depth + 1));
                }
            }
            _ => {}
        }
    }
}

fn fill(o: &serde_json::Map<String, Value>, ld: &mut LdArticle) {
    if ld.headline.is_none() {
        ld.headline = o.get("headline").and_then(str_of).or_else(|| o.get("name").and_then(str_of));
    }
    if ld.authors.is_empty()
        && let Some(a) = o.get("author").or_else(|| o.get("creator"))
    {
        names_of(a, &mut ld.authors);
    }
    if ld.date_published.is_none() {
        ld.date_published = o.get("datePublished").and_then(str_of);
    }
    if ld.body.is_none()
        && let Some(Value::String(b)) = o.get("articleBody")
        && !b.trim().is_empty()
    {
        ld.body = Some(parallax_core::entities::decode_entities(b).into_owned());
    }
    if ld.date_other.is_none() {
        ld.date_other = o.get("dateCreated").or_else(|| o.get("uploadDate")).and_then(str_of);
    }
    if ld.publisher.is_none() {
        ld.publisher = o.get("publisher").and_then(|p| match p {
            Value::Object(po) => po.get("name").and_then(str_of),
            Value::Array(a) => a.first().and_then(|x| x.get("name")).and_then(str_of),
            _ => None,
        });
    }
}
