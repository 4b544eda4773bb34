//! WARC archives (plain, or gzip per record / per file): HTTP `response` (and `resource`)
//! records with HTML bodies become documents carrying the target URI and the WARC date.
//! Duplicate target URIs and payload digests are skipped and counted; a truncated record is
//! reported and the records before it are kept.
//!
//! Records come from a [`RecordSource`]; [`WarcReader`] is the hand-written reader (a crate such
//! as `warc` could implement the same trait).

use std::collections::BTreeSet;
use std::hash::{Hash, Hasher};

use parallax_core::{DocHints, DocKind, Document, Skipped};

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

fn dechunk(body: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let mut pos = 0;
    loop {
        let line_end = pos + find(&body[pos..], b"\r\n")?;
        let size_str = String::from_utf8_lossy(&body[pos..line_end]);
        let size = usize::from_str_radix(size_str.split(';').next()?.trim(), 16).ok()?;
        pos = line_end + 2;
        if size == 0 {
            return Some(out);
        }
        if pos + size > body.len() {
            return None;
        }
        out.extend_from_slice(&body[pos..pos + size]);
        pos += size + 2;
    }
}

/// Reads every record of a decompressed WARC archive.
pub fn read_warc(source: &str, path: &str, data: &[u8]) -> IngestReport {
    read_records(source, path, &mut WarcReader::new(data))
}

/// Reads every record of a [`RecordSource`].
pub fn read_records<'a>(source: &str, path: &str, records: &mut dyn RecordSource<'a>) -> IngestReport {
    let mut report = IngestReport::default();
    let mut seen_uris: BTreeSet<String> = BTreeSet::new();
    let mut seen_digests: BTreeSet<String> = BTreeSet::new();
    let mut n = 0usize;
    let mut duplicates = 0usize;
    while let Some(r) = records.next_record() {
        n += 1;
        let name = format!("{source}#{n}");
        let rec = match r {
            Ok(rec) => rec,
            Err(e) => {
                report.skipped.push(Skipped { path: format!("{path}#{n}"), reason: e.to_string() });
                break;
            }
        };
        let wtype = rec.header("warc-type").unwrap_or("").to_ascii_lowercase();
        if wtype == "revisit" {
            duplicates += 1;
            continue;
        }
        if wtype != "response" && wtype != "resource" {
            continue; // warcinfo, request, metadata, conversion: not documents.
        }
        let uri = rec.header("warc-target-uri").map(|u| u.trim_matches(['<', '>']).to_string());
        let (ctype, body): (String, std::borrow::Cow<'_, [u8]>) = if wtype == "response" {
            let Some((status, hh, body)) = split_http(rec.block) else {
                report
                    .skipped
                    .push(Skipped { path: format!("{path}#{n}"), reason: "response without an HTTP header".into() });
                continue;
            };
            if !(200..300).contains(&status) {
                continue; // redirects, errors: not pages.
            }
            let get = |k: &str| hh.iter().find(|(a, _)| a == k).map(|(_, v)| v.to_ascii_lowercase());
            let mut body: std::borrow::Cow<'_, [u8]> = std::borrow::Cow::Borrowed(body);
            if get("transfer-encoding").is_some_and(|t| t.contains("chunked"))
                && let Some(d) = dechunk(&body)
            {
                body = std::borrow::Cow::Owned(d);
            }
            if get("content-encoding").is_some_and(|t| t.contains("gzip")) {
                match crate::maybe_gunzip(&body) {
                    Ok(d) => body = std::borrow::Cow::Owned(d.into_owned()),
                    Err(e) => {
                        report.skipped.push(Skipped { path: format!("{path}#{n}"), reason: e.to_string() });
                        continue;
                    }
                }
            }
            (get("content-type").unwrap_or_default(), body)
        } else {
            (rec.header("content-type").unwrap_or("").to_ascii_lowercase(), std::borrow::Cow::Borrowed(rec.block))
        };
        if !(ctype.is_empty() || ctype.contains("html") || ctype.contains("xhtml")) {
            continue; // images, scripts, style sheets.
        }
        if body.len() > MAX_RECORD_BYTES {
            report.skipped.push(Skipped {
                path: format!("{path}#{n}"),
                reason: format!("record too large ({} bytes)", body.len()),
            });
            continue;
        }
        if let Some(u) = &uri
            && !seen_uris.insert(u.clone())
        {
            duplicates += 1;
            continue;
        }
        let digest = rec.header("warc-payload-digest").map(str::to_string).unwrap_or_else(|| {
            let mut h = std::hash::DefaultHasher::new();
            body.hash(&mut h);
            format!("h:{:016x}", h.finish())
        });
        if !seen_digests.insert(digest) {
            duplicates += 1;
            continue;
        }
        let text = match decode_with_header_charset(&body, &ctype) {
            Ok(t) => t,
            Err(e) => {
                report.skipped.push(Skipped { path: format!("{path}#{n}"), reason: e.to_string() });
                continue;
            }
        };
        report.documents.push(Document {
            source: name,
            path: path.to_string(),
            url: uri,
            kind: DocKind::Html,
            text,
            hints: DocHints { published: rec.header("warc-date").map(str::to_string), ..Default::default() },
        });
    }
    if duplicates > 0 {
        report.skipped.push(Skipped {
            path: path.to_string(),
            reason: format!("{duplicates} duplicate WARC record(s) skipped (same target URI or payload digest)"),
        });
    }
    report
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
