//! Human-readable renderings of an [`AnalysisOutput`]: terminal text and Markdown.
//! (HTML lives in `parallax-server`, JSON is serde.)
//!
//! Both follow the story page: sources, summary, contradictions, timeline, quotes, agreements,
//! single-source details, copied passages, entities. Sources are cited by outlet (else the site
//! of their URL, else "unknown outlet" with the file name in a footnote), never by file name.
//! No sentence is printed twice: agreements and details already given in the summary are left
//! out. Reported speech (`indirect` quotes) is shown without quotation marks.
//!
//! The text report is wrapped to [`Options::width`] and, unless [`Options::full`], kept short:
//! quote groups carried by one outlet only are summarised in one line and long lists are cut,
//! each cut saying how much more `--full` shows.

use std::collections::{BTreeMap, BTreeSet};

use parallax_core::report::{AnalysisOutput, QuoteGroup, StoryReport};
use parallax_core::text::{fold, plural};

/// Output style.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// Plain terminal text.
    Text,
    /// Markdown.
    Markdown,
}

/// How to lay the report out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// Wrap text lines to this many columns (Markdown is not wrapped).
    pub width: usize,
    /// ANSI colour (text only).
    pub color: bool,
    /// Print every item instead of the short report.
    pub full: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options { width: 100, color: false, full: false }
    }
}

/// Items shown per list in the short report.
const SHORT_LIST: usize = 4;
/// Characters of a copied passage shown in the short report.
const SHORT_PASSAGE: usize = 100;
/// Names per entity kind in the short report.
const SHORT_NAMES: usize = 10;

/// Renders the whole output with default options (Markdown: everything).
pub fn render(out: &AnalysisOutput, style: Style) -> String {
    render_with(out, style, &Options { full: style == Style::Markdown, ..Options::default() })
}

/// Renders the whole output.
pub fn render_with(out: &AnalysisOutput, style: Style, opts: &Options) -> String {
    let mut doc = Doc::default();
    for story in &out.stories {
        story_blocks(&mut doc, story, opts.full);
    }
    if !out.skipped.is_empty() {
        doc.heading(2, format!("Skipped inputs ({})", out.skipped.len()));
        for sk in &out.skipped {
            doc.item(0, format!("{}: {}", sk.path, sk.reason));
        }
    }
    doc.emit(style, opts)
}

/// How a report cites one source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceLabel {
    /// Outlet, else site of the URL, else "unknown outlet" (numbered when repeated).
    pub label: String,
    /// Whether the label names no outlet or site (the file name then goes in a footnote).
    pub unknown: bool,
}

/// The site of an http(s) URL: its host without `www.` and port.
pub fn site_of(url: &str) -> Option<String> {
    let u = url.trim();
    let rest = u.strip_prefix("https://").or_else(|| u.strip_prefix("http://"))?;
    let host = rest.split(['/', '?', '#']).next()?.rsplit('@').next()?.split(':').next()?;
    let host = host.strip_prefix("www.").unwrap_or(host).to_ascii_lowercase();
    (host.contains('.') && !host.is_empty()).then_some(host)
}

/// Labels for every source of a report (keyed by source file name). Repeated labels are
/// numbered ("Reuters #1", "Reuters #2") so each source stays distinguishable.
pub fn source_labels(r: &StoryReport) -> BTreeMap<String, SourceLabel> {
    let base: Vec<(&String, String, bool)> = r
        .articles
        .iter()
        .map(|(src, a)| {
            let named = a.outlet.as_deref().map(str::trim).filter(|o| !o.is_empty()).map(String::from);
            match named.or_else(|| a.url.as_deref().and_then(site_of)) {
                Some(l) => (src, l, false),
                None => (src, "unknown outlet".to_string(), true),
            }
        })
        .collect();
    let mut total: BTreeMap<String, usize> = BTreeMap::new();
    for (_, l, _) in &base {
        *total.entry(l.to_lowercase()).or_default() += 1;
    }
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    base.into_iter()
        .map(|(src, l, unknown)| {
            let key = l.to_lowercase();
            let k = seen.entry(key.clone()).or_default();
            *k += 1;
            let label = if total[&key] > 1 { format!("{l} #{k}") } else { l };
            (src.clone(), SourceLabel { label, unknown })
        })
        .collect()
}

/// One line-level element of a report.
#[derive(Debug, Clone)]
enum Block {
    Heading(usize, String),
    /// A bullet at an indent level.
    Item(usize, String),
    /// A bullet shown as a warning.
    Warn(usize, String),
    /// A plain paragraph line.
    Para(String),
}

#[derive(Debug, Default)]
struct Doc {
    blocks: Vec<Block>,
}

impl Doc {
    fn heading(&mut self, level: usize, t: String) {
        self.blocks.push(Block::Heading(level, t));
    }
    fn item(&mut self, indent: usize, t: String) {
        self.blocks.push(Block::Item(indent, t));
    }
    fn warn(&mut self, indent: usize, t: String) {
        self.blocks.push(Block::Warn(indent, t));
    }
    fn para(&mut self, t: String) {
        self.blocks.push(Block::Para(t));
    }

    fn emit(&self, style: Style, opts: &Options) -> String {
        let mut out = String::new();
        for (i, b) in self.blocks.iter().enumerate() {
            if let Block::Heading(level, _) = b
                && i > 0
            {
                out.push('\n');
                if *level == 1 {
                    out.push('\n');
                }
            }
            match style {
                Style::Markdown => emit_md(&mut out, b),
                Style::Text => emit_text(&mut out, b, opts),
            }
        }
        out
    }
}

fn emit_md(out: &mut String, b: &Block) {
    let line = match b {
        Block::Heading(l, t) => format!("{} {}\n", "#".repeat(*l), md(t)),
        Block::Item(n, t) => format!("{}- {}", "  ".repeat(*n), md(t)),
        Block::Warn(n, t) => format!("{}- ⚠ {}", "  ".repeat(*n), md(t)),
        Block::Para(t) => format!("{}\n", md(t)),
    };
    out.push_str(&line);
    out.push('\n');
}

fn emit_text(out: &mut String, b: &Block, o: &Options) {
    let paint = |code: &str, s: String| if o.color { format!("\x1b[{code}m{s}\x1b[0m") } else { s };
    match b {
        Block::Heading(level, t) => {
            let t = if *level == 1 { t.clone() } else { t.to_uppercase() };
            for l in wrap(&t, o.width, "", "") {
                out.push_str(&paint("1", l));
                out.push('\n');
            }
            if *level == 1 {
                out.push_str(&"=".repeat(t.chars().count().min(o.width)));
                out.push('\n');
            }
        }
        Block::Item(n, t) | Block::Warn(n, t) => {
            let pad = "  ".repeat(*n);
            let lines = wrap(t, o.width, &format!("{pad}- "), &format!("{pad}  "));
            for l in lines {
                out.push_str(&if matches!(b, Block::Warn(..)) { paint("31", l) } else { l });
                out.push('\n');
            }
        }
        Block::Para(t) => {
            for l in wrap(t, o.width, "", "") {
                out.push_str(&l);
                out.push('\n');
            }
        }
    }
}

/// Greedy word wrap: the first line starts with `first`, the others with `rest`. A word
/// longer than the width is cut. Width is counted in bytes, which is never less than the
/// characters shown, so a line fits the width however its reader counts (characters,
/// columns or bytes).
fn wrap(text: &str, width: usize, first: &str, rest: &str) -> Vec<String> {
    let width = width.max(20);
    let mut lines = Vec::new();
    let mut line = first.to_string();
    let mut empty = true;
    for word in text.split_whitespace() {
        let mut word = word;
        loop {
            let need = if empty { word.len() } else { word.len() + 1 };
            if line.len() + need <= width {
                if !empty {
                    line.push(' ');
                }
                line.push_str(word);
                empty = false;
                break;
            }
            if empty {
                // Cut an over-long word at a character boundary.
                let room = width.saturating_sub(line.len());
                let cut =
                    word.char_indices().map(|(i, c)| i + c.len_utf8()).take_while(|&e| e <= room).last().unwrap_or(0);
                let cut = if cut == 0 { word.chars().next().map_or(0, char::len_utf8) } else { cut };
                line.push_str(&word[..cut]);
                word = &word[cut..];
            }
            lines.push(std::mem::replace(&mut line, rest.to_string()));
            empty = true;
            if word.is_empty() {
                break;
            }
        }
    }
    if !empty || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// Escapes Markdown-significant characters.
fn md(text: &str) -> String {
    let mut o = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|') {
            o.push('\\');
        }
        o.push(c);
    }
    o
}

/// Cuts `s` to `max` characters at a word end, with an ellipsis.
fn clip(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let head: String = s.chars().take(max).collect();
    let cut = head.rfind(' ').filter(|&i| i > max / 2).unwrap_or(head.len());
    format!("{}…", head[..cut].trim_end())
}

/// A sentence's words, lower-cased, without punctuation (for "printed already?").
fn key(s: &str) -> String {
    fold(s).to_lowercase().split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")
}

/// Context of one story's rendering: labels and what has been printed.
struct Ctx<'a> {
    labels: BTreeMap<String, SourceLabel>,
    printed: BTreeSet<String>,
    full: bool,
    report: &'a StoryReport,
}

impl Ctx<'_> {
    fn label(&self, src: &str) -> String {
        self.labels.get(src).map(|l| l.label.clone()).unwrap_or_else(|| "unknown outlet".into())
    }
    /// "(BBC, Reuters)": the sources' labels, unique, in order.
    fn cite(&self, srcs: &[String]) -> String {
        let mut seen = BTreeSet::new();
        let names: Vec<String> = srcs.iter().map(|s| self.label(s)).filter(|l| seen.insert(l.clone())).collect();
        format!("({})", names.join(", "))
    }
    /// Whether a sentence is new (neither it nor a quote it contains or is part of has been
    /// printed); records it.
    fn fresh(&mut self, sentence: &str) -> bool {
        let k = key(sentence);
        let seen = self.printed.iter().any(|p| *p == k || (p.len() >= 30 && k.contains(p.as_str())) || p.contains(&k));
        self.printed.insert(k);
        !seen
    }
    /// How many of `n` items to show.
    fn shown(&self, n: usize) -> usize {
        if self.full { n } else { n.min(SHORT_LIST) }
    }
}

/// "… 3 more events (--full shows all)"; `many` is the plural of `one`.
fn more(doc: &mut Doc, hidden: usize, one: &str, many: &str) {
    if hidden > 0 {
        doc.item(0, format!("… {hidden} more {} (--full shows all)", if hidden == 1 { one } else { many }));
    }
}

fn story_blocks(doc: &mut Doc, r: &StoryReport, full: bool) {
    let mut c = Ctx { labels: source_labels(r), printed: BTreeSet::new(), full, report: r };
    doc.heading(1, format!("Story: {}", r.story.headline));
    let outlets: BTreeSet<&str> = c.labels.values().filter(|l| !l.unknown).map(|l| l.label.as_str()).collect();
    doc.para(format!(
        "{} · {} · {} named",
        r.story.date.as_deref().unwrap_or("date unknown"),
        plural(r.story.article_count.max(r.articles.len()), "report"),
        plural(outlets.len(), "outlet")
    ));
    sources(doc, &c);
    summary(doc, &mut c);
    contradictions(doc, &c);
    timeline(doc, &mut c);
    quotes(doc, &mut c);
    agreements(doc, &mut c);
    single_source(doc, &mut c);
    reuse(doc, &c);
    entities(doc, &c);
}

fn sources(doc: &mut Doc, c: &Ctx<'_>) {
    doc.heading(2, "Sources".into());
    let mut notes = Vec::new();
    for (src, a) in &c.report.articles {
        let l = &c.labels[src];
        let mut parts = Vec::new();
        if let Some(p) = &a.published {
            parts.push(if a.published_evidence.is_some() { format!("{p} (inferred)") } else { p.clone() });
        }
        if let Some(w) = a.wire_agency.as_deref().filter(|w| Some(*w) != a.outlet.as_deref()) {
            parts.push(format!("wire: {w}"));
        }
        if let Some(b) = &a.byline {
            parts.push(format!("by {b}"));
        }
        if let Some(cp) = &a.copy_of {
            parts.push(format!("copy of {}", c.label(cp)));
        }
        if let Some(t) = &a.title {
            parts.push(t.clone());
        }
        let mark = if l.unknown {
            notes.push(src.clone());
            format!(" [{}]", notes.len())
        } else {
            String::new()
        };
        doc.item(0, format!("{}{mark}: {}", l.label, parts.join(" · ")));
    }
    for (i, f) in notes.iter().enumerate() {
        doc.para(format!("[{}] file {f}", i + 1));
    }
}

fn summary(doc: &mut Doc, c: &mut Ctx<'_>) {
    if c.report.summary.is_empty() {
        return;
    }
    doc.heading(2, "Summary".into());
    for s in &c.report.summary {
        c.fresh(&s.sentence);
        doc.item(0, format!("{} {}", s.sentence, c.cite(&s.sources)));
    }
}

fn contradictions(doc: &mut Doc, c: &Ctx<'_>) {
    if c.report.contradictions.is_empty() {
        return;
    }
    doc.heading(2, format!("Contradictions ({})", c.report.contradictions.len()));
    for x in &c.report.contradictions {
        doc.warn(0, format!("{} ({})", x.about, x.kind));
        for cl in &x.claims {
            let mut line = format!("{}: “{}”", c.label(&cl.source), cl.says);
            if let Some(v) = &cl.resolves_to {
                line.push_str(&format!(" → {v}"));
            }
            if let Some(e) = &cl.error {
                line.push_str(&format!(" ⚠ {e}"));
            }
            doc.item(1, line);
        }
    }
}

fn timeline(doc: &mut Doc, c: &mut Ctx<'_>) {
    if c.report.timeline.is_empty() {
        return;
    }
    doc.heading(2, "Timeline".into());
    let n = c.shown(c.report.timeline.len());
    for t in &c.report.timeline[..n] {
        c.fresh(&t.event);
        doc.item(0, format!("{}  {} {}", t.date, t.event, c.cite(&t.sources)));
    }
    more(doc, c.report.timeline.len() - n, "event", "events");
}

/// Distinct outlets (labels) carrying a quote group.
fn outlets_of(c: &Ctx<'_>, q: &QuoteGroup) -> BTreeSet<String> {
    q.same_statement_in.keys().map(|s| c.label(s)).collect()
}

fn quotes(doc: &mut Doc, c: &mut Ctx<'_>) {
    if c.report.quotes.is_empty() {
        return;
    }
    let (multi, single): (Vec<&QuoteGroup>, Vec<&QuoteGroup>) =
        c.report.quotes.iter().partition(|q| outlets_of(c, q).len() >= 2);
    let (multi, single): (Vec<QuoteGroup>, Vec<QuoteGroup>) =
        (multi.into_iter().cloned().collect(), single.into_iter().cloned().collect());
    doc.heading(2, format!("Quotes ({} carried by several outlets)", multi.len()));
    let n = c.shown(multi.len());
    for q in &multi[..n] {
        quote_group(doc, c, q);
    }
    more(doc, multi.len() - n, "statement carried by several outlets", "statements carried by several outlets");
    if single.is_empty() {
        return;
    }
    if c.full {
        doc.para(format!("Quoted by one outlet only ({}):", single.len()));
        for q in &single {
            quote_group(doc, c, q);
        }
        return;
    }
    let mut per: BTreeMap<String, usize> = BTreeMap::new();
    for q in &single {
        for o in outlets_of(c, q) {
            *per.entry(o).or_default() += 1;
        }
    }
    let counts: Vec<String> = per.iter().map(|(o, n)| format!("{o} {n}")).collect();
    doc.item(
        0,
        format!(
            "{} quoted by one outlet only ({}); --full lists them",
            plural(single.len(), "more statement"),
            counts.join(", ")
        ),
    );
}

fn quote_group(doc: &mut Doc, c: &mut Ctx<'_>, q: &QuoteGroup) {
    let mut who = q.speaker.clone().unwrap_or_else(|| "Unattributed".into());
    if let Some(m) = &q.medium {
        who.push_str(&format!(", on {m}"));
    }
    if let Some(v) = &q.via {
        who.push_str(&format!(", via {v}"));
    }
    let reported = q.kind.as_deref() == Some("indirect");
    if reported {
        who.push_str(" (reported speech)");
    }
    // Identical wordings are printed once, with every outlet that carries them; the short
    // report gives the wording most outlets carry, on the speaker's line.
    let mut wordings: Vec<(String, Vec<String>)> = Vec::new();
    for (src, text) in &q.same_statement_in {
        let key = fold(text).to_lowercase();
        match wordings.iter_mut().find(|(k, _)| *k == key) {
            Some((_, srcs)) => srcs.push(src.clone()),
            None => wordings.push((key, vec![src.clone()])),
        }
    }
    let show = |text: &str| if reported { text.to_string() } else { format!("“{text}”") };
    for (_, srcs) in &wordings {
        c.fresh(&q.same_statement_in[&srcs[0]]);
    }
    if !c.full {
        let best =
            wordings.iter().max_by_key(|(k, srcs)| (srcs.len(), k.len())).map(|(_, s)| s.clone()).unwrap_or_default();
        let all: Vec<String> = q.same_statement_in.keys().cloned().collect();
        let text = best.first().map(|s| q.same_statement_in[s].clone()).unwrap_or_default();
        doc.item(0, format!("{who}: {} {}", show(&text), c.cite(&all)));
        return;
    }
    doc.item(0, format!("{who}:"));
    for (_, srcs) in &wordings {
        let names = c.cite(srcs);
        let names = names.trim_start_matches('(').trim_end_matches(')');
        doc.item(1, format!("{names}: {}", show(&q.same_statement_in[&srcs[0]])));
    }
}

fn agreements(doc: &mut Doc, c: &mut Ctx<'_>) {
    let fresh: Vec<(String, Vec<String>)> = c
        .report
        .agreements
        .iter()
        .filter(|a| c.fresh(&a.claim))
        .map(|a| (a.claim.clone(), a.sources.clone()))
        .collect();
    if fresh.is_empty() {
        return;
    }
    doc.heading(2, "Also agreed by several outlets".into());
    let n = c.shown(fresh.len());
    for (claim, srcs) in &fresh[..n] {
        doc.item(0, format!("{claim} {}", c.cite(srcs)));
    }
    more(doc, fresh.len() - n, "claim", "claims");
}

fn single_source(doc: &mut Doc, c: &mut Ctx<'_>) {
    let fresh: Vec<(String, String)> = c
        .report
        .single_source_details
        .iter()
        .filter(|d| c.fresh(&d.detail))
        .map(|d| (d.detail.clone(), d.source.clone()))
        .collect();
    if fresh.is_empty() {
        return;
    }
    doc.heading(2, "Only one outlet reports".into());
    let n = c.shown(fresh.len());
    for (detail, src) in &fresh[..n] {
        doc.item(0, format!("{}: {detail}", c.label(src)));
    }
    more(doc, fresh.len() - n, "detail", "details");
}

fn reuse(doc: &mut Doc, c: &Ctx<'_>) {
    if c.report.text_reuse.is_empty() {
        return;
    }
    doc.heading(2, "Copied passages".into());
    let n = c.shown(c.report.text_reuse.len());
    for t in &c.report.text_reuse[..n] {
        let credit = if t.credited { "credited" } else { "not credited" };
        let passage = if c.full { t.passage.clone() } else { clip(&t.passage, SHORT_PASSAGE) };
        let line = format!(
            "{} took {} from {} ({credit}): “{passage}”",
            c.label(&t.to),
            plural(t.length, "word"),
            c.label(&t.from)
        );
        if t.credited { doc.item(0, line) } else { doc.warn(0, line) }
    }
    more(doc, c.report.text_reuse.len() - n, "passage", "passages");
}

fn entities(doc: &mut Doc, c: &Ctx<'_>) {
    if c.report.entities.is_empty() {
        return;
    }
    doc.heading(2, "People, organisations, places".into());
    if c.full {
        for e in &c.report.entities {
            let role = e.role.as_ref().map(|r| format!(", {r}")).unwrap_or_default();
            let aliases =
                if e.aliases.is_empty() { String::new() } else { format!(" (also: {})", e.aliases.join(", ")) };
            doc.item(0, format!("{} [{}{role}]{aliases}", e.name, e.kind));
        }
        return;
    }
    for (kind, title) in [("person", "People"), ("organisation", "Organisations"), ("place", "Places")] {
        let names: Vec<String> = c.report.entities.iter().filter(|e| e.kind == kind).map(|e| e.name.clone()).collect();
        if !names.is_empty() {
            let extra = names.len().saturating_sub(SHORT_NAMES);
            let more = if extra > 0 { format!(" and {extra} more") } else { String::new() };
            doc.item(0, format!("{title}: {}{more}", names[..names.len() - extra].join(", ")));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_keeps_width_and_indent() {
        let t = "one two three four five six seven eight nine ten eleven twelve";
        let lines = wrap(t, 20, "- ", "  ");
        assert!(lines.iter().all(|l| l.chars().count() <= 20), "{lines:?}");
        assert!(lines[0].starts_with("- one") && lines[1].starts_with("  "));
        assert_eq!(lines.join(" ").split_whitespace().filter(|w| *w != "-").count(), 12);
        let long = wrap(&"x".repeat(50), 20, "", "");
        assert!(long.iter().all(|l| l.chars().count() <= 20) && long.concat().len() == 50, "{long:?}");
    }

    #[test]
    fn sites_from_urls() {
        assert_eq!(site_of("https://www.bbc.co.uk/news/x").as_deref(), Some("bbc.co.uk"));
        assert_eq!(site_of("http://user@Example.com:8080/a?b").as_deref(), Some("example.com"));
        assert_eq!(site_of("file:///tmp/x.html"), None);
        assert_eq!(site_of("javascript:alert(1)"), None);
    }

    #[test]
    fn labels_prefer_outlet_then_site_and_number_repeats() {
        let mut r = StoryReport::default();
        let mut a = parallax_core::report::ArticleReport { outlet: Some("Reuters".into()), ..Default::default() };
        r.articles.insert("a.txt".into(), a.clone());
        r.articles.insert("b.txt".into(), a.clone());
        a.outlet = None;
        a.url = Some("https://www.example.org/x".into());
        r.articles.insert("c.txt".into(), a.clone());
        a.url = None;
        r.articles.insert("d.txt".into(), a);
        let l = source_labels(&r);
        assert_eq!(l["a.txt"].label, "Reuters #1");
        assert_eq!(l["b.txt"].label, "Reuters #2");
        assert_eq!(l["c.txt"].label, "example.org");
        assert_eq!(l["d.txt"], SourceLabel { label: "unknown outlet".into(), unknown: true });
    }
}
