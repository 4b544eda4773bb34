//! Fuzzes HTML extraction: any markup must give an article or an error, never a panic.
//! `cargo +nightly fuzz run extract_html` (from this directory's parent: `cd fuzz/..`).
#![no_main]

use libfuzzer_sys::fuzz_target;
use parallax_core::{DocKind, Document};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data).into_owned();
    let doc = Document { kind: DocKind::Html, ..Document::text("fuzz.html", text) };
    let _ = parallax_extract::extract(&doc);
});
