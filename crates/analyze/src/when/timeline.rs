//! Dated events and the story timeline.
//!
//! Each day-precise expression dates the clause around it (clauses split at `;`, `, and`,
//! `, but`, `, while`, dashes; a relative clause stays with its antecedent). A clause joined by `, and` with no date of its own takes
//! the single date of its sentence. `four days after X` dates the clause that follows it. Events
//! of different reports with the same date merge when their clauses share content words or names.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use parallax_core::report::TimelineEntry;
use parallax_temporal::{Kind, TimeExpr};

use super::contradict::Statement;
use super::text::{Story, Tok};

/// One dated clause.
#[derive(Debug, Clone)]
pub struct Event {
    /// Date.
    pub date: NaiveDate,
    /// Article index.
    pub art: usize,
    /// Sentence index in `Story::sents`.
    pub sent: usize,
    /// Clause byte range in the body.
    pub start: usize,
    /// End of the clause.
    pub end: usize,
    /// The dating expression.
    pub expr: TimeExpr,
    /// Content tokens of the clause (date words excluded).
    pub tokens: BTreeSet<Tok>,
    /// Names in the clause.
    pub names: BTreeSet<Tok>,
}

const SPLITS: &[&str] = &["; ", ", and ", ", but ", ", while ", " — ", " – ", " -- ", ", after "];

/// Clause ranges of a sentence (byte ranges in the body), each with whether it was joined by
/// `, and` (may inherit the sentence's date).
fn clauses(body: &str, start: usize, end: usize) -> Vec<(usize, usize, bool)> {
    let s = &body[start..end];
    let mut cuts: Vec<(usize, usize, bool)> = Vec::new();
    for sp in SPLITS {
        let mut from = 0;
        while let Some(p) = s[from..].find(sp) {
            let at = from + p;
            cuts.push((at, at + sp.len(), *sp == ", and "));
            from = at + sp.len();
        }
    }
    cuts.sort_unstable();
    let mut out = Vec::new();
    let mut cur = 0;
    let mut joined = false;
    for (a, b, and) in cuts {
        if a < cur {
            continue;
        }
        out.push((start + cur, start + a, joined));
        cur = b;
        joined = and;
    }
    out.push((start + cur, end, joined));
    out
}

/// Finds the dated events of the story's independent reports.
pub fn events(story: &Story<'_>) -> Vec<Event> {
    let mut out = Vec::new();
    for (si, s) in story.sents.iter().enumerate() {
        if !story.independent[s.art] {
            continue;
        }
        let body = &story.articles[s.art].body;
        let days = story.narrated_days(s);
        if days.is_empty() {
            continue;
        }
        let cls = clauses(body, s.start, s.end);
        let distinct: BTreeSet<NaiveDate> = days.iter().filter_map(|e| e.day()).collect();
        for &(cs, ce, joined) in &cls {
            let inside: Vec<&&TimeExpr> = days.iter().filter(|e| e.start >= cs && e.end <= ce).collect();
            let (expr, from, to) = match inside.first() {
                Some(e) if e.kind == Kind::Anchored && e.text.to_lowercase().ends_with("after") => {
                    ((**e).clone(), e.end, ce)
                }
                Some(e) => ((**e).clone(), cs, ce),
                None if joined && distinct.len() == 1 => ((*days[0]).clone(), cs, ce),
                None => continue,
            };
            let mut tokens = story.tokens_in(s.art, from..to);
            for t in story.tokens_in(s.art, expr.start..expr.end) {
                tokens.remove(&t);
            }
            if tokens.len() < 3 {
                continue;
            }
            let Some(date) = expr.day() else { continue };
            out.push(Event {
                date,
                art: s.art,
                sent: si,
                start: from,
                end: to,
                names: story.names_in(s.art, from..to),
                expr,
                tokens,
            });
        }
    }
    out
}

/// Clauses dated by a weekend ("wrote on Truth Social over the weekend"): they only join a
/// timeline entry of a day inside that weekend, never start one.
fn weekend_events(story: &Story<'_>) -> Vec<Event> {
    let mut out = Vec::new();
    for (si, s) in story.sents.iter().enumerate() {
        if !story.independent[s.art] {
            continue;
        }
        let body = &story.articles[s.art].body;
        let doc = &story.docs[s.art];
        for &x in &s.exprs {
            let e = &doc.exprs[x];
            let (parallax_temporal::Grain::Weekend, Some(first)) = (e.grain, e.first) else { continue };
            if parallax_temporal::is_report_stamp(body, e) {
                continue;
            }
            let Some(&(cs, ce, _)) = clauses(body, s.start, s.end).iter().find(|c| e.start >= c.0 && e.end <= c.1)
            else {
                continue;
            };
            let mut tokens = story.tokens_in(s.art, cs..ce);
            for t in story.tokens_in(s.art, e.start..e.end) {
                tokens.remove(&t);
            }
            if tokens.len() < 3 {
                continue;
            }
            out.push(Event {
                date: first,
                art: s.art,
                sent: si,
                start: cs,
                end: ce,
                names: story.names_in(s.art, cs..ce),
                expr: e.clone(),
                tokens,
            });
        }
    }
    out
}

fn clause_text<'a>(story: &'a Story<'_>, e: &Event) -> &'a str {
    story.articles[e.art].body[e.start..e.end].trim().trim_end_matches([',', ';']).trim()
}

fn event_score(story: &Story<'_>, a: &Event, b: &Event) -> f64 {
    let shared_names = a.names.intersection(&b.names).count();
    story.sim(&a.tokens, &b.tokens) + if shared_names > 0 { 0.12 } else { 0.0 }
}

/// Builds the timeline.
pub fn timeline(story: &Story<'_>, events: &[Event], statements: &[Statement]) -> Vec<TimelineEntry> {
    // Events that date the same quoted statement in different reports are one event.
    let mut stmt_of: BTreeMap<(usize, usize), BTreeSet<usize>> = BTreeMap::new();
    for (k, st) in statements.iter().enumerate() {
        for (&art, &x) in &st.dates {
            stmt_of.entry((art, story.docs[art].exprs[x].start)).or_default().insert(k);
        }
    }
    // Only the clause naming the speaker carries the statement.
    let stmt = |e: &Event| -> BTreeSet<usize> {
        stmt_of
            .get(&(e.art, e.expr.start))
            .map(|ks| ks.iter().copied().filter(|&k| e.names.contains(&statements[k].speaker)).collect())
            .unwrap_or_default()
    };
    let mut clusters: Vec<Vec<usize>> = Vec::new();
    let mut by_date: BTreeMap<NaiveDate, Vec<usize>> = BTreeMap::new();
    for (i, e) in events.iter().enumerate() {
        let mut best: Option<(f64, usize)> = None;
        let mine = stmt(e);
        for &ci in by_date.get(&e.date).map_or(&[][..], Vec::as_slice) {
            // Compared with the entry's first members only: bounded work per event.
            let c = &clusters[ci][..clusters[ci].len().min(24)];
            if clusters[ci].iter().any(|&j| events[j].sent == e.sent) {
                continue;
            }
            let same_stmt = c.iter().any(|&j| stmt(&events[j]).intersection(&mine).next().is_some());
            let sc = c.iter().map(|&j| event_score(story, e, &events[j])).fold(0.0, f64::max)
                + if same_stmt { 1.0 } else { 0.0 };
            if sc >= 0.32 && best.is_none_or(|(b, _)| sc > b) {
                best = Some((sc, ci));
            }
        }
        match best {
            Some((_, ci)) => clusters[ci].push(i),
            None => {
                by_date.entry(e.date).or_default().push(clusters.len());
                clusters.push(vec![i]);
            }
        }
    }
    // Weekend-dated clauses join a day entry of that weekend when they tell the same event.
    let mut all: Vec<Event> = events.to_vec();
    for w in weekend_events(story) {
        let last = w.expr.last.unwrap_or(w.date);
        let mut best: Option<(f64, usize)> = None;
        for (_, cis) in by_date.range(w.date..=last) {
            for &ci in cis {
                let c = &clusters[ci][..clusters[ci].len().min(24)];
                if c.iter().any(|&j| all[j].sent == w.sent || all[j].art == w.art) {
                    continue;
                }
                let sc = c.iter().map(|&j| event_score(story, &w, &all[j])).fold(0.0, f64::max);
                if sc >= 0.25 && best.is_none_or(|(b, _)| sc > b) {
                    best = Some((sc, ci));
                }
            }
        }
        if let Some((_, ci)) = best {
            clusters[ci].push(all.len());
            all.push(w);
        }
    }
    let events = &all[..];
    let mut entries: Vec<(NaiveDate, usize, usize, TimelineEntry)> = clusters
        .iter()
        .map(|c| {
            // Representative: most central among the first members (bounded work).
            // (Entries start from day-dated events; weekend-dated members only add sources.)
            let day_members: Vec<usize> =
                c.iter().copied().filter(|&i| events[i].expr.grain == parallax_temporal::Grain::Day).collect();
            let head = &day_members[..day_members.len().min(24)];
            let central = |a: usize| -> f64 {
                head.iter().map(|&o| if o == a { 0.0 } else { event_score(story, &events[a], &events[o]) }).sum()
            };
            let rep = *head
                .iter()
                .max_by(|&&a, &&b| {
                    let (sa, sb) = (central(a), central(b));
                    sa.total_cmp(&sb)
                        .then_with(|| clause_text(story, &events[b]).len().cmp(&clause_text(story, &events[a]).len()))
                })
                .expect("non-empty cluster");
            let sources: BTreeSet<&str> = c.iter().map(|&i| story.source(events[i].art)).collect();
            let mut ev: Vec<String> = Vec::new();
            let mut seen: BTreeSet<String> = BTreeSet::new();
            for &i in c {
                let e = &events[i];
                let item = format!("{} '{}' ({})", story.source(e.art), e.expr.text, e.expr.evidence);
                if seen.insert(item.clone()) && ev.len() < 12 {
                    ev.push(item);
                }
            }
            let first_pos = c.iter().map(|&i| story.sents[events[i].sent].idx).min().unwrap_or(0);
            (
                events[c[0]].date,
                sources.len(),
                first_pos,
                TimelineEntry {
                    date: events[c[0]].date.to_string(),
                    event: clause_text(story, &events[rep]).to_string(),
                    sources: sources.into_iter().map(str::to_string).collect(),
                    evidence: Some(ev.join("; ")),
                },
            )
        })
        .collect();
    // Keep the best-supported entries when a story has very many.
    if entries.len() > 40 {
        entries.sort_by_key(|(_, n, pos, _)| (std::cmp::Reverse(*n), *pos));
        entries.truncate(40);
    }
    entries.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
    entries.into_iter().map(|(_, _, _, e)| e).collect()
}
