//! The text and Markdown reports: snapshots of the seeds' hand-made reference analysis
//! (`gold.json`, stable whatever the analysis does), and the short-report promises checked on
//! the live analysis of the seeds: at most 120 lines of at most 100 columns, each sentence
//! once, sources cited by outlet, reported speech without quotation marks.

use std::path::{Path, PathBuf};

use parallax_core::SCHEMA_VERSION;
use parallax_core::report::{AnalysisOutput, StoryReport};
use parallax_pipeline::render::{Options, Style, render, render_with};

fn seeds_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/seeds")
}

/// gold.json as a report (bodies empty; `text_reuse` completed with length and credit).
fn gold() -> AnalysisOutput {
    let text = std::fs::read_to_string(seeds_dir().join("gold.json")).unwrap();
    let mut v: serde_json::Value = serde_json::from_str(&text).unwrap();
    v["summary"] = serde_json::json!([]);
    for a in v["articles"].as_object_mut().unwrap().values_mut() {
        a["body"] = serde_json::json!("");
    }
    for t in v["text_reuse"].as_array_mut().into_iter().flatten() {
        let words = t["passage"].as_str().unwrap_or("").split_whitespace().count();
        t["length"] = serde_json::json!(words);
        t["credited"] = serde_json::json!(false);
    }
    let r: StoryReport = serde_json::from_value(v).expect("gold.json fits StoryReport");
    AnalysisOutput { schema_version: SCHEMA_VERSION, stories: vec![r], skipped: vec![] }
}

fn live() -> AnalysisOutput {
    parallax_pipeline::analyze_paths(&[seeds_dir()], &parallax_pipeline::no_progress)
}

#[test]
fn gold_text_report_snapshot() {
    insta::assert_snapshot!("gold_text", render_with(&gold(), Style::Text, &Options::default()));
}

#[test]
fn gold_text_report_full_snapshot() {
    insta::assert_snapshot!(
        "gold_text_full",
        render_with(&gold(), Style::Text, &Options { full: true, ..Default::default() })
    );
}

#[test]
fn gold_markdown_snapshot() {
    insta::assert_snapshot!("gold_markdown", render(&gold(), Style::Markdown));
}

fn files(out: &AnalysisOutput) -> Vec<String> {
    out.stories.iter().flat_map(|s| s.articles.keys().cloned()).collect()
}

#[test]
fn seeds_text_report_is_short_wrapped_and_says_each_sentence_once() {
    let out = live();
    let text = render_with(&out, Style::Text, &Options::default());
    let lines: Vec<&str> = text.lines().collect();
    eprintln!(
        "seeds text report: {} lines, longest {} columns",
        lines.len(),
        lines.iter().map(|l| l.chars().count()).max().unwrap_or(0)
    );
    assert!(lines.len() <= 120, "{} lines:\n{text}", lines.len());
    for l in &lines {
        assert!(l.chars().count() <= 100, "line over 100 columns: {l:?}");
        assert!(!l.contains('\x1b'), "no colour unless asked");
    }
    // Claims are said once (copied passages quote text on purpose and are not counted).
    let claims = text.split("COPIED PASSAGES").next().unwrap();
    for s in &out.stories {
        for sum in &s.summary {
            let head: String = sum.sentence.split_whitespace().take(6).collect::<Vec<_>>().join(" ");
            assert_eq!(claims.matches(&head).count(), 1, "summary sentence printed once: {head:?}\n{text}");
        }
    }
    for f in files(&out) {
        // A file name may appear only in a footnote ("[1] file NAME").
        for l in lines.iter().filter(|l| l.contains(f.as_str())) {
            assert!(l.starts_with('[') && l.contains("] file "), "file name used as a label: {l:?}");
        }
    }
    let full = render_with(&out, Style::Text, &Options { full: true, ..Default::default() });
    assert!(full.lines().count() >= lines.len(), "--full prints at least as much");
    let narrow = render_with(&out, Style::Text, &Options { width: 60, ..Default::default() });
    assert!(narrow.lines().all(|l| l.chars().count() <= 60), "{narrow}");
    let colour = render_with(&out, Style::Text, &Options { color: true, ..Default::default() });
    assert!(colour.contains("\x1b[1m"), "headings bold in colour");
}

#[test]
fn reported_speech_has_no_quotation_marks() {
    let mut out = gold();
    let q = &mut out.stories[0].quotes[0];
    q.kind = Some("indirect".into());
    let text: String = q.same_statement_in.values().next().unwrap().clone();
    for style in [Style::Text, Style::Markdown] {
        let r = render_with(&out, style, &Options { width: 1000, full: true, color: false });
        let line = r.lines().find(|l| l.contains(text.as_str())).unwrap_or_else(|| panic!("{text:?} not shown:\n{r}"));
        assert!(!line.contains(&format!("“{text}”")), "{line}");
    }
}
