//! The `postgres://` path end to end through the `parallax` binary against a real server:
//! `enqueue` twice, two `worker --until-empty` processes at once, then `stories`, `show`,
//! `search`, `ingest` and two `serve` processes on the same database; the stories agree with
//! the SQLite path. Skips with a visible message when no PostgreSQL server can be had.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};

use parallax_store::testing;

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

/// Stories as sorted lists of their reports' source names: comparable across backends.
fn partition(db: &str) -> Vec<Vec<String>> {
    let out = run(&["stories", "--db", db, "--format", "json"]);
    assert!(out.status.success());
    let list: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut v: Vec<Vec<String>> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            let show = run(&["show", s["id"].as_str().unwrap(), "--db", db, "--format", "json"]);
            let json: serde_json::Value = serde_json::from_slice(&show.stdout).unwrap();
            let mut sources: Vec<String> =
                json["stories"][0]["articles"].as_object().unwrap().keys().cloned().collect();
            sources.sort();
            sources
        })
        .collect();
    v.sort();
    v
}

/// Starts `serve` on a free loopback port; returns the child and its address.
fn serve(db: &str) -> (Child, String) {
    let mut child = bin()
        .args(["serve", "--db", db, "--addr", "127.0.0.1:0"])
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    let addr = loop {
        let line = lines.next().expect("serve printed its address").unwrap();
        if let Some(rest) = line.split("http://").nth(1) {
            break rest.trim_end_matches(|c| c != '/').trim_end_matches('/').split('/').next().unwrap().to_string();
        }
    };
    (child, addr)
}

fn http_get(addr: &str, path: &str) -> String {
    let mut s = std::net::TcpStream::connect(addr).unwrap();
    write!(s, "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n").unwrap();
    let mut out = String::new();
    s.read_to_string(&mut out).unwrap();
    out
}

#[test]
fn enqueue_workers_then_stories_show_search_serve_on_postgres() {
    let Some(url) = testing::fresh_url() else { return };
    let seeds = seeds();
    let seeds = seeds.to_str().unwrap();
    let first = run(&["enqueue", seeds, "--db", &url]);
    assert!(first.status.success());
    assert!(stdout(&first).starts_with("5 enqueued, 0 already queued"), "{}", stdout(&first));
    let again = run(&["enqueue", seeds, "--db", &url]);
    assert!(stdout(&again).starts_with("0 enqueued, 5 already queued"), "{}", stdout(&again));

    let workers: Vec<Child> = (0..2)
        .map(|i| {
            bin()
                .args(["worker", "--db", &url, "--until-empty", "--batch", "2", "--poll", "0.2"])
                .args(["--name", &format!("test-{i}")])
                .stdout(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for w in workers {
        let out = w.wait_with_output().unwrap();
        assert!(out.status.success(), "{}", stdout(&out));
    }

    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("p.db");
    let file = file.to_str().unwrap();
    assert!(run(&["ingest", seeds, "--db", file]).status.success());
    let stories = partition(&url);
    assert_eq!(stories, partition(file), "PostgreSQL workers and the SQLite ingest agree");
    assert_eq!(stories.iter().map(Vec::len).sum::<usize>(), 5);

    let list: serde_json::Value =
        serde_json::from_slice(&run(&["stories", "--db", &url, "--format", "json"]).stdout).unwrap();
    let id = list[0]["id"].as_str().unwrap().to_string();
    let shown: serde_json::Value =
        serde_json::from_slice(&run(&["show", &id[..6], "--db", &url, "--format", "json"]).stdout).unwrap();
    assert_eq!(shown["stories"][0]["story"]["id"], id.as_str());
    let s = run(&["search", "Peskov", "--db", &url]);
    assert!(s.status.success());
    assert!(stdout(&s).contains("**Peskov**"), "{}", stdout(&s));
    assert_eq!(run(&["search", "Peskov", "--since", "2031-01-01", "--db", &url]).status.code(), Some(1));
    // Reports dated only by their story's analysis are found under the inferred date.
    let since: serde_json::Value = serde_json::from_slice(
        &run(&["search", "Peskov", "--since", "2025-04-01", "--db", &url, "--format", "json"]).stdout,
    )
    .unwrap();
    let hits = since["hits"].as_array().unwrap();
    assert_eq!(hits.len(), 5, "{since}");
    assert!(hits.iter().any(|h| h["published_inferred"] == true), "{since}");
    assert!(run(&["reindex", "--db", &url]).status.success());
    let ingest = run(&["ingest", seeds, "--db", &url]);
    assert!(stdout(&ingest).starts_with("0 added, 5 duplicates, "), "{}", stdout(&ingest));

    // Two servers on one database.
    let (mut a, addr_a) = serve(&url);
    let (mut b, addr_b) = serve(&url);
    for addr in [&addr_a, &addr_b] {
        let r = http_get(addr, "/api/stories");
        assert!(r.starts_with("HTTP/1.1 200") && r.contains(&id), "{r}");
        let r = http_get(addr, "/api/search?q=Peskov");
        assert!(r.starts_with("HTTP/1.1 200") && r.contains("\"hits\""), "{r}");
    }
    a.kill().unwrap();
    b.kill().unwrap();
    let _ = (a.wait(), b.wait());
}

#[test]
fn queue_commands_need_postgres() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("p.db");
    let out = run(&["worker", "--db", file.to_str().unwrap(), "--until-empty"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("needs a PostgreSQL database"));
}

#[test]
fn enqueued_feed_items_without_text_are_stubs_until_a_worker_stores_their_text() {
    use parallax_store::FeedStore;
    let Some(url) = testing::fresh_url() else { return };
    let dir = tempfile::tempdir().unwrap();
    let item = |title: &str, link: &str, text: &str| {
        let desc = if text.is_empty() { String::new() } else { format!("<description>{text}</description>") };
        format!("<item><title>{title}</title><link>{link}</link>{desc}</item>")
    };
    let rss =
        |items: String| format!("<rss version=\"2.0\"><channel><title>Harbour Post</title>{items}</channel></rss>");
    let text = "The ferry timetable changes next week, with two more crossings every evening in summer. ".repeat(4);
    let first = dir.path().join("feed-1.xml");
    std::fs::write(&first, rss(item("Ferry changes", "https://post.example/ferry", ""))).unwrap();
    let out = run(&["enqueue", first.to_str().unwrap(), "--db", &url]);
    assert!(out.status.success(), "a stub is something stored");
    assert!(
        stdout(&out).starts_with("0 enqueued, 0 already queued, 0 skipped, 1 without text (1 new stub"),
        "{}",
        stdout(&out)
    );
    let store = parallax_store::PgStore::open(&url, 1).unwrap();
    assert_eq!(store.stubs().unwrap().len(), 1);
    let second = dir.path().join("feed-2.xml");
    std::fs::write(&second, rss(item("Ferry changes", "https://post.example/ferry", &text))).unwrap();
    assert!(run(&["enqueue", second.to_str().unwrap(), "--db", &url]).status.success());
    assert!(run(&["worker", "--db", &url, "--until-empty", "--poll", "0.2"]).status.success());
    assert!(store.stubs().unwrap().is_empty(), "the worker's article replaced the stub");
}
