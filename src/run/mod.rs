//! The executor: sends every cell of an evaluation to every model, and journals each
//! result without ever losing or repeating one.
//!
//! For each cell, model and sample the executor builds a [`job::Job`] with a
//! content-addressed key. A job already in the journal is skipped, a job in the
//! [`cache`] is copied to the journal, and every other job is sent to its backend with
//! bounded concurrency, a rate [`limiter`] and retries with exponential backoff. Each
//! reply is appended to `results.jsonl` ([`journal`]) and then stored in the cache, so a
//! run killed at any point resumes with neither gaps nor duplicates.
//!
//! This module owns no model logic: backends ([`backends`], [`crate::embedded`]) turn
//! requests into replies, and [`outcome`] turns replies into decisions.

pub mod answer;
pub mod backends;
pub mod cache;
mod executor;
pub mod job;
pub mod journal;
pub mod letters;
pub mod limiter;
pub mod outcome;
pub mod rundir;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Duration;

pub use executor::execute;

/// Execution settings of a run. None of them change the results.
#[derive(Debug, Clone)]
pub struct RunOptions {
    /// `runs/<name>/`.
    pub run_dir: PathBuf,
    pub cache_path: PathBuf,
    /// Requests in flight at once, across all models.
    pub concurrency: usize,
    pub requests_per_minute: Option<u32>,
    pub tokens_per_minute: Option<u64>,
    /// Requests to send at most in this invocation; cache hits do not count.
    pub max_requests: Option<u64>,
    /// Attempts per request, the first included.
    pub max_attempts: u32,
    /// The first retry waits up to this long; each further retry doubles the ceiling.
    pub initial_backoff: Duration,
    /// Ceiling of a single backoff wait (a `Retry-After` may ask for longer).
    pub max_backoff: Duration,
    /// How long Ctrl-C waits for requests in flight before giving them up.
    pub shutdown_grace: Duration,
    /// Print what would be sent and the cache hits, and send nothing.
    pub dry_run: bool,
    /// Replace the run directory's earlier results.
    pub restart: bool,
    /// Keep only the cells of this shard.
    pub shard: Option<Shard>,
    pub progress: bool,
    /// Number of cells, when known, for the progress bar.
    pub expected_cells: Option<u64>,
    pub plan: Option<rundir::PlanCopy>,
}

impl RunOptions {
    /// Options with the defaults of `pactc run` for a run directory.
    pub fn new(run_dir: PathBuf, cache_path: PathBuf) -> RunOptions {
        RunOptions {
            run_dir,
            cache_path,
            concurrency: 16,
            requests_per_minute: None,
            tokens_per_minute: None,
            max_requests: None,
            max_attempts: 6,
            initial_backoff: Duration::from_millis(500),
            max_backoff: Duration::from_secs(60),
            shutdown_grace: Duration::from_secs(10),
            dry_run: false,
            restart: false,
            shard: None,
            progress: false,
            expected_cells: None,
            plan: None,
        }
    }
}

/// Shard `index` of `count` (0-based): the cells whose id hashes to `index`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    pub index: u32,
    pub count: u32,
}

impl Shard {
    /// Parses `i/n` with `0 <= i < n`.
    pub fn parse(text: &str) -> Result<Shard, String> {
        let invalid =
            || format!("invalid shard `{text}`: write it as i/n with 0 <= i < n, such as 0/4");
        let (index, count) = text.split_once('/').ok_or_else(invalid)?;
        let index: u32 = index.trim().parse().map_err(|_| invalid())?;
        let count: u32 = count.trim().parse().map_err(|_| invalid())?;
        if count == 0 || index >= count {
            return Err(invalid());
        }
        Ok(Shard { index, count })
    }

    pub fn contains(&self, cell_id: &str) -> bool {
        use sha2::{Digest, Sha256};
        let digest = Sha256::digest(cell_id.as_bytes());
        let value = u32::from_le_bytes(digest[..4].try_into().expect("a digest has 32 bytes"));
        value % self.count == self.index
    }
}

/// Counts of a run, for the summary and the exit status.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct Summary {
    /// Results this invocation accounted for (sent, from the cache, or already journaled).
    pub results: u64,
    pub already_done: u64,
    pub cache_hits: u64,
    pub sent: u64,
    /// New results with a decision.
    pub decided: u64,
    /// New results recorded as UNKNOWN.
    pub unknown: u64,
    /// Requests that failed after their retries, by error message.
    pub failed: u64,
    pub failures: BTreeMap<String, u64>,
    /// Results not attempted because `--max-requests` was reached.
    pub over_budget: u64,
    pub interrupted: bool,
}

impl Summary {
    /// 0 when every result has a decision or a recorded UNKNOWN, 1 when some failed or
    /// were left undone, 130 after Ctrl-C.
    pub fn exit_code(&self) -> u8 {
        if self.interrupted {
            130
        } else if self.failed > 0 || self.over_budget > 0 {
            1
        } else {
            0
        }
    }
}

/// Errors that keep a run from starting or stop it.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum RunError {
    #[error("{message}")]
    #[diagnostic(code(pactc::run::usage))]
    Usage {
        message: String,
        #[help]
        help: String,
    },
    #[error("{0}")]
    #[diagnostic(code(pactc::run::backend))]
    Backend(backends::OpenError, #[help] Option<String>),
    #[error("{}: {message}", path.display())]
    #[diagnostic(code(pactc::run::io))]
    Io { path: PathBuf, message: String },
    #[error(transparent)]
    #[diagnostic(code(pactc::run::journal))]
    Journal(#[from] journal::JournalError),
    #[error(transparent)]
    #[diagnostic(code(pactc::run::cache))]
    Cache(#[from] cache::CacheError),
    #[error(transparent)]
    #[diagnostic(transparent)]
    Expand(#[from] crate::expand::ExpandError),
}

impl From<backends::OpenError> for RunError {
    fn from(error: backends::OpenError) -> RunError {
        let help = error.help.clone();
        RunError::Backend(error, help)
    }
}
