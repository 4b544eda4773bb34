//! Human-readable renderings of an [`AnalysisOutput`]: terminal text and Markdown.
//! (HTML lives in `parallax-server`, JSON is serde.)

use std::fmt::Write;

use parallax_core::report::{AnalysisOutput, StoryReport};

/// Output style.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// Plain terminal text.
    Text,
    /// Markdown.
    Markdown,
}

/// Renders the whole output.
pub fn render(out: &AnalysisOutput, style: Style) -> String {
    let mut s = String::new();
    for (i, story) in out.stories.iter().enumerate() {
        if i > 0 {
            s.push('\n');
        }
        render_story(&mut s, story, style);
    }
    if !out.skipped.is_empty() {
        let _ = writeln!(s, "\n{}", heading(style, 2, &format!("Skipped inputs ({})", out.skipped.len())));
        for sk in &out.skipped {
            let _ = writeln!(s, "- {}: {}", md(style, &sk.path), md(style, &sk.reason));
        }
    }
    s
}

fn heading(style: Style, level: usize, text: &str) -> String {
    match style {
        Style::Markdown => format!("{} {}\n", "#".repeat(level), md(style, text)),
        Style::Text => {
            let under = if level <= 1 { '=' } else { '-' };
            format!("{text}\n{}\n", under.to_string().repeat(text.chars().count().min(78)))
        }
    }
}

/// Escapes Markdown-significant characters in scraped text.
fn md(style: Style, text: &str) -> String {
    match style {
        Style::Text => text.to_string(),
        Style::Markdown => {
            let mut o = String::with_capacity(text.len());
            for c in text.chars() {
                if matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|') {
                    o.push('\\');
                }
                o.push(c);
            }
            o
        }
    }
}

fn sources(style: Style, srcs: &[String]) -> String {
    let list: Vec<String> = srcs.iter().map(|s| md(style, s)).collect();
    format!("[{}]", list.join(", "))
}

/// Renders one story.
pub fn render_story(s: &mut String, r: &StoryReport, style: Style) {
    let st = style;
    let _ = write!(s, "{}", heading(st, 1, &format!("Story: {}", r.story.headline)));
    let _ =
        writeln!(s, "Date: {}  ·  {} reports\n", r.story.date.as_deref().unwrap_or("unknown"), r.story.article_count);

    let _ = write!(s, "{}", heading(st, 2, "Sources"));
    for (src, a) in &r.articles {
        let mut parts = vec![a.outlet.clone().unwrap_or_else(|| "unknown outlet".into())];
        if let Some(w) = &a.wire_agency {
            parts.push(format!("wire: {w}"));
        }
        if let Some(p) = &a.published {
            parts.push(p.clone());
        }
        if let Some(b) = &a.byline {
            parts.push(format!("by {b}"));
        }
        if let Some(c) = &a.copy_of {
            parts.push(format!("copy of {c}"));
        }
        let _ = writeln!(s, "- {} — {}", md(st, src), md(st, &parts.join(" · ")));
        if let Some(t) = &a.title {
            let _ = writeln!(s, "  {}", md(st, t));
        }
    }

    if !r.summary.is_empty() {
        let _ = write!(s, "\n{}", heading(st, 2, "Summary"));
        for x in &r.summary {
            let _ = writeln!(s, "- {} {}", md(st, &x.sentence), sources(st, &x.sources));
        }
    }
    if !r.contradictions.is_empty() {
        let _ = write!(s, "\n{}", heading(st, 2, "Contradictions"));
        for c in &r.contradictions {
            let _ = writeln!(s, "- {} ({}):", md(st, &c.about), md(st, &c.kind));
            for cl in &c.claims {
                // Each outlet's own words, named by its outlet when known.
                let who = match r.articles.get(&cl.source).and_then(|a| a.outlet.as_deref()) {
                    Some(o) => format!("{} ({})", md(st, &cl.source), md(st, o)),
                    None => md(st, &cl.source),
                };
                let mut line = format!("    {who}: \"{}\"", md(st, &cl.says));
                if let Some(v) = &cl.resolves_to {
                    line.push_str(&format!(" → {v}"));
                }
                if let Some(e) = &cl.error {
                    line.push_str(&format!("  ⚠ {}", md(st, e)));
                }
                let _ = writeln!(s, "{line}");
            }
        }
    }
    if !r.timeline.is_empty() {
        let _ = write!(s, "\n{}", heading(st, 2, "Timeline"));
        for t in &r.timeline {
            let _ = writeln!(s, "- {}  {} {}", t.date, md(st, &t.event), sources(st, &t.sources));
        }
    }
    if !r.agreements.is_empty() {
        let _ = write!(s, "\n{}", heading(st, 2, "Agreed by several outlets"));
        for a in &r.agreements {
            let _ = writeln!(s, "- {} {}", md(st, &a.claim), sources(st, &a.sources));
        }
    }
    if !r.single_source_details.is_empty() {
        let _ = write!(s, "\n{}", heading(st, 2, "Only one outlet reports"));
        for d in &r.single_source_details {
            let _ = writeln!(s, "- {} [{}]", md(st, &d.detail), md(st, &d.source));
        }
    }
    if !r.quotes.is_empty() {
        let _ = write!(s, "\n{}", heading(st, 2, "Quotes"));
        for q in &r.quotes {
            let mut who = q.speaker.clone().unwrap_or_else(|| "unknown speaker".into());
            if let Some(m) = &q.medium {
                who.push_str(&format!(" (on {m})"));
            }
            if let Some(v) = &q.via {
                who.push_str(&format!(" (via {v})"));
            }
            let _ = writeln!(s, "- {}:", md(st, &who));
            for (src, text) in &q.same_statement_in {
                let _ = writeln!(s, "    {}: \"{}\"", md(st, src), md(st, text));
            }
        }
    }
    if !r.entities.is_empty() {
        let _ = write!(s, "\n{}", heading(st, 2, "Entities"));
        for e in &r.entities {
            let aliases =
                if e.aliases.is_empty() { String::new() } else { format!(" (also: {})", e.aliases.join(", ")) };
            let _ = writeln!(s, "- {} [{}]{}", md(st, &e.name), e.kind, md(st, &aliases));
        }
    }
    if !r.text_reuse.is_empty() {
        let _ = write!(s, "\n{}", heading(st, 2, "Copied passages"));
        for t in &r.text_reuse {
            let credit = if t.credited { "credited" } else { "NOT credited" };
            let _ = writeln!(
                s,
                "- {} → {} ({} words, {}): \"{}\"",
                md(st, &t.from),
                md(st, &t.to),
                t.length,
                credit,
                md(st, &t.passage)
            );
        }
    }
}
