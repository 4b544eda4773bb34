//! The store commands end to end through the `parallax` binary: ingest twice, stories, show,
//! search; and an ingest killed with SIGKILL mid-run.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use parallax_store::{SqliteStore, Store};

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_parallax"));
    c.env_remove("PARALLAX_DB");
    c
}

fn seeds() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/seeds")
}

fn run(args: &[&str]) -> Output {
    let out = bin().args(args).output().unwrap();
    eprintln!("$ parallax {}\n{}", args.join(" "), String::from_utf8_lossy(&out.stderr));
    out
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn ingest_twice_then_stories_show_search() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("p.db");
    let db = db.to_str().unwrap();
    let seeds = seeds();
    let seeds = seeds.to_str().unwrap();
    let first = run(&["ingest", seeds, "--db", db]);
    assert!(first.status.success());
    assert!(stdout(&first).starts_with("5 added, 0 duplicates, "), "{}", stdout(&first));
    assert!(stdout(&first).contains("stories: 1 created, 0 updated, "), "a fresh database: {}", stdout(&first));
    assert!(stdout(&first).ends_with("5 articles in 1 story\n"), "{}", stdout(&first));
    assert!(!stdout(&first).contains("(s)") && !stdout(&first).contains("(ies)"), "{}", stdout(&first));
    let second = run(&["ingest", seeds, "--db", db]);
    assert!(second.status.success());
    assert!(stdout(&second).starts_with("0 added, 5 duplicates, "), "{}", stdout(&second));
    assert!(stdout(&second).contains("0 updated"), "nothing re-analysed: {}", stdout(&second));

    let list = run(&["stories", "--db", db, "--format", "json"]);
    assert!(list.status.success());
    let list: serde_json::Value = serde_json::from_slice(&list.stdout).unwrap();
    let ids: Vec<String> = list.as_array().unwrap().iter().map(|s| s["id"].as_str().unwrap().to_string()).collect();
    assert!(!ids.is_empty());
    let table = stdout(&run(&["stories", "--db", db]));
    assert!(table.starts_with("DATE") && table.contains("CONTRADICTIONS") && table.contains(&ids[0]), "{table}");

    for format in ["text", "md", "html", "json"] {
        let o = run(&["show", &ids[0], "--db", db, "--format", format]);
        assert!(o.status.success(), "show --format {format}");
        assert!(!o.stdout.is_empty());
    }
    let json: serde_json::Value =
        serde_json::from_slice(&run(&["show", &ids[0][..6], "--db", db, "--format", "json"]).stdout).unwrap();
    assert_eq!(json["stories"][0]["story"]["id"], ids[0].as_str(), "unique prefix works");
    let html = stdout(&run(&["show", &ids[0], "--db", db, "--format", "html"]));
    assert!(html.starts_with("<!doctype html>") && html.contains("id=\"contradictions-1\""));
    assert_eq!(run(&["show", "s-nope", "--db", db]).status.code(), Some(2));

    let s = run(&["search", "Peskov", "--db", db]);
    assert!(s.status.success());
    let text = stdout(&s);
    assert!(text.contains("**Peskov**"), "{text}");
    let hits: serde_json::Value =
        serde_json::from_slice(&run(&["search", "Peskov", "--db", db, "--format", "json"]).stdout).unwrap();
    let n = hits["hits"].as_array().unwrap().len();
    assert_eq!(n, 5, "{hits}");
    // Reports dated only at story level keep their (inferred) date: a date filter loses none.
    let since: serde_json::Value = serde_json::from_slice(
        &run(&["search", "Peskov", "--since", "2025-04-01", "--db", db, "--format", "json"]).stdout,
    )
    .unwrap();
    assert_eq!(since["hits"].as_array().unwrap().len(), n, "{since}");
    let inferred = since["hits"].as_array().unwrap().iter().filter(|h| h["published_inferred"] == true).count();
    assert!(inferred >= 1, "dates inferred at story level are marked: {since}");
    let bbc: serde_json::Value =
        serde_json::from_slice(&run(&["search", "Peskov", "--outlet", "bbc", "--db", db, "--format", "json"]).stdout)
            .unwrap();
    assert!(bbc["hits"].as_array().unwrap().len() < n);
    let later = run(&["search", "Peskov", "--since", "2031-01-01", "--db", db]);
    assert_eq!(later.status.code(), Some(1), "no hits → exit 1");
    assert_eq!(run(&["search", "Peskov", "--since", "soon", "--db", db]).status.code(), Some(2));

    // The index is derived: delete it, and reindex brings search back.
    std::fs::remove_dir_all(format!("{db}.index")).unwrap();
    let r = run(&["reindex", "--db", db]);
    assert!(stdout(&r).starts_with("indexed 5 articles"), "{}", stdout(&r));
    assert!(run(&["search", "Peskov", "--db", db]).status.success());
    // Missing database: a clear error, no file created.
    let missing = dir.path().join("none.db");
    let o = run(&["stories", "--db", missing.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("no database"));
    assert!(!missing.exists());
    // A file that is not a database: the reason is printed once.
    let junk = dir.path().join("junk.db");
    std::fs::write(&junk, vec![b'x'; 4096]).unwrap();
    let o = run(&["stories", "--db", junk.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(err.matches("not a database").count(), 1, "{err}");
}

/// A corpus of distinct synthetic reports (deterministic).
fn write_corpus(dir: &Path, n: usize) {
    const WORDS: &[&str] = &[
        "council",
        "river",
        "bridge",
        "budget",
        "school",
        "harbour",
        "festival",
        "railway",
        "hospital",
        "museum",
        "farmers",
        "storm",
        "election",
        "library",
        "market",
        "stadium",
        "airport",
        "forest",
        "factory",
        "orchestra",
        "mayor",
        "volunteers",
        "engineers",
        "residents",
        "students",
        "inspectors",
        "voters",
        "nurses",
        "drivers",
    ];
    let mut x: u64 = 0x9e3779b97f4a7c15;
    let mut next = |m: usize| {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        (x % m as u64) as usize
    };
    std::fs::create_dir_all(dir).unwrap();
    for i in 0..n {
        let mut text =
            format!("Report {i} on the {} and the {}\n\n", WORDS[next(WORDS.len())], WORDS[next(WORDS.len())]);
        for p in 0..3 {
            let words: Vec<&str> = (0..40).map(|_| WORDS[next(WORDS.len())]).collect();
            text.push_str(&format!(
                "Paragraph {p} of report {i}: The {} said that {}.\n\n",
                WORDS[i % WORDS.len()],
                words.join(" ")
            ));
        }
        std::fs::write(dir.join(format!("r{i:05}.txt")), text).unwrap();
    }
}

#[test]
fn sigkill_mid_ingest_leaves_a_sound_store_that_completes_on_rerun() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    const N: usize = 400;
    write_corpus(&corpus, N);
    let db = dir.path().join("k.db");
    let mut child = bin()
        .args(["ingest", corpus.to_str().unwrap(), "--db", db.to_str().unwrap()])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Wait until the first chunk of articles is committed, then SIGKILL.
    let start = Instant::now();
    let mut killed_mid_run = false;
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            eprintln!("note: ingest finished ({status}) before it could be killed; checking re-run only");
            break;
        }
        if db.exists() {
            let seen = SqliteStore::open(&db).ok().and_then(|s| s.stats().ok()).map(|s| s.articles).unwrap_or(0);
            if seen > 0 {
                child.kill().unwrap(); // SIGKILL on Unix
                let status = child.wait().unwrap();
                killed_mid_run = !status.success();
                break;
            }
        }
        assert!(start.elapsed() < Duration::from_secs(300), "ingest never committed anything");
        std::thread::sleep(Duration::from_millis(2));
    }
    let store = SqliteStore::open(&db).expect("store opens after SIGKILL");
    assert_eq!(store.check_integrity().unwrap(), Ok(()), "PRAGMA integrity_check and foreign keys");
    let mid = store.stats().unwrap();
    eprintln!("after kill: {mid:?} (killed mid-run: {killed_mid_run})");
    if killed_mid_run {
        assert!(
            mid.articles < N || mid.unassigned > 0 || mid.stories == 0,
            "the kill should have interrupted the run: {mid:?}"
        );
    }
    drop(store);

    let rerun = run(&["ingest", corpus.to_str().unwrap(), "--db", db.to_str().unwrap()]);
    assert!(rerun.status.success());
    let line = stdout(&rerun);
    let added: usize = line.split(' ').next().unwrap().parse().unwrap();
    assert_eq!(added, N - mid.articles, "{line}");
    assert!(line.contains(&parallax_core::text::plural(mid.articles, "duplicate")), "{line}");
    let store = SqliteStore::open(&db).unwrap();
    let done = store.stats().unwrap();
    assert_eq!(done.articles, N, "every report stored exactly once");
    assert_eq!(done.unassigned, 0, "every article in a story");
    assert_eq!(store.check_integrity().unwrap(), Ok(()));
    let total: usize = store.stories().unwrap().iter().map(|s| s.article_count).sum();
    assert_eq!(total, N);
    // The search index caught up (rebuilt if the kill left it stale).
    let o = run(&["search", "orchestra", "--db", db.to_str().unwrap(), "--format", "json", "--limit", "1000"]);
    let hits: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(!hits["hits"].as_array().unwrap().is_empty());
    assert!(!String::from_utf8_lossy(&o.stderr).contains("out of date"), "ingest re-run must leave the index current");
    let third = run(&["ingest", corpus.to_str().unwrap(), "--db", db.to_str().unwrap()]);
    assert!(stdout(&third).starts_with(&format!("0 added, {N} duplicates")), "{}", stdout(&third));
}

/// An RSS feed with the given items (`(title, link, text)`; empty text: no description).
fn rss(items: &[(&str, &str, &str)]) -> String {
    let items: String = items
        .iter()
        .map(|(title, link, text)| {
            let desc = if text.is_empty() { String::new() } else { format!("<description>{text}</description>") };
            format!(
                "<item><title>{title}</title><link>{link}</link>{desc}<pubDate>Mon, 04 Mar 2024 09:00:00 GMT</pubDate></item>"
            )
        })
        .collect();
    format!(
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Harbour Post</title>\
         <link>https://post.example/</link>{items}</channel></rss>"
    )
}

#[test]
fn feed_items_without_text_are_stored_as_stubs_until_their_text_arrives() {
    use parallax_store::FeedStore;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("p.db");
    let bridge = "The harbour bridge reopened on Monday after three weeks of repairs to its cables. ".repeat(4);
    let ferry = "The ferry timetable changes next week, with two more crossings every evening in summer. ".repeat(4);
    let first = dir.path().join("feed-1.xml");
    std::fs::write(
        &first,
        rss(&[
            ("Bridge reopens", "https://post.example/bridge", &bridge),
            ("Ferry changes", "https://post.example/ferry", ""),
        ]),
    )
    .unwrap();
    let out = run(&["ingest", first.to_str().unwrap(), "--db", db.to_str().unwrap()]);
    assert!(out.status.success());
    let line = stdout(&out);
    assert!(line.starts_with("1 added, 0 duplicates, 0 skipped, 1 without text (1 new stub kept"), "{line}");
    assert!(line.ends_with("1 article in 1 story, 1 stub\n"), "{line}");
    {
        let s = SqliteStore::open(&db).unwrap();
        let stubs = s.stubs().unwrap();
        assert_eq!(stubs.len(), 1);
        assert_eq!(
            (stubs[0].url.as_str(), stubs[0].title.as_deref()),
            ("https://post.example/ferry", Some("Ferry changes"))
        );
        assert!(stubs[0].published.as_deref().is_some_and(|p| p.starts_with("2024-03-04")), "{stubs:?}");
        assert_eq!(stubs[0].outlet.as_deref(), Some("Harbour Post"));
        let stories = s.stories().unwrap();
        assert_eq!(stories.iter().map(|st| st.article_count).sum::<usize>(), 1, "the stub is in no story");
    }
    // Ingesting the same snapshot again keeps one stub.
    let again = stdout(&run(&["ingest", first.to_str().unwrap(), "--db", db.to_str().unwrap()]));
    assert!(again.contains("1 without text (0 new stubs kept") && again.ends_with(", 1 stub\n"), "{again}");
    // A later snapshot carries the item's text: the article replaces the stub.
    let second = dir.path().join("feed-2.xml");
    std::fs::write(&second, rss(&[("Ferry changes", "https://post.example/ferry", &ferry)])).unwrap();
    let out = run(&["ingest", second.to_str().unwrap(), "--db", db.to_str().unwrap()]);
    assert!(out.status.success());
    let line = stdout(&out);
    assert!(
        line.starts_with("1 added, 0 duplicates, 0 skipped;") && line.ends_with("2 articles in 2 stories\n"),
        "{line}"
    );
    let s = SqliteStore::open(&db).unwrap();
    assert!(s.stubs().unwrap().is_empty());
    assert_eq!(s.stats().unwrap().articles, 2);
}

#[test]
fn a_feed_of_stubs_only_succeeds_and_an_item_without_a_link_is_no_stub() {
    use parallax_store::FeedStore;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("p.db");
    let feed = dir.path().join("feed.xml");
    std::fs::write(&feed, rss(&[("Ferry changes", "https://post.example/ferry", ""), ("No link", "", "")])).unwrap();
    let out = run(&["ingest", feed.to_str().unwrap(), "--db", db.to_str().unwrap()]);
    assert!(out.status.success(), "a stub is something stored");
    assert!(stdout(&out).starts_with("0 added, 0 duplicates, 1 skipped, 1 without text"), "{}", stdout(&out));
    let s = SqliteStore::open(&db).unwrap();
    assert_eq!(s.stubs().unwrap().len(), 1);
    assert_eq!(s.stats().unwrap().articles, 0);
}
