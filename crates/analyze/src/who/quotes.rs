//! Quotes of one text: direct, partial and indirect, with speaker, reporting verb, medium and relay.

use std::ops::Range;

use super::entities::{Kind, Mention, StoryEntity};
use super::gazetteer::{Gazetteer, Known};
use super::text::{self, QuoteSpan};
use crate::rx::{WordRegex, word_regex};

/// Quote kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum QuoteKind {
    /// A full quoted sentence or more.
    Direct,
    /// Quoted words inside the reporter's sentence.
    Partial,
    /// Reported speech without quotation marks.
    Indirect,
}

impl QuoteKind {
    /// Report name.
    pub fn as_str(self) -> &'static str {
        match self {
            QuoteKind::Direct => "direct",
            QuoteKind::Partial => "partial",
            QuoteKind::Indirect => "indirect",
        }
    }
}

/// One quote found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quote {
    /// Byte range of the quote text (inside the marks).
    pub range: Range<usize>,
    /// Byte range of the attributed content this quote belongs to: the reported clause around
    /// a partial quote, or the whole chain `"A," he said. "B."` (marks included). The pieces
    /// of one chain share it.
    pub content: Range<usize>,
    /// Speaker entity (index into the entities given) when resolved to one.
    pub entity: Option<usize>,
    /// Speaker name (canonical entity name, or the surface name when unresolved).
    pub speaker: Option<String>,
    /// The speaker's name as the attribution writes it ("Lee" in `Lee said`, title left out),
    /// when a name is its subject; `None` for a pronoun or a description.
    pub named: Option<String>,
    /// The speaker's role or title as the text gives it ("Kremlin spokesman", "Sen."), kept
    /// apart from the name.
    pub role: Option<String>,
    /// Reporting verb as written.
    pub verb: Option<String>,
    /// Kind.
    pub kind: QuoteKind,
    /// Medium ("X", "nightly video address").
    pub medium: Option<String>,
    /// Relay ("Interfax").
    pub via: Option<String>,
}

/// What the quote finder needs to know about names in the text.
pub struct Names<'a> {
    /// Mentions of the text, in order.
    pub mentions: &'a [Mention],
    /// Entity of each mention.
    pub entity_of: &'a [Option<usize>],
    /// Entities.
    pub entities: &'a [StoryEntity],
    /// Gender of each entity the reports' pronouns show (see [`super::gender`]).
    pub genders: &'a [Option<char>],
}

impl Names<'_> {
    fn is_person(&self, i: usize) -> bool {
        match self.entity_of.get(i).copied().flatten() {
            Some(e) => self.entities[e].kind == Kind::Person,
            None => self.mentions[i].kind == Kind::Person,
        }
    }

    /// Mention `i` as the speaker of a cue.
    fn attribution(&self, i: usize, verb: Option<String>) -> Attribution {
        let (entity, speaker) = self.speaker(i);
        Attribution { entity, speaker: Some(speaker), named: self.named(i), verb, at: self.mentions[i].range.start }
    }

    /// Mention `i`'s name as written.
    fn named(&self, i: usize) -> Option<String> {
        Some(self.mentions[i].name.clone())
    }

    fn speaker(&self, i: usize) -> (Option<usize>, String) {
        match self.entity_of.get(i).copied().flatten() {
            Some(e) => (Some(e), self.entities[e].name.clone()),
            None => (None, self.mentions[i].name.clone()),
        }
    }

    /// Whether the word ending at byte `end` is the subject a present-tense cue needs: the end
    /// of a person's name, or "he"/"she" ("Smith tells", "she notes").
    fn subject_ends_at(&self, text: &str, end: usize) -> bool {
        let k = self.mentions.partition_point(|m| m.range.end < end);
        if self.mentions.get(k).is_some_and(|m| m.range.end == end) && self.is_person(k) {
            return true;
        }
        let w = text[..end].rsplit(' ').next().unwrap_or("");
        if text[end..].starts_with(',') {
            // "Ann Lee, a professor at Tech, writes": the name before the apposition.
            let from = floor(text, end.saturating_sub(200));
            return subject_before_apposition(text, from..end + 1, self).is_some();
        }
        PRONOUNS.iter().any(|p| p.eq_ignore_ascii_case(w))
    }

    /// The reporting verb that word `k` of `ws` is, if any: any cue form, or a noun-like
    /// present form ("tells", "notes") right after its subject (checked only for those).
    fn cue_at<'g>(&self, text: &str, ws: &[Range<usize>], k: usize, g: &'g Gazetteer) -> Option<&'g str> {
        let s = &text[ws[k].clone()];
        g.verb(s).or_else(|| g.subject_verb(s).filter(|_| k > 0 && self.subject_ends_at(text, ws[k - 1].end)))
    }

    /// Mention starting exactly at byte `at` (the whole sequence or the bare name).
    fn at(&self, at: usize) -> Option<usize> {
        let k = self.mentions.partition_point(|m| m.range.start < at);
        (k < self.mentions.len() && self.mentions[k].range.start == at).then_some(k)
    }
}

const PRONOUNS: &[&str] = &["he", "she"];
const OBJECT_PREPS: &[&str] = &[
    "to", "by", "with", "from", "of", "for", "on", "at", "about", "against", "in", "toward", "towards", "than", "like",
];

/// Finds the quotes of an annotated text, from its paragraph, quotation and sentence layers.
pub fn find_doc(doc: &parallax_annotate::Doc, names: &Names<'_>) -> Vec<Quote> {
    let mut sents: Vec<Vec<Range<usize>>> = vec![Vec::new(); doc.paragraphs.len()];
    for s in &doc.sentences {
        sents[s.para].push(s.range.clone());
    }
    find_in(&doc.text, &doc.paragraphs, &doc.quotes, &sents, names)
}

/// [`find_doc`] given the text's paragraphs, quotation spans and sentences per paragraph.
fn find_in(
    text: &str,
    paras: &[Range<usize>],
    spans: &[QuoteSpan],
    sents: &[Vec<Range<usize>>],
    names: &Names<'_>,
) -> Vec<Quote> {
    let g = Gazetteer::get();
    let sentence_of = |pos: usize| -> Option<Range<usize>> {
        let pi = paras.partition_point(|p| p.end < pos).min(paras.len().saturating_sub(1));
        let ss = sents.get(pi)?;
        let k = ss.partition_point(|s| s.end < pos).min(ss.len().saturating_sub(1));
        ss.get(k).cloned()
    };
    let mut out: Vec<Quote> = Vec::new();
    let mut meta: Vec<Piece> = Vec::new();
    for (qi, q) in spans.iter().enumerate() {
        let content = &text[q.content.clone()];
        let nwords = text::words(text, q.content.clone()).len();
        if nwords == 0 {
            continue;
        }
        let (Some(s_first), Some(s_last)) = (sentence_of(q.open), sentence_of(q.end.saturating_sub(1))) else {
            continue;
        };
        // A scare quote earlier in the sentence ("called it a "fatal error" and said: ...")
        // does not cut the words that introduce this quotation.
        let prev_end = spans[..qi].iter().rev().find(|p| !is_scare_quote(text, p)).map_or(0, |p| p.end);
        // A title in quotation marks after the quote belongs to its attribution
        // (`"...," the "Daily Show" host said`), so the tail runs past it.
        let next_open = spans[qi + 1..].iter().find(|n| !is_scare_quote(text, n)).map_or(usize::MAX, |n| n.open);
        // Attribution is near the quote: windows are bounded so a huge sentence stays linear.
        let head = floor(text, s_first.start.max(prev_end).max(q.open.saturating_sub(WINDOW)).min(q.open))..q.open;
        // `"... now!" Smith said.`: a quotation ending in ! or ? ends the sentence only for the
        // splitter; the cue after it belongs to it.
        let exclaims =
            content.trim_end_matches(|c: char| !c.is_alphanumeric() && c != '!' && c != '?').ends_with(['!', '?']);
        let s_last = match text[q.end..].find(|c: char| !c.is_whitespace()) {
            Some(k) if exclaims && s_last.end <= q.end + k => {
                sentence_of(q.end + k).filter(|n| paras[q.para].contains(&n.start)).unwrap_or(s_last)
            }
            _ => s_last,
        };
        let tail = q.end..ceil(text, s_last.end.min(next_open).min(q.end + WINDOW).max(q.end));
        let head_text = text[head.clone()].trim_end();
        if names_a_work_or_sign(head_text) {
            continue;
        }
        let starts_lower = content.chars().find(|c| c.is_alphabetic()).is_some_and(char::is_lowercase);
        let kind = if starts_lower
            || (!head_text.is_empty()
                && !head_text.ends_with([':', ',', '—', '–', '-', '(', '.'])
                && nwords < 8
                && head_text.chars().next_back().is_some_and(char::is_alphanumeric))
        {
            QuoteKind::Partial
        } else {
            QuoteKind::Direct
        };
        let starts_sentence = head_text.trim().is_empty();
        // A quotation standing alone may be signed after a dash (`"..." ― Ann Lee`).
        let no_cue_before = !head_text.split_whitespace().any(|w| w.starts_with(char::is_lowercase));
        let from_tail = no_cue_before
            .then(|| dash_signature(text, tail.clone(), names))
            .flatten()
            .or_else(|| attribute_tail(text, tail.clone(), names, spans, g));
        let tail_attributed = from_tail.is_some();
        let mut found = from_tail
            .or_else(|| late_cue(text, tail.clone(), names, spans, g))
            .or_else(|| attribute_head(text, head.clone(), names, spans, g))
            .or_else(|| colon_subject(text, head.clone(), names, g));
        let explicit = found.is_some();
        let same_para_as_prev = out.last().is_some_and(|p: &Quote| paras[q.para].contains(&p.range.start));
        if found.is_none() && (starts_sentence || same_para_as_prev) && !has_own_cue(text, tail.clone(), g) {
            // A quote standing alone: the speaker of the previous quote nearby, or of a
            // preceding "X said:" sentence.
            if let Some(prev) = out.last()
                && prev.speaker.is_some()
                && q.open.saturating_sub(prev.range.end) < 600
            {
                found = Some(Attribution {
                    entity: prev.entity,
                    speaker: prev.speaker.clone(),
                    named: prev.named.clone(),
                    verb: None,
                    at: q.open,
                });
            } else if starts_sentence {
                // The previous sentence introduces it ("Smith told parliament:", "Smith said so.").
                let pi = q.para;
                let k = sents[pi].partition_point(|s| s.end <= q.open);
                let last = if k > 0 {
                    Some(sents[pi][k - 1].clone())
                } else if pi > 0 {
                    sents[pi - 1].last().cloned()
                } else {
                    None
                };
                if let Some(last) = last
                    && !inside_quote(spans, last.start)
                {
                    found = attribute_head(text, last.start..last.end, names, spans, g).or_else(|| {
                        // Else the person the previous sentence is about (its first eligible mention).
                        mentions_in(names, last.clone()).find(|&i| eligible(names, i)).map(|i| {
                            let (entity, speaker) = names.speaker(i);
                            let named = names.named(i);
                            Attribution { entity, speaker: Some(speaker), named, verb: None, at: last.start }
                        })
                    });
                }
            }
        }
        let ctx: Vec<Range<usize>> = vec![head.clone(), tail.clone()];
        let medium = find_medium(text, &ctx, g);
        let via = find_via(text, &ctx, names, g);
        let (entity, speaker, named, verb) = match found {
            Some(a) => (a.entity, a.speaker, a.named, a.verb),
            None => (None, None, None, None),
        };
        let keep = match kind {
            // A word or two in quotation marks is speech only with a cue of its own
            // (`Smith called it "absurd"`), else a scare quote.
            QuoteKind::Partial if nwords < 3 => explicit && speaker.is_some() && verb.is_some(),
            QuoteKind::Partial => nwords >= 3 && (speaker.is_some() || nwords >= 5),
            _ => speaker.is_some() || nwords >= 4,
        };
        if !keep {
            continue;
        }
        let content = content_span(text, q, head.clone(), tail.clone(), tail_attributed, &s_first, names);
        let end_para = paras.partition_point(|p| p.end < q.end.saturating_sub(1));
        meta.push(Piece { explicit, para: q.para, end_para, open: q.open, end: q.end });
        let role = role_of(names, entity);
        out.push(Quote { range: q.content.clone(), content, entity, speaker, named, role, verb, kind, medium, via });
    }
    chain(text, &mut out, &meta, g);
    out.extend(embedded_posts(text, &out, names));
    out.sort_by_key(|q| (q.range.start, q.range.end));
    // Indirect speech in sentences without a kept quotation (scare quotes may remain).
    let kept: Vec<Range<usize>> = out.iter().map(|q| q.content.clone()).collect();
    for ss in sents {
        for s in ss {
            let k = kept.partition_point(|q| q.end <= s.start);
            if kept.get(k).is_some_and(|q| q.start < s.end) {
                continue;
            }
            if let Some(q) = indirect(text, s.clone(), names, spans, g) {
                out.push(q);
            }
        }
    }
    out.sort_by_key(|q| (q.range.start, q.range.end));
    out
}

/// Embedded posts (`… — Ann Lee (@annlee) July 5, 2016`) not already holding a quotation:
/// direct quotes of the signature's name (its entity when the name is a mention).
fn embedded_posts(text: &str, found: &[Quote], names: &Names<'_>) -> Vec<Quote> {
    let overlaps = |r: &Range<usize>| found.iter().any(|q| q.content.start < r.end && r.start < q.content.end);
    super::posts::posts(text)
        .into_iter()
        .filter(|p| !overlaps(&p.text))
        .map(|p| {
            let display = text[p.name.clone()].to_string();
            let whole = names.at(p.name.start).filter(|&i| names.mentions[i].range.end == p.name.end);
            let (entity, speaker) = whole.map_or((None, display.clone()), |i| names.speaker(i));
            Quote {
                range: p.text.clone(),
                content: p.text,
                entity,
                speaker: Some(speaker),
                named: Some(display),
                role: None,
                verb: Some("posted".into()),
                kind: QuoteKind::Direct,
                medium: Some("post".into()),
                via: None,
            }
        })
        .collect()
}

/// A short quotation inside running text: at most three words, right after a word.
fn is_scare_quote(text: &str, q: &QuoteSpan) -> bool {
    text[..q.open].trim_end().chars().next_back().is_some_and(char::is_alphanumeric)
        && text[q.content.clone()].split_whitespace().count() <= 3
}

/// Whether the words before a quotation make it a title or a written sign rather than speech:
/// `a memo titled "..."`, `placards reading "..."`, `the slogan "..."`, `the hashtag "..."`.
fn names_a_work_or_sign(head: &str) -> bool {
    const CUES: &[&str] = &[
        "titled",
        "entitled",
        "headlined",
        "headline",
        "reading",
        "slogan",
        "slogans",
        "placard",
        "placards",
        "sign",
        "signs",
        "banner",
        "banners",
        "hashtag",
        "motto",
        "t-shirt",
        "t-shirts",
        "song",
        "album",
        "book",
        "film",
        "movie",
        "novel",
        "poem",
        "documentary",
    ];
    let h = head.trim_end_matches([',', ':', ' ']);
    let last = h.rsplit(|c: char| c.is_whitespace()).next().unwrap_or("").to_lowercase();
    CUES.contains(&last.as_str())
}

/// Where a quotation sits, for chaining its pieces.
struct Piece {
    /// Attributed by a cue of its own (not inherited from the quote before).
    explicit: bool,
    /// Paragraphs of the opening and closing marks.
    para: usize,
    end_para: usize,
    /// Opening mark and the byte after the closing mark.
    open: usize,
    end: usize,
}

/// The attributed content around a quotation: the marks themselves when the quotation stands
/// as the sentence's content (`"...," she said`, `She said: "..."`), else the reported clause
/// it is embedded in (`He said the plan was "dead on arrival" and would fail.`).
fn content_span(
    text: &str,
    q: &QuoteSpan,
    head: Range<usize>,
    tail: Range<usize>,
    tail_attributed: bool,
    sentence: &Range<usize>,
    names: &Names<'_>,
) -> Range<usize> {
    let g = Gazetteer::get();
    let head_text = text[head.clone()].trim_end();
    let embedded = !head_text.is_empty() && !head_text.ends_with([':', ',', '—', '–', '-', '(']);
    let start = if !embedded {
        q.open
    } else {
        let ws = text::words(text, head.clone());
        match ws.iter().enumerate().rev().find(|(k, w)| {
            text[(*w).clone()].starts_with(char::is_lowercase) && names.cue_at(text, &ws, *k, g).is_some()
        }) {
            Some((_, v)) => ceil(text, v.end + 1).min(q.open),
            None => {
                let from = sentence.start.max(head.start);
                from + dateline_len(&text[from..q.open])
            }
        }
    };
    let tail_text = &text[tail.clone()];
    let end = if tail_attributed || tail_text.chars().all(|c| !c.is_alphanumeric()) {
        q.end
    } else {
        tail.start + tail_text.trim_end_matches(|c: char| c == '.' || c.is_whitespace()).len()
    };
    start..end.max(q.end)
}

/// Joins the pieces of one attribution: consecutive quotations of one paragraph with the same
/// speaker, split by the cue (`"A," he said. "B."`) or following each other (`"A." "B."`).
/// They get one content span and the speaker named by the first explicit cue.
fn chain(text: &str, out: &mut [Quote], meta: &[Piece], g: &Gazetteer) {
    let mut start = 0;
    for i in 1..=out.len() {
        let joins = i < out.len() && {
            let (p, c) = (&meta[i - 1], &meta[i]);
            let gap = &text[p.end.min(c.open)..c.open];
            let chain_speaker = out[start..i].iter().find_map(|q| q.speaker.as_deref());
            let same_speaker = !c.explicit
                || chain_speaker.is_none()
                || out[i].speaker.is_none()
                || out[i].speaker.as_deref() == chain_speaker;
            // The gap is nothing or the attribution itself ("he said.", "said Smith, who ...").
            let cue_or_nothing = !gap.chars().any(char::is_alphanumeric)
                || text::words(text, p.end.min(c.open)..c.open).iter().any(|w| g.verb(&text[w.clone()]).is_some());
            // `"A." Smith says, "B."`: a cue that introduces the next piece does not attribute
            // an unattributed one before it.
            let introduces_next = gap.trim_end().ends_with([',', ':']) && chain_speaker.is_none();
            p.end_para == c.para
                && gap.len() <= 200
                && gap.matches(['.', '!', '?']).count() <= 1
                && cue_or_nothing
                && !introduces_next
                && !(p.explicit && c.explicit && gap.contains(['.', '!', '?']))
                && same_speaker
        };
        if joins {
            continue;
        }
        if i - start > 1 {
            let span = out[start].content.start..out[i - 1].content.end;
            let lead = (start..i).find(|&k| meta[k].explicit && out[k].speaker.is_some()).unwrap_or(start);
            let (entity, speaker, named) = (out[lead].entity, out[lead].speaker.clone(), out[lead].named.clone());
            let role = out[lead].role.clone();
            for q in &mut out[start..i] {
                q.content = span.clone();
                q.entity = entity;
                q.speaker = speaker.clone();
                q.named = named.clone();
                q.role = role.clone();
            }
        }
        start = i;
    }
}

/// The role the story gives an entity most often ("Kremlin spokesman", "Sen.").
fn role_of(names: &Names<'_>, entity: Option<usize>) -> Option<String> {
    let e = &names.entities[entity?];
    e.roles.iter().max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0))).map(|(r, _)| r.clone())
}

/// The quotes that share one attributed content span (pieces of one chain), as index runs in
/// text order. `quotes` must be sorted as [`find`] returns them.
pub fn attributions(quotes: &[Quote]) -> Vec<Vec<usize>> {
    let mut out: Vec<Vec<usize>> = Vec::new();
    for (i, q) in quotes.iter().enumerate() {
        match out.last_mut() {
            Some(run) if quotes[run[0]].content == q.content => run.push(i),
            _ => out.push(vec![i]),
        }
    }
    out
}

/// Longest attribution context on either side of a quote, in bytes.
const WINDOW: usize = 400;

fn floor(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// Indices of the mentions inside `r`.
fn mentions_in(names: &Names<'_>, r: Range<usize>) -> Range<usize> {
    let a = names.mentions.partition_point(|m| m.range.start < r.start);
    let b = names.mentions.partition_point(|m| m.range.start < r.end);
    a..b.max(a)
}

struct Attribution {
    entity: Option<usize>,
    speaker: Option<String>,
    named: Option<String>,
    verb: Option<String>,
    at: usize,
}

pub(super) fn inside_quote(spans: &[QuoteSpan], pos: usize) -> bool {
    let k = spans.partition_point(|q| q.end <= pos);
    spans.get(k).is_some_and(|q| q.open <= pos)
}

/// A cue closing the sentence after words that continue the quotation
/// (`"..." and against the bill, Clinton said.`): the attribution after the last comma.
fn late_cue(
    text: &str,
    tail: Range<usize>,
    names: &Names<'_>,
    spans: &[QuoteSpan],
    g: &Gazetteer,
) -> Option<Attribution> {
    let t = &text[tail.clone()];
    let c = t.rfind(", ")?;
    if t[..c].contains(['.', '!', '?', ';', ':']) || c == 0 {
        return None;
    }
    attribute_tail(text, tail.start + c + 1..tail.end, names, spans, g)
}

/// Speaker from the text after the quote: `, he said`, `, said Yuri Ushakov`, `, Mr Trump told reporters`.
fn attribute_tail(
    text: &str,
    tail: Range<usize>,
    names: &Names<'_>,
    spans: &[QuoteSpan],
    g: &Gazetteer,
) -> Option<Attribution> {
    let ws = text::words(text, tail.clone());
    let first = ws.first()?;
    // Only punctuation between the quote and the first word.
    if !text[tail.start..first.start].chars().all(|c| c.is_whitespace() || ",.;:!?-—–)".contains(c)) {
        return None;
    }
    let w0 = &text[first.clone()];
    if let Some(_v) = g.verb(w0) {
        // Inversion: `said Yuri Ushakov`.
        let after = ws.get(1)?;
        if let Some(who) = subject_at(text, after.start, names, spans, g)
            .or_else(|| direct_subject(text, names, after.start, g, false))
        {
            return Some(Attribution { verb: Some(w0.to_string()), ..who });
        }
        // `added her colleague Tim Ross`: a person within a few lower-case words.
        // (Capitalised qualifiers may be mentions of their own: "said Democratic pollster Ann Lee".)
        let k0 = names.mentions.partition_point(|m| m.range.start < after.start);
        let k = (k0..names.mentions.len())
            .take_while(|&k| names.mentions[k].range.start - after.start < 60)
            .find(|&k| names.is_person(k))?;
        let m = &names.mentions[k];
        let gap = &text[after.start..m.range.start.max(after.start)];
        // Lower-case words or initials ("A. Dwight Pettit").
        let initials_ok = gap.split_whitespace().all(|w| {
            !w.contains('.') || (w.len() == 2 && w.starts_with(|c: char| c.is_ascii_uppercase()) && w.ends_with('.'))
        });
        if m.range.start - after.start < 60
            && gap.split_whitespace().count() <= 4
            && initials_ok
            && !gap.contains([',', ';', ':', '"', '“', '”'])
            && eligible(names, k)
        {
            return Some(names.attribution(k, Some(w0.to_string())));
        }
        return None;
    }
    if w0 == "according"
        && let Some(n) = ws.get(2)
        && ws.get(1).is_some_and(|t| &text[t.clone()] == "to")
    {
        let who = subject_at(text, n.start, names, spans, g)?;
        return Some(Attribution { verb: Some("according to".into()), ..who });
    }
    let Some(who) = subject_at(text, first.start, names, spans, g) else {
        // "..., the ministry said": the article does not belong to the name.
        let at = if text[first.clone()].eq_ignore_ascii_case("the") { ws.get(1)?.start } else { first.start };
        let who = direct_subject(text, names, at, g, true)?;
        let verb = text[who.at..].split_whitespace().nth(names.mentions[names.at(who.at)?].name.split(' ').count());
        return Some(Attribution { verb: verb.map(str::to_string), ..who });
    };
    // The first reporting verb after the subject, within the clause.
    for (k, w) in ws.iter().enumerate().filter(|(_, w)| w.start >= who.at).take(30) {
        let s = &text[w.clone()];
        if s.starts_with(char::is_lowercase) && names.cue_at(text, &ws, k, g).is_some() {
            return Some(Attribution { verb: Some(s.to_string()), ..who });
        }
    }
    None
}

/// A signature after a dash: `"..." ― Ann Lee` or `"..." - Ann Lee, Springfield`: a named
/// person and nothing but a place or punctuation after it.
fn dash_signature(text: &str, tail: Range<usize>, names: &Names<'_>) -> Option<Attribution> {
    let first = text::words(text, tail.clone()).first()?.clone();
    let gap = &text[tail.start..first.start];
    if !gap.contains(['-', '—', '–', '―']) || !gap.chars().all(|c| c.is_whitespace() || ".,-—–―".contains(c))
    {
        return None;
    }
    let at = first.start;
    let i = names.at(at)?;
    let m = &names.mentions[i];
    let after = text[m.range.end..].trim_start_matches([' ', '\t']);
    let ends = after.is_empty() || after.starts_with(['\n', '.', ',', '“', '"', '(']);
    (ends && m.name.contains(' ') && eligible(names, i)).then(|| names.attribution(i, None))
}

/// Speaker from the text before the quote: `Smith said:`, `said Smith:`, `Smith said the plan was`.
fn attribute_head(
    text: &str,
    head: Range<usize>,
    names: &Names<'_>,
    spans: &[QuoteSpan],
    g: &Gazetteer,
) -> Option<Attribution> {
    let ws = text::words(text, head.clone());
    // "according to X"
    for (k, w) in ws.iter().enumerate() {
        if &text[w.clone()] == "according"
            && ws.get(k + 1).is_some_and(|n| &text[n.clone()] == "to")
            && let Some(n) = ws.get(k + 2)
            && let Some(who) = subject_at(text, n.start, names, spans, g)
        {
            return Some(Attribution { verb: Some("according to".into()), ..who });
        }
    }
    let (vi, v) = ws.iter().enumerate().rev().find(|(k, w)| {
        text[(*w).clone()].starts_with(char::is_lowercase) && names.cue_at(text, &ws, *k, g).is_some()
    })?;
    let verb = text[v.clone()].to_string();
    // A participle after a comma (", adding that ...") has the clause's subject: its first name.
    if verb.ends_with("ing")
        && text[..v.start].trim_end().trim_end_matches(['"', '”', '’', '\'']).ends_with(',')
        && let Some(i) = mentions_in(names, head.start..v.start).find(|&i| {
            eligible(names, i)
                && !inside_quote(spans, names.mentions[i].range.start)
                && is_clause_subject(text, head.start, names.mentions[i].range.start, g)
        })
    {
        return Some(names.attribution(i, Some(verb)));
    }
    // Inversion (`said Smith: "..."`): not when the verb has its subject before it, nor for a
    // verb whose next name is its object (`told Smith`, `called Smith`), nor when the name
    // starts a reported clause (`said Smith was "..."`).
    let subject_before = vi > 0 && names.subject_ends_at(text, ws[vi - 1].end);
    if !subject_before
        && !g.verb(&verb).is_some_and(|b| OBJECT_VERBS.contains(&b))
        && let Some(n) = ws.get(vi + 1)
        && let Some(who) = subject_at(text, n.start, names, spans, g)
        && who.entity.is_some()
        && names.at(who.at).is_none_or(|i| {
            let after = text[names.mentions[i].range.end..head.end].trim_start();
            after.is_empty() || after.starts_with([',', ':', ';', '(', '—', '–', '-'])
        })
    {
        return Some(Attribution { verb: Some(verb), ..who });
    }
    // An apposition before the verb ("Smith, a lawyer for Jones, told ..."): the name before it.
    if let Some(i) = subject_before_apposition(text, head.start..v.start, names)
        && !inside_quote(spans, names.mentions[i].range.start)
    {
        return Some(names.attribution(i, Some(verb)));
    }
    // The nearest eligible subject before the verb, in the head.
    let before: Vec<usize> =
        mentions_in(names, head.start..v.start).filter(|&i| names.mentions[i].range.end <= v.start).collect();
    for &i in before.iter().rev() {
        let m = &names.mentions[i];
        if eligible(names, i) && !inside_quote(spans, m.range.start) {
            return Some(names.attribution(i, Some(verb)));
        }
    }
    // An organisation as the verb's own subject ("Acme said in a statement: ...").
    if let Some(&i) = before.last()
        && text[names.mentions[i].range.end..v.start] == *" "
        && names.entity_of[i].map_or(names.mentions[i].kind, |e| names.entities[e].kind) == Kind::Organisation
        && !inside_quote(spans, names.mentions[i].range.start)
        && let Some(who) = direct_subject(text, names, names.mentions[i].range.start, g, true)
    {
        return Some(Attribution { verb: Some(verb), ..who });
    }
    // A pronoun or description subject right before the verb.
    for w in ws[..vi].iter().rev().take(4) {
        if let Some(who) = subject_at(text, w.start, names, spans, g) {
            return Some(Attribution { verb: Some(verb), ..who });
        }
    }
    None
}

/// The person named just before an apposition that ends right before a verb:
/// `Smith, the only candidate to campaign in Ohio, told` → Smith.
fn subject_before_apposition(text: &str, r: Range<usize>, names: &Names<'_>) -> Option<usize> {
    let pre = text[r.clone()].trim_end().strip_suffix(',')?;
    let open = r.start + pre.rfind(',')?;
    let apposition = &text[open + 1..r.start + pre.len()];
    if apposition.contains(['.', ';', '"', '“', '”']) {
        return None;
    }
    let k = names.mentions.partition_point(|m| m.range.end < open);
    let m = names.mentions.get(k)?;
    (m.range.end == open && m.range.start >= r.start && eligible(names, k)).then_some(k)
}

/// The subject of a clause that introduces the quotation with a colon and no cue verb:
/// `Ruiz: "..."`, `Ruiz has since apologised: "..."`, `- Pollster Ann Lee: "..."`.
fn colon_subject(text: &str, head: Range<usize>, names: &Names<'_>, g: &Gazetteer) -> Option<Attribution> {
    let h = text[head.clone()].trim_end();
    if !h.ends_with(':') {
        return None;
    }
    let lead = h.len() - h.trim_start_matches(|c: char| c.is_whitespace() || "-—–•*".contains(c)).len();
    let i = mentions_in(names, head.clone()).next()?;
    let m = &names.mentions[i];
    let before = &text[head.start + lead..m.range.start];
    if !(before.is_empty() || is_role_prefix(before, g)) {
        return last_before_colon(text, head.start..head.start + h.len() - 1, names, g);
    }
    eligible(names, i).then(|| names.attribution(i, None))
}

/// A person named right before the colon, after a lower-case role or nothing, and not the
/// object of a verb that speaks to someone: `doesn't surprise pollster Ann Lee: "..."`.
fn last_before_colon(text: &str, r: Range<usize>, names: &Names<'_>, g: &Gazetteer) -> Option<Attribution> {
    let i = mentions_in(names, r.clone()).next_back()?;
    let m = &names.mentions[i];
    if m.range.end != r.end || !eligible(names, i) {
        return None;
    }
    let ws = text::words(text, r.start..m.range.start);
    let roles = ws.iter().rev().take_while(|w| g.roles.contains(&text[(*w).clone()].to_lowercase())).count();
    let verb = ws.iter().rev().nth(roles).map(|w| &text[w.clone()]);
    let spoken_to = verb.is_some_and(|v| g.verb(v).is_some_and(|b| OBJECT_VERBS.contains(&b)));
    (!spoken_to).then(|| names.attribution(i, None))
}

/// Reporting verbs (base forms) whose next name is the person spoken to or about.
const OBJECT_VERBS: &[&str] = &[
    "tell",
    "ask",
    "call",
    "urge",
    "warn",
    "remind",
    "describe",
    "credit",
    "accuse",
    "praise",
    "thank",
    "quote",
    "cite",
    "blame",
    "question",
    "dub",
    "label",
    "criticize",
    "criticise",
    "attack",
    "assure",
    "inform",
    "advise",
    "email",
    "interview",
    "address",
    "challenge",
    "press",
    "congratulate",
    "mock",
    "slam",
];

/// Whether a mention at `at` opens its clause: only an introductory phrase before it
/// ("On Monday, Smith ...", "Smith ..."), no verb of another clause.
fn is_clause_subject(text: &str, from: usize, at: usize, g: &Gazetteer) -> bool {
    let before = text[from..at].trim();
    before.is_empty() || (before.ends_with(',') && before.split_whitespace().count() <= 14) || is_role_prefix(before, g)
}

fn eligible(names: &Names<'_>, i: usize) -> bool {
    let m = &names.mentions[i];
    names.is_person(i)
        && !m.possessive
        && !m.prev_word.as_deref().is_some_and(|p| OBJECT_PREPS.contains(&p))
        && !super::entities::is_modifier(m, Gazetteer::get())
}

/// A subject starting at `at`: a person mention, a pronoun, or a description ("the US president").
fn subject_at(text: &str, at: usize, names: &Names<'_>, spans: &[QuoteSpan], g: &Gazetteer) -> Option<Attribution> {
    if let Some(i) = names.at(at)
        && names.is_person(i)
        && !names.mentions[i].possessive
    {
        // "Rubio spokesman Alex Conant": the name after the role speaks, not the one before.
        let i = role_then_name(text, names, i, g).unwrap_or(i);
        let (entity, speaker) = names.speaker(i);
        return Some(Attribution { entity, speaker: Some(speaker), named: names.named(i), verb: None, at });
    }
    let rest = &text[at..];
    let w: String = rest.chars().take_while(|c| c.is_alphabetic()).collect();
    let lw = w.to_lowercase();
    if let Some(who) = affiliation_subject(text, at, &lw, names, spans) {
        return Some(who);
    }
    if PRONOUNS.contains(&lw.as_str()) {
        let (entity, speaker) = antecedent(names, spans, at, None, pronoun_gender(&lw))?;
        return Some(Attribution { entity, speaker: Some(speaker), named: None, verb: None, at });
    }
    if lw == "the" {
        // "the US president", "the Kremlin spokesman", "the former adviser"
        let ws: Vec<&str> = rest.split_whitespace().skip(1).take(4).collect();
        if let Some(who) = age_description(names, spans, at, &ws, g) {
            return Some(who);
        }
        for (k, wk) in ws.iter().enumerate() {
            let cand = wk.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
            if g.roles.contains(&cand) {
                // "the driver's lawyer Paul Green", "the company's chief information security
                // officer Ann Lee": the name after the role's lower-case words is the speaker.
                let mut after = at + rest.find(*wk).unwrap_or(0) + wk.len();
                for w in text[after..].split(' ').skip(1).take(4) {
                    if !w.chars().all(|c| c.is_lowercase() || c == '-') || w.is_empty() {
                        break;
                    }
                    after += 1 + w.len();
                }
                if let Some(i) = names.at(ceil(text, after + 1))
                    && text[after..].starts_with(' ')
                    && eligible(names, i)
                {
                    let (entity, speaker) = names.speaker(i);
                    let named = names.named(i);
                    return Some(Attribution { entity, speaker: Some(speaker), named, verb: None, at: after + 1 });
                }
                let (entity, speaker) = antecedent(names, spans, at, Some(&cand), None)?;
                return Some(Attribution { entity, speaker: Some(speaker), named: None, verb: None, at });
            }
            if !(wk.chars().next().is_some_and(char::is_uppercase) || wk.ends_with("'s") || k < 2) {
                break;
            }
        }
    }
    // A mention starting a bit later (after a title in lower case: "president Trump").
    // Capitalised qualifiers may be mentions of their own ("Democratic pollster Ann Lee").
    let k0 = names.mentions.partition_point(|m| m.range.start < at);
    let k = (k0..names.mentions.len())
        .take_while(|&k| names.mentions[k].range.start - at < 50)
        .find(|&k| names.is_person(k))?;
    let m = &names.mentions[k];
    if is_role_prefix(&text[at..m.range.start], g) {
        return Some(names.attribution(k, None));
    }
    None
}

/// "the 34-year-old", "the 34-year-old driver", "the 20-year-old woman" as subject: the
/// nearest person of agreeing gender (a role noun must be that person's, as for "the driver").
fn age_description(
    names: &Names<'_>,
    spans: &[QuoteSpan],
    at: usize,
    ws: &[&str],
    g: &Gazetteer,
) -> Option<Attribution> {
    let age = ws.first()?.strip_suffix("-year-old")?;
    if age.is_empty() || !age.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let noun = ws.get(1).map(|w| w.trim_matches(|c: char| !c.is_alphabetic()).to_lowercase()).unwrap_or_default();
    let role = g.roles.contains(&noun).then_some(noun.as_str());
    let (entity, speaker) = antecedent(names, spans, at, role, super::gender::noun_gender(&noun))?;
    Some(Attribution { entity, speaker: Some(speaker), named: None, verb: None, at })
}

/// A party description as subject: `the Ohio Republican` is someone the story has named (the
/// one person nearby, else nobody); `a New Hampshire Democrat` is an unnamed speaker, kept
/// as written.
fn affiliation_subject(
    text: &str,
    at: usize,
    article: &str,
    names: &Names<'_>,
    spans: &[QuoteSpan],
) -> Option<Attribution> {
    if !["the", "a", "an", "one", "another"].contains(&article) {
        return None;
    }
    let ws = text::words(text, at..ceil(text, (at + 80).min(text.len())));
    let caps: Vec<&Range<usize>> =
        ws.iter().skip(1).take(5).take_while(|w| text[(*w).clone()].starts_with(char::is_uppercase)).collect();
    let k = caps.iter().position(|w| super::entities::AFFILIATIONS.contains(&&text[(*w).clone()]))?;
    let last = caps[k];
    let party = &text[last.clone()];
    if k == 0 || text[caps[0].start..last.end].contains(['.', ',', '\n']) {
        return None;
    }
    if article == "the" {
        let (entity, speaker) = antecedent(names, spans, at, Some(&party.to_lowercase()), None)?;
        return Some(Attribution { entity, speaker: Some(speaker), named: None, verb: None, at });
    }
    let phrase = format!("{article}{}", &text[at + article.len()..last.end]);
    Some(Attribution { entity: None, speaker: Some(phrase), named: None, verb: None, at })
}

/// The person named right after mention `i` and a lower-case role ("Smith campaign manager
/// Jon Kohan", "Clinton ally James Carville").
fn role_then_name(text: &str, names: &Names<'_>, i: usize, g: &Gazetteer) -> Option<usize> {
    let j = i + 1;
    let (m, n) = (&names.mentions[i], names.mentions.get(j)?);
    let gap = text.get(m.range.end..n.range.start)?;
    let lower = gap.split_whitespace().all(|w| w.chars().all(|c| c.is_lowercase() || c == '-'));
    (gap.starts_with(' ') && lower && is_role_prefix(gap, g) && names.is_person(j)).then_some(j)
}

/// An organisation or a name of unknown type as the grammatical subject of the cue itself
/// ("..., the ministry said", "said Pew Research."): it speaks, but never by inference.
fn direct_subject(text: &str, names: &Names<'_>, at: usize, g: &Gazetteer, verb_after: bool) -> Option<Attribution> {
    let i = names.at(at)?;
    let m = &names.mentions[i];
    if m.possessive
        || m.kind == Kind::Place
        || names.entity_of[i].is_some_and(|e| names.entities[e].kind == Kind::Place)
    {
        return None;
    }
    let after = &text[m.range.end..];
    let ok = if verb_after {
        let w: String = after.trim_start().chars().take_while(|c| c.is_alphabetic()).collect();
        after.starts_with(' ') && w.chars().next().is_some_and(char::is_lowercase) && g.verb(&w).is_some()
    } else {
        after.trim_start().starts_with(['.', ',', ';', ':']) || after.trim().is_empty()
    };
    if !ok {
        return None;
    }
    let (entity, speaker) = names.speaker(i);
    Some(Attribution { entity, speaker: Some(speaker), named: names.named(i), verb: None, at })
}

/// Whether the text after a quotation opens with a cue of its own (`, Smith said`,
/// `, said the lawyer`): then the quotation does not inherit the previous speaker.
fn has_own_cue(text: &str, tail: Range<usize>, g: &Gazetteer) -> bool {
    let ws = text::words(text, tail.clone());
    let Some(first) = ws.first() else { return false };
    text[tail.start..first.start].chars().all(|c| c.is_whitespace() || ",.;:!?-—–)".contains(c))
        && ws.iter().take(5).any(|w| {
            let s = &text[w.clone()];
            s.chars().next().is_some_and(char::is_lowercase) && g.verb(s).is_some()
        })
}

/// Words before a name that describe it: "president", "former manager", "opposition leader",
/// "UK defence secretary", "Ledger's", "Ledger Capitol Hill bureau chief" (at most four words,
/// the last a role noun or capitalised; six when the last is a role noun).
fn is_role_prefix(s: &str, g: &Gazetteer) -> bool {
    let ws: Vec<&str> = s.split_whitespace().collect();
    if ws.is_empty() || ws.len() > 6 || s.contains([',', '.', ';', ':', '"', '“', '”']) {
        return false;
    }
    let last = ws[ws.len() - 1];
    let role = g.roles.contains(&last.to_lowercase());
    (role || (ws.len() <= 4 && last.chars().next().is_some_and(char::is_uppercase)))
        && ws.iter().all(|w| w.chars().all(|c| c.is_alphanumeric() || "-.'’".contains(c)))
}

/// The nearest preceding person mention a pronoun or description can refer to.
/// Gender a title shows for a mention or its entity ('m' for "Mr Smith", 'f' for "Ms Smith").
fn gender_of(names: &Names<'_>, i: usize) -> Option<char> {
    const M: &[&str] = &["Mr", "Mr.", "Sir", "Lord", "King", "Prince", "Father"];
    const F: &[&str] = &["Ms", "Ms.", "Mrs", "Mrs.", "Miss", "Dame", "Lady", "Queen", "Princess", "Sister"];
    let mut titles: Vec<&str> = names.mentions[i].title.iter().map(String::as_str).collect();
    if let Some(e) = names.entity_of.get(i).copied().flatten() {
        titles.extend(names.entities[e].forms.keys().filter_map(|f| f.split(' ').next()));
    }
    let m = titles.iter().any(|t| M.contains(t));
    let f = titles.iter().any(|t| F.contains(t));
    match (m, f) {
        (true, false) => Some('m'),
        (false, true) => Some('f'),
        _ => names.entity_of.get(i).copied().flatten().and_then(|e| names.genders.get(e).copied().flatten()),
    }
}

fn pronoun_gender(p: &str) -> Option<char> {
    match p {
        "he" => Some('m'),
        "she" => Some('f'),
        _ => None,
    }
}

/// Abbreviated titles and the role nouns they stand for ("Gov." → governor).
const TITLE_ABBREVIATIONS: &[(&str, &str)] = &[
    ("gov", "governor"),
    ("sen", "senator"),
    ("rep", "representative"),
    ("lt", "lieutenant"),
    ("gen", "general"),
    ("col", "colonel"),
    ("maj", "major"),
    ("capt", "captain"),
    ("cmdr", "commander"),
    ("adm", "admiral"),
    ("sgt", "sergeant"),
    ("cpl", "corporal"),
    ("det", "detective"),
    ("insp", "inspector"),
    ("supt", "superintendent"),
    ("atty", "attorney"),
    ("prof", "professor"),
    ("pres", "president"),
    ("sec", "secretary"),
    ("amb", "ambassador"),
];

/// Whether a title or role phrase ("Indiana Gov.", "Kremlin spokesman") holds the role noun `r`
/// ("governor", "spokesman"), abbreviated titles read in full.
fn holds_role(phrase: &str, r: &str) -> bool {
    let lower = phrase.to_lowercase();
    lower.contains(r)
        || lower.split_whitespace().any(|w| {
            let w = w.trim_end_matches('.');
            TITLE_ABBREVIATIONS.iter().any(|(abbr, full)| *abbr == w && *full == r)
        })
}

fn antecedent(
    names: &Names<'_>,
    spans: &[QuoteSpan],
    at: usize,
    role: Option<&str>,
    gender: Option<char>,
) -> Option<(Option<usize>, String)> {
    let k = names.mentions.partition_point(|m| m.range.start < at);
    // Without a mention holding the role, a description refers to the only person nearby;
    // with two candidates it stays unresolved (no speaker rather than a wrong one).
    let mut fallback = None;
    let mut ambiguous = false;
    for i in (0..k).rev().take(40) {
        let m = &names.mentions[i];
        if at - m.range.start > 3000 {
            break;
        }
        if !eligible(names, i) || inside_quote(spans, m.range.start) {
            continue;
        }
        if let (Some(want), Some(has)) = (gender, gender_of(names, i))
            && want != has
        {
            continue;
        }
        if let Some(r) = role {
            let ent_roles = names.entity_of[i].map(|e| &names.entities[e].roles);
            let matches = ent_roles.is_some_and(|rs| rs.keys().any(|x| holds_role(x, r)))
                || m.title.as_deref().is_some_and(|t| holds_role(t, r));
            if !matches {
                match fallback {
                    None => fallback = Some(i),
                    Some(f) if names.speaker(f) != names.speaker(i) => ambiguous = true,
                    Some(_) => {}
                }
                continue;
            }
        }
        return Some(names.speaker(i));
    }
    fallback.filter(|_| !ambiguous).map(|i| names.speaker(i))
}

static MEDIUM: WordRegex = word_regex!(
    r"\b[Ii]n (?:his|her|their|its|a|an|the) ((?:[a-z][a-z-]* ){0,3}?(?:video address|address|speech|statement|interview|post|message|video|broadcast|briefing|press conference|news conference|conference|op-ed|letter|podcast|tweet|column|essay|memo|email|note))\b"
);

fn find_medium(text: &str, ctx: &[Range<usize>], g: &Gazetteer) -> Option<String> {
    for r in ctx {
        let s = &text[r.clone()];
        let mut i = 0;
        while let Some(off) = s[i..].find("on ") {
            let at = i + off;
            let ok_before = at == 0 || !s[..at].chars().next_back().is_some_and(char::is_alphanumeric);
            if ok_before {
                let rest = &s[at + 3..];
                // Longest platform name at this position.
                let mut best: Option<&str> = None;
                for (form, canon) in g.platforms.range::<str, _>(..) {
                    if rest.starts_with(form.as_str())
                        && !rest[form.len()..].chars().next().is_some_and(char::is_alphanumeric)
                        && best.is_none_or(|b: &str| b.len() < form.len())
                    {
                        best = Some(canon.as_str());
                        let _ = form;
                    }
                }
                if let Some(b) = best {
                    return Some(b.to_string());
                }
            }
            i = at + 3;
        }
        if let Some(c) = MEDIUM.for_text(s).captures(s) {
            return Some(c[1].to_string());
        }
    }
    None
}

fn find_via(text: &str, ctx: &[Range<usize>], names: &Names<'_>, _g: &Gazetteer) -> Option<String> {
    for r in ctx {
        for m in mentions_in(names, r.clone()).map(|i| &names.mentions[i]).filter(|m| m.range.end <= r.end) {
            let agency = matches!(m.known, Some(Known::Agency(_)))
                || text[m.range.end..].trim_start().starts_with("news agency");
            if !agency {
                continue;
            }
            let before = text[r.start..m.range.start].to_lowercase();
            let tail: Vec<&str> = before.split_whitespace().rev().take(3).collect();
            if tail.iter().any(|w| ["by", "to", "told", "according", "citing"].contains(w)) {
                return Some(match &m.known {
                    Some(Known::Agency(c)) => c.clone(),
                    _ => m.name.clone(),
                });
            }
        }
    }
    None
}

const INDIRECT_VERBS: &[&str] = &[
    "said",
    "says",
    "told",
    "tells",
    "added",
    "warned",
    "claimed",
    "claims",
    "insisted",
    "argued",
    "noted",
    "confirmed",
    "announced",
    "stressed",
    "emphasised",
    "emphasized",
    "admitted",
    "acknowledged",
    "denied",
    "suggested",
    "stated",
    "explained",
    "predicted",
    "promised",
    "believes",
    "conceded",
    "alleged",
    "contended",
    "maintained",
    "asserted",
    "indicated",
    "wrote",
    "posted",
    "tweeted",
    "reiterated",
    "vowed",
    "pledged",
    "declared",
];

/// Where the reported clause starts after `told <object>`: "told reporters the plan was dead",
/// "told the BBC he would stay" (the object is a few capitalised or audience words).
fn told_clause_start(text: &str, rest: &[&Range<usize>]) -> Option<usize> {
    const AUDIENCE: &[&str] = &[
        "reporters",
        "journalists",
        "the",
        "a",
        "an",
        "his",
        "her",
        "their",
        "local",
        "state",
        "news",
        "media",
        "press",
        "lawmakers",
        "parliament",
        "supporters",
        "residents",
        "viewers",
        "listeners",
        "audience",
        "crowd",
        "colleagues",
        "staff",
        "employees",
        "members",
        "officials",
        "police",
        "investigators",
        "court",
        "jury",
    ];
    const CLAUSE_START: &[&str] =
        &["he", "she", "it", "they", "we", "i", "there", "his", "her", "their", "this", "these", "those", "its", "our"];
    for (k, w) in rest.iter().enumerate().take(6) {
        let t = &text[(*w).clone()];
        let lower = t.to_lowercase();
        if k > 0 && (CLAUSE_START.contains(&lower.as_str()) || (lower == "the" && k > 1)) {
            return Some(w.start);
        }
        let object_word = AUDIENCE.contains(&lower.as_str()) || t.chars().next().is_some_and(char::is_uppercase);
        if !object_word {
            return None;
        }
    }
    None
}

/// Length of a dateline at the start of a sentence ("KIEV (Reuters) - ", "LONDON — ").
fn dateline_len(t: &str) -> usize {
    for sep in [" - ", " — ", " – ", " -"] {
        if let Some(i) = t.find(sep)
            && i < 80
        {
            let head = &t[..i];
            let letters: Vec<char> = head.chars().filter(|c| c.is_alphabetic()).collect();
            let first_word = head.split([' ', '(']).next().unwrap_or("");
            if !letters.is_empty()
                && first_word.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase)
                && first_word.chars().count() >= 2
            {
                return i + sep.len() + (t[i + sep.len()..].len() - t[i + sep.len()..].trim_start().len());
            }
        }
    }
    0
}

/// Reported speech: `Smith said the plan was ready ...`, `..., the minister said on Tuesday.`
fn indirect(text: &str, s: Range<usize>, names: &Names<'_>, spans: &[QuoteSpan], g: &Gazetteer) -> Option<Quote> {
    if s.len() > 3000 {
        return None;
    }
    let ws = text::words(text, s.clone());
    if ws.len() < 6 {
        return None;
    }
    let end_trim = {
        let t = text[s.clone()].trim_end_matches(|c: char| c == '.' || c == '!' || c.is_whitespace());
        s.start + t.len()
    };
    // "According to X, <clause>."
    if ws.len() > 4
        && text[ws[0].clone()].eq_ignore_ascii_case("according")
        && &text[ws[1].clone()] == "to"
        && let Some(who) = subject_at(text, ws[2].start, names, spans, g)
        && let Some(c) = text[who.at..end_trim].find(", ")
    {
        let start = who.at + c + 2;
        if text::words(text, start..end_trim).len() >= 4 {
            return Some(Quote {
                range: start..end_trim,
                content: start..end_trim,
                role: role_of(names, who.entity),
                entity: who.entity,
                speaker: who.speaker,
                named: who.named,
                verb: Some("according to".into()),
                kind: QuoteKind::Indirect,
                medium: None,
                via: None,
            });
        }
    }
    for (vi, v) in ws.iter().enumerate() {
        let vw = &text[v.clone()];
        if !INDIRECT_VERBS.contains(&vw) {
            continue;
        }
        // Subject right before the verb (an adverb or auxiliary may come between).
        let mut si = vi;
        while si > 0
            && ["also", "later", "earlier", "previously", "has", "had", "have", "then", "again"]
                .contains(&&text[ws[si - 1].clone()])
        {
            si -= 1;
        }
        if si == 0 {
            continue;
        }
        let subj_word = ws[si - 1].clone();
        // The mention ending at the subject word.
        let mi = mentions_in(names, s.start..subj_word.end).rev().take(3).find(|&i| {
            names.mentions[i].range.end == subj_word.end || names.mentions[i].range.end + 2 == subj_word.end
        });
        let who = match mi {
            Some(i) if eligible(names, i) => {
                let (entity, speaker) = names.speaker(i);
                Some((entity, speaker, names.named(i), names.mentions[i].range.start))
            }
            Some(_) => None,
            None => {
                let lw = text[subj_word.clone()].to_lowercase();
                if PRONOUNS.contains(&lw.as_str()) {
                    antecedent(names, spans, subj_word.start, None, pronoun_gender(&lw))
                        .map(|(e, n)| (e, n, None, subj_word.start))
                } else {
                    None
                }
            }
        };
        let Some((entity, speaker, named, subj_start)) = who else { continue };
        // "..., (foreign minister) Smith said on Wednesday."
        let pre = &text[s.start..subj_start];
        let comma = pre.rfind(',').filter(|&c| is_role_prefix(&pre[c + 1..], g) || pre[c + 1..].trim().is_empty());
        let comma_before = comma.is_some();
        let range = if let Some(c) = comma
            && ws.iter().filter(|w| w.start > v.end).count() <= 6
        {
            let t = text[s.start..s.start + c + 1].trim_end();
            let from = s.start + dateline_len(t);
            from..s.start + t.trim_end_matches(',').len()
        } else if !comma_before {
            // "X said (that) ..."; `told` needs its object first.
            let rest: Vec<&Range<usize>> = ws[vi + 1..].iter().collect();
            let that = rest.iter().take(10).position(|w| &text[(*w).clone()] == "that");
            let start = match (vw, that) {
                (_, Some(t)) if t <= 8 => rest.get(t + 1).map(|w| w.start),
                ("told" | "tells", _) => told_clause_start(text, &rest),
                _ => {
                    let first = rest.first().map(|w| &text[(*w).clone()]).unwrap_or("");
                    if OBJECT_PREPS.contains(&first) || first == "it" && rest.len() < 4 || g.verb(first).is_some() {
                        None
                    } else {
                        rest.first().map(|w| w.start)
                    }
                }
            };
            let Some(start) = start else { continue };
            start..end_trim
        } else {
            continue;
        };
        if range.start >= range.end || text::words(text, range.clone()).len() < 4 {
            continue;
        }
        return Some(Quote {
            content: range.clone(),
            range,
            role: role_of(names, entity),
            entity,
            speaker: Some(speaker),
            named,
            verb: Some(vw.to_string()),
            kind: QuoteKind::Indirect,
            medium: find_medium(text, std::slice::from_ref(&s), g),
            via: None,
        });
    }
    None
}
