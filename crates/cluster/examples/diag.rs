//! Diagnostics on the dev set (development aid).

use std::collections::BTreeMap;
use std::path::Path;

use parallax_cluster::{Params, features::dot};
use parallax_core::Article;

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/multinews-dev");
    let gold: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("gold.json")).unwrap()).unwrap();
    let mut label_of: BTreeMap<String, usize> = BTreeMap::new();
    for (k, (_, members)) in gold["clusters"].as_object().unwrap().iter().enumerate() {
        for m in members.as_array().unwrap() {
            label_of.insert(m.as_str().unwrap().to_string(), k);
        }
    }
    let mut articles = Vec::new();
    let mut gl = Vec::new();
    for (name, &l) in &label_of {
        let body = std::fs::read_to_string(dir.join("articles").join(name)).unwrap();
        articles.push(Article { source: name.clone(), body, ..Default::default() });
        gl.push(l);
    }
    let keep: usize = std::env::var("KEEP").ok().and_then(|v| v.parse().ok()).unwrap_or(80);
    let p = Params { keep_terms: keep, ..Params::default() };
    let v = parallax_cluster::vectors(&articles, &p);
    let n = articles.len();
    let mut nn_ok = 0;
    let mut gold_low = Vec::new();
    for i in 0..n {
        let mut best = (0usize, -1.0f32);
        for j in 0..n {
            if i != j {
                let s = dot(&v[i], &v[j]);
                if s > best.1 {
                    best = (j, s);
                }
                if gl[i] == gl[j] && i < j {
                    gold_low.push((s, i, j));
                }
            }
        }
        let has_pair = (0..n).any(|j| j != i && gl[j] == gl[i]);
        if has_pair && gl[best.0] == gl[i] {
            nn_ok += 1;
        } else if has_pair {
            println!("NN miss {} -> {} ({:.3})", articles[i].source, articles[best.0].source, best.1);
        }
    }
    println!("nearest neighbour in same story: {nn_ok}");
    gold_low.sort_by(|a, b| a.0.total_cmp(&b.0));
    for (s, i, j) in gold_low.iter().take(30) {
        println!("gold pair {:.3} {} {}", s, articles[*i].source, articles[*j].source);
    }
}
