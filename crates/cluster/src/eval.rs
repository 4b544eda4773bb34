//! Clustering scores against an answer key: B-cubed and pairwise precision/recall/F1.

use std::collections::HashMap;

/// Scores of a predicted clustering against gold labels.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Scores {
    /// B-cubed precision (mean over items).
    pub bcubed_p: f64,
    /// B-cubed recall.
    pub bcubed_r: f64,
    /// B-cubed F1 (harmonic mean of the two means).
    pub bcubed_f1: f64,
    /// Pairwise precision.
    pub pair_p: f64,
    /// Pairwise recall.
    pub pair_r: f64,
    /// Pairwise F1.
    pub pair_f1: f64,
    /// Number of predicted clusters.
    pub predicted: usize,
    /// Number of gold clusters.
    pub gold: usize,
}

impl std::fmt::Display for Scores {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "B-cubed P {:.3} R {:.3} F1 {:.3} | pairwise P {:.3} R {:.3} F1 {:.3} | {} stories (gold {})",
            self.bcubed_p,
            self.bcubed_r,
            self.bcubed_f1,
            self.pair_p,
            self.pair_r,
            self.pair_f1,
            self.predicted,
            self.gold
        )
    }
}

fn f1(p: f64, r: f64) -> f64 {
    if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) }
}

/// Scores predicted labels against gold labels (one label per item, same length).
pub fn score_labels(pred: &[usize], gold: &[usize]) -> Scores {
    assert_eq!(pred.len(), gold.len(), "label vectors differ in length");
    let n = pred.len();
    let mut joint: HashMap<(usize, usize), usize> = HashMap::new();
    let mut psize: HashMap<usize, usize> = HashMap::new();
    let mut gsize: HashMap<usize, usize> = HashMap::new();
    for i in 0..n {
        *joint.entry((pred[i], gold[i])).or_default() += 1;
        *psize.entry(pred[i]).or_default() += 1;
        *gsize.entry(gold[i]).or_default() += 1;
    }
    let (mut bp, mut br) = (0.0, 0.0);
    for i in 0..n {
        let both = joint[&(pred[i], gold[i])] as f64;
        bp += both / psize[&pred[i]] as f64;
        br += both / gsize[&gold[i]] as f64;
    }
    let pairs = |k: usize| (k * k.saturating_sub(1) / 2) as f64;
    let tp: f64 = joint.values().map(|&k| pairs(k)).sum();
    let pp: f64 = psize.values().map(|&k| pairs(k)).sum();
    let gp: f64 = gsize.values().map(|&k| pairs(k)).sum();
    let (bp, br) = if n == 0 { (0.0, 0.0) } else { (bp / n as f64, br / n as f64) };
    let pair_p = if pp == 0.0 { 0.0 } else { tp / pp };
    let pair_r = if gp == 0.0 { 0.0 } else { tp / gp };
    Scores {
        bcubed_p: bp,
        bcubed_r: br,
        bcubed_f1: f1(bp, br),
        pair_p,
        pair_r,
        pair_f1: f1(pair_p, pair_r),
        predicted: psize.len(),
        gold: gsize.len(),
    }
}

/// Converts clusters of item indices to one label per item (items missing from every
/// cluster get a singleton label of their own).
pub fn labels(clusters: &[Vec<usize>], n: usize) -> Vec<usize> {
    let mut out = vec![usize::MAX; n];
    for (c, members) in clusters.iter().enumerate() {
        for &i in members {
            out[i] = c;
        }
    }
    let mut next = clusters.len();
    for l in &mut out {
        if *l == usize::MAX {
            *l = next;
            next += 1;
        }
    }
    out
}

/// The reference baseline of the tuning protocol: plain TF-IDF report vectors (every term, title
/// words once, no name boost, `ln(n / df)` idf) clustered by average-linkage agglomeration: the
/// two clusters with the highest mean pairwise cosine merge while it reaches `threshold`.
/// Quadratic in memory and cubic in time: for evaluation on a few hundred reports only.
pub fn tfidf_average_linkage(articles: &[parallax_core::Article], threshold: f32) -> Vec<Vec<usize>> {
    let p = crate::Params {
        keep_terms: usize::MAX,
        title_weight: 1.0,
        name_boost: 0.0,
        idf_prior_docs: 0.0,
        idf_power: 1.0,
        ..crate::Params::default()
    };
    let vecs = crate::vectors(articles, &p);
    let n = vecs.len();
    let sim: Vec<Vec<f32>> =
        (0..n).map(|i| (0..n).map(|j| crate::features::dot(&vecs[i], &vecs[j])).collect()).collect();
    let mut clusters: Vec<Vec<usize>> = (0..n).map(|i| vec![i]).collect();
    loop {
        let mut best: Option<(f32, usize, usize)> = None;
        for a in 0..clusters.len() {
            for b in a + 1..clusters.len() {
                let total: f32 = clusters[a]
                    .iter()
                    .flat_map(|&i| clusters[b].iter().map(move |&j| (i, j)))
                    .map(|(i, j)| sim[i][j])
                    .sum();
                let mean = total / (clusters[a].len() * clusters[b].len()) as f32;
                if best.is_none_or(|(s, ..)| mean > s) {
                    best = Some((mean, a, b));
                }
            }
        }
        match best {
            Some((s, a, b)) if s >= threshold => {
                let merged = clusters.swap_remove(b);
                clusters[a].extend(merged);
            }
            _ => break,
        }
    }
    for c in &mut clusters {
        c.sort_unstable();
    }
    clusters.sort();
    clusters
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn perfect_and_all_in_one() {
        let gold = [0, 0, 1, 1, 2];
        let s = score_labels(&gold, &gold);
        assert!((s.bcubed_f1 - 1.0).abs() < 1e-9 && (s.pair_f1 - 1.0).abs() < 1e-9);
        let s = score_labels(&[0; 5], &gold);
        assert!((s.bcubed_r - 1.0).abs() < 1e-9);
        assert!((s.bcubed_p - (2.0 / 5.0 * 4.0 / 5.0 + 1.0 / 5.0 / 5.0)).abs() < 1e-9);
        assert!((s.pair_p - 2.0 / 10.0).abs() < 1e-9);
    }
}
