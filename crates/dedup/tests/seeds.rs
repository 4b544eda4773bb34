//! Text reuse and near-copies on the seed story against examples/seeds/gold.json.

use std::path::Path;

use parallax_core::Article;
use parallax_core::text::fold;

fn seeds() -> Vec<Article> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/seeds");
    let ingested = parallax_ingest::ingest_paths(&[dir]);
    let arts: Vec<Article> = ingested
        .documents
        .iter()
        .filter(|d| d.source.ends_with(".txt"))
        .filter_map(|d| parallax_extract::extract(d).ok())
        .collect();
    assert_eq!(arts.len(), 5);
    arts
}

fn gold() -> serde_json::Value {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/seeds/gold.json");
    serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap()
}

#[test]
fn gold_text_reuse_passages_are_found_with_direction() {
    let arts = seeds();
    let docs: Vec<_> = arts.iter().map(parallax_annotate::article).collect();
    let found = parallax_dedup::text_reuse(&arts, &docs);
    for t in &found {
        eprintln!("{} -> {} ({} words, credited {}): {}", t.from, t.to, t.length, t.credited, t.passage);
        let to = arts.iter().find(|a| a.source == t.to).unwrap();
        assert!(to.body.contains(&t.passage), "passage not verbatim from `to`");
    }
    let g = gold();
    let golds = g["text_reuse"].as_array().unwrap();
    let mut hits = 0;
    for gp in golds {
        let (from, to, passage) =
            (gp["from"].as_str().unwrap(), gp["to"].as_str().unwrap(), fold(gp["passage"].as_str().unwrap()));
        let hit = found.iter().any(|t| t.from == from && t.to == to && fold(&t.passage).contains(&passage));
        assert!(hit, "gold passage not found: {from} -> {to}: {passage}");
        hits += 1;
    }
    // The gold passages are uncredited copies (003 never names Reuters).
    assert!(found.iter().filter(|t| t.to.starts_with("003")).all(|t| !t.credited));
    let gold_pairs: std::collections::BTreeSet<(String, String)> = golds
        .iter()
        .map(|gp| (gp["from"].as_str().unwrap().to_string(), gp["to"].as_str().unwrap().to_string()))
        .collect();
    let precise = found.iter().filter(|t| gold_pairs.contains(&(t.from.clone(), t.to.clone()))).count();
    eprintln!("text reuse: recall {hits}/{}; passages on gold pairs {precise}/{} reported", golds.len(), found.len());
}

#[test]
fn seeds_are_not_near_copies_of_each_other() {
    let arts = seeds();
    assert_eq!(parallax_dedup::copy_of(&arts), vec![None; 5]);
}

#[test]
fn a_syndicated_copy_is_detected() {
    let mut arts = seeds();
    let mut copy = arts[4].clone();
    copy.source = "copy.txt".into();
    copy.body = copy.body.replacen("Putin", "Vladimir Putin", 1);
    arts.push(copy);
    let c = parallax_dedup::copy_of(&arts);
    assert_eq!(c[5], Some(4));
}
