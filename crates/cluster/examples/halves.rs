//! Scores on the two seeded halves of the dev set, with parameters from the environment
//! (development aid): the same protocol as `tests/dev_set.rs`.
mod common;

use parallax_cluster::{Params, eval};
use parallax_core::Article;

fn fnv(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}

fn params(th: f32) -> Params {
    let d = Params::default();
    let f = |k: &str, v: f32| std::env::var(k).ok().map_or(v, |s| s.parse().unwrap());
    Params {
        threshold: th,
        singleton_threshold: f("ST", d.singleton_threshold),
        cohesion_ratio: f("CR", d.cohesion_ratio),
        link: f("LINK", d.link),
        title_weight: f("TW", d.title_weight),
        name_boost: f("NB", d.name_boost),
        idf_power: f("IP", d.idf_power),
        keep_terms: f("KEEP", d.keep_terms as f32) as usize,
        ambiguity_ratio: f("AR", d.ambiguity_ratio),
        clear_threshold: f("CT", d.clear_threshold),
        clear_ratio: f("CRR", d.clear_ratio),
        ..d
    }
}

fn f1(arts: &[Article], gold: &[usize], th: f32) -> eval::Scores {
    let c = parallax_cluster::cluster_with(arts, &parallax_dedup::copy_of(arts), &params(th));
    eval::score_labels(&eval::labels(&c, gold.len()), gold)
}

fn main() {
    let (articles, gl) = common::dev_set(true);
    let mut halves: Vec<(Vec<Article>, Vec<usize>)> = vec![Default::default(), Default::default()];
    for (a, &l) in articles.iter().zip(&gl) {
        let h = usize::from(fnv(&format!("13:{l}")) % 2 == 1);
        halves[h].0.push(a.clone());
        halves[h].1.push(l);
    }
    let th = Params::default().threshold;
    let th = std::env::var("TH").ok().map_or(th, |s| s.parse().unwrap());
    let a = f1(&halves[0].0, &halves[0].1, th);
    let b = f1(&halves[1].0, &halves[1].1, th);
    let w = f1(&articles, &gl, th);
    println!(
        "default th {th}: A {:.3} (P {:.3} R {:.3}) B {:.3} (P {:.3} R {:.3}) whole {:.3} (P {:.3} R {:.3})",
        a.bcubed_f1, a.bcubed_p, a.bcubed_r, b.bcubed_f1, b.bcubed_p, b.bcubed_r, w.bcubed_f1, w.bcubed_p, w.bcubed_r
    );
    let grid: Vec<f32> = (5..=15).map(|k| k as f32 * 0.02).collect();
    for (tu, te, name) in [(0, 1, "A"), (1, 0, "B")] {
        let (mut bt, mut bf) = (grid[0], -1.0);
        for &t in &grid {
            let f = f1(&halves[tu].0, &halves[tu].1, t).bcubed_f1;
            if f > bf {
                (bt, bf) = (t, f);
            }
        }
        let out = f1(&halves[te].0, &halves[te].1, bt).bcubed_f1;
        print!("  tuned {name}: th {bt:.2} in {bf:.3} out {out:.3}");
    }
    println!();
}
