//! `parallax quotes PATH...`: the quotations of each input (content span and verbatim parts)
//! with speaker, verb, kind, medium and relay. By default only attributions that hold quoted
//! words (kinds `direct` and `partial`) are listed; `--indirect` adds reported speech without
//! quotation marks ("the minister said the talks had failed"), which has no verbatim parts.
//!
//! Offsets are character (not byte) offsets into the text the tool read: the decoded file
//! text for plain-text inputs, the extracted article body for HTML inputs (`"offsets": "body"`).

use std::path::PathBuf;
use std::process::ExitCode;

use parallax_analyze::who::QuoteKind;
use parallax_core::{DocKind, Document};

use parallax_core::text::plural;

use crate::output::{RecordFormat, report_skipped, write_output};

/// Arguments of `quotes`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Files or directories.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Output format: one object per input per line, or one array.
    #[arg(long, value_enum, default_value = "jsonl")]
    pub format: RecordFormat,
    /// Write to FILE instead of stdout.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Also list reported speech without quoted words (kind `indirect`).
    #[arg(long)]
    pub indirect: bool,
}

#[derive(serde::Serialize)]
struct OutPart {
    text: String,
    start: usize,
    end: usize,
}

/// One attribution: the attributed content (a full quotation with its marks, a chain
/// `"A," he said. "B."`, or the reported clause around a partial quote) and its verbatim parts.
#[derive(serde::Serialize)]
struct OutQuote {
    text: String,
    start: usize,
    end: usize,
    /// The quoted words themselves (inside the marks); empty for indirect speech.
    parts: Vec<OutPart>,
    /// The speaker as the attribution names them, title left out ("Lee" in `Lee said`); for
    /// a pronoun or a description ("he said", "the mayor said"), the person it refers to.
    speaker: Option<String>,
    /// The fullest name the text gives that speaker ("Ann Lee"), when it is resolved to one.
    speaker_full: Option<String>,
    /// The speaker's role or title, kept apart from the name ("Sen.", "Kremlin spokesman").
    role: Option<String>,
    verb: Option<String>,
    kind: &'static str,
    medium: Option<String>,
    via: Option<String>,
}

#[derive(serde::Serialize)]
struct OutDoc {
    source: String,
    /// `text` (offsets into the decoded input) or `body` (into the extracted article body).
    offsets: &'static str,
    quotes: Vec<OutQuote>,
}

/// Byte offsets → character offsets, for sorted-or-not positions, in one pass per call.
fn char_offsets(text: &str, bytes: &[usize]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..bytes.len()).collect();
    order.sort_by_key(|&i| bytes[i]);
    let mut out = vec![0; bytes.len()];
    let (mut b, mut c) = (0usize, 0usize);
    let mut chars = text.char_indices().peekable();
    for i in order {
        let target = bytes[i].min(text.len());
        while b < target {
            match chars.next() {
                Some((_, ch)) => {
                    b += ch.len_utf8();
                    c += 1;
                }
                None => break,
            }
        }
        out[i] = c;
    }
    out
}

fn quotes_of(doc: &Document, indirect: bool) -> Result<OutDoc, String> {
    let (text, offsets) = match doc.kind {
        // Spaces unified one character for one: the character offsets still fit the input.
        DocKind::Text => (parallax_core::text::unify_spaces(&doc.text).into_owned(), "text"),
        DocKind::Html => (parallax_extract::extract(doc).map_err(|e| e.to_string())?.body, "body"),
    };
    let qs = parallax_analyze::who::quotes_in_text(&text);
    let pos: Vec<usize> =
        qs.iter().flat_map(|q| [q.range.start, q.range.end, q.content.start, q.content.end]).collect();
    let ch = char_offsets(&text, &pos);
    let part = |i: usize| OutPart { text: text[qs[i].range.clone()].to_string(), start: ch[4 * i], end: ch[4 * i + 1] };
    let quotes = parallax_analyze::who::quotes::attributions(&qs)
        .into_iter()
        .map(|run| (run[0], &qs[run[0]], run))
        .filter(|(_, q, _)| indirect || q.kind != QuoteKind::Indirect)
        .map(|(i, q, run)| OutQuote {
            text: text[q.content.clone()].to_string(),
            start: ch[4 * i + 2],
            end: ch[4 * i + 3],
            parts: if q.kind == QuoteKind::Indirect { Vec::new() } else { run.into_iter().map(part).collect() },
            speaker: q.named.clone().or_else(|| q.speaker.clone()),
            speaker_full: q.entity.and(q.speaker.clone()),
            role: q.role.clone(),
            verb: q.verb.clone(),
            kind: q.kind.as_str(),
            medium: q.medium.clone(),
            via: q.via.clone(),
        })
        .collect();
    Ok(OutDoc { source: doc.source.clone(), offsets, quotes })
}

/// Runs `quotes`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let ingested = parallax_ingest::ingest_paths(&args.paths);
    let mut skipped = ingested.skipped;
    let mut docs = Vec::new();
    for d in &ingested.documents {
        match quotes_of(d, args.indirect) {
            Ok(o) => docs.push(o),
            Err(reason) => skipped.push(parallax_core::Skipped::new(d.path.clone(), reason)),
        }
    }
    report_skipped(&skipped);
    let content = if args.format == RecordFormat::Jsonl {
        let mut s = String::new();
        for d in &docs {
            s.push_str(&serde_json::to_string(d)?);
            s.push('\n');
        }
        s
    } else {
        serde_json::to_string_pretty(&docs)? + "\n"
    };
    write_output(args.output.as_deref(), &content)?;
    let n: usize = docs.iter().map(|d| d.quotes.len()).sum();
    eprintln!(
        "parallax: {} in {}; {} skipped",
        plural(n, "quote"),
        plural(docs.len(), "input"),
        plural(skipped.len(), "input")
    );
    Ok(if docs.is_empty() { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_offsets_count_characters() {
        let t = "é “ab” x";
        let b = t.find('a').unwrap_or(0);
        assert_eq!(char_offsets(t, &[b, t.len(), 0]), vec![3, 8, 0]);
    }
}
