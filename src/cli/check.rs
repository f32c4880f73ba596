//! `pactc check`: resolves specs and prints their diagnostics.

use clap::ValueEnum;
use miette::Result;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use crate::diagnostic::{self, Diagnostic, Severity};
use crate::model::Spec;
use crate::resolve;
use crate::source::SourceMap;

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Spec files to check; each is checked with the files it includes.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,

    /// Output format of the diagnostics: `graphical` on stderr, or `json` on stdout.
    #[arg(long, value_enum, default_value_t = Format::Graphical)]
    pub format: Format,

    /// Exits with status 1 when there are warnings, not only errors.
    #[arg(long)]
    pub deny_warnings: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Graphical,
    Json,
}

/// What checking one file found.
struct Checked {
    diagnostics: Vec<Diagnostic>,
    sources: SourceMap,
}

pub fn run(args: CheckArgs) -> Result<ExitCode> {
    let results: Vec<Checked> = args.files.iter().map(|path| check_file(path)).collect();
    let count = |severity| {
        results
            .iter()
            .flat_map(|checked| &checked.diagnostics)
            .filter(|diagnostic| diagnostic.severity == severity)
            .count()
    };
    let (errors, warnings) = (count(Severity::Error), count(Severity::Warning));

    match args.format {
        Format::Graphical => print_graphical(&results, args.files.len(), errors, warnings),
        Format::Json => print_json(&results, errors, warnings),
    }

    let failed = errors > 0 || (args.deny_warnings && warnings > 0);
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn check_file(path: &std::path::Path) -> Checked {
    match resolve::load(path) {
        Ok((spec, sources, mut diagnostics)) => {
            diagnostics.extend(later_stage_diagnostics(&spec, &sources));
            diagnostic::sort(&mut diagnostics);
            Checked {
                diagnostics,
                sources,
            }
        }
        Err(failed) => Checked {
            diagnostics: failed.list,
            sources: failed.sources,
        },
    }
}

/// Diagnostics of the stages after resolution that `check` runs on a resolved spec. Each
/// stage reports through [`Diagnostic`], or converts its own `miette::Diagnostic` with
/// [`Diagnostic::from_miette`], with spans into `sources`.
fn later_stage_diagnostics(_spec: &Spec, _sources: &SourceMap) -> Vec<Diagnostic> {
    // TODO: add the check that templates use only the variables the matrix provides, from
    // `crate::template`, once that module exposes it.
    Vec::new()
}

fn print_graphical(results: &[Checked], files: usize, errors: usize, warnings: usize) {
    let mut stderr = std::io::stderr().lock();
    for checked in results {
        for diagnostic in &checked.diagnostics {
            let _ = stderr
                .write_all(diagnostic::render_graphical(diagnostic, &checked.sources).as_bytes());
        }
    }
    let _ = writeln!(
        stderr,
        "checked {files} {}: {errors} {}, {warnings} {}",
        plural(files, "file", "files"),
        plural(errors, "error", "errors"),
        plural(warnings, "warning", "warnings"),
    );
}

fn print_json(results: &[Checked], errors: usize, warnings: usize) {
    let diagnostics: Vec<_> = results
        .iter()
        .flat_map(|checked| {
            checked
                .diagnostics
                .iter()
                .map(|diagnostic| diagnostic::to_json(diagnostic, &checked.sources))
        })
        .collect();
    let output = serde_json::json!({
        "diagnostics": diagnostics,
        "errors": errors,
        "warnings": warnings,
    });
    let text = serde_json::to_string_pretty(&output).expect("diagnostics serialize to JSON");
    let _ = writeln!(std::io::stdout().lock(), "{text}");
}

fn plural<'a>(count: usize, one: &'a str, many: &'a str) -> &'a str {
    if count == 1 { one } else { many }
}
