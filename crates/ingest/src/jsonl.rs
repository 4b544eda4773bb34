//! JSON Lines: one object per line with `url`, `title`, `published` (or `date`), `author`,
//! `outlet` (or `site`), and `html` or `text`. Bad lines are reported; good lines still count.

use parallax_core::{DocHints, DocKind, Document, Skipped};

use crate::IngestReport;

fn field(o: &serde_json::Map<String, serde_json::Value>, keys: &[&str]) -> Option<String> {
    keys.iter().find_map(|k| match o.get(*k) {
        Some(serde_json::Value::String(s)) if !s.trim().is_empty() => Some(s.trim().to_string()),
        Some(serde_json::Value::Array(a)) => {
            let v: Vec<&str> = a.iter().filter_map(|x| x.as_str()).collect();
            (!v.is_empty()).then(|| v.join(", "))
        }
        _ => None,
    })
}

/// Reads JSONL text into documents (source `file.jsonl#LINE`).
pub fn read_jsonl(source: &str, path: &str, text: &str) -> IngestReport {
    let mut report = IngestReport::default();
    for (k, line) in text.lines().enumerate() {
        let n = k + 1;
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let bad = |reason: String| Skipped::new(format!("{path}:{n}"), reason);
        let obj = match serde_json::from_str::<serde_json::Value>(line) {
            Ok(serde_json::Value::Object(o)) => o,
            Ok(_) => {
                report.skipped.push(bad("JSONL line is not an object".into()));
                continue;
            }
            Err(e) => {
                report.skipped.push(bad(format!("invalid JSON: {e}")));
                continue;
            }
        };
        let (kind, body) =
            match (field(&obj, &["html", "raw_html", "content_html"]), field(&obj, &["text", "body", "content"])) {
                (Some(h), _) => (DocKind::Html, h),
                (None, Some(t)) => (DocKind::Text, t),
                (None, None) => {
                    report.skipped.push(bad("JSONL object has no \"html\" or \"text\"".into()));
                    continue;
                }
            };
        report.documents.push(Document {
            source: format!("{source}#{n}"),
            path: path.to_string(),
            url: field(&obj, &["url", "link"]),
            kind,
            text: body,
            hints: DocHints {
                title: field(&obj, &["title", "headline"]),
                published: field(&obj, &["published", "date", "date_published", "datePublished"]),
                author: field(&obj, &["author", "byline", "authors"]),
                outlet: field(&obj, &["outlet", "site", "site_name", "source_name"]),
                ..Default::default()
            },
        });
    }
    report
}

/// Whether decoded text looks like JSON Lines (first non-empty line is a one-line object).
pub fn looks_like_jsonl(text: &str) -> bool {
    let Some(first) = text.lines().map(str::trim).find(|l| !l.is_empty()) else { return false };
    first.starts_with('{') && first.ends_with('}') && first.len() > 2
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn good_lines_count_bad_lines_reported() {
        let t = "{\"url\":\"http://x.example/1\",\"title\":\"T1\",\"published\":\"2024-01-02\",\"html\":\"<p>Hello</p>\"}\n\
                 not json at all\n\
                 [1,2]\n\
                 {\"title\":\"no body\"}\n\
                 {\"text\":\"Plain body\",\"author\":[\"A\",\"B\"]}\n";
        assert!(looks_like_jsonl(t));
        let r = read_jsonl("a.jsonl", "/d/a.jsonl", t);
        assert_eq!(r.documents.len(), 2);
        assert_eq!(r.documents[0].kind, DocKind::Html);
        assert_eq!(r.documents[0].source, "a.jsonl#1");
        assert_eq!(r.documents[0].hints.published.as_deref(), Some("2024-01-02"));
        assert_eq!(r.documents[1].kind, DocKind::Text);
        assert_eq!(r.documents[1].hints.author.as_deref(), Some("A, B"));
        assert_eq!(r.skipped.len(), 3);
        assert!(r.skipped[0].path.ends_with("a.jsonl:2"));
    }
}
