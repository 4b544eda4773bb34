//! Diagnostics on the dev set (development aid): how far plain similarity can go.
//!
//! `cargo run --release -p parallax-cluster --example diag` reads the dev corpus the way
//! `parallax cluster` does (ingest + extract), builds the clustering's report vectors and
//! prints, from all pairwise cosines:
//! - nearest-neighbour accuracy (is an article's most similar article in its gold story?);
//! - an oracle ceiling: for a budget of cross-story pairs allowed above the threshold, the
//!   B-cubed scores of gold stories cut into the pieces that same-story pairs at or above
//!   that threshold connect. No method that links by this similarity, at that threshold, can
//!   score higher, even one that rejected every cross-story pair perfectly;
//! - the same-story pairs with the lowest cosine.

mod common;

use parallax_cluster::{Params, eval, features::dot};

fn main() {
    let (articles, gl) = common::dev_set(true);
    let v = parallax_cluster::vectors(&articles, &Params::default());
    let n = articles.len();
    let name = |i: usize| common::basename(&articles[i]);
    let mut sim = vec![vec![0.0f32; n]; n];
    for i in 0..n {
        for j in (i + 1)..n {
            let s = dot(&v[i], &v[j]);
            sim[i][j] = s;
            sim[j][i] = s;
        }
    }
    let (mut with_pair, mut nn_ok) = (0, 0);
    for i in 0..n {
        if !(0..n).any(|j| j != i && gl[j] == gl[i]) {
            continue;
        }
        with_pair += 1;
        let best = (0..n).filter(|&j| j != i).max_by(|&a, &b| sim[i][a].total_cmp(&sim[i][b])).unwrap();
        if gl[best] == gl[i] {
            nn_ok += 1;
        }
    }
    println!("{n} articles; nearest neighbour in the gold story: {nn_ok} of {with_pair} that have one");
    let mut cross: Vec<f32> = Vec::new();
    let mut same: Vec<(f32, usize, usize)> = Vec::new();
    for i in 0..n {
        for j in (i + 1)..n {
            if gl[i] == gl[j] {
                same.push((sim[i][j], i, j));
            } else {
                cross.push(sim[i][j]);
            }
        }
    }
    cross.sort_by(|a, b| b.total_cmp(a));
    println!("oracle ceiling (gold stories cut where same-story cosines fall below the threshold):");
    for budget in [0usize, 1, 5, 50, 500] {
        let tau = cross.get(budget).copied().unwrap_or(0.0);
        let mut parent: Vec<usize> = (0..n).collect();
        fn find(p: &mut [usize], mut x: usize) -> usize {
            while p[x] != x {
                p[x] = p[p[x]];
                x = p[x];
            }
            x
        }
        for &(s, i, j) in &same {
            if s > tau {
                let (a, b) = (find(&mut parent, i), find(&mut parent, j));
                parent[a.max(b)] = a.min(b);
            }
        }
        let pred: Vec<usize> = (0..n).map(|i| find(&mut parent, i)).collect();
        let sc = eval::score_labels(&pred, &gl);
        println!(
            "  threshold {tau:.3} ({budget} cross-story pairs above it): B-cubed P {:.3} R {:.3} F1 {:.3}",
            sc.bcubed_p, sc.bcubed_r, sc.bcubed_f1
        );
    }
    same.sort_by(|a, b| a.0.total_cmp(&b.0));
    for (s, i, j) in same.iter().take(20) {
        println!("low same-story pair {s:.3} {} {}", name(*i), name(*j));
    }
}
