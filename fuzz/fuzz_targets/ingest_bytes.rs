//! Fuzzes content detection and container parsing (WARC, feeds, JSONL, gzip), then extraction.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(report) = parallax_ingest::documents_from_bytes("fuzz", "fuzz", data) {
        for doc in report.documents.iter().take(50) {
            let _ = parallax_extract::extract(doc);
        }
    }
});
