//! Golden test on real multi-outlet stories: the whole pipeline on each story of
//! `tests/story_refs/*.json` (hand-made references to multinews-dev stories; the texts are read
//! from the shared corpus at run time and never stored here), scored per section for each half
//! of the seeded split and in total. Fails when a figure drops below `FLOORS`.
//! Skips, with a message, when the corpus is absent (set PARALLAX_SHARED).
//! See tests/story_refs/README.md.

#[path = "story_refs/plant.rs"]
mod plant;
#[path = "story_refs/score.rs"]
mod score;

use std::collections::BTreeMap;

use score::{Counts, SECTIONS, StoryScore, lc, strs};
use serde_json::Value;

/// (half, section, min precision, min recall): just under the figures of main at the end of
/// stop 22, 2026-12-02 (README.md there lists them), so a regression fails. Raise them as the analysis improves;
/// tune on half A, report half B.
const FLOORS: &[(&str, &str, f64, f64)] = &[
    // Entity precision counts only the references' key entities: real people named once
    // (found since given names mark persons) lower it while recall rises.
    ("A", "entities", 0.43, 0.84),
    ("B", "entities", 0.47, 0.75),
    ("A", "quote groups", 0.50, 0.55),
    ("B", "quote groups", 0.70, 0.70),
    ("A", "agreements", 0.55, 0.49),
    ("B", "agreements", 0.53, 0.59),
    // Contradictions: none found today (0 of 6); precision is guarded by the cap below.
    ("A", "contradictions", 0.0, 0.0),
    ("B", "contradictions", 0.0, 0.0),
];

/// Most contradictions allowed, in all, on the stories whose reference has none (0 today).
const MAX_FLAGS_ON_CLEAN_STORIES: usize = 2;

/// Every excerpt must stand in its article (after folding) and stay short; the reference must
/// list exactly the story's articles.
fn check_reference(r: &Value, files: &[String], texts: &BTreeMap<String, String>) -> Vec<String> {
    let id = r["story"]["id"].as_str().unwrap_or("?");
    let mut bad = Vec::new();
    let listed: Vec<String> = r["articles"].as_object().map(|m| m.keys().cloned().collect()).unwrap_or_default();
    let mut want = files.to_vec();
    want.sort();
    if listed != want {
        bad.push(format!("{id}: articles {listed:?} are not the story's {want:?}"));
    }
    let mut excerpt = |src: &str, t: &str| {
        if t.split_whitespace().count() > 12 {
            bad.push(format!("{id}: excerpt longer than 12 words: {t:?}"));
        }
        if !texts.get(src).is_some_and(|body| body.contains(&lc(t))) {
            bad.push(format!("{id}: {t:?} is not in {src}"));
        }
    };
    for q in r["quotes"].as_array().into_iter().flatten() {
        for (src, t) in q["same_statement_in"].as_object().into_iter().flatten() {
            excerpt(src, t.as_str().unwrap_or_default());
        }
    }
    for key in ["contradictions", "not_contradictions"] {
        for c in r[key].as_array().into_iter().flatten() {
            for cl in c["claims"].as_array().into_iter().flatten() {
                excerpt(cl["source"].as_str().unwrap_or_default(), cl["says"].as_str().unwrap_or_default());
            }
        }
    }
    for a in r["agreements"].as_array().into_iter().flatten() {
        if strs(&a["sources"]).len() < 2 {
            bad.push(format!("{id}: agreement with fewer than two sources: {}", a["claim"]));
        }
    }
    bad
}

fn print_table(label: &str, s: &StoryScore, stories: usize) {
    println!("\n{label} ({stories} stories)");
    println!("  {:<28} {:>9} {:>9}   (tp/pred, tp/gold)", "section", "precision", "recall");
    for sec in SECTIONS {
        let c = s.sections.get(sec).copied().unwrap_or_default();
        println!(
            "  {sec:<28} {:>9.3} {:>9.3}   ({}/{}, {}/{})",
            c.precision(),
            c.recall(),
            c.tp_pred,
            c.pred,
            c.tp_gold,
            c.gold
        );
    }
    println!(
        "  contradictions flagged on stories with none: {}; on pairs the references dismiss: {}",
        s.flags_on_clean_story, s.flags_on_dismissed_pairs
    );
}

#[test]
fn story_references() {
    let Some(dir) = score::corpus_dir() else {
        eprintln!("SKIP story_references: ../shared/corpus/multinews-dev not found (set PARALLAX_SHARED)");
        return;
    };
    let clusters = score::clusters(&dir);
    let refs = score::load_refs();
    assert!(refs.len() >= 16, "at least 16 reference stories, found {}", refs.len());
    let ids: Vec<String> = refs.iter().map(|r| r["story"]["id"].as_str().expect("story.id").to_string()).collect();
    let stories: Vec<score::StoryTexts> =
        ids.iter().map(|id| score::read_story(&dir, id, clusters.get(id).expect("story id in gold.json"))).collect();
    let mut bad = Vec::new();
    for (r, s) in refs.iter().zip(&stories) {
        let texts: BTreeMap<String, String> = s.texts.iter().map(|(n, t)| (n.clone(), lc(t))).collect();
        bad.extend(check_reference(r, &clusters[&s.id], &texts));
    }
    assert!(bad.is_empty(), "malformed references: {bad:#?}");

    let reports = score::analyze(&stories);
    let halves = score::split(&ids);
    let mut by_half: BTreeMap<&str, (StoryScore, usize)> = BTreeMap::new();
    let mut total = StoryScore::default();
    for ((r, report), id) in refs.iter().zip(&reports).zip(&ids) {
        eprintln!("{id} (half {}):", halves[id]);
        if std::env::var("STORY_REFS_DUMP").is_ok_and(|d| d == *id) {
            eprintln!("{}", serde_json::to_string_pretty(report).unwrap_or_default());
        }
        let s = score::score(report, r, true);
        let e = by_half.entry(halves[id]).or_default();
        e.0.add(&s);
        e.1 += 1;
        total.add(&s);
    }
    for (half, (s, n)) in &by_half {
        let ids_in: Vec<&str> = ids.iter().filter(|i| halves[*i] == *half).map(String::as_str).collect();
        print_table(&format!("half {half}: {}", ids_in.join(" ")), s, *n);
    }
    print_table("all", &total, ids.len());

    let mut failures = Vec::new();
    for (half, sec, fp, fr) in FLOORS {
        let c: Counts = by_half.get(half).and_then(|(s, _)| s.sections.get(sec).copied()).unwrap_or_default();
        if c.precision() + 1e-9 < *fp || c.recall() + 1e-9 < *fr {
            failures.push(format!("half {half} {sec}: P {:.3} < {fp} or R {:.3} < {fr}", c.precision(), c.recall()));
        }
    }
    if total.flags_on_clean_story > MAX_FLAGS_ON_CLEAN_STORIES {
        failures.push(format!(
            "{} contradictions on stories with none (max {MAX_FLAGS_ON_CLEAN_STORIES})",
            total.flags_on_clean_story
        ));
    }
    assert!(failures.is_empty(), "below floor: {failures:#?}");
}

#[test]
fn split_is_fixed_and_even() {
    let ids: Vec<String> = (0..17).map(|i| format!("c{i:03}")).collect();
    let a = score::split(&ids);
    let b = score::split(&ids.iter().rev().cloned().collect::<Vec<_>>());
    assert_eq!(a, b, "the split does not depend on input order");
    assert_eq!(a.values().filter(|h| **h == "A").count(), 9);
    assert_eq!(a.values().filter(|h| **h == "B").count(), 8);
}

#[test]
fn scoring_on_a_fixture() {
    use parallax_core::report::{Agreement, Contradiction, ContradictionClaim, Entity, QuoteGroup, StoryReport};
    let r: Value = serde_json::from_str(
        r#"{
        "entities": [{"name": "Ana Ruiz", "aliases": ["Ruiz"]}, {"name": "Port Vale", "aliases": []}],
        "quotes": [{"id": "q", "speaker": "Ana Ruiz", "same_statement_in": {"x.txt": "we will rebuild", "y.txt": "We will rebuild the pier"}}],
        "contradictions": [{"id": "age", "claims": [
            {"source": "x.txt", "says": "Ruiz, 41, said", "value": "41"},
            {"source": "y.txt", "says": "the 44-year-old mayor", "value": "44"},
            {"source": "z.txt", "says": "Ruiz, 41,", "value": "41"}]}],
        "agreements": [{"claim": "The storm destroyed the pier in Port Vale", "sources": ["x.txt", "y.txt"]}]
    }"#,
    )
    .unwrap();
    let claim = |s: &str, says: &str| ContradictionClaim { source: s.into(), says: says.into(), ..Default::default() };
    let report = StoryReport {
        entities: vec![
            Entity { name: "Ana Ruiz".into(), aliases: vec!["Ruiz".into()], ..Default::default() },
            Entity { name: "Pier".into(), ..Default::default() },
        ],
        quotes: vec![QuoteGroup {
            speaker: Some("Ruiz".into()),
            same_statement_in: [
                ("x.txt".to_string(), "\u{201C}We will rebuild,\u{201D}".to_string()),
                ("y.txt".into(), "We will rebuild the pier".into()),
            ]
            .into_iter()
            .collect(),
            ..Default::default()
        }],
        // Same value on both sides: not the reference contradiction; then the real one.
        contradictions: vec![
            Contradiction { claims: vec![claim("x.txt", "41"), claim("z.txt", "41")], ..Default::default() },
            Contradiction {
                claims: vec![claim("x.txt", "Ruiz, 41"), claim("y.txt", "44-year-old")],
                ..Default::default()
            },
        ],
        agreements: vec![Agreement {
            claim: "A storm destroyed the old pier in Port Vale on Monday.".into(),
            sources: vec!["x.txt".into(), "y.txt".into()],
        }],
        ..Default::default()
    };
    let s = score::score(&report, &r, false);
    let get = |k: &str| s.sections[k];
    assert_eq!(get("entities"), Counts { tp_pred: 1, pred: 2, tp_gold: 1, gold: 2 });
    assert_eq!(get("quote groups"), Counts { tp_pred: 1, pred: 1, tp_gold: 1, gold: 1 });
    assert_eq!(get("contradictions"), Counts { tp_pred: 1, pred: 2, tp_gold: 1, gold: 1 });
    assert_eq!(get("agreements"), Counts { tp_pred: 1, pred: 1, tp_gold: 1, gold: 1 });
    assert_eq!(s.flags_on_clean_story, 0);
}
