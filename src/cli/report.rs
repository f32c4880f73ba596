//! `pactc report`.

use miette::Result;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct ReportArgs {}

pub fn run(_args: ReportArgs) -> Result<ExitCode> {
    Err(miette::miette!(
        "`pactc report` is not available in this build"
    ))
}
