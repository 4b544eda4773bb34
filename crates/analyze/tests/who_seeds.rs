//! Golden test: entities and quote groups of the seed story against `examples/seeds/gold.json`.
//! Prints precision/recall; asserts the floors of issue 8.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use parallax_analyze::{StoryInput, who};
use parallax_core::text::fold;
use serde_json::Value;

/// Articles with the extracted body (`raw = false`) or the whole decoded dump as body.
fn seeds_with(raw: bool) -> (Vec<parallax_core::Article>, Value) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/seeds");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("seeds dir")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    let ing = parallax_ingest::ingest_paths(&files);
    let arts = ing
        .documents
        .iter()
        .map(|d| {
            if raw {
                parallax_core::Article { source: d.source.clone(), body: d.text.clone(), ..Default::default() }
            } else {
                parallax_extract::extract(d).expect("extract")
            }
        })
        .collect();
    let gold: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("gold.json")).expect("gold")).expect("json");
    (arts, gold)
}

/// Same text after folding, or one contains the other.
fn text_matches(ours: &str, gold: &str) -> bool {
    let (o, g) = (fold(ours).to_lowercase(), fold(gold).to_lowercase());
    let trim = |s: &str| s.trim_matches(|c: char| !c.is_alphanumeric()).to_string();
    let (o, g) = (trim(&o), trim(&g));
    !o.is_empty() && (o.contains(&g) || g.contains(&o))
}

/// Scores the seed story; returns (entities found with aliases, gold entities merged, quote groups found).
fn score(arts: &[parallax_core::Article], gold: &Value) -> (usize, usize, usize) {
    let copy_of = vec![None; arts.len()];
    let rep =
        who::analyze(StoryInput { articles: arts, docs: &parallax_analyze::annotate_all(arts), copy_of: &copy_of });

    // Entities.
    let gold_ents = gold["entities"].as_array().expect("entities");
    let mut found = 0;
    let mut merged = 0;
    let mut owner: BTreeMap<usize, Vec<String>> = BTreeMap::new();
    for ge in gold_ents {
        let name = ge["name"].as_str().unwrap_or_default();
        let aliases: Vec<&str> = ge["aliases"].as_array().into_iter().flatten().filter_map(Value::as_str).collect();
        let hit = rep.entities.iter().position(|e| e.name == name || e.aliases.iter().any(|a| a == name));
        match hit {
            Some(i) => {
                let e = &rep.entities[i];
                let missing: Vec<&&str> =
                    aliases.iter().filter(|a| e.name != **a && !e.aliases.iter().any(|x| x == **a)).collect();
                if missing.is_empty() && e.kind == ge["type"].as_str().unwrap_or_default() {
                    found += 1;
                } else {
                    eprintln!("entity {name}: type {} (gold {}), missing aliases {missing:?}", e.kind, ge["type"]);
                }
                owner.entry(i).or_default().push(name.to_string());
            }
            None => eprintln!("entity {name}: not found"),
        }
    }
    for names in owner.values() {
        if names.len() > 1 {
            merged += 1;
            eprintln!("gold entities merged into one: {names:?}");
        }
    }
    let ent_p = owner.len() as f64 / rep.entities.len().max(1) as f64;
    let ent_r = found as f64 / gold_ents.len() as f64;
    eprintln!(
        "entities: {found}/{} gold found with aliases (recall {ent_r:.2}); {} output, precision {ent_p:.2}; merged pairs {merged}",
        gold_ents.len(),
        rep.entities.len()
    );

    // Quote groups.
    let gold_q = gold["quotes"].as_array().expect("quotes");
    let mut qfound = 0;
    let mut matched_groups = std::collections::BTreeSet::new();
    for gq in gold_q {
        let id = gq["id"].as_str().unwrap_or_default();
        let speaker = gq["speaker"].as_str().unwrap_or_default();
        let inst: BTreeMap<&str, &str> = gq["same_statement_in"]
            .as_object()
            .expect("map")
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str().unwrap_or_default()))
            .collect();
        // The group with this speaker that matches the most gold instances.
        let best = rep
            .quote_groups
            .iter()
            .enumerate()
            .filter(|(_, g)| g.speaker.as_deref() == Some(speaker))
            .map(|(i, g)| {
                let n = inst
                    .iter()
                    .filter(|(s, t)| g.same_statement_in.get(**s).is_some_and(|o| text_matches(o, t)))
                    .count();
                (n, i)
            })
            .max();
        match best {
            Some((n, i)) if n == inst.len() => {
                qfound += 1;
                matched_groups.insert(i);
            }
            Some((n, i)) if n > 0 => {
                matched_groups.insert(i);
                eprintln!("quote {id}: {n}/{} sources in group {:?}", inst.len(), rep.quote_groups[i]);
            }
            _ => {
                let any: Vec<_> = rep
                    .quote_groups
                    .iter()
                    .filter(|g| {
                        inst.iter().any(|(s, t)| g.same_statement_in.get(*s).is_some_and(|o| text_matches(o, t)))
                    })
                    .collect();
                eprintln!("quote {id}: not found with speaker {speaker}; text found in {any:?}");
            }
        }
    }
    eprintln!(
        "quote groups: {qfound}/{} gold groups found whole with the right speaker (recall {:.2}); {} output, {} touched gold (precision {:.2})",
        gold_q.len(),
        qfound as f64 / gold_q.len() as f64,
        rep.quote_groups.len(),
        matched_groups.len(),
        matched_groups.len() as f64 / rep.quote_groups.len().max(1) as f64
    );
    (found, merged, qfound)
}

/// The floors, on the whole decoded dumps (boilerplate included), so that the score does not
/// depend on body extraction; the extracted bodies are scored too, for information.
#[test]
fn seeds_entities_and_quote_groups() {
    let (arts, gold) = seeds_with(false);
    eprintln!("--- extracted bodies");
    let _ = score(&arts, &gold);
    eprintln!("--- whole dumps");
    let (arts, gold) = seeds_with(true);
    let (found, merged, qfound) = score(&arts, &gold);
    assert_eq!(merged, 0, "no two gold entities merged");
    assert_eq!(found, 21, "all gold entities with their aliases");
    assert!(qfound >= 13, "at least 13 of 15 gold quote groups, got {qfound}");
}

#[test]
#[ignore]
fn dump_seeds() {
    let raw = std::env::var("RAW").is_ok();
    let (arts, _) = seeds_with(raw);
    for a in &arts {
        eprintln!("=== {}\n{}", a.source, a.body);
    }
    let copy_of = vec![None; arts.len()];
    let rep =
        who::analyze(StoryInput { articles: &arts, docs: &parallax_analyze::annotate_all(&arts), copy_of: &copy_of });
    eprintln!("{}", serde_json::to_string_pretty(&rep.entities).unwrap_or_default());
    eprintln!("{}", serde_json::to_string_pretty(&rep.quote_groups).unwrap_or_default());
}

/// Prints the cross-source quote groups of the multinews-dev stories (gold clusters), for
/// checking grouping precision by eye: `cargo test --test who_seeds multinews -- --ignored --nocapture`.
#[test]
#[ignore]
fn multinews_cross_source_groups() {
    let shared = std::env::var("PARALLAX_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|_| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared"));
    let dir = shared.join("corpus/multinews-dev");
    let Ok(g) = std::fs::read_to_string(dir.join("gold.json")) else {
        eprintln!("SKIP: {} not found", dir.display());
        return;
    };
    let gold: Value = serde_json::from_str(&g).expect("json");
    let (mut groups, mut multi) = (0, 0);
    for (cid, files) in gold["clusters"].as_object().expect("clusters") {
        let arts: Vec<parallax_core::Article> = files
            .as_array()
            .expect("files")
            .iter()
            .filter_map(Value::as_str)
            .map(|f| parallax_core::Article {
                source: f.to_string(),
                body: std::fs::read_to_string(dir.join("articles").join(f)).unwrap_or_default(),
                ..Default::default()
            })
            .collect();
        let copy_of = vec![None; arts.len()];
        let rep = who::analyze(StoryInput {
            articles: &arts,
            docs: &parallax_analyze::annotate_all(&arts),
            copy_of: &copy_of,
        });
        for q in &rep.quote_groups {
            groups += 1;
            if q.same_statement_in.len() > 1 {
                multi += 1;
                eprintln!("{cid} {} [{}]", q.id, q.speaker.as_deref().unwrap_or("?"));
                for (s, t) in &q.same_statement_in {
                    eprintln!("    {s}: {}", t.chars().take(140).collect::<String>());
                }
            }
        }
    }
    eprintln!("{groups} groups, {multi} across sources");
}
