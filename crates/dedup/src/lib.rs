//! Near-duplicate detection and passage-level text reuse.

use parallax_core::Article;
use parallax_core::report::TextReuse;

/// For each article, the index of the earlier article it is a (near-)copy of, if any.
pub fn copy_of(articles: &[Article]) -> Vec<Option<usize>> {
    // Placeholder: exact duplicates of the normalised body only.
    let mut seen = std::collections::HashMap::new();
    articles
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let h = parallax_core::text::normalize_for_hash(&a.body);
            match seen.get(&h) {
                Some(&j) => Some(j),
                None => {
                    seen.insert(h, i);
                    None
                }
            }
        })
        .collect()
}

/// Passages copied between the articles of one story.
pub fn text_reuse(_articles: &[Article]) -> Vec<TextReuse> {
    Vec::new()
}
