//! One poll of one feed, and the documents behind one URL.
//!
//! A poll sends the feed's validators; on 304 nothing else happens. Otherwise the feed is
//! parsed, the hosts its items link to join the allow-list, and each item not seen before
//! has its page fetched (robots.txt permitting). The page becomes a [`Document`] like an
//! HTML file would; when it cannot be had (404, refused, robots...) the item's own content
//! is the fallback.

use std::collections::BTreeSet;
use std::time::Duration;

use parallax_core::{Document, Skipped};
use parallax_ingest::feed::{FeedItem, ParsedFeed, looks_like_feed, parse_feed};
use url::Url;

use crate::{FetchError, Fetched, Fetcher, Outcome, Validators, parse_http_url};

/// A feed to poll.
#[derive(Debug, Clone, Default)]
pub struct FeedRequest {
    /// The feed URL.
    pub url: String,
    /// Validators of the last successful poll.
    pub validators: Validators,
    /// Keys ([`item_key`]) of the items already handled.
    pub seen: BTreeSet<String>,
}

/// Why a poll failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PollError {
    /// The request failed.
    #[error("{0}")]
    Fetch(#[from] FetchError),
    /// The body is not a usable feed.
    #[error("{0}")]
    Feed(String),
}

/// What became of one new item's page.
#[derive(Debug, Clone)]
pub enum ItemDoc {
    /// The linked page.
    Page(Document),
    /// The item's own content, because the page could not be had (the reason).
    Fallback(Document, String),
    /// Neither: the page failed and the item has no content.
    Failed {
        /// Why.
        reason: String,
        /// Whether a later try may succeed (then the item should not be marked as handled).
        transient: bool,
    },
}

/// One item not seen before.
#[derive(Debug, Clone)]
pub struct NewItem {
    /// The item's key ([`item_key`]).
    pub key: String,
    /// The item's link (absolute), when it has one.
    pub url: Option<String>,
    /// When its page was fetched (RFC 3339, UTC).
    pub fetched_at: String,
    /// The document to extract (page or fallback), or why there is none.
    pub doc: ItemDoc,
    /// The item's own content, for when the page yields no article.
    pub fallback: Option<Document>,
}

/// A successful poll.
#[derive(Debug, Clone)]
pub enum FeedContent {
    /// 304.
    NotModified {
        /// `Cache-Control: max-age`.
        max_age: Option<Duration>,
    },
    /// A new version of the feed.
    Fetched {
        /// Feed title.
        title: Option<String>,
        /// Validators to send next time.
        validators: Validators,
        /// `Cache-Control: max-age`.
        max_age: Option<Duration>,
        /// Number of items in the feed.
        items_total: usize,
        /// Items not seen before, in feed order.
        new_items: Vec<NewItem>,
    },
}

/// The key that identifies an item across polls: its id, else its link, else its position.
pub fn item_key(item: &FeedItem) -> String {
    [Some(item.id.as_str()), item.url.as_deref()]
        .into_iter()
        .flatten()
        .map(str::trim)
        .find(|s| !s.is_empty())
        .map(str::to_string)
        .unwrap_or_else(|| format!("#{}", item.n))
}

fn now_rfc3339() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// Polls one feed (see the module documentation). The feed's host must be on the allow-list.
pub async fn poll_feed(fetcher: &Fetcher, req: &FeedRequest) -> Result<FeedContent, PollError> {
    let fetched = match fetcher.get(&req.url, &req.validators).await? {
        Outcome::NotModified { max_age } => return Ok(FeedContent::NotModified { max_age }),
        Outcome::Fetched(f) => f,
    };
    feed_content(fetcher, &fetched, &req.seen).await
}

/// The items of a fetched feed not in `seen`, with their pages.
async fn feed_content(fetcher: &Fetcher, fetched: &Fetched, seen: &BTreeSet<String>) -> Result<FeedContent, PollError> {
    let feed = parse_fetched_feed(fetched)?;
    let base = parse_http_url(&fetched.url)?;
    let mut new_items = Vec::new();
    for item in &feed.items {
        let key = item_key(item);
        if !seen.contains(&key) && !new_items.iter().any(|n: &NewItem| n.key == key) {
            new_items.push(fetch_item(fetcher, &base, &feed, item, key).await);
        }
    }
    Ok(FeedContent::Fetched {
        title: feed.title.clone(),
        validators: fetched.validators.clone(),
        max_age: fetched.max_age,
        items_total: feed.items.len(),
        new_items,
    })
}

fn parse_fetched_feed(f: &Fetched) -> Result<ParsedFeed, PollError> {
    let text = f.text().map_err(|e| PollError::Feed(format!("unreadable feed: {e}")))?;
    if !looks_like_feed(&text) {
        return Err(PollError::Feed("not a feed (RSS, Atom or JSON Feed)".into()));
    }
    parse_feed(&text).map_err(|e| PollError::Feed(e.to_string()))
}

/// Fetches one item's page, with the item's own content as fallback. Its link is resolved
/// against the feed's URL and its host joins the allow-list (the feed linked it).
async fn fetch_item(fetcher: &Fetcher, base: &Url, feed: &ParsedFeed, item: &FeedItem, key: String) -> NewItem {
    let link = item.url.as_deref().and_then(|l| base.join(l.trim()).ok()).map(|u| u.to_string());
    let outlet = feed.title.as_deref();
    let fallback_source = link.clone().unwrap_or_else(|| format!("{base}#{}", item.n));
    let fallback = item.document(&fallback_source, base.as_str(), outlet);
    let doc = match &link {
        None => fallback_or_fail(&fallback, "the item has no link".into(), false),
        Some(l) => match fetcher.allow_url(l) {
            Err(e) => fallback_or_fail(&fallback, format!("link: {e}"), false),
            Ok(()) => match fetcher.get_page(l).await {
                Ok(f) => match page_document(&f, item, outlet) {
                    Ok(doc) => ItemDoc::Page(doc),
                    Err(reason) => fallback_or_fail(&fallback, reason, false),
                },
                Err(e) => fallback_or_fail(&fallback, format!("page: {e}"), e.is_transient()),
            },
        },
    };
    NewItem { key, url: link, fetched_at: now_rfc3339(), doc, fallback }
}

fn fallback_or_fail(fallback: &Option<Document>, reason: String, transient: bool) -> ItemDoc {
    match fallback {
        Some(doc) => ItemDoc::Fallback(doc.clone(), reason),
        None => ItemDoc::Failed { reason, transient },
    }
}

/// A fetched page as a document (source and path: the URL it was finally served from).
fn page_document(f: &Fetched, item: &FeedItem, outlet: Option<&str>) -> Result<Document, String> {
    let text = f.text().map_err(|e| format!("page: {e}"))?;
    Ok(Document {
        source: f.url.clone(),
        path: f.url.clone(),
        url: Some(f.url.clone()),
        kind: parallax_ingest::detect_kind(&text),
        text,
        hints: item.hints(outlet),
    })
}

/// The documents behind one URL given to `ingest`: a page, or a feed's items (each item's
/// page, else its own content). The URL's host joins the allow-list.
pub async fn fetch_url_documents(fetcher: &Fetcher, url: &str) -> (Vec<Document>, Vec<Skipped>) {
    let fail = |reason: String| (Vec::new(), vec![Skipped::new(url.to_string(), reason)]);
    if let Err(e) = fetcher.allow_url(url) {
        return fail(e.to_string());
    }
    let fetched = match fetcher.get_page(url).await {
        Ok(f) => f,
        Err(e) => return fail(e.to_string()),
    };
    let text = match fetched.text() {
        Ok(t) => t,
        Err(e) => return fail(e.to_string()),
    };
    if !looks_like_feed(&text) {
        let doc = Document {
            source: fetched.url.clone(),
            path: fetched.url.clone(),
            url: Some(fetched.url.clone()),
            kind: parallax_ingest::detect_kind(&text),
            text,
            hints: Default::default(),
        };
        return (vec![doc], Vec::new());
    }
    match feed_content(fetcher, &fetched, &BTreeSet::new()).await {
        Ok(FeedContent::Fetched { new_items, .. }) => items_to_documents(new_items),
        Ok(FeedContent::NotModified { .. }) => (Vec::new(), Vec::new()),
        Err(e) => fail(e.to_string()),
    }
}

/// The documents of polled items (fallbacks noted as skipped pages, failures as skipped).
pub fn items_to_documents(items: Vec<NewItem>) -> (Vec<Document>, Vec<Skipped>) {
    let mut docs = Vec::new();
    let mut skipped = Vec::new();
    for it in items {
        let path = it.url.clone().unwrap_or_else(|| it.key.clone());
        match it.doc {
            ItemDoc::Page(d) => docs.push(d),
            ItemDoc::Fallback(d, reason) => {
                skipped.push(Skipped::new(path, format!("{reason}; used the feed's own content")));
                docs.push(d);
            }
            ItemDoc::Failed { reason, .. } => skipped.push(Skipped::new(path, reason)),
        }
    }
    (docs, skipped)
}
