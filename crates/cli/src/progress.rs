//! A progress bar on stderr, shown only when stderr is a terminal.

use std::io::IsTerminal;
use std::sync::Mutex;

use indicatif::{ProgressBar, ProgressStyle};

/// Progress reporter for pipeline stages. Hidden when stderr is not a terminal or the
/// stage is small (fewer than `min_total` items).
pub struct Bar {
    bar: Mutex<Option<(String, ProgressBar)>>,
    enabled: bool,
    min_total: usize,
}

impl Bar {
    /// A new reporter.
    pub fn new() -> Self {
        Bar { bar: Mutex::new(None), enabled: std::io::stderr().is_terminal(), min_total: 50 }
    }

    /// Reports progress of `stage`.
    pub fn update(&self, stage: &str, done: usize, total: usize) {
        if !self.enabled || total < self.min_total {
            return;
        }
        let mut guard = self.bar.lock().unwrap_or_else(|e| e.into_inner());
        let fresh = !matches!(&*guard, Some((s, _)) if s == stage);
        if fresh {
            if let Some((_, b)) = guard.take() {
                b.finish_and_clear();
            }
            let b = ProgressBar::new(total as u64);
            b.set_style(
                ProgressStyle::with_template("{msg:>9} [{bar:40}] {pos}/{len} ({per_sec}, eta {eta})")
                    .unwrap_or_else(|_| ProgressStyle::default_bar())
                    .progress_chars("=> "),
            );
            b.set_message(stage.to_string());
            *guard = Some((stage.to_string(), b));
        }
        if let Some((_, b)) = &*guard {
            b.set_position(done as u64);
        }
    }

    /// Clears the bar.
    pub fn finish(&self) {
        if let Some((_, b)) = self.bar.lock().unwrap_or_else(|e| e.into_inner()).take() {
            b.finish_and_clear();
        }
    }
}
