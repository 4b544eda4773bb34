//! Hostile inputs through the whole ingest path: each yields documents or a clear, per-file
//! reason, and the rest of the batch still runs.

use std::io::Write;

use parallax_core::DocKind;
use parallax_ingest::{IngestError, documents_from_bytes, ingest_paths};

fn gz(data: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    e.write_all(data).unwrap();
    e.finish().unwrap()
}

fn warc_record(uri: &str, html: &str) -> Vec<u8> {
    let block = format!("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n{html}");
    let mut out = format!(
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2024-01-02T03:04:05Z\r\nContent-Length: {}\r\n\r\n",
        block.len()
    )
    .into_bytes();
    out.extend_from_slice(block.as_bytes());
    out.extend_from_slice(b"\r\n\r\n");
    out
}

#[test]
fn mixed_directory_with_bad_files_keeps_going() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    std::fs::write(p.join("a_page.html"), "<html><body><p>Hello page</p></body></html>").unwrap();
    std::fs::write(p.join("b_dump.txt"), "Plain text dump").unwrap();
    // Binary junk with an .html name.
    std::fs::write(p.join("c_binary.html"), (0..=255u8).cycle().take(5000).collect::<Vec<_>>()).unwrap();
    // Empty file.
    std::fs::write(p.join("d_empty.html"), b"").unwrap();
    // Invalid UTF-8 (Latin-1 bytes) with no declared charset: decoded, not rejected.
    std::fs::write(p.join("e_latin1.html"), b"<html><body><p>caf\xe9 cr\xe8me</p></body></html>").unwrap();
    // Truncated gzip.
    let g = gz("<html><body><p>zipped</p></body></html>".repeat(200).as_bytes());
    std::fs::write(p.join("f_cut.html.gz"), &g[..g.len() / 2]).unwrap();
    // Feed without a file extension, JSONL named .txt: kinds come from content.
    std::fs::write(
        p.join("g_feed"),
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>T</title><item><title>I</title><description>Item body</description></item></channel></rss>",
    )
    .unwrap();
    std::fs::write(p.join("h_lines.txt"), "{\"url\":\"http://x.example/\",\"text\":\"JSON line body\"}\n{broken\n")
        .unwrap();
    // Malformed feed.
    std::fs::write(p.join("i_badfeed.xml"), "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><item><title>x")
        .unwrap();
    let r = ingest_paths(&[p.to_path_buf()]);
    let sources: Vec<&str> = r.documents.iter().map(|d| d.source.as_str()).collect();
    assert_eq!(sources, ["a_page.html", "e_latin1.html", "g_feed#1", "h_lines.txt#1"], "{:?}", r.skipped);
    assert_eq!(r.documents[0].kind, DocKind::Html);
    assert!(r.documents[1].text.contains("café crème"));
    let reason = |name: &str| r.skipped.iter().find(|s| s.path.contains(name)).map(|s| s.reason.clone()).unwrap();
    assert!(reason("c_binary").contains("binary"));
    assert_eq!(reason("d_empty"), "empty file");
    // Three words of plain text are not an article (docs/minimum-content.md).
    assert!(reason("b_dump").starts_with("not an article: too short"));
    assert!(reason("f_cut").contains("gzip"));
    assert!(reason("h_lines.txt:2").contains("invalid JSON"));
    assert!(reason("i_badfeed").contains("malformed feed"));
}

#[test]
fn truncated_warc_gz_keeps_whole_records() {
    let mut w = Vec::new();
    for k in 0..20 {
        // One gzip member per record, as crawlers write them.
        w.extend(gz(&warc_record(
            &format!("http://w.example/{k}"),
            &format!("<html><body><p>Page {k} text</p></body></html>"),
        )));
    }
    let cut = &w[..w.len() - 30];
    let r = documents_from_bytes("c.warc.gz", "/d/c.warc.gz", cut).unwrap();
    assert_eq!(r.documents.len(), 19);
    assert_eq!(r.documents[0].source, "c.warc.gz#1");
    assert_eq!(r.documents[0].url.as_deref(), Some("http://w.example/0"));
    assert!(r.skipped.iter().any(|s| s.reason.contains("gzip") || s.reason.contains("truncated")), "{:?}", r.skipped);
}

#[test]
fn feed_with_100k_items() {
    let mut s = String::from("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Big</title>");
    for k in 0..100_000 {
        s.push_str(&format!(
            "<item><title>T{k}</title><link>http://b.example/{k}</link><description>Body {k}</description></item>"
        ));
    }
    s.push_str("</channel></rss>");
    let r = documents_from_bytes("big.xml", "big.xml", s.as_bytes()).unwrap();
    assert_eq!(r.documents.len(), 100_000);
    assert_eq!(r.documents[99_999].source, "big.xml#100000");
}

#[test]
fn garbage_only_containers_are_clear_errors() {
    assert!(matches!(documents_from_bytes("x.jsonl", "x.jsonl", b"{nope\n[1]\n"), Err(IngestError::Format(_))));
    let only_info = b"WARC/1.0\r\nWARC-Type: warcinfo\r\nContent-Length: 3\r\n\r\nabc\r\n\r\n";
    assert!(matches!(documents_from_bytes("i.warc", "i.warc", only_info), Err(IngestError::Format(_))));
}

#[test]
fn huge_file_is_skipped_with_its_size() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("huge.html");
    // A sparse file: no disk space or time spent.
    std::fs::File::create(&big).unwrap().set_len(parallax_ingest::MAX_FILE_BYTES + 1).unwrap();
    std::fs::write(dir.path().join("small.html"), "<html><body><p>ok</p></body></html>").unwrap();
    let r = ingest_paths(&[dir.path().to_path_buf()]);
    assert_eq!(r.documents.len(), 1);
    assert!(r.skipped[0].path.ends_with("huge.html") && r.skipped[0].reason.contains("too large"), "{:?}", r.skipped);
}

#[test]
fn identical_inputs_are_counted_as_duplicates_not_read_twice() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    let article = "The ferry to Gullholm will run twice a day from Monday, the harbour office said.\n".repeat(5);
    std::fs::write(p.join("a.txt"), &article).unwrap();
    std::fs::write(p.join("b.txt"), &article).unwrap();
    let feed = |items: &[(&str, &str)]| {
        let items: String = items
            .iter()
            .map(|(u, t)| format!("<item><title>T</title><link>{u}</link><description>{t}</description></item>"))
            .collect();
        format!("<rss version=\"2.0\"><channel><title>F</title>{items}</channel></rss>")
    };
    // Two snapshots of one feed: one item repeated unchanged, one updated, one new.
    std::fs::write(p.join("f1.xml"), feed(&[("http://g.example/1", "One."), ("http://g.example/2", "Two.")])).unwrap();
    std::fs::write(
        p.join("f2.xml"),
        feed(&[("http://g.example/1", "One."), ("http://g.example/2", "Two, updated."), ("http://g.example/3", "3.")]),
    )
    .unwrap();
    // The same text at another address is a syndicated copy, kept.
    std::fs::write(p.join("f3.xml"), feed(&[("http://other.example/1", "One.")])).unwrap();
    let r = ingest_paths(&[p.to_path_buf()]);
    let sources: Vec<&str> = r.documents.iter().map(|d| d.source.as_str()).collect();
    assert_eq!(sources, ["a.txt", "f1.xml#1", "f1.xml#2", "f2.xml#2", "f2.xml#3", "f3.xml#1"]);
    let dups: Vec<_> = r.skipped.iter().filter(|s| s.class == parallax_core::SkipClass::Duplicate).collect();
    assert_eq!(dups.len(), 2, "{dups:?}");
    assert!(dups[0].path.ends_with("b.txt") && dups[0].reason.contains("identical to a.txt"), "{dups:?}");
    assert!(dups[1].path.ends_with("f2.xml") && dups[1].count == 1, "{dups:?}");
}
