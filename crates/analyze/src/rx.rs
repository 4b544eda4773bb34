//! Patterns with word boundaries (`\b`), compiled twice: with Unicode boundaries, and with
//! ASCII ones (`(?-u:\b)`). Unicode boundaries keep the regex crate's lazy DFA from running on
//! any text with a non-ASCII byte (it falls back to a slower engine); ASCII ones do not. On a
//! text whose non-ASCII characters are all non-word characters (curly quotes, dashes, special
//! spaces: most English news text), both see the same boundaries, so the ASCII automaton
//! finds exactly what the Unicode one would. Any other text is read by the Unicode one.

use std::sync::LazyLock;

use regex::Regex;

/// One pattern, compiled (lazily) with Unicode and with ASCII word boundaries.
pub(crate) struct WordRegex {
    pub(crate) ascii: LazyLock<Regex>,
    pub(crate) unicode: LazyLock<Regex>,
}

/// A [`WordRegex`] of a pattern (an expression giving a `&str` or a `String`).
macro_rules! word_regex {
    ($pattern:expr) => {
        $crate::rx::WordRegex {
            ascii: std::sync::LazyLock::new(|| $crate::rx::build(&$pattern, true)),
            unicode: std::sync::LazyLock::new(|| $crate::rx::build(&$pattern, false)),
        }
    };
}
pub(crate) use word_regex;

impl WordRegex {
    /// The automaton to search `text` with.
    pub(crate) fn for_text(&self, text: &str) -> &Regex {
        if all_same_boundaries(text) { &self.ascii } else { &self.unicode }
    }
}

/// Whether every character of `text` is [`same_boundaries`]: ASCII bytes are skipped without
/// decoding, only the non-ASCII characters are looked at.
fn all_same_boundaries(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(k) = bytes[i..].iter().position(|b| !b.is_ascii()) {
        i += k;
        let Some(c) = text[i..].chars().next() else { break };
        if !same_boundaries(c) {
            return false;
        }
        i += c.len_utf8();
    }
    true
}

/// Room for the lazy DFA's states (the regex crate's default is 2 MiB): patterns with bounded
/// repetitions of wide Unicode classes (`[^,]{1,60}`) need many states, and a cache that fills
/// up is emptied and rebuilt again and again, or given up for a slower engine.
const DFA_CACHE: usize = 32 << 20;

/// Compiles a pattern, made ASCII-only when `ascii` (see [`ascii_classes`]).
pub(crate) fn build(pattern: &str, ascii: bool) -> Regex {
    let p = if ascii { ascii_classes(pattern) } else { pattern.to_string() };
    regex::RegexBuilder::new(&p).dfa_size_limit(DFA_CACHE).build().expect("valid pattern")
}

/// A pattern's word boundaries, letter, word and digit classes made ASCII: `\b` becomes
/// `(?-u:\b)`, `\p{L}` `[A-Za-z]`, `\p{Lu}` `[A-Z]`, `\w` `[0-9A-Za-z_]`, `\d` `[0-9]` (nested
/// classes where they stand inside one). On a text whose every character is
/// [`same_boundaries`] none of these Unicode classes matches a non-ASCII character, so each
/// matches exactly what its ASCII form does there, and the automaton is far smaller: quicker to
/// compile and to determinise. Other escapes (`\s`, which matches special spaces) stay.
fn ascii_classes(pattern: &str) -> String {
    const SWAPS: [(&str, &str); 5] =
        [(r"\b", r"(?-u:\b)"), (r"\p{Lu}", "[A-Z]"), (r"\p{L}", "[A-Za-z]"), (r"\w", "[0-9A-Za-z_]"), (r"\d", "[0-9]")];
    let mut out = String::with_capacity(pattern.len() * 2);
    let mut rest = pattern;
    while let Some(at) = rest.find('\\') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let escape = match SWAPS.iter().find(|(from, _)| rest.starts_with(from)) {
            Some(&(from, to)) => {
                out.push_str(to);
                from.len()
            }
            // Any other escape is copied whole (`\\` too, so an escaped backslash never
            // starts one of the swapped escapes).
            None => {
                let len = 1 + rest[1..].chars().next().map_or(0, char::len_utf8);
                out.push_str(&rest[..len]);
                len
            }
        };
        rest = &rest[escape..];
    }
    out.push_str(rest);
    out
}

/// Whether a character is a word character for both kinds of boundary or for neither: ASCII,
/// or a non-ASCII character that is not a Unicode word character (no letter, mark, digit,
/// connector or joiner): the General Punctuation block without its connectors and joiners,
/// arrows, mathematical operators, box drawing and geometric shapes, the byte-order mark, the
/// replacement character and a few Latin-1 signs.
fn same_boundaries(c: char) -> bool {
    c.is_ascii()
        || matches!(
            c,
            '\u{a0}' | '\u{ad}' | '«' | '»' | '£' | '©' | '®' | '°' | '±' | '×' | '÷' | '€' | '\u{feff}' | '\u{fffd}'
        )
        || (('\u{2000}'..='\u{206f}').contains(&c) && !matches!(c, '\u{200c}' | '\u{200d}' | '‿' | '⁀' | '⁔'))
        || ('\u{2190}'..='\u{22ff}').contains(&c)
        || ('\u{2500}'..='\u{25ff}').contains(&c)
}

#[cfg(test)]
mod tests {
    use super::*;

    static NAMED: WordRegex = word_regex!(r"\b([A-Z][\p{L}'’-]+)\s+(?:said|told)\b");

    #[test]
    fn swapped_classes_agree_on_every_character_the_ascii_automaton_reads() {
        for unicode in [r"\p{Lu}", r"\p{L}", r"\w", r"\d"] {
            let (u, a) = (build(&format!("^{unicode}$"), false), build(&format!("^{unicode}$"), true));
            let chars = (0..=0x10ffff_u32).filter_map(char::from_u32).filter(|&c| same_boundaries(c));
            for c in chars {
                let t = c.to_string();
                assert_eq!(u.is_match(&t), a.is_match(&t), "{unicode} on {c:?}");
            }
        }
        assert_eq!(ascii_classes(r"\\d[\p{L}\d-]\p{Lu}\s\b"), r"\\d[[A-Za-z][0-9]-][A-Z]\s(?-u:\b)");
    }

    #[test]
    fn both_automata_agree_on_text_they_share() {
        let texts = [
            "“We are ready,” Kowal said — and Brekke told them so.",
            "Kowal’s aide\u{a0}Ortis said\u{2009}it… Brekke told.",
            "xKowal said, Kowal saidx, (Kowal said)",
            "► Kowal said ≈ 40 ⇓ ─ Brekke told\u{feff}",
        ];
        for t in texts {
            assert!(std::ptr::eq(NAMED.for_text(t), &*NAMED.ascii));
            let spans = |r: &Regex| r.find_iter(t).map(|m| m.range()).collect::<Vec<_>>();
            assert_eq!(spans(&NAMED.ascii), spans(&NAMED.unicode), "{t}");
        }
        for t in ["", "abc", "a\u{a0}b", "“x” — y", "é", "x é", "»é«", "ab\u{200d}"] {
            assert_eq!(all_same_boundaries(t), t.chars().all(same_boundaries), "{t:?}");
        }
        // A non-ASCII letter next to a name: only the Unicode automaton reads it.
        let t = "éKowal said";
        assert!(std::ptr::eq(NAMED.for_text(t), &*NAMED.unicode));
        assert!(NAMED.for_text(t).find(t).is_none());
    }
}
