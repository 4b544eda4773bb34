//! The story page's pictures, as inline SVG (no script, nothing loaded from elsewhere):
//!
//! * [`coverage`]: claims, contradictions and quote groups (rows) × sources (columns): who
//!   carries what, who is alone, which sides contradict each other, copies drawn hollow;
//! * [`timeline`]: one lane per source across the narrated dates, each source's dates as dots,
//!   date disagreements ringed and joined in red;
//! * [`source_strip`]: the sources in publication order, copies linked to their origin.
//!
//! Each picture scales to its container (`viewBox`, `width:100%`), is at least 360 units wide
//! so it stays legible on a phone, and carries every scraped string escaped.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

use parallax_core::report::StoryReport;
use parallax_core::text::fold;
use parallax_search::escape_html as esc;

/// Badge colours, in the order of the stylesheet's `b0`..`b7`.
pub const PALETTE: [&str; 8] = ["#1f6feb", "#8250df", "#1a7f37", "#bf3989", "#9a6700", "#0a7b83", "#cf222e", "#57606a"];
const WARN: &str = "#b3261e";
const WARN_BG: &str = "#fdecea";
const MUTED: &str = "#5f6368";
/// Narrowest picture (units ≈ CSS pixels at a phone's width).
const MIN_W: usize = 360;
/// Rows of the coverage grid before it is cut.
const MAX_ROWS: usize = 28;

/// One source as the pictures show it.
#[derive(Debug, Clone)]
pub struct Col {
    /// Source file name (key into the report).
    pub src: String,
    /// Outlet label.
    pub label: String,
    /// Fill colour.
    pub colour: &'static str,
    /// Index of the source this one copies.
    pub copy_of: Option<usize>,
    /// Publication date/time (ISO).
    pub published: Option<String>,
    /// Whether the date was inferred at story level.
    pub inferred: bool,
}

/// The columns of a report: its sources in report order, labelled by `label`.
pub fn columns(r: &StoryReport, label: impl Fn(&str) -> String) -> Vec<Col> {
    let index: BTreeMap<&str, usize> = r.articles.keys().enumerate().map(|(i, s)| (s.as_str(), i)).collect();
    r.articles
        .iter()
        .enumerate()
        .map(|(i, (src, a))| Col {
            src: src.clone(),
            label: label(src),
            colour: PALETTE[i % PALETTE.len()],
            copy_of: a.copy_of.as_deref().and_then(|c| index.get(c).copied()),
            published: a.published.clone(),
            inferred: a.published_evidence.is_some(),
        })
        .collect()
}

fn clip(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let mut o: String = s.chars().take(max.saturating_sub(1)).collect();
    o.push('…');
    o
}

fn open_svg(o: &mut String, w: usize, h: usize, class: &str, label: &str) {
    let _ = write!(
        o,
        r#"<svg class="fig {class}" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" style="max-width:{}px" role="img" aria-label="{}" font-family="system-ui,-apple-system,'Segoe UI',Roboto,sans-serif" font-size="12">"#,
        w * 3 / 2,
        esc(label)
    );
}

/// A mark in a grid cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    Carries,
    /// One side of a contradiction (A, B, ...).
    Side(char),
}

struct Row {
    tag: &'static str,
    text: String,
    marks: BTreeMap<usize, Mark>,
    warn: bool,
}

fn carried(cols: &[Col], srcs: &[String]) -> BTreeMap<usize, Mark> {
    cols.iter().enumerate().filter(|(_, c)| srcs.contains(&c.src)).map(|(i, _)| (i, Mark::Carries)).collect()
}

/// The grid's rows: contradictions, summary, other agreements, quotes carried by several
/// sources, then single-source details; at most [`MAX_ROWS`]. Returns the rows and how many
/// were left out.
fn grid_rows(r: &StoryReport, cols: &[Col]) -> (Vec<Row>, usize) {
    let mut rows = Vec::new();
    for c in &r.contradictions {
        let mut sides: Vec<String> = Vec::new();
        let mut marks = BTreeMap::new();
        for cl in &c.claims {
            let value = cl.resolves_to.clone().unwrap_or_else(|| clip(&fold(&cl.says), 28));
            let k = sides.iter().position(|v| *v == value).unwrap_or_else(|| {
                sides.push(value.clone());
                sides.len() - 1
            });
            if let Some(i) = cols.iter().position(|col| col.src == cl.source) {
                marks.insert(i, Mark::Side((b'A' + (k.min(25)) as u8) as char));
            }
        }
        let values: Vec<String> =
            sides.iter().enumerate().map(|(k, v)| format!("{} = {v}", (b'A' + k.min(25) as u8) as char)).collect();
        rows.push(Row { tag: "⚠", text: format!("{}: {}", c.about, values.join(", ")), marks, warn: true });
    }
    let mut seen: BTreeSet<String> = BTreeSet::new();
    for s in &r.summary {
        seen.insert(fold(&s.sentence).to_lowercase());
        rows.push(Row { tag: "claim", text: s.sentence.clone(), marks: carried(cols, &s.sources), warn: false });
    }
    for a in &r.agreements {
        if seen.insert(fold(&a.claim).to_lowercase()) {
            rows.push(Row { tag: "claim", text: a.claim.clone(), marks: carried(cols, &a.sources), warn: false });
        }
    }
    for q in &r.quotes {
        let srcs: Vec<String> = q.same_statement_in.keys().cloned().collect();
        let first = q.same_statement_in.values().next().cloned().unwrap_or_default();
        if srcs.len() >= 2 {
            let who = q.speaker.clone().unwrap_or_else(|| "Unattributed".into());
            let text = if q.kind.as_deref() == Some("indirect") { first } else { format!("“{first}”") };
            rows.push(Row { tag: "quote", text: format!("{who}: {text}"), marks: carried(cols, &srcs), warn: false });
        }
    }
    for d in &r.single_source_details {
        if seen.insert(fold(&d.detail).to_lowercase()) {
            let marks = carried(cols, std::slice::from_ref(&d.source));
            rows.push(Row { tag: "alone", text: d.detail.clone(), marks, warn: false });
        }
    }
    let hidden = rows.len().saturating_sub(MAX_ROWS);
    rows.truncate(MAX_ROWS);
    (rows, hidden)
}

/// The coverage grid; `None` when the story has nothing to show in it.
pub fn coverage(r: &StoryReport, cols: &[Col]) -> Option<String> {
    let (rows, hidden) = grid_rows(r, cols);
    if rows.is_empty() || cols.is_empty() {
        return None;
    }
    let (left, colw) = (8usize, 64usize);
    let w = MIN_W.max(2 * left + cols.len() * colw);
    let colw = (w - 2 * left) / cols.len();
    let x = |i: usize| left + colw * i + colw / 2;
    let head = 96usize;
    let row_h = 42usize;
    let h = head + rows.len() * row_h + 50 + if hidden > 0 { 16 } else { 0 };
    let mut o = String::new();
    open_svg(&mut o, w, h, "coverage", "Coverage grid: which source carries each claim, quote and contradiction");
    // Column heads: outlet labels, slanted; copies say so.
    for (i, c) in cols.iter().enumerate() {
        let copy = c.copy_of.map(|j| format!(" (copy of {})", cols[j].label)).unwrap_or_default();
        let _ = write!(
            o,
            r#"<g><title>{}{}</title><circle cx="{x}" cy="{}" r="5" fill="{}"/><text transform="translate({},{}) rotate(-38)" fill="{}">{}{}</text></g>"#,
            esc(&c.label),
            esc(&copy),
            head - 10,
            c.colour,
            x(i) - 2,
            head - 20,
            c.colour,
            esc(&clip(&c.label, 16)),
            if c.copy_of.is_some() { " ⧉" } else { "" },
            x = x(i)
        );
    }
    let chars = (w - 2 * left) * 10 / 66;
    for (k, row) in rows.iter().enumerate() {
        let y = head + k * row_h;
        if k % 2 == 0 {
            let _ = write!(o, r##"<rect x="0" y="{y}" width="{w}" height="{row_h}" fill="#f6f7f9"/>"##);
        }
        let colour = if row.warn { WARN } else { "#1d1d1f" };
        let _ = write!(
            o,
            r#"<text x="{left}" y="{}" fill="{colour}"><title>{}</title><tspan fill="{}" font-size="10">{} </tspan>{}</text>"#,
            y + 15,
            esc(&row.text),
            if row.warn { WARN } else { MUTED },
            row.tag,
            esc(&clip(&row.text, chars.saturating_sub(row.tag.len() + 1)))
        );
        for (i, c) in cols.iter().enumerate() {
            let cy = y + 30;
            match row.marks.get(&i) {
                Some(Mark::Carries) if c.copy_of.is_some() => {
                    let _ = write!(
                        o,
                        r##"<circle cx="{}" cy="{cy}" r="6" fill="#fff" stroke="{}" stroke-width="2" stroke-dasharray="3 2"/>"##,
                        x(i),
                        c.colour
                    );
                }
                Some(Mark::Carries) => {
                    let _ = write!(o, r#"<circle cx="{}" cy="{cy}" r="7" fill="{}"/>"#, x(i), c.colour);
                }
                Some(Mark::Side(s)) => {
                    let _ = write!(
                        o,
                        r#"<rect x="{}" y="{}" width="18" height="16" rx="3" fill="{WARN_BG}" stroke="{WARN}" stroke-width="1.5"/><text x="{}" y="{}" text-anchor="middle" font-weight="700" fill="{WARN}">{s}</text>"#,
                        x(i) - 9,
                        cy - 8,
                        x(i),
                        cy + 4
                    );
                }
                None => {
                    let _ = write!(o, r##"<circle cx="{}" cy="{cy}" r="2" fill="#c4c8ce"/>"##, x(i));
                }
            }
        }
    }
    let y = head + rows.len() * row_h + 20;
    let _ = write!(
        o,
        r#"<text x="{left}" y="{y}" fill="{MUTED}" font-size="11">● carries   ◌ carries as a copy (⧉)</text><text x="{left}" y="{}" fill="{MUTED}" font-size="11">A/B: sides of a contradiction   alone: one source only</text>"#,
        y + 16
    );
    if hidden > 0 {
        let _ = write!(
            o,
            r#"<text x="{left}" y="{}" fill="{MUTED}" font-size="11">{hidden} more rows: see the sections below</text>"#,
            y + 32
        );
    }
    o.push_str("</svg>");
    Some(o)
}

/// "3 Sep" for an ISO date.
fn short_date(iso: &str) -> String {
    const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    let month = iso.get(5..7).and_then(|m| m.parse::<usize>().ok()).filter(|m| (1..=12).contains(m));
    match (iso.get(8..10), month) {
        (Some(d), Some(m)) => format!("{} {}", d.trim_start_matches('0'), MONTHS[m - 1]),
        _ => iso.to_string(),
    }
}

fn iso_day(s: &str) -> Option<String> {
    let d = s.get(..10)?;
    chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok().map(|_| d.to_string())
}

/// The timeline strip; `None` when no event is dated.
pub fn timeline(r: &StoryReport, cols: &[Col]) -> Option<String> {
    let mut dates: BTreeSet<String> = r.timeline.iter().filter_map(|t| iso_day(&t.date)).collect();
    let date_conflicts: Vec<_> = r.contradictions.iter().filter(|c| c.kind == "date").collect();
    for c in &date_conflicts {
        dates.extend(c.claims.iter().filter_map(|cl| cl.resolves_to.as_deref().and_then(iso_day)));
    }
    if dates.is_empty() || cols.is_empty() {
        return None;
    }
    let dates: Vec<String> = dates.into_iter().collect();
    let (lane_x, top, lane_h) = (116usize, 34usize, 26usize);
    let w = MIN_W.max(lane_x + 10 + dates.len() * 46);
    let dw = (w - lane_x - 10) as f64 / dates.len() as f64;
    let xd = |d: &str| dates.iter().position(|x| x == d).map(|k| lane_x + (dw * (k as f64 + 0.5)) as usize);
    let ly = |i: usize| top + lane_h * (i + 1);
    let axis_y = ly(cols.len()) + 20;
    let h = axis_y + 14 + 18 * date_conflicts.len() + 8;
    let mut o = String::new();
    open_svg(&mut o, w, h, "timeline", "Timeline: the dates each source gives the story's events");
    // Columns of disputed dates, shaded.
    let disputed: BTreeSet<String> = date_conflicts
        .iter()
        .filter(|c| c.claims.iter().filter_map(|cl| cl.resolves_to.as_deref().and_then(iso_day)).count() > 0)
        .flat_map(|c| c.claims.iter().filter_map(|cl| cl.resolves_to.as_deref().and_then(iso_day)))
        .collect();
    for d in &disputed {
        if let Some(x) = xd(d) {
            let _ = write!(
                o,
                r#"<rect x="{}" y="{}" width="{}" height="{}" fill="{WARN_BG}"/>"#,
                x - (dw as usize) / 2 + 2,
                top + 6,
                (dw as usize).saturating_sub(4),
                axis_y - top - 6
            );
        }
    }
    // Events per date, on the top lane.
    let mut per_date: BTreeMap<&str, usize> = BTreeMap::new();
    for t in &r.timeline {
        if let Some(d) = iso_day(&t.date)
            && let Some(k) = dates.iter().position(|x| *x == d)
        {
            *per_date.entry(dates[k].as_str()).or_default() += 1;
        }
    }
    let _ = write!(o, r#"<text x="4" y="{}" fill="{MUTED}" font-size="11">events</text>"#, top + 4);
    for (d, n) in &per_date {
        let x = xd(d).unwrap_or(0);
        let _ = write!(
            o,
            r##"<circle cx="{x}" cy="{top}" r="9" fill="#e8eaed"/><text x="{x}" y="{}" text-anchor="middle" font-size="11">{n}</text>"##,
            top + 4
        );
    }
    // Lanes: each source's dots.
    for (i, c) in cols.iter().enumerate() {
        let y = ly(i);
        let _ = write!(
            o,
            r##"<line x1="{lane_x}" y1="{y}" x2="{}" y2="{y}" stroke="#e1e4e8"/><text x="4" y="{}" fill="{}"><title>{}</title>{}</text>"##,
            w - 6,
            y + 4,
            c.colour,
            esc(&c.label),
            esc(&clip(&c.label, 15))
        );
        let mine: BTreeSet<String> =
            r.timeline.iter().filter(|t| t.sources.contains(&c.src)).filter_map(|t| iso_day(&t.date)).collect();
        for d in &mine {
            if let Some(x) = xd(d) {
                let _ = write!(o, r#"<circle cx="{x}" cy="{y}" r="6" fill="{}"/>"#, c.colour);
            }
        }
    }
    // Date disagreements: each side ringed, the sides joined.
    for (k, c) in date_conflicts.iter().enumerate() {
        let mut pts: Vec<(usize, usize)> = c
            .claims
            .iter()
            .filter_map(|cl| {
                let x = xd(&iso_day(cl.resolves_to.as_deref()?)?)?;
                let i = cols.iter().position(|col| col.src == cl.source)?;
                Some((x, ly(i)))
            })
            .collect();
        pts.sort_by_key(|p| p.1);
        pts.dedup();
        if pts.len() >= 2 {
            let path: Vec<String> = pts.iter().map(|(x, y)| format!("{x},{y}")).collect();
            let _ = write!(
                o,
                r#"<polyline points="{}" fill="none" stroke="{WARN}" stroke-width="1.5" stroke-dasharray="4 3"/>"#,
                path.join(" ")
            );
        }
        for (x, y) in &pts {
            let _ = write!(o, r#"<circle cx="{x}" cy="{y}" r="9" fill="none" stroke="{WARN}" stroke-width="2"/>"#);
        }
        let sides: Vec<String> = c
            .claims
            .iter()
            .filter_map(|cl| {
                let d = cl.resolves_to.as_deref()?;
                let l = cols.iter().find(|col| col.src == cl.source).map(|col| col.label.as_str()).unwrap_or("?");
                Some(format!("{} {}", clip(l, 18), short_date(d)))
            })
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        let text = format!("⚠ {}: {}", c.about, sides.join(" · "));
        let _ = write!(
            o,
            r#"<text x="4" y="{}" fill="{WARN}" font-size="11"><title>{}</title>{}</text>"#,
            axis_y + 30 + 18 * k,
            esc(&text),
            esc(&clip(&text, (w - 8) * 10 / 60))
        );
    }
    for d in &dates {
        let x = xd(d).unwrap_or(0);
        let _ = write!(
            o,
            r#"<text x="{x}" y="{axis_y}" text-anchor="middle" fill="{}" font-size="11">{}</text>"#,
            if disputed.contains(d) { WARN } else { MUTED },
            short_date(d)
        );
    }
    o.push_str("</svg>");
    Some(o)
}

/// The source strip: sources in publication order (undated last), copies linked to their
/// origin by an arrow.
pub fn source_strip(cols: &[Col]) -> Option<String> {
    if cols.is_empty() {
        return None;
    }
    let mut order: Vec<usize> = (0..cols.len()).collect();
    order.sort_by(|&a, &b| {
        let (pa, pb) = (&cols[a].published, &cols[b].published);
        pa.is_none().cmp(&pb.is_none()).then(pa.cmp(pb)).then(a.cmp(&b))
    });
    let slot = 92usize;
    let w = MIN_W.max(16 + order.len() * slot);
    let slot = (w - 16) / order.len();
    let pos: BTreeMap<usize, usize> = order.iter().enumerate().map(|(k, &i)| (i, 8 + slot * k + slot / 2)).collect();
    let (cy, h) = (40usize, 92usize);
    let mut o = String::new();
    open_svg(&mut o, w, h, "strip", "Sources in publication order; arrows lead from copies to their origin");
    o.push_str(r##"<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0 0L10 5L0 10z" fill="#5f6368"/></marker></defs>"##);
    let _ = write!(o, r##"<line x1="8" y1="{cy}" x2="{}" y2="{cy}" stroke="#d9dce1" stroke-width="2"/>"##, w - 8);
    for (i, c) in cols.iter().enumerate() {
        if let Some(j) = c.copy_of {
            let (x1, x2) = (pos[&i], pos[&j]);
            let mid = (x1 + x2) / 2;
            let _ = write!(
                o,
                r##"<path d="M{x1} {} Q{mid} 2 {x2} {}" fill="none" stroke="#5f6368" stroke-dasharray="4 3" marker-end="url(#arrow)"/><text x="{mid}" y="14" text-anchor="middle" fill="#5f6368" font-size="10">copy</text>"##,
                cy - 9,
                cy - 9
            );
        }
    }
    for (i, c) in cols.iter().enumerate() {
        let x = pos[&i];
        let when = match c.published.as_deref() {
            Some(p) => {
                let time = p.get(11..16).map(|t| format!(" {t}")).unwrap_or_default();
                format!("{}{}{time}", if c.inferred { "~" } else { "" }, short_date(p))
            }
            None => "date unknown".into(),
        };
        let _ = write!(
            o,
            r#"<g><title>{} · {}{}</title><circle cx="{x}" cy="{cy}" r="8" fill="{}"/><text x="{x}" y="{}" text-anchor="middle" fill="{}" font-size="11">{}</text><text x="{x}" y="{}" text-anchor="middle" fill="{MUTED}" font-size="10">{}</text></g>"#,
            esc(&c.label),
            esc(c.published.as_deref().unwrap_or("date unknown")),
            if c.inferred { " (inferred)" } else { "" },
            c.colour,
            cy + 24,
            c.colour,
            esc(&clip(&c.label, slot * 10 / 68)),
            cy + 38,
            esc(&when)
        );
    }
    o.push_str("</svg>");
    Some(o)
}

#[cfg(test)]
mod tests {
    use super::*;
    use parallax_core::report::{ArticleReport, Contradiction, ContradictionClaim, TimelineEntry};

    fn report() -> StoryReport {
        let mut r = StoryReport::default();
        for (s, o) in [("a.txt", "Alpha <News>"), ("b.txt", "Beta"), ("c.txt", "Gamma")] {
            let a =
                ArticleReport { outlet: Some(o.into()), published: Some("2024-09-04".into()), ..Default::default() };
            r.articles.insert(s.into(), a);
        }
        r.articles.get_mut("c.txt").unwrap().copy_of = Some("a.txt".into());
        r.timeline.push(TimelineEntry {
            date: "2024-09-03".into(),
            event: "talks".into(),
            sources: vec!["a.txt".into(), "b.txt".into()],
            evidence: None,
        });
        let claim = |s: &str, d: &str| ContradictionClaim {
            source: s.into(),
            says: format!("on {d}"),
            resolves_to: Some(d.into()),
            error: None,
        };
        r.contradictions.push(Contradiction {
            id: "c1".into(),
            kind: "date".into(),
            about: "when <b>".into(),
            claims: vec![claim("a.txt", "2024-09-03"), claim("b.txt", "2024-09-04")],
        });
        r
    }

    #[test]
    fn pictures_escape_text_and_mark_disagreements_and_copies() {
        let r = report();
        let cols = columns(&r, |s| r.articles[s].outlet.clone().unwrap());
        let grid = coverage(&r, &cols).unwrap();
        assert!(grid.contains("Alpha &lt;News&gt;") && !grid.contains("<News>"), "{grid}");
        assert!(grid.contains(">A</text>") && grid.contains(">B</text>"), "two sides: {grid}");
        let tl = timeline(&r, &cols).unwrap();
        assert!(tl.contains("<polyline") && tl.contains("when &lt;b&gt;"), "{tl}");
        assert!(tl.contains("3 Sep") && tl.contains("4 Sep"));
        let strip = source_strip(&cols).unwrap();
        assert!(strip.contains("marker-end") && strip.contains(">copy<"), "copy arrow: {strip}");
        for svg in [&grid, &tl, &strip] {
            assert!(svg.starts_with("<svg") && svg.ends_with("</svg>") && !svg.contains("<script"));
            assert!(!svg.contains(".txt"), "no file names in pictures: {svg}");
        }
    }

    /// Scraped text is hostile: a script in an outlet name, a quote or a claim stays text.
    #[test]
    fn hostile_outlet_and_quote_are_escaped() {
        let mut r = report();
        let evil = "<script>alert(1)</script>";
        r.articles.get_mut("b.txt").unwrap().outlet = Some(format!("Evil {evil}"));
        r.quotes.push(parallax_core::report::QuoteGroup {
            id: "q1".into(),
            speaker: Some(format!("Speaker {evil}")),
            same_statement_in: [("a.txt", "x"), ("b.txt", "y")]
                .into_iter()
                .map(|(s, _)| (s.to_string(), format!("We said {evil} & more")))
                .collect(),
            ..Default::default()
        });
        r.agreements.push(parallax_core::report::Agreement {
            claim: format!("Both agree {evil}."),
            sources: vec!["a.txt".into(), "b.txt".into()],
        });
        let cols = columns(&r, |s| r.articles[s].outlet.clone().unwrap());
        let pictures = [coverage(&r, &cols).unwrap(), timeline(&r, &cols).unwrap(), source_strip(&cols).unwrap()];
        for svg in &pictures {
            assert!(!svg.contains("<script") && !svg.contains("</script"), "{svg}");
        }
        assert!(pictures.iter().any(|s| s.contains("&lt;script&gt;")), "shown as text");
        let page = crate::html::story_page(&r);
        assert!(!page.contains("<script") && page.contains("&lt;script&gt;"), "{page}");
    }

    #[test]
    fn empty_stories_draw_nothing() {
        let r = StoryReport::default();
        assert!(coverage(&r, &[]).is_none() && timeline(&r, &[]).is_none() && source_strip(&[]).is_none());
    }
}
