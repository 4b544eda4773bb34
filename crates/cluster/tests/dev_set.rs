//! Golden clustering tests: the multinews dev set (scores printed, floor enforced) and the
//! seed story (one story, not polluted by unrelated reports).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use parallax_cluster::eval;
use parallax_core::Article;

/// B-cubed F1 floor on the dev set (measured 0.942 through extraction on 2026-12-03;
/// the README's TF-IDF average-linkage baseline scores 0.933; the target is 0.97,
/// above what this similarity allows: see `examples/diag.rs` and bench/cluster/RESULTS.md).
const BCUBED_FLOOR: f64 = 0.925;
/// Pairwise F1 floor on the dev set (measured 0.888).
const PAIRWISE_FLOOR: f64 = 0.86;

fn shared() -> PathBuf {
    std::env::var("PARALLAX_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|_| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared"))
}

fn extract_dir(dir: &Path) -> Vec<Article> {
    let ingested = parallax_ingest::ingest_paths(&[dir.to_path_buf()]);
    ingested.documents.iter().filter_map(|d| parallax_extract::extract(d).ok()).collect()
}

fn basename(s: &str) -> String {
    Path::new(s).file_name().map(|f| f.to_string_lossy().into_owned()).unwrap_or_else(|| s.to_string())
}

fn dev_set() -> Option<(Vec<Article>, BTreeMap<String, usize>)> {
    let dir = shared().join("corpus/multinews-dev");
    if !dir.join("gold.json").exists() {
        eprintln!("SKIP: {} is absent (set PARALLAX_SHARED)", dir.display());
        return None;
    }
    let gold: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("gold.json")).unwrap()).unwrap();
    let mut label_of = BTreeMap::new();
    for (k, (_, members)) in gold["clusters"].as_object().unwrap().iter().enumerate() {
        for m in members.as_array().unwrap() {
            label_of.insert(m.as_str().unwrap().to_string(), k);
        }
    }
    Some((extract_dir(&dir.join("articles")), label_of))
}

fn seeds() -> Vec<Article> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/seeds");
    let mut arts = extract_dir(&dir);
    arts.retain(|a| a.source.ends_with(".txt"));
    assert_eq!(arts.len(), 5, "five seed reports extracted");
    arts
}

#[test]
fn dev_set_scores_above_floor() {
    let Some((articles, label_of)) = dev_set() else { return };
    let clusters = parallax_cluster::cluster(&articles);
    // Gold articles missing from the output count as singletons.
    let mut pred = eval::labels(&clusters, articles.len());
    let mut gold: Vec<usize> = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    for a in &articles {
        let name = basename(&a.source);
        gold.push(*label_of.get(&name).expect("article in gold"));
        seen.insert(name);
    }
    let mut next = pred.len() + clusters.len();
    for (name, &l) in &label_of {
        if !seen.contains(name) {
            eprintln!("missing from output: {name}");
            pred.push(next);
            next += 1;
            gold.push(l);
        }
    }
    let s = eval::score_labels(&pred, &gold);
    eprintln!("multinews-dev: {s}");
    assert!(s.bcubed_f1 >= BCUBED_FLOOR, "B-cubed F1 {:.3} below floor {BCUBED_FLOOR}", s.bcubed_f1);
    assert!(s.pair_f1 >= PAIRWISE_FLOOR, "pairwise F1 {:.3} below floor {PAIRWISE_FLOOR}", s.pair_f1);
}

#[test]
fn clustering_is_deterministic() {
    let Some((articles, _)) = dev_set() else { return };
    assert_eq!(parallax_cluster::cluster(&articles), parallax_cluster::cluster(&articles));
}

/// The light annotation that clustering reads equals the body tokens of the full one on
/// every dev article, so the pipeline (full `Doc`s) and a large batch (light) group alike.
#[test]
fn light_annotation_matches_the_full_one() {
    let Some((articles, _)) = dev_set() else { return };
    for a in &articles {
        let full = parallax_annotate::article_undated(a);
        let want: Vec<parallax_annotate::Word> = full.body_tokens().iter().map(Into::into).collect();
        assert_eq!(parallax_annotate::light::words(&a.body), want, "{}", a.source);
    }
    let docs: Vec<_> = articles.iter().map(parallax_annotate::article_undated).collect();
    assert_eq!(parallax_cluster::cluster_docs(&articles, &docs), parallax_cluster::cluster(&articles));
}

#[test]
fn five_seeds_form_one_story() {
    let arts = seeds();
    let clusters = parallax_cluster::cluster(&arts);
    assert_eq!(clusters.len(), 1, "{clusters:?}");
    assert_eq!(clusters[0].len(), 5);
}

#[test]
fn dev_articles_stay_out_of_the_seed_story() {
    let Some((mut articles, _)) = dev_set() else { return };
    let seed_arts = seeds();
    let n_seeds = seed_arts.len();
    // Seeds first, then the dev corpus, all in one run.
    let mut all = seed_arts;
    all.append(&mut articles);
    let clusters = parallax_cluster::cluster(&all);
    let seed_story: Vec<&Vec<usize>> = clusters.iter().filter(|c| c.iter().any(|&i| i < n_seeds)).collect();
    assert_eq!(seed_story.len(), 1, "seeds split: {seed_story:?}");
    let intruders: Vec<&str> =
        seed_story[0].iter().filter(|&&i| i >= n_seeds).map(|&i| all[i].source.as_str()).collect();
    assert!(intruders.is_empty(), "dev articles pulled into the seed story: {intruders:?}");
    assert_eq!(seed_story[0].len(), n_seeds);
}

/// Seed of the story split of the tuning protocol.
const SPLIT_SEED: &str = "13";
/// Floor on the worse held-out B-cubed F1 of the two directions (measured on 2026-12-03:
/// tuned on A, 0.951 on B against the baseline's 0.911; tuned on B, 0.970 on A against 0.947).
const HELD_OUT_FLOOR: f64 = 0.94;
/// Floor on each half's B-cubed F1 at the default threshold (measured on 2026-12-03: half A
/// 0.970, half B 0.951; the target is 0.95 on each).
const HALF_FLOOR: f64 = 0.945;

/// FNV-1a of a string: a fixed, platform-independent hash for the split.
fn fnv(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}

/// B-cubed F1 of a clustering of `arts` against their gold labels.
fn bcubed(clusters: &[Vec<usize>], gold: &[usize]) -> f64 {
    eval::score_labels(&eval::labels(clusters, gold.len()), gold).bcubed_f1
}

/// A clustering run with a given threshold.
type Run<'a> = &'a dyn Fn(&[Article], f32) -> Vec<Vec<usize>>;

/// The threshold of `grid` with the best F1 on `tune`, and its F1 there and on `test`.
fn tune_and_test(
    grid: &[f32],
    run: Run<'_>,
    tune: &(Vec<Article>, Vec<usize>),
    test: &(Vec<Article>, Vec<usize>),
) -> (f32, f64, f64) {
    let (mut best_t, mut best_f) = (grid[0], -1.0);
    for &t in grid {
        let f = bcubed(&run(&tune.0, t), &tune.1);
        if f > best_f {
            (best_t, best_f) = (t, f);
        }
    }
    (best_t, best_f, bcubed(&run(&test.0, best_t), &test.1))
}

/// The tuning protocol of the clustering: multinews-dev's stories split into two halves by a
/// seeded hash of their ids; the join threshold is chosen on one half and scored on the other,
/// both ways, for Parallax and for the TF-IDF average-linkage baseline in the same run. The
/// floor is on the worse held-out figure.
#[test]
fn cross_half_tuning_against_the_baseline() {
    let Some((articles, label_of)) = dev_set() else { return };
    let mut halves: [(Vec<Article>, Vec<usize>); 2] = Default::default();
    for a in articles {
        let label = label_of[&basename(&a.source)];
        let half = usize::from(fnv(&format!("{SPLIT_SEED}:{label}")) % 2 == 1);
        halves[half].1.push(label);
        halves[half].0.push(a);
    }
    let parallax = |arts: &[Article], t: f32| {
        let p = parallax_cluster::Params { threshold: t, ..Default::default() };
        parallax_cluster::cluster_with(arts, &parallax_dedup::copy_of(arts), &p)
    };
    let baseline = |arts: &[Article], t: f32| eval::tfidf_average_linkage(arts, t);
    let px_grid: Vec<f32> = (5..=15).map(|k| k as f32 * 0.02).collect();
    let bl_grid: Vec<f32> = (2..=16).map(|k| k as f32 * 0.025).collect();
    let mut worst = f64::MAX;
    eprintln!("cross-half tuning (B-cubed F1; halves by fnv(\"{SPLIT_SEED}:<story index in gold.json>\")):");
    let default_t = parallax_cluster::Params::default().threshold;
    for (h, name) in [(0, "A"), (1, "B")] {
        let (arts, gold) = &halves[h];
        let f = bcubed(&parallax(arts, default_t), gold);
        eprintln!("  default threshold {default_t:.3} on half {name} ({} reports): {f:.3}", arts.len());
        assert!(f >= HALF_FLOOR, "half {name}: B-cubed F1 {f:.3} below {HALF_FLOOR}");
    }
    eprintln!("  {:<10} {:<9} {:>9} {:>8} {:>9}", "method", "tuned on", "threshold", "held-in", "held-out");
    for (tune, test, name) in [(0, 1, "A"), (1, 0, "B")] {
        let (pt, pin, pout) = tune_and_test(&px_grid, &parallax, &halves[tune], &halves[test]);
        let (bt, bin, bout) = tune_and_test(&bl_grid, &baseline, &halves[tune], &halves[test]);
        eprintln!("  {:<10} {name:<9} {pt:>9.3} {pin:>8.3} {pout:>9.3}", "parallax");
        eprintln!("  {:<10} {name:<9} {bt:>9.3} {bin:>8.3} {bout:>9.3}", "baseline");
        worst = worst.min(pout);
    }
    assert!(worst >= HELD_OUT_FLOOR, "worse held-out B-cubed F1 {worst:.3} below {HELD_OUT_FLOOR}");
}
