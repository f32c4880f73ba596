//! `pactc report`: metrics, tables and the HTML report of one or more run directories.

use miette::{Result, miette};
use std::path::PathBuf;
use std::process::ExitCode;

use crate::report::{BootstrapOptions, ReportOptions, Threshold, write_report};

#[derive(Debug, clap::Args)]
pub struct ReportArgs {
    /// Run directories, each holding spec.json and results.jsonl.
    #[arg(required = true, value_name = "RUN")]
    pub runs: Vec<PathBuf>,

    /// Human-study answers (CSV; layouts in docs/report.md) for the alignment section.
    #[arg(long, value_name = "FILE")]
    pub human: Option<PathBuf>,

    /// Directory for the report files [default: the first run directory].
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,

    /// Exits with code 1 when `METRIC OP VALUE` holds, where METRIC is a dotted path into
    /// metrics.json; may be repeated.
    #[arg(long = "fail-if", value_name = "EXPR", value_parser = parse_threshold)]
    pub fail_if: Vec<Threshold>,

    /// Bootstrap replicates for intervals on differences and correlations.
    #[arg(long, default_value_t = BootstrapOptions::default().replicates)]
    pub replicates: usize,

    /// Seed of the bootstrap and split-half resampling.
    #[arg(long, default_value_t = BootstrapOptions::default().seed)]
    pub seed: u64,
}

fn parse_threshold(text: &str) -> Result<Threshold, String> {
    text.parse()
}

pub fn run(args: ReportArgs) -> Result<ExitCode> {
    if args.replicates == 0 {
        return Err(miette!(
            help = "pass --replicates 1000, or another positive count",
            "invalid --replicates 0: the bootstrap needs at least one replicate"
        ));
    }
    let options = ReportOptions {
        human: args.human,
        out: args.out,
        bootstrap: BootstrapOptions {
            replicates: args.replicates,
            seed: args.seed,
        },
    };
    let summary = write_report(&args.runs, &options)?;
    println!("{}", summary.markdown.trim_end());
    println!("\nReport written to {}", summary.out_dir.display());

    let metrics = serde_json::to_value(&summary.metrics)
        .map_err(|e| miette!("failed to convert the metrics to JSON: {e}"))?;
    let mut crossed = false;
    for threshold in &args.fail_if {
        let (value, holds) = threshold.check(&metrics)?;
        if holds {
            eprintln!(
                "threshold crossed: {} (value {value})",
                threshold.describe()
            );
            crossed = true;
        }
    }
    Ok(if crossed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
