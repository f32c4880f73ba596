//! `pactc fmt`.

use miette::Result;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct FmtArgs {}

pub fn run(_args: FmtArgs) -> Result<ExitCode> {
    Err(miette::miette!(
        "`pactc fmt` is not available in this build"
    ))
}
