//! `pactc expand`.

use miette::Result;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct ExpandArgs {}

pub fn run(_args: ExpandArgs) -> Result<ExitCode> {
    Err(miette::miette!(
        "`pactc expand` is not available in this build"
    ))
}
