//! Online, time-aware story clustering.
//!
//! Reports are taken in publication order (unknown dates last, then input order). Each one
//! is compared with the open stories that share its heaviest terms — fetched through an
//! inverted index, never all pairs — and joins the best one whose similarity, after a time
//! decay, reaches the threshold; otherwise it starts a new story. Similarity is the cosine
//! between the report's TF-IDF vector (sublinear tf, proper nouns and numbers weighted up,
//! title words counted twice) and the story centroid. A report and a story that both name
//! someone or something must share at least one name (a capitalised word inside a sentence,
//! or a number of three or more characters): words alone (sign-up notices, archive blurbs)
//! do not make a story. Near-copies (see `parallax_dedup`) join the story of their origin
//! directly. A second pass gives reports left alone a lower bar; an optional merge pass
//! joins stories that converged. In either pass a report that scores nearly as well with a
//! second, different story joins neither (an opinion piece or round-up about two events).
//!
//! Cost: `O(n · k · L)` for `n` reports, `k` query terms and at most `L` postings read per
//! term, so linear in the number of reports.

mod df;
pub mod eval;
pub mod features;

use chrono::NaiveDate;
use parallax_core::Article;
use rayon::prelude::*;

use df::NO_ID;
use features::{SparseVec, TermMap, dot, top_sorted};

/// Tuning parameters of the clustering.
#[derive(Debug, Clone, PartialEq)]
pub struct Params {
    /// Terms kept per report vector (heaviest TF-IDF weights).
    pub keep_terms: usize,
    /// Weight of a title word relative to a body word.
    pub title_weight: f32,
    /// Extra weight of proper nouns and numbers (1.0 = counted twice).
    pub name_boost: f32,
    /// Minimum (decayed) cosine between a report and a story centroid to join it.
    pub threshold: f32,
    /// Terms kept in a story centroid.
    pub centroid_terms: usize,
    /// Time scale of the decay, in days: a gap of this many days halves the similarity.
    pub decay_days: f32,
    /// A report must also reach this fraction of the story's cohesion (the mean score with
    /// which its members joined it): a tight story asks for more than a loose one. Both
    /// passes ask for it (not the ratio test of `clear_threshold`).
    pub cohesion_ratio: f32,
    /// Similarity factor when only one side (report or story) has a known date: the time
    /// relation is unknown, so more textual evidence is asked for.
    pub unknown_date_factor: f32,
    /// A story with no report within this many days of a new report is closed for it.
    pub open_days: i64,
    /// Heaviest report terms used to fetch candidate stories.
    pub query_terms: usize,
    /// At most this many most recent postings are read per term.
    pub max_postings: usize,
    /// At most this many candidate stories are scored exactly per report.
    pub max_candidates: usize,
    /// Second pass: a report left alone joins its best story if the score reaches this
    /// (above 1.0 disables it).
    pub singleton_threshold: f32,
    /// Minimum centroid cosine for the merge pass (above 1.0 disables it).
    pub merge_threshold: f32,
    /// How a story is scored: 0 = cosine with the centroid, 1 = mean cosine with its
    /// members (average link); values between interpolate.
    pub link: f32,
    /// Pseudo-documents added to the collection size in the idf (`ln((n + prior) / (df + 1))`),
    /// so that in a small batch a term shared by every report still weighs as a fairly rare
    /// term rather than as a stop word.
    pub idf_prior_docs: f32,
    /// Exponent of the idf factor (above 1 favours rare terms more).
    pub idf_power: f32,
    /// A report joins a story only if they share a name term, when both have names.
    pub name_gate: bool,
    /// A report is left alone (in either pass) when another story it may join scores at least
    /// this fraction of its best story's score and the two stories are not alike (centroid
    /// cosine below `threshold`): a report as close to two different stories names neither
    /// event specifically (an opinion piece, a topic round-up). Above 1.0 disables it.
    pub ambiguity_ratio: f32,
    /// Second pass: a report left alone also joins its best story when that scores at least
    /// `clear_threshold` and the best other story it may join (open, names agreeing; one must
    /// exist) at most `clear_ratio` of that score: a story clearly nearer than a rival is
    /// evidence of its own, even below `singleton_threshold` (the ratio test of
    /// nearest-neighbour matching).
    /// A batch with many stories of one kind gives most reports a close runner-up, so the
    /// rule asks for more there. `clear_threshold` above 1.0 disables it.
    pub clear_threshold: f32,
    /// See `clear_threshold`.
    pub clear_ratio: f32,
}

impl Default for Params {
    fn default() -> Self {
        Params {
            keep_terms: 80,
            title_weight: 2.0,
            name_boost: 1.0,
            threshold: 0.18,
            centroid_terms: 300,
            decay_days: 7.0,
            unknown_date_factor: 1.0,
            cohesion_ratio: 0.5,
            open_days: 45,
            query_terms: 30,
            max_postings: 400,
            max_candidates: 24,
            merge_threshold: 2.0,
            singleton_threshold: 0.13,
            idf_power: 1.25,
            idf_prior_docs: 100.0,
            link: 0.0,
            name_gate: true,
            ambiguity_ratio: 0.95,
            clear_threshold: 0.08,
            clear_ratio: 0.4,
        }
    }
}

/// Groups articles into stories; each story lists article indices, in publication order.
/// Stories are ordered by their first member. Each article's body is annotated on the fly
/// (light annotation, [`parallax_annotate::light`]) and its annotation dropped once read, so memory stays small on large batches.
pub fn cluster(articles: &[Article]) -> Vec<Vec<usize>> {
    cluster_and_copies(articles, &Params::default()).0
}

/// Each article annotated once (light annotation of its body, dropped once read) for both
/// near-copy detection and clustering features, and the report vectors made.
pub struct Prepared {
    /// Near-copy links (`copies[i] = Some(j)`: article `i` copies article `j`).
    pub copies: Vec<Option<usize>>,
    vecs: Vec<SparseVec>,
    unique: Vec<u128>,
    ids: TermIds,
    names: Vec<Vec<u64>>,
}

/// Annotates every article once, finds the near-copies and makes the report vectors with the
/// parameters `p` ([`Prepared`]).
pub fn prepare(articles: &[Article], p: &Params) -> Prepared {
    let (prepared, features): (Vec<parallax_dedup::Prepared>, Vec<(SparseVec, Vec<u64>)>) = articles
        .par_iter()
        .map(|a| {
            let words = parallax_annotate::light::words(&a.body);
            (parallax_dedup::prepare_words(&words), compact_features(a, &words, p))
        })
        .unzip();
    let (counts, names): (Vec<SparseVec>, Vec<Vec<u64>>) = features.into_iter().unzip();
    // Near-copies are found in one pass in publication order, on one thread; the vectors need
    // no near-copy links: they are made meanwhile.
    let (copies, (vecs, unique, ids)) = rayon::join(
        || {
            let copies = parallax_dedup::copy_of_prepared(articles, &prepared);
            drop(prepared);
            copies
        },
        || tfidf_all(counts, p),
    );
    Prepared { copies, vecs, unique, ids, names }
}

/// Clusters prepared articles; returns the stories and the near-copy links.
pub fn cluster_prepared(articles: &[Article], prep: Prepared, p: &Params) -> (Vec<Vec<usize>>, Vec<Option<usize>>) {
    let Prepared { copies, vecs, unique, ids, names } = prep;
    (cluster_indexed(articles, &vecs, &names, (&unique, Some(&ids)), &copies, p), copies)
}

/// [`cluster`] with parameters, also returning the near-copy links; one annotation per article.
pub fn cluster_and_copies(articles: &[Article], p: &Params) -> (Vec<Vec<usize>>, Vec<Option<usize>>) {
    cluster_prepared(articles, prepare(articles, p), p)
}

/// [`cluster`] for annotated articles (`docs[i]` annotates `articles[i]`).
pub fn cluster_docs(articles: &[Article], docs: &[parallax_annotate::Doc]) -> Vec<Vec<usize>> {
    cluster_docs_with(articles, docs, &parallax_dedup::copy_of_docs(articles, docs))
}

/// [`cluster_docs`] with near-copy links already found (`copies[i] = Some(j)`: `i` copies `j`).
pub fn cluster_docs_with(
    articles: &[Article],
    docs: &[parallax_annotate::Doc],
    copies: &[Option<usize>],
) -> Vec<Vec<usize>> {
    let p = Params::default();
    let (counts, names): (Vec<SparseVec>, Vec<Vec<u64>>) = articles
        .par_iter()
        .zip(docs)
        .map(|(a, d)| compact(features::term_features_doc(a, d, p.title_weight, p.name_boost)))
        .unzip();
    let (vecs, unique, ids) = tfidf_all(counts, &p);
    cluster_indexed(articles, &vecs, &names, (&unique, Some(&ids)), copies, &p)
}

/// Term counts as sorted pairs (compact in memory) and name terms of one article.
fn compact_features(a: &Article, body: &[parallax_annotate::Word], p: &Params) -> (SparseVec, Vec<u64>) {
    compact(features::term_features_words(a, body, p.title_weight, p.name_boost))
}

/// Term counts as sorted pairs.
fn compact((c, names): (TermMap<f32>, Vec<u64>)) -> (SparseVec, Vec<u64>) {
    let mut c: Vec<(u64, f32)> = c.into_iter().collect();
    c.sort_unstable_by_key(|&(t, _)| t);
    (c, names)
}

/// Processing order: publication date (unknown last), then input order.
pub fn publication_order(articles: &[Article]) -> Vec<usize> {
    let dates: Vec<Option<NaiveDate>> = articles.iter().map(Article::published_date).collect();
    let mut order: Vec<usize> = (0..articles.len()).collect();
    order.sort_by_key(|&i| (dates[i].is_none(), dates[i], i));
    order
}

/// Report vectors (TF-IDF over the whole input, see [`Params`]).
pub fn vectors(articles: &[Article], p: &Params) -> Vec<SparseVec> {
    report_features(articles, p).0
}

/// Report vectors and name terms (see [`features::term_features`]).
pub fn report_features(articles: &[Article], p: &Params) -> (Vec<SparseVec>, Vec<Vec<u64>>) {
    // Compact per-report counts (sorted pairs) so that large batches stay small in memory.
    let (counts, names): (Vec<SparseVec>, Vec<Vec<u64>>) =
        articles.par_iter().map(|a| compact_features(a, &parallax_annotate::light::words(&a.body), p)).unzip();
    (tfidf_all(counts, p).0, names)
}

/// TF-IDF vectors of all reports' counts (idf over this batch, see [`Params`]); each report's
/// counts are dropped as soon as its vector is made. Also returns, for each report, the mask of
/// its vector's terms that no other report holds ([`unique_terms`]), and the ids of its
/// vector's terms ([`TermIds`]).
fn tfidf_all(counts: Vec<SparseVec>, p: &Params) -> (Vec<SparseVec>, Vec<u128>, TermIds) {
    let dfs = df::doc_freqs(&counts, false).dfs;
    let n = counts.len() as f32;
    let idf_of = |d: u32| (((n + p.idf_prior_docs + 1.0) / (d as f32 + 1.0)).ln() + 1.0).powf(p.idf_power);
    // idf depends on the document frequency only, which is at most the number of reports:
    // each frequency's idf is computed once (a large batch has millions of terms held by
    // hundreds of reports or more).
    let idf: Vec<f32> = (0..=counts.len() as u32).map(idf_of).collect();
    let (vecs, unique): (Vec<SparseVec>, Vec<u128>) = counts
        .into_par_iter()
        .zip(dfs)
        .map(|(c, d)| {
            let idfs: Vec<f32> = d.iter().map(|&d| idf[d as usize]).collect();
            let v = features::tfidf_weighted(&c, &idfs, p.keep_terms);
            let unique = unique_terms(&c, &d, &v);
            (v, unique)
        })
        .unzip();
    let ids = TermIds::shared(&vecs);
    (vecs, unique, ids)
}

/// Dense term ids (`0..len`) for the inverted index, so that it is a flat array rather than a
/// hash table of millions of terms: `ids[i][k]` is the id of term `k` of report `i`'s vector,
/// or [`NO_ID`] for a term that no other vector holds (the main and second passes look up and
/// post vector terms only: no other report looks it up). Made by counting the vectors' terms
/// ([`TermIds::shared`]), or, for the merge pass, with an id for every term ([`TermIds::of`],
/// which also keeps `map`, term → id: the merge pass looks up centroid terms).
struct TermIds {
    ids: Vec<Vec<u32>>,
    len: usize,
    map: TermMap<u32>,
}

impl TermIds {
    /// An id for every term that two vectors or more hold ([`df::doc_freqs`] of the vectors,
    /// whose terms are sorted and distinct).
    fn shared(vecs: &[SparseVec]) -> TermIds {
        let df::DocFreqs { ids, bases, .. } = df::doc_freqs(vecs, true);
        let ids = vecs
            .par_iter()
            .zip(ids)
            .map(|(v, mut ids)| {
                for (id, &(t, _)) in ids.iter_mut().zip(v) {
                    *id = bases.global(t, *id);
                }
                ids
            })
            .collect();
        TermIds { ids, len: bases.len, map: TermMap::default() }
    }

    /// An id for every term of the vectors.
    fn of(vecs: &[SparseVec]) -> TermIds {
        let mut map = TermMap::default();
        let ids = vecs
            .iter()
            .map(|v| {
                v.iter()
                    .map(|&(t, _)| {
                        let next = map.len() as u32;
                        *map.entry(t).or_insert(next)
                    })
                    .collect()
            })
            .collect();
        TermIds { ids, len: map.len(), map }
    }
}

/// Bit `k` is set when term `k` of `v` (at most the first 128) is held by no other report
/// (`dfs[j]`, the document frequency of `counts[j]`, is 1). Such a term fetches no candidate
/// and need not be posted in the index: no other report will ever look it up.
fn unique_terms(counts: &[(u64, f32)], dfs: &[u32], v: &SparseVec) -> u128 {
    let mut mask = 0u128;
    let mut j = 0;
    for (k, &(t, _)) in v.iter().enumerate().take(128) {
        j += counts[j..].partition_point(|e| e.0 < t);
        if counts.get(j).is_some_and(|e| e.0 == t) && dfs[j] == 1 {
            mask |= 1 << k;
        }
    }
    mask
}

/// Whether term `k` of a report's vector is held by that report only (see [`unique_terms`]).
fn is_unique(mask: u128, k: usize) -> bool {
    k < 128 && mask & (1 << k) != 0
}

/// The inverted index: term id ([`TermIds`]) → the stories posted under it, oldest first.
/// Most terms of a large batch name one story only (a rare name, a misspelling); those keep
/// their story inline in `heads` rather than in a list of their own, which halves the index's
/// memory. A head is [`NO_ID`] (no story), a story, or [`MANY`] and the index of its list.
struct Postings {
    heads: Vec<u32>,
    lists: Vec<Vec<u32>>,
}

/// The bit of a head ([`Postings::heads`]) that marks a list.
const MANY: u32 = 1 << 31;

impl Postings {
    /// An empty index for ids `0..ids`.
    fn new(ids: usize) -> Postings {
        Postings { heads: vec![NO_ID; ids], lists: Vec::new() }
    }

    /// Posts `story` under term `id` (nothing for [`NO_ID`]: no other report looks it up).
    fn push(&mut self, id: u32, story: u32) {
        let Some(h) = self.heads.get_mut(id as usize) else { return };
        if *h == NO_ID {
            *h = story;
        } else if *h & MANY == 0 {
            let first = std::mem::replace(h, MANY | self.lists.len() as u32);
            self.lists.push(vec![first, story]);
        } else {
            self.lists[(*h & !MANY) as usize].push(story);
        }
    }

    fn get(&self, id: u32) -> Option<&[u32]> {
        let h = self.heads.get(id as usize)?;
        match *h {
            NO_ID => None,
            k if k & MANY != 0 => Some(&self.lists[(k & !MANY) as usize]),
            _ => Some(std::slice::from_ref(h)),
        }
    }
}

struct Story {
    members: Vec<usize>,
    /// Summed member vectors, sorted by term (at most `2 · centroid_terms` terms).
    centroid: SparseVec,
    norm2: f32,
    vectors: usize,
    join_sum: f32,
    joins: usize,
    /// Terms the story is posted under in the inverted index, sorted.
    indexed: Vec<u64>,
    /// Name terms of its independent members, sorted.
    names: Vec<u64>,
    first: Option<NaiveDate>,
    last: Option<NaiveDate>,
    /// Its first report stayed alone because it was as close to two different stories
    /// ([`Rivals::ambiguous`]): while alone, the story draws no report in the second pass.
    generic: bool,
}

impl Story {
    fn new(d: Option<NaiveDate>) -> Story {
        Story {
            members: Vec::new(),
            centroid: Vec::new(),
            norm2: 0.0,
            vectors: 0,
            join_sum: 0.0,
            joins: 0,
            indexed: Vec::new(),
            names: Vec::new(),
            first: d,
            last: d,
            generic: false,
        }
    }

    /// Adds a report vector (sorted by term) to the centroid: a sorted merge, so that the
    /// centroid is read sequentially when scored.
    fn add(&mut self, v: &SparseVec, cap: usize) {
        self.vectors += 1;
        let old = std::mem::take(&mut self.centroid);
        let mut out: SparseVec = Vec::with_capacity(old.len() + v.len());
        let mut k = 0;
        for &(t, w) in v {
            while k < old.len() && old[k].0 < t {
                out.push(old[k]);
                k += 1;
            }
            let e = if k < old.len() && old[k].0 == t {
                k += 1;
                old[k - 1].1
            } else {
                0.0
            };
            self.norm2 += 2.0 * e * w + w * w;
            out.push((t, e + w));
        }
        out.extend_from_slice(&old[k..]);
        if out.len() > 2 * cap {
            out.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            out.truncate(cap);
            self.norm2 = out.iter().map(|(_, w)| w * w).sum();
            out.sort_unstable_by_key(|&(t, _)| t);
        }
        self.centroid = out;
    }

    /// Adds name terms (sorted, distinct).
    fn add_names(&mut self, names: &[u64]) {
        self.names = union(&self.names, names);
    }

    /// Posts the story under the terms of `v` it is not posted under yet, except the terms no
    /// other report holds (bits of `unique`).
    /// (`ids[k]`: the id of term `k` of `v`).
    fn index(&mut self, v: &SparseVec, ids: &[u32], unique: u128, s: usize, postings: &mut Postings) {
        let terms: Vec<(u64, u32)> = v
            .iter()
            .zip(ids)
            .enumerate()
            .filter(|&(k, _)| !is_unique(unique, k))
            .map(|(_, (&(t, _), &id))| (t, id))
            .collect();
        for &(t, id) in &terms {
            if self.indexed.binary_search(&t).is_err() {
                postings.push(id, s as u32);
            }
        }
        let terms: Vec<u64> = terms.into_iter().map(|(t, _)| t).collect();
        self.indexed = union(&self.indexed, &terms);
    }

    /// Whether a report with these name terms may join: when both sides name someone or
    /// something, they must share at least one name (a story is about the same people,
    /// places or bodies). Text without capitalised names (caseless scripts) is not gated.
    fn names_agree(&self, names: &[u64], gate: bool) -> bool {
        !gate || names.is_empty() || self.names.is_empty() || names.iter().any(|n| self.names.binary_search(n).is_ok())
    }

    fn cosine(&self, v: &SparseVec, link: f32) -> f32 {
        if self.norm2 <= 0.0 {
            return 0.0;
        }
        // A sorted merge with the centroid (same sum, in the order of `v`, as a lookup per term).
        let c = &self.centroid;
        let mut k = 0;
        let s: f32 = v
            .iter()
            .map(|&(t, w)| {
                k = gallop(c, k, t);
                w * if k < c.len() && c[k].0 == t { c[k].1 } else { 0.0 }
            })
            .sum();
        let norm = self.norm2.sqrt();
        let m = self.vectors.max(1) as f32;
        s / (norm.powf(1.0 - link) * m.powf(link))
    }

    /// The mean score with which its reports joined it (0 before any join).
    fn cohesion(&self) -> f32 {
        if self.joins > 0 { self.join_sum / self.joins as f32 } else { 0.0 }
    }

    /// Cosine between the centroids of two stories.
    fn similarity(&self, other: &Story) -> f32 {
        if self.norm2 <= 0.0 || other.norm2 <= 0.0 {
            return 0.0;
        }
        dot(&self.centroid, &other.centroid) / (self.norm2 * other.norm2).sqrt()
    }

    /// Days between `d` and the story's date span (0 inside it); `None` when unknown.
    fn gap(&self, d: Option<NaiveDate>) -> Option<i64> {
        let (d, first, last) = (d?, self.first?, self.last?);
        Some(if d < first {
            (first - d).num_days()
        } else if d > last {
            (d - last).num_days()
        } else {
            0
        })
    }
}

/// The first index from `from` on whose term is not below `t` (`c` sorted by term, every term
/// before `from` below `t`): probes at growing steps from `from`, then a binary search within
/// the last step. The next term of a report's vector is usually a few centroid terms further,
/// so this reads the centroid near where the previous search ended (a centroid at 100k reports
/// is seldom in cache) rather than halving the whole rest of it.
fn gallop(c: &[(u64, f32)], from: usize, t: u64) -> usize {
    let (mut lo, mut hi, mut step) = (from, from, 1);
    while hi < c.len() && c[hi].0 < t {
        lo = hi + 1;
        hi = from + step;
        step *= 2;
    }
    let hi = hi.min(c.len());
    lo + c[lo..hi].partition_point(|e| e.0 < t)
}

fn decay(gap: Option<i64>, one_side_dated: bool, p: &Params) -> f32 {
    match gap {
        Some(g) => {
            let x = g as f32 / p.decay_days;
            1.0 / (1.0 + x * x)
        }
        None if one_side_dated => p.unknown_date_factor,
        None => 1.0,
    }
}

/// Clusters with explicit near-copy links (`copy_of[i] = Some(j)`: `i` copies `j`) and parameters.
pub fn cluster_with(articles: &[Article], copy_of: &[Option<usize>], p: &Params) -> Vec<Vec<usize>> {
    let (counts, names): (Vec<SparseVec>, Vec<Vec<u64>>) =
        articles.par_iter().map(|a| compact_features(a, &parallax_annotate::light::words(&a.body), p)).unzip();
    let (vecs, unique, ids) = tfidf_all(counts, p);
    cluster_indexed(articles, &vecs, &names, (&unique, Some(&ids)), copy_of, p)
}

/// Clusters precomputed report vectors and name terms (see [`report_features`]).
pub fn cluster_vectors(
    articles: &[Article],
    vecs: &[SparseVec],
    names: &[Vec<u64>],
    copy_of: &[Option<usize>],
    p: &Params,
) -> Vec<Vec<usize>> {
    cluster_indexed(articles, vecs, names, (&[], None), copy_of, p)
}

/// [`cluster_vectors`] knowing which terms of each vector no other report holds
/// (`unique[i]`, see [`unique_terms`]; missing masks count as none): those are neither posted
/// in the index nor looked up, which changes no story and keeps the index to shared terms.
/// `ids`: the term ids made with `unique` ([`tfidf_all`]); without them, or for the merge
/// pass, they are made here ([`TermIds::of`]).
fn cluster_indexed(
    articles: &[Article],
    vecs: &[SparseVec],
    names: &[Vec<u64>],
    (unique, ids): (&[u128], Option<&TermIds>),
    copy_of: &[Option<usize>],
    p: &Params,
) -> Vec<Vec<usize>> {
    // The merge pass looks up centroid terms, and a centroid keeps the terms of a report that
    // the second pass moved away from its own (now empty) story: it needs the full index.
    let merging = p.merge_threshold <= 1.0;
    let unique = if merging { &[][..] } else { unique };
    let own_ids;
    let ids = match ids {
        Some(ids) if !merging => ids,
        _ => {
            own_ids = TermIds::of(vecs);
            &own_ids
        }
    };
    let mask_of = |i: usize| unique.get(i).copied().unwrap_or(0);
    let n = articles.len();
    let dates: Vec<Option<NaiveDate>> = articles.iter().map(Article::published_date).collect();
    let order = publication_order(articles);
    let mut story_of: Vec<Option<usize>> = vec![None; n];
    let mut stories: Vec<Story> = Vec::new();
    let mut postings = Postings::new(ids.len);
    let mut finder = CandidateFinder::default();
    for &i in &order {
        let v = &vecs[i];
        let d = dates[i];
        // A near-copy joins its origin's story.
        let via_copy = copy_of.get(i).copied().flatten().and_then(|j| story_of[j]);
        let chosen = via_copy.map(|s| (s, 0.0)).or_else(|| {
            let mut best: Option<(usize, f32, f32)> = None;
            let mut rivals = Rivals::default();
            for &s in finder.fetch(v, &ids.ids[i], mask_of(i), &postings, stories.len(), None, p) {
                let st = &stories[s as usize];
                let gap = st.gap(d);
                if gap.is_some_and(|g| g > p.open_days) || !st.names_agree(&names[i], p.name_gate) {
                    continue;
                }
                let one_side = d.is_some() != st.first.is_some();
                let raw = st.cosine(v, p.link);
                let score = raw * decay(gap, one_side, p);
                rivals.offer(s as usize, score);
                if score >= p.threshold.max(p.cohesion_ratio * st.cohesion()) && best.is_none_or(|(_, b, _)| score > b)
                {
                    best = Some((s as usize, score, raw));
                }
            }
            best.filter(|&(s, score, _)| !rivals.ambiguous(&stories, s, score, p)).map(|(s, _, raw)| (s, raw))
        });
        let join_raw = chosen.and_then(|(_, raw)| (via_copy.is_none()).then_some(raw));
        let chosen = chosen.map(|(s, _)| s);
        let s = match chosen {
            Some(s) => s,
            None => {
                stories.push(Story::new(d));
                stories.len() - 1
            }
        };
        let st = &mut stories[s];
        st.members.push(i);
        if let Some(d) = d {
            st.first = Some(st.first.map_or(d, |f| f.min(d)));
            st.last = Some(st.last.map_or(d, |l| l.max(d)));
        }
        if let Some(raw) = join_raw {
            st.join_sum += raw;
            st.joins += 1;
        }
        if via_copy.is_none() {
            st.add(v, p.centroid_terms);
            st.add_names(&names[i]);
            st.index(v, &ids.ids[i], mask_of(i), s, &mut postings);
        }
        story_of[i] = Some(s);
    }

    if p.singleton_threshold <= 1.0 {
        attach_singletons(&mut stories, &postings, (vecs, &ids.ids), names, &mask_of, &dates, p);
    }
    let groups = if merging { merge(&stories, &postings, &ids.map, p) } else { (0..stories.len()).collect() };
    let mut merged: Vec<Vec<usize>> = vec![Vec::new(); stories.len()];
    for (s, st) in stories.iter().enumerate() {
        merged[groups[s]].extend(&st.members);
    }
    let pos: Vec<usize> = {
        let mut pos = vec![0; n];
        for (k, &i) in order.iter().enumerate() {
            pos[i] = k;
        }
        pos
    };
    let mut out: Vec<Vec<usize>> = merged.into_iter().filter(|m| !m.is_empty()).collect();
    for m in &mut out {
        m.sort_by_key(|&i| pos[i]);
    }
    out.sort_by_key(|m| pos[m[0]]);
    out
}

/// Candidate stories of a report through the inverted index: the stories posted under its
/// `query_terms` heaviest terms (at most `max_postings` most recent per term), ranked by the
/// summed weight of the terms they share, best `max_candidates` first. Buffers are reused.
#[derive(Default)]
struct CandidateFinder {
    /// Dense accumulator indexed by story id.
    acc: Vec<f32>,
    /// Story ids with a non-zero accumulator.
    touched: Vec<u32>,
    /// Query terms: term, weight, id ([`NO_ID`] when no other report holds it).
    query: Vec<(u64, f32, u32)>,
    ranked: Vec<(u32, f32)>,
    out: Vec<u32>,
}

impl CandidateFinder {
    /// Candidates for a report with vector `v` (`ids`: its terms' ids; `unique`: see
    /// [`unique_terms`]).
    #[allow(clippy::too_many_arguments)]
    fn fetch(
        &mut self,
        v: &SparseVec,
        ids: &[u32],
        unique: u128,
        postings: &Postings,
        n_stories: usize,
        exclude: Option<usize>,
        p: &Params,
    ) -> &[u32] {
        self.query.clear();
        self.query.extend(
            v.iter()
                .zip(ids)
                .enumerate()
                .map(|(k, (&(t, w), &id))| (t, w, if is_unique(unique, k) { NO_ID } else { id })),
        );
        top_sorted(&mut self.query, p.query_terms, |a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        self.acc.resize(n_stories, 0.0);
        for &(_, w, id) in &self.query {
            // A term only this report holds (no id) is posted under no other story.
            if let Some(list) = postings.get(id) {
                for &s in list.iter().rev().take(p.max_postings) {
                    if Some(s as usize) == exclude {
                        continue;
                    }
                    if self.acc[s as usize] == 0.0 {
                        self.touched.push(s);
                    }
                    self.acc[s as usize] += w;
                }
            }
        }
        self.ranked.clear();
        self.ranked.extend(self.touched.iter().map(|&s| (s, self.acc[s as usize])));
        for &s in &self.touched {
            self.acc[s as usize] = 0.0;
        }
        self.touched.clear();
        top_sorted(&mut self.ranked, p.max_candidates, |a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        self.out.clear();
        self.out.extend(self.ranked.iter().map(|&(s, _)| s));
        &self.out
    }
}

/// The two best-scoring stories a report may join (open, names agreeing), whatever their
/// score: a join is refused when the runner-up scores nearly as well as the chosen story and
/// the two stories are not alike (see [`Params::ambiguity_ratio`]).
#[derive(Default)]
struct Rivals {
    top: [Option<(usize, f32)>; 2],
}

impl Rivals {
    /// Records a story's score (each story once).
    fn offer(&mut self, s: usize, score: f32) {
        if self.top[0].is_none_or(|(_, b)| score > b) {
            self.top = [Some((s, score)), self.top[0]];
        } else if self.top[1].is_none_or(|(_, b)| score > b) {
            self.top[1] = Some((s, score));
        }
    }

    /// The best story when it is clearly nearer than another: its score reaches
    /// `clear_threshold` and the runner-up's is at most `clear_ratio` of it. Without a runner-up
    /// there is nothing to be clearly nearer than (a small batch, an incremental ingest of one
    /// report): a weak score alone joins nothing.
    fn clear(&self, p: &Params) -> Option<(usize, f32)> {
        let (s, score) = self.top[0]?;
        let second = self.top[1]?.1;
        (score >= p.clear_threshold && second <= p.clear_ratio * score).then_some((s, score))
    }

    /// Whether joining story `s` with `score` is a guess between two different stories: the
    /// best other story scores at least `ambiguity_ratio` of `score`, and the two stories'
    /// centroids are less alike than the join threshold asks of a report.
    fn ambiguous(&self, stories: &[Story], s: usize, score: f32, p: &Params) -> bool {
        let Some((r, rs)) = self.top.iter().flatten().copied().find(|&(r, _)| r != s) else {
            return false;
        };
        rs >= p.ambiguity_ratio * score && stories[s].similarity(&stories[r]) < p.threshold
    }
}

/// Second pass over reports left alone: each joins its best story (through the inverted
/// index) when the score reaches `singleton_threshold`, or when that story is clearly nearer
/// than any other ([`Rivals::clear`]), unless the choice is ambiguous ([`Rivals::ambiguous`]).
fn attach_singletons(
    stories: &mut [Story],
    postings: &Postings,
    (vecs, ids): (&[SparseVec], &[Vec<u32>]),
    names: &[Vec<u64>],
    unique: &dyn Fn(usize) -> u128,
    dates: &[Option<NaiveDate>],
    p: &Params,
) {
    let mut finder = CandidateFinder::default();
    for s in 0..stories.len() {
        if stories[s].members.len() != 1 {
            continue;
        }
        let i = stories[s].members[0];
        let v = &vecs[i];
        let mut best: Option<(usize, f32)> = None;
        let mut rivals = Rivals::default();
        for &o in finder.fetch(v, &ids[i], unique(i), postings, stories.len(), Some(s), p) {
            let st = &stories[o as usize];
            if st.members.is_empty() || (st.generic && st.members.len() == 1) {
                continue;
            }
            let gap = st.gap(dates[i]);
            if gap.is_some_and(|g| g > p.open_days) {
                continue;
            }
            if !st.names_agree(&names[i], p.name_gate) {
                continue;
            }
            let one_side = dates[i].is_some() != st.first.is_some();
            let score = st.cosine(v, p.link) * decay(gap, one_side, p);
            rivals.offer(o as usize, score);
            if score >= p.singleton_threshold.max(p.cohesion_ratio * st.cohesion())
                && best.is_none_or(|(_, b)| score > b)
            {
                best = Some((o as usize, score));
            }
        }
        // The ratio test is relative evidence: it asks for neither bar.
        let best = best.or_else(|| rivals.clear(p));
        let ambiguous = best.is_some_and(|(o, score)| rivals.ambiguous(stories, o, score, p));
        stories[s].generic = ambiguous;
        if let Some((o, _)) = best.filter(|_| !ambiguous) {
            stories[s].members.clear();
            let st = &mut stories[o];
            st.members.push(i);
            st.add(v, p.centroid_terms);
            st.add_names(&names[i]);
            if let Some(d) = dates[i] {
                st.first = Some(st.first.map_or(d, |f| f.min(d)));
                st.last = Some(st.last.map_or(d, |l| l.max(d)));
            }
        }
    }
}

/// The sorted union of two sorted, distinct lists.
fn union(a: &[u64], b: &[u64]) -> Vec<u64> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => {
                out.push(a[i]);
                i += 1;
            }
            std::cmp::Ordering::Greater => {
                out.push(b[j]);
                j += 1;
            }
            std::cmp::Ordering::Equal => {
                out.push(a[i]);
                i += 1;
                j += 1;
            }
        }
    }
    out.extend_from_slice(&a[i..]);
    out.extend_from_slice(&b[j..]);
    out
}

/// Merge pass: each story is compared, through the inverted index, with earlier stories
/// whose centroids share its terms; pairs above the merge threshold are joined.
/// Returns the representative story of each story.
/// (`ids`: term → id, [`TermIds::of`]).
fn merge(stories: &[Story], postings: &Postings, ids: &TermMap<u32>, p: &Params) -> Vec<usize> {
    let cents: Vec<SparseVec> = stories
        .iter()
        .map(|st| {
            let mut v: Vec<(u64, f32)> = st.centroid.clone();
            v.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            v.truncate(p.keep_terms);
            let norm = v.iter().map(|(_, w)| w * w).sum::<f32>().sqrt().max(1e-9);
            v.iter_mut().for_each(|(_, w)| *w /= norm);
            v.sort_unstable_by_key(|&(t, _)| t);
            v
        })
        .collect();
    let mut parent: Vec<usize> = (0..stories.len()).collect();
    fn find(parent: &mut [usize], mut x: usize) -> usize {
        while parent[x] != x {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        x
    }
    for (s, c) in cents.iter().enumerate() {
        let mut cands: Vec<u32> = Vec::new();
        for &(t, _) in c {
            if let Some(list) = ids.get(&t).and_then(|&id| postings.get(id)) {
                cands.extend(list.iter().rev().take(p.max_postings).filter(|&&o| (o as usize) < s));
            }
        }
        cands.sort_unstable();
        cands.dedup();
        let mut best: Option<(usize, f32)> = None;
        for &o in &cands {
            let o = o as usize;
            let gap = stories[o].gap(stories[s].first);
            let one_side = stories[s].first.is_some() != stories[o].first.is_some();
            let score = dot(c, &cents[o]) * decay(gap, one_side, p);
            if score >= p.merge_threshold && best.is_none_or(|(_, b)| score > b) {
                best = Some((o, score));
            }
        }
        if let Some((o, _)) = best {
            let (a, b) = (find(&mut parent, s), find(&mut parent, o));
            parent[a.max(b)] = a.min(b);
        }
    }
    (0..stories.len()).map(|s| find(&mut parent, s)).collect()
}

/// One story found by [`stories`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoryGroup {
    /// Stable id derived from the content of its earliest report.
    pub id: String,
    /// Headline: the title of the earliest independent report with one, else the first
    /// sentence of the earliest report.
    pub headline: String,
    /// Article indices in publication order.
    pub members: Vec<usize>,
}

/// Clusters articles into stories with ids and headlines; also returns the near-copy links
/// (`copy_of[i] = Some(j)`: article `i` copies article `j`, both indices into `articles`).
pub fn stories(articles: &[Article]) -> (Vec<StoryGroup>, Vec<Option<usize>>) {
    let (groups, copies) = cluster_and_copies(articles, &Params::default());
    let out = groups
        .into_iter()
        .map(|members| {
            let first = &articles[members[0]];
            let id = format!("s{}", &first.content_hash()[..12]);
            let headline = members
                .iter()
                .filter(|&&i| copies[i].is_none())
                .find_map(|&i| articles[i].title.clone().filter(|t| !t.trim().is_empty()))
                .or_else(|| first.paragraphs().next().map(|p| parallax_core::report::first_sentence(p).to_string()))
                .unwrap_or_default();
            StoryGroup { id, headline, members }
        })
        .collect();
    (out, copies)
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn top_sorted_is_sort_then_truncate(v in proptest::collection::vec((0u32..50, 0u8..4), 0..60), k in 0usize..70) {
            // Distinct ids (a total order, as in the finder), weights with ties.
            let mut v: Vec<(u32, f32)> = v.into_iter().map(|(s, w)| (s, f32::from(w))).collect();
            v.sort_unstable_by_key(|e| e.0);
            v.dedup_by_key(|e| e.0);
            let cmp = |a: &(u32, f32), b: &(u32, f32)| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0));
            let mut want = v.clone();
            want.sort_unstable_by(cmp);
            want.truncate(k);
            top_sorted(&mut v, k, cmp);
            proptest::prop_assert_eq!(v, want);
        }
    }

    proptest::proptest! {
        #[test]
        fn gallop_is_partition_point(terms in proptest::collection::btree_set(0u64..200, 0..80), t in 0u64..210, from in 0usize..90) {
            let c: Vec<(u64, f32)> = terms.into_iter().map(|t| (t, 1.0)).collect();
            // `from` must leave only smaller terms before it.
            let from = from.min(c.partition_point(|e| e.0 < t));
            proptest::prop_assert_eq!(gallop(&c, from, t), c.partition_point(|e| e.0 < t));
        }
    }

    #[test]
    fn unique_terms_marks_the_terms_of_frequency_one() {
        let counts = [(1, 1.0), (5, 2.0), (9, 1.0), (12, 3.0)];
        let dfs = [1, 4, 1, 2];
        // The vector keeps terms 5, 9 and 12 (sorted by term).
        let v = vec![(5, 0.5), (9, 0.5), (12, 0.7)];
        assert_eq!(unique_terms(&counts, &dfs, &v), 0b010);
        assert!(is_unique(0b010, 1) && !is_unique(0b010, 0) && !is_unique(u128::MAX, 128));
    }

    #[test]
    fn a_story_is_clearly_nearest_only_beside_a_weak_rival() {
        let p = Params::default();
        let rivals = |top: [Option<(usize, f32)>; 2]| Rivals { top };
        // Above the ratio test's bar, with a runner-up at most `clear_ratio` of it.
        assert_eq!(rivals([Some((3, 0.10)), Some((7, 0.03))]).clear(&p), Some((3, 0.10)));
        // A runner-up nearly as good, no runner-up at all, or a score under the bar: no join.
        assert_eq!(rivals([Some((3, 0.10)), Some((7, 0.06))]).clear(&p), None);
        assert_eq!(rivals([Some((3, 0.10)), None]).clear(&p), None);
        assert_eq!(rivals([Some((3, 0.05)), Some((7, 0.01))]).clear(&p), None);
    }
}
