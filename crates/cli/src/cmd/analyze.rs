//! `parallax analyze PATH...`

use std::path::PathBuf;
use std::process::ExitCode;

use clap::ValueEnum;
use parallax_pipeline::render::{self, Style};

use parallax_core::text::plural;

use crate::output::{ReportArgs, report_skipped, write_output};
use crate::progress::Bar;

/// Output format of `analyze`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Readable terminal report.
    Text,
    /// `{"schema_version": 1, "stories": [...]}` (schema/analysis.schema.json).
    Json,
    /// Markdown report.
    Md,
    /// Standalone HTML story page.
    Html,
}

/// Arguments of `analyze`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Files or directories (text dumps, HTML, feeds, WARC, JSONL; gzip allowed).
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
    /// Write to FILE instead of stdout.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub report: ReportArgs,
}

/// Runs `analyze`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let bar = Bar::new();
    let out = parallax_pipeline::analyze_paths(&args.paths, &|s, d, t| bar.update(s, d, t));
    bar.finish();
    report_skipped(&out.skipped);
    let content = match args.format {
        Format::Json => parallax_pipeline::to_json_pretty(&out)?,
        Format::Text => render::render_with(&out, Style::Text, &args.report.options(args.output.as_deref())),
        Format::Md => render::render(&out, Style::Markdown),
        Format::Html => parallax_server::render_report_html(&out),
    };
    write_output(args.output.as_deref(), &content)?;
    let analysed: usize = out.stories.iter().map(|s| s.story.article_count).sum();
    eprintln!(
        "parallax: {} in {}; {}",
        plural(analysed, "article"),
        plural(out.stories.len(), "story"),
        parallax_core::skip_summary(&out.skipped)
    );
    // The process ends here: freeing the report and its text one allocation at a time would
    // only delay the exit (serially, on this thread).
    std::mem::forget(content);
    std::mem::forget(out);
    Ok(if analysed == 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}
