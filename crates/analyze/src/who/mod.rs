//! Who said what: entities with aliases, quotes with speakers, statements across outlets.
//!
//! * [`entities`]: names from capitalised sequences, titles, roles and gazetteers
//!   (`crates/analyze/data`), merged per story (surnames, honorific forms, transliteration
//!   variants, capitals standing for their country).
//! * [`quotes`]: direct, partial, multi-paragraph and indirect quotes with speaker, role, verb,
//!   medium and relay; pieces of one attribution (`"A," she said. "B."`) share a content span.
//! * [`group`]: the same statement across outlets (speaker + stemmed content-word and
//!   synonym overlap; an unattributed fragment joins a named speaker's full sentence). Groups
//!   are ranked by the number of outlets, single-outlet quotes last.

use std::collections::{BTreeMap, BTreeSet};

use parallax_core::report::{Entity, QuoteGroup};

use crate::StoryInput;

pub mod entities;
pub mod gazetteer;
pub mod gender;
pub mod group;
pub mod posts;
pub mod published;
pub mod quotes;
pub mod text;

pub use quotes::{Quote, QuoteKind};

/// Entities and quote groups of one story.
#[derive(Debug, Clone, Default)]
pub struct WhoReport {
    /// Entities merged across the story's reports.
    pub entities: Vec<Entity>,
    /// Quotes grouped by statement.
    pub quote_groups: Vec<QuoteGroup>,
}

/// Entities and quotes of a set of texts analysed together (one story).
#[derive(Debug, Clone, Default)]
pub struct Analysis {
    /// Mentions per text.
    pub mentions: Vec<Vec<entities::Mention>>,
    /// Entity resolution across the texts.
    pub resolution: entities::Resolution,
    /// Quotes per text (byte ranges into that text).
    pub quotes: Vec<Vec<Quote>>,
    /// Gender of each resolved entity, when the pronouns agree (see [`gender::genders`]).
    pub genders: Vec<Option<char>>,
}

/// Loads the gazetteers and synonym classes (see [`crate::warm_up`]).
pub fn warm_up() {
    gazetteer::Gazetteer::get();
    group::warm_up();
}

/// Analyses texts that report one story (each annotated here, without dates).
pub fn analyze_texts(texts: &[&str]) -> Analysis {
    let docs: Vec<parallax_annotate::Doc> =
        texts.iter().map(|t| parallax_annotate::Doc::undated(t.to_string(), t.len())).collect();
    analyze_docs(&docs.iter().collect::<Vec<_>>())
}

/// Entities and quotes of annotated texts that report one story.
pub fn analyze_docs(docs: &[&parallax_annotate::Doc]) -> Analysis {
    let mentions: Vec<Vec<entities::Mention>> = docs.iter().map(|d| entities::mentions_doc(d)).collect();
    let texts: Vec<&str> = docs.iter().map(|d| d.text.as_str()).collect();
    let resolution = entities::resolve(&texts, &mentions);
    let named: Vec<gender::TextNames<'_>> = docs
        .iter()
        .zip(&mentions)
        .map(|(d, m)| gender::TextNames {
            text: &d.text,
            mentions: m,
            quotes: &d.quotes,
            sentences: &d.sentences,
            tokens: &d.tokens,
        })
        .collect();
    let genders = gender::genders(&named, &resolution);
    let mut quotes: Vec<Vec<Quote>> = docs
        .iter()
        .enumerate()
        .map(|(a, d)| {
            let names = quotes::Names {
                mentions: &mentions[a],
                entity_of: &resolution.of[a],
                entities: &resolution.entities,
                genders: &genders,
            };
            quotes::find_doc(d, &names)
        })
        .collect();
    published::add(docs, &mut quotes);
    Analysis { mentions, resolution, quotes, genders }
}

/// Quotes of one text on its own (used by `parallax quotes`).
pub fn quotes_in_text(text: &str) -> Vec<Quote> {
    analyze_texts(&[text]).quotes.pop().unwrap_or_default()
}

/// Finds entities and quotes across a story's reports.
pub fn analyze(input: StoryInput<'_>) -> WhoReport {
    // Each report's annotated text: its body, then its off-story posts.
    let bodies: Vec<&str> = input.docs.iter().map(|d| d.text.as_str()).collect();
    let an = analyze_docs(&input.docs.iter().collect::<Vec<_>>());
    let sources: Vec<&str> = input.articles.iter().map(|a| a.source.as_str()).collect();
    WhoReport { entities: report_entities(&an, &sources), quote_groups: report_groups(&an, &bodies, &sources) }
}

fn report_entities(an: &Analysis, sources: &[&str]) -> Vec<Entity> {
    let mut out: Vec<(usize, Entity)> = Vec::new();
    for (ei, e) in an.resolution.entities.iter().enumerate() {
        if e.kind == entities::Kind::Unknown || e.mentions.is_empty() {
            continue;
        }
        let mut aliases: BTreeSet<String> = e.forms.keys().filter(|f| **f != e.name).cloned().collect();
        if e.kind == entities::Kind::Person
            && let Some(last) = entities::surname(&e.name)
            && last != e.name
        {
            aliases.insert(last.to_string());
        }
        let role = e
            .roles
            .iter()
            .filter(|(r, _)| !r.is_empty())
            .max_by(|a, b| a.1.cmp(b.1).then(a.0.len().cmp(&b.0.len())).then(b.0.cmp(a.0)))
            .map(|(r, _)| r.clone());
        let mentions: BTreeMap<String, usize> = e.mentions.iter().map(|(&a, &n)| (sources[a].to_string(), n)).collect();
        let total = mentions.values().sum();
        out.push((
            total,
            Entity {
                name: e.name.clone(),
                kind: e.kind.as_str().to_string(),
                aliases: aliases.into_iter().collect(),
                role,
                mentions,
                gender: an.genders.get(ei).copied().flatten(),
            },
        ));
    }
    let rank = |k: &str| match k {
        "person" => 0,
        "organisation" => 1,
        _ => 2,
    };
    out.sort_by(|a, b| rank(&a.1.kind).cmp(&rank(&b.1.kind)).then(b.0.cmp(&a.0)).then(a.1.name.cmp(&b.1.name)));
    out.into_iter().map(|(_, e)| e).collect()
}

fn majority(vals: impl Iterator<Item = Option<String>>) -> Option<String> {
    let mut c: BTreeMap<String, usize> = BTreeMap::new();
    for v in vals.flatten() {
        *c.entry(v).or_default() += 1;
    }
    c.into_iter().max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0))).map(|(v, _)| v)
}

fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

fn report_groups(an: &Analysis, bodies: &[&str], sources: &[&str]) -> Vec<QuoteGroup> {
    let groups = group::group(bodies, &an.quotes);
    let mut used: BTreeSet<String> = BTreeSet::new();
    let mut out = Vec::new();
    for g in groups {
        let insts: Vec<(usize, &std::ops::Range<usize>, &Quote)> =
            g.instances.iter().map(|(&a, (r, qi))| (a, r, &an.quotes[a][*qi])).collect();
        let Some(&(a0, r0, q0)) = insts.first() else { continue };
        let surname = g.speaker.rsplit(' ').next().unwrap_or("");
        let words: Vec<String> = {
            let t = &bodies[a0][r0.clone()];
            let t2 = t.replace('’', "'");
            text::words(&t2, 0..t2.len())
                .into_iter()
                .map(|r| t2[r].to_lowercase())
                .filter(|w| {
                    w.len() > 3
                        && ![
                            "that", "this", "with", "have", "will", "what", "been", "were", "they", "there", "their",
                            "about", "always", "would", "which",
                        ]
                        .contains(&w.as_str())
                })
                .take(2)
                .collect()
        };
        let base = slug(&format!("{} {}", surname, words.join(" ")));
        let mut id = base.clone();
        let mut n = 2;
        while !used.insert(id.clone()) {
            id = format!("{base}-{n}");
            n += 1;
        }
        out.push(QuoteGroup {
            id,
            speaker: Some(g.speaker.clone()),
            via: majority(insts.iter().map(|i| i.2.via.clone())),
            medium: majority(insts.iter().map(|i| i.2.medium.clone())),
            kind: Some(q0.kind.as_str().to_string()),
            same_statement_in: insts
                .iter()
                .map(|&(a, r, _)| (sources[a].to_string(), bodies[a][r.clone()].to_string()))
                .collect(),
        });
    }
    // Statements carried by more outlets first; single-outlet quotes after every shared one.
    // (`same_statement_in` is keyed by source, so its length counts outlets.)
    out.sort_by_key(|g| std::cmp::Reverse(g.same_statement_in.len()));
    out
}
