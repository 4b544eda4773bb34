//! Ingest: turns the paths a user gives into decoded [`Document`]s.
//!
//! * Files and directories (recursive, sorted by path), gzip-compressed files.
//! * UTF-8 with or without BOM, UTF-16 with BOM, CRLF / CR line ends normalised to LF,
//!   and a Windows-1252 (Latin-1) fallback for bytes that are not UTF-8.
//! * Bad input (missing, unreadable, empty, binary, truncated gzip) becomes a
//!   [`Skipped`] entry naming the file and the reason; the rest of the batch still runs.
//!
//! The input kind is detected from content ([`detect_kind`]), not only the extension.

use std::io::Read;
use std::path::{Path, PathBuf};

use parallax_core::{DocKind, Document, Skipped};

pub mod dates;
pub mod decode;
pub mod feed;
mod feed_xml;
pub mod jsonl;
pub mod junk;
pub mod warc;

pub use decode::decode_text;

/// Largest single input file read (bigger files are skipped with a reason).
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;

/// Why an input could not be read.
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    /// The path does not exist.
    #[error("no such file or directory")]
    NotFound,
    /// An I/O error while reading.
    #[error("cannot read: {0}")]
    Io(#[from] std::io::Error),
    /// The file is empty (or only white space).
    #[error("empty file")]
    Empty,
    /// The content is binary, not text.
    #[error("binary content, not text ({0})")]
    Binary(String),
    /// A gzip stream that is corrupt or cut short.
    #[error("broken gzip stream: {0}")]
    Gzip(String),
    /// The file is too large.
    #[error("file too large ({0} bytes; limit {MAX_FILE_BYTES})")]
    TooLarge(u64),
    /// A container format (feed, WARC, JSONL) that could not be parsed.
    #[error("{0}")]
    Format(String),
    /// Readable, but not an article (see `docs/minimum-content.md`).
    #[error("not an article: {0}")]
    NotArticle(String),
}

/// Result of ingesting a batch of paths.
#[derive(Debug, Default)]
pub struct IngestReport {
    /// Decoded documents, in input order (directories sorted).
    pub documents: Vec<Document>,
    /// Inputs that were skipped, each with its reason.
    pub skipped: Vec<Skipped>,
    /// Feed items with a title and link but no text (empty `text`): a later fetch can fill
    /// them. Each is also counted in `skipped` as [`parallax_core::SkipClass::NoText`].
    pub stubs: Vec<Document>,
}

/// Expands paths into a sorted list of files. Missing paths are reported as skipped.
pub fn expand_paths(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<Skipped>) {
    let mut files = Vec::new();
    let mut skipped = Vec::new();
    for p in paths {
        if is_stdin(p) {
            files.push(p.clone());
            continue;
        }
        match std::fs::metadata(p) {
            Err(e) => skipped.push(Skipped::new(
                p.display().to_string(),
                if e.kind() == std::io::ErrorKind::NotFound {
                    IngestError::NotFound.to_string()
                } else {
                    IngestError::Io(e).to_string()
                },
            )),
            Ok(m) if m.is_dir() => walk_dir(p, &mut files, &mut skipped),
            Ok(_) => files.push(p.clone()),
        }
    }
    (files, skipped)
}

fn walk_dir(dir: &Path, files: &mut Vec<PathBuf>, skipped: &mut Vec<Skipped>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            skipped.push(Skipped::new(dir.display().to_string(), IngestError::Io(e).to_string()));
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for p in paths {
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
        // Hidden files and answer keys are not inputs.
        if name.starts_with('.') || is_answer_key(name) {
            continue;
        }
        if p.is_dir() {
            walk_dir(&p, files, skipped);
        } else {
            files.push(p);
        }
    }
}

/// `gold.json` and similar answer-key / metadata files that sit beside corpora are not
/// news inputs when a directory is walked (a file named explicitly is still read).
fn is_answer_key(name: &str) -> bool {
    matches!(name, "gold.json" | "README.md" | "LICENSE" | "NOTICE" | "expected-metadata.json")
}

/// Reads every path (files and directories) into documents.
pub fn ingest_paths(paths: &[PathBuf]) -> IngestReport {
    let (files, mut skipped) = expand_paths(paths);
    let mut documents = Vec::new();
    let mut stubs = Vec::new();
    for f in files {
        match read_file(&f) {
            Ok(out) => {
                documents.extend(out.documents);
                skipped.extend(out.skipped);
                stubs.extend(out.stubs);
            }
            Err(e) => skipped.push(skip_for(&f.display().to_string(), &e)),
        }
    }
    let mut report = IngestReport { documents, skipped, stubs };
    drop_repeats(&mut report);
    report
}

/// Drops documents identical to one read earlier in the batch (the same text at the same
/// address, or both without one): the same file given twice, or an item in several saved
/// snapshots of one feed. Counted per input as [`parallax_core::SkipClass::Duplicate`].
/// Identical text at different addresses (syndicated copies) is kept.
fn drop_repeats(report: &mut IngestReport) {
    use std::hash::{Hash, Hasher};
    let mut seen: std::collections::HashMap<u64, String> = std::collections::HashMap::new();
    let mut repeats: Vec<(String, String, usize)> = Vec::new();
    report.documents.retain(|d| {
        let mut h = std::hash::DefaultHasher::new();
        (d.url.as_deref(), d.text.as_str()).hash(&mut h);
        match seen.entry(h.finish()) {
            std::collections::hash_map::Entry::Vacant(v) => {
                v.insert(d.source.clone());
                true
            }
            std::collections::hash_map::Entry::Occupied(first) => {
                match repeats.last_mut() {
                    Some((path, _, n)) if *path == d.path => *n += 1,
                    _ => repeats.push((d.path.clone(), first.get().clone(), 1)),
                }
                false
            }
        }
    });
    for (path, first, n) in repeats {
        let why = if n == 1 {
            format!("identical to {first} (same text and address)")
        } else {
            format!("{n} documents identical to earlier inputs (same text and address; first: {first})")
        };
        report.skipped.push(Skipped::of(parallax_core::SkipClass::Duplicate, path, why, n));
    }
}

/// The skipped entry for an input that failed with `e` (class by the kind of failure).
pub fn skip_for(path: &str, e: &IngestError) -> Skipped {
    let class = match e {
        IngestError::NotArticle(_) => parallax_core::SkipClass::NotArticle,
        _ => parallax_core::SkipClass::Unusable,
    };
    Skipped::of(class, path, e.to_string(), 1)
}

/// `-` names standard input.
fn is_stdin(p: &Path) -> bool {
    p.as_os_str() == "-"
}

/// Reads one document (or container) from standard input; it is named `stdin`.
pub fn read_stdin() -> Result<IngestReport, IngestError> {
    let mut bytes = Vec::new();
    std::io::stdin().lock().take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(IngestError::TooLarge(bytes.len() as u64));
    }
    documents_from_bytes("stdin", "-", &bytes)
}

/// Reads one file into one or more documents.
pub fn read_file(path: &Path) -> Result<IngestReport, IngestError> {
    if is_stdin(path) {
        return read_stdin();
    }
    let meta = std::fs::metadata(path).map_err(|e| {
        if e.kind() == std::io::ErrorKind::NotFound { IngestError::NotFound } else { IngestError::Io(e) }
    })?;
    if meta.len() > MAX_FILE_BYTES {
        return Err(IngestError::TooLarge(meta.len()));
    }
    let bytes = std::fs::read(path)?;
    let source = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    documents_from_bytes(&source, &path.display().to_string(), &bytes)
}

/// Decompresses gzip if the bytes start with the gzip magic number.
pub fn maybe_gunzip(bytes: &[u8]) -> Result<std::borrow::Cow<'_, [u8]>, IngestError> {
    if bytes.len() >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b {
        let mut out = Vec::new();
        let mut d = flate2::read::MultiGzDecoder::new(bytes).take(MAX_FILE_BYTES * 4);
        d.read_to_end(&mut out).map_err(|e| IngestError::Gzip(e.to_string()))?;
        Ok(std::borrow::Cow::Owned(out))
    } else {
        Ok(std::borrow::Cow::Borrowed(bytes))
    }
}

/// Strips a trailing `.gz` / `.gzip` from a source name.
fn strip_gz(source: &str) -> &str {
    source.strip_suffix(".gz").or_else(|| source.strip_suffix(".gzip")).unwrap_or(source)
}

/// Turns the bytes of one input into documents (one for a page; several for containers).
/// `source` is the name reported to the user (normally the file name).
///
/// The kind is detected from content: WARC (`WARC/` at the start, gzip or not), feeds
/// (RSS/RDF/Atom XML, JSON Feed), JSON Lines, HTML, else plain text.
pub fn documents_from_bytes(source: &str, path: &str, bytes: &[u8]) -> Result<IngestReport, IngestError> {
    let (data, gz_error) = match maybe_gunzip(bytes) {
        Ok(d) => (d, None),
        Err(e) => {
            // A truncated .warc.gz still holds whole records before the cut.
            let partial = gunzip_partial(bytes);
            if partial.starts_with(b"WARC/") { (std::borrow::Cow::Owned(partial), Some(e)) } else { return Err(e) }
        }
    };
    if data.starts_with(b"WARC/") {
        let mut report = warc::read_warc(source, path, &data);
        if let Some(e) = gz_error {
            report.skipped.push(Skipped::new(path.to_string(), e.to_string()));
        }
        // An archive that gives nothing must say so on its own line (non-page records are
        // only counted).
        if report.documents.is_empty() && !report.skipped.iter().any(|s| s.class == parallax_core::SkipClass::Unusable)
        {
            let what: Vec<&str> = report.skipped.iter().map(|s| s.reason.as_str()).collect();
            let what = if what.is_empty() { String::new() } else { format!(": {}", what.join("; ")) };
            return Err(IngestError::Format(format!("WARC archive without HTML pages{what}")));
        }
        return Ok(report);
    }
    if data.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(IngestError::Empty);
    }
    let text = decode_text(&data)?;
    if feed::looks_like_feed(&text) {
        return feed::read_feed(source, path, &text);
    }
    let lower = strip_gz(source).to_ascii_lowercase();
    if jsonl::looks_like_jsonl(&text) || lower.ends_with(".jsonl") || lower.ends_with(".ndjson") {
        let report = jsonl::read_jsonl(source, path, &text);
        if report.documents.is_empty() {
            let why = report.skipped.first().map(|s| s.reason.clone()).unwrap_or_else(|| "no records".into());
            return Err(IngestError::Format(format!("no usable JSONL line ({why})")));
        }
        return Ok(report);
    }
    let kind = detect_kind(&text);
    if kind == DocKind::Text
        && let Some(why) = junk::junk_reason(&text)
    {
        return Err(IngestError::NotArticle(why));
    }
    let doc = Document {
        source: source.to_string(),
        path: path.to_string(),
        url: None,
        kind,
        text,
        hints: Default::default(),
    };
    Ok(IngestReport { documents: vec![doc], ..Default::default() })
}

/// Decompresses as much of a (possibly truncated) gzip stream as possible.
fn gunzip_partial(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut d = flate2::read::MultiGzDecoder::new(bytes).take(MAX_FILE_BYTES * 4);
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        match d.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(k) => out.extend_from_slice(&buf[..k]),
        }
    }
    out
}

/// Detects the content kind of decoded text.
pub fn detect_kind(text: &str) -> DocKind {
    let head: String = text.trim_start().chars().take(1024).collect::<String>().to_ascii_lowercase();
    if head.starts_with("<!doctype html")
        || head.starts_with("<html")
        || (head.starts_with("<?xml") && head.contains("<html"))
        || (head.starts_with('<')
            && (head.contains("<body")
                || head.contains("<head")
                || head.contains("<div")
                || head.contains("<p>")
                || head.contains("<meta")
                || head.contains("<title")))
        || (head.starts_with("<!--") && head.contains("<html"))
    {
        DocKind::Html
    } else {
        DocKind::Text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_and_binary_are_errors() {
        assert!(matches!(documents_from_bytes("a", "a", b"  \n"), Err(IngestError::Empty)));
        let bin: Vec<u8> = (0..200u8).collect();
        assert!(matches!(documents_from_bytes("b", "b", &bin), Err(IngestError::Binary(_))));
    }

    #[test]
    fn truncated_gzip_is_an_error() {
        use std::io::Write;
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        e.write_all("hello world, a long enough text to compress ".repeat(50).as_bytes()).unwrap();
        let gz = e.finish().unwrap();
        let ok = documents_from_bytes("x.txt.gz", "x.txt.gz", &gz).unwrap();
        assert!(ok.documents[0].text.starts_with("hello world"));
        assert!(matches!(documents_from_bytes("x", "x", &gz[..gz.len() / 2]), Err(IngestError::Gzip(_))));
    }

    #[test]
    fn directories_are_walked_sorted_and_missing_paths_reported() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        let prose = "A council met on Tuesday to discuss the budget for the coming year. Members argued about \
                     the cost of the bridge repairs and the mayor promised a decision next week.";
        std::fs::write(dir.path().join("b.txt"), format!("B text. {prose}")).unwrap();
        std::fs::write(dir.path().join("sub/a.txt"), format!("A text. {prose}")).unwrap();
        std::fs::write(dir.path().join("empty.txt"), "").unwrap();
        std::fs::write(dir.path().join("hello.txt"), "hello").unwrap();
        let r = ingest_paths(&[dir.path().to_path_buf(), dir.path().join("missing.txt")]);
        let names: Vec<_> = r.documents.iter().map(|d| d.source.as_str()).collect();
        assert_eq!(names, ["b.txt", "a.txt"]);
        assert_eq!(r.skipped.len(), 3);
        assert!(r.skipped.iter().any(|s| s.path.ends_with("hello.txt")
            && s.class == parallax_core::SkipClass::NotArticle
            && s.reason.starts_with("not an article: too short")));
        assert!(r.skipped.iter().any(|s| s.path.ends_with("missing.txt") && s.reason.contains("no such file")));
        assert!(r.skipped.iter().any(|s| s.path.ends_with("empty.txt") && s.reason == "empty file"));
    }
}
