//! Fuzzes content detection and container parsing (WARC, feeds, JSONL, gzip), then extraction.
//! Invariants: no panic; an input that yields nothing says why (no silent drop); every skip
//! has a reason and stands for at least one input; every document has a source and every stub
//! a link and an empty text; extraction keeps the document's source.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let report = match parallax_ingest::documents_from_bytes("fuzz", "fuzz", data) {
        Ok(r) => r,
        Err(e) => {
            assert!(!e.to_string().trim().is_empty(), "an error without a reason");
            return;
        }
    };
    let yielded = report.documents.len() + report.stubs.len();
    assert!(yielded > 0 || !report.skipped.is_empty(), "nothing read and no reason given");
    for s in &report.skipped {
        assert!(!s.reason.trim().is_empty() && s.count >= 1, "{s:?}");
    }
    for d in &report.stubs {
        assert!(d.url.is_some() && d.text.is_empty(), "{d:?}");
    }
    for doc in report.documents.iter().take(50) {
        assert!(!doc.source.is_empty());
        if let Ok(a) = parallax_extract::extract(doc) {
            assert_eq!(a.source, doc.source);
        }
    }
});
