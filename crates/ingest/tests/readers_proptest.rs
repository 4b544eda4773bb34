//! Property tests: the feed, WARC and JSONL readers never panic on arbitrary bytes or on
//! structured near-misses (the same classes the cargo-fuzz targets in `fuzz/` explore).

use parallax_ingest::{feed, jsonl, warc};
use proptest::prelude::*;

/// Pieces real feeds are made of, shuffled into near-valid documents.
fn feed_piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>".to_string()),
        Just("<rss version=\"2.0\" xmlns=\"http://backend.userland.com/rss2\">".to_string()),
        Just("<rss>".to_string()),
        Just("<feed xmlns=\"http://purl.org/atom/ns#\">".to_string()),
        Just("<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">".to_string()),
        Just("<channel><title>T</title><link>http://e.example/</link>".to_string()),
        Just("<item>".to_string()),
        Just("</item>".to_string()),
        Just("<entry xml:base=\"../x/\"><link href=\"a\"/>".to_string()),
        Just("<pubDate>Sat, Dec 16 2023 02:02:33 PM</pubDate>".to_string()),
        Just("<![CDATA[<p>x &nbsp;".to_string()),
        Just("]]>".to_string()),
        Just("&bogus; & &#0; &#x110000;".to_string()),
        "[a-z<>/&;\"' ]{0,12}",
    ]
}

fn warc_record() -> impl Strategy<Value = Vec<u8>> {
    (
        prop_oneof![Just("response"), Just("request"), Just("revisit"), Just("metadata"), Just("resource")],
        prop_oneof![
            Just(""),
            Just("Content-Encoding: br\r\n"),
            Just("Content-Encoding: gzip\r\n"),
            Just("Content-Encoding: deflate\r\n"),
            Just("Transfer-Encoding: chunked\r\n")
        ],
        proptest::collection::vec(any::<u8>(), 0..200),
        -3i64..3,
    )
        .prop_map(|(kind, enc, body, len_error)| {
            let mut block = format!("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n{enc}\r\n").into_bytes();
            block.extend_from_slice(&body);
            let len = (block.len() as i64 + len_error).max(0);
            let mut rec = format!(
                "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: http://e.example/\r\nContent-Length: {len}\r\n\r\n"
            )
            .into_bytes();
            rec.extend_from_slice(&block);
            rec.extend_from_slice(b"\r\n\r\n");
            rec
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn feed_reader_never_panics(pieces in proptest::collection::vec(feed_piece(), 0..24), raw in any::<Vec<u8>>()) {
        let _ = feed::read_feed("p.xml", "p.xml", &pieces.concat());
        let _ = feed::read_feed("p.xml", "p.xml", &String::from_utf8_lossy(&raw));
    }

    #[test]
    fn warc_reader_never_panics(records in proptest::collection::vec(warc_record(), 0..5), raw in any::<Vec<u8>>()) {
        let _ = warc::read_warc("p.warc", "p.warc", &records.concat());
        let mut prefixed = b"WARC/1.0\r\n".to_vec();
        prefixed.extend_from_slice(&raw);
        let _ = warc::read_warc("p.warc", "p.warc", &prefixed);
    }

    #[test]
    fn jsonl_reader_never_panics(lines in proptest::collection::vec("[{}\\[\\]\":,a-z0-9 ]{0,40}", 0..10), raw in any::<Vec<u8>>()) {
        let _ = jsonl::read_jsonl("p.jsonl", "p.jsonl", &lines.join("\n"));
        let _ = jsonl::read_jsonl("p.jsonl", "p.jsonl", &String::from_utf8_lossy(&raw));
    }
}
