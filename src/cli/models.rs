//! `pactc models`.

use miette::Result;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct ModelsArgs {}

pub fn run(_args: ModelsArgs) -> Result<ExitCode> {
    Err(miette::miette!(
        "`pactc models` is not available in this build"
    ))
}
