//! WARC archives (plain, or gzip per record / per file): HTTP `response` (and `resource`)
//! records with HTML bodies become documents carrying the target URI and the WARC date.
//! Duplicate target URIs and payload digests are skipped and counted; a truncated record is
//! reported and the records before it are kept.
//!
//! Records come from a [`RecordSource`]; [`WarcReader`] is the hand-written reader (a crate such
//! as `warc` could implement the same trait).

use std::collections::BTreeSet;
use std::hash::{Hash, Hasher};

use parallax_core::{DocHints, DocKind, Document, SkipClass, Skipped};

use crate::{IngestError, IngestReport};

/// Largest record payload accepted (bigger records are skipped with a reason).
pub const MAX_RECORD_BYTES: usize = 64 * 1024 * 1024;

/// One WARC record: header fields (names lower case) and the raw content block.
#[derive(Debug, Clone)]
pub struct WarcRecord<'a> {
    /// Header fields in order, names lower-cased.
    pub headers: Vec<(String, String)>,
    /// The content block (`Content-Length` bytes).
    pub block: &'a [u8],
}

impl WarcRecord<'_> {
    /// A header value by (lower-case) name.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }
}

/// A source of WARC records.
pub trait RecordSource<'a> {
    /// The next record, an error for a broken one (after which reading stops), or `None`.
    fn next_record(&mut self) -> Option<Result<WarcRecord<'a>, IngestError>>;
}

/// Hand-written WARC reader over an in-memory (decompressed) archive.
pub struct WarcReader<'a> {
    data: &'a [u8],
    pos: usize,
    failed: bool,
}

impl<'a> WarcReader<'a> {
    /// A reader over decompressed WARC bytes.
    pub fn new(data: &'a [u8]) -> Self {
        WarcReader { data, pos: 0, failed: false }
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

impl<'a> RecordSource<'a> for WarcReader<'a> {
    fn next_record(&mut self) -> Option<Result<WarcRecord<'a>, IngestError>> {
        if self.failed {
            return None;
        }
        // Skip blank lines between records.
        while self.pos < self.data.len() && matches!(self.data[self.pos], b'\r' | b'\n') {
            self.pos += 1;
        }
        if self.pos >= self.data.len() {
            return None;
        }
        let rest = &self.data[self.pos..];
        let fail = |s: &mut Self, msg: String| {
            s.failed = true;
            Some(Err(IngestError::Format(msg)))
        };
        if !rest.starts_with(b"WARC/") {
            return fail(self, format!("no WARC record header at byte {}", self.pos));
        }
        // Header ends at the first empty line (CRLF CRLF, or LF LF for sloppy writers).
        let head_window = &rest[..rest.len().min(64 * 1024)];
        let (head_len, sep_len) = match (find(head_window, b"\r\n\r\n"), find(head_window, b"\n\n")) {
            (Some(a), Some(b)) if b + 2 < a + 4 => (b, 2),
            (Some(a), _) => (a, 4),
            (None, Some(b)) => (b, 2),
            (None, None) => return fail(self, "truncated WARC record header".into()),
        };
        let head = String::from_utf8_lossy(&rest[..head_len]);
        let mut headers = Vec::new();
        for line in head.lines().skip(1) {
            if let Some((k, v)) = line.split_once(':') {
                headers.push((k.trim().to_ascii_lowercase(), v.trim().to_string()));
            }
        }
        let len: usize = match headers.iter().find(|(k, _)| k == "content-length").and_then(|(_, v)| v.parse().ok()) {
            Some(l) => l,
            None => return fail(self, "WARC record without a valid Content-Length".into()),
        };
        let start = head_len + sep_len;
        if rest.len() < start + len {
            return fail(
                self,
                format!("truncated WARC record (needs {len} content bytes, {} left)", rest.len().saturating_sub(start)),
            );
        }
        let block = &rest[start..start + len];
        self.pos += start + len;
        Some(Ok(WarcRecord { headers, block }))
    }
}

/// Splits an HTTP response block into (status, headers lower-cased, body).
/// HTTP status, header fields (names lower-cased) and body of a response block.
type HttpParts<'a> = (u16, Vec<(String, String)>, &'a [u8]);

fn split_http(block: &[u8]) -> Option<HttpParts<'_>> {
    let (head_len, sep) = match find(&block[..block.len().min(64 * 1024)], b"\r\n\r\n") {
        Some(p) => (p, 4),
        None => (find(&block[..block.len().min(64 * 1024)], b"\n\n")?, 2),
    };
    let head = String::from_utf8_lossy(&block[..head_len]);
    let mut lines = head.lines();
    let status_line = lines.next()?;
    if !status_line.starts_with("HTTP/") {
        return None;
    }
    let status = status_line.split_whitespace().nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    let headers = lines
        .filter_map(|l| l.split_once(':').map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string())))
        .collect();
    Some((status, headers, &block[head_len + sep..]))
}

/// Undoes `Transfer-Encoding: chunked` (CRLF or bare LF line ends; a missing last chunk
/// keeps what was read).
fn dechunk(body: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let mut pos = 0;
    while pos < body.len() {
        let line_end = pos + find(&body[pos..], b"\n")?;
        let size_str = String::from_utf8_lossy(&body[pos..line_end]);
        let size = usize::from_str_radix(size_str.split(';').next()?.trim(), 16).ok()?;
        pos = line_end + 1;
        if size == 0 {
            return Some(out);
        }
        let end = (pos + size).min(body.len());
        out.extend_from_slice(&body[pos..end]);
        pos = end;
        while pos < body.len() && matches!(body[pos], b'\r' | b'\n') {
            pos += 1;
        }
    }
    (!out.is_empty()).then_some(out)
}

/// Undoes `Content-Encoding` (`gzip`, `x-gzip`, `deflate` zlib or raw, `br`, `zstd`,
/// `identity`; several codings are undone last first). A body that is not actually encoded
/// (crawlers that store the decoded payload but keep the header) is kept as it is.
pub fn decode_content(body: &[u8], encoding: &str) -> Result<Vec<u8>, IngestError> {
    let mut data = body.to_vec();
    for coding in encoding.split(',').map(|c| c.trim().to_ascii_lowercase()).rev() {
        let decoded = match coding.as_str() {
            "" | "identity" | "none" => continue,
            "gzip" | "x-gzip" if data.starts_with(&[0x1f, 0x8b]) => crate::maybe_gunzip(&data).map(|d| d.into_owned()),
            "gzip" | "x-gzip" => continue,
            "deflate" => inflate(&data),
            "br" => unbrotli(&data),
            "zstd" => unzstd(&data),
            other => Err(IngestError::Format(format!("unsupported Content-Encoding {other:?}"))),
        };
        data = match decoded {
            Ok(d) => d,
            Err(_) if looks_like_markup(&data) => data,
            Err(e) => return Err(e),
        };
    }
    Ok(data)
}

/// Whether a body is already plain text markup (`<` first after white space and a BOM).
fn looks_like_markup(data: &[u8]) -> bool {
    let data = data.strip_prefix(b"\xef\xbb\xbf").unwrap_or(data);
    data.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'<')
}

fn unzstd(data: &[u8]) -> Result<Vec<u8>, IngestError> {
    use std::io::Read;
    let mut out = Vec::new();
    zstd::stream::read::Decoder::new(data)
        .and_then(|d| d.take(crate::MAX_FILE_BYTES).read_to_end(&mut out))
        .map_err(|e| IngestError::Format(format!("broken zstd body: {e}")))?;
    Ok(out)
}

fn inflate(data: &[u8]) -> Result<Vec<u8>, IngestError> {
    use std::io::Read;
    let limit = crate::MAX_FILE_BYTES;
    let mut out = Vec::new();
    if flate2::read::ZlibDecoder::new(data).take(limit).read_to_end(&mut out).is_ok() {
        return Ok(out);
    }
    out.clear();
    flate2::read::DeflateDecoder::new(data)
        .take(limit)
        .read_to_end(&mut out)
        .map_err(|e| IngestError::Format(format!("broken deflate body: {e}")))?;
    Ok(out)
}

fn unbrotli(data: &[u8]) -> Result<Vec<u8>, IngestError> {
    use std::io::Read;
    let mut out = Vec::new();
    brotli::Decompressor::new(data, 64 * 1024)
        .take(crate::MAX_FILE_BYTES)
        .read_to_end(&mut out)
        .map_err(|e| IngestError::Format(format!("broken brotli body: {e}")))?;
    Ok(out)
}

/// Reads every record of a decompressed WARC archive.
pub fn read_warc(source: &str, path: &str, data: &[u8]) -> IngestReport {
    read_records(source, path, &mut WarcReader::new(data))
}

/// What became of one record.
enum Outcome {
    Page(Box<Document>),
    /// Not a page (request, metadata, DNS, images, redirects...): counted by kind, no line.
    NonPage(String),
    Duplicate,
    Unusable(String),
}

/// Counts kept while reading an archive.
#[derive(Default)]
struct Tally {
    non_page: std::collections::BTreeMap<String, usize>,
    duplicates: usize,
    seen_uris: BTreeSet<String>,
    seen_digests: BTreeSet<String>,
}

/// Reads every record of a [`RecordSource`]. Records that are not pages are counted in one
/// [`SkipClass::NonPage`] entry, duplicates in one [`SkipClass::Duplicate`] entry.
pub fn read_records<'a>(source: &str, path: &str, records: &mut dyn RecordSource<'a>) -> IngestReport {
    let mut report = IngestReport::default();
    let mut tally = Tally::default();
    let mut n = 0usize;
    while let Some(r) = records.next_record() {
        n += 1;
        let rec = match r {
            Ok(rec) => rec,
            Err(e) => {
                report.skipped.push(Skipped::new(format!("{path}#{n}"), e.to_string()));
                break;
            }
        };
        match record_outcome(&rec, &mut tally, format!("{source}#{n}"), path) {
            Outcome::Page(d) => report.documents.push(*d),
            Outcome::NonPage(kind) => *tally.non_page.entry(kind).or_insert(0) += 1,
            Outcome::Duplicate => tally.duplicates += 1,
            Outcome::Unusable(why) => report.skipped.push(Skipped::new(format!("{path}#{n}"), why)),
        }
    }
    if tally.duplicates > 0 {
        let d = tally.duplicates;
        let why = format!("{d} duplicate WARC record(s) skipped (revisits, same target URI or payload digest)");
        report.skipped.push(Skipped::of(SkipClass::Duplicate, path, why, d));
    }
    let total: usize = tally.non_page.values().sum();
    if total > 0 {
        let kinds: Vec<String> = tally.non_page.iter().map(|(k, v)| format!("{k}: {v}")).collect();
        let why = format!("{total} WARC record(s) that are not pages ({})", kinds.join(", "));
        report.skipped.push(Skipped::of(SkipClass::NonPage, path, why, total));
    }
    report
}

fn record_outcome(rec: &WarcRecord<'_>, tally: &mut Tally, name: String, path: &str) -> Outcome {
    let wtype = rec.header("warc-type").unwrap_or("").to_ascii_lowercase();
    if wtype == "revisit" {
        return Outcome::Duplicate;
    }
    if wtype != "response" && wtype != "resource" {
        return Outcome::NonPage(if wtype.is_empty() { "untyped".into() } else { wtype });
    }
    let uri = rec.header("warc-target-uri").map(|u| u.trim_matches(['<', '>']).to_string());
    let (ctype, body) = if wtype == "response" {
        match http_payload(rec, uri.as_deref()) {
            Ok(p) => p,
            Err(o) => return o,
        }
    } else {
        (rec.header("content-type").unwrap_or("").to_ascii_lowercase(), rec.block.to_vec())
    };
    if !(ctype.is_empty() || ctype.contains("html") || ctype.contains("xhtml")) {
        let kind = ctype.split(';').next().unwrap_or("").trim().to_string();
        return Outcome::NonPage(kind); // images, scripts, style sheets, DNS.
    }
    if body.len() > MAX_RECORD_BYTES {
        return Outcome::Unusable(format!("record too large ({} bytes)", body.len()));
    }
    if let Some(u) = &uri
        && !tally.seen_uris.insert(u.clone())
    {
        return Outcome::Duplicate;
    }
    let digest = rec.header("warc-payload-digest").map(str::to_string).unwrap_or_else(|| {
        let mut h = std::hash::DefaultHasher::new();
        body.hash(&mut h);
        format!("h:{:016x}", h.finish())
    });
    if !tally.seen_digests.insert(digest) {
        return Outcome::Duplicate;
    }
    match decode_with_header_charset(&body, &ctype) {
        Ok(text) => Outcome::Page(Box::new(Document {
            source: name,
            path: path.to_string(),
            url: uri,
            kind: DocKind::Html,
            text,
            hints: DocHints {
                published: rec.header("warc-date").map(str::to_string),
                crawled: true,
                ..Default::default()
            },
        })),
        Err(e) => Outcome::Unusable(e.to_string()),
    }
}

/// Content type and decoded body of an HTTP response record; the outcome when it is no page.
fn http_payload(rec: &WarcRecord<'_>, uri: Option<&str>) -> Result<(String, Vec<u8>), Outcome> {
    let Some((status, hh, body)) = split_http(rec.block) else {
        let http_uri = uri.is_some_and(|u| u.starts_with("http"));
        let http_type = rec.header("content-type").is_some_and(|t| t.contains("application/http"));
        if http_uri && http_type {
            return Err(Outcome::Unusable("response without an HTTP header".into()));
        }
        // DNS lookups, FTP and other non-HTTP captures.
        let scheme = uri.and_then(|u| u.split(':').next()).unwrap_or("non-http").to_ascii_lowercase();
        return Err(Outcome::NonPage(format!("{scheme} response")));
    };
    if !(200..300).contains(&status) {
        return Err(Outcome::NonPage(format!("HTTP {status}")));
    }
    let get = |k: &str| hh.iter().find(|(a, _)| a == k).map(|(_, v)| v.to_ascii_lowercase());
    let mut body = body.to_vec();
    if get("transfer-encoding").is_some_and(|t| t.contains("chunked"))
        && let Some(d) = dechunk(&body)
    {
        body = d;
    }
    let encoding = get("content-encoding").unwrap_or_default();
    let body = decode_content(&body, &encoding).map_err(|e| Outcome::Unusable(e.to_string()))?;
    // A body stored still gzip-compressed without the header saying so.
    let body = match crate::maybe_gunzip(&body) {
        Ok(std::borrow::Cow::Owned(d)) => d,
        _ => body,
    };
    Ok((get("content-type").unwrap_or_default(), body))
}

/// Decodes a body using the charset of an HTTP `Content-Type`, else the usual sniffing.
fn decode_with_header_charset(body: &[u8], ctype: &str) -> Result<String, IngestError> {
    if let Some(label) = ctype.split("charset=").nth(1) {
        let label = label.trim_matches(['"', '\'', ' ', ';']).split(';').next().unwrap_or("");
        if let Some(enc) = encoding_rs::Encoding::for_label(label.as_bytes())
            && enc != encoding_rs::UTF_8
            && std::str::from_utf8(body).is_err()
        {
            let (t, _, _) = enc.decode(body);
            if t.trim().is_empty() {
                return Err(IngestError::Empty);
            }
            return Ok(t.replace("\r\n", "\n"));
        }
    }
    crate::decode_text(body)
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn record(kind: &str, uri: &str, http_body: &str, digest: Option<&str>) -> Vec<u8> {
        let block = if kind == "response" {
            format!("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n{http_body}")
        } else {
            http_body.to_string()
        };
        let mut h = format!(
            "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2024-05-06T07:08:09Z\r\nContent-Type: application/http; msgtype=response\r\n"
        );
        if let Some(d) = digest {
            h.push_str(&format!("WARC-Payload-Digest: {d}\r\n"));
        }
        h.push_str(&format!("Content-Length: {}\r\n\r\n", block.len()));
        let mut out = h.into_bytes();
        out.extend_from_slice(block.as_bytes());
        out.extend_from_slice(b"\r\n\r\n");
        out
    }

    #[test]
    fn records_dedup_and_truncation() {
        let mut w = record("warcinfo", "", "software: test", None);
        w.extend(record("response", "http://a.example/1", "<html><body><p>One</p></body></html>", Some("sha1:A")));
        w.extend(record(
            "response",
            "http://a.example/1",
            "<html><body><p>One again</p></body></html>",
            Some("sha1:B"),
        ));
        w.extend(record("response", "http://a.example/2", "<html><body><p>Two</p></body></html>", Some("sha1:A")));
        w.extend(record("response", "http://a.example/3", "<html><body><p>Three</p></body></html>", None));
        let full = read_warc("x.warc", "/d/x.warc", &w);
        let uris: Vec<_> = full.documents.iter().map(|d| d.url.clone().unwrap()).collect();
        assert_eq!(uris, ["http://a.example/1", "http://a.example/3"]);
        assert_eq!(full.documents[0].source, "x.warc#2");
        assert_eq!(full.documents[0].hints.published.as_deref(), Some("2024-05-06T07:08:09Z"));
        assert!(full.skipped.iter().any(|s| s.reason.starts_with("2 duplicate")));
        // Cut in the middle of the last record: the first records survive, the cut is reported.
        let cut = read_warc("x.warc", "/d/x.warc", &w[..w.len() - 20]);
        assert_eq!(cut.documents.len(), 1);
        assert!(cut.skipped.iter().any(|s| s.reason.contains("truncated WARC record")), "{:?}", cut.skipped);
    }
}

#[cfg(test)]
mod encoding_tests {
    use std::io::Write;

    use super::*;

    fn raw_record(wtype: &str, uri: &str, wct: &str, block: &[u8]) -> Vec<u8> {
        let mut out = format!(
            "WARC/1.0\r\nWARC-Type: {wtype}\r\nWARC-Target-URI: {uri}\r\nContent-Type: {wct}\r\nContent-Length: {}\r\n\r\n",
            block.len()
        )
        .into_bytes();
        out.extend_from_slice(block);
        out.extend_from_slice(b"\r\n\r\n");
        out
    }

    fn http(headers: &str, body: &[u8]) -> Vec<u8> {
        let mut b = format!("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n{headers}\r\n").into_bytes();
        b.extend_from_slice(body);
        b
    }

    const PAGE: &str = "<html><head><title>T</title></head><body><p>Caf\u{e9} page body text.</p></body></html>";

    #[test]
    fn one_page_stored_br_gzip_deflate_chunked_and_plain_reads_the_same() {
        let mut br = Vec::new();
        {
            let mut w = brotli::CompressorWriter::new(&mut br, 4096, 5, 22);
            w.write_all(PAGE.as_bytes()).unwrap();
        }
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        gz.write_all(PAGE.as_bytes()).unwrap();
        let gz = gz.finish().unwrap();
        let mut zl = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
        zl.write_all(PAGE.as_bytes()).unwrap();
        let zl = zl.finish().unwrap();
        let (a, b) = PAGE.as_bytes().split_at(20);
        let mut chunked = format!("{:x}\r\n", a.len()).into_bytes();
        chunked.extend_from_slice(a);
        chunked.extend_from_slice(format!("\r\n{:x}\r\n", b.len()).as_bytes());
        chunked.extend_from_slice(b);
        chunked.extend_from_slice(b"\r\n0\r\n\r\n");
        let zst = zstd::stream::encode_all(PAGE.as_bytes(), 3).unwrap();
        let plain = || PAGE.as_bytes().to_vec();
        let variants: [(&str, Vec<u8>); 10] = [
            ("Content-Encoding: br\r\n", br),
            ("Content-Encoding: zstd\r\n", zst),
            // Stored already decoded, the header kept: read as it is.
            ("Content-Encoding: br\r\n", plain()),
            ("Content-Encoding: deflate\r\n", plain()),
            ("Content-Encoding: zstd\r\n", plain()),
            ("Content-Encoding: gzip\r\n", gz),
            ("Content-Encoding: deflate\r\n", zl),
            ("Content-Encoding: identity\r\n", PAGE.as_bytes().to_vec()),
            ("Transfer-Encoding: chunked\r\n", chunked),
            ("", PAGE.as_bytes().to_vec()),
        ];
        for (k, (headers, body)) in variants.iter().enumerate() {
            let w = raw_record(
                "response",
                &format!("http://e.example/{k}"),
                "application/http; msgtype=response",
                &http(headers, body),
            );
            let r = read_warc("x.warc", "x.warc", &w);
            assert!(r.skipped.is_empty(), "{headers}: {:?}", r.skipped);
            assert_eq!(r.documents.len(), 1, "{headers}");
            assert_eq!(r.documents[0].text, PAGE, "{headers}");
            assert!(r.documents[0].hints.crawled);
        }
    }

    #[test]
    fn a_body_that_is_neither_encoded_nor_markup_is_reported() {
        let w = raw_record(
            "response",
            "http://e.example/b",
            "application/http; msgtype=response",
            &http("Content-Encoding: br\r\n", &[0x8f, 0x02, 0x80, 0x7f, 0x00, 0x13, 0x99, 0x01]),
        );
        let r = read_warc("x.warc", "x.warc", &w);
        assert!(r.documents.is_empty());
        assert!(r.skipped.iter().any(|s| s.reason.contains("brotli")), "{:?}", r.skipped);
    }

    #[test]
    fn non_page_records_are_counted_in_one_entry() {
        let mut w = raw_record("warcinfo", "", "application/warc-fields", b"software: x");
        w.extend(raw_record("response", "dns:e.example", "text/dns", b"20240101 e.example. 300 IN A 192.0.2.1"));
        w.extend(raw_record(
            "request",
            "http://e.example/",
            "application/http; msgtype=request",
            b"GET / HTTP/1.1\r\n\r\n",
        ));
        w.extend(raw_record("metadata", "http://e.example/", "application/warc-fields", b"via: x"));
        w.extend(raw_record("revisit", "http://e.example/", "application/http", b"HTTP/1.1 200 OK\r\n\r\n"));
        w.extend(raw_record(
            "response",
            "http://e.example/",
            "application/http; msgtype=response",
            &http("", PAGE.as_bytes()),
        ));
        let r = read_warc("x.warc", "x.warc", &w);
        assert_eq!(r.documents.len(), 1);
        assert_eq!(r.skipped.len(), 2, "{:?}", r.skipped);
        let non_page = r.skipped.iter().find(|s| s.class == SkipClass::NonPage).unwrap();
        assert_eq!(non_page.count, 4, "{}", non_page.reason);
        assert!(non_page.reason.contains("dns response: 1"), "{}", non_page.reason);
        assert!(r.skipped.iter().any(|s| s.class == SkipClass::Duplicate && s.count == 1));
    }
}
