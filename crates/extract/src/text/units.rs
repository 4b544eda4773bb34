//! Splitting a dump into units (verbatim lines or hard-wrapped paragraphs) and their shape.

/// One line (or hard-wrapped paragraph) of the dump, verbatim and trimmed.
#[derive(Debug, Clone)]
pub struct Unit<'a> {
    /// The trimmed text (a slice of the input).
    pub text: &'a str,
    /// Number of words.
    pub words: usize,
}

/// Characters that may close a sentence after its final punctuation.
fn is_closer(c: char) -> bool {
    matches!(c, '"' | '\'' | '\u{201D}' | '\u{2019}' | ')' | ']' | '\u{00BB}' | '*')
}

/// True when `s` ends like a sentence (`.`, `!`, `?`, `…`, possibly inside quotes/brackets).
pub fn ends_sentence(s: &str) -> bool {
    let t = s.trim_end().trim_end_matches(is_closer);
    matches!(t.chars().last(), Some('.' | '!' | '?' | '\u{2026}'))
}

/// Word count (white-space separated tokens holding a letter or digit).
pub fn word_count(s: &str) -> usize {
    s.split_whitespace().filter(|w| w.chars().any(char::is_alphanumeric)).count()
}

/// Share of words that start with a lower-case letter.
pub fn lowercase_share(s: &str) -> f64 {
    let mut n = 0usize;
    let mut lower = 0usize;
    for w in s.split_whitespace() {
        if let Some(c) = w.chars().find(|c| c.is_alphabetic()) {
            n += 1;
            if c.is_lowercase() {
                lower += 1;
            }
        }
    }
    if n == 0 { 0.0 } else { lower as f64 / n as f64 }
}

impl Unit<'_> {
    /// Reads as running text: a sentence with ordinary lower-case words, or long enough that
    /// it must be text whatever its ending.
    pub fn is_prose(&self) -> bool {
        if self.words >= 25 && lowercase_share(self.text) >= 0.3 {
            return true;
        }
        self.words >= 5 && ends_sentence(self.text) && lowercase_share(self.text) >= 0.2
    }

    /// Looks like a headline or link text: short, no closing full stop.
    pub fn is_title_like(&self) -> bool {
        let t = self.text.trim_end().trim_end_matches(is_closer);
        (1..=25).contains(&self.words) && !t.ends_with('.') && !t.ends_with(':')
    }

    /// All letters are capitals (a section label such as `WAR REPORT`).
    pub fn is_all_caps(&self) -> bool {
        let letters: Vec<char> = self.text.chars().filter(|c| c.is_alphabetic()).collect();
        !letters.is_empty() && letters.iter().all(|c| c.is_uppercase())
    }
}

/// Splits the dump into units: every non-empty line, except that a line which does not end a
/// sentence followed by a line starting in lower case (a hard wrap) is joined with it. The
/// unit text is always a verbatim slice of `text`.
pub fn split_units(text: &str) -> Vec<Unit<'_>> {
    let mut out: Vec<Unit<'_>> = Vec::new();
    // (start, end) byte spans of trimmed non-empty lines, and whether a blank line preceded.
    let mut spans: Vec<(usize, usize, bool)> = Vec::new();
    let mut pos = 0usize;
    let mut blank = true;
    for line in text.split_inclusive('\n') {
        let start = pos;
        pos += line.len();
        let body = line.trim_end_matches(['\n', '\r']);
        let blank_char = |c: char| c.is_whitespace() || c == '\u{FEFF}';
        let lead = body.len() - body.trim_start_matches(blank_char).len();
        let t = body.trim_matches(blank_char);
        if t.is_empty() {
            blank = true;
            continue;
        }
        spans.push((start + lead, start + lead + t.len(), blank));
        blank = false;
    }
    let mut i = 0;
    while i < spans.len() {
        let (s, mut e, _) = spans[i];
        let mut j = i + 1;
        while j < spans.len() && !spans[j].2 {
            let prev = &text[s..e];
            let next = &text[spans[j].0..spans[j].1];
            let wrapped = !ends_sentence(prev)
                && word_count(prev) >= 6
                && next.chars().next().is_some_and(|c| c.is_lowercase())
                && prev.len() >= 40
                && !next.starts_with("by ");
            if !wrapped {
                break;
            }
            e = spans[j].1;
            j += 1;
        }
        let t = &text[s..e];
        out.push(Unit { text: t, words: word_count(t) });
        i = j;
    }
    out
}

/// Splits a paragraph into sentences (simple rules: `.`, `!` or `?` followed by white space and
/// an upper-case letter, digit or opening quote; common abbreviations are not ends).
pub fn sentences(p: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0usize;
    let chars: Vec<(usize, char)> = p.char_indices().collect();
    let mut k = 0;
    while k < chars.len() {
        let (i, c) = chars[k];
        if matches!(c, '.' | '!' | '?' | '\u{2026}') {
            // include closing quotes
            let mut m = k + 1;
            while m < chars.len() && is_closer(chars[m].1) {
                m += 1;
            }
            if m < chars.len() && chars[m].1.is_whitespace() {
                let mut n = m;
                while n < chars.len() && chars[n].1.is_whitespace() {
                    n += 1;
                }
                let next_ok = n < chars.len()
                    && (chars[n].1.is_uppercase()
                        || chars[n].1.is_ascii_digit()
                        || matches!(chars[n].1, '"' | '\u{201C}' | '\u{2018}' | '\''));
                let word_before: String =
                    p[start..i].rsplit(|ch: char| ch.is_whitespace()).next().unwrap_or("").to_string();
                let abbrev = c == '.'
                    && (matches!(
                        word_before.as_str(),
                        "Mr" | "Mrs"
                            | "Ms"
                            | "Dr"
                            | "St"
                            | "Gen"
                            | "Sen"
                            | "Rep"
                            | "Gov"
                            | "No"
                            | "Lt"
                            | "Col"
                            | "Sgt"
                            | "Jr"
                            | "Sr"
                            | "vs"
                            | "Prof"
                    ) || word_before.len() == 1
                        || word_before.contains('.'));
                if next_ok && !abbrev {
                    let end = chars.get(m).map_or(p.len(), |x| x.0);
                    let s = p[start..end].trim();
                    if !s.is_empty() {
                        out.push(s);
                    }
                    start = chars[n].0;
                    k = n;
                    continue;
                }
            }
        }
        let _ = i;
        k += 1;
    }
    let s = p[start..].trim();
    if !s.is_empty() {
        out.push(s);
    }
    out
}
