//! Fuzzes the WARC reader (record framing, HTTP header split, chunked transfer, gzip /
//! deflate / brotli content encodings, charset decoding).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = parallax_ingest::warc::read_warc("fuzz.warc", "fuzz.warc", data);
    // The same bytes as the HTTP block of one response record.
    let mut rec = format!(
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: http://f.example/\r\nContent-Type: application/http\r\nContent-Length: {}\r\n\r\n",
        data.len()
    )
    .into_bytes();
    rec.extend_from_slice(data);
    let _ = parallax_ingest::warc::read_warc("fuzz.warc", "fuzz.warc", &rec);
});
