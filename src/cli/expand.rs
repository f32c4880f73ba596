//! `pactc expand`: writes the prompt matrix of a spec, or its human-study questionnaire.

use miette::{IntoDiagnostic, Result, WrapErr};
use std::fs::File;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::diagnostic::Diagnostic;
use crate::expand::parallel::{default_threads, write_jsonl_parallel};
use crate::expand::write::{CellWriter, Format};
use crate::expand::{ExpandError, Expansion, evaluation_names, questionnaire};
use crate::model::{Spec, TemplateOrigin};
use crate::source::SourceMap;

#[derive(Debug, clap::Args)]
pub struct ExpandArgs {
    /// The spec to expand: a `.pact` file, or a resolved spec as JSON.
    pub spec: PathBuf,

    /// Expands only this evaluation (default: every evaluation of the spec).
    #[arg(long = "eval", value_name = "NAME")]
    pub evaluation: Option<String>,

    /// Stops after this many cells in total.
    #[arg(long, value_name = "N")]
    pub limit: Option<u64>,

    /// Output format [default: text when writing to a terminal, jsonl otherwise].
    #[arg(long, value_enum)]
    pub format: Option<Format>,

    /// Writes to this file instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Expands evaluations above their cell bound (`max_cells`, default 1,000,000).
    #[arg(long)]
    pub allow_large: bool,

    /// Writes the human-study questionnaire as CSV instead of the model prompts: one row per
    /// item, question and option order.
    #[arg(long, conflicts_with_all = ["format", "limit"])]
    pub questionnaire: bool,
}

pub fn run(args: ExpandArgs) -> Result<ExitCode> {
    let loaded = load_spec(&args.spec)?;
    let names = evaluation_names(&loaded.spec, args.evaluation.as_deref())?;
    let out = open_output(args.output.as_deref())?;
    let outcome = if args.questionnaire {
        write_questionnaires(&loaded.spec, &names, out)
    } else {
        let format = args.format.unwrap_or(match args.output {
            None if io::stdout().is_terminal() => Format::Text,
            _ => Format::Jsonl,
        });
        write_matrix(&loaded.spec, &names, out, format, &args)
    };
    match outcome {
        Ok(written) => {
            if let Some(path) = &args.output {
                eprintln!("wrote {written} rows to {}", path.display());
            }
            Ok(ExitCode::SUCCESS)
        }
        // A reader such as `head` closed the pipe: the output it wanted is written.
        Err(ExpandError::Write(error)) if error.kind() == io::ErrorKind::BrokenPipe => {
            Ok(ExitCode::SUCCESS)
        }
        Err(error) => {
            Err(error).wrap_err_with(|| format!("failed to expand {}", args.spec.display()))
        }
    }
}

fn write_matrix(
    spec: &Spec,
    names: &[String],
    out: Box<dyn Write>,
    format: Format,
    args: &ExpandArgs,
) -> Result<u64, ExpandError> {
    let mut writer = CellWriter::new(format, out, spec)?;
    let mut remaining = args.limit.unwrap_or(u64::MAX);
    let mut parallel_written = 0;
    for name in names {
        let expansion = Expansion::new(spec, name)?;
        // A limit within the bound means the large matrix is never written.
        let within_limit = args
            .limit
            .is_some_and(|limit| limit <= crate::expand::DEFAULT_MAX_CELLS);
        expansion.check_size(args.allow_large || within_limit)?;
        if format == Format::Jsonl
            && args.limit.is_none()
            && let Some(out) = writer.plain_output()
        {
            parallel_written += write_jsonl_parallel(&expansion, out, default_threads())?.cells;
            continue;
        }
        for cell in expansion.cells() {
            if remaining == 0 {
                break;
            }
            writer.write(&cell?)?;
            remaining -= 1;
        }
    }
    let written = writer.written() + parallel_written;
    writer.finish()?;
    Ok(written)
}

fn write_questionnaires(
    spec: &Spec,
    names: &[String],
    out: Box<dyn Write>,
) -> Result<u64, ExpandError> {
    let mut writer = csv::Writer::from_writer(out);
    let mut rows = 0;
    for (index, name) in names.iter().enumerate() {
        // The questionnaire has rows per item, question and order, whatever the cell count, so
        // the cell bound does not apply.
        let expansion = Expansion::new(spec, name)?;
        rows += questionnaire::write_questionnaire(&expansion, &mut writer, index == 0)?;
    }
    Ok(rows)
}

fn open_output(path: Option<&Path>) -> Result<Box<dyn Write>> {
    const BUFFER: usize = 1 << 20;
    match path {
        None => Ok(Box::new(BufWriter::with_capacity(
            BUFFER,
            io::stdout().lock(),
        ))),
        Some(path) => {
            let file = File::create(path)
                .into_diagnostic()
                .wrap_err_with(|| format!("failed to create {}", path.display()))?;
            Ok(Box::new(BufWriter::with_capacity(BUFFER, file)))
        }
    }
}

/// A spec with the text of every file it was read from, for the spec hash.
pub struct LoadedSpec {
    pub spec: Spec,
    /// Path and content of each source file, in the order they were read.
    pub files: Vec<(PathBuf, String)>,
}

/// Reads a spec: a `.json` file contains a resolved spec (as `serde_json` writes [`Spec`]);
/// any other file is parsed and resolved as `.pact`, and its warnings are printed.
pub fn load_spec(path: &Path) -> Result<LoadedSpec> {
    if path
        .extension()
        .is_some_and(|extension| extension == "json")
    {
        return load_json_spec(path);
    }
    match crate::resolve::load_checked(path) {
        Ok((spec, sources, warnings)) => {
            print_diagnostics(&warnings, &sources);
            let files = source_files(&spec, &sources);
            Ok(LoadedSpec { spec, files })
        }
        Err(failed) => {
            print_diagnostics(&failed.list, &failed.sources);
            Err(miette::miette!(
                help = "fix the errors above; `pactc check` lists them too",
                "{} has {} error(s)",
                path.display(),
                failed.error_count()
            ))
        }
    }
}

fn load_json_spec(path: &Path) -> Result<LoadedSpec> {
    let text = std::fs::read_to_string(path)
        .into_diagnostic()
        .wrap_err_with(|| format!("failed to read the spec {}", path.display()))?;
    let spec: Spec = serde_json::from_str(&text)
        .into_diagnostic()
        .wrap_err_with(|| format!("{} is not a valid resolved spec", path.display()))?;
    Ok(LoadedSpec {
        spec,
        files: vec![(path.to_path_buf(), text)],
    })
}

/// Lists every file the spec was read from: the spec files and tables in the source map,
/// and the template files, which the resolver reads without adding them to it.
fn source_files(spec: &Spec, sources: &SourceMap) -> Vec<(PathBuf, String)> {
    let mut files: Vec<(PathBuf, String)> = sources
        .files()
        .map(|(_, file)| (file.path.clone(), file.text.to_string()))
        .collect();
    for template in spec.templates.values() {
        if let TemplateOrigin::File(path) = &template.origin
            && !files.iter().any(|(known, _)| known == path)
        {
            files.push((path.clone(), template.text.clone()));
        }
    }
    files
}

fn print_diagnostics(list: &[Diagnostic], sources: &SourceMap) {
    let mut stderr = io::stderr().lock();
    for diagnostic in list {
        let _ =
            stderr.write_all(crate::diagnostic::render_graphical(diagnostic, sources).as_bytes());
    }
}
