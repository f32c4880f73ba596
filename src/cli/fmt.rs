//! `pactc fmt`: prints specs in canonical layout.

use miette::Result;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::diagnostic::{self, Diagnostic};
use crate::resolve::files::read_text;
use crate::source::SourceMap;
use crate::syntax;

#[derive(Debug, clap::Args)]
pub struct FmtArgs {
    /// Spec files to format in place. Included files are not formatted unless listed.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,

    /// Changes no file; lists the files whose layout is not canonical and exits with 1.
    #[arg(long, conflicts_with = "stdout")]
    pub check: bool,

    /// Prints the formatted files to stdout instead of rewriting them.
    #[arg(long)]
    pub stdout: bool,
}

/// The result of formatting one file.
enum Outcome {
    Unchanged,
    Changed,
    Failed,
}

pub fn run(args: FmtArgs) -> Result<ExitCode> {
    let mut failed = false;
    let mut unformatted = 0;
    for path in &args.files {
        match format_file(path, &args) {
            Outcome::Unchanged => {}
            Outcome::Changed => unformatted += 1,
            Outcome::Failed => failed = true,
        }
    }
    let check_failed = args.check && unformatted > 0;
    Ok(if failed || check_failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn format_file(path: &Path, args: &FmtArgs) -> Outcome {
    let mut sources = SourceMap::new();
    let text = match read_text(path) {
        Ok(text) => text,
        Err(problem) => {
            report(&[problem.into_diagnostic(path, None)], &sources);
            return Outcome::Failed;
        }
    };
    let file = sources.add(path, text.as_str());
    let (syntax, diagnostics) = syntax::parse(file, &text);
    if diagnostics.iter().any(Diagnostic::is_error) {
        report(&diagnostics, &sources);
        return Outcome::Failed;
    }
    let formatted = syntax::format::format(&syntax, &text);
    if args.stdout {
        let _ = std::io::stdout().lock().write_all(formatted.as_bytes());
    }
    if formatted == text {
        return Outcome::Unchanged;
    }
    if args.check {
        eprintln!(
            "{} is not in canonical layout; run `pactc fmt {}`",
            path.display(),
            path.display()
        );
    } else if !args.stdout
        && let Err(error) = std::fs::write(path, &formatted)
    {
        eprintln!("error: cannot write {}: {error}", path.display());
        return Outcome::Failed;
    }
    Outcome::Changed
}

fn report(diagnostics: &[Diagnostic], sources: &SourceMap) {
    let mut stderr = std::io::stderr().lock();
    for diagnostic in diagnostics {
        let _ = stderr.write_all(diagnostic::render_graphical(diagnostic, sources).as_bytes());
    }
}
