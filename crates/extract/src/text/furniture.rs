//! Page furniture: lines that belong to the site, not to the article.

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;

use super::data::PHRASES;
use super::units::Unit;

/// What a unit is, as far as furniture goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Furniture {
    /// Not furniture.
    No,
    /// Furniture (prompt, notice, widget text).
    Line,
    /// Furniture that closes the article (a related-links or comments header).
    End,
}

/// Lines longer than this need several furniture phrases to count as furniture.
const SHORT_WORDS: usize = 30;

/// Classifies one unit using the phrase list and its shape.
pub fn classify(u: &Unit<'_>) -> Furniture {
    let folded = parallax_core::text::fold(u.text).to_lowercase();
    // Junk tokens: image tags, URLs and single run-together tokens.
    if u.words <= 2 && looks_like_junk(&folded) {
        return Furniture::Line;
    }
    if is_menu(u.text) {
        return Furniture::Line;
    }
    let mut hits = 0usize;
    let mut end = false;
    if u.words <= 3 {
        for p in PHRASES.iter().filter(|p| p.single_word) {
            if contains_word(&folded, &p.text) {
                hits += 1;
                end |= p.ends_article;
            }
        }
    }
    let (n, ends) = MULTI_WORD.hits(&folded);
    hits += n;
    end |= ends && u.words <= 8 && !u.is_prose();
    if hits == 0 {
        return Furniture::No;
    }
    if end {
        return Furniture::End;
    }
    if u.words <= SHORT_WORDS || hits >= 3 { Furniture::Line } else { Furniture::No }
}

/// The phrases of more than one word in one automaton (one pass over a line instead of one
/// substring search per phrase): each distinct text with the number of list entries it
/// stands for and whether one of them closes the article.
struct PhraseIndex {
    automaton: AhoCorasick,
    entries: Vec<(usize, bool)>,
}

static MULTI_WORD: LazyLock<PhraseIndex> = LazyLock::new(|| {
    let mut texts: Vec<&str> = Vec::new();
    let mut entries: Vec<(usize, bool)> = Vec::new();
    for p in PHRASES.iter().filter(|p| !p.single_word) {
        match texts.iter().position(|t| *t == p.text) {
            Some(i) => {
                entries[i].0 += 1;
                entries[i].1 |= p.ends_article;
            }
            None => {
                texts.push(&p.text);
                entries.push((1, p.ends_article));
            }
        }
    }
    PhraseIndex { automaton: AhoCorasick::new(texts).expect("phrase automaton"), entries }
});

impl PhraseIndex {
    /// How many phrase entries `folded` contains, and whether one of them closes the article.
    fn hits(&self, folded: &str) -> (usize, bool) {
        let mut seen = vec![false; self.entries.len()];
        for m in self.automaton.find_overlapping_iter(folded) {
            seen[m.pattern().as_usize()] = true;
        }
        let found = || seen.iter().zip(&self.entries).filter(|(s, _)| **s).map(|(_, e)| e);
        (found().map(|e| e.0).sum(), found().any(|e| e.1))
    }
}

fn contains_word(hay: &str, w: &str) -> bool {
    hay.split(|c: char| !c.is_alphanumeric() && c != '-' && c != '\'').any(|x| x == w)
}

fn looks_like_junk(folded: &str) -> bool {
    let t = folded.trim();
    if t.starts_with("http://") || t.starts_with("https://") || t.starts_with("www.") {
        return true;
    }
    // One long token mixing letters, digits and punctuation ("tagfoo.com2025binary_X-VIEWIMAGE").
    !t.contains(' ')
        && t.len() >= 20
        && t.chars().any(|c| c.is_ascii_digit())
        && t.chars().any(|c| matches!(c, '_' | '.' | '/' | '='))
}

/// A related-links block: a run of short title-like lines.
pub fn is_link_like(u: &Unit<'_>) -> bool {
    u.is_title_like() && u.words <= 16
}

/// A navigation menu or breadcrumb line: several short items between separators
/// (`Home | News | Sport`, `Home › World › Europe`).
pub fn is_menu(text: &str) -> bool {
    let items: Vec<&str> = text
        .split(['|', '\u{2022}', '\u{00B7}', '\u{203A}', '\u{00BB}', '>'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    items.len() >= 3 && items.iter().all(|i| super::units::word_count(i) <= 4)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The phrase entries a line contains, one substring search per entry.
    fn naive(folded: &str) -> (usize, bool) {
        let found: Vec<_> = PHRASES.iter().filter(|p| !p.single_word && folded.contains(&p.text)).collect();
        (found.len(), found.iter().any(|p| p.ends_article))
    }

    #[test]
    fn automaton_counts_the_entries_substring_search_finds() {
        let lines = [
            "more stories you may also like: related stories and related content",
            "leave a comment below or read more on this story",
            "related links related links",
            "the council met on tuesday to discuss the harbour budget",
            "",
        ];
        for l in lines {
            assert_eq!(MULTI_WORD.hits(l), naive(l), "{l}");
        }
        assert_eq!(MULTI_WORD.hits(lines[3]), (0, false));
        assert!(MULTI_WORD.hits(lines[0]).0 >= 4);
    }
}
