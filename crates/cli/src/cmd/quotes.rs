//! `parallax quotes PATH...`

use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `quotes`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Files or directories.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, default_value = "json")]
    pub format: String,
    /// Write to FILE instead of stdout.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// Runs `quotes`.
pub fn run(_args: Args) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`quotes` is not implemented yet")
}
