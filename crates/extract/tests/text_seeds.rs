//! Golden test: the text extractor on the five seed dumps against examples/seeds/gold.json.

use std::path::Path;

use parallax_core::Document;
use parallax_core::text::fold;
use parallax_extract::text::extract_text;

fn seeds_dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/seeds")
}

fn gold() -> serde_json::Value {
    let raw = std::fs::read_to_string(seeds_dir().join("gold.json")).expect("gold.json");
    serde_json::from_str(&raw).expect("gold.json parses")
}

fn opt(v: &serde_json::Value, k: &str) -> Option<String> {
    v.get(k).and_then(|x| x.as_str()).map(str::to_string)
}

#[test]
fn seeds_match_gold() {
    let gold = gold();
    let arts = gold["articles"].as_object().expect("articles");
    let mut failures = Vec::new();
    let mut checks = 0usize;
    for (name, g) in arts {
        let text = std::fs::read_to_string(seeds_dir().join(name)).expect("seed file");
        let doc = Document::text(name.clone(), text);
        let a = extract_text(&doc).expect("extracts");
        let body = fold(&a.body);
        let mut check = |ok: bool, what: String| {
            checks += 1;
            if !ok {
                failures.push(format!("{name}: {what}"));
            }
        };
        if let Some(first) = opt(g, "body_first_sentence") {
            check(
                body.starts_with(&fold(&first)),
                format!("body starts {:?}", body.chars().take(80).collect::<String>()),
            );
        }
        if let Some(last) = opt(g, "body_last_sentence") {
            let tail: String = body.chars().rev().take(80).collect::<Vec<_>>().into_iter().rev().collect();
            // Gold's last sentence may stop before a closing quotation mark.
            let trimmed = body.trim_end_matches(['"', '\'', ')']);
            check(body.ends_with(&fold(&last)) || trimmed.ends_with(&fold(&last)), format!("body ends {tail:?}"));
        }
        for key in ["boilerplate_examples", "off_story_posts"] {
            for b in g.get(key).and_then(|x| x.as_array()).into_iter().flatten() {
                let b = fold(b.as_str().unwrap_or_default());
                check(!body.contains(&b), format!("{key} in body: {b:?}"));
            }
        }
        if g.get("off_story_posts").is_some() {
            let off: Vec<String> = a.off_story_posts.iter().map(|p| fold(&p.text)).collect();
            for b in g["off_story_posts"].as_array().into_iter().flatten() {
                let b = fold(b.as_str().unwrap_or_default());
                check(off.iter().any(|p| p.contains(&b)), format!("off-story post not set aside: {b:?}"));
            }
            check(a.kind.as_deref() == Some("live_blog"), format!("kind {:?}", a.kind));
        }
        // Metadata: title, byline, dateline, wire agency always; published only when the
        // text states it (gold marks inferred dates with published_evidence).
        let mut fields: Vec<(&str, Option<String>)> = vec![
            ("title", a.title.clone()),
            ("byline", a.byline.clone()),
            ("dateline", a.dateline.clone()),
            ("wire_agency", a.wire_agency.clone()),
            ("credit_line", a.credit_line.clone()),
        ];
        if g.get("published_evidence").is_none() {
            fields.push(("published", a.published.clone()));
        } else {
            check(a.published.is_none(), format!("published {:?} but the text states no date", a.published));
        }
        for (k, got) in fields {
            match g.get(k) {
                Some(serde_json::Value::String(want)) => {
                    check(got.as_deref().map(fold) == Some(fold(want)), format!("{k}: got {got:?}, want {want:?}"))
                }
                Some(serde_json::Value::Null) => check(got.is_none(), format!("{k}: got {got:?}, want null")),
                _ => {}
            }
        }
        // Outlet where gold gives a plain name.
        if let Some(o) = opt(g, "outlet")
            && !o.contains(['(', ','])
        {
            check(a.outlet.as_deref() == Some(o.as_str()), format!("outlet: got {:?}, want {o:?}", a.outlet));
        }
    }
    eprintln!("seed extraction: {}/{} checks passed", checks - failures.len(), checks);
    assert!(failures.is_empty(), "failures:\n{}", failures.join("\n"));
}
