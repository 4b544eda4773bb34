//! Seed story vs a dev story: similarity margins (development aid).
use std::path::Path;

use parallax_cluster::{Params, features::dot};

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut paths = vec![root.join("../../examples/seeds")];
    paths.push(root.join("../../../shared/corpus/multinews-dev/articles"));
    let ing = parallax_ingest::ingest_paths(&paths);
    let arts: Vec<_> = ing
        .documents
        .iter()
        .filter_map(|d| parallax_extract::extract(d).ok())
        .filter(|a| a.source.ends_with(".txt"))
        .collect();
    let p = Params::default();
    let v = parallax_cluster::vectors(&arts, &p);
    let seeds: Vec<usize> = (0..arts.len()).filter(|&i| arts[i].source.starts_with("00")).collect();
    let others = ["a0017.txt", "a0037.txt", "a0095.txt", "a0105.txt", "a0229.txt"];
    for &i in &seeds {
        let s: Vec<f32> = seeds.iter().filter(|&&j| j != i).map(|&j| dot(&v[i], &v[j])).collect();
        println!("{} vs other seeds {:?}", arts[i].source, s);
    }
    for o in others {
        let i = arts.iter().position(|a| a.source.ends_with(o)).unwrap();
        let s: Vec<f32> = seeds.iter().map(|&j| dot(&v[i], &v[j])).collect();
        let c: Vec<f32> = others
            .iter()
            .filter(|&&x| x != o)
            .map(|x| {
                let j = arts.iter().position(|a| a.source.ends_with(x)).unwrap();
                dot(&v[i], &v[j])
            })
            .collect();
        println!("{o} vs seeds {s:?} vs own story {c:?}");
    }
}
