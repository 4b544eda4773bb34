//! Embedded social-media posts as statements: the text a report embeds before a post's
//! signature (`… — Ann Lee (@annlee) July 5, 2016`) is what the account holder wrote, so it is
//! a direct quote of the name the signature gives, as a quotation in marks would be.

use std::ops::Range;

/// One embedded post: the byte range of its text and the signature's display name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Post {
    /// Byte range of the post's text (before the signature's dash).
    pub text: Range<usize>,
    /// Byte range of the display name in the signature.
    pub name: Range<usize>,
}

/// Fewest words a post's text needs to count as a statement.
const MIN_WORDS: usize = 4;
/// Longest display name read before `(@handle)` (bytes).
const MAX_NAME: usize = 60;

const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
];

/// The embedded posts of `text`, in order: every `(@handle)` followed by a date
/// (`July 5, 2016`) and preceded on its line by a dash and a display name; the post's text runs
/// from the start of the line (or the end of the previous signature on it) to the dash.
pub fn posts(text: &str) -> Vec<Post> {
    let mut out: Vec<Post> = Vec::new();
    let (mut from, mut sig_end) = (0, 0);
    while let Some(k) = text[from..].find("(@") {
        let at = from + k;
        from = at + 2;
        let Some(close) = handle_end(text, at + 2) else { continue };
        let Some(date_len) = date_after(&text[close..]) else { continue };
        let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
        let prev_end = sig_end.max(line_start);
        let Some((dash, name)) = signature_name(text, prev_end, at) else { continue };
        let start = prev_end + (text[prev_end..dash].len() - text[prev_end..dash].trim_start().len());
        let end = start + text[start..dash].trim_end().len();
        if text[start..end].split_whitespace().count() >= MIN_WORDS {
            out.push(Post { text: start..end, name });
        }
        from = close + date_len;
        sig_end = from;
    }
    out
}

/// End (after `)`) of a `@handle)` starting at `from`.
fn handle_end(text: &str, from: usize) -> Option<usize> {
    let len = text[from..].find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))?;
    (len > 0 && len <= 30 && text[from + len..].starts_with(')')).then_some(from + len + 1)
}

/// Length of a date right after a signature (` July 5, 2016`, ` Jan. 5, 2016`).
fn date_after(s: &str) -> Option<usize> {
    let t = s.trim_start_matches([' ', '\u{a0}']);
    let lead = s.len() - t.len();
    let month_len = t.find(|c: char| !c.is_ascii_alphabetic())?;
    if lead == 0 || !MONTHS.contains(&t[..month_len].to_ascii_lowercase().as_str()) {
        return None;
    }
    let rest = t[month_len..].trim_start_matches('.').trim_start();
    let day_len = rest.find(|c: char| !c.is_ascii_digit())?;
    let year = rest[day_len..].strip_prefix(',')?.trim_start();
    let year_len = year.find(|c: char| !c.is_ascii_digit()).unwrap_or(year.len());
    ((1..=2).contains(&day_len) && year_len == 4).then(|| s.len() - year.len() + 4)
}

/// The dash and display name before `(@` at `at`: `— Ann Lee ` within the line after `floor`.
fn signature_name(text: &str, floor: usize, at: usize) -> Option<(usize, Range<usize>)> {
    let lo = floor.max(at.saturating_sub(MAX_NAME));
    let lo = (lo..at).find(|&i| text.is_char_boundary(i))?;
    let window = &text[lo..at];
    let d = window.rfind(['—', '–', '―', '-'])?;
    let dash_len = window[d..].chars().next()?.len_utf8();
    // `--` or a spaced hyphen: a dash, not a hyphenated name.
    let before_ok = window[..d].ends_with([' ', '-']) || (lo + d == floor);
    let after = &window[d + dash_len..];
    let name = after.trim();
    if !before_ok || name.is_empty() || name.contains(['(', ')', '"', '“', '”']) {
        return None;
    }
    let dash = lo + d - usize::from(window[..d].ends_with('-'));
    let name_start = lo + d + dash_len + (after.len() - after.trim_start().len());
    Some((dash, name_start..name_start + name.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<(&str, &str)> {
        posts(text).into_iter().map(|p| (&text[p.text], &text[p.name])).collect()
    }

    #[test]
    fn a_signed_post_is_its_text_and_the_display_name() {
        let t = "Fans reacted.\n\nThose shots are clearly not from tonight. — Ann Lee (@annlee77) July 5, 2016\n\nMore later.";
        assert_eq!(found(t), vec![("Those shots are clearly not from tonight.", "Ann Lee")]);
        let t = "What a night for the team -- Jo Park (@jopark) Jan. 12, 2015";
        assert_eq!(found(t), vec![("What a night for the team", "Jo Park")]);
    }

    #[test]
    fn two_posts_on_one_line_are_two_posts() {
        let t = "We showed the best fireworks of the year. — A Summer Night (@summernight) July 5, 2016 \
                 Only here could a show become a scandal — dcfan (@dcfan) July 5, 2016";
        assert_eq!(
            found(t),
            vec![
                ("We showed the best fireworks of the year.", "A Summer Night"),
                ("Only here could a show become a scandal", "dcfan")
            ]
        );
    }

    #[test]
    fn not_a_signature() {
        // A handle in running text, a handle without a date, a hyphenated name, a short text.
        assert!(found("Write to Ann Lee (@annlee) with your questions about the show.").is_empty());
        assert!(found("Those shots are clearly not from tonight. — Ann Lee (@annlee)").is_empty());
        assert!(found("Those shots are clearly not from Smith-Lee (@annlee) July 5, 2016").is_empty());
        assert!(found("So good — Ann Lee (@annlee) July 5, 2016").is_empty());
    }
}
