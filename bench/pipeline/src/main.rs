//! Per-stage throughput of the whole pipeline.
//!
//! `cargo run --release -p parallax-bench-pipeline -- [--rounds 10]`
//!
//! Reads the raw files of `$PARALLAX_SHARED/corpus/multinews-dev/articles` (default `../shared`
//! next to the repository) once into memory, then runs the pipeline over them `--rounds` times
//! (10 × 310 = 3,100 articles by default), each round a separate batch as a user's run would be
//! (repeating the same texts inside one batch would only make copies). For each stage it
//! prints articles/s over all rounds; `whole` is the sum of the stages. The baseline, measured
//! in the same run, is plain Unicode word segmentation (UAX #29) of the same extracted bodies:
//! the least any stage that reads the words must do. Peak memory is the process's VmHWM.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use parallax_core::{Article, Document};
use rayon::prelude::*;
use unicode_segmentation::UnicodeSegmentation;

fn shared() -> PathBuf {
    std::env::var("PARALLAX_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|_| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared"))
}

/// Raw files of the dev corpus, sorted by name.
fn load() -> Result<Vec<(String, Vec<u8>)>, String> {
    let dir = shared().join("corpus/multinews-dev/articles");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let name = p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            std::fs::read(&p).map(|b| (name, b)).map_err(|e| format!("{}: {e}", p.display()))
        })
        .collect()
}

#[derive(Default)]
struct Times {
    ingest: Duration,
    extract: Duration,
    annotate: Duration,
    dedup: Duration,
    cluster: Duration,
    analyse: Duration,
    baseline: Duration,
}

fn timed<T>(acc: &mut Duration, f: impl FnOnce() -> T) -> T {
    let t = Instant::now();
    let out = f();
    *acc += t.elapsed();
    out
}

fn round(files: &[(String, Vec<u8>)], t: &mut Times) -> usize {
    let docs: Vec<Document> = timed(&mut t.ingest, || {
        files
            .par_iter()
            .flat_map_iter(|(name, bytes)| {
                parallax_ingest::documents_from_bytes(name, name, bytes).map(|r| r.documents).unwrap_or_default()
            })
            .collect()
    });
    let (articles, _) =
        timed(&mut t.extract, || parallax_pipeline::extract_all(&docs, &parallax_pipeline::no_progress));
    let words: usize =
        timed(&mut t.baseline, || articles.par_iter().map(|a: &Article| a.body.unicode_words().count()).sum());
    std::hint::black_box(words);
    let annotated = timed(&mut t.annotate, || parallax_pipeline::annotate_all(&articles));
    let copies = timed(&mut t.dedup, || parallax_dedup::copy_of_docs(&articles, &annotated));
    let stories = timed(&mut t.cluster, || parallax_cluster::cluster_docs_with(&articles, &annotated, &copies));
    let reports = timed(&mut t.analyse, || {
        parallax_pipeline::analyze_groups(&articles, &annotated, &stories, &parallax_pipeline::no_progress)
    });
    std::hint::black_box(reports);
    articles.len()
}

fn peak_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines().find(|l| l.starts_with("VmHWM:")).and_then(|l| l.split_whitespace().nth(1)?.parse::<f64>().ok())
        })
        .map_or(0.0, |kb| kb / 1024.0)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let rounds: usize =
        args.iter().position(|a| a == "--rounds").and_then(|i| args.get(i + 1)?.parse().ok()).unwrap_or(10);
    let files = match load() {
        Ok(f) => f,
        Err(e) => {
            eprintln!("bench-pipeline: cannot read the dev corpus: {e}");
            std::process::exit(2);
        }
    };
    let mut t = Times::default();
    // One warm-up round (lazy regexes, word lists) outside the figures.
    round(&files, &mut Times::default());
    let n: usize = (0..rounds).map(|_| round(&files, &mut t)).sum();
    let rate = |d: Duration| n as f64 / d.as_secs_f64().max(1e-9);
    let whole = t.ingest + t.extract + t.annotate + t.dedup + t.cluster + t.analyse;
    println!("{n} articles ({rounds} rounds of {}), {} threads", n / rounds.max(1), rayon::current_num_threads());
    println!("{:<10} {:>12} {:>10} {:>16}", "stage", "articles/s", "seconds", "baseline / stage");
    for (name, d) in [
        ("ingest", t.ingest),
        ("extract", t.extract),
        ("annotate", t.annotate),
        ("dedup", t.dedup),
        ("cluster", t.cluster),
        ("analyse", t.analyse),
        ("whole", whole),
        ("baseline", t.baseline),
    ] {
        println!(
            "{name:<10} {:>12.0} {:>10.3} {:>16.3}",
            rate(d),
            d.as_secs_f64(),
            t.baseline.as_secs_f64() / d.as_secs_f64().max(1e-9)
        );
    }
    println!("peak memory: {:.0} MB", peak_mb());
}
