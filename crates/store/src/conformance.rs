//! The conformance suite every [`Store`] backend must pass (the tantivy `Directory` test
//! pattern): each check takes a fresh, empty store as `&dyn Store` and panics on failure.
//!
//! A backend's tests call [`run_all`] with a factory of fresh stores:
//!
//! ```
//! use parallax_store::{SqliteStore, Store, conformance};
//! conformance::run_all(&mut || Box::new(SqliteStore::open_in_memory().unwrap()) as Box<dyn Store>);
//! ```

use parallax_core::Article;
use parallax_core::report::{Contradiction, StoryHeader, StoryReport};

use std::collections::BTreeSet;

use crate::{FeedState, FeedStore, Fetch, Inserted, Store, StoryUpdate, StoryWrite, Stub, outlet_count};

/// One conformance check: it gets a fresh, empty store.
pub type Check = fn(&dyn Store);

/// Every check, by name.
pub const CHECKS: &[(&str, Check)] = &[
    ("empty_store", empty_store),
    ("insert_is_idempotent", insert_is_idempotent),
    ("duplicates_within_a_batch", duplicates_within_a_batch),
    ("article_roundtrip", article_roundtrip),
    ("articles_in_insertion_order", articles_in_insertion_order),
    ("stories_roundtrip_and_membership", stories_roundtrip_and_membership),
    ("story_update_moves_articles", story_update_moves_articles),
    ("delete_story_unassigns", delete_story_unassigns),
    ("unknown_member_is_rejected_atomically", unknown_member_is_rejected_atomically),
    ("story_list_order", story_list_order),
    ("generation_bumps_on_change_only", generation_bumps_on_change_only),
    ("hostile_text_roundtrips", hostile_text_roundtrips),
];

/// One feed-state conformance check: it gets a fresh, empty store.
pub type FeedCheck = fn(&dyn FeedStore);

/// Every feed-state check, by name.
pub const FEED_CHECKS: &[(&str, FeedCheck)] = &[
    ("feeds_keep_state_when_listed_again", feeds_keep_state_when_listed_again),
    ("feed_state_roundtrips", feed_state_roundtrips),
    ("fetches_are_recorded_once_per_item", fetches_are_recorded_once_per_item),
    ("url_fetches_without_feed", url_fetches_without_feed),
];

/// One stub check: it gets a fresh, empty store as both its faces (articles and feeds).
pub type StubCheck = fn(&dyn Store, &dyn FeedStore);

/// Every stub check, by name.
pub const STUB_CHECKS: &[(&str, StubCheck)] = &[
    ("stubs_are_recorded_once_per_url", stubs_are_recorded_once_per_url),
    ("an_article_at_a_stub_url_replaces_it", an_article_at_a_stub_url_replaces_it),
];

/// Runs every check, each on a fresh store from `new_store`.
pub fn run_all(new_store: &mut dyn FnMut() -> Box<dyn Store>) {
    for (name, check) in CHECKS {
        let store = new_store();
        run_one(name, || check(store.as_ref()));
    }
}

/// Runs every feed-state check, each on a fresh store from `new_store`.
pub fn run_feed_checks(new_store: &mut dyn FnMut() -> Box<dyn FeedStore>) {
    for (name, check) in FEED_CHECKS {
        let store = new_store();
        run_one(name, || check(store.as_ref()));
    }
}

/// Runs every stub check, each on a fresh store from `new_store`.
pub fn run_stub_checks<S: Store + FeedStore>(new_store: &mut dyn FnMut() -> S) {
    for (name, check) in STUB_CHECKS {
        let store = new_store();
        run_one(name, || check(&store, &store));
    }
}

fn run_one(name: &str, check: impl FnOnce()) {
    let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(check));
    if let Err(e) = r {
        let msg = e
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()))
            .unwrap_or_default();
        panic!("store conformance check `{name}` failed: {msg}");
    }
}

/// A test article with a distinct body.
pub fn article(source: &str, body: &str, outlet: Option<&str>, published: Option<&str>) -> Article {
    Article {
        source: source.to_string(),
        title: Some(format!("Title of {source}")),
        outlet: outlet.map(str::to_string),
        published: published.map(str::to_string),
        body: body.to_string(),
        ..Default::default()
    }
}

/// A report for the given member articles.
pub fn report(id: &str, headline: &str, date: Option<&str>, members: &[&Article]) -> StoryReport {
    StoryReport {
        story: StoryHeader {
            id: id.to_string(),
            headline: headline.to_string(),
            date: date.map(str::to_string),
            article_count: members.len(),
        },
        articles: members
            .iter()
            .map(|a| (a.source.clone(), parallax_core::report::ArticleReport::from_article(a)))
            .collect(),
        ..Default::default()
    }
}

fn write(id: &str, members: &[&Article], date: Option<&str>) -> StoryWrite {
    StoryWrite {
        id: id.to_string(),
        members: members.iter().map(|a| a.content_hash()).collect(),
        report: report(id, &format!("Headline {id}"), date, members),
    }
}

fn ids(v: &[Inserted]) -> Vec<(bool, String)> {
    v.iter().map(|i| (i.is_added(), i.id().to_string())).collect()
}

/// A new store is empty.
pub fn empty_store(s: &dyn Store) {
    assert!(s.articles().unwrap().is_empty());
    assert!(s.stories().unwrap().is_empty());
    assert_eq!(s.stats().unwrap().articles, 0);
    assert!(s.article("0000").unwrap().is_none());
    assert!(s.story("s-none").unwrap().is_none());
    assert_eq!(s.check_integrity().unwrap(), Ok(()));
}

/// Inserting the same articles twice adds nothing the second time.
pub fn insert_is_idempotent(s: &dyn Store) {
    let a = article("a.txt", "Alpha body one.", Some("Outlet A"), Some("2024-01-02"));
    let b = article("b.txt", "Beta body two.", None, None);
    let first = s.insert_articles(&[a.clone(), b.clone()]).unwrap();
    assert!(first.iter().all(Inserted::is_added), "{first:?}");
    let second = s.insert_articles(&[a.clone(), b.clone()]).unwrap();
    assert!(second.iter().all(|i| !i.is_added()), "{second:?}");
    assert_eq!(ids(&first).into_iter().map(|x| x.1).collect::<Vec<_>>(), vec![a.content_hash(), b.content_hash()]);
    match &second[0] {
        Inserted::Duplicate { first_source, .. } => assert_eq!(first_source, "a.txt"),
        other => panic!("expected duplicate, got {other:?}"),
    }
    assert_eq!(s.stats().unwrap().articles, 2);
}

/// The same content under another source name, or twice in one batch, is a duplicate.
pub fn duplicates_within_a_batch(s: &dyn Store) {
    let a = article("a.txt", "Same body.", None, None);
    let mut a2 = a.clone();
    a2.source = "copy.txt".into();
    a2.body = "  Same   body. ".into(); // same normalised text
    let r = s.insert_articles(&[a, a2]).unwrap();
    assert!(r[0].is_added());
    assert!(!r[1].is_added(), "{r:?}");
    assert_eq!(s.stats().unwrap().articles, 1);
}

/// An article reads back exactly as written.
pub fn article_roundtrip(s: &dyn Store) {
    let mut a = article("x.html", "Para one.\n\nPara two.", Some("Outlet"), Some("2024-03-04"));
    a.byline = Some("Jane Doe".into());
    a.off_story_posts = vec![parallax_core::OffStoryPost { text: "Other news.".into() }];
    s.insert_articles(std::slice::from_ref(&a)).unwrap();
    let got = s.article(&a.content_hash()).unwrap().expect("stored");
    assert_eq!(got.article, a);
    assert_eq!(got.id, a.content_hash());
    assert_eq!(got.story_id, None);
    assert!(!got.added_at.is_empty());
}

/// `articles()` returns insertion order across batches.
pub fn articles_in_insertion_order(s: &dyn Store) {
    let names = ["z", "a", "m", "b"];
    for (i, n) in names.iter().enumerate() {
        s.insert_articles(&[article(n, &format!("Body number {i}."), None, None)]).unwrap();
    }
    let got: Vec<String> = s.articles().unwrap().into_iter().map(|a| a.article.source).collect();
    assert_eq!(got, names);
}

/// Stories read back with their report and sorted members; articles know their story.
pub fn stories_roundtrip_and_membership(s: &dyn Store) {
    let a = article("a", "One.", Some("X"), Some("2024-01-01"));
    let b = article("b", "Two.", Some("x"), Some("2024-01-02"));
    let c = article("c", "Three.", None, None);
    s.insert_articles(&[a.clone(), b.clone(), c.clone()]).unwrap();
    let mut w = write("s-1", &[&a, &b, &c], Some("2024-01-01"));
    w.report.contradictions =
        vec![Contradiction { id: "c1".into(), kind: "date".into(), about: "when".into(), claims: vec![] }];
    s.apply_stories(&StoryUpdate { upserts: vec![w.clone()], deletes: vec![] }).unwrap();
    let st = s.story("s-1").unwrap().expect("story");
    assert_eq!(st.report, w.report);
    let mut members = w.members.clone();
    members.sort();
    assert_eq!(st.members, members);
    assert_eq!(st.summary.article_count, 3);
    assert_eq!(st.summary.contradiction_count, 1);
    assert_eq!(st.summary.outlet_count, outlet_count(&w.report));
    assert_eq!(st.summary.outlet_count, 2, "X and x are one outlet, the unknown one counts once");
    assert_eq!(s.article(&a.content_hash()).unwrap().unwrap().story_id.as_deref(), Some("s-1"));
    assert_eq!(s.stats().unwrap().unassigned, 0);
    assert_eq!(s.check_integrity().unwrap(), Ok(()));
    let json = s.story_json("s-1").unwrap().expect("story json");
    let parsed: crate::StoredStory = serde_json::from_str(&json).unwrap();
    assert_eq!(parsed, st);
    assert!(s.story_json("s-none").unwrap().is_none());
}

/// Replacing a story's membership moves articles; upserting an existing id replaces it.
pub fn story_update_moves_articles(s: &dyn Store) {
    let a = article("a", "One.", None, None);
    let b = article("b", "Two.", None, None);
    let c = article("c", "Three.", None, None);
    s.insert_articles(&[a.clone(), b.clone(), c.clone()]).unwrap();
    s.apply_stories(&StoryUpdate { upserts: vec![write("s-1", &[&a, &b, &c], None)], deletes: vec![] }).unwrap();
    // Split: s-1 keeps a, b; c goes to the new s-2.
    s.apply_stories(&StoryUpdate {
        upserts: vec![write("s-1", &[&a, &b], None), write("s-2", &[&c], None)],
        deletes: vec![],
    })
    .unwrap();
    assert_eq!(s.story("s-1").unwrap().unwrap().members.len(), 2);
    assert_eq!(s.story("s-1").unwrap().unwrap().summary.article_count, 2);
    assert_eq!(s.article(&c.content_hash()).unwrap().unwrap().story_id.as_deref(), Some("s-2"));
    assert_eq!(s.stories().unwrap().len(), 2);
}

/// Deleting a story leaves its articles unassigned but stored.
pub fn delete_story_unassigns(s: &dyn Store) {
    let a = article("a", "One.", None, None);
    s.insert_articles(std::slice::from_ref(&a)).unwrap();
    s.apply_stories(&StoryUpdate { upserts: vec![write("s-1", &[&a], None)], deletes: vec![] }).unwrap();
    s.apply_stories(&StoryUpdate { upserts: vec![], deletes: vec!["s-1".into()] }).unwrap();
    assert!(s.story("s-1").unwrap().is_none());
    let got = s.article(&a.content_hash()).unwrap().unwrap();
    assert_eq!(got.story_id, None);
    assert_eq!(s.stats().unwrap(), crate::StoreStats { articles: 1, stories: 0, unassigned: 1 });
}

/// An update naming an unknown article fails and changes nothing.
pub fn unknown_member_is_rejected_atomically(s: &dyn Store) {
    let a = article("a", "One.", None, None);
    s.insert_articles(std::slice::from_ref(&a)).unwrap();
    let g = s.generation().unwrap();
    let mut bad = write("s-1", &[&a], None);
    bad.members.push("ffffffffffffffff".into());
    assert!(s.apply_stories(&StoryUpdate { upserts: vec![write("s-0", &[&a], None), bad], deletes: vec![] }).is_err());
    assert!(s.stories().unwrap().is_empty(), "failed update must roll back");
    assert_eq!(s.article(&a.content_hash()).unwrap().unwrap().story_id, None);
    assert_eq!(s.generation().unwrap(), g);
}

/// The story list is newest first, undated last.
pub fn story_list_order(s: &dyn Store) {
    let a = article("a", "One.", None, None);
    let b = article("b", "Two.", None, None);
    let c = article("c", "Three.", None, None);
    s.insert_articles(&[a.clone(), b.clone(), c.clone()]).unwrap();
    s.apply_stories(&StoryUpdate {
        upserts: vec![
            write("s-old", &[&a], Some("2023-05-01")),
            write("s-undated", &[&b], None),
            write("s-new", &[&c], Some("2024-05-01")),
        ],
        deletes: vec![],
    })
    .unwrap();
    let order: Vec<String> = s.stories().unwrap().into_iter().map(|x| x.id).collect();
    assert_eq!(order, ["s-new", "s-old", "s-undated"]);
}

/// The generation changes with every change and only then.
pub fn generation_bumps_on_change_only(s: &dyn Store) {
    let g0 = s.generation().unwrap();
    let a = article("a", "One.", None, None);
    s.insert_articles(std::slice::from_ref(&a)).unwrap();
    let g1 = s.generation().unwrap();
    assert!(g1 > g0);
    s.insert_articles(std::slice::from_ref(&a)).unwrap();
    assert_eq!(s.generation().unwrap(), g1, "a duplicate changes nothing");
    s.apply_stories(&StoryUpdate::default()).unwrap();
    assert_eq!(s.generation().unwrap(), g1, "an empty update changes nothing");
    s.apply_stories(&StoryUpdate { upserts: vec![write("s-1", &[&a], None)], deletes: vec![] }).unwrap();
    assert!(s.generation().unwrap() > g1);
}

/// Markup, quotes, SQL-looking text and non-ASCII survive unchanged.
pub fn hostile_text_roundtrips(s: &dyn Store) {
    let body =
        "<script>alert(1)</script> \"><img src=x onerror=alert(2)> '; DROP TABLE articles; -- Jürgen Weiß — «ёж» 🙂";
    let a = article("evil'\".txt", body, Some("O'Reilly \"News\""), None);
    s.insert_articles(std::slice::from_ref(&a)).unwrap();
    let got = s.article(&a.content_hash()).unwrap().unwrap();
    assert_eq!(got.article.body, body);
    assert_eq!(got.article.outlet.as_deref(), Some("O'Reilly \"News\""));
    assert_eq!(s.stats().unwrap().articles, 1);
}

fn fetch(feed: Option<&str>, key: Option<&str>, article: Option<&str>) -> Fetch {
    Fetch {
        url: key.map(|k| format!("http://h.test/{k}")),
        fetched_at: "2026-01-01T00:00:00Z".into(),
        feed_url: feed.map(str::to_string),
        item_key: key.map(str::to_string),
        article_id: article.map(str::to_string),
        via: "page".into(),
    }
}

/// Listing feeds again keeps their state; feeds list by URL.
pub fn feeds_keep_state_when_listed_again(s: &dyn FeedStore) {
    assert!(s.feeds().unwrap().is_empty());
    s.add_feeds(&["http://h.test/feed".into(), "http://g.test/rss".into()]).unwrap();
    let mut f = s.feed("http://h.test/feed").unwrap().expect("listed");
    assert_eq!((f.failures, f.etag.as_deref(), f.articles, f.last_poll_at.as_deref()), (0, None, 0, None));
    assert!(!f.added_at.is_empty());
    f.etag = Some("\"v1\"".into());
    f.failures = 2;
    s.save_feed(&f).unwrap();
    s.add_feeds(&["http://h.test/feed".into()]).unwrap();
    let again = s.feed("http://h.test/feed").unwrap().unwrap();
    assert_eq!((again.etag.as_deref(), again.failures), (Some("\"v1\""), 2), "listing again keeps the state");
    assert_eq!(again.added_at, f.added_at);
    let urls: Vec<String> = s.feeds().unwrap().into_iter().map(|f| f.url).collect();
    assert_eq!(urls, ["http://g.test/rss", "http://h.test/feed"]);
    assert!(s.feed("http://nope.test/").unwrap().is_none());
}

/// Every column of a feed's state reads back as written (hostile text included).
pub fn feed_state_roundtrips(s: &dyn FeedStore) {
    let st = FeedState {
        url: "https://h.test/feed?a=1&b='2'".into(),
        title: Some("<b>O'Reilly \"News\"</b> — Jürgen".into()),
        etag: Some("W/\"abc\"".into()),
        last_modified: Some("Mon, 16 Nov 2026 08:00:00 GMT".into()),
        added_at: "2026-01-01T00:00:00Z".into(),
        last_poll_at: Some("2026-01-02T00:00:00Z".into()),
        last_ok_at: Some("2026-01-01T12:00:00Z".into()),
        last_status: Some("error".into()),
        last_error: Some("HTTP 500".into()),
        failures: 3,
        next_poll_at: Some("2026-01-02T00:04:00Z".into()),
        articles: 0,
    };
    s.save_feed(&st).unwrap();
    assert_eq!(s.feed(&st.url).unwrap().unwrap(), st);
    let mut ok = st.clone();
    (ok.failures, ok.last_error, ok.last_status) = (0, None, Some("ok".into()));
    s.save_feed(&ok).unwrap();
    assert_eq!(s.feeds().unwrap(), [ok]);
}

/// An item is recorded once (a second record of it changes nothing); a feed counts the
/// distinct articles its items produced.
pub fn fetches_are_recorded_once_per_item(s: &dyn FeedStore) {
    let feed = Some("http://h.test/feed");
    s.add_feeds(&["http://h.test/feed".into()]).unwrap();
    s.record_fetches(&[fetch(feed, Some("a"), Some("h1")), fetch(feed, Some("b"), None)]).unwrap();
    s.record_fetches(&[fetch(feed, Some("a"), Some("other")), fetch(feed, Some("c"), Some("h1"))]).unwrap();
    let seen = s.seen_items("http://h.test/feed").unwrap();
    assert_eq!(seen, BTreeSet::from(["a".to_string(), "b".to_string(), "c".to_string()]));
    assert!(s.seen_items("http://g.test/rss").unwrap().is_empty());
    let got = s.article_fetches("h1").unwrap();
    assert_eq!(got, [fetch(feed, Some("a"), Some("h1")), fetch(feed, Some("c"), Some("h1"))]);
    assert!(s.article_fetches("other").unwrap().is_empty(), "a recorded item is not overwritten");
    assert_eq!(s.feed("http://h.test/feed").unwrap().unwrap().articles, 1, "one distinct article");
}

/// Fetches of URLs given to `ingest` (no feed) are all kept.
pub fn url_fetches_without_feed(s: &dyn FeedStore) {
    let mut f = fetch(None, None, Some("h2"));
    f.url = Some("http://h.test/page".into());
    s.record_fetches(&[f.clone()]).unwrap();
    let mut later = f.clone();
    later.fetched_at = "2026-01-05T00:00:00Z".into();
    s.record_fetches(&[later.clone()]).unwrap();
    assert_eq!(s.article_fetches("h2").unwrap(), [f, later]);
}

/// A test stub at `url`.
pub fn stub(url: &str, title: &str) -> Stub {
    Stub {
        url: url.to_string(),
        source: "feed.xml#1".into(),
        title: Some(title.to_string()),
        byline: Some("Ada Quill".into()),
        outlet: Some("The Daily Test".into()),
        published: Some("2026-01-02T03:04:05+00:00".into()),
        added_at: String::new(),
    }
}

/// Stubs read back as written (hostile text included), oldest first; a URL is recorded once.
pub fn stubs_are_recorded_once_per_url(_: &dyn Store, s: &dyn FeedStore) {
    assert!(s.stubs().unwrap().is_empty());
    let a = stub("https://h.test/a?x=1&y='2'", "O'Reilly \"News\" — Jürgen");
    let mut b = stub("https://h.test/b", "Second");
    (b.byline, b.outlet, b.published) = (None, None, None);
    assert_eq!(s.record_stubs(&[a.clone(), b.clone()]).unwrap(), 2);
    assert_eq!(s.record_stubs(&[stub(&a.url, "Changed title")]).unwrap(), 0, "a URL is recorded once");
    let got = s.stubs().unwrap();
    assert!(got.iter().all(|g| !g.added_at.is_empty()), "{got:?}");
    let without_time: Vec<Stub> = got.into_iter().map(|g| Stub { added_at: String::new(), ..g }).collect();
    assert_eq!(without_time, [a, b]);
}

/// An article stored at a stub's URL replaces the stub (a stub never counts as an article),
/// and no stub is recorded where an article already is; other articles leave stubs alone.
pub fn an_article_at_a_stub_url_replaces_it(st: &dyn Store, s: &dyn FeedStore) {
    s.record_stubs(&[stub("https://h.test/a", "A"), stub("https://h.test/b", "B")]).unwrap();
    assert_eq!(st.stats().unwrap().articles, 0, "stubs are not articles");
    let mut other = article("x.html", "Unrelated text.", None, None);
    other.url = Some("https://h.test/other".into());
    st.insert_articles(&[other, article("y.txt", "No address.", None, None)]).unwrap();
    assert_eq!(s.stubs().unwrap().len(), 2);
    assert_eq!(s.stub_count().unwrap(), 2);
    let mut filled = article("https://h.test/a", "The text of A.", None, None);
    filled.url = Some("https://h.test/a".into());
    assert!(st.insert_articles(std::slice::from_ref(&filled)).unwrap()[0].is_added());
    let left: Vec<String> = s.stubs().unwrap().into_iter().map(|x| x.url).collect();
    assert_eq!(left, ["https://h.test/b"]);
    assert_eq!(s.record_stubs(&[stub("https://h.test/a", "A again")]).unwrap(), 0, "the article is stored");
    assert_eq!(st.stats().unwrap().articles, 3);
}
