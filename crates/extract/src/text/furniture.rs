//! Page furniture: lines that belong to the site, not to the article.

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
    for p in PHRASES.iter() {
        if p.single_word {
            if u.words <= 3 && contains_word(&folded, &p.text) {
                hits += 1;
                end |= p.ends_article;
            }
        } else if folded.contains(&p.text) {
            hits += 1;
            end |= p.ends_article && u.words <= 8 && !u.is_prose();
        }
    }
    if hits == 0 {
        return Furniture::No;
    }
    if end {
        return Furniture::End;
    }
    if u.words <= SHORT_WORDS || hits >= 3 { Furniture::Line } else { Furniture::No }
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
