//! Online, time-aware story clustering.

use parallax_core::Article;

/// Groups articles into stories; each story lists article indices, in publication order.
/// Stories are ordered by their first member.
pub fn cluster(articles: &[Article]) -> Vec<Vec<usize>> {
    // Placeholder: everything is one story.
    if articles.is_empty() { Vec::new() } else { vec![(0..articles.len()).collect()] }
}
