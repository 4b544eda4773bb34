//! Fuzzes the JSON Lines reader.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = parallax_ingest::jsonl::read_jsonl("fuzz.jsonl", "fuzz.jsonl", &text);
});
