//! Contradictions, across reports and inside one report. Precision first: each rule needs strong
//! evidence that two passages speak of the same event or statement.
//!
//! * `date`, inside a report: a weekday printed with a calendar date that falls on another day
//!   (`Thursday 23 April` in 2025). The other mentions of the same event in the story (day-dated
//!   clauses within two days that share its content words) are listed beside it.
//! * `date`, across reports: the same quoted statement (matched across reports by its words, or
//!   given by the quote groups) dated to different days, within a week of each other. A report
//!   dates a statement by a day in the quote's sentence, else by the day its lede (first three
//!   sentences) gives for the speaker.
//! * `fact`, across reports: to whom the same statement was made: a press group (`told
//!   reporters`) in one report and a single broadcaster or interviewer (`told state TV reporter
//!   X`, `speaking to state TV`) in another.
//! * `number` (ages, counts) and `place`, across outlets: see [`super::facts`].
//!
//! Two reports that give the same weekday name for a statement but resolve it to different
//! weeks disagree on their publication dates, not on the facts: no contradiction.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::LazyLock;

use chrono::NaiveDate;
use parallax_core::report::{Contradiction, ContradictionClaim, Entity, QuoteGroup};
use parallax_temporal::{Kind, TimeExpr};
use regex::Regex;

use super::claims::Sims;
use super::text::{Story, Tok, name_id};
use super::timeline::Event;
use crate::rx::{WordRegex, word_regex};

/// A quoted passage.
#[derive(Debug, Clone)]
struct Quote {
    art: usize,
    start: usize,
    end: usize,
    tokens: BTreeSet<Tok>,
    speaker: Option<Tok>,
}

static QUOTE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"“([^”\n]{12,})(?:”|$)|"([^"\n]{12,})""#).expect("quote regex"));

fn quotes_of(story: &Story<'_>) -> Vec<Quote> {
    let mut out = Vec::new();
    for (art, a) in story.articles.iter().enumerate() {
        if !story.independent[art] {
            continue;
        }
        for c in QUOTE.captures_iter(&a.body) {
            let m = c.get(1).or(c.get(2)).expect("group");
            let tokens = story.tokens_in(art, m.range());
            if tokens.len() >= 4 {
                out.push(Quote { art, start: m.start(), end: m.end(), tokens, speaker: None });
            }
        }
    }
    out
}

/// Index in `story.sents` of the sentence holding byte `pos` of article `art`.
fn sent_at(story: &Story<'_>, art: usize, pos: usize) -> Option<usize> {
    // Sentences are in body order: binary search.
    let r = story.docs[art].sents.clone();
    let slice = &story.sents[r.clone()];
    let k = slice.partition_point(|s| s.start <= pos);
    let i = k.checked_sub(1)?;
    let s = &slice[i];
    (pos < s.end.max(s.start + 1)).then_some(r.start + i)
}

/// Clusters of the same statement across reports (quote indices).
fn statement_clusters(story: &Story<'_>, quotes: &mut Vec<Quote>, groups: &[QuoteGroup]) -> Vec<Vec<usize>> {
    let n0 = quotes.len();
    let mut parent: Vec<usize> = (0..n0).collect();
    use crate::dsu::find;
    // Candidate pairs share four or more words (inverted index, no all-pairs scan).
    let mut index: rustc_hash::FxHashMap<Tok, Vec<usize>> = Default::default();
    for (i, q) in quotes.iter().enumerate() {
        for t in &q.tokens {
            index.entry(*t).or_default().push(i);
        }
    }
    let mut count = vec![0u16; n0];
    let mut touched = Vec::new();
    for i in 0..n0 {
        for t in &quotes[i].tokens {
            let post = &index[t];
            if post.len() > 400 {
                continue; // a word in hundreds of quotes tells nothing
            }
            for &j in post {
                if j > i && quotes[j].art != quotes[i].art {
                    if count[j] == 0 {
                        touched.push(j);
                    }
                    count[j] += 1;
                }
            }
        }
        for &j in &touched {
            if count[j] >= 4 && story.sim(&quotes[i].tokens, &quotes[j].tokens) >= 0.45 {
                let (a, b) = (find(&mut parent, i), find(&mut parent, j));
                parent[a] = b;
            }
            count[j] = 0;
        }
        touched.clear();
    }
    let mut by_root: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for i in 0..n0 {
        let r = find(&mut parent, i);
        by_root.entry(r).or_default().push(i);
    }
    let mut clusters: Vec<Vec<usize>> = by_root.into_values().collect();
    // Quote groups given by the entity/quote stage.
    for g in groups {
        let mut members = Vec::new();
        for (src, text) in &g.same_statement_in {
            let Some(art) = story.articles.iter().position(|a| &a.source == src) else { continue };
            if !story.independent[art] {
                continue;
            }
            let probe: String = text.chars().take(60).collect();
            let body = &story.articles[art].body;
            let Some(pos) = body.find(probe.trim()) else { continue };
            let whole = if body[pos..].starts_with(text.as_str()) { text.len() } else { probe.trim().len() };
            quotes.push(Quote {
                art,
                start: pos,
                end: pos + probe.trim().len(),
                tokens: story.tokens_in(art, pos..pos + whole),
                speaker: g.speaker.as_deref().and_then(|s| s.split_whitespace().last()).map(name_id),
            });
            members.push(quotes.len() - 1);
        }
        if members.len() >= 2 {
            clusters.push(members);
        }
    }
    clusters.retain(|c| c.iter().map(|&q| quotes[q].art).collect::<BTreeSet<_>>().len() >= 2);
    clusters
}

/// The speaker of a statement cluster: a name found near the quote in two or more reports.
fn speaker_of(
    story: &Story<'_>,
    speaking: &BTreeSet<Tok>,
    persons: &BTreeSet<Tok>,
    quotes: &[Quote],
    cluster: &[usize],
) -> Option<Tok> {
    if let Some(s) = cluster.iter().find_map(|&q| quotes[q].speaker) {
        return Some(story.canonical(s));
    }
    let mut count: BTreeMap<Tok, BTreeSet<usize>> = BTreeMap::new();
    for &q in cluster {
        let qq = &quotes[q];
        let Some(si) = sent_at(story, qq.art, qq.start) else { continue };
        let mut names: BTreeSet<Tok> = BTreeSet::new();
        // The quote's sentence and the three before it ("..., she said." refers back).
        for k in si.saturating_sub(3)..=si {
            if story.sents[k].art == qq.art {
                // Names outside the quoted words.
                let s = &story.sents[k];
                let (a, b) = (s.start, s.end);
                if qq.start >= a && qq.end <= b {
                    names.extend(story.names_in(s.art, a..qq.start));
                    names.extend(story.names_in(s.art, qq.end..b));
                } else {
                    names.extend(story.names_in(s.art, a..b));
                }
            }
        }
        for n in names {
            count.entry(n).or_default().insert(qq.art);
        }
    }
    // Names of places and countries are frequent near quotes; keep names of people who speak.
    count
        .into_iter()
        .filter(|(n, arts)| arts.len() >= 2 && speaking.contains(n) && persons.contains(n))
        .max_by_key(|(_, arts)| arts.len())
        .map(|(n, _)| n)
}

static SPEAKS: WordRegex = word_regex!(
    r"\b([A-Z][\p{L}'’-]+)(?:,[^,]{1,60},)?\s+(?:said|says|told|added|proposed|confirmed|announced|wrote|posted)\b|\b(?:said|says|told)\s+([A-Z][\p{L}'’-]+)"
);

/// Name keys that look like people: typed `person` by the entity stage when it ran, else
/// written after a first name or a title somewhere in the story ("Anna Kowal", "Mr Kowal").
fn person_names(story: &Story<'_>, entities: &[Entity]) -> BTreeSet<Tok> {
    let typed: BTreeSet<Tok> = entities
        .iter()
        .filter(|e| e.kind == "person")
        .filter_map(|e| e.name.split_whitespace().last().map(name_id))
        .collect();
    if !typed.is_empty() {
        return typed;
    }
    let mut out = BTreeSet::new();
    let cap = |w: &str| w.chars().next().is_some_and(char::is_uppercase) && w.chars().skip(1).any(char::is_lowercase);
    for a in story.articles {
        let words: Vec<&str> = a.body.split_whitespace().collect();
        for w in words.windows(2) {
            let first = w[0].trim_end_matches('.');
            if cap(first) && first.chars().all(char::is_alphabetic) && cap(w[1]) {
                let k = name_id(w[1].trim_end_matches(|c: char| !c.is_alphanumeric()));
                out.insert(story.canonical(k));
            }
        }
    }
    out
}

fn speaking_names(story: &Story<'_>) -> BTreeSet<Tok> {
    let mut out = BTreeSet::new();
    for a in story.articles {
        for c in SPEAKS.for_text(&a.body).captures_iter(&a.body) {
            if let Some(m) = c.get(1).or(c.get(2)) {
                out.insert(story.canonical(name_id(m.as_str())));
            }
        }
    }
    out
}

/// The text a claim quotes: up to three words and a preposition before the expression (and an
/// adjacent expression joined by `, on`), within the clause.
fn says(body: &str, exprs: &[TimeExpr], i: usize) -> String {
    let e = &exprs[i];
    let mut start = e.start;
    let mut end = e.end;
    if i > 0 {
        let p = &exprs[i - 1];
        let gap = body[p.end..e.start].trim_matches(|c: char| c == ',' || c.is_whitespace());
        if p.end <= e.start && (gap.is_empty() || gap == "on") && e.start - p.end <= 6 {
            start = p.start;
        }
    }
    if let Some(n) = exprs.get(i + 1) {
        let gap = body[e.end..n.start.max(e.end)].trim_matches(|c: char| c == ',' || c.is_whitespace());
        if n.start >= e.end && (gap.is_empty() || gap == "on") && n.start - e.end <= 6 {
            end = n.end;
        }
    }
    let before = &body[..start];
    let clause_from = before.rfind(['.', ',', ';', '\n', '“', '"', '(', ':']).map_or(0, |x| x + 1);
    let mut words = 0;
    let mut from = start;
    let mut prep_seen = false;
    for (idx, _) in before[clause_from..].char_indices().rev() {
        let abs = clause_from + idx;
        let ch = body[abs..].chars().next().unwrap_or(' ');
        if ch.is_whitespace() {
            let w = body[abs..from].trim();
            if !w.is_empty() {
                let is_prep = matches!(w.to_lowercase().as_str(), "on" | "at" | "in" | "by");
                if is_prep && !prep_seen && words == 0 {
                    prep_seen = true;
                } else {
                    words += 1;
                }
                if words > 3 {
                    break;
                }
                from = abs;
            }
        }
    }
    if words <= 3 {
        let w = body[clause_from..from].trim();
        if !w.is_empty() && !w.contains(' ') {
            from = clause_from;
        }
    }
    body[from..end].trim().to_string()
}

fn claim_for(story: &Story<'_>, art: usize, ei: usize) -> ContradictionClaim {
    let exprs = &story.docs[art].exprs;
    let e = &exprs[ei];
    ContradictionClaim {
        source: story.source(art).to_string(),
        says: says(&story.articles[art].body, exprs, ei),
        resolves_to: e.day().map(|d| d.to_string()),
        error: e.error.clone(),
    }
}

fn expr_index(story: &Story<'_>, art: usize, e: &TimeExpr) -> Option<usize> {
    story.docs[art].exprs.iter().position(|x| x.start == e.start)
}

/// Weekday–date mismatches inside a report, with the other mentions of the same event.
fn weekday_mismatch(story: &Story<'_>, events: &[Event]) -> Vec<Contradiction> {
    let mut out = Vec::new();
    let mut done: BTreeSet<(usize, NaiveDate)> = BTreeSet::new();
    for (art, doc) in story.docs.iter().enumerate() {
        if !story.independent[art] {
            continue;
        }
        for (ei, e) in doc.exprs.iter().enumerate() {
            let (Some(_), Some(day)) = (&e.error, e.day()) else { continue };
            // One contradiction per wrong date in a report, however often it is repeated.
            if !done.insert((art, day)) {
                continue;
            }
            let Some(si) = sent_at(story, art, e.start) else { continue };
            let first = claim_for(story, art, ei);
            // The erroneous expression's own clause (its event), else its sentence.
            let own = events.iter().find(|ev| ev.art == art && ev.expr.start == e.start);
            let tokens = own.map_or_else(|| story.sents[si].tokens.clone(), |ev| ev.tokens.clone());
            let names = own.map_or_else(|| story.sents[si].names.clone(), |ev| ev.names.clone());
            let mut claims = vec![first.clone()];
            let mut seen: BTreeSet<(usize, NaiveDate, usize)> = BTreeSet::new();
            seen.insert((art, day, si));
            for ev in events {
                if ev.expr.start == e.start && ev.art == art {
                    continue;
                }
                if (ev.date - day).num_days().abs() > 1 || ev.expr.kind == Kind::Anchored || ev.expr.error.is_some() {
                    continue;
                }
                // Same event: a shared name and shared content, or the very same day and a
                // distinctive shared name (a place, a person — not a name every sentence has).
                let shared: Vec<&Tok> = ev.names.intersection(&names).collect();
                let distinctive = shared.iter().any(|n| story.w(n) >= 2.0);
                let related = (!shared.is_empty() && story.overlap(&tokens, &ev.tokens) >= 0.2)
                    || (ev.date == day && distinctive);
                if !related {
                    continue;
                }
                if !seen.insert((ev.art, ev.date, ev.sent)) {
                    continue;
                }
                let Some(xi) = expr_index(story, ev.art, &ev.expr) else { continue };
                claims.push(claim_for(story, ev.art, xi));
            }
            out.push(Contradiction {
                id: String::new(),
                kind: "date".into(),
                about: format!("day of '{}'", first.says),
                claims,
            });
        }
    }
    out
}

/// Statement date in one report: a day in the quote's sentence, else the lede's day for the speaker.
fn statement_date(story: &Story<'_>, q: &Quote, speaker: Tok) -> Option<(usize, usize)> {
    let si = sent_at(story, q.art, q.start)?;
    let body = &story.articles[q.art].body;
    let dct = story.docs[q.art].dct;
    let pick = |si: usize, need_speaker: bool| -> Option<usize> {
        let s = &story.sents[si];
        if need_speaker && !s.names.contains(&speaker) {
            return None;
        }
        // In the lede the day must stand next to the speaker's name ("Kowal on Tuesday",
        // "X proposed on Monday"), not elsewhere in the sentence.
        let text = &body[s.start..s.end];
        let mentions: Vec<usize> = text
            .split_whitespace()
            .filter(|w| story.canonical(name_id(w.trim_matches(|c: char| !c.is_alphanumeric()))) == speaker)
            .map(|w| s.start + (w.as_ptr() as usize - text.as_ptr() as usize))
            .collect();
        let near = |e: &TimeExpr| !need_speaker || mentions.iter().any(|&m| m.abs_diff(e.start) <= 40);
        let main_end = [", which", " which ", " after ", " since "]
            .iter()
            .filter_map(|p| body[s.start..s.end].find(p))
            .min()
            .map_or(s.end, |p| s.start + p);
        story
            .event_days(s)
            .into_iter()
            .filter(|e| !(e.start >= q.start && e.end <= q.end))
            .find(|e| {
                e.end <= main_end
                    && near(e)
                    && !e.future
                    && matches!(e.kind, Kind::Weekday | Kind::Absolute | Kind::Deictic)
                    && e.day().zip(dct).is_none_or(|(d, p)| d <= p)
            })
            .and_then(|e| expr_index(story, q.art, e))
    };
    if let Some(x) = pick(si, false) {
        return Some((q.art, x));
    }
    let lede = story.docs[q.art].sents.clone().take(3);
    for k in lede {
        if let Some(x) = pick(k, true) {
            return Some((q.art, x));
        }
    }
    None
}

fn display_name(story: &Story<'_>, entities: &[Entity], key: Tok) -> String {
    for e in entities {
        if e.name.split_whitespace().last().map(name_id) == Some(key) {
            return e.name.clone();
        }
    }
    let key = story.form(key);
    let mut c = key.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

static TOLD: WordRegex = word_regex!(
    r"\b(?P<who>[A-Z][\p{L}'’-]+)\s+told\s+(?P<aud>[^,.;:“”\x22]{3,70}?)(?:\s+(?:that|about|on|at)\b|[,.;:“”\x22]|$)|\b[Ss]peaking\s+(?:to|with)\s+(?P<aud2>[^,.;:“”\x22]{3,60}?)(?:\s+(?:on|at|that|about)\b|[,.;:“”\x22]|$)|\bin an interview with\s+(?P<aud3>[^,.;:“”\x22]{3,60}?)(?:\s+(?:on|at|that|about)\b|[,.;:“”\x22]|$)"
);

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Audience {
    Press,
    Interview,
}

fn audience_class(aud: &str) -> Option<Audience> {
    let l = aud.to_lowercase();
    let words: Vec<&str> = l.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    let press = words.iter().any(|w| matches!(*w, "reporters" | "journalists" | "press" | "media" | "conference"));
    let interview = words.iter().any(|w| {
        matches!(
            *w,
            "tv" | "television"
                | "radio"
                | "interview"
                | "channel"
                | "broadcaster"
                | "reporter"
                | "journalist"
                | "correspondent"
                | "presenter"
                | "host"
        )
    });
    match (press, interview) {
        (true, false) => Some(Audience::Press),
        (false, true) => Some(Audience::Interview),
        _ => None,
    }
}

/// To whom the speaker made the statement, in one report.
fn audience_in(story: &Story<'_>, art: usize, speaker: Tok) -> Option<(Audience, String)> {
    let body = &story.articles[art].body;
    let mut told: Option<(Audience, String)> = None;
    let mut speaking: Option<(Audience, String)> = None;
    for si in story.docs[art].sents.clone() {
        let s = &story.sents[si];
        if !s.names.contains(&speaker) {
            continue;
        }
        let text = &body[s.start..s.end];
        for c in TOLD.for_text(text).captures_iter(text) {
            if let (Some(who), Some(aud)) = (c.name("who"), c.name("aud")) {
                if story.canonical(name_id(who.as_str())) != speaker {
                    continue;
                }
                if let Some(cls) = audience_class(aud.as_str())
                    && told.is_none()
                {
                    told = Some((cls, text[who.start()..aud.end()].to_string()));
                }
            } else if let Some(aud) = c.name("aud2").or(c.name("aud3"))
                && speaking.is_none()
                && let Some(cls) = audience_class(aud.as_str())
            {
                let st = c.get(0).expect("match").start();
                // Keep "Speaking to X on Monday" with its day when it follows.
                let rest = &text[aud.end()..];
                let mut en = aud.end();
                if let Some(r) = rest.strip_prefix(" on ") {
                    let w: String = r.chars().take_while(|c| c.is_alphabetic()).collect();
                    if w.ends_with("day") {
                        en = aud.end() + 4 + w.len();
                    }
                }
                speaking = Some((cls, text[st..en].to_string()));
            }
        }
    }
    told.or(speaking)
}

/// What the reports say about one speaker's statement quoted in two or more of them.
#[derive(Debug, Clone, Default)]
pub struct Statement {
    /// Speaker name key.
    pub speaker: Tok,
    /// Reports quoting it.
    pub arts: BTreeSet<usize>,
    /// Report → index (in its expression list) of the day it gives for the statement.
    pub dates: BTreeMap<usize, usize>,
}

/// Statements quoted in two or more reports, one per speaker.
pub fn statements(story: &Story<'_>, entities: &[Entity], groups: &[QuoteGroup]) -> Vec<Statement> {
    let mut quotes = quotes_of(story);
    let clusters = statement_clusters(story, &mut quotes, groups);
    let mut by_speaker: BTreeMap<Tok, Statement> = BTreeMap::new();
    // Names that speak and names of people, computed once per story.
    let (speaking, persons) = if clusters.is_empty() {
        (BTreeSet::new(), BTreeSet::new())
    } else {
        (speaking_names(story), person_names(story, entities))
    };
    for c in &clusters {
        let Some(sp) = speaker_of(story, &speaking, &persons, &quotes, c) else { continue };
        let st = by_speaker.entry(sp).or_insert_with(|| Statement { speaker: sp, ..Default::default() });
        for &q in c {
            st.arts.insert(quotes[q].art);
            if let Some((art, x)) = statement_date(story, &quotes[q], sp) {
                st.dates.entry(art).or_insert(x);
            }
        }
    }
    by_speaker.into_values().collect()
}

fn statement_contradictions(story: &Story<'_>, entities: &[Entity], stmts: &[Statement]) -> Vec<Contradiction> {
    let mut out = Vec::new();
    for st in stmts {
        let (sp, d) = (st.speaker, &st.dates);
        let days: BTreeSet<NaiveDate> = d.iter().filter_map(|(&a, &x)| story.docs[a].exprs[x].day()).collect();
        if days.len() < 2 || d.len() < 2 {
            continue;
        }
        let (lo, hi) = (*days.first().expect("day"), *days.last().expect("day"));
        if (hi - lo).num_days() > 7 {
            continue;
        }
        // The same weekday name resolved to different weeks means the reports' publication
        // dates disagree (one may be inferred), not the reports themselves.
        let names: BTreeSet<String> = d
            .iter()
            .map(|(&a, &x)| &story.docs[a].exprs[x])
            .filter(|e| e.kind == Kind::Weekday)
            .map(|e| e.text.to_lowercase())
            .collect();
        if names.len() == 1 && d.iter().all(|(&a, &x)| story.docs[a].exprs[x].kind == Kind::Weekday) {
            continue;
        }
        let name = display_name(story, entities, sp);
        out.push(Contradiction {
            id: String::new(),
            kind: "date".into(),
            about: format!("when {name} made the remarks"),
            claims: d.iter().map(|(&a, &x)| claim_for(story, a, x)).collect(),
        });
    }
    for st in stmts {
        let (sp, arts) = (st.speaker, &st.arts);
        if arts.len() < 2 {
            continue;
        }
        let found: Vec<(usize, Audience, String)> =
            arts.iter().filter_map(|&a| audience_in(story, a, sp).map(|(c, s)| (a, c, s))).collect();
        let classes: BTreeSet<Audience> = found.iter().map(|(_, c, _)| *c).collect();
        if classes.len() < 2 {
            continue;
        }
        let name = display_name(story, entities, sp);
        out.push(Contradiction {
            id: String::new(),
            kind: "fact".into(),
            about: format!("to whom {name} spoke"),
            claims: found
                .into_iter()
                .map(|(a, _, s)| ContradictionClaim {
                    source: story.source(a).to_string(),
                    says: s,
                    resolves_to: None,
                    error: None,
                })
                .collect(),
        });
    }
    out
}

/// Whether contradiction `c` flags what `e` already flags: the same kind, and each of its
/// claims stated by a claim of `e` from the same source (one quoting the other or its value).
fn repeats(e: &Contradiction, c: &Contradiction) -> bool {
    e.kind == c.kind
        && c.claims.iter().all(|x| {
            e.claims.iter().any(|y| {
                y.source == x.source
                    && (y.says.contains(&x.says)
                        || x.says.contains(&y.says)
                        || x.resolves_to.as_deref().is_some_and(|v| y.says.contains(v)))
            })
        })
}

fn slug(s: &str) -> String {
    let mut out = String::new();
    for w in s.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).take(6) {
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(&w.to_lowercase());
    }
    out
}

/// All contradictions of the story, with stable ids.
pub fn contradictions(
    story: &Story<'_>,
    sims: &Sims,
    events: &[Event],
    entities: &[Entity],
    stmts: &[Statement],
) -> Vec<Contradiction> {
    let mut all = statement_contradictions(story, entities, stmts);
    all.extend(weekday_mismatch(story, events));
    let facts = super::facts::contradictions(story, sims, entities);
    for c in facts.into_iter().chain(super::polarity::contradictions(story, sims)) {
        if !all.iter().any(|e| repeats(e, &c)) {
            all.push(c);
        }
    }
    let mut ids: BTreeSet<String> = BTreeSet::new();
    for c in &mut all {
        let base = format!("{}-{}", c.kind, slug(&c.about));
        let mut id = base.clone();
        let mut k = 2;
        while !ids.insert(id.clone()) {
            id = format!("{base}-{k}");
            k += 1;
        }
        c.id = id;
    }
    all
}
