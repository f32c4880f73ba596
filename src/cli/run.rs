//! `pactc run`.

use miette::Result;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct RunArgs {}

pub fn run(_args: RunArgs) -> Result<ExitCode> {
    Err(miette::miette!(
        "`pactc run` is not available in this build"
    ))
}
