//! Shared by the `story_refs` golden test and the `plant` example: locating the dev corpus,
//! running the real pipeline on a story's article files, the seeded split into halves, and
//! scoring a [`StoryReport`] against a hand-made reference (see `README.md` next to this file).
#![allow(dead_code)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use parallax_core::report::{Contradiction, StoryReport};
use parallax_core::text::fold;
use serde_json::Value;

/// Seed of the split into halves (the issue number that asked for these references).
pub const SPLIT_SEED: u64 = 19;

/// The sections scored, in print order.
pub const SECTIONS: [&str; 5] =
    ["entities", "quote groups", "quote groups (any speaker)", "contradictions", "agreements"];

/// `$PARALLAX_SHARED/corpus/multinews-dev`, else `../shared/corpus/multinews-dev` next to the
/// repository; `None` when its gold.json is absent.
pub fn corpus_dir() -> Option<PathBuf> {
    let shared = std::env::var_os("PARALLAX_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared"));
    let dir = shared.join("corpus/multinews-dev");
    dir.join("gold.json").is_file().then_some(dir)
}

/// The directory of the reference files.
pub fn refs_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/story_refs")
}

/// Every reference, sorted by story id.
pub fn load_refs() -> Vec<Value> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(refs_dir())
        .expect("tests/story_refs")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| {
            let text = std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
        })
        .collect()
}

/// Story id → article file names, from the corpus' gold.json.
pub fn clusters(dir: &Path) -> BTreeMap<String, Vec<String>> {
    let gold: Value = serde_json::from_str(&std::fs::read_to_string(dir.join("gold.json")).expect("gold.json"))
        .expect("gold.json is JSON");
    gold["clusters"].as_object().expect("clusters").iter().map(|(id, m)| (id.clone(), strs(m))).collect()
}

/// FNV-1a of the seed and the story id: the split order.
fn rank(id: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in format!("{SPLIT_SEED}:{id}").bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// Splits story ids into halves "A" (tune on it) and "B" (report it): ids ordered by their
/// seeded hash, the first ceil(n/2) form half A.
pub fn split(ids: &[String]) -> BTreeMap<String, &'static str> {
    let mut order: Vec<&String> = ids.iter().collect();
    order.sort_by_key(|id| (rank(id), (*id).clone()));
    let cut = order.len().div_ceil(2);
    order.iter().enumerate().map(|(i, id)| ((*id).clone(), if i < cut { "A" } else { "B" })).collect()
}

/// One story to analyse: its id and (file name, text) per article.
pub struct StoryTexts {
    pub id: String,
    pub texts: Vec<(String, String)>,
}

/// Reads a story's articles from the corpus.
pub fn read_story(dir: &Path, id: &str, files: &[String]) -> StoryTexts {
    let texts = files
        .iter()
        .map(|f| {
            let p = dir.join("articles").join(f);
            (f.clone(), std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display())))
        })
        .collect();
    StoryTexts { id: id.to_string(), texts }
}

/// The real pipeline (extract → date inference → dedup → analyze) on each story, every story's
/// articles forced into one group as the references define them. Inputs that extraction
/// rejects are printed and left out.
pub fn analyze(stories: &[StoryTexts]) -> Vec<StoryReport> {
    let mut docs = Vec::new();
    let mut owner = Vec::new();
    for (i, s) in stories.iter().enumerate() {
        for (name, text) in &s.texts {
            docs.push(parallax_core::Document::text(name.clone(), text.clone()));
            owner.push(i);
        }
    }
    let (articles, skipped) = parallax_pipeline::extract_all(&docs, &parallax_pipeline::no_progress);
    for s in &skipped {
        eprintln!("  extraction skipped {}: {}", s.path, s.reason);
    }
    let kept: BTreeSet<&str> = articles.iter().map(|a| a.source.as_str()).collect();
    let mut groups = vec![Vec::new(); stories.len()];
    let mut next = 0;
    for (d, &i) in docs.iter().zip(&owner) {
        if kept.contains(d.source.as_str()) {
            groups[i].push(next);
            next += 1;
        }
    }
    let annotated = parallax_pipeline::annotate_all(&articles);
    parallax_pipeline::analyze_groups(&articles, &annotated, &groups, &parallax_pipeline::no_progress)
}

pub fn strs(v: &Value) -> Vec<String> {
    v.as_array().map(|a| a.iter().filter_map(|x| x.as_str().map(String::from)).collect()).unwrap_or_default()
}

/// Folded, lower-cased text.
pub fn lc(s: &str) -> String {
    fold(s).to_lowercase()
}

const STOP: &[&str] = &[
    "the", "a", "an", "of", "to", "in", "on", "and", "or", "for", "with", "by", "at", "from", "that", "this", "is",
    "was", "were", "be", "been", "has", "have", "had", "it", "its", "as", "he", "she", "they", "his", "her", "their",
    "said", "says", "would", "will", "could", "not", "no", "any", "after", "before", "since", "if", "than",
];

/// Content words cut to their first five letters.
fn stems(s: &str) -> BTreeSet<String> {
    lc(s)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && !STOP.contains(w))
        .map(|w| w.chars().take(5).collect())
        .collect()
}

/// Overlap coefficient of the two texts' content stems.
pub fn overlap(a: &str, b: &str) -> f64 {
    let (wa, wb) = (stems(a), stems(b));
    if wa.is_empty() || wb.is_empty() {
        return 0.0;
    }
    wa.intersection(&wb).count() as f64 / wa.len().min(wb.len()) as f64
}

/// Whether a predicted text stands for a reference excerpt: one holds the other, or most
/// content words are shared.
fn same_text(pred: &str, gold: &str, min_overlap: f64) -> bool {
    let (a, b) = (lc(pred), lc(gold));
    (!a.trim().is_empty() && (a.contains(&b) || b.contains(&a))) || overlap(&a, &b) >= min_overlap
}

/// tp among predictions, predictions, tp among references, references.
#[derive(Debug, Default, Clone, Copy, PartialEq)]
pub struct Counts {
    pub tp_pred: usize,
    pub pred: usize,
    pub tp_gold: usize,
    pub gold: usize,
}

impl Counts {
    pub fn add(&mut self, o: Counts) {
        self.tp_pred += o.tp_pred;
        self.pred += o.pred;
        self.tp_gold += o.tp_gold;
        self.gold += o.gold;
    }
    /// Precision (1 when nothing was predicted).
    pub fn precision(&self) -> f64 {
        if self.pred == 0 { 1.0 } else { self.tp_pred as f64 / self.pred as f64 }
    }
    /// Recall (1 when the references hold nothing).
    pub fn recall(&self) -> f64 {
        if self.gold == 0 { 1.0 } else { self.tp_gold as f64 / self.gold as f64 }
    }
}

/// A story's score: counts per section, and contradictions flagged where the reference has none
/// or on pairs the reference lists as not contradictions.
#[derive(Debug, Default, Clone)]
pub struct StoryScore {
    pub sections: BTreeMap<&'static str, Counts>,
    pub flags_on_clean_story: usize,
    pub flags_on_dismissed_pairs: usize,
}

impl StoryScore {
    pub fn add(&mut self, o: &StoryScore) {
        for (k, c) in &o.sections {
            self.sections.entry(k).or_default().add(*c);
        }
        self.flags_on_clean_story += o.flags_on_clean_story;
        self.flags_on_dismissed_pairs += o.flags_on_dismissed_pairs;
    }
}

/// Reference entity name → its accepted lower-cased forms.
pub fn entity_forms(r: &Value) -> Vec<(String, BTreeSet<String>)> {
    r["entities"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|e| {
            let name = e["name"].as_str().unwrap_or_default().to_string();
            let mut forms: BTreeSet<String> = strs(&e["aliases"]).iter().map(|s| lc(s)).collect();
            forms.insert(lc(&name));
            (name, forms)
        })
        .collect()
}

/// Scores one report against its reference, printing what is missed (`verbose`).
pub fn score(report: &StoryReport, r: &Value, verbose: bool) -> StoryScore {
    let names = entity_forms(r);
    let mut s = StoryScore::default();
    s.sections.insert("entities", score_entities(report, &names, verbose));
    let (with_speaker, any_speaker) = score_quotes(report, r, &names, verbose);
    s.sections.insert("quote groups", with_speaker);
    s.sections.insert("quote groups (any speaker)", any_speaker);
    let refs = r["contradictions"].as_array().cloned().unwrap_or_default();
    s.sections.insert("contradictions", score_contradictions(&report.contradictions, &refs, verbose));
    if refs.is_empty() {
        s.flags_on_clean_story = report.contradictions.len();
    }
    let dismissed = r["not_contradictions"].as_array().cloned().unwrap_or_default();
    s.flags_on_dismissed_pairs =
        report.contradictions.iter().filter(|p| dismissed.iter().any(|d| contradiction_matches(p, d))).count();
    s.sections.insert("agreements", score_agreements(report, r, verbose));
    if verbose {
        for c in &report.contradictions {
            let claims: Vec<String> = c.claims.iter().map(|x| format!("{} {:?}", x.source, x.says)).collect();
            eprintln!("    flagged [{}] {}: {}", c.kind, c.about, claims.join(" / "));
        }
    }
    s
}

fn score_entities(report: &StoryReport, names: &[(String, BTreeSet<String>)], verbose: bool) -> Counts {
    let pred_forms: Vec<BTreeSet<String>> =
        report.entities.iter().map(|e| e.aliases.iter().chain([&e.name]).map(|x| lc(x)).collect()).collect();
    let found = |(gname, gforms): &(String, BTreeSet<String>)| {
        report.entities.iter().zip(&pred_forms).any(|(e, f)| gforms.contains(&lc(&e.name)) || f.contains(&lc(gname)))
    };
    let tp_gold = names.iter().filter(|n| found(n)).count();
    if verbose {
        let missed: Vec<&str> = names.iter().filter(|n| !found(n)).map(|n| n.0.as_str()).collect();
        if !missed.is_empty() {
            eprintln!("    entities missed: {missed:?}");
        }
    }
    let tp_pred = report
        .entities
        .iter()
        .zip(&pred_forms)
        .filter(|(e, f)| names.iter().any(|(g, gf)| gf.contains(&lc(&e.name)) || f.contains(&lc(g))))
        .count();
    Counts { tp_pred, pred: report.entities.len(), tp_gold, gold: names.len() }
}

/// Canonical reference name of a predicted name (or the folded name itself).
fn canon(name: &str, names: &[(String, BTreeSet<String>)]) -> String {
    let l = lc(name);
    names.iter().find(|(_, f)| f.contains(&l)).map(|(n, _)| lc(n)).unwrap_or(l)
}

/// Quote groups: a reference group is found when one predicted group carries, for every
/// source the reference lists, a text matching the excerpt (and, in the first count, a speaker
/// the reference accepts). Predictions counted are the groups spanning two or more sources; one
/// is right when it matches a reference group's excerpts in two or more sources.
fn score_quotes(
    report: &StoryReport,
    r: &Value,
    names: &[(String, BTreeSet<String>)],
    verbose: bool,
) -> (Counts, Counts) {
    let refs = r["quotes"].as_array().cloned().unwrap_or_default();
    let covers = |p: &parallax_core::report::QuoteGroup, q: &Value| {
        q["same_statement_in"].as_object().is_some_and(|m| {
            m.iter().all(|(src, t)| {
                p.same_statement_in.get(src).is_some_and(|pt| same_text(pt, t.as_str().unwrap_or(""), 0.6))
            })
        })
    };
    let speaker_ok = |p: &parallax_core::report::QuoteGroup, q: &Value| {
        let accepted: BTreeSet<String> = strs(&q["speakers_accepted"])
            .iter()
            .chain([&q["speaker"].as_str().unwrap_or_default().to_string()])
            .map(|n| canon(n, names))
            .collect();
        p.speaker.as_deref().is_some_and(|sp| accepted.contains(&canon(sp, names)))
    };
    let (mut with_speaker, mut any_speaker) = (0, 0);
    for q in &refs {
        let full = report.quotes.iter().any(|p| covers(p, q) && speaker_ok(p, q));
        let loose = report.quotes.iter().any(|p| covers(p, q));
        with_speaker += usize::from(full);
        any_speaker += usize::from(loose);
        if verbose && !full {
            let why = if loose { "found with another speaker" } else { "not found across its sources" };
            eprintln!("    quote group {} ({}): {why}", q["id"], q["speaker"]);
        }
    }
    let multi: Vec<_> = report.quotes.iter().filter(|p| p.same_statement_in.len() >= 2).collect();
    let right = multi
        .iter()
        .filter(|p| {
            refs.iter().any(|q| {
                q["same_statement_in"].as_object().is_some_and(|m| {
                    m.iter()
                        .filter(|(src, t)| {
                            p.same_statement_in.get(*src).is_some_and(|pt| same_text(pt, t.as_str().unwrap_or(""), 0.6))
                        })
                        .count()
                        >= 2
                })
            })
        })
        .count();
    let gold = refs.len();
    (
        Counts { tp_pred: right, pred: multi.len(), tp_gold: with_speaker, gold },
        Counts { tp_pred: right, pred: multi.len(), tp_gold: any_speaker, gold },
    )
}

/// A predicted contradiction stands for a reference one when its claims match reference
/// claims (same source, matching words) from two or more sources that give different values.
pub fn contradiction_matches(p: &Contradiction, g: &Value) -> bool {
    let mut values = BTreeSet::new();
    let mut sources = BTreeSet::new();
    for gc in g["claims"].as_array().into_iter().flatten() {
        let src = gc["source"].as_str().unwrap_or_default();
        let says = gc["says"].as_str().unwrap_or_default();
        if p.claims.iter().any(|pc| pc.source == src && same_text(&pc.says, says, 0.5)) {
            sources.insert(src.to_string());
            values.insert(gc["value"].as_str().unwrap_or(src).to_string());
        }
    }
    sources.len() >= 2 && values.len() >= 2
}

fn score_contradictions(pred: &[Contradiction], refs: &[Value], verbose: bool) -> Counts {
    let tp_gold = refs.iter().filter(|g| pred.iter().any(|p| contradiction_matches(p, g))).count();
    if verbose {
        for g in refs.iter().filter(|g| !pred.iter().any(|p| contradiction_matches(p, g))) {
            eprintln!("    contradiction {} [{}]: missed", g["id"], g["kind"]);
        }
    }
    let tp_pred = pred.iter().filter(|p| refs.iter().any(|g| contradiction_matches(p, g))).count();
    Counts { tp_pred, pred: pred.len(), tp_gold, gold: refs.len() }
}

/// Agreements: a reference claim is found by an unused predicted agreement sharing 40 % of its
/// content words and at least two sources, half of the larger source list.
pub fn score_agreements(report: &StoryReport, r: &Value, verbose: bool) -> Counts {
    let refs = r["agreements"].as_array().cloned().unwrap_or_default();
    let mut used = BTreeSet::new();
    for a in &refs {
        let claim = a["claim"].as_str().unwrap_or_default();
        let gs: BTreeSet<String> = strs(&a["sources"]).into_iter().collect();
        let best = report
            .agreements
            .iter()
            .enumerate()
            .filter(|(i, p)| !used.contains(i) && overlap(&p.claim, claim) >= 0.4)
            .filter(|(_, p)| {
                let inter = p.sources.iter().filter(|x| gs.contains(*x)).count();
                inter >= 2 && inter * 2 >= gs.len().max(p.sources.len())
            })
            .max_by(|x, y| overlap(&x.1.claim, claim).total_cmp(&overlap(&y.1.claim, claim)));
        match best {
            Some((i, _)) => {
                used.insert(i);
            }
            None if verbose => eprintln!("    agreement missed: {claim:?}"),
            None => {}
        }
    }
    Counts { tp_pred: used.len(), pred: report.agreements.len(), tp_gold: used.len(), gold: refs.len() }
}
