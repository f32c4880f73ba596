//! `pactc run`: runs an evaluation and journals its results in `runs/<name>/`.
//!
//! Exit status: 0 when every result has a decision or a recorded UNKNOWN, 1 when the input
//! has errors, or requests failed after their retries, or `--max-requests` left results
//! undone; 2 on usage errors; 130 after Ctrl-C.

mod input;

use miette::Result;
use std::io::BufRead;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::cell::Cell;
use crate::expand::Expansion;
use crate::run::{self, RunError, RunOptions, Shard, Summary};
use input::{CellSource, Input, InputError};

#[derive(Debug, clap::Args)]
pub struct RunArgs {
    /// A `.pact` spec (expanded on the fly), a `.yaml` plan from `pactc plan`, or a run
    /// bundle (`.json` with a resolved `spec`, the `evaluation` and a `cells` matrix file).
    pub input: PathBuf,

    /// Evaluation to run [default: the only one, or `quick`].
    #[arg(short, long = "eval", value_name = "NAME")]
    pub evaluation: Option<String>,

    /// Name of the run directory under --runs-dir [default: INPUT's stem and the evaluation].
    #[arg(long)]
    pub name: Option<String>,

    #[command(flatten)]
    pub execution: Box<ExecutionArgs>,
}

/// Execution settings. None of them change the results.
#[derive(Debug, clap::Args)]
pub struct ExecutionArgs {
    /// Folder that contains the run directories.
    #[arg(long, default_value = "runs")]
    pub runs_dir: PathBuf,

    /// Result cache file, shareable between runs [default: RUNS_DIR/cache.sqlite].
    #[arg(long)]
    pub cache: Option<PathBuf>,

    /// Requests in flight at once, across all models.
    #[arg(long, default_value_t = 16)]
    pub concurrency: usize,

    /// Maximum requests sent per minute.
    #[arg(long)]
    pub requests_per_minute: Option<u32>,

    /// Maximum tokens per minute, estimated from prompt length plus max_tokens.
    #[arg(long)]
    pub tokens_per_minute: Option<u64>,

    /// Requests to send at most in this invocation; cache hits do not count.
    #[arg(long)]
    pub max_requests: Option<u64>,

    /// Attempts per request, the first included, before it is recorded as failed.
    #[arg(long, default_value_t = 6)]
    pub max_attempts: u32,

    /// Upper bound of the first retry's random wait, in milliseconds; it doubles per retry.
    #[arg(long, default_value_t = 500)]
    pub backoff_ms: u64,

    /// Print what would be sent and what the cache holds, and send nothing.
    #[arg(long)]
    pub dry_run: bool,

    /// Replace the run directory's earlier results (unchanged requests still come from the cache).
    #[arg(long)]
    pub restart: bool,

    /// Run only shard i of n (0-based), so several machines can split one matrix.
    #[arg(long, value_name = "I/N")]
    pub shard: Option<String>,

    /// Expand a matrix above the spec's cell bound (`max_cells`, 1,000,000 by default).
    #[arg(long)]
    pub allow_large: bool,

    /// Hide the progress bar.
    #[arg(long)]
    pub no_progress: bool,
}

pub fn run(args: RunArgs) -> Result<ExitCode> {
    let loaded = input::load(
        &args.input,
        args.evaluation.as_deref(),
        args.execution.allow_large,
    );
    let input = match loaded {
        Ok(input) => input,
        Err(InputError::Usage { message, help }) => return Ok(usage_error(&message, &help)),
        Err(InputError::Invalid(report)) => return Err(report),
    };
    match run_input(&args, input) {
        Err(RunError::Usage { message, help }) => Ok(usage_error(&message, &help)),
        Err(other) => Err(other.into()),
        Ok(code) => Ok(code),
    }
}

fn usage_error(message: &str, help: &str) -> ExitCode {
    eprintln!("error: {message}\nhelp: {help}");
    ExitCode::from(2)
}

fn run_input(args: &RunArgs, input: Input) -> Result<ExitCode, RunError> {
    let name = args
        .name
        .clone()
        .unwrap_or_else(|| default_name(&args.input, &input.evaluation));
    check_name(&name)?;
    let options = options(&args.execution, &name, &input)?;
    let run_dir = options.run_dir.clone();
    let dry_run = options.dry_run;
    let evaluation = &input.spec.evaluations[&input.evaluation];
    let targets = run::backends::open_targets(&input.spec, evaluation)?;

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| RunError::Io {
            path: run_dir.clone(),
            message: format!("cannot start the async runtime: {e}"),
        })?;
    let stream_error = Arc::new(Mutex::new(None));
    let summary = runtime.block_on(async {
        let (stop, stopped) = tokio::sync::watch::channel(false);
        tokio::spawn(async move {
            if tokio::signal::ctrl_c().await.is_ok() {
                let _ = stop.send(true);
            }
        });
        let (spec, evaluation) = (&input.spec, input.evaluation.as_str());
        match &input.source {
            CellSource::Expand => {
                let expansion = Expansion::new(spec, evaluation)?;
                let cells = Expanded {
                    cells: expansion.cells(),
                    error: stream_error.clone(),
                };
                run::execute(spec, evaluation, cells, targets, options, Some(stopped)).await
            }
            CellSource::Matrix(path) => {
                let cells = CellReader::open(path, evaluation, stream_error.clone())?;
                run::execute(spec, evaluation, cells, targets, options, Some(stopped)).await
            }
        }
    })?;
    runtime.shutdown_timeout(Duration::from_secs(1));

    if let Some(error) = stream_error
        .lock()
        .expect("the cell stream does not panic")
        .take()
    {
        return Err(error);
    }
    print_summary(&summary, &run_dir, dry_run);
    if !dry_run && !summary.interrupted && summary.results > 0 {
        if let Err(report) = write_report(&run_dir) {
            eprintln!("{report:?}");
            return Ok(ExitCode::from(1));
        }
    }
    Ok(ExitCode::from(summary.exit_code()))
}

fn default_name(input: &Path, evaluation: &str) -> String {
    let stem = input.file_stem().and_then(|s| s.to_str()).unwrap_or("run");
    format!("{stem}-{evaluation}")
}

/// Rejects run names that would leave the runs folder.
fn check_name(name: &str) -> Result<(), RunError> {
    let valid = !name.is_empty()
        && name != "."
        && name != ".."
        && !name.contains(['/', '\\'])
        && !name.starts_with('.');
    if valid {
        return Ok(());
    }
    Err(RunError::Usage {
        message: format!("invalid run name `{name}`"),
        help: "use a plain folder name without slashes, such as quick-2026".to_string(),
    })
}

fn options(args: &ExecutionArgs, name: &str, input: &Input) -> Result<RunOptions, RunError> {
    let cache = args
        .cache
        .clone()
        .unwrap_or_else(|| args.runs_dir.join("cache.sqlite"));
    let mut options = RunOptions::new(args.runs_dir.join(name), cache);
    options.concurrency = args.concurrency;
    options.requests_per_minute = args.requests_per_minute;
    options.tokens_per_minute = args.tokens_per_minute;
    options.max_requests = args.max_requests;
    options.max_attempts = args.max_attempts;
    options.initial_backoff = Duration::from_millis(args.backoff_ms);
    options.dry_run = args.dry_run;
    options.restart = args.restart;
    options.progress = !args.no_progress;
    options.plan = Some(input.plan.clone());
    options.expected_cells = input.expected_cells;
    options.shard = match &args.shard {
        Some(text) => Some(Shard::parse(text).map_err(|message| RunError::Usage {
            message,
            help: "--shard takes the shard index and count, such as --shard 0/4".to_string(),
        })?),
        None => None,
    };
    Ok(options)
}

/// Streams the cells of one evaluation from a matrix file. A line that fails to read or
/// parse ends the stream and leaves its error for the caller, because the executor takes
/// an infallible iterator.
struct CellReader {
    lines: std::io::Lines<std::io::BufReader<std::fs::File>>,
    path: PathBuf,
    evaluation: String,
    line: usize,
    error: Arc<Mutex<Option<RunError>>>,
}

impl CellReader {
    fn open(
        path: &Path,
        evaluation: &str,
        error: Arc<Mutex<Option<RunError>>>,
    ) -> Result<CellReader, RunError> {
        let file = std::fs::File::open(path).map_err(|e| RunError::Usage {
            message: format!("cannot open matrix file {}: {e}", path.display()),
            help: "check the matrix path of the plan or run bundle".to_string(),
        })?;
        Ok(CellReader {
            lines: std::io::BufReader::new(file).lines(),
            path: path.to_path_buf(),
            evaluation: evaluation.to_string(),
            line: 0,
            error,
        })
    }

    fn fail(&self, message: String) -> Option<Cell> {
        let error = RunError::Io {
            path: self.path.clone(),
            message: format!("line {}: {message}; regenerate the matrix file", self.line),
        };
        *self.error.lock().expect("the cell stream does not panic") = Some(error);
        None
    }
}

impl Iterator for CellReader {
    type Item = Cell;

    fn next(&mut self) -> Option<Cell> {
        loop {
            self.line += 1;
            let line = match self.lines.next()? {
                Ok(line) => line,
                Err(error) => return self.fail(format!("cannot read: {error}")),
            };
            if line.trim().is_empty() {
                continue;
            }
            match serde_json::from_str::<Cell>(&line) {
                Ok(cell) if cell.evaluation == self.evaluation => return Some(cell),
                Ok(_) => continue,
                Err(error) => return self.fail(format!("not a valid cell: {error}")),
            }
        }
    }
}

/// The cells of an expansion; an expansion error ends the stream and is kept for the
/// caller.
struct Expanded<I> {
    cells: I,
    error: Arc<Mutex<Option<RunError>>>,
}

impl<I: Iterator<Item = Result<Cell, crate::expand::ExpandError>>> Iterator for Expanded<I> {
    type Item = Cell;

    fn next(&mut self) -> Option<Cell> {
        match self.cells.next()? {
            Ok(cell) => Some(cell),
            Err(error) => {
                *self.error.lock().expect("the cell stream does not panic") = Some(error.into());
                None
            }
        }
    }
}

fn print_summary(summary: &Summary, run_dir: &Path, dry_run: bool) {
    if dry_run {
        eprintln!(
            "dry run: {} requests would be sent, {} results come from the cache",
            summary.sent, summary.cache_hits
        );
        return;
    }
    eprintln!(
        "{} results in {}: {} new with a decision, {} new UNKNOWN, {} from the cache, {} already recorded",
        summary.results,
        run_dir.display(),
        summary.decided,
        summary.unknown,
        summary.cache_hits,
        summary.already_done
    );
    if summary.failed > 0 {
        eprintln!(
            "{} requests failed after retries; rerun to retry them:",
            summary.failed
        );
        for (message, count) in &summary.failures {
            eprintln!("  {count} x {message}");
        }
    }
    if summary.over_budget > 0 {
        eprintln!(
            "{} results were not run because --max-requests was reached; rerun to continue",
            summary.over_budget
        );
    }
    if summary.interrupted {
        eprintln!("interrupted: rerun the same command to resume");
    }
}

/// Writes the report of a finished run and prints its summary. This is the one place a run
/// hands over to the report stage; the results stay in the journal whatever happens here.
fn write_report(run_dir: &Path) -> miette::Result<()> {
    use miette::WrapErr;

    let options = crate::report::ReportOptions::default();
    let summary =
        crate::report::write_report(&[run_dir.to_path_buf()], &options).wrap_err_with(|| {
            format!(
                "the results are saved in {}, but writing their report failed; \
                 `pactc report {}` retries it",
                run_dir.display(),
                run_dir.display()
            )
        })?;
    println!("{}", summary.markdown.trim_end());
    println!(
        "\nreport: {}",
        summary.out_dir.join("report.html").display()
    );
    Ok(())
}
