//! Store-backed commands: `ingest`, `stories`, `show`, `search`, `reindex`, `serve`.

use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `ingest`.
#[derive(Debug, clap::Args)]
pub struct IngestArgs {
    /// Files or directories.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Database file.
    #[arg(long)]
    pub db: Option<PathBuf>,
}

/// Arguments of `stories`.
#[derive(Debug, clap::Args)]
pub struct StoriesArgs {
    /// Database file.
    #[arg(long)]
    pub db: Option<PathBuf>,
}

/// Arguments of `show`.
#[derive(Debug, clap::Args)]
pub struct ShowArgs {
    /// Story id.
    pub story: String,
    /// Database file.
    #[arg(long)]
    pub db: Option<PathBuf>,
}

/// Arguments of `search`.
#[derive(Debug, clap::Args)]
pub struct SearchArgs {
    /// Query.
    pub query: String,
    /// Database file.
    #[arg(long)]
    pub db: Option<PathBuf>,
}

/// Arguments of `reindex`.
#[derive(Debug, clap::Args)]
pub struct ReindexArgs {
    /// Database file.
    #[arg(long)]
    pub db: Option<PathBuf>,
}

/// Arguments of `serve`.
#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    /// Database file.
    #[arg(long)]
    pub db: Option<PathBuf>,
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub addr: String,
}

fn todo(name: &str) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`{name}` is not implemented yet")
}

/// Runs `ingest`.
pub fn ingest(_a: IngestArgs) -> anyhow::Result<ExitCode> {
    todo("ingest")
}
/// Runs `stories`.
pub fn stories(_a: StoriesArgs) -> anyhow::Result<ExitCode> {
    todo("stories")
}
/// Runs `show`.
pub fn show(_a: ShowArgs) -> anyhow::Result<ExitCode> {
    todo("show")
}
/// Runs `search`.
pub fn search(_a: SearchArgs) -> anyhow::Result<ExitCode> {
    todo("search")
}
/// Runs `reindex`.
pub fn reindex(_a: ReindexArgs) -> anyhow::Result<ExitCode> {
    todo("reindex")
}
/// Runs `serve`.
pub fn serve(_a: ServeArgs) -> anyhow::Result<ExitCode> {
    todo("serve")
}
