//! `pactc check`: resolves specs and prints their diagnostics.

use clap::ValueEnum;
use miette::Result;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use crate::diagnostic::{self, Diagnostic, Severity};
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

/// The diagnostics of one checked file and the sources they point into.
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
    match resolve::load_checked(path) {
        Ok((_spec, sources, diagnostics)) => Checked {
            diagnostics,
            sources,
        },
        Err(failed) => Checked {
            diagnostics: failed.list,
            sources: failed.sources,
        },
    }
}

/// Most diagnostics printed per file in graphical form; JSON output has them all. Each
/// rendering scans its file, so printing every warning of a huge spec would take minutes.
const MAX_SHOWN: usize = 50;

fn print_graphical(results: &[Checked], files: usize, errors: usize, warnings: usize) {
    let mut stderr = std::io::stderr().lock();
    for checked in results {
        let shown = shown_diagnostics(&checked.diagnostics);
        for diagnostic in &shown {
            let rendered = diagnostic::render_graphical(diagnostic, &checked.sources);
            let _ = stderr.write_all(rendered.as_bytes());
        }
        let hidden = checked.diagnostics.len() - shown.len();
        if hidden > 0 {
            let _ = writeln!(
                stderr,
                "{hidden} more {} not shown; `--format json` lists all of them\n",
                plural(hidden, "diagnostic", "diagnostics")
            );
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

/// Selects the first [`MAX_SHOWN`] diagnostics, errors before warnings, in source order.
fn shown_diagnostics(diagnostics: &[Diagnostic]) -> Vec<&Diagnostic> {
    let errors = diagnostics
        .iter()
        .filter(|diagnostic| diagnostic.is_error());
    let warnings = diagnostics
        .iter()
        .filter(|diagnostic| !diagnostic.is_error());
    let mut shown: Vec<&Diagnostic> = errors.chain(warnings).take(MAX_SHOWN).collect();
    shown.sort_by_key(|diagnostic| diagnostic.primary.as_ref().map(|label| label.span.start));
    shown
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
