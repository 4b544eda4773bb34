//! Generality check: on clean real article bodies (multinews-dev), the dump extractor must
//! keep nearly every word. A dump extractor that drops real paragraphs is worse than useless.

use std::path::{Path, PathBuf};

use parallax_core::Document;
use parallax_extract::text::extract_text;

fn shared() -> PathBuf {
    std::env::var_os("PARALLAX_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared"))
}

fn words(s: &str) -> usize {
    s.split_whitespace().count()
}

#[test]
fn multinews_bodies_are_kept() {
    let dir = shared().join("corpus/multinews-dev/articles");
    let Ok(rd) = std::fs::read_dir(&dir) else {
        eprintln!("SKIP multinews_bodies_are_kept: {} is absent", dir.display());
        return;
    };
    let mut files: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
    files.sort();
    let mut ratios = Vec::new();
    let mut worst: Vec<(f64, String)> = Vec::new();
    for f in &files {
        let text = std::fs::read_to_string(f).expect("utf-8 article");
        let name = f.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let a = extract_text(&Document::text(name.clone(), text.clone())).expect("extracts");
        // Words kept in the body, plus a title/dateline cut from the top (still article words).
        let kept = words(&a.body) as f64;
        let r = (kept / words(&text).max(1) as f64).min(1.0);
        ratios.push(r);
        worst.push((r, name));
    }
    worst.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mean = ratios.iter().sum::<f64>() / ratios.len().max(1) as f64;
    let below = ratios.iter().filter(|&&r| r < 0.5).count();
    eprintln!(
        "multinews-dev: {} articles, mean share of words kept {:.3}, {} below 0.5; worst: {:?}",
        ratios.len(),
        mean,
        below,
        &worst[..worst.len().min(8)]
    );
    assert!(ratios.len() >= 100, "expected the 310 dev articles");
    assert!(mean >= 0.9, "mean share of words kept {mean:.3} < 0.9");
}
