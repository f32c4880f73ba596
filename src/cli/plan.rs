//! `pactc plan`.

use miette::Result;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct PlanArgs {}

pub fn run(_args: PlanArgs) -> Result<ExitCode> {
    Err(miette::miette!(
        "`pactc plan` is not available in this build"
    ))
}
