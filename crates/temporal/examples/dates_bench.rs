//! Throughput of temporal-expression finding and resolution (issue 7), one thread.
//!
//! `cargo run --release -p parallax-temporal --example dates_bench -- [DIR] [ROUNDS]`
//! DIR defaults to `$PARALLAX_SHARED/corpus/multinews-dev/articles` (else `examples/seeds`).
//! Prints documents/s and ms/document for `find_dates` and `find_timexes`, and the ratio to a baseline measured in
//! the same run (one pass of a single month-name regex plus word splitting: the cheapest scan a
//! date tagger can do), plus the ratio to HeidelTime's ~0.3 s/document reported in the issue.

use std::path::PathBuf;
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let shared = std::env::var_os("PARALLAX_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared"));
    let dir = args.first().map(PathBuf::from).unwrap_or_else(|| {
        let d = shared.join("corpus/multinews-dev/articles");
        if d.is_dir() { d } else { PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/seeds") }
    });
    let rounds: usize = args.get(1).and_then(|r| r.parse().ok()).unwrap_or(5);
    let mut texts: Vec<String> = std::fs::read_dir(&dir)
        .map(|rd| rd.filter_map(|e| e.ok()).map(|e| e.path()).filter(|p| p.is_file()).collect::<Vec<_>>())
        .unwrap_or_default()
        .into_iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect();
    texts.sort();
    if texts.is_empty() {
        println!("no documents in {}", dir.display());
        return;
    }
    let dct = chrono::NaiveDate::from_ymd_opt(2016, 5, 11);
    let bytes: usize = texts.iter().map(String::len).sum();

    let months = regex::Regex::new(
        r"\b(?:January|February|March|April|May|June|July|August|September|October|November|December)\b",
    )
    .expect("regex");
    let t = Instant::now();
    let mut sink = 0usize;
    for _ in 0..rounds {
        for x in &texts {
            sink += months.find_iter(x).count() + x.split_whitespace().count();
        }
    }
    let base = t.elapsed().as_secs_f64();

    let t = Instant::now();
    let mut found = 0usize;
    for _ in 0..rounds {
        for x in &texts {
            found += parallax_temporal::find_dates(x, dct).len();
        }
    }
    let ours = t.elapsed().as_secs_f64();
    let docs = (texts.len() * rounds) as f64;
    let ms_per_doc = 1000.0 * ours / docs;
    println!("documents: {} ({} KB) x {rounds} rounds from {}", texts.len(), bytes / 1024, dir.display());
    println!("find_dates: {:.0} docs/s, {ms_per_doc:.3} ms/doc, {} expressions/round", docs / ours, found / rounds);
    println!("baseline (month regex + word split): {:.0} docs/s (checksum {sink})", docs / base);
    println!("ratio find_dates / baseline time: {:.1}x", ours / base.max(1e-9));
    println!("vs HeidelTime ~300 ms/doc (issue 7): {:.0}x faster", 300.0 / ms_per_doc.max(1e-9));

    // What `parallax dates` runs (issue 18): dates plus durations, sets and clock times.
    let t = Instant::now();
    let mut all = 0usize;
    for _ in 0..rounds {
        for x in &texts {
            all += parallax_temporal::find_timexes(x, dct).len();
        }
    }
    let ms = 1000.0 * t.elapsed().as_secs_f64() / docs;
    println!("find_timexes: {ms:.3} ms/doc, {} expressions/round", all / rounds);
}
