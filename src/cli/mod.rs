//! The command line: argument parsing, logging set-up and exit codes.
//!
//! Each subcommand lives in its own file with its `clap::Args` struct and a `run` function.
//! Exit codes: 0 success, 1 errors in the input or failed work, 2 usage errors.

use clap::{Parser, Subcommand};
use std::process::ExitCode;

pub mod check;
pub mod expand;
pub mod fmt;
pub mod models;
pub mod plan;
pub mod report;
pub mod run;

#[derive(Debug, Parser)]
#[command(
    name = "pactc",
    version,
    about = "Compile, run and report PACT evaluations"
)]
pub struct Cli {
    /// Raises log verbosity (-v info, -vv debug, -vvv trace); PACTC_LOG overrides it.
    #[arg(short, long, action = clap::ArgAction::Count, global = true)]
    pub verbose: u8,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Checks specs and prints diagnostics.
    Check(check::CheckArgs),
    /// Prints specs in canonical layout.
    Fmt(fmt::FmtArgs),
    /// Expands an evaluation into its prompt matrix.
    Expand(expand::ExpandArgs),
    /// Writes the runnable plan of a spec.
    Plan(plan::PlanArgs),
    /// Runs a plan or spec against its models.
    Run(run::RunArgs),
    /// Computes metrics and writes the report of one or more runs.
    Report(report::ReportArgs),
    /// Lists and fetches models for the embedded backend.
    Models(models::ModelsArgs),
}

/// Parses arguments, runs the subcommand and maps its outcome to an exit code.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    init_logging(cli.verbose);
    let outcome = match cli.command {
        Command::Check(args) => check::run(args),
        Command::Fmt(args) => fmt::run(args),
        Command::Expand(args) => expand::run(args),
        Command::Plan(args) => plan::run(args),
        Command::Run(args) => run::run(args),
        Command::Report(args) => report::run(args),
        Command::Models(args) => models::run(args),
    };
    match outcome {
        Ok(code) => code,
        Err(report) => {
            eprintln!("{report:?}");
            ExitCode::from(1)
        }
    }
}

fn init_logging(verbose: u8) {
    let default = match verbose {
        0 => "warn",
        1 => "info",
        2 => "debug",
        _ => "trace",
    };
    let filter = tracing_subscriber::EnvFilter::try_from_env("PACTC_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(default));
    // Colour codes only where a terminal shows them, not in a piped or saved log.
    let colour = std::io::IsTerminal::is_terminal(&std::io::stderr());
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(colour)
        .init();
}
