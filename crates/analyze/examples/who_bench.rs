//! Throughput of entities + quotes (`who`) on one thread over the dev corpora.
//!
//! `cargo run --release -p parallax-analyze --example who_bench [PASSES]` (see bench/who/run.sh).
//! Reads ../shared/corpus/multinews-dev/articles (override with PARALLAX_SHARED), repeats the
//! set PASSES times (default 10, about 3,000 articles), and prints articles/s for
//! `who::analyze_texts` per article, next to a baseline measured in the same run (word
//! tokenisation of the same texts) and to spaCy's published-on-this-machine figures.

use std::path::Path;
use std::time::Instant;

use parallax_analyze::who;

fn main() {
    let shared = std::env::var("PARALLAX_SHARED")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|_| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared"));
    let dir = shared.join("corpus/multinews-dev/articles");
    let Ok(rd) = std::fs::read_dir(&dir) else {
        eprintln!("who_bench: SKIP: {} not found", dir.display());
        return;
    };
    let mut paths: Vec<_> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    let texts: Vec<String> = paths.iter().filter_map(|p| std::fs::read_to_string(p).ok()).collect();
    let passes: usize = std::env::args().nth(1).and_then(|s| s.parse().ok()).unwrap_or(10);
    let n = texts.len() * passes;
    let bytes: usize = texts.iter().map(String::len).sum::<usize>() * passes;

    // Baseline: word tokenisation only.
    let t0 = Instant::now();
    let mut words = 0usize;
    for _ in 0..passes {
        for t in &texts {
            words += who::text::words(t, 0..t.len()).len();
        }
    }
    let base = t0.elapsed().as_secs_f64();

    let t1 = Instant::now();
    let (mut ents, mut quotes) = (0usize, 0usize);
    for _ in 0..passes {
        for t in &texts {
            let a = who::analyze_texts(&[t.as_str()]);
            ents += a.resolution.entities.len();
            quotes += a.quotes[0].len();
        }
    }
    let who_s = t1.elapsed().as_secs_f64();
    let rate = n as f64 / who_s;
    println!("who_bench: {n} articles ({:.1} MB), one thread", bytes as f64 / 1e6);
    println!("  baseline (tokenise only): {:.0} articles/s ({words} words)", n as f64 / base);
    println!("  entities + quotes:        {rate:.0} articles/s ({ents} entities, {quotes} quotes)");
    println!("  ratio to baseline:        {:.2}x slower", who_s / base.max(1e-9));
    println!("  vs spaCy sm NER (13/s):   {:.0}x", rate / 13.0);
    println!("  vs spaCy+textacy (5.7/s): {:.0}x (target: 100x)", rate / 5.7);
}
