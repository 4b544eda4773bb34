//! False-alarm check on real multi-source stories (multinews-dev, research licence: read from
//! /work/shared at test time, never copied). Every gold story is analysed with one publication
//! stand-in publication date given to all its reports (the latest full date its texts print); every contradiction found is printed, and their number must
//! stay small (precision over recall). Skips when the shared corpus is absent.

use std::path::PathBuf;

use parallax_analyze::{StoryInput, analyze_story};
use parallax_core::Article;

fn shared() -> PathBuf {
    std::env::var_os("PARALLAX_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared"))
}

#[test]
fn few_false_contradictions_on_multinews() {
    let dir = shared().join("corpus/multinews-dev");
    let Ok(gold) = std::fs::read_to_string(dir.join("gold.json")) else {
        eprintln!("SKIP: {} not found (set PARALLAX_SHARED)", dir.display());
        return;
    };
    let gold: serde_json::Value = serde_json::from_str(&gold).expect("gold json");
    let clusters = gold["clusters"].as_object().expect("clusters");
    let (mut stories, mut found, mut agreements, mut timeline) = (0, 0, 0, 0);
    for (id, members) in clusters {
        let names: Vec<&str> = members.as_array().expect("members").iter().filter_map(|m| m.as_str()).collect();
        if names.len() < 2 {
            continue;
        }
        let bodies: Vec<(String, String)> = names
            .iter()
            .filter_map(|n| Some((n.to_string(), std::fs::read_to_string(dir.join("articles").join(n)).ok()?)))
            .collect();
        // The set has no publication dates: take the latest full date (with its year) that the
        // story's texts print, as a stand-in; without one the reports stay undated.
        let dct = bodies
            .iter()
            .flat_map(|(_, b)| parallax_temporal::find_dates(b, None))
            .filter(|e| e.kind == parallax_temporal::Kind::Absolute && e.error.is_none())
            .filter_map(|e| e.day())
            .max()
            .map(|d| d.to_string());
        let articles: Vec<Article> = bodies
            .into_iter()
            .map(|(source, body)| Article { source, published: dct.clone(), body, ..Default::default() })
            .collect();
        let copy_of = vec![None; articles.len()];
        let r = analyze_story(StoryInput {
            articles: &articles,
            docs: &parallax_analyze::annotate_all(&articles),
            copy_of: &copy_of,
        });
        stories += 1;
        agreements += r.agreements.len();
        timeline += r.timeline.len();
        for c in &r.contradictions {
            found += 1;
            eprintln!("{id} {} [{}] {}", c.id, c.kind, c.about);
            for cl in &c.claims {
                eprintln!("    {} {:?} -> {:?} {:?}", cl.source, cl.says, cl.resolves_to, cl.error);
            }
        }
    }
    eprintln!(
        "multinews-dev: {stories} stories, {found} contradictions, {agreements} agreements, {timeline} timeline entries"
    );
    assert!(found * 20 <= stories, "too many contradictions on real stories: {found} in {stories}");
}

/// Bounded time on a large story: every multinews-dev article as one story (hundreds of reports).
#[test]
fn large_story_is_bounded() {
    let dir = shared().join("corpus/multinews-dev/articles");
    let Ok(rd) = std::fs::read_dir(&dir) else {
        eprintln!("SKIP: {} not found (set PARALLAX_SHARED)", dir.display());
        return;
    };
    let mut paths: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    let articles: Vec<Article> = paths
        .iter()
        .filter_map(|p| {
            Some(Article {
                source: p.file_name()?.to_string_lossy().into_owned(),
                published: Some("2016-05-11".into()),
                body: std::fs::read_to_string(p).ok()?,
                ..Default::default()
            })
        })
        .collect();
    let copy_of = vec![None; articles.len()];
    let t = std::time::Instant::now();
    let r = parallax_analyze::when::analyze(
        StoryInput { articles: &articles, docs: &parallax_analyze::annotate_all(&articles), copy_of: &copy_of },
        &[],
        &[],
    );
    let secs = t.elapsed().as_secs_f64();
    eprintln!(
        "{} reports as one story: {secs:.1} s (debug), {} timeline entries, {} agreements, {} contradictions",
        articles.len(),
        r.timeline.len(),
        r.agreements.len(),
        r.contradictions.len()
    );
    // Generous bound for a debug build on a shared machine; quadratic blow-ups take far longer.
    assert!(secs < 60.0);
    for c in &r.contradictions {
        eprintln!("{} [{}] {}", c.id, c.kind, c.about);
        for cl in &c.claims {
            eprintln!("    {} {:?} -> {:?} {:?}", cl.source, cl.says, cl.resolves_to, cl.error);
        }
    }
}
