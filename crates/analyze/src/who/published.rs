//! Statements one report publishes as its own text and another report quotes: a press release,
//! a blog post or a company notice in the story, quoted by an outlet ("…," the board said in a
//! statement). The publishing report has no quotation marks around the words, so the quote
//! finder sees nothing there; the quoting report names the speaker. The words the quote holds,
//! found unquoted in another report, become a quote of that report with the quoting report's
//! speaker, so the statement's group spans both.

use std::collections::HashMap;
use std::ops::Range;

use super::quotes::{Quote, QuoteKind};

/// Least words a quotation needs for its words, found elsewhere, to be one statement.
const LEAST_WORDS: usize = 10;
/// Words of the key a quotation is looked up by.
const KEY: usize = 6;
/// Least share of the quotation's words the unquoted passage must hold in one run.
const LEAST_SHARE: f64 = 0.6;

/// Lower-case words of a text with their byte ranges (letters and digits; apostrophes inside).
fn words(text: &str) -> Vec<(String, Range<usize>)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
        let inside = c.is_alphanumeric() || (start.is_some() && matches!(c, '\'' | '’'));
        match (inside, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                let w = text[s..i].trim_end_matches(['\'', '’']);
                out.push((w.to_lowercase().replace('’', "'"), s..s + w.len()));
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// One report's words, indexed by their [`KEY`]-word runs.
struct Indexed {
    words: Vec<(String, Range<usize>)>,
    runs: HashMap<Vec<String>, Vec<usize>>,
}

impl Indexed {
    fn new(text: &str) -> Self {
        let words = words(text);
        let mut runs: HashMap<Vec<String>, Vec<usize>> = HashMap::new();
        for i in 0..words.len().saturating_sub(KEY - 1) {
            runs.entry(words[i..i + KEY].iter().map(|w| w.0.clone()).collect()).or_default().push(i);
        }
        Indexed { words, runs }
    }

    /// The longest run of `q` (words) found in this report, as (first word of `q`, first word
    /// here, length).
    fn longest_run(&self, q: &[String]) -> Option<(usize, usize, usize)> {
        let mut best: Option<(usize, usize, usize)> = None;
        for qi in 0..q.len().saturating_sub(KEY - 1) {
            for &at in self.runs.get(&q[qi..qi + KEY]).into_iter().flatten() {
                let len = q[qi..].iter().zip(&self.words[at..]).take_while(|(a, b)| **a == b.0).count();
                if best.is_none_or(|b| len > b.2) {
                    best = Some((qi, at, len));
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
    let indexed: Vec<Indexed> = texts.iter().map(|t| Indexed::new(t)).collect();
    let mut added: Vec<Vec<Quote>> = vec![Vec::new(); texts.len()];
    for (a, qs) in quotes.iter().enumerate() {
        for q in qs.iter().filter(|q| q.speaker.is_some() && q.kind != QuoteKind::Indirect) {
            let qw: Vec<String> = words(&texts[a][q.range.clone()]).into_iter().map(|w| w.0).collect();
            if qw.len() < LEAST_WORDS {
                continue;
            }
            for (b, ix) in indexed.iter().enumerate().filter(|(b, _)| *b != a) {
                let Some((_, at, len)) = ix.longest_run(&qw) else { continue };
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
