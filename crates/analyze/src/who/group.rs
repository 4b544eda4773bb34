//! The same statement across outlets: quote sentences of one speaker grouped by stemmed
//! content-word and synonym overlap.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;
use std::sync::OnceLock;

use rust_stemmers::{Algorithm, Stemmer};

use super::quotes::{Quote, QuoteKind};
use super::text;

const STOP: &[&str] = &[
    "a", "an", "the", "and", "or", "but", "if", "then", "so", "of", "to", "in", "on", "at", "by", "for", "with",
    "from", "as", "is", "are", "was", "were", "be", "been", "being", "am", "have", "has", "had", "do", "does", "did",
    "will", "would", "shall", "should", "can", "could", "may", "might", "must", "it", "its", "this", "that", "these",
    "those", "there", "here", "we", "us", "our", "you", "your", "i", "me", "my", "he", "him", "his", "she", "her",
    "they", "them", "their", "what", "which", "who", "whom", "how", "why", "when", "where", "not", "no", "all", "any",
    "some", "about", "into", "over", "than", "too", "very", "just", "also", "always", "only", "s", "t", "re", "ve",
    "ll", "d", "that's", "it's", "we're", "we'll", "i'm", "don't", "doesn't", "won't", "can't", "one", "out", "up",
    "now",
];

fn stemmer() -> &'static Stemmer {
    static S: OnceLock<Stemmer> = OnceLock::new();
    S.get_or_init(|| Stemmer::create(Algorithm::English))
}

fn synonyms() -> &'static BTreeMap<String, String> {
    static M: OnceLock<BTreeMap<String, String>> = OnceLock::new();
    M.get_or_init(|| {
        let mut m = BTreeMap::new();
        for l in include_str!("../../data/synonyms.txt").lines() {
            if l.starts_with('#') || l.trim().is_empty() {
                continue;
            }
            let stems: Vec<String> = l.split('|').map(|w| stemmer().stem(w.trim()).to_string()).collect();
            for s in &stems {
                m.entry(s.clone()).or_insert_with(|| stems[0].clone());
            }
        }
        m
    })
}

/// Loads the synonym classes.
pub fn warm_up() {
    synonyms();
}

/// Stemmed content words (synonyms mapped to one form), as the sorted, distinct ids
/// ([`parallax_annotate::form_id`]) of their forms.
pub fn content_stems(s: &str) -> Vec<u64> {
    let folded = s.replace('’', "'");
    let mut out: Vec<u64> =
        text::words(&folded, 0..folded.len()).into_iter().filter_map(|r| content_stem(&folded[r])).collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// Most words kept in a thread's [`content_stem`] cache before it is emptied.
const STEM_CACHE_MAX: usize = 1 << 16;

thread_local! {
    /// Word → its content stem id.
    static STEMS: crate::memo::Table<String, Option<u64>> = Default::default();
}

/// The id of a word's stem (its synonym class's), or `None` for a function word or a word
/// without letters.
fn content_stem(word: &str) -> Option<u64> {
    crate::memo::memo(&STEMS, word, STEM_CACHE_MAX, || {
        let w = word.to_lowercase();
        if STOP.contains(&w.as_str()) || !w.chars().any(char::is_alphabetic) {
            return None;
        }
        let st = stemmer().stem(w.trim_end_matches("'s")).to_string();
        let form = synonyms().get(&st).map_or(st.as_str(), String::as_str);
        Some(parallax_annotate::form_id(form))
    })
}

/// Number of ids two sorted, distinct id lists share.
fn shared(a: &[u64], b: &[u64]) -> usize {
    let mut n = 0;
    crate::sorted::for_common(a, b, |_| n += 1);
    n
}

/// One sentence of a quote.
#[derive(Debug, Clone)]
struct Unit {
    article: usize,
    quote: usize,
    para: usize,
    range: Range<usize>,
    stems: Vec<u64>,
    speaker: String,
}

/// Sentence ranges of a quote's text (split at sentence ends and paragraph breaks).
pub fn quote_sentences(body: &str, r: Range<usize>) -> Vec<(usize, Range<usize>)> {
    let mut out = Vec::new();
    for (para, p) in text::paragraphs(&body[r.clone()]).into_iter().enumerate() {
        let abs = r.start + p.start..r.start + p.end;
        // Skip a continuation mark at the start of a paragraph.
        let skip = body[abs.clone()].chars().take_while(|c| "\"“”„«".contains(*c)).map(char::len_utf8).sum::<usize>();
        let abs = abs.start + skip..abs.end;
        for s in text::sentences(body, abs, &[]) {
            if !body[s.clone()].trim().is_empty() {
                out.push((para, s));
            }
        }
    }
    out
}

fn similarity(a: &[u64], b: &[u64]) -> f64 {
    let inter = shared(a, b);
    let min = a.len().min(b.len());
    if inter < 2 || min == 0 {
        return 0.0;
    }
    inter as f64 / min as f64
}

const SAME_STATEMENT: f64 = 0.5;

/// Above this many quote sentences for one speaker in one story, sentences are not compared
/// pairwise (bounded time on pathological input).
const MAX_UNITS_PER_SPEAKER: usize = 3000;

/// A quote sentence without a speaker joins a named one of another article only when nearly
/// all its content words are in it (a fragment of the same sentence).
const FRAGMENT: f64 = 0.8;

/// Above this many comparisons, unattributed sentences are not compared (bounded time).
const MAX_FRAGMENT_PAIRS: usize = 2_000_000;

/// Candidate pairs (similarity, lower index, higher index) between unattributed units and
/// named units of other articles.
fn fragment_pairs(units: &[Unit], unknown: &[usize]) -> Vec<(f64, usize, usize)> {
    let mut out = Vec::new();
    if unknown.len().saturating_mul(units.len()) > MAX_FRAGMENT_PAIRS {
        return out;
    }
    for &i in unknown {
        for (j, u) in units.iter().enumerate() {
            if u.speaker.is_empty() || u.article == units[i].article {
                continue;
            }
            let s = similarity(&units[i].stems, &u.stems);
            if s >= FRAGMENT && shared(&units[i].stems, &u.stems) >= 3 {
                out.push((s, i.min(j), i.max(j)));
            }
        }
    }
    out
}

/// Two sentences of different outlets this close in content words, with at least
/// [`VERBATIM_MIN`] shared, are the same words quoted: one statement even when the outlets
/// credit different speakers (one of them has the attribution wrong).
const VERBATIM: f64 = 0.9;
const VERBATIM_MIN: usize = 5;

/// Candidate pairs of near-verbatim sentences of different speakers and articles.
fn verbatim_pairs(units: &[Unit]) -> Vec<(f64, usize, usize)> {
    let named: Vec<usize> = (0..units.len()).filter(|&i| !units[i].speaker.is_empty()).collect();
    let mut out = Vec::new();
    if named.len().saturating_mul(named.len()) > 2 * MAX_FRAGMENT_PAIRS {
        return out;
    }
    for (x, &i) in named.iter().enumerate() {
        for &j in &named[x + 1..] {
            let (a, b) = (&units[i], &units[j]);
            if a.article == b.article || a.speaker == b.speaker || a.stems.len().min(b.stems.len()) < VERBATIM_MIN {
                continue;
            }
            let s = similarity(&a.stems, &b.stems);
            if s >= VERBATIM {
                out.push((s, i, j));
            }
        }
    }
    out
}

/// One group: per article, the byte range of the statement and the quotes it comes from.
#[derive(Debug, Clone)]
pub struct Group {
    /// Speaker.
    pub speaker: String,
    /// Article → (byte range in that article's body, quote index).
    pub instances: BTreeMap<usize, (Range<usize>, usize)>,
}

use crate::dsu::find;

/// Groups the quotes of a story's articles. `quotes[a]` are article `a`'s quotes in `bodies[a]`.
pub fn group(bodies: &[&str], quotes: &[Vec<Quote>]) -> Vec<Group> {
    let mut out = Vec::new();
    for indirect in [false, true] {
        let mut units = Vec::new();
        for (a, qs) in quotes.iter().enumerate() {
            for (qi, q) in qs.iter().enumerate() {
                if (q.kind == QuoteKind::Indirect) != indirect {
                    continue;
                }
                // Quotes without a speaker may still join a named speaker's statement
                // (a fragment quoted in another outlet's sentence); they never form one alone.
                let speaker = q.speaker.clone().unwrap_or_default();
                for (para, r) in quote_sentences(bodies[a], q.range.clone()) {
                    let stems = content_stems(&bodies[a][r.clone()]);
                    units.push(Unit { article: a, quote: qi, para, range: r, stems, speaker: speaker.clone() });
                }
            }
        }
        out.extend(group_units(&units));
    }
    out
}

fn group_units(units: &[Unit]) -> Vec<Group> {
    let n = units.len();
    let mut parent: Vec<usize> = (0..n).collect();
    let mut by_speaker: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, u) in units.iter().enumerate() {
        by_speaker.entry(u.speaker.as_str()).or_default().push(i);
    }
    let mut sim_sum = vec![0.0f64; n];
    // Candidate pairs, most similar first; a merge is refused when it would give one article
    // two sentences that are not next to each other in the same quote (no chaining across
    // different statements).
    let mut pairs: Vec<(f64, usize, usize)> = Vec::new();
    for (speaker, ids) in &by_speaker {
        if ids.len() > MAX_UNITS_PER_SPEAKER || speaker.is_empty() {
            continue;
        }
        for (x, &i) in ids.iter().enumerate() {
            for &j in &ids[x + 1..] {
                if units[i].article == units[j].article {
                    continue;
                }
                let s = similarity(&units[i].stems, &units[j].stems);
                if s >= SAME_STATEMENT {
                    pairs.push((s, i, j));
                }
            }
        }
    }
    pairs.extend(fragment_pairs(units, by_speaker.get("").map_or(&[][..], Vec::as_slice)));
    let verbatim_pairs = verbatim_pairs(units);
    let verbatim: BTreeSet<(usize, usize)> = verbatim_pairs.iter().map(|p| (p.1, p.2)).collect();
    pairs.extend(verbatim_pairs);
    pairs.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    // Named speaker of each component ("" while none).
    let mut comp_speaker: Vec<&str> = units.iter().map(|u| u.speaker.as_str()).collect();
    // Component root → article → (quote, first unit, last unit).
    let mut spans: BTreeMap<usize, BTreeMap<usize, (usize, usize, usize)>> =
        (0..n).map(|i| (i, BTreeMap::from([(units[i].article, (units[i].quote, i, i))]))).collect();
    for (s, i, j) in pairs {
        let (ri, rj) = (find(&mut parent, i), find(&mut parent, j));
        if ri == rj {
            sim_sum[i] += s;
            sim_sum[j] += s;
            continue;
        }
        let (si, sj) = (comp_speaker[ri], comp_speaker[rj]);
        if !si.is_empty() && !sj.is_empty() && si != sj && !verbatim.contains(&(i, j)) {
            continue;
        }
        let (a, b) = (&spans[&ri], &spans[&rj]);
        let mut merged = a.clone();
        let mut ok = true;
        for (art, &(q, lo, hi)) in b {
            match merged.get(art).copied() {
                None => {
                    merged.insert(*art, (q, lo, hi));
                }
                Some((q2, lo2, hi2)) => {
                    // Same quote and adjacent or overlapping unit ranges.
                    if q2 != q || lo > hi2 + 1 || lo2 > hi + 1 {
                        ok = false;
                        break;
                    }
                    merged.insert(*art, (q, lo.min(lo2), hi.max(hi2)));
                }
            }
        }
        if !ok {
            continue;
        }
        parent[ri] = rj;
        comp_speaker[rj] = if sj.is_empty() { si } else { sj };
        spans.remove(&ri);
        spans.insert(rj, merged);
        sim_sum[i] += s;
        sim_sum[j] += s;
    }
    // Components.
    let mut comps: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for i in 0..n {
        let r = find(&mut parent, i);
        comps.entry(r).or_default().push(i);
    }
    // Single-article components: consecutive sentences of one quote paragraph form one group.
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut single_of: BTreeMap<usize, usize> = BTreeMap::new();
    for members in comps.values() {
        let arts: BTreeSet<usize> = members.iter().map(|&i| units[i].article).collect();
        if members.iter().all(|&i| units[i].speaker.is_empty()) {
            continue;
        }
        if arts.len() > 1 {
            groups.push(members.clone());
        } else {
            for &i in members.iter().filter(|&&i| !units[i].speaker.is_empty()) {
                single_of.insert(i, usize::MAX);
            }
        }
    }
    let mut run: Vec<usize> = Vec::new();
    for i in 0..n {
        if !single_of.contains_key(&i) {
            continue;
        }
        if let Some(&last) = run.last() {
            let (l, u) = (&units[last], &units[i]);
            if !(l.article == u.article && l.quote == u.quote && l.para == u.para && last + 1 == i) {
                groups.push(std::mem::take(&mut run));
            }
        }
        run.push(i);
    }
    if !run.is_empty() {
        groups.push(run);
    }
    let mut out: Vec<Group> = groups
        .into_iter()
        .map(|members| {
            let mut per: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
            for &i in &members {
                per.entry(units[i].article).or_default().push(i);
            }
            let instances = per
                .into_iter()
                .map(|(a, mut ids)| {
                    ids.sort();
                    let contiguous = ids.windows(2).all(|w| w[1] == w[0] + 1 && units[w[0]].quote == units[w[1]].quote);
                    let range = if contiguous {
                        units[ids[0]].range.start..units[*ids.last().unwrap_or(&ids[0])].range.end
                    } else {
                        let best = ids
                            .iter()
                            .copied()
                            .max_by(|&x, &y| sim_sum[x].total_cmp(&sim_sum[y]).then(y.cmp(&x)))
                            .unwrap_or(ids[0]);
                        units[best].range.clone()
                    };
                    (a, (range, units[ids[0]].quote))
                })
                .collect();
            Group { speaker: majority_speaker(units, &members), instances }
        })
        .collect();
    out.sort_by_key(|g| g.instances.iter().next().map(|(a, (r, _))| (*a, r.start)).unwrap_or((usize::MAX, 0)));
    out
}

/// The speaker most outlets credit (ties: the one named first).
fn majority_speaker(units: &[Unit], members: &[usize]) -> String {
    let mut outlets: Vec<(&str, BTreeSet<usize>)> = Vec::new();
    for &i in members {
        let u = &units[i];
        if u.speaker.is_empty() {
            continue;
        }
        match outlets.iter_mut().find(|(s, _)| *s == u.speaker) {
            Some((_, arts)) => {
                arts.insert(u.article);
            }
            None => outlets.push((&u.speaker, BTreeSet::from([u.article]))),
        }
    }
    let best = outlets.iter().map(|(_, a)| a.len()).max().unwrap_or(0);
    outlets.iter().find(|(_, a)| a.len() == best).map_or_else(String::new, |(s, _)| s.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn translations_share_stems() {
        let a = content_stems("We have a positive attitude towards any peace initiatives,");
        let b = content_stems("always looked positively on any peace initiatives.");
        assert!(similarity(&a, &b) >= SAME_STATEMENT);
        let c = content_stems("And we are expecting a clear response from Moscow,");
        let d = content_stems("clear answer from Moscow");
        assert!(similarity(&c, &d) >= SAME_STATEMENT);
    }
}
