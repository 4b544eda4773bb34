//! When and what: dates, timeline, agreements, single-source details, contradictions, summary.

use parallax_core::report::{
    Agreement, Contradiction, Entity, QuoteGroup, SingleSourceDetail, SummarySentence, TimelineEntry,
};

use crate::StoryInput;

/// Temporal and claim analysis of one story.
#[derive(Debug, Clone, Default)]
pub struct WhenReport {
    /// Dated events, sorted by date.
    pub timeline: Vec<TimelineEntry>,
    /// Claims with two or more independent sources.
    pub agreements: Vec<Agreement>,
    /// Substantive details given by one report only.
    pub single_source_details: Vec<SingleSourceDetail>,
    /// Incompatible values across or inside reports.
    pub contradictions: Vec<Contradiction>,
    /// Cited summary.
    pub summary: Vec<SummarySentence>,
}

/// Runs the temporal and claim analysis.
pub fn analyze(_input: StoryInput<'_>, _entities: &[Entity], _quotes: &[QuoteGroup]) -> WhenReport {
    WhenReport::default()
}
