//! The dev corpus for the development examples: articles and their gold story labels.

use std::collections::BTreeMap;
use std::path::Path;

use parallax_core::Article;

/// File name of an article's source.
pub fn basename(a: &Article) -> String {
    Path::new(&a.source).file_name().map_or_else(|| a.source.clone(), |f| f.to_string_lossy().into_owned())
}

/// multinews-dev articles with one gold label each. `extract`: read them the way
/// `parallax cluster` does (ingest + extract); otherwise the raw file text is the body.
pub fn dev_set(extract: bool) -> (Vec<Article>, Vec<usize>) {
    let shared = std::env::var("PARALLAX_SHARED")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|_| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared"));
    let dir = shared.join("corpus/multinews-dev");
    let gold: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("gold.json")).unwrap()).unwrap();
    let mut label_of: BTreeMap<String, usize> = BTreeMap::new();
    for (k, (_, members)) in gold["clusters"].as_object().unwrap().iter().enumerate() {
        for m in members.as_array().unwrap() {
            label_of.insert(m.as_str().unwrap().to_string(), k);
        }
    }
    let mut articles = Vec::new();
    let mut labels = Vec::new();
    if extract {
        let ing = parallax_ingest::ingest_paths(&[dir.join("articles")]);
        for d in &ing.documents {
            if let Ok(a) = parallax_extract::extract(d) {
                labels.push(label_of[&basename(&a)]);
                articles.push(a);
            }
        }
    } else {
        for (name, &l) in &label_of {
            let body = std::fs::read_to_string(dir.join("articles").join(name)).unwrap();
            articles.push(Article { source: name.clone(), body, ..Default::default() });
            labels.push(l);
        }
    }
    (articles, labels)
}
