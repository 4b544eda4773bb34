//! When and what: dates, timeline, agreements, single-source details, contradictions, summary.
//!
//! Steps (all deterministic, no I/O):
//! 1. [`text::prepare`]: each report's sentences, read from its annotated `Doc`, get their
//!    normalised content words, names, counted numbers and temporal expressions (resolved by
//!    `parallax-temporal` against the report's publication date when the `Doc` was built).
//! 2. [`claims`]: sentences of different independent reports are aligned into groups of the
//!    same claim → agreements, single-source details, the cited summary.
//! 3. [`timeline`]: day-dated clauses become events; events of the same day that share content
//!    merge into one timeline entry listing its sources.
//! 4. [`contradict`]: weekday/date mismatches, the same statement dated or addressed
//!    differently, different exact counts of the same thing ([`facts`]: ages, counts, places,
//!    days), one outlet's claim negated by another ([`polarity`]).

use parallax_core::report::{
    Agreement, Contradiction, Entity, QuoteGroup, SingleSourceDetail, SummarySentence, TimelineEntry,
};

use crate::StoryInput;

pub mod claims;
pub mod contradict;
pub mod facts;
pub mod polarity;
pub mod text;
pub mod timeline;

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
pub fn analyze(input: StoryInput<'_>, entities: &[Entity], quotes: &[QuoteGroup]) -> WhenReport {
    let independent: Vec<bool> = (0..input.articles.len()).map(|i| input.independent(i)).collect();
    let story = text::prepare(input.articles, input.docs, independent, entities);
    let sims = claims::sims(&story);
    let groups = claims::groups(&story, &sims);
    let events = timeline::events(&story);
    let statements = contradict::statements(&story, entities, quotes);
    WhenReport {
        timeline: timeline::timeline(&story, &events, &statements),
        agreements: claims::agreements(&story, &sims, &groups),
        single_source_details: claims::single_source(&story, &sims, &groups),
        contradictions: contradict::contradictions(&story, &sims, &events, entities, &statements),
        summary: claims::summary(&story, &sims, &groups),
    }
}
