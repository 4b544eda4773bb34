//! Live blogs: detection, splitting into posts, and setting aside posts on other subjects.

use std::collections::BTreeSet;
use std::sync::LazyLock;

use regex::Regex;

use super::data::{GENERIC_TERMS, LIVE_MARKERS};
use super::units::sentences;

static TIMESTAMP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:(?:updated|posted|published)\s*:?\s*)?(?:\d{1,2}[:.]\d{2}\s*(?:am|pm)?(?:\s*(?:gmt|bst|utc|cet|cest|et|est|edt|pt|pdt))?|\d{1,3}\s*(?:min|mins|minutes?|h|hrs?|hours?)\s+ago|just now)$",
    )
    .expect("valid regex")
});

/// A line that only stamps the time of a live post (`10:45`, `2 hours ago`).
pub fn is_timestamp(line: &str) -> bool {
    line.len() <= 40 && TIMESTAMP.is_match(line.trim())
}

/// Whether the page is a live blog: a title marker or several timestamp lines.
pub fn is_live_blog(title: Option<&str>, timestamp_lines: usize) -> bool {
    let t = title.map(|t| parallax_core::text::fold(t).to_lowercase()).unwrap_or_default();
    LIVE_MARKERS.iter().any(|m| t.contains(m.as_str())) || timestamp_lines >= 3
}

const PRONOUN_STARTS: &[&str] = &[
    "he",
    "she",
    "it",
    "they",
    "his",
    "her",
    "its",
    "their",
    "this",
    "that",
    "these",
    "those",
    "but",
    "and",
    "however",
    "while",
    "whereas",
    "although",
    "though",
    "yet",
    "so",
    "also",
    "meanwhile",
    "mr",
    "mrs",
    "ms",
    "dr",
    "sir",
    "dame",
    "we",
    "i",
    "our",
    "such",
    "both",
    "neither",
    "still",
    "then",
    "instead",
    "earlier",
    "later",
    "separately",
];

static ATTRIBUTION_TAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:said|says|say|has said|have said|told|tells|reported|reports|has reported|have reported|announced|according to|confirmed|warned|claimed|wrote|posted)\b").expect("valid regex")
});

/// Whether a paragraph continues the current post (pronoun, quote, honorific, conjunction).
fn is_continuation(p: &str) -> bool {
    let first = p.chars().next().unwrap_or(' ');
    if matches!(first, '"' | '\u{201C}' | '\u{2018}' | '\'' | '[' | '(' | '-' | '\u{2013}' | '\u{2014}') {
        return true;
    }
    let w: String = p.split_whitespace().next().unwrap_or("").chars().filter(|c| c.is_alphabetic()).collect();
    let lw = w.to_lowercase();
    let lw = lw.trim_end_matches('s').to_string();
    PRONOUN_STARTS.contains(&lw.as_str()) || PRONOUN_STARTS.contains(&w.to_lowercase().as_str())
}

/// Whether a paragraph opens a new post: its first sentence ends with an attribution clause
/// after a comma ("..., the agency said on Tuesday."), the usual shape of a post's lead.
fn opens_post(p: &str) -> bool {
    let s = sentences(p).into_iter().next().unwrap_or(p);
    // The last two comma clauses ("..., the agency said, citing officials.").
    let clauses: Vec<&str> = s.split(',').collect();
    if clauses.len() < 2 {
        return false;
    }
    clauses[clauses.len().saturating_sub(2).max(1)..]
        .iter()
        .any(|c| !c.contains(['"', '\u{201C}', '\u{201D}']) && ATTRIBUTION_TAIL.is_match(c))
}

/// Splits paragraphs into posts. `stamps[i]` is true when a timestamp line came just before
/// paragraph `i`. Returns the start index of every post.
pub fn post_starts(paras: &[&str], stamps: &[bool]) -> Vec<usize> {
    let mut starts = vec![0usize];
    let any_stamps = stamps.iter().any(|&s| s);
    for (i, p) in paras.iter().enumerate().skip(1) {
        let new = if any_stamps { stamps[i] } else { !is_continuation(p) && opens_post(p) };
        if new {
            starts.push(i);
        }
    }
    starts
}

/// Content terms of a text: lower-cased words, light suffix stripping, stop and generic words out.
pub fn terms(s: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for raw in s.split(|c: char| !c.is_alphanumeric() && c != '-') {
        let w = raw.trim_matches('-').to_lowercase();
        if w.chars().count() < 3 || w.chars().all(|c| c.is_ascii_digit()) {
            continue;
        }
        if GENERIC_TERMS.contains(&w) || STOP.contains(&w.as_str()) {
            continue;
        }
        out.insert(stem(&w));
    }
    out
}

fn stem(w: &str) -> String {
    for suf in ["ians", "ian", "ies", "ing", "es", "ed", "s", "e", "a"] {
        if w.chars().count() > suf.len() + 3
            && let Some(s) = w.strip_suffix(suf)
        {
            return s.to_string();
        }
    }
    w.to_string()
}

const STOP: &[&str] = &[
    "the", "and", "for", "with", "that", "this", "from", "was", "were", "are", "has", "have", "had", "his", "her",
    "its", "their", "they", "them", "she", "him", "not", "but", "who", "whom", "which", "what", "when", "where", "why",
    "how", "all", "any", "been", "being", "into", "onto", "than", "then", "there", "these", "those", "out", "about",
    "our", "your", "you", "can", "did", "does", "doing", "per", "off", "only", "other", "some", "such", "very", "more",
    "most", "much", "many", "own", "same", "just", "because", "while", "during", "before", "between", "under", "again",
    "further", "once", "here", "both", "each", "few", "nor", "too", "upon", "via", "against", "without", "within",
    "would", "could", "should", "will", "shall", "might", "must", "may", "one", "two", "three", "mr", "mrs", "ms",
];

/// For each post (given as paragraph ranges), whether it is on the page's story: it must share
/// a core term with the headline and the lead paragraph (the headline alone when the lead post
/// shares none with it). Core terms are the content words the
/// headline and the lead share, minus those found in nearly every post (the blog's backdrop).
pub fn on_story(title: Option<&str>, posts: &[Vec<&str>]) -> Vec<bool> {
    let n = posts.len();
    if n < 3 {
        return vec![true; n];
    }
    let lead = posts[0].first().copied().unwrap_or("");
    let head_terms = title.map(terms).unwrap_or_default();
    let lead_terms = terms(lead);
    let post_terms: Vec<BTreeSet<String>> = posts.iter().map(|p| terms(&p.join(" "))).collect();
    let mut core: BTreeSet<String> = if head_terms.is_empty() {
        // Without a headline: the lead's words.
        lead_terms.clone()
    } else {
        let shared: BTreeSet<String> = head_terms.intersection(&lead_terms).cloned().collect();
        // A lead post on another subject (newest first) says nothing: use the headline alone.
        if shared.is_empty() { head_terms.clone() } else { shared }
    };
    let lead_on_story = head_terms.is_empty() || !head_terms.is_disjoint(&lead_terms);
    let df = |t: &String| post_terms.iter().filter(|p| p.contains(t)).count();
    let specific: BTreeSet<String> = core.iter().filter(|t| df(t) * 5 < n * 4).cloned().collect();
    if n >= 6 && !specific.is_empty() {
        core = specific;
    }
    if core.is_empty() {
        return vec![true; n];
    }
    post_terms
        .iter()
        .enumerate()
        .map(|(i, p)| (i == 0 && lead_on_story) || p.iter().any(|t| core.contains(t)))
        .collect()
}
