//! `pactc check`.

use miette::Result;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct CheckArgs {}

pub fn run(_args: CheckArgs) -> Result<ExitCode> {
    Err(miette::miette!(
        "`pactc check` is not available in this build"
    ))
}
