//! Golden test: the whole pipeline on examples/seeds, scored section by section against
//! examples/seeds/gold.json under its matching rules (see its "about" field): texts are
//! compared after folding curly quotes, dashes and white space; names through aliases.
//!
//! Prints precision / recall for every section and fails when a figure drops below the
//! floor recorded in `FLOORS` (raise the floors as stages improve).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use parallax_core::report::StoryReport;
use serde_json::Value;

#[path = "story_refs/score.rs"]
mod score;
use score::{lc, overlap, strs};

fn seeds_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/seeds")
}

fn gold() -> Value {
    serde_json::from_str(&std::fs::read_to_string(seeds_dir().join("gold.json")).unwrap()).unwrap()
}

/// Gold entity name → set of accepted lower-cased surface forms.
fn gold_names(g: &Value) -> Vec<(String, BTreeSet<String>)> {
    score::entity_forms(g)
}

/// Canonical gold name for a predicted name (or the name itself).
fn canon(name: &str, names: &[(String, BTreeSet<String>)]) -> String {
    let l = lc(name);
    names.iter().find(|(_, f)| f.contains(&l)).map(|(n, _)| n.clone()).unwrap_or(l)
}

#[derive(Default)]
struct Score {
    rows: Vec<(String, usize, usize, usize, usize)>, // section, tp_pred, pred, tp_gold, gold
}

impl Score {
    fn add(&mut self, section: &str, tp_pred: usize, pred: usize, tp_gold: usize, gold: usize) {
        self.rows.push((section.to_string(), tp_pred, pred, tp_gold, gold));
    }
    fn get(&self, section: &str) -> (f64, f64) {
        let r = self.rows.iter().find(|r| r.0 == section).unwrap();
        let p = if r.2 == 0 { if r.4 == 0 { 1.0 } else { 0.0 } } else { r.1 as f64 / r.2 as f64 };
        let rec = if r.4 == 0 { 1.0 } else { r.3 as f64 / r.4 as f64 };
        (p, rec)
    }
}

fn score(report: &StoryReport, g: &Value) -> Score {
    let mut s = Score::default();
    let names = gold_names(g);

    // --- articles: metadata fields and body boundaries.
    let (mut meta_ok, mut meta_n, mut meta_pred) = (0, 0, 0);
    let (mut body_ok, mut body_n) = (0, 0);
    for (src, ga) in g["articles"].as_object().unwrap() {
        let Some(pa) = report.articles.get(src) else {
            meta_n += 6;
            body_n += 3;
            continue;
        };
        let fields = [
            ("title", pa.title.clone()),
            ("byline", pa.byline.clone()),
            ("dateline", pa.dateline.clone()),
            ("published", pa.published.clone()),
            ("wire_agency", pa.wire_agency.clone()),
        ];
        for (k, v) in fields {
            if v.is_some() {
                meta_pred += 1;
            }
            if let Some(gv) = ga.get(k).and_then(|x| x.as_str()) {
                meta_n += 1;
                let ok = v.as_deref().map(lc) == Some(lc(gv));
                if ok {
                    meta_ok += 1;
                } else {
                    eprintln!("  article {src}: {k} = {v:?}, gold {gv:?}");
                }
            }
        }
        let body = lc(&pa.body);
        if let Some(first) = ga.get("body_first_sentence").and_then(|x| x.as_str()) {
            body_n += 1;
            if body.starts_with(&lc(first)) {
                body_ok += 1;
            } else {
                eprintln!("  article {src}: body starts {:?}", body.chars().take(80).collect::<String>());
            }
        }
        if let Some(last) = ga.get("body_last_sentence").and_then(|x| x.as_str()) {
            body_n += 1;
            if body.trim_end_matches(['"', '\'']).ends_with(lc(last).trim_end_matches(['"', '\''])) {
                body_ok += 1;
            } else {
                let tail: String = body.chars().rev().take(80).collect::<Vec<_>>().into_iter().rev().collect();
                eprintln!("  article {src}: body ends {tail:?}");
            }
        }
        let junk: Vec<String> =
            strs(&ga["boilerplate_examples"]).into_iter().chain(strs(&ga["off_story_posts"])).collect();
        body_n += 1;
        let leaked: Vec<&String> = junk.iter().filter(|b| body.contains(&lc(b))).collect();
        if leaked.is_empty() {
            body_ok += 1;
        } else {
            eprintln!("  article {src}: boilerplate in body: {leaked:?}");
        }
    }
    s.add("article metadata", meta_ok, meta_pred.max(meta_ok), meta_ok, meta_n);
    s.add("article bodies", body_ok, body_n, body_ok, body_n);

    // --- entities: a gold entity is found when a predicted entity carries its name or an alias;
    // its aliases are found when each gold alias is among that entity's forms.
    let mut matched_pred = BTreeSet::new();
    let (mut ent_found, mut alias_ok, mut alias_n, mut merged) = (0, 0, 0, 0);
    for (i, e) in report.entities.iter().enumerate() {
        let forms: BTreeSet<String> = e.aliases.iter().chain([&e.name]).map(|x| lc(x)).collect();
        let hits = names.iter().filter(|(_, f)| f.contains(&lc(&e.name))).count();
        if hits > 1 {
            merged += 1;
        }
        let golds = names.iter().filter(|(_, f)| !f.is_disjoint(&forms)).count();
        if golds > 1 {
            eprintln!("  entity {:?} merges {golds} gold entities", e.name);
            merged += 1;
        }
        if golds >= 1 {
            matched_pred.insert(i);
        }
    }
    for (gname, gforms) in &names {
        let cands: Vec<_> = report
            .entities
            .iter()
            .filter(|e| gforms.contains(&lc(&e.name)) || e.aliases.iter().any(|a| lc(a) == lc(gname)))
            .collect();
        let gold_aliases: Vec<String> = gforms.iter().filter(|f| **f != lc(gname)).cloned().collect();
        alias_n += gold_aliases.len();
        if let Some(e) = cands.first() {
            ent_found += 1;
            let forms: BTreeSet<String> = e.aliases.iter().chain([&e.name]).map(|x| lc(x)).collect();
            let ok = gold_aliases.iter().filter(|a| forms.contains(*a)).count();
            alias_ok += ok;
            if ok < gold_aliases.len() {
                eprintln!("  entity {gname}: aliases {:?}, gold {:?}", e.aliases, gold_aliases);
            }
        } else {
            eprintln!("  entity {gname}: missing");
        }
    }
    s.add("entities", matched_pred.len(), report.entities.len(), ent_found, names.len());
    s.add("entity aliases", alias_ok, alias_n, alias_ok, alias_n);
    s.add("entities merged (count)", merged, merged, 0, 0);

    // --- quotes: a gold group is found when one predicted group has the gold speaker and, for
    // every source gold lists, a text overlapping the gold text.
    let gq = g["quotes"].as_array().unwrap();
    let mut q_found = 0;
    let mut q_pred_ok = BTreeSet::new();
    for q in gq {
        let speaker = q["speaker"].as_str().unwrap();
        let gsrc = q["same_statement_in"].as_object().unwrap();
        let best = report.quotes.iter().enumerate().find(|(_, p)| {
            p.speaker.as_deref().map(|s| canon(s, &names)) == Some(speaker.to_string())
                && gsrc.iter().all(|(src, t)| {
                    p.same_statement_in.get(src).is_some_and(|pt| {
                        let (a, b) = (lc(pt), lc(t.as_str().unwrap()));
                        a.contains(&b) || b.contains(&a) || overlap(&a, &b) >= 0.6
                    })
                })
        });
        match best {
            Some((i, _)) => {
                q_found += 1;
                q_pred_ok.insert(i);
            }
            None => eprintln!("  quote group {} ({speaker}): not found across {:?}", q["id"], gsrc.keys()),
        }
    }
    // Predicted groups that match some gold quote text in at least one source count as correct.
    let q_pred_tp = report
        .quotes
        .iter()
        .filter(|p| {
            gq.iter().any(|q| {
                q["same_statement_in"].as_object().unwrap().iter().any(|(src, t)| {
                    p.same_statement_in.get(src).is_some_and(|pt| {
                        let (a, b) = (lc(pt), lc(t.as_str().unwrap()));
                        a.contains(&b) || b.contains(&a) || overlap(&a, &b) >= 0.6
                    })
                })
            })
        })
        .count();
    s.add("quote groups", q_pred_tp, report.quotes.len(), q_found, gq.len());

    // --- text reuse.
    let gr = g["text_reuse"].as_array().unwrap();
    let r_found = gr
        .iter()
        .filter(|r| {
            report.text_reuse.iter().any(|p| {
                p.from == r["from"].as_str().unwrap()
                    && p.to == r["to"].as_str().unwrap()
                    && lc(&p.passage).contains(&lc(r["passage"].as_str().unwrap()))
            })
        })
        .count();
    let r_pred_ok = report
        .text_reuse
        .iter()
        .filter(|p| gr.iter().any(|r| p.from == r["from"].as_str().unwrap() && p.to == r["to"].as_str().unwrap()))
        .count();
    s.add("text reuse", r_pred_ok, report.text_reuse.len(), r_found, gr.len());

    // --- timeline: same date, at least half of gold's sources, some shared content; one-to-one.
    let gt = g["timeline"].as_array().unwrap();
    let mut used = BTreeSet::new();
    let mut t_found = 0;
    for t in gt {
        let date = t["date"].as_str().unwrap();
        let gs: BTreeSet<String> = strs(&t["sources"]).into_iter().collect();
        let need = gs.len().div_ceil(2);
        let best = report
            .timeline
            .iter()
            .enumerate()
            .filter(|(i, p)| !used.contains(i) && p.date == date)
            .filter(|(_, p)| p.sources.iter().filter(|x| gs.contains(*x)).count() >= need)
            .max_by(|a, b| {
                overlap(&a.1.event, t["event"].as_str().unwrap())
                    .total_cmp(&overlap(&b.1.event, t["event"].as_str().unwrap()))
            });
        match best {
            Some((i, _)) => {
                used.insert(i);
                t_found += 1;
            }
            None => eprintln!("  timeline {date} {:?}: not found", t["event"].as_str().unwrap()),
        }
    }
    let gdates: BTreeSet<&str> = gt.iter().map(|t| t["date"].as_str().unwrap()).collect();
    let t_pred_ok = report.timeline.iter().filter(|p| gdates.contains(p.date.as_str())).count();
    s.add("timeline", t_pred_ok, report.timeline.len(), t_found, gt.len());

    // --- agreements and single-source details: content overlap + sources.
    let a = score::score_agreements(report, g, true);
    s.add("agreements", a.tp_pred, a.pred, a.tp_gold, a.gold);

    let gd = g["single_source_details"].as_array().unwrap();
    let mut used = BTreeSet::new();
    let mut d_found = 0;
    for d in gd {
        let text = d["detail"].as_str().unwrap();
        let src = d["source"].as_str().unwrap();
        let best = report
            .single_source_details
            .iter()
            .enumerate()
            .filter(|(i, p)| !used.contains(i) && p.source == src && overlap(&p.detail, text) >= 0.4)
            .max_by(|x, y| overlap(&x.1.detail, text).total_cmp(&overlap(&y.1.detail, text)));
        match best {
            Some((i, _)) => {
                used.insert(i);
                d_found += 1;
            }
            None => eprintln!("  single-source detail {text:?} ({src}): not found"),
        }
    }
    s.add("single-source details", used.len(), report.single_source_details.len(), d_found, gd.len());

    // --- contradictions: every gold claim's source present with the same resolved date.
    let gc = g["contradictions"].as_array().unwrap();
    let mut used = BTreeSet::new();
    let mut c_found = 0;
    for c in gc {
        let claims = c["claims"].as_array().unwrap();
        let best = report.contradictions.iter().enumerate().find(|(i, p)| {
            !used.contains(i)
                && claims.iter().all(|gcl| {
                    let src = gcl["source"].as_str().unwrap();
                    p.claims.iter().any(|pc| {
                        pc.source == src
                            && match gcl.get("resolves_to").and_then(|v| v.as_str()) {
                                Some(d) => pc.resolves_to.as_deref() == Some(d),
                                None => true,
                            }
                    })
                })
        });
        match best {
            Some((i, _)) => {
                used.insert(i);
                c_found += 1;
            }
            None => eprintln!("  contradiction {}: not found", c["id"]),
        }
    }
    s.add("contradictions", used.len(), report.contradictions.len(), c_found, gc.len());

    // --- summary: 3 to 6 sentences, each citing at least one source of the story.
    let cited = report
        .summary
        .iter()
        .filter(|x| !x.sources.is_empty() && x.sources.iter().all(|src| report.articles.contains_key(src)))
        .count();
    let want = if (3..=6).contains(&report.summary.len()) { 1 } else { 0 };
    s.add("summary (cited sentences)", cited, report.summary.len(), want, 1);
    s
}

/// Floors: (section, min precision, min recall). Raise them as stages improve.
const FLOORS: &[(&str, f64, f64)] = &[
    ("article metadata", 1.0, 1.0),
    ("article bodies", 1.0, 1.0),
    ("entities", 0.40, 1.0),
    ("entity aliases", 0.95, 0.95),
    ("quote groups", 0.25, 0.86),
    ("text reuse", 0.6, 1.0),
    ("timeline", 0.6, 1.0),
    ("agreements", 0.15, 0.70),
    ("single-source details", 0.75, 1.0),
    // At most 2 contradictions beyond gold's 3.
    ("contradictions", 0.6, 1.0),
    ("summary (cited sentences)", 1.0, 1.0),
];

#[test]
fn golden_seeds() {
    let out = parallax_pipeline::analyze_paths(&[seeds_dir()], &parallax_pipeline::no_progress);
    assert!(out.skipped.is_empty(), "seed inputs skipped: {:?}", out.skipped);
    assert_eq!(out.stories.len(), 1, "the five seeds are one story");
    let report = &out.stories[0];
    assert_eq!(report.articles.len(), 5);
    let g = gold();
    let s = score(report, &g);
    println!("\n{:<28} {:>9} {:>9}   (tp/pred, tp/gold)", "section", "precision", "recall");
    let mut failures = Vec::new();
    let floors: BTreeMap<&str, (f64, f64)> = FLOORS.iter().map(|(k, p, r)| (*k, (*p, *r))).collect();
    for row in &s.rows {
        let (p, r) = s.get(&row.0);
        println!("{:<28} {:>9.3} {:>9.3}   ({}/{}, {}/{})", row.0, p, r, row.1, row.2, row.3, row.4);
        if let Some((fp, fr)) = floors.get(row.0.as_str())
            && (p + 1e-9 < *fp || r + 1e-9 < *fr)
        {
            failures.push(format!("{}: P {p:.3} < {fp} or R {r:.3} < {fr}", row.0));
        }
    }
    let merged = s.rows.iter().find(|r| r.0 == "entities merged (count)").map(|r| r.1).unwrap_or(0);
    assert_eq!(merged, 0, "two gold entities merged into one");
    assert!(failures.is_empty(), "below floor: {failures:#?}");
}
