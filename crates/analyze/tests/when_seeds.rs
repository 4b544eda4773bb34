//! Golden test on the seed story (examples/seeds): timeline, agreements, single-source details
//! and contradictions against gold.json, with precision/recall printed per section and floors
//! taken from issue 7's acceptance criteria.

use std::collections::BTreeSet;
use std::path::Path;

use parallax_analyze::{StoryInput, analyze_story};
use parallax_core::Article;
use parallax_core::report::StoryReport;
use serde_json::Value;

fn seeds_dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/seeds")
}

fn fold(s: &str) -> String {
    s.replace(['“', '”'], "\"")
        .replace(['‘', '’'], "'")
        .replace(['—', '–'], "-")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

const STOP: &[&str] = &[
    "the", "a", "an", "and", "or", "of", "in", "on", "to", "for", "with", "by", "at", "from", "that", "this", "is",
    "was", "were", "be", "been", "has", "have", "had", "said", "says", "say", "he", "it", "its", "his", "as", "any",
    "would", "will", "could", "their", "them", "they", "who", "not", "if", "no",
];

fn words(s: &str) -> BTreeSet<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.len() > 1)
        .map(|w| {
            let l = w.to_lowercase();
            let l = if l.ends_with("iy") { format!("{}y", &l[..l.len() - 2]) } else { l };
            l.chars().take(5).collect::<String>()
        })
        .filter(|w| !STOP.contains(&w.as_str()))
        .collect()
}

fn overlap(a: &str, b: &str) -> usize {
    words(a).intersection(&words(b)).count()
}

/// Runs extraction + story date inference + analysis on the seed files.
pub fn seed_report() -> StoryReport {
    let dir = seeds_dir();
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("seeds dir")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    let mut articles: Vec<Article> = Vec::new();
    for f in &files {
        let bytes = std::fs::read(f).expect("read seed");
        let rep = parallax_ingest::documents_from_bytes(
            &f.file_name().expect("name").to_string_lossy(),
            &f.to_string_lossy(),
            &bytes,
        )
        .expect("ingest seed");
        for d in &rep.documents {
            articles.push(parallax_extract::extract(d).expect("extract seed"));
        }
    }
    parallax_temporal::infer_story_dates(&mut articles);
    let copy_of = parallax_dedup::copy_of(&articles);
    analyze_story(StoryInput {
        articles: &articles,
        docs: &parallax_analyze::annotate_all(&articles),
        copy_of: &copy_of,
    })
}

fn strs(v: &Value) -> BTreeSet<String> {
    v.as_array().map(|a| a.iter().filter_map(|x| x.as_str().map(str::to_string)).collect()).unwrap_or_default()
}

fn pr(name: &str, matched_gold: usize, gold: usize, matched_mine: usize, mine: usize) {
    let p = if mine == 0 { 0.0 } else { matched_mine as f64 / mine as f64 };
    let r = if gold == 0 { 0.0 } else { matched_gold as f64 / gold as f64 };
    eprintln!("{name:<24} recall {matched_gold}/{gold} = {r:.2}   precision {matched_mine}/{mine} = {p:.2}");
}

#[test]
fn seeds_against_gold() {
    let gold: Value =
        serde_json::from_str(&std::fs::read_to_string(seeds_dir().join("gold.json")).expect("gold")).expect("json");
    let r = seed_report();
    for (src, a) in &r.articles {
        eprintln!("{src}: published {:?} ({:?})", a.published, a.published_evidence);
    }
    eprintln!("--- timeline");
    for t in &r.timeline {
        eprintln!("{} {:?} {}\n      EVIDENCE {:?}", t.date, t.sources, t.event, t.evidence);
    }
    eprintln!("--- agreements");
    for a in &r.agreements {
        eprintln!("{:?} {}", a.sources, a.claim);
    }
    eprintln!("--- single source");
    for d in &r.single_source_details {
        eprintln!("{} {}", d.source, d.detail);
    }
    eprintln!("--- contradictions");
    for c in &r.contradictions {
        eprintln!("{} [{}] {}", c.id, c.kind, c.about);
        for cl in &c.claims {
            eprintln!("    {} {:?} -> {:?} {:?}", cl.source, cl.says, cl.resolves_to, cl.error);
        }
    }
    eprintln!("--- summary");
    for s in &r.summary {
        eprintln!("{:?} {}", s.sources, s.sentence);
    }
    // Every quoted passage is verbatim from its article.
    for a in &r.agreements {
        assert!(
            r.articles.values().any(|x| fold(&x.body).contains(&fold(&a.claim))),
            "claim not verbatim: {}",
            a.claim
        );
    }

    // Timeline: right date, at least half of gold's sources, similar content.
    let gt = gold["timeline"].as_array().expect("timeline");
    let mut used = BTreeSet::new();
    let mut hit_t = 0;
    for g in gt {
        let gs = strs(&g["sources"]);
        let need = gs.len().div_ceil(2);
        let found = r.timeline.iter().enumerate().find(|(i, t)| {
            !used.contains(i)
                && t.date == g["date"].as_str().unwrap_or("")
                && t.sources.iter().filter(|s| gs.contains(*s)).count() >= need
                && overlap(&t.event, g["event"].as_str().unwrap_or("")) >= 2
        });
        match found {
            Some((i, _)) => {
                used.insert(i);
                hit_t += 1;
            }
            None => eprintln!("MISSED timeline: {} {}", g["date"], g["event"]),
        }
    }
    pr("timeline", hit_t, gt.len(), used.len(), r.timeline.len());

    // Agreements: content overlap and gold's sources (all of them: strict; half: soft).
    let ga = gold["agreements"].as_array().expect("agreements");
    let (mut strict, mut soft) = (0, 0);
    let mut used = BTreeSet::new();
    for g in ga {
        let gs = strs(&g["sources"]);
        let claim = g["claim"].as_str().unwrap_or("");
        let best = r
            .agreements
            .iter()
            .enumerate()
            .filter(|(_, a)| overlap(&a.claim, claim) >= 2)
            .max_by_key(|(_, a)| (a.sources.iter().filter(|s| gs.contains(*s)).count(), overlap(&a.claim, claim)));
        match best {
            Some((i, a)) => {
                let inter = a.sources.iter().filter(|s| gs.contains(*s)).count();
                if inter == gs.len() {
                    strict += 1;
                } else {
                    eprintln!("PARTIAL agreement: {claim} {gs:?} ~ {:?} {}", a.sources, a.claim);
                }
                if inter >= gs.len().div_ceil(2).max(2) {
                    soft += 1;
                    used.insert(i);
                } else {
                    eprintln!("WEAK agreement: {claim} {gs:?} ~ {:?} {}", a.sources, a.claim);
                }
            }
            None => eprintln!("MISSED agreement: {claim}"),
        }
    }
    pr("agreements (all sources)", strict, ga.len(), used.len(), r.agreements.len());
    pr("agreements (half)", soft, ga.len(), used.len(), r.agreements.len());

    // Single-source details: same source, content overlap.
    let gd = gold["single_source_details"].as_array().expect("details");
    let mut hit_d = 0;
    for g in gd {
        let ok = r.single_source_details.iter().any(|d| {
            d.source == g["source"].as_str().unwrap_or("")
                && overlap(&d.detail, g["detail"].as_str().unwrap_or("")) >= 3
        });
        if ok {
            hit_d += 1;
        } else {
            eprintln!("MISSED detail: {}", g["detail"]);
        }
    }
    pr("single-source details", hit_d, gd.len(), hit_d, r.single_source_details.len());

    // Contradictions: same kind, gold's sources, gold's resolved dates.
    let gc = gold["contradictions"].as_array().expect("contradictions");
    let mut used = BTreeSet::new();
    for g in gc {
        let want: BTreeSet<(String, Option<String>)> = g["claims"]
            .as_array()
            .expect("claims")
            .iter()
            .map(|c| (c["source"].as_str().unwrap_or("").to_string(), c["resolves_to"].as_str().map(str::to_string)))
            .collect();
        let found = r.contradictions.iter().enumerate().find(|(i, c)| {
            !used.contains(i)
                && c.kind == g["kind"].as_str().unwrap_or("")
                && want.iter().all(|w| c.claims.iter().any(|x| x.source == w.0 && x.resolves_to == w.1))
        });
        match found {
            Some((i, _)) => {
                used.insert(i);
            }
            None => eprintln!("MISSED contradiction: {}", g["id"]),
        }
    }
    let extra = r.contradictions.len() - used.len();
    pr("contradictions", used.len(), gc.len(), used.len(), r.contradictions.len());

    // Floors (issue 7 "Done when").
    assert!(hit_t >= 6, "timeline events found: {hit_t}/6");
    assert!(strict >= 6, "agreements with all their sources: {strict}/7");
    assert!(soft >= 7, "agreements found: {soft}/7");
    assert!(hit_d >= 4, "single-source details: {hit_d}/4");
    assert!(used.len() >= 3, "gold contradictions found: {}/3", used.len());
    assert!(extra <= 2, "contradictions beyond gold: {extra}");
    assert!((3..=6).contains(&r.summary.len()), "summary sentences: {}", r.summary.len());
}
