//! Writing command output to stdout or a file.

use std::io::{IsTerminal, Write};
use std::path::Path;

use anyhow::Context;

/// Output format of the per-input commands (`extract` adds `text`; `dates`, `quotes`).
/// Per-input commands default to JSONL, story-level ones (`analyze`, `cluster`, `show`,
/// `stories`, `search`) to text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum RecordFormat {
    /// One JSON object per line.
    Jsonl,
    /// One JSON array.
    Json,
}

/// When to colour the text report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorChoice {
    /// On a terminal, unless `NO_COLOR` is set.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

/// Arguments shared by the commands that print a story report (`analyze`, `show`).
#[derive(Debug, Clone, clap::Args)]
pub struct ReportArgs {
    /// Colour the text report: `auto` (on a terminal, unless NO_COLOR is set), `always`, `never`.
    #[arg(long, value_enum, default_value = "auto", value_name = "WHEN")]
    pub color: ColorChoice,
    /// Print everything (the text report is otherwise kept short: one-outlet quotes summarised,
    /// long lists cut).
    #[arg(long)]
    pub full: bool,
}

impl ReportArgs {
    /// Layout of the text report written to `output` (stdout when `None`): the terminal's
    /// width on a terminal, else 100 columns.
    pub fn options(&self, output: Option<&Path>) -> parallax_pipeline::render::Options {
        let term = output.is_none() && std::io::stdout().is_terminal();
        let width = if term { console::Term::stdout().size_checked().map(|(_, w)| w as usize) } else { None };
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let color = match self.color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => term && !no_color,
        };
        parallax_pipeline::render::Options { width: width.unwrap_or(100).clamp(40, 200), color, full: self.full }
    }
}

/// Writes `content` to `path` (or stdout when `None`).
pub fn write_output(path: Option<&Path>, content: &str) -> anyhow::Result<()> {
    match path {
        Some(p) => std::fs::write(p, content).with_context(|| format!("cannot write {}", p.display())),
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(content.as_bytes())?;
            // Nothing to print (no records) prints nothing, not an empty line.
            if !content.is_empty() && !content.ends_with('\n') {
                out.write_all(b"\n")?;
            }
            out.flush()?;
            Ok(())
        }
    }
}

/// Prints one line per skipped input to stderr. Archive records that are not pages
/// (requests, metadata, DNS...) are only counted, in the summary line.
pub fn report_skipped(skipped: &[parallax_core::Skipped]) {
    for s in skipped.iter().filter(|s| s.class != parallax_core::SkipClass::NonPage) {
        eprintln!("parallax: skipped {}: {}", s.path, s.reason);
    }
}
