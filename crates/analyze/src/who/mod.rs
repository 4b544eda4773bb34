//! Who said what: entities with aliases, quotes with speakers, statements across outlets.

use parallax_core::report::{Entity, QuoteGroup};

use crate::StoryInput;

/// Entities and quote groups of one story.
#[derive(Debug, Clone, Default)]
pub struct WhoReport {
    /// Entities merged across the story's reports.
    pub entities: Vec<Entity>,
    /// Quotes grouped by statement.
    pub quote_groups: Vec<QuoteGroup>,
}

/// Finds entities and quotes across a story's reports.
pub fn analyze(_input: StoryInput<'_>) -> WhoReport {
    WhoReport::default()
}
