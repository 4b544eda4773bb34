//! Statements one report publishes as its own text and another report quotes: a press release,
//! a blog post or a company notice in the story, quoted by an outlet ("…," the board said in a
//! statement). The publishing report has no quotation marks around the words, so the quote
//! finder sees nothing there; the quoting report names the speaker. The words the quote holds,
//! found unquoted in another report, become a quote of that report with the quoting report's
//! speaker, so the statement's group spans both.

use std::hash::Hasher;
use std::ops::Range;

use rustc_hash::{FxHashMap, FxHasher};

use super::quotes::{Quote, QuoteKind};

/// Least words a quotation needs for its words, found elsewhere, to be one statement.
const LEAST_WORDS: usize = 10;
/// Words of the key a quotation is looked up by.
const KEY: usize = 6;
/// Least share of the quotation's words the unquoted passage must hold in one run.
const LEAST_SHARE: f64 = 0.6;

/// Each word of a text (letters and digits; apostrophes inside) as a hash of its lower-case
/// form, with its byte range.
fn words(text: &str) -> Vec<(u64, Range<usize>)> {
    let mut out = Vec::new();
    let mut word: Option<(usize, usize, FxHasher)> = None;
    for (i, c) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
        let apostrophe = matches!(c, '\'' | '’');
        if c.is_alphanumeric() || (word.is_some() && apostrophe) {
            let (_, end, h) = word.get_or_insert_with(|| (i, i, FxHasher::default()));
            if !apostrophe {
                *end = i + c.len_utf8();
            }
            for l in c.to_lowercase() {
                h.write_u32(if apostrophe { u32::from('\'') } else { u32::from(l) });
            }
        } else if let Some((s, e, h)) = word.take() {
            out.push((h.finish(), s..e));
        }
    }
    out
}

/// The key of [`KEY`] word hashes.
fn key(ws: &[u64]) -> u64 {
    let mut h = FxHasher::default();
    ws.iter().for_each(|w| h.write_u64(*w));
    h.finish()
}

/// One report's words, indexed by their [`KEY`]-word runs.
struct Indexed {
    words: Vec<(u64, Range<usize>)>,
    runs: FxHashMap<u64, Vec<usize>>,
}

impl Indexed {
    fn new(text: &str) -> Self {
        let words = words(text);
        let hashes: Vec<u64> = words.iter().map(|w| w.0).collect();
        let mut runs: FxHashMap<u64, Vec<usize>> = FxHashMap::default();
        for (i, run) in hashes.windows(KEY).enumerate() {
            runs.entry(key(run)).or_default().push(i);
        }
        Indexed { words, runs }
    }

    /// The longest run of `q` (word hashes) found in this report, as (first word here, length).
    fn longest_run(&self, q: &[u64]) -> Option<(usize, usize)> {
        let mut best: Option<(usize, usize)> = None;
        for (qi, run) in q.windows(KEY).enumerate() {
            for &at in self.runs.get(&key(run)).into_iter().flatten() {
                let len = q[qi..].iter().zip(&self.words[at..]).take_while(|(a, b)| **a == b.0).count();
                if best.is_none_or(|b| len > b.1) {
                    best = Some((at, len));
                }
            }
        }
        best
    }
}

/// Adds to each report the statements it publishes unquoted that another report quotes.
pub fn add(texts: &[&str], quotes: &mut [Vec<Quote>]) {
    if texts.len() < 2 {
        return;
    }
    let long = |q: &Quote| q.speaker.is_some() && q.kind != QuoteKind::Indirect;
    if !quotes.iter().flatten().any(long) {
        return;
    }
    let indexed: Vec<Indexed> = texts.iter().map(|t| Indexed::new(t)).collect();
    let mut added: Vec<Vec<Quote>> = vec![Vec::new(); texts.len()];
    for (a, qs) in quotes.iter().enumerate() {
        for q in qs.iter().filter(|q| long(q)) {
            let qw: Vec<u64> = words(&texts[a][q.range.clone()]).into_iter().map(|w| w.0).collect();
            if qw.len() < LEAST_WORDS {
                continue;
            }
            for (b, ix) in indexed.iter().enumerate().filter(|(b, _)| *b != a) {
                let Some((at, len)) = ix.longest_run(&qw) else { continue };
                if len < LEAST_WORDS || (len as f64) < LEAST_SHARE * qw.len() as f64 {
                    continue;
                }
                let span = ix.words[at].1.start..ix.words[at + len - 1].1.end;
                let taken = |x: &Quote| x.content.start < span.end && span.start < x.content.end;
                if quotes[b].iter().any(taken) || added[b].iter().any(taken) {
                    continue;
                }
                added[b].push(Quote {
                    range: span.clone(),
                    content: span,
                    entity: q.entity,
                    speaker: q.speaker.clone(),
                    named: q.named.clone(),
                    role: q.role.clone(),
                    verb: None,
                    kind: QuoteKind::Direct,
                    medium: Some("statement".into()),
                    via: None,
                });
            }
        }
    }
    for (qs, extra) in quotes.iter_mut().zip(added) {
        if !extra.is_empty() {
            qs.extend(extra);
            qs.sort_by_key(|q| (q.range.start, q.range.end));
        }
    }
}
