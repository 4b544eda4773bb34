//! Issue 14 through the built binary: junk inputs never become stories, every input that
//! yields nothing is named with its reason, the closing count names each class apart, WARC
//! non-page records print no line, and `-` reads standard input.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

fn seed(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/seeds").join(name)
}

fn first_seed() -> std::path::PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/seeds");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    seed(files[0].file_name().unwrap().to_str().unwrap())
}

fn warc_record(wtype: &str, uri: &str, ctype: &str, block: &str) -> String {
    format!(
        "WARC/1.0\r\nWARC-Type: {wtype}\r\nWARC-Target-URI: {uri}\r\nContent-Type: {ctype}\r\nContent-Length: {}\r\n\r\n{block}\r\n\r\n",
        block.len()
    )
}

#[test]
fn junk_is_skipped_with_reasons_and_counted_by_class() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    std::fs::write(p.join("hello.txt"), "hello\n").unwrap();
    std::fs::write(p.join("data.csv"), "id,name,city,score,when\n").unwrap();
    let readme = "# tool\n\nA tool.\n\n## Installation\n\n```\ncargo install tool\n```\n\n## Usage\n\nRun `tool` in a directory with files.\n";
    std::fs::write(p.join("notes.txt"), readme).unwrap();
    std::fs::write(p.join("big.txt"), "abc ".repeat(2_600_000)).unwrap();
    let page = |body: &str| {
        format!(
            "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><head><title>Site</title></head><body>{body}</body></html>"
        )
    };
    let mut warc = warc_record("warcinfo", "", "application/warc-fields", "software: test");
    warc.push_str(&warc_record("response", "dns:e.example", "text/dns", "20240101 e.example. 300 IN A 192.0.2.1"));
    warc.push_str(&warc_record("metadata", "http://e.example/", "application/warc-fields", "via: x"));
    warc.push_str(&warc_record("response", "http://e.example/contact", "application/http; msgtype=response", &page(&"<p>Write to us at the office, any weekday between nine and five, and we will answer your letter soon.</p>".repeat(5))));
    warc.push_str(&warc_record(
        "response",
        "http://e.example/short",
        "application/http; msgtype=response",
        &page("<p>Five words only right here.</p>"),
    ));
    std::fs::write(p.join("crawl.warc"), warc).unwrap();
    let started = std::time::Instant::now();
    let out = Command::new(env!("CARGO_BIN_EXE_parallax")).arg("analyze").arg(p).arg(first_seed()).output().unwrap();
    assert!(started.elapsed().as_secs() < 20, "junk took {:?}", started.elapsed());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    for (name, why) in [
        ("hello.txt", "too short"),
        ("data.csv", "tabular"),
        ("notes.txt", "Markdown"),
        ("big.txt", "a line of over"),
        ("crawl.warc#4", "site page"),
        ("crawl.warc#5", "too short"),
    ] {
        assert!(stderr.lines().any(|l| l.contains(name) && l.contains(why)), "{name}: {stderr}");
    }
    assert!(!stderr.contains("dns"), "a line per DNS record: {stderr}");
    assert!(!stderr.contains("without an HTTP header"), "{stderr}");
    let last = stderr.lines().last().unwrap();
    assert!(last.contains("1 article in 1 story"), "{last}");
    assert!(last.contains("0 inputs skipped, 6 non-article pages, 3 non-page records"), "{last}");
}

#[test]
fn dash_reads_one_document_from_standard_input() {
    let text = std::fs::read(first_seed()).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_parallax"))
        .args(["analyze", "-", "--format", "json"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(&text).unwrap();
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["stories"].as_array().unwrap().len(), 1, "{stderr}");
    assert!(json["stories"][0]["articles"].as_object().unwrap().contains_key("stdin"), "{}", json["stories"][0]);
}

#[test]
fn repeated_inputs_are_duplicates_and_a_one_paragraph_dump_is_no_article() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    let text = std::fs::read(first_seed()).unwrap();
    std::fs::write(p.join("a.txt"), &text).unwrap();
    std::fs::write(p.join("b.txt"), &text).unwrap();
    std::fs::write(p.join("dump.html"), format!("<html><body><p>{}</p></body></html>", "token ".repeat(25_000)))
        .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_parallax")).arg("analyze").arg(p).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.lines().any(|l| l.contains("b.txt") && l.contains("identical to a.txt")), "{stderr}");
    assert!(stderr.lines().any(|l| l.contains("dump.html") && l.contains("paragraph of over")), "{stderr}");
    let last = stderr.lines().last().unwrap();
    assert!(last.contains("1 article in 1 story; 0 inputs skipped, 1 non-article page, 1 duplicate"), "{last}");
}

#[test]
fn extract_with_no_records_prints_nothing_on_stdout() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("hello.txt"), "hello\n").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_parallax")).arg("extract").arg(dir.path()).output().unwrap();
    assert!(out.stdout.is_empty(), "{:?}", String::from_utf8_lossy(&out.stdout));
}

#[test]
fn a_feed_item_with_a_title_and_link_but_no_text_is_a_record_counted_apart() {
    let dir = tempfile::tempdir().unwrap();
    let text = "The harbour bridge reopened on Monday after three weeks of repairs to its cables. ".repeat(4);
    let rss = format!(
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Harbour Post</title><link>https://post.example/</link>\
         <item><title>Bridge reopens</title><link>https://post.example/bridge</link><description>{text}</description>\
         <pubDate>Mon, 04 Mar 2024 09:00:00 GMT</pubDate></item>\
         <item><title>Ferry timetable changes</title><link>https://post.example/ferry</link>\
         <pubDate>Mon, 04 Mar 2024 10:00:00 GMT</pubDate></item></channel></rss>"
    );
    std::fs::write(dir.path().join("feed.xml"), rss).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_parallax")).arg("extract").arg(dir.path()).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let records: Vec<serde_json::Value> = stdout.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(records.len(), 2, "{stdout}");
    assert!(records[0].get("no_text").is_none() && !records[0]["body"].as_str().unwrap().is_empty(), "{stdout}");
    let stub = &records[1];
    assert_eq!(stub["no_text"], true, "{stub}");
    assert_eq!(stub["url"], "https://post.example/ferry");
    assert_eq!(stub["title"], "Ferry timetable changes");
    assert!(stub["published"].as_str().is_some_and(|p| p.starts_with("2024-03-04")), "{stub}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.lines().last().unwrap().contains("1 article from 1 document"), "{stderr}");
    assert!(stderr.contains("title and link but no text"), "{stderr}");
}
