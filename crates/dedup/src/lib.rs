//! Near-duplicate detection and passage-level text reuse.
//!
//! * [`copy_of`]: exact duplicates (hash of the normalised body) and near-duplicates (MinHash
//!   over 5-word shingles, LSH banding, estimated Jaccard ≥ [`NEAR_DUP_JACCARD`]). A copy
//!   points at the earliest report of its family (publication order, unknown dates last).
//! * [`text_reuse`]: aligned passages between the reports of one story, found by
//!   seed-and-extend on shared word 5-grams. Quoted speech is shared by reporting the same
//!   statement, not by copying, so a passage must hold at least [`MIN_PASSAGE_WORDS`] matched
//!   words outside quotation marks and is trimmed of quoted words at both ends.

pub mod minhash;

use std::cell::OnceCell;

use parallax_annotate::{Doc, flag};
use parallax_core::Article;
use parallax_core::report::TextReuse;
use rustc_hash::FxHashMap;

/// Estimated Jaccard similarity of 5-shingle sets above which a report is a near-copy.
pub const NEAR_DUP_JACCARD: f64 = 0.8;
/// Bodies shorter than this many words are only matched exactly.
pub const MIN_NEAR_DUP_WORDS: usize = 30;
/// Shingle length (words) for near-duplicates and passage seeds.
pub const SHINGLE: usize = 5;
/// Minimum matched words outside quotation marks for a passage.
pub const MIN_PASSAGE_WORDS: usize = 8;
/// Minimum matched words (outside quotes, over all passages) between two reports before any
/// passage is reported: one stock phrase shared by two reports is not evidence of copying.
pub const MIN_PAIR_WORDS: usize = 20;
/// A passage seed (5-gram) found in more reports than this is boilerplate and ignored.
const MAX_SEED_DOCS: usize = 50;

/// Processing order: publication date (unknown last), then input order.
fn publication_order(articles: &[Article]) -> Vec<usize> {
    let dates: Vec<_> = articles.iter().map(Article::published_date).collect();
    let mut order: Vec<usize> = (0..articles.len()).collect();
    order.sort_by_key(|&i| (dates[i].is_none(), dates[i], i));
    order
}

/// What near-duplicate detection keeps of one report: the hash of its word sequence and its
/// MinHash signature (long enough reports only).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prepared {
    key: Option<u128>,
    sig: Option<minhash::Signature>,
}

/// Prepares a report for [`copy_of_prepared`] from its annotation (body tokens only).
pub fn prepare(doc: &Doc) -> Prepared {
    prepare_keys(doc.body_tokens().iter().map(|t| t.key).collect())
}

/// [`prepare`] from the light annotation of a report's body
/// ([`parallax_annotate::light::words`]): the same result.
pub fn prepare_words(words: &[parallax_annotate::Word]) -> Prepared {
    prepare_keys(words.iter().map(|w| w.key).collect())
}

/// [`prepare`] from the case-folded keys of the body's words.
fn prepare_keys(wh: Vec<u64>) -> Prepared {
    let sig = if wh.len() >= MIN_NEAR_DUP_WORDS {
        minhash::signature(&minhash::shingles_of_hashes(&wh, SHINGLE))
    } else {
        None
    };
    let bytes: Vec<u8> = wh.iter().flat_map(|h| h.to_le_bytes()).collect();
    let key = (!wh.is_empty()).then(|| xxhash_rust::xxh3::xxh3_128(&bytes));
    Prepared { key, sig }
}

/// [`copy_of_prepared`] for articles annotated on the fly (light annotation of the body,
/// dropped as soon as it is read).
pub fn copy_of(articles: &[Article]) -> Vec<Option<usize>> {
    use rayon::prelude::*;
    let prepared: Vec<Prepared> =
        articles.par_iter().map(|a| prepare_words(&parallax_annotate::light::words(&a.body))).collect();
    copy_of_prepared(articles, &prepared)
}

/// [`copy_of_prepared`] for annotated articles (`docs[i]` annotates `articles[i]`).
pub fn copy_of_docs(articles: &[Article], docs: &[Doc]) -> Vec<Option<usize>> {
    use rayon::prelude::*;
    let prepared: Vec<Prepared> = docs.par_iter().map(prepare).collect();
    copy_of_prepared(articles, &prepared)
}

/// For each article, the index of the earlier article it is a (near-)copy of, if any
/// (always the first report of its family, never a copy itself).
pub fn copy_of_prepared(articles: &[Article], prepared: &[Prepared]) -> Vec<Option<usize>> {
    let order = publication_order(articles);
    let mut out = vec![None; articles.len()];
    // Keys and band hashes are uniform hashes already: Fx hashing, tables sized up front.
    let mut exact: FxHashMap<u128, usize> = FxHashMap::with_capacity_and_hasher(articles.len(), Default::default());
    let mut lsh = minhash::Lsh::with_capacity(16, prepared.iter().filter(|p| p.sig.is_some()).count());
    for &i in &order {
        let Prepared { key, sig } = &prepared[i];
        let Some(key) = key else { continue };
        if let Some(&j) = exact.get(key) {
            out[i] = Some(out[j].unwrap_or(j));
            continue;
        }
        exact.insert(*key, i);
        let Some(sig) = sig else { continue };
        let mut best: Option<(usize, f64)> = None;
        for j in lsh.candidates(sig) {
            let Some(other) = &prepared[j].sig else { continue };
            let jac = minhash::jaccard(sig, other);
            if jac >= NEAR_DUP_JACCARD && best.is_none_or(|(_, b)| jac > b) {
                best = Some((j, jac));
            }
        }
        match best {
            Some((j, _)) => out[i] = Some(out[j].unwrap_or(j)),
            // Only originals are indexed: copies point at the family's first report.
            None => lsh.insert(i, sig),
        }
    }
    out
}

/// One word of a body: its key, byte span, whether it stands inside quotes, its paragraph.
struct Word {
    norm: u64,
    start: usize,
    end: usize,
    quoted: bool,
    para: usize,
}

fn body_words(doc: &Doc) -> Vec<Word> {
    doc.body_tokens()
        .iter()
        .map(|t| Word {
            norm: t.key,
            start: t.start as usize,
            end: t.end as usize,
            quoted: t.is(flag::QUOTED),
            para: doc.sentences[t.sent as usize].para,
        })
        .collect()
}

/// Seed index: the (5-gram, article, position) of every 5-gram found more than once, grouped
/// by 5-gram (a dense id in order of first appearance) and in article then position order
/// within a group: one vector, where a map of lists allocated one list per distinct 5-gram
/// (most occur once).
fn seed_index(words: &[Vec<Word>]) -> Vec<(u32, usize, usize)> {
    let n = words.iter().map(|ws| ws.len().saturating_sub(SHINGLE - 1)).sum();
    let mut ids: FxHashMap<u64, u32> = FxHashMap::with_capacity_and_hasher(n, Default::default());
    let mut seeds = Vec::with_capacity(n);
    let mut count: Vec<u32> = Vec::with_capacity(n);
    for (d, ws) in words.iter().enumerate() {
        for (p, w) in ws.windows(SHINGLE).enumerate() {
            let next = ids.len() as u32;
            let id = *ids.entry(seed_hash(w)).or_insert(next);
            if id == next {
                count.push(0);
            }
            count[id as usize] += 1;
            seeds.push((id, d, p));
        }
    }
    seeds.retain(|&(id, _, _)| count[id as usize] > 1);
    // Stable: within a group the seeds stay in article then position order.
    seeds.sort_by_key(|&(id, _, _)| id);
    seeds
}

fn seed_hash(words: &[Word]) -> u64 {
    let mut h = 0x7365_6564_u64;
    for w in words {
        h = xxhash_rust::xxh3::xxh3_64_with_seed(&w.norm.to_le_bytes(), h);
    }
    h
}

/// Names under which an article's text is known: its wire agency and outlet.
fn provenance_names(a: &Article) -> Vec<String> {
    let mut names = Vec::new();
    for n in [a.wire_agency.as_deref(), a.outlet.as_deref()].into_iter().flatten() {
        let n = n.trim();
        let n = n.strip_prefix("The ").unwrap_or(n);
        if n.chars().filter(|c| c.is_alphanumeric()).count() >= 2 {
            names.push(n.to_lowercase());
        }
    }
    names
}

/// Whether a lower-cased text names one of `names` as whole words.
fn names_in(lower: &str, names: &[String]) -> bool {
    names.iter().any(|n| {
        lower.match_indices(n.as_str()).any(|(i, m)| {
            let before = lower[..i].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
            let after = lower[i + m.len()..].chars().next().is_none_or(|c| !c.is_alphanumeric());
            before && after
        })
    })
}

/// Which of two reports sharing text is its origin: the earlier publication; on a tie or an
/// unknown date, the report whose own outlet or agency produced it (a wire report over a
/// report without agency; a report the other credits by name); then input order.
/// `lower[i]` caches the lower-cased body of article `i` (pairs share articles).
fn origin_first(articles: &[Article], lower: &[OnceCell<String>], a: usize, b: usize) -> bool {
    let (x, y) = (&articles[a], &articles[b]);
    if let (Some(da), Some(db)) = (x.published_date(), y.published_date())
        && da != db
    {
        return da < db;
    }
    match (x.wire_agency.is_some(), y.wire_agency.is_some()) {
        (true, false) => return true,
        (false, true) => return false,
        _ => {}
    }
    let (nx, ny) = (provenance_names(x), provenance_names(y));
    let lower_of = |i: usize| lower[i].get_or_init(|| articles[i].body.to_lowercase()).as_str();
    match (names_in(lower_of(b), &nx), names_in(lower_of(a), &ny)) {
        (true, false) => return true,
        (false, true) => return false,
        _ => {}
    }
    a < b
}

/// Passages copied between the articles of one story (`docs[i]` annotates `articles[i]`).
pub fn text_reuse(articles: &[Article], docs: &[Doc]) -> Vec<TextReuse> {
    let words: Vec<Vec<Word>> = docs.iter().map(body_words).collect();
    // Matching seed positions per ordered pair of articles (a < b).
    let mut pairs: FxHashMap<(usize, usize), Vec<(usize, usize)>> = FxHashMap::default();
    for list in seed_index(&words).chunk_by(|x, y| x.0 == y.0) {
        let docs = 1 + list.windows(2).filter(|w| w[0].1 != w[1].1).count();
        if !(2..=MAX_SEED_DOCS).contains(&docs) || list.len() > 4 * MAX_SEED_DOCS {
            continue;
        }
        for (k, &(_, da, pa)) in list.iter().enumerate() {
            for &(_, db, pb) in &list[k + 1..] {
                if da < db {
                    pairs.entry((da, db)).or_default().push((pa, pb));
                } else if db < da {
                    pairs.entry((db, da)).or_default().push((pb, pa));
                }
            }
        }
    }
    let mut keys: Vec<(usize, usize)> = pairs.keys().copied().collect();
    keys.sort_unstable();
    let mut out = Vec::new();
    let lower: Vec<OnceCell<String>> = vec![OnceCell::new(); articles.len()];
    for (a, b) in keys {
        let mut seeds = pairs.remove(&(a, b)).unwrap_or_default();
        seeds.sort_unstable();
        seeds.dedup();
        let (from, to) = if origin_first(articles, &lower, a, b) { (a, b) } else { (b, a) };
        // Extend each seed along its diagonal into a maximal exact run.
        let mut runs: Vec<(usize, usize, usize)> = Vec::new(); // (pos in a, pos in b, len)
        let mut covered: rustc_hash::FxHashSet<(usize, usize)> = Default::default();
        for &(pa, pb) in &seeds {
            if covered.contains(&(pa, pb)) {
                continue;
            }
            let (wa, wb) = (&words[a], &words[b]);
            let (mut s_a, mut s_b) = (pa, pb);
            while s_a > 0 && s_b > 0 && wa[s_a - 1].norm == wb[s_b - 1].norm {
                s_a -= 1;
                s_b -= 1;
            }
            let mut len = 0;
            while s_a + len < wa.len() && s_b + len < wb.len() && wa[s_a + len].norm == wb[s_b + len].norm {
                covered.insert((s_a + len, s_b + len));
                len += 1;
            }
            // Passages stay inside one paragraph of each report.
            let mut start = 0;
            for k in 1..=len {
                if k == len || wa[s_a + k].para != wa[s_a + k - 1].para || wb[s_b + k].para != wb[s_b + k - 1].para {
                    runs.push((s_a + start, s_b + start, k - start));
                    start = k;
                }
            }
        }
        runs.sort_unstable();
        runs.dedup();
        let mut found = Vec::new();
        let mut pair_words = 0;
        for (pa, pb, len) in runs {
            let (pt, wt) = if to == a { (pa, &words[a]) } else { (pb, &words[b]) };
            let span = &wt[pt..pt + len];
            let Some(first) = span.iter().position(|w| !w.quoted) else { continue };
            let last = span.iter().rposition(|w| !w.quoted).unwrap_or(first);
            let unquoted = span.iter().filter(|w| !w.quoted).count();
            if unquoted < MIN_PASSAGE_WORDS {
                continue;
            }
            pair_words += unquoted;
            let (s, e) = (span[first].start, span[last].end);
            found.push((s, e, last - first + 1));
        }
        if pair_words < MIN_PAIR_WORDS {
            continue;
        }
        let names = provenance_names(&articles[from]);
        let to_body = &articles[to].body;
        for (s, e, length) in found {
            out.push(TextReuse {
                from: articles[from].source.clone(),
                to: articles[to].source.clone(),
                passage: to_body[s..e].to_string(),
                length,
                credited: !names.is_empty()
                    && credited_near(to_body, s, e, &names, articles[to].credit_line.as_deref()),
            });
        }
    }
    out.sort_by(|x, y| (&x.to, &x.from).cmp(&(&y.to, &y.from)));
    out
}

/// Whether an origin name stands in the passage's paragraph, the paragraphs next to it, or
/// the copy's credit line.
fn credited_near(body: &str, s: usize, e: usize, names: &[String], credit_line: Option<&str>) -> bool {
    if credit_line.is_some_and(|c| names_in(&c.to_lowercase(), names)) {
        return true;
    }
    let para_start = |from: usize| body[..from].rfind("\n\n").map_or(0, |i| i + 2);
    let para_end = |from: usize| body[from..].find("\n\n").map_or(body.len(), |i| from + i);
    let mut lo = para_start(s);
    if lo >= 2 {
        lo = para_start(lo - 2);
    }
    let mut hi = para_end(e);
    if hi + 2 < body.len() {
        hi = para_end(hi + 2);
    }
    names_in(&body[lo..hi].to_lowercase(), names)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn art(source: &str, body: &str) -> Article {
        Article { source: source.into(), body: body.into(), ..Default::default() }
    }

    #[test]
    fn exact_and_near_copies_point_at_the_first_report() {
        let text: String = (0..60).map(|i| format!("word{i} ")).collect();
        let near = text.replace("word59", "changed");
        let other: String = (0..60).map(|i| format!("other{i} ")).collect();
        let arts = vec![art("a", &text), art("b", &other), art("c", &text), art("d", &near)];
        assert_eq!(copy_of(&arts), vec![None, None, Some(0), Some(0)]);
    }

    #[test]
    fn passages_skip_quotes_and_need_enough_words() {
        let origin = "The minister, speaking to reporters in the capital late on Friday evening, said the plan was dead.\n\n\
                      “We will never accept this,” he said.\n\nOfficials in the northern province reported heavy flooding along the river valley after three days of rain.";
        let copy = "Our own intro here.\n\nThe minister, speaking to reporters in the capital late on Friday evening, said the plan was off.\n\n\
                    “We will never accept this,” he told them.\n\nOfficials in the northern province reported heavy flooding along the river valley after storms.";
        let mut a = art("orig", origin);
        a.wire_agency = Some("Reuters".into());
        let b = art("copy", copy);
        let arts = [b, a];
        let docs: Vec<Doc> = arts.iter().map(parallax_annotate::article).collect();
        let r = text_reuse(&arts, &docs);
        assert_eq!(r.len(), 2, "{r:#?}");
        assert!(r.iter().all(|t| t.from == "orig" && t.to == "copy" && !t.credited));
        assert_eq!(
            r[0].passage,
            "The minister, speaking to reporters in the capital late on Friday evening, said the plan was"
        );
        assert_eq!(
            r[1].passage,
            "Officials in the northern province reported heavy flooding along the river valley after"
        );
    }
}
