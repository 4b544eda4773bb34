//! Fuzzes HTML extraction: any markup must give an article or an error, never a panic, and an
//! article keeps its source, has a non-empty body and a title within the headline cap,
//! and never holds more text than twice its input (no runaway duplication).
//! `cargo +nightly fuzz run extract_html` (from this directory).
#![no_main]

use libfuzzer_sys::fuzz_target;
use parallax_core::{DocKind, Document};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data).into_owned();
    let doc = Document { kind: DocKind::Html, ..Document::text("fuzz.html", text) };
    match parallax_extract::extract(&doc) {
        Ok(a) => {
            assert_eq!(a.source, doc.source);
            assert!(!a.body.trim().is_empty(), "an article without a body");
            assert!(a.body.len() <= 2 * doc.text.len() + 64, "body of {} bytes from {}", a.body.len(), doc.text.len());
            assert!(
                a.title
                    .as_ref()
                    .is_none_or(|t| !t.is_empty() && t.chars().count() <= parallax_extract::MAX_HEADLINE_CHARS + 1),
                "{:?}",
                a.title
            );
        }
        Err(e) => assert!(!e.to_string().trim().is_empty(), "an error without a reason"),
    }
});
