//! Planted-contradiction recall on real stories.
//!
//! `cargo run --release -p parallax-pipeline --example plant [-- --verbose] [--dump DIR]`
//!
//! Takes every multinews-dev story with two or more articles (`$PARALLAX_SHARED/corpus/
//! multinews-dev`, else `../shared/corpus/multinews-dev`), finds a fact two outlets state alike
//! (a count with its unit, an age, a weekday / date / year, a place after "in"), changes it in
//! one outlet's text in memory, runs the real pipeline on the changed story and counts, per
//! class and per half of the seeded split, how often a contradiction quoting the new value is
//! flagged. Contradictions on the untouched stories are counted as false alarms (the
//! references in tests/story_refs say which of those stories have a real one). Deterministic:
//! the seeds are `PLANT_SEED` and `SPLIT_SEED`. See tests/story_refs/README.md.

#[path = "../tests/story_refs/plant.rs"]
mod plant;
#[path = "../tests/story_refs/score.rs"]
mod score;

use std::collections::{BTreeMap, BTreeSet};

use parallax_core::report::{Contradiction, StoryReport};
use plant::{Class, Plant};
use score::StoryTexts;

/// Found / planted per (half, class).
type Tally = BTreeMap<(&'static str, Class), (usize, usize)>;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let verbose = args.iter().any(|a| a == "--verbose");
    let dump = args.iter().position(|a| a == "--dump").and_then(|i| args.get(i + 1));
    let Some(dir) = score::corpus_dir() else {
        eprintln!("plant: SKIP: ../shared/corpus/multinews-dev not found (set PARALLAX_SHARED)");
        return;
    };
    let clusters = score::clusters(&dir);
    let stories: Vec<StoryTexts> =
        clusters.iter().filter(|(_, m)| m.len() >= 2).map(|(id, m)| score::read_story(&dir, id, m)).collect();
    let ids: Vec<String> = stories.iter().map(|s| s.id.clone()).collect();
    let halves = score::split(&ids);

    let base = score::analyze(&stories);
    let (planted_stories, plants) = plant_all(&stories);
    if let Some(out) = dump {
        dump_stories(std::path::Path::new(out), &planted_stories, &plants);
    }
    let planted = score::analyze(&planted_stories);

    let mut tally = Tally::new();
    let mut new_flags = 0;
    for ((story_i, p), report) in plants.iter().zip(&planted) {
        let s = &stories[*story_i];
        let names: Vec<String> = s.texts.iter().map(|t| t.0.clone()).collect();
        let found = plant::detected(report, &names, p);
        let e = tally.entry((halves[&s.id], p.class)).or_default();
        e.0 += usize::from(found);
        e.1 += 1;
        let extra = new_flags_beside_plant(&base[*story_i], report, &names, p);
        if verbose {
            for c in &extra {
                let claims: Vec<String> = c.claims.iter().map(|x| format!("{} {:?}", x.source, x.says)).collect();
                println!("  extra flag in planted {} [{}] {}: {}", s.id, c.kind, c.about, claims.join(" / "));
            }
        }
        new_flags += extra.len();
        if verbose {
            let mark = if found { "found" } else { "MISSED" };
            println!(
                "{mark:6} {} [{}] {}: {:?} -> {:?} (kept by {:?})",
                s.id,
                p.class.name(),
                names[p.target],
                p.key,
                p.shows,
                p.others.iter().map(|i| &names[*i]).collect::<Vec<_>>()
            );
        }
    }
    print_recall(&tally);
    print_false_alarms(&stories, &base, verbose);
    println!("other new flags in the planted stories (beyond the plant and the untouched story's): {new_flags}");
}

/// Contradictions of the planted story that neither flag the plant nor stood in the untouched one.
fn new_flags_beside_plant<'a>(
    base: &StoryReport,
    planted: &'a StoryReport,
    names: &[String],
    p: &Plant,
) -> Vec<&'a Contradiction> {
    let key = |c: &Contradiction| c.claims.iter().map(|x| (x.source.clone(), x.says.clone())).collect::<BTreeSet<_>>();
    let before: BTreeSet<_> = base.contradictions.iter().map(key).collect();
    let flags_plant = |c: &Contradiction| {
        let one = StoryReport { contradictions: vec![c.clone()], ..Default::default() };
        plant::detected(&one, names, p)
    };
    planted.contradictions.iter().filter(|c| !before.contains(&key(c)) && !flags_plant(c)).collect()
}

/// Writes each planted story's texts to `out/<story>-<class>/<article>` for a closer look with
/// `parallax analyze` (the texts stay outside the repository).
fn dump_stories(out: &std::path::Path, stories: &[StoryTexts], plants: &[(usize, Plant)]) {
    for (s, (_, p)) in stories.iter().zip(plants) {
        let dir = out.join(format!("{}-{}", s.id, p.class.name()));
        std::fs::create_dir_all(&dir).expect("create dump directory");
        for (name, text) in &s.texts {
            std::fs::write(dir.join(name), text).expect("write planted text");
        }
    }
}

/// One changed copy of a story per plant found in it.
fn plant_all(stories: &[StoryTexts]) -> (Vec<StoryTexts>, Vec<(usize, Plant)>) {
    let mut out = Vec::new();
    let mut plants = Vec::new();
    for (i, s) in stories.iter().enumerate() {
        let texts: Vec<&str> = s.texts.iter().map(|t| t.1.as_str()).collect();
        for p in plant::find_plants(&texts, &s.id) {
            let mut changed = s.texts.clone();
            changed[p.target].1 = plant::apply(&changed[p.target].1, &p);
            out.push(StoryTexts { id: s.id.clone(), texts: changed });
            plants.push((i, p));
        }
    }
    (out, plants)
}

fn print_recall(tally: &Tally) {
    println!("\nplanted contradictions found (found/planted)");
    println!("  {:<8} {:>14} {:>14} {:>14}", "class", "half A", "half B", "all");
    let cell = |f: usize, n: usize| {
        if n == 0 { "-".to_string() } else { format!("{f}/{n} {:.2}", f as f64 / n as f64) }
    };
    let mut all = (0, 0);
    for class in Class::ALL {
        let a = tally.get(&("A", class)).copied().unwrap_or_default();
        let b = tally.get(&("B", class)).copied().unwrap_or_default();
        all.0 += a.0 + b.0;
        all.1 += a.1 + b.1;
        println!(
            "  {:<8} {:>14} {:>14} {:>14}",
            class.name(),
            cell(a.0, a.1),
            cell(b.0, b.1),
            cell(a.0 + b.0, a.1 + b.1)
        );
    }
    println!("  {:<8} {:>14} {:>14} {:>14}", "total", "", "", cell(all.0, all.1));
}

/// Contradictions on the untouched stories; those on stories whose reference lists none are
/// certain false alarms.
fn print_false_alarms(stories: &[StoryTexts], base: &[StoryReport], verbose: bool) {
    let refs = score::load_refs();
    let clean: BTreeSet<String> = refs
        .iter()
        .filter(|r| r["contradictions"].as_array().is_some_and(|c| c.is_empty()))
        .filter_map(|r| r["story"]["id"].as_str().map(String::from))
        .collect();
    let total: usize = base.iter().map(|r| r.contradictions.len()).sum();
    let on_clean: usize =
        stories.iter().zip(base).filter(|(s, _)| clean.contains(&s.id)).map(|(_, r)| r.contradictions.len()).sum();
    println!(
        "\nflags on the {} untouched stories: {total} (on the {} referenced stories with no contradiction: {on_clean})",
        stories.len(),
        clean.len()
    );
    if verbose {
        for (s, r) in stories.iter().zip(base) {
            for c in &r.contradictions {
                let claims: Vec<String> = c.claims.iter().map(|x| format!("{} {:?}", x.source, x.says)).collect();
                println!("  {} [{}] {}: {}", s.id, c.kind, c.about, claims.join(" / "));
            }
        }
    }
}
