//! `parallax`: the thin command-line front end. All work happens in the library crates.
//!
//! Exit codes: 0 success; 1 nothing could be analysed (every input skipped, or no input);
//! 2 usage or fatal error (bad flags, unwritable output, unusable database).

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// mimalloc instead of the system allocator: the pipeline makes many small short-lived
/// allocations (tokens, forms, captures) on two threads, where glibc's malloc and free took
/// a tenth of the instructions of an analyze run.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod cmd;
mod output;
mod progress;

/// Parallax reads one event through many outlets.
#[derive(Debug, Parser)]
#[command(
    name = "parallax",
    version,
    about,
    long_about = None,
    after_help = "--format defaults: commands that print one record per input (extract, dates, quotes) \
                  default to jsonl; commands that print stories or hits (analyze, cluster, stories, show, \
                  search) default to readable text."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Run the whole pipeline (ingest → extract → cluster → analyze) and print a report.
    Analyze(cmd::analyze::Args),
    /// Extract articles (body + metadata) from inputs.
    Extract(cmd::extract::Args),
    /// Group inputs into stories.
    Cluster(cmd::cluster::Args),
    /// Find and resolve temporal expressions in inputs.
    Dates(cmd::dates::Args),
    /// Find quotes with speakers in inputs.
    Quotes(cmd::quotes::Args),
    /// Add inputs to the store.
    Ingest(cmd::store::IngestArgs),
    /// List stored stories.
    Stories(cmd::store::StoriesArgs),
    /// Show one stored story.
    Show(cmd::store::ShowArgs),
    /// Full-text search over stored articles.
    Search(cmd::store::SearchArgs),
    /// Rebuild the search index from the store.
    Reindex(cmd::store::ReindexArgs),
    /// Serve the HTTP API and HTML pages.
    Serve(cmd::store::ServeArgs),
    /// Add inputs to the work queue of a PostgreSQL store.
    Enqueue(cmd::queue::EnqueueArgs),
    /// Process queued inputs (extract, store, assign stories); run as many as you like.
    Worker(cmd::queue::WorkerArgs),
    /// Follow feeds live: poll them, fetch new articles, keep stories up to date.
    Watch(cmd::watch::WatchArgs),
    /// List watched feeds with their health.
    Feeds(cmd::watch::FeedsArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Analyze(a) => cmd::analyze::run(a),
        Command::Extract(a) => cmd::extract::run(a),
        Command::Cluster(a) => cmd::cluster::run(a),
        Command::Dates(a) => cmd::dates::run(a),
        Command::Quotes(a) => cmd::quotes::run(a),
        Command::Ingest(a) => cmd::store::ingest(a),
        Command::Stories(a) => cmd::store::stories(a),
        Command::Show(a) => cmd::store::show(a),
        Command::Search(a) => cmd::store::search(a),
        Command::Reindex(a) => cmd::store::reindex(a),
        Command::Serve(a) => cmd::store::serve(a),
        Command::Enqueue(a) => cmd::queue::enqueue(a),
        Command::Worker(a) => cmd::queue::worker(a),
        Command::Watch(a) => cmd::watch::watch(a),
        Command::Feeds(a) => cmd::watch::feeds(a),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            if is_broken_pipe(&err) {
                return ExitCode::SUCCESS;
            }
            eprintln!("parallax: error: {}", error_message(&err));
            ExitCode::from(2)
        }
    }
}

/// The error and its causes joined by ": ", each message once: a cause whose text, or whose
/// last clause, the message already says (libraries that repeat their source, like SQLite's
/// "file is not a database: Error code 26: file is not a database") is not printed again.
fn error_message(err: &anyhow::Error) -> String {
    let mut msg = String::new();
    for cause in err.chain() {
        let text = cause.to_string();
        let last = text.rsplit(": ").next().unwrap_or(&text);
        if msg.contains(&text) || (!last.is_empty() && msg.contains(last)) {
            continue;
        }
        if !msg.is_empty() {
            msg.push_str(": ");
        }
        msg.push_str(&text);
    }
    msg
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain()
        .any(|e| e.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe))
}
