//! Term features of one article: stemmed content words, with proper nouns and numbers
//! weighted up, as a sparse vector keyed by the interned form ids of `parallax-annotate`.

use std::collections::HashMap;
use std::sync::OnceLock;

use parallax_annotate::{Doc, Word, flag, form_id, lexicon};
use parallax_core::Article;

/// A sparse vector: `(term hash, weight)` sorted by term hash.
pub type SparseVec = Vec<(u64, f32)>;

/// Hasher for keys that already are uniform 64-bit hashes (term hashes): one multiply.
#[derive(Default, Clone, Copy)]
pub struct TermHasher(u64);

impl std::hash::Hasher for TermHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(b)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        }
    }
    fn write_u64(&mut self, x: u64) {
        self.0 = (self.0 ^ x).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
    fn write_u32(&mut self, x: u32) {
        self.write_u64(u64::from(x));
    }
}

/// A map keyed by term hashes.
pub type TermMap<V> = HashMap<u64, V, std::hash::BuildHasherDefault<TermHasher>>;

/// Ids of the stop words (their case-folded keys).
fn stopwords() -> &'static std::collections::HashSet<u64, std::hash::BuildHasherDefault<TermHasher>> {
    static SET: OnceLock<std::collections::HashSet<u64, std::hash::BuildHasherDefault<TermHasher>>> = OnceLock::new();
    SET.get_or_init(|| {
        include_str!("../data/stopwords-en.txt")
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(|w| form_id(&lexicon::name_key(w)))
            .collect()
    })
}

/// Id of a term (a stem, or a number as written).
pub fn term_hash(term: &str) -> u64 {
    form_id(term)
}

/// Raw term counts of an article: term id → weighted count. Title words count
/// `title_weight` times; capitalised words inside a sentence (proper nouns) and numbers count
/// `1 + name_boost` times. The article's body is annotated on the fly (light annotation, see
/// [`term_features_words`]).
pub fn term_counts(article: &Article, title_weight: f32, name_boost: f32) -> TermMap<f32> {
    term_features(article, title_weight, name_boost).0
}

/// [`term_features_doc`] with the article's body annotated on the fly (light annotation).
pub fn term_features(article: &Article, title_weight: f32, name_boost: f32) -> (TermMap<f32>, Vec<u64>) {
    term_features_words(article, &parallax_annotate::light::words(&article.body), title_weight, name_boost)
}

/// [`term_counts`] and the article's name terms: the sorted, distinct ids of the capitalised
/// words found inside a sentence (proper nouns) and of numbers of three or more characters, a
/// subset of the terms. Reads the body tokens of the article's annotation `doc`.
pub fn term_features_doc(article: &Article, doc: &Doc, title_weight: f32, name_boost: f32) -> (TermMap<f32>, Vec<u64>) {
    features_of(article, doc.body_tokens().iter().map(Word::from), title_weight, name_boost)
}

/// [`term_features_doc`] from the light annotation of the article's body
/// ([`parallax_annotate::light::words`]).
pub fn term_features_words(
    article: &Article,
    body: &[Word],
    title_weight: f32,
    name_boost: f32,
) -> (TermMap<f32>, Vec<u64>) {
    features_of(article, body.iter().copied(), title_weight, name_boost)
}

fn features_of(
    article: &Article,
    body: impl Iterator<Item = Word>,
    title_weight: f32,
    name_boost: f32,
) -> (TermMap<f32>, Vec<u64>) {
    // Sized for a typical report's distinct terms (no growth steps; the counts are the same).
    let mut counts: TermMap<f32> = TermMap::with_capacity_and_hasher(512, Default::default());
    let mut names: Vec<u64> = Vec::new();
    if let Some(t) = &article.title {
        add_tokens(parallax_annotate::light::words(t), title_weight, name_boost, &mut counts, &mut names);
    }
    add_tokens(body, 1.0, name_boost, &mut counts, &mut names);
    names.sort_unstable();
    names.dedup();
    // Kept for the whole clustering: no spare capacity.
    names.shrink_to_fit();
    (counts, names)
}

fn add_tokens(
    tokens: impl IntoIterator<Item = Word>,
    weight: f32,
    name_boost: f32,
    counts: &mut TermMap<f32>,
    names: &mut Vec<u64>,
) {
    let stop = stopwords();
    for t in tokens {
        let len = t.len();
        let digit = t.is(flag::DIGIT);
        if (len < 2 && !digit) || stop.contains(&t.key) {
            continue;
        }
        let name = t.is(flag::CAP) && !t.is(flag::BREAK);
        let boost = if digit || name { 1.0 + name_boost } else { 1.0 };
        *counts.entry(t.stem).or_insert(0.0) += weight * boost;
        if (name && !digit) || (digit && len >= 3) {
            names.push(t.stem);
        }
    }
}

/// Turns raw counts into a TF-IDF vector: sublinear tf times idf, keeping the `keep`
/// heaviest terms, L2-normalised, sorted by term hash.
pub fn tfidf(counts: &[(u64, f32)], idf: impl Fn(u64) -> f32, keep: usize) -> SparseVec {
    let idfs: Vec<f32> = counts.iter().map(|&(t, _)| idf(t)).collect();
    tfidf_weighted(counts, &idfs, keep)
}

/// [`tfidf`] with the idf of each term given (`idfs[k]` for `counts[k]`).
pub fn tfidf_weighted(counts: &[(u64, f32)], idfs: &[f32], keep: usize) -> SparseVec {
    let mut v: Vec<(u64, f32)> =
        counts.iter().zip(idfs).map(|(&(t, c), &idf)| (t, (1.0 + c.ln().max(0.0)) * idf)).collect();
    // Deterministic selection: heaviest first, ties by term hash (the dropped terms, most of a
    // report's, are not sorted).
    top_sorted(&mut v, keep, |a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    // Kept for the whole clustering: no spare capacity.
    v.shrink_to_fit();
    let norm = v.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
    if norm > 0.0 {
        for (_, w) in &mut v {
            *w /= norm;
        }
    }
    v.sort_unstable_by_key(|&(t, _)| t);
    v
}

/// Keeps the first `k` items of `v` in the total order `cmp`, sorted: the same as sorting all
/// of `v` and truncating it, without sorting the items that are dropped.
pub(crate) fn top_sorted<T>(v: &mut Vec<T>, k: usize, cmp: impl Fn(&T, &T) -> std::cmp::Ordering) {
    if k == 0 {
        v.clear();
        return;
    }
    if v.len() > k {
        v.select_nth_unstable_by(k - 1, &cmp);
        v.truncate(k);
    }
    v.sort_unstable_by(cmp);
}

/// Dot product of two term-sorted sparse vectors.
pub fn dot(a: &[(u64, f32)], b: &[(u64, f32)]) -> f32 {
    let (mut i, mut j, mut s) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                s += a[i].1 * b[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_numbers_weigh_more_than_common_words() {
        let a = Article { body: "The talks in Geneva ended. Officials met 42 times.".into(), ..Default::default() };
        let c = term_counts(&a, 1.0, 1.0);
        assert_eq!(c[&term_hash(&lexicon::stem("geneva"))], 2.0);
        assert_eq!(c[&term_hash("42")], 2.0);
        // Sentence-initial capital is not a name.
        assert_eq!(c[&term_hash(&lexicon::stem("officials"))], 1.0);
        assert!(!c.contains_key(&term_hash("the")));
        // Names: capitalised words inside a sentence, and numbers of three or more characters.
        assert_eq!(term_features(&a, 1.0, 1.0).1, vec![term_hash(&lexicon::stem("geneva"))]);
        let b = Article { body: "In 2024 the 42 officials counted 1,500 votes.".into(), ..Default::default() };
        let mut want = vec![term_hash("2024"), term_hash("500")];
        want.sort_unstable();
        assert_eq!(term_features(&b, 1.0, 1.0).1, want);
    }

    #[test]
    fn dot_of_normalised_vector_with_itself_is_one() {
        let counts = [(1, 3.0), (2, 1.0)];
        let v = tfidf(&counts, |_| 1.5, 10);
        assert!((dot(&v, &v) - 1.0).abs() < 1e-5);
    }
}
