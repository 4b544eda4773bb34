//! HTTP API and HTML pages (axum + askama).

use parallax_core::report::AnalysisOutput;

/// Renders an analysis as one standalone HTML page (no external assets).
pub fn render_report_html(out: &AnalysisOutput) -> String {
    // Placeholder until the story page template exists.
    let mut s = String::from("<!doctype html><meta charset=utf-8><title>Parallax</title><pre>");
    for story in &out.stories {
        s.push_str(&escape(&story.story.headline));
        s.push('\n');
    }
    s.push_str("</pre>");
    s
}

fn escape(t: &str) -> String {
    t.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;").replace('\'', "&#39;")
}
