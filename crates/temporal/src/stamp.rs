//! Expressions that date the report itself rather than an event it narrates: datelines
//! (`WASHINGTON, August 13 (Xinhua) --`), live-blog timestamps (a line holding only a date or
//! time, `Updated 10:32 GMT`), and the signatures of embedded posts
//! (`— Jane Doe (@jdoe) December 30, 2014`).

use crate::TimeExpr;

/// The line around byte range `start..end`: (text before on the line, text after on the line).
fn line_around(text: &str, start: usize, end: usize) -> (&str, &str) {
    let ls = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let le = text[end..].find('\n').map_or(text.len(), |i| end + i);
    (&text[ls..start], &text[end..le])
}

/// Words that may stand beside a timestamp on its own line.
const STAMP_WORDS: &[&str] = &[
    "updated",
    "posted",
    "published",
    "last",
    "at",
    "on",
    "am",
    "pm",
    "a.m.",
    "p.m.",
    "gmt",
    "utc",
    "bst",
    "cet",
    "est",
    "edt",
    "pst",
    "pdt",
    "et",
    "pt",
    "local",
    "time",
    "first",
    "modified",
    "|",
    "-",
    "—",
    "–",
    "by",
];

/// Whether `e` dates the report (a dateline, a live-blog timestamp or an embedded post's
/// signature) rather than an event the report narrates. General rule, on the expression's line:
/// * signature: a `(@handle)` before it and nothing but punctuation after it;
/// * timestamp: the line holds nothing but the expression, clock times and [`STAMP_WORDS`];
/// * dateline: it opens the text's line after a place in capitals and a comma, and is followed by
///   an optional `(Agency)` and a dash.
pub fn is_report_stamp(text: &str, e: &TimeExpr) -> bool {
    if e.end > text.len() || e.start > e.end || !text.is_char_boundary(e.start) || !text.is_char_boundary(e.end) {
        return false;
    }
    let (before, after) = line_around(text, e.start, e.end);
    let tail = after.trim_matches(|c: char| c.is_whitespace() || c.is_ascii_punctuation());
    if tail.is_empty() && before.contains("(@") && before.trim_end().ends_with(')') {
        return true;
    }
    let rest = format!("{before} {after}");
    let bare = rest.split_whitespace().all(|w| {
        let l = w.trim_matches(|c: char| matches!(c, ',' | '(' | ')' | '[' | ']' | ':')).to_ascii_lowercase();
        l.is_empty() || STAMP_WORDS.contains(&l.as_str()) || l.chars().all(|c| c.is_ascii_digit() || c == ':')
    });
    if bare && rest.trim().len() < 40 {
        return true;
    }
    dateline(before, after)
}

fn dateline(before: &str, after: &str) -> bool {
    let place = before.trim_end();
    let Some(place) = place.strip_suffix(',') else { return false };
    let place_ok = !place.trim().is_empty()
        && place.len() <= 40
        && place.chars().filter(|c| c.is_alphabetic()).all(|c| c.is_uppercase())
        && place.chars().any(char::is_alphabetic);
    let mut a = after.trim_start();
    if a.starts_with('(')
        && let Some(i) = a.find(')')
    {
        a = a[i + 1..].trim_start();
    }
    place_ok && (a.starts_with("--") || a.starts_with('—') || a.starts_with('–') || a.starts_with("- ") || a.is_empty())
}
