//! `parallax extract PATH...`

use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `extract`.
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

/// Runs `extract`.
pub fn run(_args: Args) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`extract` is not implemented yet")
}
