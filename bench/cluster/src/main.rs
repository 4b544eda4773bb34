//! Scale benchmark of near-duplicate detection + story clustering.
//!
//! `cargo run --release -p parallax-bench-cluster -- [--sizes 10000,30000,100000]`
//!
//! Builds synthetic streams from the multinews dev corpus (`$PARALLAX_SHARED/corpus/multinews-dev`,
//! default `../shared` next to the repository): each *variant* of a dev story is a new story —
//! its proper nouns, numbers and a third of its other words are consistently renamed for that
//! variant, about 2.5% of words are dropped, and it is re-dated at random over three years
//! (its reports within two days). Each size runs in a child process so that peak memory
//! (VmHWM) is measured per size. Prints reports/s, peak memory, the growth factor of time
//! against the first size, and B-cubed against the synthetic truth.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use parallax_core::Article;

fn shared() -> PathBuf {
    std::env::var("PARALLAX_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|_| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared"))
}

/// Dev stories: the bodies of each gold cluster.
fn load_base() -> Result<Vec<Vec<String>>, String> {
    let dir = shared().join("corpus/multinews-dev");
    let gold = std::fs::read_to_string(dir.join("gold.json")).map_err(|e| format!("{}: {e}", dir.display()))?;
    let gold: serde_json::Value = serde_json::from_str(&gold).map_err(|e| e.to_string())?;
    let clusters = gold["clusters"].as_object().ok_or("gold.json has no clusters")?;
    let mut out = Vec::new();
    for members in clusters.values() {
        let mut bodies = Vec::new();
        for m in members.as_array().ok_or("bad cluster")? {
            let name = m.as_str().ok_or("bad member")?;
            let p = dir.join("articles").join(name);
            bodies.push(std::fs::read_to_string(&p).map_err(|e| format!("{}: {e}", p.display()))?);
        }
        out.push(bodies);
    }
    Ok(out)
}

fn h(parts: &[u64]) -> u64 {
    let mut x = 0x0062_656e_6368_u64;
    for &p in parts {
        x = xxhash_rust::xxh3::xxh3_64_with_seed(&p.to_le_bytes(), x);
    }
    x
}

fn suffix(v: u64) -> String {
    let mut s = String::new();
    let mut v = v + 1;
    while v > 0 {
        s.push((b'a' + (v % 26) as u8) as char);
        v /= 26;
    }
    s
}

/// Renames proper nouns, numbers and a third of the other words for variant `v`, drops
/// about 2.5% of words.
fn perturb(body: &str, v: u64) -> String {
    let mut out = String::with_capacity(body.len() + body.len() / 8);
    let sfx = suffix(v);
    let mut pos = 0u64;
    let mut word_start: Option<usize> = None;
    let flush = |out: &mut String, w: &str, pos: u64| {
        let wh = xxhash_rust::xxh3::xxh3_64(w.to_lowercase().as_bytes());
        if h(&[v, pos]).is_multiple_of(40) {
            return; // dropped
        }
        out.push_str(w);
        let name = w.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
        if name || h(&[v, wh]).is_multiple_of(3) {
            out.push_str(&sfx);
        }
    };
    for (i, c) in body.char_indices() {
        if c.is_alphanumeric() {
            word_start.get_or_insert(i);
            continue;
        }
        if let Some(s) = word_start.take() {
            flush(&mut out, &body[s..i], pos);
            pos += 1;
        }
        out.push(c);
    }
    if let Some(s) = word_start {
        flush(&mut out, &body[s..], pos);
    }
    // No spare capacity: the generated corpus is input, not the clusterer's memory.
    out.shrink_to_fit();
    out
}

/// `n` reports and their story labels.
fn build(base: &[Vec<String>], n: usize) -> (Vec<Article>, Vec<usize>) {
    let day0 = chrono::NaiveDate::from_ymd_opt(2023, 1, 1).expect("valid date");
    let mut arts = Vec::with_capacity(n);
    let mut truth = Vec::with_capacity(n);
    let mut v = 0u64;
    'outer: loop {
        let c = (v as usize) % base.len();
        let start = day0 + chrono::Days::new(h(&[v, 7]) % 1095);
        for (k, body) in base[c].iter().enumerate() {
            if arts.len() == n {
                break 'outer;
            }
            let date = start + chrono::Days::new(h(&[v, k as u64, 9]) % 3);
            arts.push(Article {
                source: format!("v{v}-{k}.txt"),
                published: Some(date.format("%Y-%m-%d").to_string()),
                body: perturb(body, v),
                ..Default::default()
            });
            truth.push(v as usize);
        }
        v += 1;
    }
    (arts, truth)
}

fn peak_rss_mb() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map_or(f64::NAN, |kb| kb / 1024.0)
}

/// CPU time (user + system) of this process so far, in seconds (Linux `/proc/self/stat`,
/// assuming 100 clock ticks per second).
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let after = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let f: Vec<&str> = after.split_whitespace().collect();
    let tick = |i: usize| f.get(i).and_then(|v| v.parse::<f64>().ok()).unwrap_or(f64::NAN);
    (tick(11) + tick(12)) / 100.0
}

/// Child: one size; prints one JSON line.
fn run_one(n: usize) -> Result<(), String> {
    let base = load_base()?;
    let t0 = Instant::now();
    let (arts, truth) = build(&base, n);
    let gen_s = t0.elapsed().as_secs_f64();
    let words: usize = arts.iter().map(|a| a.body.split_whitespace().count()).sum();
    let c1 = cpu_seconds();
    let t1 = Instant::now();
    // As the product runs it: one annotation per report serves near-copies and clustering
    // (the "dedup" column includes that annotation pass).
    let p = parallax_cluster::Params::default();
    let prep = parallax_cluster::prepare(&arts, &p);
    let dedup_s = t1.elapsed().as_secs_f64();
    let t2 = Instant::now();
    let (stories, copies) = parallax_cluster::cluster_prepared(&arts, prep, &p);
    let cluster_s = t2.elapsed().as_secs_f64();
    let cpu_s = cpu_seconds() - c1;
    let scores = parallax_cluster::eval::score_labels(&parallax_cluster::eval::labels(&stories, n), &truth);
    let line = serde_json::json!({
        "n": n, "words": words, "generate_s": gen_s, "dedup_s": dedup_s, "cluster_s": cluster_s,
        "stories": stories.len(), "truth_stories": scores.gold, "copies": copies.iter().filter(|c| c.is_some()).count(),
        "bcubed_f1": scores.bcubed_f1, "cpu_s": cpu_s, "peak_mb": peak_rss_mb(),
    });
    println!("{line}");
    Ok(())
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--child") {
        let n: usize = args.get(i + 1).and_then(|s| s.parse().ok()).expect("--child N");
        if let Err(e) = run_one(n) {
            eprintln!("bench-cluster: {e}");
            std::process::exit(2);
        }
        return;
    }
    let sizes: Vec<usize> = args
        .iter()
        .position(|a| a == "--sizes")
        .and_then(|i| args.get(i + 1))
        .map(|s| s.split(',').filter_map(|x| x.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![10_000, 30_000, 100_000]);
    if let Err(e) = load_base() {
        eprintln!("bench-cluster: SKIP: dev corpus unavailable ({e}); set PARALLAX_SHARED");
        return;
    }
    let exe = std::env::current_exe().expect("own path");
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!("# parallax cluster benchmark ({threads} threads; release build: {})", !cfg!(debug_assertions));
    println!(
        "| reports | words (M) | dedup s | cluster s | total s | reports/s | CPU s | peak MB | time growth | CPU growth | size growth | B-cubed F1 | stories (truth) |"
    );
    println!("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    let mut first: Option<(f64, f64, usize)> = None;
    let mut rows: BTreeMap<usize, serde_json::Value> = BTreeMap::new();
    for &n in &sizes {
        let out = Command::new(&exe).args(["--child", &n.to_string()]).output().expect("run child");
        if !out.status.success() {
            eprintln!("bench-cluster: size {n} failed: {}", String::from_utf8_lossy(&out.stderr));
            std::process::exit(1);
        }
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("child JSON");
        let total = v["dedup_s"].as_f64().unwrap_or(0.0) + v["cluster_s"].as_f64().unwrap_or(0.0);
        let cpu = v["cpu_s"].as_f64().unwrap_or(f64::NAN);
        let (t0, c0, n0) = *first.get_or_insert((total, cpu, n));
        println!(
            "| {n} | {:.1} | {:.2} | {:.2} | {:.2} | {:.0} | {:.1} | {:.0} | {:.2}x | {:.2}x | {:.1}x | {:.3} | {} ({}) |",
            v["words"].as_f64().unwrap_or(0.0) / 1e6,
            v["dedup_s"].as_f64().unwrap_or(0.0),
            v["cluster_s"].as_f64().unwrap_or(0.0),
            total,
            n as f64 / total,
            cpu,
            v["peak_mb"].as_f64().unwrap_or(f64::NAN),
            total / t0,
            cpu / c0,
            n as f64 / n0 as f64,
            v["bcubed_f1"].as_f64().unwrap_or(0.0),
            v["stories"],
            v["truth_stories"],
        );
        rows.insert(n, v);
    }
}
