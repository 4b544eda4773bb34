//! Main-content detection and rendering.
//!
//! Readability-style scoring on the flat tree: every block with enough text of its own scores
//! its ancestors (commas, length); candidates are weighted by class/id hints and text vs link
//! density; the best candidate and its qualifying siblings are rendered into paragraphs, with
//! navigation, related-link lists, forms, hidden and boilerplate-classed blocks left out.

use std::sync::LazyLock;

use regex::Regex;

use super::dom::{Dom, Kind, is_block, push_collapsed};

/// Class/id patterns of blocks that are almost never article text.
static UNLIKELY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"-ad-|^ad-|^ads?$|\bads?\b|adsense|adslot|ad-slot|advert|ai2html|banner|breadcrumb|combx|comment|community|cookie|consent|cover-wrap|disqus|gdpr|legends|menu|related|remark|replies|rss|shoutbox|sidebar|skyscraper|social|sponsor|supplemental|ad-break|agegate|pagination|pager|popup|yom-remote|newsletter|subscri|share|sharing|teaser-list|recommend|outbrain|taboola|most-?popular|most-?read|trending|further-?reading|read-?more|more-?stories|more-?articles|toolbar|navbar|nav-|-nav|navigation|masthead|site-?header|site-?footer|footer|signup|sign-up|print-only|modal|overlay|tags|tag-list|keywords|author-?bio|byline|dateline|timestamp|meta-?data|article-?meta|post-?meta|caption|credit|rating|login|jump-?link|skip-?link|visually-?hidden|sr-only|screen-?reader|hidden",
    )
    .expect("valid regex")
});

/// Class/id patterns that rescue a block matching [`UNLIKELY`].
static MAYBE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"and|article|body|column|content|main|mathjax|shadow|story|entry|post-?text|text").expect("valid regex")
});

static NEGATIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"-ad-|hidden|^hid$| hid$| hid |^hid |banner|combx|comment|com-|contact|footer|gdpr|masthead|media|meta|outbrain|promo|related|scroll|share|shoutbox|sidebar|skyscraper|sponsor|shopping|tags|widget|teaser|recommend|newsletter|byline|author|caption",
    )
    .expect("valid regex")
});

static POSITIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"article|body|content|entry|hentry|h-entry|main|page|pagination|post|text|blog|story|prose|paragraph")
        .expect("valid regex")
});

/// Tags whose whole subtree is never content.
fn is_junk_tag(tag: &str) -> bool {
    matches!(
        tag,
        "script"
            | "style"
            | "noscript"
            | "template"
            | "svg"
            | "math"
            | "iframe"
            | "object"
            | "embed"
            | "head"
            | "title"
            | "button"
            | "select"
            | "textarea"
            | "input"
            | "nav"
            | "aside"
            | "footer"
            | "canvas"
            | "video"
            | "audio"
            | "map"
            | "dialog"
            | "label"
            | "option"
            | "link"
            | "meta"
            | "figcaption"
    )
}

/// Per-node facts and aggregates.
pub struct Analysis {
    /// Hard exclusion (junk tag, hidden), inherited.
    hard: Vec<bool>,
    /// Boilerplate class/id, inherited.
    bp: Vec<bool>,
    /// Inside a link, inherited.
    in_link: Vec<bool>,
    /// Class/id weight of the element itself.
    weight: Vec<i16>,
    /// Nearest block ancestor-or-self.
    blk: Vec<u32>,
    /// In the current mode.
    excluded: Vec<bool>,
    chars: Vec<u32>,
    link_chars: Vec<u32>,
    commas: Vec<u32>,
    own_chars: Vec<u32>,
    own_commas: Vec<u32>,
    p_cnt: Vec<u32>,
    img_cnt: Vec<u32>,
    input_cnt: Vec<u32>,
    embed_cnt: Vec<u32>,
    heading_chars: Vec<u32>,
}

fn is_hidden(dom: &Dom<'_>, i: usize) -> bool {
    let Some(e) = dom.elem(i) else { return false };
    for (n, v) in e.attrs.iter() {
        match &*n.local {
            "hidden" => return true,
            "aria-hidden" if &**v == "true" => return true,
            "style" => {
                let s: String = v.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_lowercase();
                if s.contains("display:none") || s.contains("visibility:hidden") {
                    return true;
                }
            }
            "role" => {
                if matches!(
                    &**v,
                    "menu" | "menubar" | "complementary" | "navigation" | "alert" | "alertdialog" | "dialog" | "banner"
                ) {
                    return true;
                }
            }
            _ => {}
        }
    }
    false
}

fn class_id(dom: &Dom<'_>, i: usize) -> String {
    let Some(e) = dom.elem(i) else { return String::new() };
    let mut s = String::new();
    for (n, v) in e.attrs.iter() {
        if matches!(&*n.local, "class" | "id") {
            if !s.is_empty() {
                s.push(' ');
            }
            s.push_str(v);
        }
    }
    s.make_ascii_lowercase();
    s
}

/// The class/id string that hints are matched on. An id made from the block's own heading
/// (`id="sharing-with-a-reviewer"` on a section headed "Sharing with a reviewer", as
/// documentation generators and CMSs write them) says nothing about the block's role: only the
/// classes are kept then, so a heading word ("sharing", "related", "comments") does not mark a
/// section of the article as boilerplate.
fn class_id_for_hints(dom: &Dom<'_>, i: usize) -> String {
    let ci = class_id(dom, i);
    if ci.is_empty() || !(UNLIKELY.is_match(&ci) || NEGATIVE.is_match(&ci)) {
        return ci;
    }
    match dom.attr(i, "id") {
        Some(id) if id_is_heading_slug(dom, i, id) => {
            dom.attr(i, "class").map(str::to_ascii_lowercase).unwrap_or_default()
        }
        _ => ci,
    }
}

/// Whether `id` spells (as a slug of three or more words) the first heading inside block `i`.
fn id_is_heading_slug(dom: &Dom<'_>, i: usize, id: &str) -> bool {
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect()
    };
    let id_words = words(id);
    if id_words.len() < 3 {
        return false;
    }
    let end = (dom.nodes[i].end as usize).min(i + 16);
    let Some(h) = (i + 1..end).find(|&j| matches!(dom.nodes[j].tag, "h1" | "h2" | "h3" | "h4" | "h5" | "h6")) else {
        return false;
    };
    let head = words(&dom.text_of(h));
    head.len() >= id_words.len() && head[..id_words.len()] == id_words[..]
}

static CAPTION_CLASS: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"caption|credit|copyright").expect("valid regex"));

/// An inline element classed as a caption or credit (`<strong class="caption">` beside an
/// `<img>`) outside any paragraph: the image's legend, not article text. (In a paragraph such
/// classes also mark datelines, which are kept.)
fn is_image_caption(dom: &Dom<'_>, ci: &str, block: usize) -> bool {
    if matches!(dom.nodes[block].tag, "p" | "li" | "td" | "th" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
        || !CAPTION_CLASS.is_match(ci)
    {
        return false;
    }
    let end = (dom.nodes[block].end as usize).min(block + 64);
    (block..end).any(|j| matches!(dom.nodes[j].tag, "img" | "picture"))
}

fn text_stats(t: &str) -> (u32, u32) {
    let mut chars = 0u32;
    let mut commas = 0u32;
    for c in t.chars() {
        if !c.is_whitespace() {
            chars += 1;
            if matches!(c, ',' | '，' | '、' | '،' | '﹐' | '︐' | '︑' | '⹁' | '⸴' | '⸲') {
                commas += 1;
            }
        }
    }
    (chars, commas)
}

impl Analysis {
    /// Computes the per-node facts (parallel arrays indexed by node).
    #[allow(clippy::needless_range_loop)]
    pub fn new(dom: &Dom<'_>) -> Self {
        let n = dom.nodes.len();
        let mut hard = vec![false; n];
        let mut bp = vec![false; n];
        let mut bp_self = vec![false; n];
        let mut in_link = vec![false; n];
        let mut weight = vec![0i16; n];
        let mut blk = vec![0u32; n];
        for i in 0..n {
            let node = &dom.nodes[i];
            let p = node.parent as usize;
            let (ph, pb, pl, pblk) =
                if i == 0 { (false, false, false, 0) } else { (hard[p], bp[p], in_link[p], blk[p]) };
            hard[i] = ph;
            bp[i] = pb;
            in_link[i] = pl;
            blk[i] = pblk;
            if let Kind::Elem(_) = node.kind {
                let tag = node.tag;
                if is_junk_tag(tag) || is_hidden(dom, i) {
                    hard[i] = true;
                }
                // In-page anchors and script pseudo-links are not navigation away from the text.
                if tag == "a"
                    && !dom.attr(i, "href").is_some_and(|h| {
                        let h = h.trim_start();
                        h.starts_with('#') || h.get(..11).is_some_and(|p| p.eq_ignore_ascii_case("javascript:"))
                    })
                {
                    in_link[i] = true;
                }
                if is_block(tag) || tag == "td" || tag == "th" {
                    blk[i] = i as u32;
                }
                if !hard[i] {
                    let ci = class_id_for_hints(dom, i);
                    if !ci.is_empty() {
                        let mut w = 0i16;
                        if NEGATIVE.is_match(&ci) {
                            w -= 25;
                        }
                        if POSITIVE.is_match(&ci) {
                            w += 25;
                        }
                        weight[i] = w;
                        if (is_block(tag) || matches!(tag, "figure"))
                            && !matches!(
                                tag,
                                "html" | "body" | "article" | "main" | "a" | "table" | "tbody" | "tr" | "td"
                            )
                            && UNLIKELY.is_match(&ci)
                            && !MAYBE.is_match(&ci)
                        {
                            bp[i] = true;
                            bp_self[i] = true;
                        }
                        if !is_block(tag) && is_image_caption(dom, &ci, blk[i] as usize) {
                            bp[i] = true;
                            bp_self[i] = true;
                        }
                    }
                    if matches!(tag, "header") {
                        // Page headers hold titles and bylines, sometimes the lead; weigh them down.
                        weight[i] -= 25;
                    }
                }
            }
        }
        let z = || vec![0u32; n];
        let mut a = Analysis {
            hard,
            bp,
            in_link,
            weight,
            blk,
            excluded: vec![false; n],
            chars: z(),
            link_chars: z(),
            commas: z(),
            own_chars: z(),
            own_commas: z(),
            p_cnt: z(),
            img_cnt: z(),
            input_cnt: z(),
            embed_cnt: z(),
            heading_chars: z(),
        };
        // A boilerplate-looking class on a block holding most of the page's text (an
        // "above-footer" wrapper around the article) is not trusted. A list is never such a
        // wrapper: a boilerplate-classed list holding most of the text is a gallery or a
        // teaser list that outweighs the article.
        a.set_mode(dom, false);
        let total = (0..n).find(|&i| dom.nodes[i].tag == "body").map_or(a.chars[0], |b| a.chars[b]);
        let mut changed = false;
        for i in 0..n {
            if bp_self[i]
                && a.chars[i] as f32 > 0.5 * total as f32
                && a.link_density(i) < 0.3
                && !matches!(dom.nodes[i].tag, "ul" | "ol" | "dl")
            {
                bp_self[i] = false;
                changed = true;
            }
        }
        if changed {
            for i in 1..n {
                a.bp[i] = a.bp[dom.nodes[i].parent as usize] || bp_self[i];
            }
        }
        a.set_mode(dom, true);
        a
    }

    /// Recomputes aggregates with or without boilerplate-class exclusion.
    pub fn set_mode(&mut self, dom: &Dom<'_>, strict: bool) {
        let n = dom.nodes.len();
        for i in 0..n {
            self.excluded[i] = self.hard[i] || (strict && self.bp[i]);
        }
        for v in [
            &mut self.chars,
            &mut self.link_chars,
            &mut self.commas,
            &mut self.own_chars,
            &mut self.own_commas,
            &mut self.p_cnt,
            &mut self.img_cnt,
            &mut self.input_cnt,
            &mut self.embed_cnt,
            &mut self.heading_chars,
        ] {
            v.iter_mut().for_each(|x| *x = 0);
        }
        // Own values first (text nodes, element counters).
        for i in 0..n {
            match dom.nodes[i].kind {
                Kind::Text(t) => {
                    let (c, k) = text_stats(t);
                    self.chars[i] = c;
                    self.commas[i] = k;
                    if self.in_link[i] {
                        self.link_chars[i] = c;
                    }
                    if !self.excluded[i] {
                        let b = self.blk[i] as usize;
                        self.own_chars[b] += c;
                        self.own_commas[b] += k;
                    }
                }
                Kind::Elem(e) => match dom.nodes[i].tag {
                    "p" => self.p_cnt[i] = 1,
                    "img" | "picture" => self.img_cnt[i] = 1,
                    "input" | "select" | "textarea" | "button" => self.input_cnt[i] = 1,
                    "embed" | "object" | "iframe" | "video" => {
                        let _ = e;
                        self.embed_cnt[i] = 1
                    }
                    _ => {}
                },
                Kind::Other => {}
            }
        }
        // Headings: own text counts as heading text.
        for i in 0..n {
            if matches!(dom.nodes[i].tag, "h1" | "h2" | "h3" | "h4" | "h5" | "h6") {
                self.heading_chars[i] = self.own_chars[i];
            }
        }
        for i in (1..n).rev() {
            if self.excluded[i] {
                continue;
            }
            let p = dom.nodes[i].parent as usize;
            self.chars[p] += self.chars[i];
            self.link_chars[p] += self.link_chars[i];
            self.commas[p] += self.commas[i];
            self.p_cnt[p] += self.p_cnt[i];
            self.img_cnt[p] += self.img_cnt[i];
            self.input_cnt[p] += self.input_cnt[i];
            self.embed_cnt[p] += self.embed_cnt[i];
            self.heading_chars[p] += self.heading_chars[i];
        }
    }

    fn link_density(&self, i: usize) -> f32 {
        if self.chars[i] == 0 { 0.0 } else { self.link_chars[i] as f32 / self.chars[i] as f32 }
    }
}

/// Rendering options.
pub struct Options<'t> {
    /// The article title: a heading repeating it is left out of the body.
    pub title: Option<&'t str>,
}

/// Short image-credit lines (`(Credit: ...)`, `Crédits photos : ...`, `Foto: ...`, `© ...`).
static CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^[(\[]?\s*(?:©|(?:photo|image|picture|credit|crédit|foto|bild|imagen|immagine)s?(?:\s+(?:credits?|photos?))?\s*(?::|©))")
        .expect("valid regex")
});

/// Short furniture lines kept inside article containers: social sign-offs ("Follow us on
/// ...", "Share this article"), reCAPTCHA notices, newsletter prompts.
static FURNITURE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:(?:follow|like|find|join)\s+(?:us|me)\s+on\b|follow\s+@|(?:share|tweet|email)\s+(?:this|on)\b|share\s+(?:this\s+)?(?:article|story|post)\b|click\s+here\s+to\s+(?:subscribe|follow|share)|sign\s+up\s+for\s+(?:our|the)\s+\w*\s*newsletter)|recaptcha|google\s+privacy\s+policy\s+and\s+terms\s+of\s+service\s+apply",
    )
    .expect("valid regex")
});

/// A short line announcing the next article ("Up next", "Read next:"): the article ends there.
static NEXT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:up\s+next|read\s+next|watch\s+next|coming\s+up\s+next|next\s+(?:article|story|up))\b")
        .expect("valid regex")
});

/// A short label introducing links to other articles ("Read more:", "Weiterlesen",
/// "Audios et vidéos sur le sujet", "Lea también"): in the latter half of a body the article
/// has ended there.
static RELATED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^\s*(?:read\s+more|more\s+on\s+this(?:\s+(?:story|topic))?|related(?:\s+(?:articles?|stories|coverage|content|news))?|you\s+(?:may|might)\s+also\s+like|weiterlesen|mehr\s+zum\s+thema|lesen\s+sie\s+auch|das\s+könnte\s+sie\s+(?:auch\s+)?interessieren|(?:à\s+)?lire\s+aussi|sur\s+le\s+même\s+sujet|(?:audios\s+et\s+)?vidéos\s+sur\s+le\s+sujet|articles\s+(?:liés|associés|similaires)|leia\s+(?:também|mais)|veja\s+também|saiba\s+mais|le[ae]\s+también|te\s+puede\s+interesar|(?:noticias|artículos)\s+relacionad[oa]s|leggi\s+anche|potrebbe\s+interessarti)\s*[:.…]*\s*$",
    )
    .expect("valid regex")
});

/// A reader appeal closing an article (asking for support, donations or subscriptions
/// because there is no paywall): the article has ended before it.
static APPEAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:paywall|bezahlschranke|unterstütze\s+uns|unterstützen\s+sie\s+uns|brauchen\s+wir\s+(?:deine|ihre)\s+unterstützung|support\s+(?:us|our\s+(?:journalism|work|reporting))|please\s+(?:consider\s+)?(?:donate|donating|subscribe|subscribing)|become\s+a\s+(?:member|supporter|patron)|soutenez[- ]nous|apóyanos|apoie\s+o)\b",
    )
    .expect("valid regex")
});

/// An editorial disclaimer: the piece is the author's opinion and not the editors' (or a
/// reader's community post), in the languages of the corpus.
static DISCLAIMER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:views\s+(?:and\s+opinions\s+)?expressed\s+(?:\w+\s+){0,6}(?:are|is)\s+(?:solely\s+)?(?:those|that)\s+of\s+the\s+(?:author|writer)|does\s+not\s+(?:necessarily\s+)?reflect\s+the\s+(?:views?|opinions?|position)\s+of\s+(?:the\s+)?(?:editors|editorial|publisher)|gibt\s+(?:\w+\s+){0,2}(?:die\s+)?meinung\s+de[rs]\s+autor|nicht\s+(?:notwendigerweise|unbedingt|zwingend)\s+(?:die\s+)?(?:meinung\s+)?der\s+redaktion|(?:blog|beitrag|text)\s+aus\s+der\s+\S*community|n['’]engagen?t?\s+que\s+(?:son|leurs?)\s+auteur|refl[eè]tent?\s+(?:uniquement\s+|seulement\s+)?(?:l['’]opinion|le\s+point\s+de\s+vue)\s+de\s+(?:son|leurs?)\s+auteur|no\s+(?:necesariamente\s+)?refleja[n]?\s+(?:la\s+)?(?:opinión|postura|línea\s+editorial)\s+de|responsabilidad\s+exclusiva\s+de\s+(?:su|sus|los)\s+autor|não\s+(?:necessariamente\s+)?reflete[m]?\s+a\s+opinião\s+d|(?:inteira|exclusiva)\s+responsabilidade\s+d[oa]s?\s+autor)",
    )
    .expect("valid regex")
});

/// A line that only labels an ad slot ("Advertisement", "Anzeige", "Publicidad", "Story
/// continues below advertisement").
static AD_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^[\s\-–—·|:]*(?:advertisements?|advertising|ads?|anzeige|werbung|publicité|publicidad|pubblicità|publicidade|reklame|sponsored|(?:story|article)\s+continues\s+below(?:\s+this)?\s+(?:advertisement|ad))[\s\-–—·|:]*$",
    )
    .expect("valid regex")
});

/// Cuts the body at the first paragraph `ends` marks in its latter half (by characters).
fn cut_tail(paras: &mut Vec<String>, ends: impl Fn(&str) -> bool) {
    let total: usize = paras.iter().map(String::len).sum();
    let mut before = 0;
    for k in 0..paras.len() {
        if k > 0 && before * 2 >= total && ends(&paras[k]) {
            paras.truncate(k);
            return;
        }
        before += paras[k].len();
    }
}

/// Paragraph-level clean-up: image credits, bare link lines and furniture lines are not
/// article text.
fn keep_paragraph(p: &str) -> bool {
    let len = p.chars().count();
    if len < 100 && (p.contains("http://") || p.contains("https://")) && p.split_whitespace().count() <= 4 {
        return false;
    }
    let credit = len < 120 && CREDIT.is_match(p);
    let furniture = len < 200 && FURNITURE.is_match(p);
    let disclaimer = len < 250 && DISCLAIMER.is_match(p);
    let ad = len < 60 && AD_LABEL.is_match(p);
    !(credit || furniture || disclaimer || ad)
}

/// Finds the main content and renders it as paragraphs.
pub fn extract_content(dom: &Dom<'_>, opts: &Options<'_>) -> Vec<String> {
    let mut paras = extract_paragraphs(dom, opts);
    if let Some(k) = paras.iter().skip(1).position(|p| p.split_whitespace().count() <= 8 && NEXT.is_match(p)) {
        paras.truncate(k + 1);
    }
    cut_tail(&mut paras, |p| p.split_whitespace().count() <= 6 && RELATED.is_match(p));
    cut_tail(&mut paras, |p| p.len() <= 800 && APPEAL.is_match(p));
    paras.retain(|p| keep_paragraph(p));
    paras
}

fn extract_paragraphs(dom: &Dom<'_>, opts: &Options<'_>) -> Vec<String> {
    if dom.nodes.is_empty() {
        return Vec::new();
    }
    let mut a = Analysis::new(dom);
    let strict = render_best(dom, &a, opts);
    let strict_len: usize = strict.iter().map(|p| p.chars().count()).sum();
    if strict_len >= 500 {
        return strict;
    }
    a.set_mode(dom, false);
    let lenient = render_best(dom, &a, opts);
    let lenient_len: usize = lenient.iter().map(|p| p.chars().count()).sum();
    if lenient_len > strict_len * 2 + 100 { lenient } else { strict }
}

/// A description of the decisions for one page (for debugging extraction; not used in output).
pub fn explain(html: &str) -> String {
    let parsed = scraper::Html::parse_document(html);
    let dom = Dom::new(&parsed);
    let a = Analysis::new(&dom);
    let mut out = String::new();
    let total =
        dom.nodes.iter().enumerate().filter(|(_, n)| n.tag == "body").map(|(i, _)| a.chars[i]).next().unwrap_or(0);
    out.push_str(&format!("body chars (strict) {total}\n"));
    for i in 0..dom.nodes.len() {
        if a.bp[i] && !a.bp[dom.nodes[i].parent as usize] || a.hard[i] && !a.hard[dom.nodes[i].parent as usize] {
            let len = dom.text_of(i).chars().count();
            if len > 200 {
                out.push_str(&format!(
                    "excluded {} {} bp={} hard={} text={len}\n",
                    dom.nodes[i].tag,
                    class_id(&dom, i),
                    a.bp[i],
                    a.hard[i]
                ));
            }
        }
    }
    let mut cands = Vec::new();
    render_scores(&dom, &a, &mut cands);
    for (i, sc) in cands.iter().take(8) {
        out.push_str(&format!(
            "cand {} {} score {sc:.1} chars {} ld {:.2}\n",
            dom.nodes[*i].tag,
            class_id(&dom, *i),
            a.chars[*i],
            a.link_density(*i)
        ));
    }
    let paras = extract_content(&dom, &Options { title: None });
    out.push_str(&format!(
        "output: {} paragraphs, {} chars\n",
        paras.len(),
        paras.iter().map(|p| p.len()).sum::<usize>()
    ));
    out
}

fn render_scores(dom: &Dom<'_>, a: &Analysis, out: &mut Vec<(usize, f32)>) {
    let n = dom.nodes.len();
    let mut score = vec![f32::NAN; n];
    score_candidates(dom, a, &mut score);
    for (i, s) in score.iter().enumerate() {
        if !s.is_nan() {
            out.push((i, *s));
        }
    }
    out.sort_by(|x, y| y.1.total_cmp(&x.1));
}

fn render_best(dom: &Dom<'_>, a: &Analysis, opts: &Options<'_>) -> Vec<String> {
    let n = dom.nodes.len();
    let mut score = vec![f32::NAN; n];
    let best = score_candidates(dom, a, &mut score);
    render_from(dom, a, opts, score, best)
}

fn score_candidates(dom: &Dom<'_>, a: &Analysis, score: &mut [f32]) -> Option<usize> {
    let n = dom.nodes.len();
    let init = |i: usize, score: &mut [f32]| {
        if score[i].is_nan() {
            let base = match dom.nodes[i].tag {
                "div" | "article" | "main" | "section" => 5.0,
                "pre" | "td" | "blockquote" => 3.0,
                "address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" => -3.0,
                "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" => -5.0,
                _ => 0.0,
            };
            let itemprop_bonus = match dom.attr(i, "itemprop") {
                Some(v) if v.contains("articleBody") => 30.0,
                _ => 0.0,
            };
            score[i] = base + a.weight[i] as f32 + itemprop_bonus;
        }
    };
    for i in 0..n {
        if a.excluded[i] || a.own_chars[i] < 25 {
            continue;
        }
        let tag = dom.nodes[i].tag;
        if matches!(tag, "" | "html" | "body" | "h1") {
            continue;
        }
        let cs = 1.0 + a.own_commas[i] as f32 + (a.own_chars[i] as f32 / 100.0).floor().min(3.0);
        let mut anc = dom.nodes[i].parent as usize;
        // A block with its own text is itself a candidate for the container score.
        let mut level = 0;
        while level < 5 && anc != 0 {
            if !matches!(dom.nodes[anc].kind, Kind::Elem(_)) || dom.nodes[anc].tag == "html" {
                break;
            }
            init(anc, score);
            let div = match level {
                0 => 1.0,
                1 => 2.0,
                l => l as f32 * 3.0,
            };
            score[anc] += cs / div;
            anc = dom.nodes[anc].parent as usize;
            level += 1;
        }
    }
    // Final scores with link density.
    let mut best: Option<usize> = None;
    for i in 0..n {
        if score[i].is_nan() {
            continue;
        }
        score[i] *= 1.0 - a.link_density(i);
        if best.is_none_or(|b| score[i] > score[b]) {
            best = Some(i);
        }
    }
    best
}

fn render_from(
    dom: &Dom<'_>,
    a: &Analysis,
    opts: &Options<'_>,
    mut score: Vec<f32>,
    best: Option<usize>,
) -> Vec<String> {
    let n = dom.nodes.len();
    let body = (0..n).find(|&i| dom.nodes[i].tag == "body").unwrap_or(0);
    let Some(mut top) = best else {
        return render(dom, a, &[body], &score, opts);
    };
    let best_block = top;
    // Several strong candidates under one ancestor (an article split into sections): use it.
    {
        let mut others: Vec<usize> =
            (0..n).filter(|&i| i != top && !score[i].is_nan() && score[i] >= score[top] * 0.75).collect();
        others.sort_by(|&x, &y| score[y].total_cmp(&score[x]));
        others.truncate(4);
        if others.len() >= 2 {
            let mut anc = dom.nodes[top].parent as usize;
            while anc != 0 && !matches!(dom.nodes[anc].tag, "body" | "html") {
                let end = dom.nodes[anc].end as usize;
                let inside = others
                    .iter()
                    .filter(|&&o| {
                        let o_end = dom.nodes[o].end as usize;
                        o > anc && o < end && !(o > top && o < dom.nodes[top].end as usize) && !(o < top && o_end > top)
                    })
                    .count();
                if inside >= 2 {
                    if score[anc].is_nan() {
                        score[anc] = score[top];
                    }
                    top = anc;
                    break;
                }
                anc = dom.nodes[anc].parent as usize;
            }
        }
    }
    // Climb while the parent scores comparably (content split across sibling blocks).
    let mut last = score[top];
    let threshold = last / 3.0;
    let mut p = dom.nodes[top].parent as usize;
    while p != 0 && dom.nodes[p].tag != "body" && dom.nodes[p].tag != "html" {
        if score[p].is_nan() {
            p = dom.nodes[p].parent as usize;
            continue;
        }
        if score[p] < threshold {
            break;
        }
        if score[p] > last {
            top = p;
            break;
        }
        last = score[p];
        p = dom.nodes[p].parent as usize;
    }
    // An only child: use the parent.
    loop {
        let p = dom.nodes[top].parent as usize;
        if p == 0 || matches!(dom.nodes[p].tag, "body" | "html") {
            break;
        }
        let elems = dom.children(p).filter(|&c| matches!(dom.nodes[c].kind, Kind::Elem(_)) && !a.excluded[c]).count();
        if elems != 1 {
            break;
        }
        if !score[p].is_nan() {
            score[p] = score[p].max(score[top]);
        }
        top = p;
    }
    // Siblings.
    let top_score = score[top];
    let sib_threshold = (top_score * 0.2).max(10.0);
    let parent = dom.nodes[top].parent as usize;
    let mut chosen = Vec::new();
    if parent == 0 || matches!(dom.nodes[parent].tag, "html") {
        chosen.push(top);
    } else {
        let top_class = dom.attr(top, "class").unwrap_or("");
        for s in dom.children(parent) {
            if s == top {
                chosen.push(s);
                continue;
            }
            if a.excluded[s] || !matches!(dom.nodes[s].kind, Kind::Elem(_)) {
                continue;
            }
            let mut bonus = 0.0;
            if !top_class.is_empty() && dom.attr(s, "class") == Some(top_class) {
                bonus = top_score * 0.2;
            }
            let sc = score[s];
            if !sc.is_nan() && sc + bonus >= sib_threshold {
                chosen.push(s);
                continue;
            }
            if dom.nodes[s].tag == "p" {
                let ld = a.link_density(s);
                let len = a.chars[s];
                if len > 80 && ld < 0.25 {
                    chosen.push(s);
                } else if len > 0 && len <= 80 && ld == 0.0 {
                    let t = dom.text_of(s);
                    if t.ends_with('.') || t.contains(". ") {
                        chosen.push(s);
                    }
                }
            }
        }
    }
    add_split_parts(dom, a, best_block, &mut chosen);
    add_lead(dom, a, &mut chosen);
    render(dom, a, &chosen, &score, opts)
}

/// An article body split into several blocks of one kind that lie apart in the page (the
/// first paragraphs in one `<div class="story-text">`, the rest in another after an ad row):
/// the other blocks with the best block's tag and class, holding text rather than links,
/// are part of the article too.
fn add_split_parts(dom: &Dom<'_>, a: &Analysis, best: usize, chosen: &mut Vec<usize>) {
    let Some(class) = dom.attr(best, "class").map(str::trim).filter(|c| !c.is_empty()) else { return };
    let tag = dom.nodes[best].tag;
    let end = |i: usize| dom.nodes[i].end as usize;
    let overlaps = |i: usize| chosen.iter().any(|&c| (i >= c && i < end(c)) || (c > i && c < end(i)));
    let parts: Vec<usize> = (0..dom.nodes.len())
        .filter(|&i| {
            i != best
                && dom.nodes[i].tag == tag
                && dom.attr(i, "class").map(str::trim) == Some(class)
                && a.chars[i] >= 200
                && a.link_density(i) < 0.25
                && !overlaps(i)
                && !under_excluded(dom, a, i)
        })
        .collect();
    if parts.is_empty() || parts.len() > 6 {
        return;
    }
    chosen.extend(parts);
    chosen.sort_unstable();
}

/// Whether node `i` or one of its ancestors is left out of the content.
fn under_excluded(dom: &Dom<'_>, a: &Analysis, mut i: usize) -> bool {
    loop {
        if a.excluded[i] {
            return true;
        }
        if i == 0 {
            return false;
        }
        i = dom.nodes[i].parent as usize;
    }
}

static LEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"lead|intro|teaser|summary|standfirst|abstract|chapo|excerpt|deck|hook|subtitle|sapo|bajada|summary|description|kicker|subline|descr")
        .expect("valid regex")
});

/// A lead paragraph between the headline (`<h1>`) and the chosen content is part of the
/// article even when the page puts it in the header block.
fn add_lead(dom: &Dom<'_>, a: &Analysis, chosen: &mut Vec<usize>) {
    let Some(&first) = chosen.first() else { return };
    let Some(h1) = (0..first).rev().find(|&i| dom.nodes[i].tag == "h1" && !a.excluded[i]) else { return };
    if dom.nodes[h1].end as usize > first {
        return;
    }
    let mut leads = Vec::new();
    let mut i = dom.nodes[h1].end as usize;
    while i < first && leads.len() < 2 {
        let node = &dom.nodes[i];
        if a.excluded[i] || dom.nodes[i].end as usize > first {
            if a.excluded[i] {
                i = node.end as usize;
            } else {
                i += 1;
            }
            continue;
        }
        if matches!(node.kind, Kind::Elem(_)) && matches!(node.tag, "p" | "div" | "h2" | "section") {
            let own = a.own_chars[i];
            let leaf = own * 10 >= a.chars[i] * 9;
            let classy = LEAD.is_match(&class_id(dom, i));
            // A lead-classed wrapper may hold its one paragraph in an unclassed inner block.
            let wrapped_lead = classy
                && !leaf
                && (60..=1500).contains(&a.chars[i])
                && a.heading_chars[i] == 0
                && a.p_cnt[i] <= 1
                && dom.children(i).filter(|&c| !a.excluded[c] && a.chars[c] > 0).count() == 1;
            if (leaf && own >= 60 || wrapped_lead)
                && a.link_density(i) < 0.3
                && (classy || (node.tag == "p" && own >= 100))
            {
                leads.push(i);
                i = node.end as usize;
                continue;
            }
        }
        i += 1;
    }
    if !leads.is_empty() {
        leads.extend(chosen.iter().copied());
        *chosen = leads;
    }
}

/// Conditional cleaning of a container inside the content (Readability's rules, simplified).
fn drop_container(dom: &Dom<'_>, a: &Analysis, score: &[f32], i: usize) -> bool {
    let tag = dom.nodes[i].tag;
    let weight = a.weight[i] as f32;
    let sc = if score[i].is_nan() { 0.0 } else { score[i] };
    let chars = a.chars[i];
    let ld = a.link_density(i);
    if matches!(tag, "ul" | "ol" | "dl") {
        return ld > 0.5 || weight < 0.0 && ld > 0.2;
    }
    if !matches!(tag, "div" | "section" | "table" | "form" | "header" | "fieldset" | "figure" | "center" | "span") {
        // Small link-dominated blocks (a "Read more: ..." line).
        if matches!(tag, "p" | "li" | "h2" | "h3" | "h4" | "h5" | "h6" | "blockquote") {
            return chars > 0 && chars < 200 && ld > 0.6;
        }
        return false;
    }
    if weight + sc < 0.0 && (chars < 500 || ld > 0.2) {
        return true;
    }
    if a.commas[i] >= 10 {
        return false;
    }
    let p = a.p_cnt[i] as f32;
    let img = a.img_cnt[i] as f32;
    let input = a.input_cnt[i] as f32;
    let embed = a.embed_cnt[i];
    let heading_density = if chars == 0 { 0.0 } else { a.heading_chars[i] as f32 / chars as f32 };
    (img > 1.0 && p / img < 0.5 && tag != "figure")
        || input > (p / 3.0).floor()
        || (heading_density < 0.9 && chars < 25 && (img == 0.0 || img > 2.0) && ld > 0.0)
        || (weight < 25.0 && ld > 0.33 && chars < 2000 && p < 3.0)
        || (weight >= 25.0 && ld > 0.5)
        || (embed == 1 && chars < 75)
        || embed > 1
}

/// The blocks under `root` that are left out (indexed from `root`): the containers
/// [`drop_container`] rejects, and a container left with nothing but its heading after those
/// drops (a "Discover more" label over a dropped list of links). One reverse sweep counting
/// the text each block keeps.
fn dropped_blocks(dom: &Dom<'_>, a: &Analysis, score: &[f32], root: usize) -> Vec<bool> {
    let end = dom.nodes[root].end as usize;
    let len = end - root;
    let mut dropped = vec![false; len];
    // Kept text, kept heading text and dropped text, per node.
    let mut kept = vec![0u32; len];
    let mut head = vec![0u32; len];
    let mut lost = vec![0u32; len];
    for i in (root..end).rev() {
        let k = i - root;
        let tag = dom.nodes[i].tag;
        match dom.nodes[i].kind {
            // Text of boilerplate-classed blocks counts as dropped (scripts and hidden text do not).
            Kind::Text(_) if a.excluded[i] => lost[k] = if a.hard[i] { 0 } else { a.chars[i] },
            _ if a.excluded[i] => {}
            Kind::Text(_) => kept[k] = a.chars[i],
            Kind::Elem(_) if i != root => {
                if drop_container(dom, a, score, i) {
                    dropped[k] = true;
                    lost[k] = a.chars[i];
                    kept[k] = 0;
                    head[k] = 0;
                } else if matches!(tag, "h1" | "h2" | "h3" | "h4" | "h5" | "h6") {
                    head[k] = kept[k];
                } else if matches!(tag, "div" | "section" | "header" | "li")
                    && head[k] > 0
                    && kept[k] == head[k]
                    && lost[k] >= 3 * head[k]
                {
                    dropped[k] = true;
                    lost[k] += kept[k];
                    kept[k] = 0;
                    head[k] = 0;
                }
            }
            _ => {}
        }
        if i > root {
            let p = dom.nodes[i].parent as usize - root;
            kept[p] += kept[k];
            head[p] += head[k];
            lost[p] += lost[k];
        }
    }
    dropped
}

fn norm_ws_lower(s: &str) -> String {
    let mut o = String::new();
    push_collapsed(&mut o, s);
    o.trim().to_lowercase()
}

/// Renders the chosen subtrees into paragraphs.
fn render(dom: &Dom<'_>, a: &Analysis, roots: &[usize], score: &[f32], opts: &Options<'_>) -> Vec<String> {
    let title_norm = opts.title.map(norm_ws_lower);
    let mut out: Vec<String> = Vec::new();
    let mut cur = String::new();
    let flush = |cur: &mut String, out: &mut Vec<String>| {
        let mut para = String::new();
        for line in cur.split('\n') {
            let l = line.trim();
            if !l.is_empty() {
                if !para.is_empty() {
                    para.push('\n');
                }
                para.push_str(l);
            }
        }
        if !para.is_empty() {
            out.push(para);
        }
        cur.clear();
    };
    for &root in roots {
        let end = dom.nodes[root].end as usize;
        let dropped = dropped_blocks(dom, a, score, root);
        let mut block_ends: Vec<usize> = Vec::new();
        let mut pre_end = 0usize;
        let mut i = root;
        let mut last_br = false;
        while i < end {
            while block_ends.last().is_some_and(|&e| e <= i) {
                block_ends.pop();
                flush(&mut cur, &mut out);
            }
            let node = &dom.nodes[i];
            if a.excluded[i] {
                i = node.end as usize;
                continue;
            }
            match node.kind {
                Kind::Text(t) => {
                    if i < pre_end {
                        cur.push_str(&t.replace('\t', " "));
                    } else {
                        push_collapsed(&mut cur, t);
                    }
                    if !t.trim().is_empty() {
                        last_br = false;
                    }
                    i += 1;
                }
                Kind::Elem(_) => {
                    let tag = node.tag;
                    if dropped[i - root] {
                        i = node.end as usize;
                        continue;
                    }
                    if matches!(tag, "h1" | "h2")
                        && let Some(tn) = &title_norm
                    {
                        let h = norm_ws_lower(&dom.text_of(i));
                        if !h.is_empty() && (h == *tn || (tn.contains(&h) && h.len() * 2 > tn.len())) {
                            i = node.end as usize;
                            continue;
                        }
                    }
                    if tag == "br" {
                        if last_br {
                            flush(&mut cur, &mut out);
                        } else {
                            cur.push('\n');
                        }
                        last_br = true;
                    } else if is_block(tag) || matches!(tag, "td" | "th") {
                        if matches!(tag, "td" | "th") {
                            if !cur.ends_with([' ', '\n']) && !cur.is_empty() {
                                cur.push(' ');
                            }
                        } else {
                            flush(&mut cur, &mut out);
                            block_ends.push(node.end as usize);
                            last_br = false;
                        }
                        if tag == "pre" {
                            pre_end = node.end as usize;
                        }
                    }
                    i += 1;
                }
                Kind::Other => i += 1,
            }
        }
        flush(&mut cur, &mut out);
    }
    out
}
