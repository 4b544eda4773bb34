//! Writing command output to stdout or a file.

use std::io::Write;
use std::path::Path;

use anyhow::Context;

/// Writes `content` to `path` (or stdout when `None`).
pub fn write_output(path: Option<&Path>, content: &str) -> anyhow::Result<()> {
    match path {
        Some(p) => std::fs::write(p, content).with_context(|| format!("cannot write {}", p.display())),
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(content.as_bytes())?;
            if !content.ends_with('\n') {
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
