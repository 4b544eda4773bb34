//! Small text utilities shared across stages.

/// Folds typographic variants the way gold.json's matching rules do: curly quotes to
/// straight, dashes to `-`, runs of white space to one space.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut last_space = false;
    for c in s.chars() {
        let c = match c {
            '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' => '\'',
            '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}' | '\u{00BB}' => '"',
            '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}' | '\u{2212}' => '-',
            '\u{2026}' => {
                out.push_str("...");
                last_space = false;
                continue;
            }
            c => c,
        };
        if c.is_whitespace() {
            if !last_space {
                out.push(' ');
            }
            last_space = true;
        } else {
            out.push(c);
            last_space = false;
        }
    }
    out.trim().to_string()
}

/// Whether `c` is a space that is not an ASCII space: no-break, thin, figure, ideographic.
fn is_odd_space(c: char) -> bool {
    matches!(c, '\u{00A0}' | '\u{1680}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}')
}

/// Every space character within a line written as an ASCII space, one character for one, so
/// character offsets are unchanged: text analysis then sees "Sen.\u{A0}Smith" as "Sen. Smith".
/// Borrows when there is nothing to change.
pub fn unify_spaces(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.chars().any(is_odd_space) {
        return std::borrow::Cow::Borrowed(s);
    }
    std::borrow::Cow::Owned(s.chars().map(|c| if is_odd_space(c) { ' ' } else { c }).collect())
}

/// Normalisation for exact-duplicate hashing: folded, lower-cased, alphanumerics only.
pub fn normalize_for_hash(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = true;
    for c in s.chars() {
        if c.is_alphanumeric() {
            for l in c.to_lowercase() {
                out.push(l);
            }
            space = false;
        } else if !space {
            out.push(' ');
            space = true;
        }
    }
    out.trim_end().to_string()
}

/// Converts a byte offset in `s` to a character offset.
pub fn char_offset(s: &str, byte: usize) -> usize {
    s[..byte.min(s.len())].chars().count()
}

/// A count with its noun in the right number: `plural(1, "report")` is "1 report",
/// `plural(2, "story")` is "2 stories".
pub fn plural(n: usize, noun: &str) -> String {
    if n == 1 {
        return format!("1 {noun}");
    }
    let many = match noun.strip_suffix('y') {
        Some(stem) if !stem.ends_with(['a', 'e', 'o', 'u']) => format!("{stem}ies"),
        _ if noun.ends_with('s') || noun.ends_with("sh") || noun.ends_with("ch") || noun.ends_with('x') => {
            format!("{noun}es")
        }
        _ => format!("{noun}s"),
    };
    format!("{n} {many}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_matches_gold_rules() {
        assert_eq!(fold("“We’re  here” — now\n ok"), "\"We're here\" - now ok");
    }

    #[test]
    fn odd_spaces_become_ascii_one_char_for_one() {
        let s = "Gov.\u{a0}Ana Ruiz said\u{202f}so\u{2009}too.";
        let u = unify_spaces(s);
        assert_eq!(u, "Gov. Ana Ruiz said so too.");
        assert_eq!(u.chars().count(), s.chars().count());
        assert!(matches!(unify_spaces("plain text\n"), std::borrow::Cow::Borrowed(_)));
    }

    #[test]
    fn hash_normalisation_ignores_case_and_punctuation() {
        assert_eq!(normalize_for_hash("Hello, World!"), normalize_for_hash("hello world"));
    }

    #[test]
    fn plurals() {
        assert_eq!(plural(1, "report"), "1 report");
        assert_eq!(plural(0, "report"), "0 reports");
        assert_eq!(plural(2, "story"), "2 stories");
        assert_eq!(plural(3, "day"), "3 days");
        assert_eq!(plural(2, "match"), "2 matches");
        assert_eq!(plural(1, "story"), "1 story");
    }
}
