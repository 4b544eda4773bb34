//! Statements one report publishes as its own text and another report quotes: a press release,
//! a blog post or a company notice in the story, quoted by an outlet ("…," the board said in a
//! statement). The publishing report has no quotation marks around the words, so the quote
//! finder sees nothing there; the quoting report names the speaker. The words the quote holds,
//! found unquoted in another report, become a quote of that report with the quoting report's
//! speaker, so the statement's group spans both.

use std::hash::Hasher;

use parallax_annotate::{Doc, Token};
use rustc_hash::{FxHashMap, FxHasher};

use super::quotes::{Quote, QuoteKind};

/// Least words a quotation needs for its words, found elsewhere, to be one statement.
const LEAST_WORDS: usize = 10;
/// Words of the key a quotation is looked up by.
const KEY: usize = 6;
/// Least share of the quotation's words the unquoted passage must hold in one run.
const LEAST_SHARE: f64 = 0.6;

/// The key of [`KEY`] words (their case-folded forms).
fn key(ws: &[Token]) -> u64 {
    let mut h = FxHasher::default();
    ws.iter().for_each(|w| h.write_u64(w.key));
    h.finish()
}

/// One report's words (the `Doc`'s tokens), indexed by their [`KEY`]-word runs.
struct Indexed<'d> {
    words: &'d [Token],
    runs: FxHashMap<u64, Vec<usize>>,
}

impl<'d> Indexed<'d> {
    fn new(doc: &'d Doc) -> Self {
        let mut runs: FxHashMap<u64, Vec<usize>> = FxHashMap::default();
        for (i, run) in doc.tokens.windows(KEY).enumerate() {
            runs.entry(key(run)).or_default().push(i);
        }
        Indexed { words: &doc.tokens, runs }
    }

    /// The longest run of `q` (a quotation's tokens) found in this report, as (first token
    /// here, length).
    fn longest_run(&self, q: &[Token]) -> Option<(usize, usize)> {
        let mut best: Option<(usize, usize)> = None;
        for (qi, run) in q.windows(KEY).enumerate() {
            for &at in self.runs.get(&key(run)).into_iter().flatten() {
                let len = q[qi..].iter().zip(&self.words[at..]).take_while(|(a, b)| a.key == b.key).count();
                if best.is_none_or(|b| len > b.1) {
                    best = Some((at, len));
                }
            }
        }
        best
    }
}

/// Adds to each report the statements it publishes unquoted that another report quotes.
pub fn add(docs: &[&Doc], quotes: &mut [Vec<Quote>]) {
    if docs.len() < 2 {
        return;
    }
    let long = |q: &Quote| q.speaker.is_some() && q.kind != QuoteKind::Indirect;
    if !quotes.iter().flatten().any(long) {
        return;
    }
    let indexed: Vec<Indexed> = docs.iter().map(|d| Indexed::new(d)).collect();
    let mut added: Vec<Vec<Quote>> = vec![Vec::new(); docs.len()];
    for (a, qs) in quotes.iter().enumerate() {
        for q in qs.iter().filter(|q| long(q)) {
            let qw = &docs[a].tokens[docs[a].tokens_in(q.range.clone())];
            if qw.len() < LEAST_WORDS {
                continue;
            }
            for (b, ix) in indexed.iter().enumerate().filter(|(b, _)| *b != a) {
                let Some((at, len)) = ix.longest_run(qw) else { continue };
                if len < LEAST_WORDS || (len as f64) < LEAST_SHARE * qw.len() as f64 {
                    continue;
                }
                let span = ix.words[at].start as usize..ix.words[at + len - 1].end as usize;
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
