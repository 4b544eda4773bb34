//! Parameter sweep on the dev set (development aid): `cargo run -p parallax-cluster --example tune`.

use std::collections::BTreeMap;
use std::path::Path;

use parallax_cluster::{Params, eval};
use parallax_core::Article;

fn main() {
    let shared = std::env::var("PARALLAX_SHARED")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|_| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared"));
    let dir = shared.join("corpus/multinews-dev");
    let gold: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(dir.join("gold.json")).unwrap()).unwrap();
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
    let copies = parallax_dedup::copy_of(&articles);
    let base = Params::default();
    let grid: Vec<(String, Params)> = {
        let mut g = Vec::new();
        for &keep in &[40usize, 80, 150] {
            for &nb in &[0.0f32, 1.0] {
                for &th in &[0.10f32, 0.14, 0.18, 0.22, 0.26, 0.30] {
                    for &mt in &[2.0f32, 0.3, 0.4] {
                        let p = Params { keep_terms: keep, name_boost: nb, threshold: th, merge_threshold: mt, ..base.clone() };
                        g.push((format!("keep {keep} nb {nb} th {th} merge {mt}"), p));
                    }
                }
            }
        }
        g
    };
    for (name, p) in grid {
        let c = parallax_cluster::cluster_with(&articles, &copies, &p);
        let s = eval::score_labels(&eval::labels(&c, articles.len()), &gl);
        println!("{name}: {s}");
    }
}
