//! What the served story page adds for a story that grows while it is followed: its reports
//! newest first, when its analysis was last updated, and what changed since the reader's last
//! visit (new reports, new outlets, new contradictions: those citing a new report).
//!
//! The last visit is a cookie scoped to the story's page (`px_seen`, Unix seconds), or
//! `?since=` (RFC 3339 or Unix seconds) to ask explicitly.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, SecondsFormat, Utc};
use parallax_core::report::StoryReport;

use crate::html::StoryView;

/// Name of the last-visit cookie.
pub const COOKIE: &str = "px_seen";

/// The live part of a story page.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LiveView {
    /// When the story's analysis was last updated (RFC 3339).
    pub updated: String,
    /// The last visit, when known (RFC 3339).
    pub since: Option<String>,
    /// Reports added since then.
    pub new_reports: usize,
    /// Outlets that had no report before then.
    pub new_outlets: Vec<String>,
    /// Contradictions citing a report added since then (what they are about).
    pub new_contradictions: Vec<String>,
}

/// Parses a last-visit value: Unix seconds or RFC 3339.
pub fn parse_since(v: &str) -> Option<DateTime<Utc>> {
    let v = v.trim();
    if let Ok(secs) = v.parse::<i64>() {
        return DateTime::from_timestamp(secs, 0);
    }
    DateTime::parse_from_rfc3339(v).ok().map(|t| t.with_timezone(&Utc))
}

/// The value of cookie `name` in a `Cookie` header.
pub fn cookie<'a>(header: &'a str, name: &str) -> Option<&'a str> {
    header.split(';').filter_map(|kv| kv.trim().split_once('=')).find(|(k, _)| *k == name).map(|(_, v)| v.trim())
}

/// The `Set-Cookie` value recording a visit now to the page of story `id` (ids are hex).
pub fn visit_cookie(id: &str, now: DateTime<Utc>) -> String {
    let path: String = id.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '-').collect();
    format!("{COOKIE}={}; Path=/stories/{path}; Max-Age=31536000; SameSite=Lax; HttpOnly", now.timestamp())
}

fn outlet_key(report: &StoryReport, source: &str) -> String {
    report
        .articles
        .get(source)
        .and_then(|a| a.outlet.as_deref())
        .map(str::trim)
        .filter(|o| !o.is_empty())
        .unwrap_or(source)
        .to_string()
}

/// What changed since `since`, given when each report (by source) was added.
pub fn live_view(
    report: &StoryReport,
    added: &BTreeMap<String, String>,
    updated: &str,
    since: Option<DateTime<Utc>>,
) -> LiveView {
    let mut v = LiveView { updated: updated.to_string(), ..LiveView::default() };
    let Some(since) = since else { return v };
    let since_s = since.to_rfc3339_opts(SecondsFormat::Secs, true);
    let is_new = |src: &str| added.get(src).is_some_and(|t| t.as_str() > since_s.as_str());
    let fresh: BTreeSet<&str> = report.articles.keys().map(String::as_str).filter(|s| is_new(s)).collect();
    let old_outlets: BTreeSet<String> = report
        .articles
        .keys()
        .filter(|s| !fresh.contains(s.as_str()))
        .map(|s| outlet_key(report, s).to_lowercase())
        .collect();
    let mut outlets = BTreeSet::new();
    for s in &fresh {
        let o = outlet_key(report, s);
        if !old_outlets.contains(&o.to_lowercase()) {
            outlets.insert(o);
        }
    }
    v.since = Some(since_s);
    v.new_reports = fresh.len();
    v.new_outlets = outlets.into_iter().collect();
    v.new_contradictions = report
        .contradictions
        .iter()
        .filter(|c| c.claims.iter().any(|cl| fresh.contains(cl.source.as_str())))
        .map(|c| c.about.clone())
        .collect();
    v
}

/// Orders a story's source columns newest first: by publication date, then by when the
/// report was added.
pub fn newest_first(view: &mut StoryView, report: &StoryReport, added: &BTreeMap<String, String>) {
    let key = |src: &str| {
        let published = report.articles.get(src).and_then(|a| a.published.clone()).unwrap_or_default();
        (published, added.get(src).cloned().unwrap_or_default())
    };
    view.sources.sort_by_cached_key(|s| std::cmp::Reverse(key(&s.badge.source)));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cookies_and_since() {
        assert_eq!(cookie("a=1; px_seen=1700000000; b=2", COOKIE), Some("1700000000"));
        assert_eq!(cookie("a=1", COOKIE), None);
        let t = parse_since("1700000000").unwrap();
        assert_eq!(parse_since("2023-11-14T22:13:20Z"), Some(t));
        assert!(parse_since("yesterday").is_none());
        let c = visit_cookie("ab12\"; x", t);
        assert!(c.starts_with("px_seen=1700000000; Path=/stories/ab12x;"), "{c}");
    }
}
