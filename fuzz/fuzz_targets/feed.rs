//! Fuzzes the feed reader (XML repair, RSS/RDF/Atom/JSON Feed parsing, item-by-item salvage).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = parallax_ingest::feed::read_feed("fuzz.xml", "fuzz.xml", &text);
});
