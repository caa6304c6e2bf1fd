//! Progress bars on stderr (indicatif), only on a terminal and without --quiet.

use super::messages::Messages;
use std::io::IsTerminal;

/// A progress bar on stderr for long runs, shown only on a terminal and
/// without --quiet.
pub struct Progress {
    bar: indicatif::ProgressBar,
    enabled: bool,
}

/// Fewer items than this finish too fast for a bar to help.
const PROGRESS_THRESHOLD: usize = 5_000;

impl Progress {
    pub fn new(messages: &Messages, label: &'static str) -> Progress {
        let bar = indicatif::ProgressBar::hidden();
        bar.set_style(
            indicatif::ProgressStyle::with_template("{msg} {wide_bar} {pos}/{len} ({per_sec}, {eta} left)")
                .expect("valid template"),
        );
        bar.set_message(label);
        Progress {
            bar,
            enabled: !messages.quiet && std::io::stderr().is_terminal(),
        }
    }

    /// The total is known: show the bar if the run is long enough to need one.
    pub fn start(&self, total: usize) {
        if self.enabled && total >= PROGRESS_THRESHOLD {
            self.bar.set_length(total as u64);
            self.bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
        }
    }

    pub fn set(&self, done: usize) {
        self.bar.set_position(done as u64);
    }

    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

/// A live line on stderr while indexing: articles, articles/s, MB/s. Only on
/// a terminal and without --quiet; otherwise the summary line says it all.
pub struct IndexProgress {
    bar: Option<indicatif::ProgressBar>,
    started: std::time::Instant,
}

impl IndexProgress {
    pub fn new(messages: &Messages) -> IndexProgress {
        let bar = (!messages.quiet && std::io::stderr().is_terminal()).then(|| {
            let bar = indicatif::ProgressBar::new_spinner();
            bar.set_style(
                indicatif::ProgressStyle::with_template("{spinner} {pos} articles ({per_sec}) {msg}")
                    .expect("valid template"),
            );
            bar.enable_steady_tick(std::time::Duration::from_millis(200));
            bar
        });
        IndexProgress {
            bar,
            started: std::time::Instant::now(),
        }
    }

    pub fn update(&self, report: &tracuu::IndexReport) {
        if let Some(bar) = &self.bar {
            let mb = report.bytes as f64 / 1e6;
            let seconds = self.started.elapsed().as_secs_f64().max(1e-9);
            bar.set_position(report.articles() as u64);
            bar.set_message(format!(
                "{mb:.0} MB, {:.1} MB/s, {} duplicates, {} skipped",
                mb / seconds,
                report.duplicates,
                report.skipped.len()
            ));
        }
    }

    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
