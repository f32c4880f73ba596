//! Analysis and report of one or more run directories.
//!
//! [`write_report`] reads `spec.json` and streams `results.jsonl` of each run (see
//! [`load`]). It computes rates, option-order figures, context and demographic effects,
//! tests, the regression, paired comparisons and, with human data, the alignment figures.
//! It then writes `metrics.json`, tidy CSV tables, `report.md` and a self-contained
//! `report.html` into the output directory. This stage reads no file of a run besides those
//! two, and no file besides the human-data file.

pub mod alignment;
pub mod bootstrap;
pub mod effects;
pub mod factors;
pub mod human;
pub mod load;
pub mod metrics;
pub mod output;
pub mod paired;
pub mod plots;
pub mod rates;
pub mod regression;
pub mod stats;
pub mod threshold;

use miette::{IntoDiagnostic, Result, WrapErr};
use std::path::PathBuf;

pub use bootstrap::BootstrapOptions;
pub use metrics::Metrics;
pub use threshold::Threshold;

/// Options of a report: human data, output directory and bootstrap settings.
#[derive(Debug, Clone, Default)]
pub struct ReportOptions {
    /// Human-study answers in the CSV layout of `docs/report.md`.
    pub human: Option<PathBuf>,
    /// Output directory; the first run directory when unset.
    pub out: Option<PathBuf>,
    pub bootstrap: BootstrapOptions,
}

/// The outcome of a written report, for the caller to print and check.
#[derive(Debug, Clone)]
pub struct Summary {
    /// The short Markdown summary for the terminal.
    pub markdown: String,
    pub out_dir: PathBuf,
    pub metrics: Metrics,
}

/// Computes the report of `run_dirs` and writes its files.
pub fn write_report(run_dirs: &[PathBuf], options: &ReportOptions) -> Result<Summary> {
    let metrics = compute(run_dirs, options)?;
    let out_dir = options.out.clone().unwrap_or_else(|| run_dirs[0].clone());
    std::fs::create_dir_all(&out_dir)
        .into_diagnostic()
        .wrap_err_with(|| {
            format!(
                "failed to create the output directory {}",
                out_dir.display()
            )
        })?;
    output::write_all(&metrics, &out_dir)?;
    Ok(Summary {
        markdown: output::render_summary(&metrics)?,
        out_dir,
        metrics,
    })
}

/// Computes every metric without writing anything.
pub fn compute(run_dirs: &[PathBuf], options: &ReportOptions) -> Result<Metrics> {
    let data = load::load(run_dirs)?;
    let human = match &options.human {
        Some(path) => {
            let items = metrics::item_infos(&data);
            let counts = human::read_human(path, &items).map_err(|message| {
                miette::miette!(
                    help = "see docs/report.md for the human-data CSV layouts",
                    "{message}"
                )
            })?;
            Some((counts, items))
        }
        None => None,
    };
    Ok(metrics::build(&data, human.as_ref(), &options.bootstrap))
}
