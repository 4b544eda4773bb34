//! `parallax dates PATH...`: temporal expressions found and resolved, one record per input.
//!
//! Output record: `{"source", "dates": [{"text", "start", "end", "value", "type", "grain"}]}` where
//! `type` is the TimeML type: `DATE` and `TIME` (points on the calendar), and with `--all-types`
//! also `DURATION` and `SET` (lengths and repetitions, which are not dates); `start`
//! and `end` are CHARACTER offsets (Unicode scalar values, end exclusive) into the text the tool
//! read: the `text` field of a JSONL line or feed item, the whole file for a plain-text dump, the
//! extracted body for an HTML page.
//!
//! The document creation time (DCT) against which relative expressions are resolved is, in order:
//! the `--dct YYYY-MM-DD` flag, the publication date the container gives (JSONL `published`,
//! feed date), the publication date extraction finds in the page. Without any, relative
//! expressions are printed with `"value": null`.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use parallax_core::{DocKind, Document};
use parallax_temporal::TimexType;

/// Arguments of `dates`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Files or directories.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Output format: one record per input per line, or one array.
    #[arg(long, value_enum, default_value = "jsonl")]
    pub format: crate::output::RecordFormat,
    /// Document creation time (publication date, `YYYY-MM-DD`) for every input, overriding the
    /// date given by the input.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub dct: Option<String>,
    /// Also print durations (`for 18 days`) and sets (`every Friday`), TimeML DURATION and SET;
    /// by default only dates and times (DATE, TIME) are printed.
    #[arg(long)]
    pub all_types: bool,
    /// Write to FILE instead of stdout.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(serde::Serialize)]
struct DateOut<'a> {
    text: &'a str,
    start: usize,
    end: usize,
    value: Option<&'a str>,
    #[serde(rename = "type")]
    timex_type: &'static str,
    grain: &'static str,
}

#[derive(serde::Serialize)]
struct Record<'a> {
    source: &'a str,
    dates: Vec<DateOut<'a>>,
}

/// The text to read and the DCT of one document.
fn text_and_dct(doc: &Document, forced: Option<chrono::NaiveDate>) -> (String, Option<chrono::NaiveDate>) {
    let hinted = doc.hints.published.as_deref().and_then(parallax_temporal::parse_dct);
    let extracted = if forced.is_none() && hinted.is_none() || doc.kind == DocKind::Html {
        parallax_extract::extract(doc).ok()
    } else {
        None
    };
    let text = match (doc.kind, &extracted) {
        (DocKind::Html, Some(a)) => a.body.clone(),
        _ => doc.text.clone(),
    };
    let dct = forced.or(hinted).or_else(|| extracted.as_ref().and_then(|a| a.published_date()));
    (text, dct)
}

/// Runs `dates`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let forced = match &args.dct {
        Some(s) => Some(
            chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
                .with_context(|| format!("--dct: expected YYYY-MM-DD, got {s:?}"))?,
        ),
        None => None,
    };
    let ingested = parallax_ingest::ingest_paths(&args.paths);
    crate::output::report_skipped(&ingested.skipped);
    let mut texts = Vec::with_capacity(ingested.documents.len());
    for doc in &ingested.documents {
        let (text, dct) = text_and_dct(doc, forced);
        let mut exprs = parallax_temporal::find_timexes(&text, dct);
        if !args.all_types {
            exprs.retain(|e| matches!(e.timex_type, TimexType::Date | TimexType::Time));
        }
        texts.push((doc.source.as_str(), text, exprs));
    }
    let records: Vec<Record<'_>> = texts
        .iter()
        .map(|(source, text, exprs)| {
            let offsets = parallax_temporal::char_offsets(text, exprs);
            Record {
                source,
                dates: exprs
                    .iter()
                    .zip(&offsets)
                    .map(|(e, &(start, end))| DateOut {
                        text: &e.text,
                        start,
                        end,
                        value: e.value.as_deref(),
                        timex_type: e.timex_type.as_str(),
                        grain: e.grain.as_str(),
                    })
                    .collect(),
            }
        })
        .collect();
    let out = if args.format == crate::output::RecordFormat::Jsonl {
        let mut lines = Vec::with_capacity(records.len());
        for r in &records {
            lines.push(serde_json::to_string(r)?);
        }
        lines.join("\n")
    } else {
        serde_json::to_string_pretty(&records)?
    };
    crate::output::write_output(args.output.as_deref(), &out)?;
    if ingested.documents.is_empty() {
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}
