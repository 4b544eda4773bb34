//! Word and phrase lists kept as data files under `crates/extract/data/`.

use std::collections::BTreeSet;
use std::sync::LazyLock;

/// A named organisation (outlet or agency) with the spellings that name it.
#[derive(Debug, Clone)]
pub struct Named {
    /// Canonical name.
    pub name: String,
    /// Canonical name plus aliases.
    pub aliases: Vec<String>,
}

/// A furniture phrase.
#[derive(Debug, Clone)]
pub struct Phrase {
    /// Folded, lower-cased phrase.
    pub text: String,
    /// The phrase closes the article (what follows it is footer).
    pub ends_article: bool,
    /// A single word: only counts when it is (nearly) the whole line.
    pub single_word: bool,
}

fn data_lines(s: &'static str) -> impl Iterator<Item = &'static str> {
    s.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#'))
}

fn named(s: &'static str) -> Vec<Named> {
    data_lines(s)
        .map(|l| {
            let aliases: Vec<String> = l.split('|').map(|a| a.trim().to_string()).filter(|a| !a.is_empty()).collect();
            Named { name: aliases[0].clone(), aliases }
        })
        .collect()
}

/// Wire agencies.
pub static AGENCIES: LazyLock<Vec<Named>> = LazyLock::new(|| named(include_str!("../../data/agencies.txt")));

/// News outlets.
pub static OUTLETS: LazyLock<Vec<Named>> = LazyLock::new(|| named(include_str!("../../data/outlets.txt")));

/// Furniture phrases.
pub static PHRASES: LazyLock<Vec<Phrase>> = LazyLock::new(|| {
    data_lines(include_str!("../../data/boilerplate.txt"))
        .map(|l| {
            let (ends_article, t) = match l.strip_prefix("[end]") {
                Some(rest) => (true, rest.trim()),
                None => (false, l),
            };
            let text = parallax_core::text::fold(t).to_lowercase();
            let single_word = !text.contains(' ');
            Phrase { text, ends_article, single_word }
        })
        .collect()
});

/// Title markers of live blogs.
pub static LIVE_MARKERS: LazyLock<Vec<String>> =
    LazyLock::new(|| data_lines(include_str!("../../data/liveblog.txt")).map(|l| l.to_lowercase()).collect());

/// Words too generic to carry a story's topic.
pub static GENERIC_TERMS: LazyLock<BTreeSet<String>> =
    LazyLock::new(|| data_lines(include_str!("../../data/generic_terms.txt")).map(|l| l.to_lowercase()).collect());

/// Finds the agency named by `s` (exact alias match, case-sensitive).
pub fn agency_by_alias(s: &str) -> Option<&'static Named> {
    let s = s.trim();
    AGENCIES.iter().find(|a| a.aliases.iter().any(|x| x == s))
}

/// Finds the outlet named by `s` (alias match, case-insensitive).
pub fn outlet_by_alias(s: &str) -> Option<&'static Named> {
    let s = s.trim();
    OUTLETS.iter().find(|o| o.aliases.iter().any(|x| x.eq_ignore_ascii_case(s)))
}
