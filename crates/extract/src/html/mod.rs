//! Extraction from HTML pages.
//!
//! One parse per page (html5ever via `scraper`), flattened into a pre-order arena
//! ([`dom::Dom`]) on which every later step is a linear sweep:
//! * [`content`]: main-content scoring (text and link density, paragraph structure,
//!   class/id hints) and rendering into paragraphs;
//! * [`metadata`]: JSON-LD, OpenGraph, `<meta>`, `<time>`, byline elements, `<html lang>`.

use parallax_core::{Article, Document};

use crate::ExtractError;

pub mod content;
pub mod dom;
pub mod metadata;

/// Pages larger than this are cut (at a character boundary) before parsing: bounded time and
/// memory on hostile input. Real article pages are far smaller.
pub const MAX_HTML_BYTES: usize = 8 * 1024 * 1024;

/// Deeper element nesting than this is flattened before parsing: the HTML tree builder's
/// scope checks walk the stack of open elements, so pathological nesting would be quadratic.
pub const MAX_NESTING: usize = 512;

fn tag_name(b: &[u8], mut i: usize) -> (&[u8], usize) {
    let start = i;
    while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'-' || b[i] == b':') {
        i += 1;
    }
    (&b[start..i], i)
}

fn counts_for_nesting(name: &[u8]) -> bool {
    let n = name.to_ascii_lowercase();
    !matches!(
        n.as_slice(),
        b"br"
            | b"img"
            | b"meta"
            | b"link"
            | b"input"
            | b"hr"
            | b"wbr"
            | b"source"
            | b"area"
            | b"base"
            | b"col"
            | b"embed"
            | b"param"
            | b"track"
            | b"p"
            | b"li"
            | b"dt"
            | b"dd"
            | b"tr"
            | b"td"
            | b"th"
            | b"option"
            | b"optgroup"
            | b"thead"
            | b"tbody"
            | b"tfoot"
            | b"colgroup"
            | b"rb"
            | b"rt"
            | b"rp"
            | b"html"
            | b"head"
            | b"body"
            | b"keygen"
            | b"frame"
    )
}

/// Removes start and end tags nested deeper than `limit` (one linear scan; the text between
/// them is kept). Returns the input unchanged when nothing is that deep.
pub fn limit_nesting(html: &str, limit: usize) -> std::borrow::Cow<'_, str> {
    let b = html.as_bytes();
    // Pass 1: is anything that deep? Pass 2 (rare): rewrite.
    for rewrite in [false, true] {
        let mut out: Vec<u8> = Vec::new();
        let mut depth = 0usize;
        let mut dropped = 0usize;
        let mut too_deep = false;
        let mut i = 0;
        let mut copied = 0;
        while let Some(off) = b[i..].iter().position(|&c| c == b'<') {
            let lt = i + off;
            i = lt + 1;
            if b[i..].starts_with(b"!--") {
                i = b[i..].windows(3).position(|w| w == b"-->").map_or(b.len(), |p| i + p + 3);
                continue;
            }
            let closing = b.get(i) == Some(&b'/');
            let (name, after) = tag_name(b, if closing { i + 1 } else { i });
            if name.is_empty() {
                continue;
            }
            let gt = b[after..].iter().position(|&c| c == b'>').map_or(b.len(), |p| after + p + 1);
            let lname = name.to_ascii_lowercase();
            if !closing && matches!(lname.as_slice(), b"script" | b"style" | b"textarea" | b"title" | b"xmp") {
                // Raw text: jump to the matching end tag.
                let mut end = format!("</{}", String::from_utf8_lossy(&lname)).into_bytes();
                end.make_ascii_lowercase();
                let mut j = gt;
                while j < b.len() {
                    match b[j..].iter().position(|&c| c == b'<') {
                        Some(p) => {
                            j += p;
                            if b[j..].len() >= end.len() && b[j..j + end.len()].eq_ignore_ascii_case(&end) {
                                break;
                            }
                            j += 1;
                        }
                        None => j = b.len(),
                    }
                }
                i = j;
                continue;
            }
            if !counts_for_nesting(name) || (!closing && gt >= 2 && b[gt - 2] == b'/') {
                i = gt.max(i);
                continue;
            }
            let mut drop_tag = false;
            if closing {
                if dropped > 0 {
                    dropped -= 1;
                    drop_tag = true;
                } else {
                    depth = depth.saturating_sub(1);
                }
            } else if depth >= limit {
                too_deep = true;
                dropped += 1;
                drop_tag = true;
            } else {
                depth += 1;
            }
            if drop_tag && rewrite {
                out.extend_from_slice(&b[copied..lt]);
                copied = gt.min(b.len());
            }
            i = gt.max(i);
            if i >= b.len() {
                break;
            }
        }
        if !rewrite {
            if !too_deep {
                return std::borrow::Cow::Borrowed(html);
            }
        } else {
            out.extend_from_slice(&b[copied.min(b.len())..]);
            return std::borrow::Cow::Owned(String::from_utf8_lossy(&out).into_owned());
        }
    }
    std::borrow::Cow::Borrowed(html)
}

/// Extracts an article from an HTML page.
pub fn extract_html(doc: &Document) -> Result<Article, ExtractError> {
    let mut text = doc.text.as_str();
    if text.len() > MAX_HTML_BYTES {
        let mut cut = MAX_HTML_BYTES;
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        text = &text[..cut];
    }
    let limited = limit_nesting(text, MAX_NESTING);
    let html = scraper::Html::parse_document(&limited);
    let dom = dom::Dom::new(&html);
    let meta = metadata::collect(&dom);
    let title = pick_title(&meta, doc.hints.crawled);
    let mut paras = content::extract_content(&dom, &content::Options { title: title.as_deref() });
    cut_at_next_headline(&mut paras, &meta.next_headlines, title.as_deref());
    let mut paras = prefer_ld_body(paras, meta.ld.body.as_deref());
    if paras.is_empty() {
        paras = fallback_body(&meta, &dom);
    }
    let body = paras.join("\n\n");
    let url = doc.url.clone().or_else(|| meta.canonical.clone()).or_else(|| meta.metas.get("og:url").cloned());

    // The container's date: authoritative for feed and JSONL items; for crawled pages it is
    // only the capture time, so a date in the page text comes first.
    let hinted = || doc.hints.published.as_deref().and_then(crate::meta::parse_date_str);
    let published = pick_date(&meta, url.as_deref())
        .or_else(|| {
            if doc.hints.crawled {
                date_in_page_text(&dom).or_else(hinted)
            } else {
                hinted().or_else(|| date_in_page_text(&dom))
            }
        })
        .map(|d| d.format("%Y-%m-%d").to_string());
    let outlet = pick_outlet(&meta, url.as_deref(), doc.hints.outlet.as_deref());
    let byline = pick_byline(&meta, &dom, outlet.as_deref()).or_else(|| doc.hints.author.clone());
    let language = match crate::meta::detect_language(&body) {
        Some(l) if body.chars().count() > 200 => Some(l),
        detected => meta.lang.clone().or(detected),
    };
    let wire_agency = wire_agency(&body, byline.as_deref());
    Ok(Article {
        source: doc.source.clone(),
        url,
        title: title.or_else(|| doc.hints.title.clone()),
        byline,
        published,
        outlet,
        wire_agency,
        language,
        body,
        ..Default::default()
    })
}

/// Pages that load the next article below the first one: the body ends at a paragraph that
/// is the `<h1>` of a later `<article>` element.
fn cut_at_next_headline(paras: &mut Vec<String>, next: &[String], title: Option<&str>) {
    let next: Vec<&str> =
        next.iter().map(String::as_str).filter(|h| Some(*h) != title && h.split_whitespace().count() >= 3).collect();
    if let Some(k) = paras.iter().skip(1).position(|p| next.contains(&p.trim())) {
        paras.truncate(k + 1);
    }
}

/// The JSON-LD `articleBody` when the page's DOM body is only a teaser of it (less than half
/// its words), split into its paragraphs.
fn prefer_ld_body(paras: Vec<String>, ld_body: Option<&str>) -> Vec<String> {
    let Some(ld) = ld_body else { return paras };
    let ld_words = ld.split_whitespace().count();
    let dom_words: usize = paras.iter().map(|p| p.split_whitespace().count()).sum();
    if ld_words < 80 || ld_words < dom_words * 2 {
        return paras;
    }
    split_paragraphs(ld)
}

/// Paragraphs (lines) of a metadata text that may carry HTML markup.
fn split_paragraphs(text: &str) -> Vec<String> {
    let text = if text.contains('<') {
        let frag = scraper::Html::parse_fragment(&text.replace("</p>", "</p>\n").replace("<br", "\n<br"));
        frag.root_element().text().collect::<String>()
    } else {
        text.to_string()
    };
    text.lines().map(|l| l.split_whitespace().collect::<Vec<_>>().join(" ")).filter(|l| !l.is_empty()).collect()
}

/// When no block of the page reads as the article: the JSON-LD `articleBody`, else the
/// page's sentence-length `<p>` texts, else its description, rather than no output at all.
fn fallback_body(meta: &metadata::PageMeta, dom: &dom::Dom<'_>) -> Vec<String> {
    if let Some(b) = meta.ld.body.as_deref() {
        return split_paragraphs(b);
    }
    // Every sentence-length <p> of the page (scripts and forms excluded by the DOM walk).
    let paras: Vec<String> = (0..dom.nodes.len())
        .filter(|&i| dom.nodes[i].tag == "p")
        .map(|i| dom.text_of(i))
        .filter(|t| t.chars().count() >= 40)
        .collect();
    if !paras.is_empty() {
        return paras;
    }
    let desc = ["og:description", "description", "twitter:description"].iter().find_map(|k| meta.metas.get(*k));
    split_paragraphs(desc.map_or("", String::as_str))
}

const SEPARATORS: [&str; 9] = [" | ", " - ", " – ", " — ", " :: ", " » ", " « ", " · ", " • "];

/// Decodes the entities that double-escaped meta values carry (`&quot;`, `&uuml;`, ...).
fn unescape_entities(t: &str) -> String {
    parallax_core::entities::decode_entities(t).into_owned()
}

/// Removes a site-name part (`Headline | Site`, `Site - Headline`) from a title.
fn clean_title(t: &str, site: Option<&str>) -> String {
    let t = t.trim();
    // CJK titles glue the site name without spaces: "标题-新华网", "标题_网站".
    let cjk = t.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c) || ('\u{3040}'..='\u{30ff}').contains(&c));
    if cjk && let Some(pos) = t.rfind(['-', '_', '|', '｜']) {
        let tail = t[pos..].trim_start_matches(['-', '_', '|', '｜']);
        if !tail.is_empty() && tail.chars().count() <= 8 && !tail.contains(' ') && pos > 0 {
            return clean_title(&t[..pos], site);
        }
    }
    let site_l = site.map(|s| s.trim().to_lowercase());
    for sep in SEPARATORS {
        if let Some(pos) = t.rfind(sep) {
            let head = t[..pos].trim();
            let tail = t[pos + sep.len()..].trim();
            let is_site = |s: &str| site_l.as_deref().is_some_and(|x| !x.is_empty() && s.to_lowercase() == x);
            if is_site(tail) || (tail.split_whitespace().count() <= 4 && head.split_whitespace().count() >= 3) {
                return clean_title(head, site);
            }
            if let Some(first) = t.find(sep) {
                let lead = t[..first].trim();
                let rest = t[first + sep.len()..].trim();
                if is_site(lead) && rest.split_whitespace().count() >= 2 {
                    return rest.to_string();
                }
            }
        }
    }
    t.to_string()
}

fn pick_title(m: &metadata::PageMeta, crawled: bool) -> Option<String> {
    let site = m.metas.get("og:site_name").map(String::as_str).or(m.ld.publisher.as_deref());
    let meta_title =
        m.ld.headline
            .clone()
            .filter(|_| m.ld.is_article)
            .or_else(|| m.metas.get("og:title").cloned())
            .or_else(|| m.metas.get("twitter:title").cloned())
            .or_else(|| m.metas.get("dc.title").cloned())
            .or_else(|| m.ld.headline.clone());
    let h1 = m.h1.iter().find(|h| h.split_whitespace().count() >= 2).cloned();
    if let Some(t) = meta_title {
        let c = clean_title(&unescape_entities(&t), site);
        // A kicker or section glued to the headline ("Covid-19: Headline"): the page's own
        // <h1> is the headline when the meta title merely contains it.
        if let Some(h) = &h1
            && h.split_whitespace().count() >= 3
            && c.len() > h.len()
            && c.contains(h.as_str())
            && h.len() * 2 >= c.len()
        {
            return Some(h.clone());
        }
        // A crawled site whose meta title is only its own name on every page.
        let generic = crawled
            && (site.is_some_and(|s| s.trim().eq_ignore_ascii_case(c.trim()))
                || m.title_tag.as_deref() == Some(c.as_str())
                    && single_headline_h1(m).is_some_and(|h| word_overlap(&c, h) < 0.2));
        if generic && let Some(h) = single_headline_h1(m) {
            return Some(h.to_string());
        }
        if !c.is_empty() {
            return Some(c);
        }
    }
    if let Some(t) = &m.title_tag {
        let c = clean_title(t, site);
        if let Some(h) = &h1
            && t.contains(h.as_str())
        {
            return Some(h.clone());
        }
        // Crawled sites (blogs) often give every page the same generic <title>: there the
        // page's own headline is its single <h1> when that reads as a headline and shares
        // nothing with the title. (Saved single pages keep their <title>.)
        if crawled
            && let Some(h) = single_headline_h1(m)
            && !t.contains(h)
            && word_overlap(&c, h) < 0.2
        {
            return Some(h.to_string());
        }
        if !c.is_empty() {
            return Some(c);
        }
    }
    h1
}

/// Share of the shorter text's words (lower case) that the other one also has.
fn word_overlap(a: &str, b: &str) -> f64 {
    let words = |s: &str| -> std::collections::BTreeSet<String> {
        s.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect()
    };
    let (wa, wb) = (words(a), words(b));
    let common = wa.intersection(&wb).count();
    common as f64 / wa.len().min(wb.len()).max(1) as f64
}

/// The page's only `<h1>` when it has 3 to 30 words.
fn single_headline_h1(m: &metadata::PageMeta) -> Option<&str> {
    let [h] = m.h1.as_slice() else { return None };
    (3..=30).contains(&h.split_whitespace().count()).then_some(h.as_str())
}

fn clean_byline(s: &str, outlet: Option<&str>) -> Option<String> {
    let mut t = s.trim();
    for p in [
        "By ",
        "by ",
        "BY ",
        "Von ",
        "von ",
        "Par ",
        "par ",
        "Por ",
        "por ",
        "Author ",
        "Author: ",
        "Autor ",
        "Autor: ",
        "Autorin ",
        "Autorin: ",
        "Written by ",
        "Text: ",
        "Von: ",
    ] {
        if let Some(r) = t.strip_prefix(p) {
            t = r.trim();
        }
    }
    let t = t.trim_matches(|c: char| c.is_whitespace() || matches!(c, ',' | '|' | '-' | '·' | ':'));
    let lower = t.to_lowercase();
    let looks_like_site = lower.contains("www.")
        || lower.split_whitespace().any(|w| {
            let w = w.trim_matches(|c: char| !c.is_alphanumeric());
            w.rsplit_once('.').is_some_and(|(a, tld)| {
                !a.is_empty() && (2..=3).contains(&tld.len()) && tld.chars().all(|c| c.is_ascii_lowercase())
            })
        });
    let is_outlet = outlet.is_some_and(|o| {
        let o = o.trim().to_lowercase();
        !o.is_empty() && (o == lower || lower.starts_with(&format!("{o} ")) || o.starts_with(&lower))
    });
    if t.is_empty()
        || t.chars().count() > 120
        || t.starts_with("http")
        || (t.contains('@') && !t.contains(' '))
        || looks_like_site
        || is_outlet
        || matches!(lower.as_str(), "no author" | "admin" | "administrator" | "unknown" | "null" | "none")
    {
        return None;
    }
    Some(t.to_string())
}

fn pick_byline(m: &metadata::PageMeta, dom: &dom::Dom<'_>, outlet: Option<&str>) -> Option<String> {
    if !m.ld.authors.is_empty() {
        let mut names: Vec<String> = Vec::new();
        for a in &m.ld.authors {
            if let Some(c) = clean_byline(a, outlet)
                && !names.contains(&c)
            {
                names.push(c);
            }
        }
        if !names.is_empty() {
            return Some(names.join(", "));
        }
    }
    for k in [
        "dc:creator",
        "dcterm:creator",
        "dcterms:creator",
        "author",
        "article:author",
        "dc.creator",
        "dcterms.creator",
        "parsely-author",
        "sailthru.author",
        "byl",
    ] {
        if let Some(v) = m.metas.get(k)
            && let Some(c) = clean_byline(v, outlet)
        {
            return Some(c);
        }
    }
    if let Some(c) = m.page_authors.iter().find_map(|a| clean_byline(a, outlet)) {
        return Some(c);
    }
    // An element whose class or id says byline/author, with short text.
    for i in 0..dom.nodes.len() {
        let Some(e) = dom.elem(i) else { continue };
        if matches!(dom.nodes[i].tag, "script" | "style" | "meta" | "link" | "body" | "html" | "article") {
            continue;
        }
        let hit = e.attrs.iter().any(|(n, v)| {
            matches!(&*n.local, "class" | "id") && {
                let v = v.to_ascii_lowercase();
                v.contains("byline") || v.contains("author-name") || v == "author" || v.contains("autor")
            }
        });
        if hit {
            let t = dom.text_of(i);
            if let Some(c) = clean_byline(&t, outlet)
                && c.chars().count() <= 80
            {
                return Some(c);
            }
        }
    }
    None
}

fn pick_date(m: &metadata::PageMeta, url: Option<&str>) -> Option<chrono::NaiveDate> {
    use crate::meta::parse_date_str as p;
    if let Some(d) = m.ld.date_published.as_deref().and_then(p) {
        return Some(d);
    }
    for k in [
        "article:published_time",
        "og:article:published_time",
        "og:published_time",
        "article:published",
        "datepublished",
        "pubdate",
        "publishdate",
        "publish-date",
        "publish_date",
        "dc.date.issued",
        "dc.date",
        "dcterms.date",
        "dcterms.created",
        "date",
        "sailthru.date",
        "parsely-pub-date",
        "article.published",
        "published_time",
        "cxenseparse:recs:publishtime",
        "og:updated_time",
        "article:modified_time",
    ] {
        if let Some(d) = m.metas.get(k).and_then(|v| p(v)) {
            return Some(d);
        }
    }
    if let Some(d) = m.itemprop_dates.iter().find_map(|v| p(v)) {
        return Some(d);
    }
    if let Some(d) = m.times.iter().find_map(|v| p(v)) {
        return Some(d);
    }
    if let Some(d) = url.and_then(date_in_url) {
        return Some(d);
    }
    m.ld.date_other.as_deref().and_then(p)
}

/// Last resort: the first explicit date printed near the headline (a dateline such as
/// `26. Februar 2020, 12:30 Uhr` or `23/05/2011`), within the first words after the `<h1>`.
fn date_in_page_text(dom: &dom::Dom<'_>) -> Option<chrono::NaiveDate> {
    let start = dom.nodes.iter().position(|n| n.tag == "h1")?;
    let mut text = String::new();
    let mut i = start;
    while i < dom.nodes.len() && text.len() < 1500 {
        let n = &dom.nodes[i];
        if matches!(n.tag, "script" | "style" | "noscript" | "template" | "svg" | "nav" | "footer") {
            i = n.end as usize;
            continue;
        }
        if let dom::Kind::Text(t) = n.kind {
            dom::push_collapsed(&mut text, t);
            text.push(' ');
        }
        i += 1;
    }
    if let Some(d) = crate::meta::find_explicit_dates(&text).first() {
        return Some(d.date);
    }
    let toks: Vec<&str> = text.split_whitespace().take(250).collect();
    (0..toks.len()).find_map(|k| {
        let w = toks[k];
        if !w.starts_with(|c: char| c.is_ascii_digit()) {
            return None;
        }
        crate::meta::parse_date_str(&toks[k..(k + 4).min(toks.len())].join(" "))
            .or_else(|| crate::meta::parse_date_str(w.trim_end_matches([',', '.', ';'])))
    })
}

/// `/2019/10/19/` or `/2019-10-19` in a URL path.
fn date_in_url(url: &str) -> Option<chrono::NaiveDate> {
    let b = url.as_bytes();
    for i in 0..b.len().saturating_sub(10) {
        if b[i] == b'/' && b[i + 1..i + 5].iter().all(u8::is_ascii_digit) && matches!(b[i + 5], b'/' | b'-') {
            let sep = b[i + 5];
            if b.len() > i + 10
                && b[i + 6..i + 8].iter().all(u8::is_ascii_digit)
                && b[i + 8] == sep
                && b[i + 9..i + 11].iter().all(u8::is_ascii_digit)
                && let Some(d) = crate::meta::parse_date_str(&url[i + 1..i + 11].replace('/', "-"))
            {
                return Some(d);
            }
        }
    }
    None
}

/// The outlet named by the page, else the container's (feed title), else the URL's host.
fn pick_outlet(m: &metadata::PageMeta, url: Option<&str>, hint: Option<&str>) -> Option<String> {
    m.metas
        .get("og:site_name")
        .cloned()
        .or_else(|| m.ld.publisher.clone())
        .or_else(|| m.metas.get("application-name").cloned())
        .or_else(|| hint.map(str::to_string))
        .or_else(|| {
            let u = url?;
            let rest = u.split("://").nth(1)?;
            let host = rest.split(['/', '?', '#', ':']).next()?;
            let host = host.strip_prefix("www.").unwrap_or(host);
            (!host.is_empty()).then(|| host.to_ascii_lowercase())
        })
}

/// A wire agency credited at the start of the body (`(Reuters) -`) or in the byline.
fn wire_agency(body: &str, byline: Option<&str>) -> Option<String> {
    const AGENCIES: [(&str, &str); 12] = [
        ("Reuters", "Reuters"),
        ("Associated Press", "AP"),
        ("(AP)", "AP"),
        ("AFP", "AFP"),
        ("Agence France-Presse", "AFP"),
        ("UPI", "UPI"),
        ("dpa", "dpa"),
        ("Bloomberg", "Bloomberg"),
        ("ANSA", "ANSA"),
        ("EFE", "EFE"),
        ("Kyodo", "Kyodo"),
        ("PTI", "PTI"),
    ];
    let head: String = body.chars().take(300).collect();
    for (needle, name) in AGENCIES {
        let paren = format!("({needle})");
        let in_head = head.contains(&paren)
            || head.contains(&format!("({needle}) "))
            || needle.starts_with('(') && head.contains(needle);
        let in_byline = byline.is_some_and(|b| {
            b.split(|c: char| !c.is_alphanumeric() && c != '-').any(|w| w == needle)
                || b.contains(needle) && needle.contains(' ')
        });
        if in_head || in_byline {
            return Some(name.to_string());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_cleaning() {
        assert_eq!(
            clean_title("Big storm hits the coast | Daily News", Some("Daily News")),
            "Big storm hits the coast"
        );
        assert_eq!(
            clean_title("Daily News - Big storm hits the coast", Some("Daily News")),
            "Big storm hits the coast"
        );
        assert_eq!(clean_title("A - B", None), "A - B");
    }

    #[test]
    fn nesting_limit() {
        let deep = format!("{}x{}", "<div>".repeat(10), "</div>".repeat(10));
        assert_eq!(limit_nesting(&deep, 20), deep);
        let cut = limit_nesting(&deep, 3);
        assert_eq!(cut, "<div><div><div>x</div></div></div>");
        let with_script = "<div><script>if (a<b) { x = '<div>' }</script><p>t</div>";
        assert_eq!(limit_nesting(with_script, 1), with_script);
    }

    #[test]
    fn url_dates() {
        assert_eq!(date_in_url("https://x.com/2019/10/19/story").map(|d| d.to_string()).as_deref(), Some("2019-10-19"));
        assert_eq!(date_in_url("https://x.com/news/1234567"), None);
    }
}
