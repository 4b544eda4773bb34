//! Keeping the store's stories up to date as articles arrive.
//!
//! [`add_articles`] inserts articles (keyed by content hash, in committed chunks), then
//! [`restory`] re-clusters **all stored articles** with `parallax_cluster::cluster` (in
//! insertion order, so the result is deterministic) and compares the clusters with the
//! stored stories:
//!
//! * a cluster whose members are exactly a stored story's members is left alone (its
//!   analysis is not recomputed);
//! * a changed cluster is analysed again (`parallax_pipeline::analyze_groups`) and keeps the
//!   id of the stored story most of its members belonged to (ties: the smaller id), so story
//!   ids stay stable as reports join; a brand-new cluster takes the id the analysis gives it;
//! * stored stories no cluster claims any more are deleted.
//!
//! The whole story update is one transaction, and `restory` runs on every ingest, so an
//! ingest killed at any point is completed by the next run (articles left without a story are
//! picked up; the search index notices its generation is stale and rebuilds). Re-clustering
//! costs one pass over the stored articles per ingest; analysis cost is proportional to the
//! stories that changed.

use std::collections::{BTreeMap, BTreeSet};

use parallax_core::Article;
use parallax_pipeline::Progress;
use parallax_search::{SearchIndex, SyncOutcome};
use parallax_store::{Inserted, Store, StoreError, StoryUpdate, StoryWrite};
use serde::Serialize;

/// Articles inserted per transaction during an ingest.
pub const CHUNK: usize = 32;

/// What [`restory`] did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct RestoryReport {
    /// Stories analysed (new or changed).
    pub analysed: usize,
    /// Of those, stories that are new (no stored story lent its id).
    #[serde(default)]
    pub created: usize,
    /// Stories left as they were.
    pub unchanged: usize,
    /// Stories removed (their articles joined other stories).
    pub deleted: usize,
    /// Ids of articles whose story assignment was (re)written.
    #[serde(skip)]
    pub changed_articles: Vec<String>,
}

/// What [`add_articles`] did.
#[derive(Debug, Clone, Default, Serialize)]
pub struct AddReport {
    /// One outcome per input article, in order.
    pub inserted: Vec<Inserted>,
    /// Story changes.
    pub stories: RestoryReport,
    /// Whether the search index was updated (`None`: no index given, or it failed and the
    /// reason is in `index_error`).
    #[serde(skip)]
    pub index: Option<SyncOutcome>,
    /// Why the index could not be updated (the store is still complete; `reindex` fixes it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub index_error: Option<String>,
}

impl AddReport {
    /// Number of new articles.
    pub fn added(&self) -> usize {
        self.inserted.iter().filter(|i| i.is_added()).count()
    }
    /// Number of duplicates.
    pub fn duplicates(&self) -> usize {
        self.inserted.len() - self.added()
    }
}

/// Inserts articles, updates the stories they affect and the search index.
pub fn add_articles(
    store: &dyn Store,
    index: Option<&SearchIndex>,
    articles: &[Article],
    progress: Progress<'_>,
) -> Result<AddReport, StoreError> {
    let base_generation = store.generation()?;
    let mut inserted = Vec::with_capacity(articles.len());
    for chunk in articles.chunks(CHUNK) {
        inserted.extend(store.insert_articles(chunk)?);
        progress("store", inserted.len(), articles.len());
    }
    let stories = {
        // Other processes sharing the store (PostgreSQL workers, servers) wait here.
        let _lock = store.lock_stories()?;
        restory(store, progress)?
    };
    let mut report = AddReport { inserted, stories, index: None, index_error: None };
    if let Some(ix) = index {
        let mut changed: BTreeSet<String> = report.stories.changed_articles.iter().cloned().collect();
        changed.extend(report.inserted.iter().filter(|i| i.is_added()).map(|i| i.id().to_string()));
        let changed: Vec<String> = changed.into_iter().collect();
        match ix.sync(store, base_generation, &changed) {
            Ok(o) => report.index = Some(o),
            Err(e) => report.index_error = Some(e.to_string()),
        }
    }
    Ok(report)
}

/// Brings stored stories in line with the stored articles (see the module documentation).
pub fn restory(store: &dyn Store, progress: Progress<'_>) -> Result<RestoryReport, StoreError> {
    let stored = store.articles()?;
    let articles: Vec<Article> = stored.iter().map(|s| s.article.clone()).collect();
    // Each article is annotated once here; clustering and the analysis both read it (dates
    // are found only for the stories analysed again).
    let docs = parallax_pipeline::annotate_all_undated(&articles);
    let clusters = parallax_cluster::cluster_docs(&articles, &docs);

    // Stored membership: story id -> set of article positions.
    let mut existing: BTreeMap<String, BTreeSet<usize>> = BTreeMap::new();
    for (i, s) in stored.iter().enumerate() {
        if let Some(sid) = &s.story_id {
            existing.entry(sid.clone()).or_default().insert(i);
        }
    }
    for summary in store.stories()? {
        // A story with no members left is deleted below.
        existing.entry(summary.id).or_default();
    }

    let mut used: BTreeSet<String> = BTreeSet::new();
    let mut changed_groups: Vec<Vec<usize>> = Vec::new();
    let mut report = RestoryReport::default();
    for members in &clusters {
        let set: BTreeSet<usize> = members.iter().copied().collect();
        let sid = stored[members[0]].story_id.as_deref();
        match sid {
            Some(sid) if existing.get(sid) == Some(&set) => {
                used.insert(sid.to_string());
                report.unchanged += 1;
            }
            _ => changed_groups.push(members.clone()),
        }
    }

    let reports = parallax_pipeline::analyze_groups(&articles, &docs, &changed_groups, progress);
    let mut upserts = Vec::with_capacity(reports.len());
    for (members, mut rep) in changed_groups.iter().zip(reports) {
        // The stored story most members came from keeps its id.
        let mut votes: BTreeMap<&str, usize> = BTreeMap::new();
        for &i in members {
            if let Some(s) = &stored[i].story_id {
                *votes.entry(s.as_str()).or_default() += 1;
            }
        }
        let mut ranked: Vec<(&str, usize)> = votes.into_iter().collect();
        ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        let id = match ranked.iter().find(|(s, _)| !used.contains(*s)) {
            Some((s, _)) => s.to_string(),
            None => {
                report.created += 1;
                let base = if rep.story.id.is_empty() {
                    format!("s-{}", &stored[members[0]].id)
                } else {
                    rep.story.id.clone()
                };
                let mut id = base.clone();
                let mut n = 2;
                while used.contains(&id) {
                    id = format!("{base}-{n}");
                    n += 1;
                }
                id
            }
        };
        used.insert(id.clone());
        rep.story.id = id.clone();
        let ids: Vec<String> = members.iter().map(|&i| stored[i].id.clone()).collect();
        report.changed_articles.extend(ids.iter().cloned());
        upserts.push(StoryWrite { id, members: ids, report: rep });
    }
    let deletes: Vec<String> = existing.keys().filter(|k| !used.contains(*k)).map(|k| k.to_string()).collect();
    report.analysed = upserts.len();
    report.deleted = deletes.len();
    report.changed_articles.sort();
    let update = StoryUpdate { upserts, deletes };
    if !update.is_empty() {
        store.apply_stories(&update)?;
    }
    Ok(report)
}
