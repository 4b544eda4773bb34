//! `to_json_pretty` (stories serialised in parallel) writes exactly what
//! `serde_json::to_string_pretty` writes.

use std::path::Path;

use parallax_core::report::AnalysisOutput;

fn same_as_serde(out: &AnalysisOutput) {
    let ours = parallax_pipeline::to_json_pretty(out).unwrap();
    assert_eq!(ours, serde_json::to_string_pretty(out).unwrap());
}

#[test]
fn parallel_json_is_serde_json_pretty() {
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/seeds");
    let mut out = parallax_pipeline::analyze_paths(&[seeds], &parallax_pipeline::no_progress);
    assert!(!out.stories.is_empty());
    same_as_serde(&out);
    // Several stories, one with a line break and quotes in its headline, and a skipped input.
    let mut second = out.stories[0].clone();
    second.story.headline = "Two\nlines, \"quoted\"".to_string();
    out.stories.push(second);
    out.skipped.push(parallax_core::Skipped::new("/in/missing.txt".to_string(), "no such file".to_string()));
    same_as_serde(&out);
    // No story: the empty list as serde_json writes it.
    out.stories.clear();
    same_as_serde(&out);
    out.skipped.clear();
    same_as_serde(&out);
}
